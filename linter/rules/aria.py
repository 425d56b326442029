"""WAI-ARIA roles, attributes, references and hiding (WCAG 4.1.2, 1.3.1; GIGW 5.2.49, 5.2.48)."""
from __future__ import annotations

import difflib
import re

from ..html import FOCUSABLE_TAGS
from ._aria import (ABSTRACT_ROLES, ATTRIBUTES, CONCRETE_ROLES, IDREF_ATTRIBUTES, INTEGER, NUMBER, TOKENS,
                    not_rendered, page_index, role_tokens, tabindex_value, value_is_valid)
from .registry import Violation, page_rule

_ATTRIBUTE_NAMES = sorted(ATTRIBUTES)
# Class names of components that CSS keeps hidden until opened (Bootstrap modals/collapses/dropdowns/tabs,
# jQuery UI, generic "hidden" helpers): focusable content inside them is not reachable while aria-hidden.
_CSS_HIDDEN_CLASS = re.compile(
    r"(^|\s)(modal|collapse|dropdown-menu|offcanvas|tab-pane|d-none|hidden|hide|invisible|is-hidden|"
    r"visually-hidden-focusable|ui-dialog|popup|overlay)(\s|$)", re.I)


@page_rule(
    code="ARIA001", name="aria-role-invalid", impact="critical", wcag=("4.1.2",), gigw=("GIGW-5.2.49",),
    messages={
        "default": {
            "en": "role=\"{role}\" is not a WAI-ARIA role, so browsers ignore it.",
            "hi": "role=\"{role}\" कोई WAI-ARIA भूमिका नहीं है, इसलिए ब्राउज़र इसे अनदेखा करते हैं।",
        },
        "typo": {
            "en": "role=\"{role}\" is not a WAI-ARIA role, so browsers ignore it; did you mean \"{suggestion}\"?",
            "hi": "role=\"{role}\" कोई WAI-ARIA भूमिका नहीं है, इसलिए ब्राउज़र इसे अनदेखा करते हैं; क्या आपका आशय "
                  "\"{suggestion}\" था?",
        },
        "abstract": {
            "en": "role=\"{role}\" is an abstract WAI-ARIA role that authors must not use; choose a concrete role "
                  "such as {suggestion}.",
            "hi": "role=\"{role}\" एक अमूर्त WAI-ARIA भूमिका है जिसका उपयोग नहीं किया जाना चाहिए; {suggestion} जैसी "
                  "ठोस भूमिका चुनें।",
        },
    },
)
def aria_role_invalid(doc):
    """Role attributes with no valid WAI-ARIA role in them.

    What it checks:
        The `role` attribute of every visible element contains at least one valid, non-abstract role from
        WAI-ARIA 1.2 (including the DPUB-ARIA `doc-*` and Graphics-ARIA `graphics-*` roles). A fallback list
        such as `role="switch checkbox"` passes when any token is valid; an empty `role=""` is ignored.
    Why it matters:
        A misspelt or invented role (`role="nav"`, `role="btn"`, `role="tabs"`) is ignored by browsers: the
        element keeps its plain meaning and the widget the author meant is never announced. Abstract roles
        (`widget`, `section`, `landmark`) exist only to organise the specification.
    Example:
        <div role="nav">...</div>
        <span role="btn" tabindex="0">Print</span>
    Use instead:
        <nav aria-label="Main menu">...</nav>
        <button type="button">Print</button>
    References:
        - WCAG 2.2 SC 4.1.2 Name, Role, Value
        - WAI-ARIA 1.2: categorization of roles (abstract roles are not for authors)
        - GIGW 3.0 guideline 5.2.49
    """
    for el in page_index(doc).with_role:
        tokens = role_tokens(el)
        if not tokens or any(t in CONCRETE_ROLES for t in tokens) or doc.is_hidden(el):
            continue
        role = " ".join(tokens)[:60]
        if any(t in ABSTRACT_ROLES for t in tokens):
            hint = {"widget": "button", "input": "textbox", "range": "slider", "select": "listbox",
                    "landmark": "region", "window": "dialog", "command": "button", "composite": "group",
                    "sectionhead": "heading"}.get(tokens[0], "region")
            yield Violation(el, "abstract", {"role": role, "suggestion": hint})
            continue
        close = difflib.get_close_matches(tokens[0], CONCRETE_ROLES, n=1, cutoff=0.75)
        if close:
            yield Violation(el, "typo", {"role": role, "suggestion": close[0]})
        else:
            yield Violation(el, params={"role": role})


@page_rule(
    code="ARIA002", name="aria-attribute-invalid", impact="critical", wcag=("4.1.2",), gigw=("GIGW-5.2.49",),
    messages={
        "unknown": {
            "en": "{attribute} is not a WAI-ARIA attribute; browsers ignore it.",
            "hi": "{attribute} कोई WAI-ARIA विशेषता नहीं है; ब्राउज़र इसे अनदेखा करते हैं।",
        },
        "typo": {
            "en": "{attribute} is not a WAI-ARIA attribute, so browsers ignore it; did you mean {suggestion}?",
            "hi": "{attribute} कोई WAI-ARIA विशेषता नहीं है, इसलिए ब्राउज़र इसे अनदेखा करते हैं; क्या आपका आशय "
                  "{suggestion} था?",
        },
        "token": {
            "en": "{attribute}=\"{value}\" is not a valid value; use one of: {allowed}.",
            "hi": "{attribute}=\"{value}\" मान्य मान नहीं है; इनमें से एक का उपयोग करें: {allowed}।",
        },
        "tokens": {
            "en": "{attribute}=\"{value}\" is not a valid value; use one or more of: {allowed}.",
            "hi": "{attribute}=\"{value}\" मान्य मान नहीं है; इनमें से एक या अधिक का उपयोग करें: {allowed}।",
        },
        "integer": {
            "en": "{attribute}=\"{value}\" is not a valid value; it takes a whole number such as 2.",
            "hi": "{attribute}=\"{value}\" मान्य मान नहीं है; इसमें 2 जैसी पूर्ण संख्या होनी चाहिए।",
        },
        "number": {
            "en": "{attribute}=\"{value}\" is not a valid value; it takes a number such as 2.5.",
            "hi": "{attribute}=\"{value}\" मान्य मान नहीं है; इसमें 2.5 जैसी संख्या होनी चाहिए।",
        },
    },
)
def aria_attribute_invalid(doc):
    """Unknown aria-* attributes (often misspellings) and aria-* values of the wrong type.

    What it checks:
        Every `aria-*` attribute on a visible element is defined by WAI-ARIA (1.2, plus the 1.3 additions
        browsers already support such as `aria-description`), and its value has the attribute's type:
        true/false (`aria-required`), true/false/undefined (`aria-expanded`), tristate (`aria-checked`,
        `aria-pressed`), one of a list of tokens (`aria-live`, `aria-current`, `aria-haspopup`), a token list
        (`aria-relevant`), an integer (`aria-level`) or a number (`aria-valuenow`). Empty values are treated
        as absent. References to ids are checked by ARIA005.
    Why it matters:
        A misspelt attribute (`aria-labeledby`, `aria-role`) or a value outside its type
        (`aria-expanded="yes"`, `aria-live="on"`) is ignored: the label, state or live region the author
        built never reaches the screen reader.
    Example:
        <input aria-labeledby="dob-label">
        <button aria-expanded="yes">Menu</button>
    Use instead:
        <input aria-labelledby="dob-label">
        <button aria-expanded="true">Menu</button>
    References:
        - WCAG 2.2 SC 4.1.2 Name, Role, Value
        - WAI-ARIA 1.2: definitions of states and properties and their value types
        - GIGW 3.0 guideline 5.2.49
    """
    for el, attribute, value in page_index(doc).aria:
        if attribute not in ATTRIBUTES:
            if doc.is_hidden(el):
                continue
            close = difflib.get_close_matches(attribute, _ATTRIBUTE_NAMES, n=1, cutoff=0.8)
            if close:
                yield Violation(el, "typo", {"attribute": attribute, "suggestion": close[0]}, identity=attribute)
            else:
                yield Violation(el, "unknown", {"attribute": attribute}, identity=attribute)
        elif not value_is_valid(attribute, value) and not doc.is_hidden(el):
            kind, allowed = ATTRIBUTES[attribute]
            message_id = {INTEGER: "integer", NUMBER: "number", TOKENS: "tokens"}.get(kind, "token")
            yield Violation(el, message_id, {"attribute": attribute, "value": value[:40],
                                             "allowed": ", ".join(sorted(allowed))}, identity=attribute)


def _focusable_by_markup(el) -> bool:
    """Reachable with Tab by markup: native focusables (not disabled) and tabindex >= 0."""
    tabindex = tabindex_value(el)
    if tabindex is not None:
        return tabindex >= 0 and not (el.tag in FOCUSABLE_TAGS and el.get("disabled") is not None)
    tag = el.tag
    if tag not in FOCUSABLE_TAGS or el.get("disabled") is not None:
        return False
    if tag in ("a", "area"):
        return el.get("href") is not None
    if tag == "input":
        return (el.get("type") or "").strip().lower() != "hidden"
    if tag in ("audio", "video"):
        return el.get("controls") is not None
    if tag == "summary":
        parent = el.getparent()
        return parent is not None and parent.tag == "details"
    return True


def _focusable_inside(el):
    """The first element at or inside `el` that takes focus by markup and is rendered, or None."""
    for node in el.iter():
        if not isinstance(node.tag, str) or node.tag in ("template", "noscript", "script", "style"):
            continue
        if _focusable_by_markup(node) and not not_rendered(node):
            return node
    return None


@page_rule(
    code="ARIA003", name="aria-hidden-focusable", impact="serious", wcag=("4.1.2",), gigw=("GIGW-5.2.49",),
    messages={
        "default": {
            "en": "Element hidden from screen readers with aria-hidden=\"true\" is, or contains, a focusable <{tag}>; "
                  "remove aria-hidden, or take the <{tag}> out of the tab order (tabindex=\"-1\" or disabled).",
            "hi": "aria-hidden=\"true\" से स्क्रीन रीडर से छिपा यह तत्व स्वयं फ़ोकस योग्य <{tag}> है या उसे समाहित "
                  "करता है; aria-hidden हटाएँ, या <{tag}> को टैब क्रम से बाहर करें (tabindex=\"-1\" या disabled)।",
        },
        "review": {
            "en": "Element with aria-hidden=\"true\" contains a focusable <{tag}>; it looks like a component that "
                  "CSS keeps hidden until opened - check that nothing in it takes focus while it is hidden.",
            "hi": "aria-hidden=\"true\" वाले तत्व में फ़ोकस योग्य <{tag}> है; यह ऐसा घटक लगता है जिसे CSS खोलने तक "
                  "छिपाए रखती है - जाँचें कि छिपे रहते समय इसमें किसी चीज़ पर फ़ोकस न जाए।",
        },
    },
)
def aria_hidden_focusable(doc):
    """aria-hidden="true" on content that can still be reached with the keyboard.

    What it checks:
        An element with `aria-hidden="true"` that is rendered (no `hidden`, no inline `display:none`) is not
        itself focusable and contains nothing focusable: links with href, buttons, form fields and elements
        with `tabindex="0"` or higher. Content taken out of the tab order with `tabindex="-1"`, disabled
        controls and content that is not rendered pass. When the element carries a class that CSS
        frameworks hide until opened (`modal`, `collapse`, `dropdown-menu`, ...), it is reported for review.
    Why it matters:
        Keyboard focus lands on something the screen reader has been told does not exist: the visitor hears
        nothing, or only "blank", and cannot tell what will happen on Enter. Carousel clones and hidden
        menus are frequent sources.
    Example:
        <a href="/" aria-hidden="true"><img src="emblem.png" alt="Home"></a>
        <div class="slide clone" aria-hidden="true"><a href="/news/12">Budget 2026</a></div>
    Use instead:
        <a href="/" aria-hidden="true" tabindex="-1"><img src="emblem.png" alt=""></a>
        <div class="slide clone" aria-hidden="true"><a href="/news/12" tabindex="-1">Budget 2026</a></div>
    References:
        - WCAG 2.2 SC 4.1.2 Name, Role, Value
        - ACT rule 6cfa84 (element with aria-hidden has no focusable content)
        - GIGW 3.0 guideline 5.2.49
    """
    reported = []
    for el, attribute, value in page_index(doc).aria:
        if attribute != "aria-hidden" or value.strip().lower() != "true":
            continue
        if any(anc in reported for anc in el.iterancestors()) or not_rendered(el):
            continue
        focusable = _focusable_inside(el)
        if focusable is None:
            continue
        reported.append(el)
        css_hidden = any(_CSS_HIDDEN_CLASS.search(node.get("class") or "") for node in (el, *el.iterancestors()))
        if css_hidden:
            yield Violation(el, "review", {"tag": focusable.tag}, outcome="needs-review")
        else:
            yield Violation(el, params={"tag": focusable.tag})


def _referenced_ids(doc) -> dict[str, str]:
    """Ids referenced by ARIA relationships and label[for]: id -> the attribute referencing it."""
    refs: dict[str, str] = {}
    for _el, attribute, value in page_index(doc).aria:
        if attribute in IDREF_ATTRIBUTES:
            for token in value.split():
                refs.setdefault(token, attribute)
    for label in doc.all("label"):
        target = label.get("for")
        if target:
            refs.setdefault(target.strip(), "label for")
    return refs


@page_rule(
    code="ARIA004", name="duplicate-id-referenced", impact="critical", wcag=("4.1.2",),
    gigw=("GIGW-5.2.48", "GIGW-5.2.49"),
    messages={"default": {
        "en": "id=\"{id}\" is used by {count} elements and is referenced by {attribute}; the reference "
              "reaches only the first one, so give each element its own id.",
        "hi": "id=\"{id}\" का उपयोग {count} तत्वों में हुआ है और {attribute} इसका संदर्भ देता है; संदर्भ केवल पहले "
              "तत्व तक पहुँचता है, इसलिए हर तत्व को अलग id दें।",
    }},
)
def duplicate_id_referenced(doc):
    """Duplicate ids that labels or ARIA relationships point at.

    What it checks:
        An id that appears on more than one element and is referenced by `aria-labelledby`,
        `aria-describedby`, `aria-controls`, `aria-owns`, `aria-activedescendant` (or another ARIA id
        reference) or by `<label for>`. Each element after the first is reported. Duplicate ids that nothing
        references are not reported here: WCAG 2.2 removed 4.1.1 Parsing, and they harm no one by themselves.
    Why it matters:
        A label or description reference resolves to the first element with the id only. When a form block
        is repeated (two search boxes both with id="search"), the second field gets the first field's label,
        or none at all.
    Example:
        <label for="search">Search</label><input id="search"> ...
        <label for="search">खोजें</label><input id="search">
    Use instead:
        <label for="search-en">Search</label><input id="search-en"> ...
        <label for="search-hi">खोजें</label><input id="search-hi">
    References:
        - WCAG 2.2 SC 4.1.2 Name, Role, Value (and the note on removed SC 4.1.1)
        - GIGW 3.0 guidelines 5.2.48 (unique ids) and 5.2.49
    """
    refs = None
    for ident, elements in doc.ids.items():
        if len(elements) < 2:
            continue
        if refs is None:
            refs = _referenced_ids(doc)
        attribute = refs.get(ident)
        if attribute is None:
            continue
        for el in elements[1:]:
            yield Violation(el, params={"id": ident[:60], "count": len(elements), "attribute": attribute},
                            identity=f"id={ident}")


_STRICT_REFERENCES = ("aria-labelledby", "aria-describedby")


@page_rule(
    code="ARIA005", name="aria-reference-missing", impact="serious", wcag=("4.1.2", "1.3.1"),
    gigw=("GIGW-5.2.49",),
    messages={
        "name": {
            "en": "{attribute} points at id {ids}, which is not on this page, so the element has no name.",
            "hi": "{attribute} id {ids} की ओर संकेत करता है, जो इस पृष्ठ पर नहीं है, इसलिए तत्व का कोई नाम नहीं रहता।",
        },
        "description": {
            "en": "{attribute} points at id {ids}, which is not on this page, so the description is lost.",
            "hi": "{attribute} id {ids} की ओर संकेत करता है, जो इस पृष्ठ पर नहीं है, इसलिए विवरण खो जाता है।",
        },
        "review": {
            "en": "{attribute} points at id {ids}, which is not on this page; check that script adds it before "
                  "it is needed, or fix the id.",
            "hi": "{attribute} id {ids} की ओर संकेत करता है, जो इस पृष्ठ पर नहीं है; जाँचें कि स्क्रिप्ट ज़रूरत से पहले "
                  "इसे जोड़ती है, या id ठीक करें।",
        },
    },
)
def aria_reference_missing(doc):
    """ARIA relationships that point at ids missing from the page.

    What it checks:
        The ids in `aria-labelledby`, `aria-describedby`, `aria-controls`, `aria-owns`,
        `aria-activedescendant`, `aria-details`, `aria-errormessage` and `aria-flowto` of visible elements exist
        on the page. When none of the ids in `aria-labelledby` exists and the element has no other name, or
        none of the ids in `aria-describedby` exists, it is a violation. Partly broken lists, and references
        that script often creates later (`aria-controls` of a menu, `aria-activedescendant`,
        `aria-errormessage`), are reported for review.
    Why it matters:
        The label or description the author wrote never reaches the screen reader, typically after ids were
        renamed or a block was copied from another page; a field "labelled by" a missing id is announced with
        no name at all.
    Example:
        <span id="mobile-label">Mobile number</span>
        <input type="tel" aria-labelledby="mobile-lbl">
    Use instead:
        <span id="mobile-label">Mobile number</span>
        <input type="tel" aria-labelledby="mobile-label">
    References:
        - WCAG 2.2 SC 4.1.2 Name, Role, Value and SC 1.3.1 Info and Relationships
        - WAI-ARIA 1.2 (ID reference list value type)
        - GIGW 3.0 guideline 5.2.49
    """
    ids = doc.ids
    for el, attribute, value in page_index(doc).aria:
        if attribute not in IDREF_ATTRIBUTES:
            continue
        tokens = value.split()
        missing = [t for t in tokens if t not in ids]
        if not missing or doc.is_hidden(el):
            continue
        params = {"attribute": attribute, "ids": ", ".join(f'"{t}"' for t in missing)[:120]}
        all_missing = len(missing) == len(tokens)
        strict = attribute in _STRICT_REFERENCES and all_missing
        if strict and attribute == "aria-labelledby" and doc.name(el):
            strict = False  # the browser falls back to aria-label / content: the name survives
        if strict:
            message_id = "name" if attribute == "aria-labelledby" else "description"
            yield Violation(el, message_id, params, identity=f"{attribute}={value.strip()[:120]}")
        else:
            yield Violation(el, "review", params, outcome="needs-review",
                            identity=f"{attribute}={value.strip()[:120]}")
