"""Forms (WCAG 1.3.1, 1.3.5, 3.2.2, 3.3.2, 4.1.2; GIGW 5.2.7, 5.2.11, 5.2.41, 5.2.45): every control has a
label, related choices are grouped under their question, personal-data fields say what they collect, and
choosing an option does not whisk the visitor away."""
from __future__ import annotations

import re
import weakref
from itertools import chain

from .registry import Violation, page_rule

# Input types that are buttons or carry no user entry: they are named by their value/alt, not by a label.
_NOT_LABELLED_INPUTS = {"hidden", "submit", "button", "image", "reset"}
_CHOICE_TYPES = {"radio", "checkbox"}
# Controls that mkdocs-material (the base of the Kasauti theme) hides with CSS and drives through their
# labels: a drawer/search/TOC toggle or a colour-palette option is not a form field a visitor fills in.
_FRAMEWORK_CONTROL_CLASSES = {"md-toggle", "md-option"}
# Radio buttons that implement content tabs (pymdownx.tabbed in Material): tabs, not a question.
_TAB_SET_CLASSES = {"tabbed-set"}


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _is_framework_control(el) -> bool:
    if el.get("data-md-toggle") is not None or _classes(el) & _FRAMEWORK_CONTROL_CLASSES:
        return True
    parent = el.getparent()
    return (el.get("type") or "").lower() == "radio" and parent is not None and bool(_classes(parent) & _TAB_SET_CLASSES)


def _describe(el) -> str:
    """The start of the control's tag, enough to find it: <input type="email" name="mail">."""
    attrs = [f'type="{el.get("type")}"'] if el.get("type") else []
    for attr in ("name", "id"):
        if el.get(attr):
            attrs.append(f'{attr}="{el.get(attr)[:40]}"')
            break
    return "<" + " ".join([el.tag, *attrs]) + ">"


_CONTROLS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def labelled_controls(doc) -> list[tuple]:
    """(control, accessible name, placeholder) for every input, select and textarea that needs a label
    (computed once per page: FRM001 and FRM002 share it)."""
    cached = _CONTROLS.get(doc)
    if cached is not None:
        return cached
    found = []
    for el in chain(doc.all("input"), doc.all("select"), doc.all("textarea")):
        if el.tag == "input" and (el.get("type") or "text").strip().lower() in _NOT_LABELLED_INPUTS:
            continue
        if doc.is_hidden(el) or _is_framework_control(el):
            continue
        placeholder = (el.get("placeholder") or el.get("aria-placeholder") or "").strip()
        found.append((el, doc.name(el), placeholder))
    _CONTROLS[doc] = found
    return found


@page_rule(
    code="FRM001", name="form-control-missing-label", impact="critical", wcag=("1.3.1", "3.3.2", "4.1.2"),
    gigw=("GIGW-5.2.45", "GIGW-5.2.7"),
    messages={"default": {
        "en": "Form field {control} has no label: add a <label for> (it may be visually hidden), "
              "or aria-labelledby/aria-label.",
        "hi": "फ़ॉर्म फ़ील्ड {control} का कोई लेबल नहीं है: <label for> जोड़ें (वह दृष्टि से छिपा हो सकता है), "
              "या aria-labelledby/aria-label दें।",
    }},
)
def form_control_missing_label(doc):
    """Form fields with no accessible name at all.

    What it checks:
        Every `<input>` (other than hidden, submit, reset, button and image inputs), `<select>` and
        `<textarea>` that is not hidden has an accessible name: a `<label for>` or a wrapping `<label>` with
        text, `aria-labelledby` pointing at text, `aria-label`, or `title`. Fields whose only hint is a
        placeholder are reported by FRM002 instead. The CSS-only toggles of mkdocs-material are skipped.
    Why it matters:
        A screen reader announces an unlabelled field as "edit text, blank": the visitor does not know what
        to type. Clicking a label also enlarges the target for people with tremors.
    Example:
        Name <input type="text" name="applicant">
        <select name="state"><option>Kerala</option></select>
    Use instead:
        <label for="applicant">Name</label> <input type="text" id="applicant" name="applicant">
        <label>State <select name="state"><option>Kerala</option></select></label>
    References:
        - WCAG 2.2 SC 1.3.1, SC 3.3.2 Labels or Instructions, SC 4.1.2 Name, Role, Value
        - WCAG techniques H44 (label element), ARIA16 (aria-labelledby); failure F68
        - GIGW 3.0 guideline 5.2.45 (labels for user input)
        - ACT rule e086e5 (form field has non-empty accessible name)
    """
    for el, name, placeholder in labelled_controls(doc):
        if not name and not placeholder:
            yield Violation(el, params={"control": _describe(el)})


@page_rule(
    code="FRM002", name="placeholder-used-as-label", impact="serious", wcag=("1.3.1", "3.3.2", "4.1.2"),
    gigw=("GIGW-5.2.45",),
    messages={"default": {
        "en": "Form field {control} is labelled only by its placeholder \"{placeholder}\", which disappears when "
              "typing and is often too faint: add a visible <label>.",
        "hi": "फ़ॉर्म फ़ील्ड {control} का लेबल केवल उसका प्लेसहोल्डर \"{placeholder}\" है, जो टाइप करते ही ग़ायब हो "
              "जाता है और प्रायः बहुत हल्का होता है: दिखाई देने वाला <label> जोड़ें।",
    }},
)
def placeholder_used_as_label(doc):
    """Form fields whose only name is their placeholder text.

    What it checks:
        Fields (as in FRM001) with no label, `aria-label(ledby)` or `title`, but with a `placeholder`.
    Why it matters:
        Some screen readers read a placeholder, many voice-input and magnifier users do not get it, and it
        vanishes as soon as typing starts - so a visitor filling a long grievance form no longer knows what a
        field was for. Placeholder grey also usually fails contrast.
    Example:
        <input type="email" name="email" placeholder="Email address">
    Use instead:
        <label for="email">Email address</label>
        <input type="email" id="email" name="email" autocomplete="email">
    References:
        - WCAG 2.2 SC 3.3.2 Labels or Instructions, SC 4.1.2 Name, Role, Value
        - WAI tutorial: Forms - Labeling controls (placeholder is not a replacement for a label)
        - GIGW 3.0 guideline 5.2.45
    """
    for el, name, placeholder in labelled_controls(doc):
        if not name and placeholder:
            yield Violation(el, params={"control": _describe(el), "placeholder": placeholder[:60]})


# ---- FRM003 ------------------------------------------------------------------------------------------
def _form_owner(el) -> str:
    """A key for the form a control belongs to (form= attribute, else its ancestor form, else none)."""
    owner = el.get("form")
    if owner:
        return f"#{owner}"
    for anc in el.iterancestors():
        if anc.tag == "form":
            return f"@{id(anc)}"
    return ""


def _named_groups(doc, el) -> list:
    """Ancestors that group controls under a name: fieldset with a legend (or aria name), role=group or
    radiogroup with a name."""
    found = []
    for anc in el.iterancestors():
        role = (anc.get("role") or "").split()[:1]
        if anc.tag == "fieldset" or role in (["group"], ["radiogroup"]):
            if doc.name(anc):
                found.append(anc)
    return found


@page_rule(
    code="FRM003", name="radio-group-missing-group", impact="serious", wcag=("1.3.1", "3.3.2"),
    gigw=("GIGW-5.2.7", "GIGW-5.2.45"),
    messages={
        "radio": {
            "en": "{count} radio buttons named \"{name}\" are not grouped under their question: put them in a "
                  "<fieldset> whose <legend> asks it (or a role=\"radiogroup\" with aria-labelledby).",
            "hi": "\"{name}\" नाम वाले {count} रेडियो बटन अपने प्रश्न के अंतर्गत समूहित नहीं हैं: इन्हें ऐसे <fieldset> में "
                  "रखें जिसका <legend> प्रश्न बताए (या aria-labelledby वाला role=\"radiogroup\")।",
        },
        "checkbox": {
            "en": "{count} checkboxes named \"{name}\" are not grouped under their question: put them in a "
                  "<fieldset> whose <legend> asks it (or a role=\"group\" with aria-labelledby).",
            "hi": "\"{name}\" नाम वाले {count} चेकबॉक्स अपने प्रश्न के अंतर्गत समूहित नहीं हैं: इन्हें ऐसे <fieldset> में "
                  "रखें जिसका <legend> प्रश्न बताए (या aria-labelledby वाला role=\"group\")।",
        },
    },
)
def radio_group_missing_group(doc):
    """Radio buttons (or checkboxes) that answer one question but are not grouped under it.

    What it checks:
        Two or more visible radio buttons - or checkboxes - with the same `name` in the same form share an
        ancestor that names the group: a `<fieldset>` with a non-empty `<legend>` (or aria-label/ledby), or
        an element with `role="radiogroup"`/`role="group"` and an accessible name. The group is reported once,
        on its first control. Content tabs built from radio buttons (pymdownx.tabbed) are skipped.
    Why it matters:
        Each option's label ("Yes", "No", "Male", "Other") makes sense only with the question. A screen reader
        announces the legend when focus enters the group; without it, the visitor hears "Yes, radio button,
        1 of 2" and has to hunt for what is being asked.
    Example:
        <p>Are you a BPL card holder?</p>
        <label><input type="radio" name="bpl" value="y"> Yes</label>
        <label><input type="radio" name="bpl" value="n"> No</label>
    Use instead:
        <fieldset><legend>Are you a BPL card holder?</legend>
          <label><input type="radio" name="bpl" value="y"> Yes</label>
          <label><input type="radio" name="bpl" value="n"> No</label>
        </fieldset>
    References:
        - WCAG 2.2 SC 1.3.1 Info and Relationships, SC 3.3.2 Labels or Instructions
        - WCAG technique H71 (fieldset and legend), ARIA17 (grouping roles)
        - GIGW 3.0 guidelines 5.2.7 and 5.2.45
    """
    groups: dict[tuple, list] = {}
    for el in doc.all("input"):
        kind = (el.get("type") or "").strip().lower()
        name = (el.get("name") or "").strip()
        if kind not in _CHOICE_TYPES or not name or doc.is_hidden(el) or _is_framework_control(el):
            continue
        groups.setdefault((kind, _form_owner(el), name), []).append(el)
    for (kind, _, name), members in groups.items():
        if len(members) < 2:
            continue
        first = members[0]
        if any(all(container in set(m.iterancestors()) for m in members[1:])
               for container in _named_groups(doc, first)):
            continue
        yield Violation(first, kind, {"count": len(members), "name": name[:40]})


# ---- FRM004 ------------------------------------------------------------------------------------------
# The autofill field names of the HTML standard (WCAG 1.3.5 relies on them).
_FIELD_NAMES = frozenset("""
name honorific-prefix given-name additional-name family-name honorific-suffix nickname username new-password
current-password one-time-code organization-title organization street-address address-line1 address-line2
address-line3 address-level4 address-level3 address-level2 address-level1 country country-name postal-code
cc-name cc-given-name cc-additional-name cc-family-name cc-number cc-exp cc-exp-month cc-exp-year cc-csc cc-type
transaction-currency transaction-amount language bday bday-day bday-month bday-year sex url photo
""".split())
_CONTACT_FIELD_NAMES = frozenset("""
tel tel-country-code tel-national tel-area-code tel-local tel-local-prefix tel-local-suffix tel-extension email impp
""".split())
_CONTACT_KINDS = frozenset("home work mobile fax pager".split())
_ADDRESS_KINDS = frozenset(("shipping", "billing"))
_NO_AUTOFILL_INPUTS = {"checkbox", "radio", "file", "submit", "button", "reset", "image", "hidden", "range", "color"}
# Values people write to switch autofill off or to mean a field, and the token that does it.
_SUGGESTIONS = {
    "nope": "off", "false": "off", "no": "off", "disabled": "off", "disable": "off", "none": "off",
    "off-": "off", "true": "on", "yes": "on", "mail": "email", "e-mail": "email", "phone": "tel",
    "mobile": "tel", "telephone": "tel", "mobile-number": "tel", "pincode": "postal-code",
    "pin-code": "postal-code", "zip": "postal-code", "zipcode": "postal-code", "firstname": "given-name",
    "first-name": "given-name", "lastname": "family-name", "last-name": "family-name", "surname": "family-name",
    "fullname": "name", "full-name": "name", "dob": "bday", "birthday": "bday", "date-of-birth": "bday",
    "gender": "sex", "address": "street-address", "city": "address-level2", "state": "address-level1",
    "district": "address-level2", "password": "current-password", "otp": "one-time-code", "user": "username",
    "user-name": "username", "company": "organization",
}


def autocomplete_is_valid(value: str, on_form: bool = False) -> bool:
    """Whether an autocomplete value follows the HTML autofill grammar:
    [section-*] [shipping|billing] [home|work|mobile|fax|pager <contact field> | <field>] [webauthn],
    or "on"/"off" alone (the only values a <form> takes)."""
    tokens = value.lower().split()
    if tokens in (["on"], ["off"]):
        return True
    if on_form or not tokens:
        return False
    if tokens[-1] == "webauthn":
        tokens = tokens[:-1]
    i = 0
    if i < len(tokens) and tokens[i].startswith("section-") and len(tokens[i]) > len("section-"):
        i += 1
    if i < len(tokens) and tokens[i] in _ADDRESS_KINDS:
        i += 1
    if i < len(tokens) and tokens[i] in _CONTACT_KINDS:
        return i + 2 == len(tokens) and tokens[i + 1] in _CONTACT_FIELD_NAMES
    return i + 1 == len(tokens) and (tokens[i] in _FIELD_NAMES or tokens[i] in _CONTACT_FIELD_NAMES)


@page_rule(
    code="FRM004", name="autocomplete-invalid", impact="serious", wcag=("1.3.5",), gigw=("GIGW-5.2.11",),
    messages={
        "default": {
            "en": "autocomplete=\"{value}\" is not a valid autofill value: use a token of the HTML standard such as "
                  "\"name\", \"email\", \"tel\", \"postal-code\", or \"off\".",
            "hi": "autocomplete=\"{value}\" मान्य ऑटोफ़िल मान नहीं है: HTML मानक का कोई टोकन प्रयोग करें, जैसे "
                  "\"name\", \"email\", \"tel\", \"postal-code\", या \"off\"।",
        },
        "suggest": {
            "en": "autocomplete=\"{value}\" is not a valid autofill value: use autocomplete=\"{suggestion}\".",
            "hi": "autocomplete=\"{value}\" मान्य ऑटोफ़िल मान नहीं है: autocomplete=\"{suggestion}\" प्रयोग करें।",
        },
    },
)
def autocomplete_invalid(doc):
    """An `autocomplete` attribute whose value is not in the HTML autofill vocabulary.

    What it checks:
        On visible `<input>` (text-like types), `<select>` and `<textarea>`: a non-empty `autocomplete` is
        "on", "off", or `[section-x] [shipping|billing] [home|work|mobile|fax|pager] <field name> [webauthn]`
        with a field name from the HTML standard ("name", "given-name", "email", "tel", "street-address",
        "postal-code", "bday", "one-time-code" ...). On `<form>`, only "on" and "off" are valid.
        Made-up values ("nope", "mobile", "pincode", "dob") are reported with the right token when obvious.
    Why it matters:
        WCAG 1.3.5 asks that fields collecting the visitor's own data say so in a way software understands,
        so browsers can fill them in and assistive tools can show familiar icons. People with memory,
        motor or cognitive disabilities then need not type their name, mobile number and PIN code again on
        every scheme application. An invented value does nothing.
    Example:
        <input type="tel" name="mobile" autocomplete="mobile">
        <input name="pin" autocomplete="pincode">
    Use instead:
        <input type="tel" name="mobile" autocomplete="tel">
        <input name="pin" autocomplete="postal-code" inputmode="numeric">
    References:
        - WCAG 2.2 SC 1.3.5 Identify Input Purpose: https://www.w3.org/WAI/WCAG22/Understanding/identify-input-purpose
        - WCAG technique H98 (HTML autocomplete attributes)
        - HTML Living Standard, "Autofill" (autofill detail tokens)
        - GIGW 3.0 guideline 5.2.11
        - ACT rule 73f2c2 (autocomplete attribute has valid value)
    """
    for el in chain(doc.all("form"), doc.all("input"), doc.all("select"), doc.all("textarea")):
        value = el.get("autocomplete")
        if value is None or not value.strip():
            continue
        if el.tag == "input" and (el.get("type") or "text").strip().lower() in _NO_AUTOFILL_INPUTS:
            continue
        if el.tag != "form" and doc.is_hidden(el):
            continue
        if autocomplete_is_valid(value, on_form=el.tag == "form"):
            continue
        value = " ".join(value.split())
        suggestion = _SUGGESTIONS.get(value.lower(), "")
        if el.tag == "form" and not suggestion:
            suggestion = "off"
        if suggestion:
            yield Violation(el, "suggest", {"value": value[:60], "suggestion": suggestion})
        else:
            yield Violation(el, params={"value": value[:60]})


# ---- FRM005 ------------------------------------------------------------------------------------------
_NAVIGATES = re.compile(
    r"\blocation\b|\bwindow\.open\s*\(|\.submit\s*\(|\bnavigate\s*\(|\bhref\s*=|\blocation\.(assign|replace)\b",
    re.I,
)


@page_rule(
    code="FRM005", name="select-navigates-on-change", impact="serious", wcag=("3.2.2",), gigw=("GIGW-5.2.41",),
    messages={
        "default": {
            "en": "Choosing an option in {control} changes the page ({handler}): let visitors choose first and "
                  "go with a separate \"Go\" button.",
            "hi": "{control} में विकल्प चुनते ही पृष्ठ बदल जाता है ({handler}): आगंतुकों को पहले चुनने दें और अलग "
                  "\"जाएँ\" बटन से आगे बढ़ें।",
        },
        "review": {
            "en": "{control} runs a script when its value changes ({handler}): check that it does not open another "
                  "page, submit the form or move focus without warning.",
            "hi": "{control} का मान बदलने पर एक स्क्रिप्ट चलती है ({handler}): जाँचें कि यह बिना चेतावनी के दूसरा "
                  "पृष्ठ न खोले, फ़ॉर्म जमा न करे और फ़ोकस न हटाए।",
        },
    },
)
def select_navigates_on_change(doc):
    """A drop-down list (or radio button/checkbox) that loads another page or submits the form as soon as a
    value is chosen.

    What it checks:
        `<select>` elements with an inline `onchange` handler, and radio buttons/checkboxes with inline
        `onchange`/`onclick` handlers. A handler that sets `location`, calls `window.open`, `navigate()` or
        `.submit()` is a violation; any other inline change handler on a `<select>` is reported for review,
        because what a called function does cannot be read from the page. Handlers attached from script files
        are not visible to this check.
    Why it matters:
        Keyboard users move through a list with the arrow keys; if every arrow press changes the page, they
        can never reach the third option. Screen-reader users are moved to a new page with no warning. The
        "select your state / language and go" menu is the classic example on government sites.
    Example:
        <select onchange="location.href=this.value">
          <option value="/en/">English</option><option value="/hi/">हिन्दी</option>
        </select>
    Use instead:
        <form action="/language/"><label for="lang">Language</label>
          <select id="lang" name="lang">...</select> <button>Go</button></form>
    References:
        - WCAG 2.2 SC 3.2.2 On Input: https://www.w3.org/WAI/WCAG22/Understanding/on-input
        - WCAG failure F37 (launching a new window on selection) and F36 (automatically submitting a form);
          technique G80 (a submit button to initiate a change of context)
        - GIGW 3.0 guideline 5.2.41
    """
    for el in chain(doc.all("select"), doc.all("input")):
        if el.tag == "input" and (el.get("type") or "").strip().lower() not in _CHOICE_TYPES:
            continue
        handlers = ("onchange",) if el.tag == "select" else ("onchange", "onclick")
        for attr in handlers:
            code = (el.get(attr) or "").strip()
            if not code or doc.is_hidden(el):
                continue
            params = {"control": _describe(el), "handler": f"{attr}=\"{' '.join(code.split())[:60]}\""}
            if _NAVIGATES.search(code):
                yield Violation(el, params=params)
            elif el.tag == "select":
                yield Violation(el, "review", params, outcome="needs-review")
            break
