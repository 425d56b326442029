"""Page helpers shared by the GIGW rule families: page regions (banner, footer, top of page), cached text,
home-page detection and link context. Results are cached on the Document, so rules of several families that
ask the same question pay once per page.

A leading underscore keeps this module out of the rule-family loader. Candidates to move into html.py:
`cached`, `banner_elements`/`footer_elements`, `region_text`, `following_text`.
"""
from __future__ import annotations

import re
from html import escape
from urllib.parse import urlsplit

from ..html import collapse, text_content
from ._patterns import normalize
from .registry import Violation

_SECTIONING = {"article", "section", "main", "aside", "nav"}
# Language roots of bilingual sites ("/hi/", "/en-in/"): the languages of the Eighth Schedule and English.
_LANGUAGE_ROOT = r"(?:en|hi|bn|mr|gu|ta|te|kn|ml|pa|or|od|ur|as|ne|kok|mai|doi|sa|sd|ks|mni|sat|brx)(?:[-_][a-z]{2})?"
_HOME_PATH = re.compile(rf"^/?(?:{_LANGUAGE_ROOT}/?)?(?:index\.(?:html?|php|aspx?|jsp))?$", re.I)
_NOT_RENDERED = re.compile(r"display\s*:\s*none", re.I)


def cached(doc, key: str, compute):
    """compute(doc) once per page; the value is kept on the Document for the other rules."""
    store = doc.__dict__.setdefault("_gigw_cache", {})
    if key not in store:
        store[key] = compute(doc)
    return store[key]


# ---- regions ----------------------------------------------------------------------------------------------
def _top_level(el) -> bool:
    """A header/footer that belongs to the page, not to an article or section inside it."""
    return not any(a.tag in _SECTIONING for a in el.iterancestors())


def with_role(doc, role: str) -> list:
    """Elements with this ARIA role (first token), in document order; one XPath pass per page for all roles."""
    def compute(d):
        roles: dict[str, list] = {}
        for el in d.root.xpath("//*[@role]"):
            tokens = (el.get("role") or "").split()
            if tokens:
                roles.setdefault(tokens[0], []).append(el)
        return roles
    return cached(doc, "roles", compute).get(role, [])


def _region(doc, tag: str, role: str, hint: re.Pattern) -> list:
    found = [el for el in doc.all(tag) if _top_level(el)] + with_role(doc, role)
    if found:
        return _outermost(found)
    # Older NIC templates: <div id="header">, <table class="footer-bg">.
    hinted = [el for el in doc.all("div") + doc.all("section") + doc.all("table") + doc.all("td")
              if hint.search((el.get("id") or "") + " " + (el.get("class") or ""))]
    return _outermost(hinted)


def _outermost(elements: list) -> list:
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]


_HEADER_HINT = re.compile(r"(?:^|[\s_-])(?:header|masthead|banner|top-?bar|topbar|brand(?:ing)?)(?:$|[\s_-])", re.I)
_FOOTER_HINT = re.compile(r"(?:^|[\s_-])footer(?:$|[\s_-])", re.I)


def banner_elements(doc) -> list:
    """The page's banner: top-level <header>s and role=banner (else elements whose id/class says header)."""
    return cached(doc, "banner", lambda d: _region(d, "header", "banner", _HEADER_HINT))


def footer_elements(doc) -> list:
    """The page's contentinfo: top-level <footer>s and role=contentinfo (else id/class footer)."""
    return cached(doc, "footer", lambda d: _region(d, "footer", "contentinfo", _FOOTER_HINT))


def _joined_text(elements) -> str:
    """Text of elements, text nodes joined by spaces (fast: lxml's itertext; script text included, which only
    ever makes a "must be present" check pass, never fail)."""
    return " ".join(" ".join(el.itertext()) for el in elements)


def region_text(doc, which: str) -> str:
    """Normalised text of the banner or footer ('' when the page has none)."""
    def compute(d):
        return normalize(_joined_text(banner_elements(d) if which == "banner" else footer_elements(d)))
    return cached(doc, f"text:{which}", compute)


def body_text(doc) -> str:
    """Normalised visible text of the whole body (precise but slow: for fallbacks only)."""
    return cached(doc, "text:body", lambda d: normalize(d.text(d.body)))


def raw_text(doc) -> str:
    """Lower-cased text of the body, script text included: where cheap literal triggers are looked up."""
    return cached(doc, "text:raw", lambda d: _joined_text([d.body]).lower())


def find_text(doc, triggers: tuple[str, ...], regex, text: str | None = None, before: int = 100,
              after: int = 200, limit: int = 40):
    """The first match of `regex` in the normalised windows of page text around any literal trigger (the
    regexes are far too slow to run over every page's whole text), or None."""
    text = raw_text(doc) if text is None else text
    checked = 0
    for trigger in triggers:
        start = text.find(trigger)
        while start != -1 and checked < limit:
            checked += 1
            match = regex.search(normalize(text[max(0, start - before): start + len(trigger) + after]))
            if match:
                return match
            start = text.find(trigger, start + len(trigger))
    return None


def main_element(doc):
    """The main landmark (<main> or role=main), None when the page has none."""
    def compute(d):
        for el in d.all("main") + with_role(d, "main"):
            if not d.is_hidden(el):
                return el
        return None
    return cached(doc, "main", compute)


def _before_main(doc) -> set:
    """Elements that come before the main content (main landmark, else the first h1) in document order."""
    stop = main_element(doc)
    if stop is None:
        h1s = doc.all("h1")
        stop = h1s[0] if h1s else None
    seen = set()
    if stop is None:
        return seen
    for el in doc.body.iter():
        if el is stop:
            break
        seen.add(el)
    return seen


def in_top_of_page(doc, el) -> bool:
    """In the banner, or (pages without a banner landmark) before the main content."""
    banners = banner_elements(doc)
    if banners:
        return any(a in banners for a in el.iterancestors()) or el in banners
    return el in cached(doc, "before-main", _before_main)


def not_rendered(el) -> bool:
    """Not shown to anyone: hidden attribute, inline display:none, or inside template/noscript/script."""
    node = el
    while node is not None:
        if node.get("hidden") is not None or _NOT_RENDERED.search(node.get("style") or ""):
            return True
        if node.tag in ("template", "noscript", "script"):
            return True
        node = node.getparent()
    return False


# ---- URLs -------------------------------------------------------------------------------------------------
def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def same_host(a: str, b: str) -> bool:
    ha, hb = host_of(a), host_of(b)
    return ha == hb or ha.removeprefix("www.") == hb.removeprefix("www.")


def is_home_path(path: str) -> bool:
    """'/', '/index.html' or a language root such as '/hi/' or '/en-in/index.html'."""
    return bool(_HOME_PATH.match(path or "/"))


def is_home_url(url: str) -> bool:
    try:
        return is_home_path(urlsplit(url).path)
    except ValueError:
        return False


# ---- link context -----------------------------------------------------------------------------------------
_BLOCK = {"li", "td", "th", "tr", "p", "dd", "dt", "div", "section", "article", "figure", "table", "tbody",
          "ul", "ol", "body", "main", "footer", "header", "nav", "h1", "h2", "h3", "h4", "h5", "h6"}
_ROW_LIKE = {"td", "th"}


def following_text(el, limit: int = 60) -> str:
    """Up to `limit` characters of text that follow an element in its block (list item, paragraph, table row):
    where labels such as "(PDF, 1.2 MB)" are put next to a link."""
    parts: list[str] = []
    length = 0
    node = el
    while node is not None and length < limit:
        if node.tail:
            parts.append(node.tail)
            length += len(node.tail)
        for sib in node.itersiblings():
            if length >= limit:
                break
            if not isinstance(sib.tag, str) or sib.tag in ("script", "style", "template"):
                if isinstance(sib.tag, str) and sib.tail:
                    parts.append(sib.tail)
                    length += len(sib.tail)
                continue
            text = text_content(sib) + (sib.tail or "")
            parts.append(" " + text)
            length += len(text)
        parent = node.getparent()
        if parent is None or (parent.tag in _BLOCK and parent.tag not in _ROW_LIKE):
            break
        node = parent
    return collapse("".join(parts))[:limit]


def page_violation(doc, message_id: str = "default", params=None, outcome: str = "violation"):
    """A violation about the page as a whole (something missing). Snippet and identity are given here because
    the engine would otherwise serialise the whole document for them."""
    attrs = "".join(f' {k}="{escape(str(v))}"' for k, v in doc.root.attrib.items() if k != "data-expect")
    return Violation(doc.root, message_id, params or {}, outcome=outcome, snippet=f"<html{attrs}>"[:300],
                     identity=message_id)
