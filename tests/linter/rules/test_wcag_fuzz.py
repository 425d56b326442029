"""Property test: the WCAG page-rule families never crash on arbitrary (often broken) markup."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kasauti.linter.engines.static import check_document
from kasauti.linter.html import Document
from kasauti.linter.rules import all_rules

FAMILIES = ("names", "tables", "frames", "aria", "keyboard", "meta", "media", "structure")
TAGS = ["a", "button", "input", "table", "tr", "td", "th", "thead", "caption", "iframe", "frame", "video", "audio",
        "track", "embed", "object", "param", "marquee", "blink", "meta", "ul", "ol", "li", "div", "span", "main",
        "img", "svg", "label", "details", "summary", "h1", "h2", "p", "template", "noscript", "map", "area"]
ATTRS = ["href", "role", "tabindex", "onclick", "aria-hidden", "aria-labelledby", "aria-describedby", "aria-label",
         "aria-expanded", "aria-level", "aria-valuenow", "aria-foo", "id", "headers", "colspan", "hidden", "style",
         "http-equiv", "content", "name", "autoplay", "muted", "controls", "kind", "src", "type", "value", "for",
         "scope", "border", "summary", "class", "disabled", "alt", "title", "scrollamount", "autostart", "data"]
VALUES = st.sampled_from(["", "#", "#main", "/x/", "javascript:void(0)", "button", "link", "nav", "none",
                          "presentation", "main", "listitem", "true", "TRUE", "yes", "-1", "0", "3", "x7", "main a",
                          "refresh", "5; url=/y/", "0", "viewport", "user-scalable=no, maximum-scale=1", "captions",
                          "display:none", "modal fade", "Read more", "यहाँ क्लिक करें", "location.href='/z/'",
                          "window.open('/d.pdf')", "a b c", "999999999999999999999", "\u0000", "%zz"]) | st.text(max_size=12)


@st.composite
def markup(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4 if depth < 3 else 0))):
        tag = draw(st.sampled_from(TAGS))
        attrs = "".join(f' {a}="{draw(VALUES).replace(chr(34), "")}"'
                        for a in draw(st.lists(st.sampled_from(ATTRS), max_size=4, unique=True)))
        inner = draw(markup(depth + 1)) + draw(st.sampled_from(["", "text", "Click here", "मुख्य सामग्री पर जाएं"]))
        closing = draw(st.booleans())  # unclosed and mis-nested tags are what real pages are made of
        parts.append(f"<{tag}{attrs}>{inner}" + (f"</{tag}>" if closing else ""))
    return "".join(parts)


RULES = [r for r in all_rules() if r.family in FAMILIES and not getattr(r.check, "is_site_rule", False)]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=markup(), head=markup())
def test_rules_never_fail_on_arbitrary_markup(body, head):
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    findings = check_document(Document(html, "https://example.gov.in/a/b.html"), RULES)
    errors = [f"{f.rule}: {f.message}" for f in findings if f.message_id == "rule-error"]
    assert not errors, "\n".join(errors)
