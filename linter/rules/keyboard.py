"""Keyboard access and focus order (WCAG 2.1.1, 2.4.3; GIGW 5.2.21, 5.2.29)."""
from __future__ import annotations

import re
from urllib.parse import urldefrag

from ._aria import explicit_role, not_rendered, page_index, tabindex_value
from .registry import Violation, page_rule

# onclick code that navigates: location = '...', location.href = '...', location.assign('...'), window.open('...')
_NAVIGATES = re.compile(
    r"(?:location(?:\.href)?\s*=|location\.(?:assign|replace)\s*\(|window\.open\s*\()\s*['\"]([^'\"]+)['\"]")
# Elements whose click handler needs no focus of its own: the document, labels (they forward to their control),
# options of a native select, and media (their native controls take the keyboard).
_NO_OWN_FOCUS = {"html", "body", "label", "option", "optgroup", "select", "video", "audio", "form", "svg"}
_INTERACTIVE_ROLES = {"button", "link", "checkbox", "switch", "radio", "tab", "menuitem", "menuitemcheckbox",
                      "menuitemradio", "option", "treeitem", "slider", "spinbutton", "textbox", "searchbox",
                      "combobox"}
# Containers that may manage focus for their items (aria-activedescendant or a roving tabindex set on them).
_COMPOSITES = {"listbox", "tree", "treegrid", "grid", "menu", "menubar", "tablist", "radiogroup", "combobox"}


@page_rule(
    code="KBD001", name="tabindex-positive", impact="serious", wcag=("2.4.3",), gigw=("GIGW-5.2.29",),
    messages={"default": {
        "en": "tabindex=\"{value}\" forces this element ahead of the page's natural focus order; use tabindex=\"0\" "
              "(or none) and order the markup instead.",
        "hi": "tabindex=\"{value}\" इस तत्व को पृष्ठ के स्वाभाविक फ़ोकस क्रम से आगे कर देता है; tabindex=\"0\" (या कोई "
              "नहीं) का उपयोग करें और मार्कअप का क्रम ठीक करें।",
    }},
)
def tabindex_positive(doc):
    """Elements with a tabindex greater than zero.

    What it checks:
        No rendered element has a `tabindex` attribute whose value is a positive integer (elements hidden only
        from screen readers with `aria-hidden` still take part in the tab order, so they count).
    Why it matters:
        Positive tabindex values are visited before everything else, in their own numeric order, and then the
        rest of the page follows. Keyboard and screen reader users jump from the header to a field in the
        middle of a form and back, and the order breaks as soon as the page changes.
    Example:
        <input type="text" name="q" tabindex="1">
        <a href="/screen-reader-access/" tabindex="3">Screen Reader Access</a>
    Use instead:
        <input type="text" name="q">
        <a href="/screen-reader-access/">Screen Reader Access</a>
    References:
        - WCAG 2.2 SC 2.4.3 Focus Order; failure F44
        - GIGW 3.0 guideline 5.2.29 (focus order preserves meaning)
    """
    for el in page_index(doc).with_tabindex:
        value = tabindex_value(el)
        # aria-hidden does not take an element out of the tab order, so only rendering counts here.
        if value is not None and value > 0 and not not_rendered(el):
            yield Violation(el, params={"value": value})


def _focusable_around(doc, el) -> bool:
    """The element, an ancestor or a descendant takes focus by markup (tabindex -1 counts: script focuses it)."""
    if doc.is_focusable(el) or tabindex_value(el) is not None:
        return True
    if any(doc.is_focusable(anc) for anc in el.iterancestors()):
        return True
    return any(isinstance(d.tag, str) and (doc.is_focusable(d) or tabindex_value(d) is not None)
               for d in el.iterdescendants())


def _linked_targets(doc) -> set[str]:
    return {urldefrag(doc.resolve(a.get("href")) or "")[0] for a in doc.all("a") if a.get("href") is not None}


@page_rule(
    code="KBD002", name="click-handler-not-focusable", impact="serious", wcag=("2.1.1",), gigw=("GIGW-5.2.21",),
    status="preview",
    messages={
        "default": {
            "en": "<{tag}> reacts to mouse clicks but cannot be reached with the keyboard; use a real link "
                  "(<a href>) or <button> instead.",
            "hi": "<{tag}> माउस क्लिक पर काम करता है पर कीबोर्ड से इस तक नहीं पहुँचा जा सकता; इसकी जगह असली लिंक "
                  "(<a href>) या <button> का उपयोग करें।",
        },
        "review": {
            "en": "<{tag}> has a click handler but cannot receive keyboard focus; check that the same action is "
                  "available from the keyboard, or make it a <button>.",
            "hi": "<{tag}> पर क्लिक हैंडलर है पर इस पर कीबोर्ड फ़ोकस नहीं जा सकता; जाँचें कि यही काम कीबोर्ड से भी हो "
                  "सकता है, या इसे <button> बनाएँ।",
        },
    },
)
def click_handler_not_focusable(doc):
    """Elements with an onclick handler that the keyboard cannot reach.

    What it checks:
        Elements with an `onclick` attribute and no role that are not focusable by markup (no href, not a form
        control, no tabindex) and have no focusable element around or inside them. It is a violation when the
        element is an `<a>` without href, or when its handler navigates to an address (`location.href = '...'`,
        `window.open('...')`) that no link on the page offers; otherwise it is reported for review, since the
        same action may be available another way. Handlers added from script files are not visible to a
        static check; the axe engine's run in a browser covers more.
    Why it matters:
        Keyboard users, and screen reader and switch users who rely on the keyboard, cannot Tab to a `<div>`
        or `<span>` with a click handler, so the action (opening a tender document, changing the language,
        printing) does not exist for them.
    Example:
        <span class="lang" onclick="location.href='/hi/'">हिन्दी</span>
        <a onclick="printPage()">Print</a>
    Use instead:
        <a href="/hi/" lang="hi">हिन्दी</a>
        <button type="button" onclick="printPage()">Print</button>
    References:
        - WCAG 2.2 SC 2.1.1 Keyboard; failure F54 (pointer-only event handlers)
        - GIGW 3.0 guideline 5.2.21 (all functionality operable with a keyboard)
    """
    linked = None
    for el in page_index(doc).with_onclick:
        if not (el.get("onclick") or "").strip() or el.tag in _NO_OWN_FOCUS or el.get("role") is not None:
            continue
        if doc.is_hidden(el) or _focusable_around(doc, el):
            continue
        params = {"tag": el.tag}
        if el.tag == "a":
            yield Violation(el, params=params)
            continue
        match = _NAVIGATES.search(el.get("onclick"))
        if match:
            if linked is None:
                linked = _linked_targets(doc)
            target = urldefrag(doc.resolve(match.group(1)) or "")[0]
            if target and target not in linked:
                yield Violation(el, params=params)
                continue
        yield Violation(el, "review", params, outcome="needs-review")


def _inside_managed_composite(doc, el) -> bool:
    for anc in el.iterancestors():
        if anc.get("aria-activedescendant") is not None:
            return True
        if explicit_role(anc) in _COMPOSITES and (doc.is_focusable(anc) or tabindex_value(anc) is not None):
            return True
    return False


@page_rule(
    code="KBD003", name="interactive-role-not-focusable", impact="serious", wcag=("2.1.1",),
    gigw=("GIGW-5.2.21",), status="preview",
    messages={"default": {
        "en": "Element with role=\"{role}\" cannot receive keyboard focus; add tabindex=\"0\" and key handling, "
              "or use the native element (<button>, <a href>, <input>).",
        "hi": "role=\"{role}\" वाले तत्व पर कीबोर्ड फ़ोकस नहीं जा सकता; tabindex=\"0\" और कुंजी संचालन जोड़ें, या मूल "
              "तत्व (<button>, <a href>, <input>) का उपयोग करें।",
    }},
)
def interactive_role_not_focusable(doc):
    """Custom widgets (role="button", role="link", role="tab", ...) that the keyboard cannot reach.

    What it checks:
        Visible elements whose role is an interactive widget role (button, link, checkbox, switch, radio, tab,
        menuitem, option, treeitem, slider, textbox, combobox, ...) are focusable: natively, or by a
        `tabindex` attribute (`-1` counts, as in a roving tabindex). Elements with `aria-disabled="true"`,
        with a focusable element inside, or inside a focusable composite widget or one using
        `aria-activedescendant` are skipped. Script may add tabindex after load, so the rule is in preview.
    Why it matters:
        A role only changes what a screen reader announces; it does not make an element focusable. A
        `<div role="button">` or `<a role="button">` without href is announced as a button that keyboard
        users can never reach or press.
    Example:
        <div role="button" class="btn" onclick="openCalendar()">Select date</div>
        <a role="button" onclick="toggleMenu()">Menu</a>
    Use instead:
        <button type="button" class="btn" onclick="openCalendar()">Select date</button>
    References:
        - WCAG 2.2 SC 2.1.1 Keyboard and SC 4.1.2 Name, Role, Value
        - WAI-ARIA Authoring Practices: keyboard interaction for custom widgets
        - GIGW 3.0 guideline 5.2.21
    """
    for el in page_index(doc).with_role:
        role = explicit_role(el)
        if role not in _INTERACTIVE_ROLES or (el.get("aria-disabled") or "").strip().lower() == "true":
            continue
        if el.get("disabled") is not None or doc.is_hidden(el) or _focusable_around(doc, el):
            continue
        if _inside_managed_composite(doc, el):
            continue
        yield Violation(el, params={"role": role})
