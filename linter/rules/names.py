"""Names of links and buttons (WCAG 2.4.4, 4.1.2; GIGW 5.2.30, 5.2.49)."""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import urldefrag

from ..html import collapse, text_content
from ._aria import PRESENTATIONAL, cached, explicit_role, page_index
from .registry import Violation, page_rule

# Link names that say nothing about the destination on their own (compared after _normalise_name).
_GENERIC_LINK_TEXT = {
    "click", "click here", "click this", "click this link", "here", "this", "this link", "this page", "link",
    "read more", "read", "more", "more info", "more information", "more details", "details", "detail",
    "view details", "view detail", "learn more", "know more", "see more", "view more", "show more", "view",
    "see", "see here", "view here", "go", "go here", "continue", "continue reading", "open", "info", "download",
    "download here", "click to download", "click here to download", "click here to view", "click here for more",
    "click here for details", "click here for more details", "click here to read more", "page", "website",
    # Hindi (both chandrabindu and anusvara spellings, with and without the nukta dot)
    "यहाँ क्लिक करें", "यहां क्लिक करें", "यहाँ क्लिक करे", "यहां क्लिक करे", "यहाँ", "यहां", "क्लिक करें",
    "क्लिक", "और पढ़ें", "और पढ़े", "आगे पढ़ें", "पूरा पढ़ें", "और", "अधिक", "और अधिक", "अधिक जानकारी",
    "अधिक जानें", "और जानें", "विस्तार से", "विस्तृत", "विवरण", "देखें", "यहाँ देखें", "यहां देखें", "और देखें",
    "डाउनलोड", "डाउनलोड करें", "लिंक", "यह", "इसे देखें", "जारी रखें", "पढ़ें",
}
# Arrows, ellipses and brackets that decorate "Read more »" style links.
_DECORATION = re.compile(r"[\s\u00bb\u00ab\u203a\u2039\u2192\u2190\u2026>.:!|\-\u2013\u2014()\[\]\"'…।]+")


def _normalise_name(name: str) -> str:
    # Chandrabindu and anusvara spellings (यहाँ/यहां) and nukta dots (पढ़ें) vary between writers: fold them.
    name = unicodedata.normalize("NFD", name).lower().replace("\u0901", "\u0902").replace("\u093c", "")
    return collapse(_DECORATION.sub(" ", name))


_GENERIC = {_normalise_name(t) for t in _GENERIC_LINK_TEXT}
_GENERIC_MAX_WORDS = max(len(t.split()) for t in _GENERIC_LINK_TEXT) + 2  # room for "»", "..." and the like
_INDEX_PAGE = re.compile(r"/(index|default)\.(html?|php|aspx?)$", re.I)


def _links(doc):
    return cached(doc, "names.links", _find_links)


def _find_links(doc):
    """Elements exposed as links: <a href>/<area href> without another valid role, and role=link."""
    found = []
    for el in (*doc.all("a"), *doc.all("area")):
        if el.get("href") is None:
            continue
        role = explicit_role(el)
        # A focusable element ignores role=none/presentation, so it stays a link.
        if role is None or role == "link" or role in PRESENTATIONAL:
            found.append(el)
    for el in page_index(doc).with_role:
        if explicit_role(el) == "link" and el.tag not in ("a", "area"):
            found.append(el)
    return [el for el in found if not doc.is_hidden(el)]


@page_rule(
    code="LNK001", name="link-missing-name", impact="serious", wcag=("2.4.4", "4.1.2"),
    gigw=("GIGW-5.2.30", "GIGW-5.2.49"),
    messages={"default": {
        "en": "Link to \"{href}\" has no accessible name: give it visible text, alt text on its image, "
              "or an aria-label.",
        "hi": "\"{href}\" की ओर जाने वाले लिंक का कोई सुलभ नाम नहीं है: इसमें दिखने वाला पाठ, इसकी छवि पर alt पाठ "
              "या aria-label जोड़ें।",
    }},
)
def link_missing_name(doc):
    """Links with no accessible name (empty links, image links without alt, icon-only links).

    What it checks:
        Every visible link (`<a href>`, `role="link"`) has an accessible name: text content,
        the alt text of an image inside it, visually hidden text, `aria-label`, `aria-labelledby` or `title`.
        Content hidden with `aria-hidden="true"` does not count; text hidden only visually (a
        `visually-hidden`/`sr-only` class) does. Image-map areas are checked by IMG004.
    Why it matters:
        A screen reader announces a nameless link as "link" or reads out its URL, so the visitor cannot tell
        where it goes. Social media icon links and linked logos with `alt=""` are the usual culprits.
    Example:
        <a href="https://twitter.com/jalshakti"><i class="fa fa-twitter"></i></a>
        <a href="/"><img src="emblem.png" alt=""></a>
    Use instead:
        <a href="https://twitter.com/jalshakti" aria-label="Ministry of Jal Shakti on X (Twitter)">
          <i class="fa fa-twitter" aria-hidden="true"></i></a>
        <a href="/"><img src="emblem.png" alt="Ministry of Jal Shakti home"></a>
    References:
        - WCAG 2.2 SC 2.4.4 Link Purpose (In Context) and SC 4.1.2 Name, Role, Value
        - WCAG failure F89 (image is the only content of a link and has no text alternative)
        - GIGW 3.0 guidelines 5.2.30 (link purpose) and 5.2.49 (name, role, value)
        - ACT rule c487ae (link has accessible name)
    """
    for link in _links(doc):
        if link.tag == "area":
            continue  # IMG004 (area-missing-alt) reports nameless image-map areas
        if _has_own_text(link):
            continue
        text = _link_text(doc, link)
        if (text is None or not text.strip()) and not _name(doc, link):
            yield Violation(link, params={"href": (link.get("href") or "")[:120]})


_MAY_HIDE = ("hidden", "aria-hidden", "style")
_NOT_TEXT = ("script", "style", "template", "noscript", "img", "svg", "area", "input", "select", "textarea")


def _plain_text(el) -> str | None:
    """The element's text when nothing inside it can hide text or add a name of its own (the usual
    `<a href><span>Home</span></a>`), so the name from content is just that text; else None."""
    for d in el.iterdescendants():
        if not isinstance(d.tag, str) or d.tag in _NOT_TEXT or d.get("aria-label") is not None or \
                d.get("role") is not None or any(d.get(a) is not None for a in _MAY_HIDE):
            return None
    return text_content(el)


def _plain_texts(doc) -> dict:
    return cached(doc, "names.plain_text", lambda _doc: {})


def _link_text(doc, link) -> str | None:
    """_plain_text, computed once per link per page."""
    memo = _plain_texts(doc)
    if link not in memo:
        memo[link] = _plain_text(link)
    return memo[link]


def _has_own_text(el) -> bool:
    """Text directly in the element (not in a child that could be hidden): its name cannot be empty."""
    return bool((el.text or "").strip()) or any((child.tail or "").strip() for child in el)


def _name(doc, el) -> str:
    """Accessible name; when a role attribute the browser ignores (role="presentation" on a focusable element,
    a misspelt role) stops html.py from taking the name from content, the content still names it."""
    name = doc.name(el)
    if name or el.get("role") is None:
        return name
    text = doc.text(el)
    if text:
        return text
    for child in el.iterdescendants("img", "area", "svg"):
        if not doc.is_hidden(child) and doc.name(child):
            return doc.name(child)
    return ""


def _target(doc, link) -> str:
    href = link.get("href") or ""
    resolved = doc.resolve(href)
    if resolved is None:  # javascript:, empty: compare the raw attribute
        return href.strip()
    url, fragment = urldefrag(resolved)
    url = _INDEX_PAGE.sub("/", url)
    return f"{url}#{fragment}" if fragment else url


@page_rule(
    code="LNK002", name="link-text-ambiguous", impact="serious", wcag=("2.4.4",), gigw=("GIGW-5.2.30",),
    messages={
        "default": {
            "en": "{count} links on this page are all named \"{text}\" but go to different places; "
                  "name each link after its destination (visually hidden text or aria-label can add it).",
            "hi": "इस पृष्ठ पर {count} लिंक का नाम \"{text}\" है, पर वे अलग-अलग जगह जाते हैं; हर लिंक का नाम उसके "
                  "गंतव्य के अनुसार रखें (दृष्टि से छिपा पाठ या aria-label जोड़ा जा सकता है)।",
        },
        "lone": {
            "en": "Link text \"{text}\" does not say where the link goes; check that the sentence around it does, "
                  "or name the destination in the link.",
            "hi": "लिंक पाठ \"{text}\" यह नहीं बताता कि लिंक कहाँ जाता है; जाँचें कि आसपास का वाक्य यह बताता है, "
                  "या लिंक में ही गंतव्य का नाम लिखें।",
        },
    },
)
def link_text_ambiguous(doc):
    """Links with generic text such as "Click here" or "और पढ़ें" that lead to different places.

    What it checks:
        Links whose accessible name is generic ("click here", "here", "read more", "more", "details", "download",
        "यहाँ क्लिक करें", "और पढ़ें", "अधिक", "विस्तार से", ...). When links with the same generic name point
        to two or more different targets on one page, each is a violation. A single generic link, or several
        that all go to the same place, is reported for review: its sentence may make the purpose clear.
        Names made specific with `aria-label`, `aria-labelledby` or visually hidden text are fine.
    Why it matters:
        Screen reader users often move through a page by pulling up the list of its links, where every
        "Read more" sounds the same and the headline next to it is not read. GIGW 3.0 asks for link text that
        makes the purpose clear; this rule is stricter than the WCAG 2.4.4 minimum, which also accepts the
        surrounding sentence, because a list of identical names cannot be told apart.
    Example:
        <li>Jal Jeevan Mission guidelines revised <a href="/news/17">Read more</a></li>
        <li>Namami Gange progress report <a href="/news/18">Read more</a></li>
    Use instead:
        <li>Jal Jeevan Mission guidelines revised
          <a href="/news/17">Read more<span class="visually-hidden"> about the revised guidelines</span></a></li>
        <li><a href="/news/18">Namami Gange progress report</a></li>
    References:
        - WCAG 2.2 SC 2.4.4 Link Purpose (In Context); technique G91
        - WCAG failure F84 (non-specific "click here"/"more" links; listed under SC 2.4.9 Link Purpose)
        - GIGW 3.0 guideline 5.2.30 (link purpose clear from link text)
    """
    groups: dict[str, list] = {}
    for link in _links(doc):
        label = _generic_name(doc, link)
        if label:
            groups.setdefault(label, []).append(link)
    for label, links in groups.items():
        targets = {_target(doc, link) for link in links}
        text = _name(doc, links[0])[:60]
        if len(targets) > 1:
            for link in links:
                yield Violation(link, params={"count": len(links), "text": text})
        else:
            for link in links:
                yield Violation(link, "lone", {"text": text}, outcome="needs-review")


def _generic_name(doc, link) -> str | None:
    """The normalised name when it is generic, else None. Cheap first: when no attribute supplies the name and
    nothing inside can be hidden, the raw text decides without computing the accessible name."""
    if link.get("aria-label") is None and link.get("aria-labelledby") is None:
        raw = _link_text(doc, link)
        if raw is not None:
            if len(raw) > 200 or len(raw.split()) > _GENERIC_MAX_WORDS:
                return None
            quick = _normalise_name(raw)
            if quick:
                return quick if quick in _GENERIC else None
    name = _normalise_name(_name(doc, link))
    return name if name in _GENERIC else None


def _buttons(doc):
    for el in doc.all("button"):
        role = explicit_role(el)
        if role in (None, "button") or role in PRESENTATIONAL:
            yield el
    for el in doc.all("input"):
        if (el.get("type") or "").strip().lower() in ("button", "submit", "reset") and \
                explicit_role(el) in (None, "button"):
            yield el
    for el in page_index(doc).with_role:
        if explicit_role(el) == "button" and el.tag not in ("button", "input"):
            yield el


def _input_button_name(doc, el) -> str:
    """Name of <input type=button|submit|reset>: an explicitly empty value removes the default label."""
    value = el.get("value")
    if value is None or collapse(value):
        return doc.name(el)
    parts = [collapse(doc.text(doc.by_id(i), include_hidden=True))
             for i in (el.get("aria-labelledby") or "").split() if doc.by_id(i) is not None]
    return (collapse(" ".join(parts)) or collapse(el.get("aria-label"))
            or collapse(" ".join(doc.text(lab) for lab in doc.labels(el))) or collapse(el.get("title")))


@page_rule(
    code="BTN001", name="button-missing-name", impact="critical", wcag=("4.1.2",), gigw=("GIGW-5.2.49",),
    messages={"default": {
        "en": "Button has no accessible name: give it visible text, or an aria-label when it shows only an icon.",
        "hi": "बटन का कोई सुलभ नाम नहीं है: इसमें दिखने वाला पाठ जोड़ें, या केवल आइकन हो तो aria-label दें।",
    }},
)
def button_missing_name(doc):
    """Buttons with no accessible name (icon-only buttons, empty input buttons).

    What it checks:
        Every visible `<button>`, `role="button"` element and `<input type="button|submit|reset">` has an
        accessible name: text content, an image with alt text inside it, `aria-label`, `aria-labelledby`, a
        `<label>`, `title`, or a `value`. An `<input type="submit">` with no value attribute is named "Submit"
        by the browser and passes; `value=""` removes that default and fails. Image buttons
        (`<input type="image">`) are checked by the image rules.
    Why it matters:
        A screen reader announces a nameless button as just "button": a search, close or menu button drawn
        with an icon font or SVG is unusable without sight. Voice control users cannot say its name either.
    Example:
        <button type="button" class="close"><i class="fa fa-times"></i></button>
        <input type="button" value="" class="search-icon">
    Use instead:
        <button type="button" class="close" aria-label="Close"><i class="fa fa-times" aria-hidden="true"></i></button>
        <button type="submit">खोजें</button>
    References:
        - WCAG 2.2 SC 4.1.2 Name, Role, Value
        - GIGW 3.0 guideline 5.2.49 (name, role, value)
        - ACT rule 97a4e1 (button has accessible name)
    """
    for button in _buttons(doc):
        if doc.is_hidden(button):
            continue
        name = _input_button_name(doc, button) if button.tag == "input" else _name(doc, button)
        if not name:
            yield Violation(button)

