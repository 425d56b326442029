"""Headings (WCAG 1.3.1, 2.4.6; GIGW 5.2.32, 5.2.7): a main heading, a hierarchy without gaps, no empty headings.

Screen-reader users move through a page by its headings and open its outline first; the heading list is the
page's table of contents.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

from ..html import html_integer
from .registry import Violation, page_rule

_HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_NOT_HEADING_ROLES = {"presentation", "none"}
_DIALOG_ROLES = {"dialog", "alertdialog"}


@dataclass(frozen=True)
class Heading:
    element: object
    level: int
    in_dialog: bool  # a dialog has its own outline


_HEADINGS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def headings(doc) -> list[Heading]:
    """Headings exposed to assistive technology, in document order: h1-h6 (unless role="presentation"/"none"
    or another role replaces it) and role="heading" (aria-level, default 2). aria-level on h1-h6 wins over
    the tag, as in browsers."""
    cached = _HEADINGS.get(doc)
    if cached is not None:
        return cached
    found = []
    for el in doc.body.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        role = el.get("role")
        if tag in _HEADING_TAGS:
            first_role = (role or "").split()[:1]
            if first_role and first_role[0] != "heading":
                continue  # role="presentation", "none", "tab" ...: no longer a heading
            level = _level(el.get("aria-level"), _HEADING_TAGS[tag])
        elif role and role.split()[:1] == ["heading"]:
            level = _level(el.get("aria-level"), 2)
        else:
            continue
        if doc.is_hidden(el):
            continue
        found.append(Heading(el, level, _in_dialog(el)))
    _HEADINGS[doc] = found
    return found


def _level(value: str | None, default: int) -> int:
    level = html_integer(value)
    return min(level, 9) if level is not None and level >= 1 else default


def _in_dialog(el) -> bool:
    for anc in el.iterancestors():
        if anc.tag == "dialog" or (anc.get("role") or "").strip() in _DIALOG_ROLES:
            return True
    return False


def _is_redirect_stub(doc) -> bool:
    """A page that only forwards the visitor elsewhere (meta refresh with no delay) has no structure to check."""
    for meta in doc.all("meta"):
        if (meta.get("http-equiv") or "").lower() == "refresh":
            delay = (meta.get("content") or "").split(";", 1)[0].strip()
            if delay in ("0", ""):
                return True
    return False


@page_rule(
    code="HDG001", name="page-missing-h1", impact="moderate", gigw=("GIGW-5.2.32",),
    messages={"default": {
        "en": "The page has no main heading: mark its title in the content as <h1>.",
        "hi": "पृष्ठ में कोई मुख्य शीर्षक नहीं है: सामग्री के शीर्षक को <h1> के रूप में चिह्नित करें।",
    }},
)
def page_missing_h1(doc):
    """The page has no level-one heading.

    What it checks:
        At least one `<h1>` (or `role="heading" aria-level="1"`) that is not hidden from assistive
        technology. A visually hidden h1 (screen-reader-only CSS class) counts. Pages that only redirect
        (`<meta http-equiv="refresh" content="0; ...">`) are skipped.
    Why it matters:
        Screen-reader users jump to the h1 to skip the header, menus and banners and land on the content.
        Without it they have to guess where the page starts. WCAG itself does not require an h1 (a page with no
        headings at all can conform, as the W3C ACT test cases show), so this is reported against GIGW, which
        asks for headings in an h1-h6 hierarchy, and not against a WCAG success criterion (axe-core likewise
        keeps page-has-heading-one as a best practice).
    Example:
        <div class="page-title">Tenders</div>
    Use instead:
        <h1>Tenders</h1>
    References:
        - WCAG technique H42 (using h1-h6 to identify headings), advisory for SC 1.3.1
        - GIGW 3.0 guideline 5.2.32 (headings use h1-h6 in proper hierarchy)
    """
    if any(h.level == 1 for h in headings(doc)) or _is_redirect_stub(doc):
        return
    yield Violation(doc.root)


@page_rule(
    code="HDG002", name="heading-level-skipped", impact="moderate", wcag=("1.3.1",),
    gigw=("GIGW-5.2.32", "GIGW-5.2.7"),
    messages={
        "default": {
            "en": "Heading level skipped: h{level} follows h{previous}. Use h{expected} here, or restyle it with CSS "
                  "instead of picking a level for its size.",
            "hi": "शीर्षक स्तर छूटा: h{previous} के बाद h{level} आया है। यहाँ h{expected} प्रयोग करें, या आकार के लिए "
                  "स्तर चुनने के बजाय CSS से शैली बदलें।",
        },
        "first": {
            "en": "The first heading of the page is h{level}: start the outline with h1 (or h2 before the main h1).",
            "hi": "पृष्ठ का पहला शीर्षक h{level} है: रूपरेखा h1 से शुरू करें (या मुख्य h1 से पहले h2 से)।",
        },
    },
)
def heading_level_skipped(doc):
    """A heading is more than one level deeper than the heading before it (h2 followed by h4).

    What it checks:
        Headings in document order (those hidden from assistive technology left out; headings inside a dialog
        form their own sequence). Each heading may be at most one level deeper than the previous one; going
        back up any number of levels is fine. The first heading may be h1 or h2 (site name or a skip region
        before the main h1 is common and harmless); a first heading of h3 or deeper is reported.
    Why it matters:
        Levels carry the structure: a screen-reader user hearing "heading level 4" after "level 2" looks for
        the missing level 3 section. Skips almost always mean a level was chosen for its font size.
    Example:
        <h2>Schemes</h2>
        <h4>Jal Jeevan Mission</h4>
    Use instead:
        <h2>Schemes</h2>
        <h3>Jal Jeevan Mission</h3>
    References:
        - WCAG 2.2 SC 1.3.1 Info and Relationships
        - WCAG technique G141 (organising a page using headings)
        - GIGW 3.0 guideline 5.2.32 (h1-h6 in proper hierarchy)
    """
    if _is_redirect_stub(doc):
        return
    for in_dialog in (False, True):
        previous = None
        for heading in headings(doc):
            if heading.in_dialog != in_dialog:
                continue
            if previous is None:
                if heading.level > 2 and not in_dialog:
                    yield Violation(heading.element, "first", {"level": heading.level})
            elif heading.level > previous + 1:
                yield Violation(heading.element, params={
                    "level": heading.level, "previous": previous, "expected": previous + 1})
            previous = heading.level


@page_rule(
    code="HDG003", name="heading-empty", impact="moderate", wcag=("1.3.1", "2.4.6"),
    gigw=("GIGW-5.2.32", "GIGW-5.2.7"),
    messages={"default": {
        "en": "Heading has no text a screen reader can announce: give it text, or remove it if it is only for spacing.",
        "hi": "शीर्षक में ऐसा कोई पाठ नहीं है जिसे स्क्रीन रीडर बोल सके: इसमें पाठ दें, या केवल रिक्ति के लिए हो तो हटा दें।",
    }},
)
def heading_empty(doc):
    """A heading with no accessible name: empty, white space only, or an image without alt text.

    What it checks:
        Every heading exposed to assistive technology (h1-h6 and role="heading", not hidden) has an accessible
        name from its content (text, alt of images, aria-label of children), `aria-label` or
        `aria-labelledby`.
    Why it matters:
        An empty heading is announced as "heading level 2" with nothing after it: a dead stop in the page
        outline that screen-reader users navigate by. Empty headings are often left by editors for spacing or
        by templates whose field was empty.
    Example:
        <h2></h2>
        <h3><img src="/images/schemes-banner.png" alt=""></h3>
    Use instead:
        <h2>Latest news</h2>
        <h3><img src="/images/schemes-banner.png" alt="Flagship schemes"></h3>
    References:
        - WCAG 2.2 SC 1.3.1 Info and Relationships, SC 2.4.6 Headings and Labels
        - ACT rule ffd0e9 (heading has non-empty accessible name)
        - GIGW 3.0 guideline 5.2.32
    """
    for heading in headings(doc):
        if not doc.name(heading.element).strip("\u00b6 "):
            yield Violation(heading.element)
