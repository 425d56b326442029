"""Language of the page and of its parts (WCAG 3.1.1, 3.1.2; GIGW 5.2.38, 5.2.39).

Screen readers pick the voice and pronunciation rules from `lang`. A Hindi phrase inside an English page read
with English rules is noise; so is an English sentence read with a Hindi voice. These rules check that the
page says its language, that the codes are real, and - what most checkers do not attempt - that the script the
text is actually written in fits the language it is declared in.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import cached_property

from . import _langtags as tags
from . import _scripts as scripts
from .registry import Violation, page_rule

# Subtrees whose text is not prose in the page's language: code, maths, drawings, form values, and
# content never rendered as text.
_NOT_PROSE = {"script", "style", "template", "noscript", "code", "pre", "kbd", "samp", "var", "svg", "math",
              "textarea", "head"}
# Attributes whose text is presented (read out or shown) in the language of their element.
_TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
_BUTTON_INPUTS = {"submit", "reset", "button"}
MIN_PAGE_LETTERS = 40  # below this, a page is too short to say which language it is in
MISMATCH_SHARE = 0.8


@dataclass(frozen=True)
class PartFinding:
    element: object
    script: str  # ISO 15924; "Latn" means an English sentence
    sample: str
    lang: str  # the language the element inherits
    attribute: str | None  # None when the text content is concerned
    unmarked: bool  # inherits the <html> language (no lang on the way)


@dataclass
class LanguageScan:
    """One walk over the body shared by LANG003 and LANG005."""

    parts: list[PartFinding] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # all prose of the body (counted only when needed)
    foreign: dict[str, int] = field(default_factory=dict)  # unmarked letters the <html> lang cannot be written in

    @cached_property
    def letters(self) -> int:
        return scripts.total_letters(" ".join(self.texts))


_SCANS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def scan(doc) -> LanguageScan:
    cached = _SCANS.get(doc)
    if cached is None:
        cached = _SCANS[doc] = _scan(doc)
    return cached


def _scan(doc) -> LanguageScan:
    result = LanguageScan()
    page_lang = (doc.lang or "").strip()
    page_scripts = tags.scripts_of(page_lang)
    foreign = result.foreign
    stack = [(doc.body, page_lang, page_scripts, True)]
    pop, push = stack.pop, stack.append
    while stack:
        el, lang, allowed, unmarked = pop()
        if el.tag in _NOT_PROSE:
            continue
        hidden = el.get("aria-hidden")
        if hidden is not None and hidden.strip().lower() == "true":
            continue
        own = el.get("lang")
        if own is not None:
            lang = own.strip()
            allowed = tags.scripts_of(lang)
            unmarked = lang.lower() == page_lang.lower()
        text = el.text or ""
        children = []
        for child in el:
            if child.tail:
                text = f"{text} {child.tail}" if text else child.tail
            if isinstance(child.tag, str):
                children.append(child)
        for child in reversed(children):
            push((child, lang, allowed, unmarked))
        if allowed is None:
            if text and page_scripts is not None:
                result.texts.append(text)
            continue
        found = None
        if text:
            count = unmarked and page_scripts is not None
            if page_scripts is not None:
                result.texts.append(text)
            part = scripts.scan_text(text, allowed, count=count)
            if count and part.foreign:
                for script, letters in part.foreign.items():
                    foreign[script] = foreign.get(script, 0) + letters
            if part.run is not None:
                found = PartFinding(el, part.run.script, part.run.sample, lang, None, unmarked)
        if found is None and len(el.attrib):
            found = _attribute_finding(el, lang, allowed, unmarked)
        if found is not None:
            result.parts.append(found)
    return result


def _attribute_finding(el, lang: str, allowed: frozenset[str], unmarked: bool) -> PartFinding | None:
    attrib = el.attrib
    for attr in _TEXT_ATTRIBUTES:
        value = attrib.get(attr)
        if value:
            run = scripts.scan_text(value, allowed).run
            if run is not None:
                return PartFinding(el, run.script, run.sample, lang, attr, unmarked)
    if el.tag == "input" and (attrib.get("type") or "").lower() in _BUTTON_INPUTS and attrib.get("value"):
        run = scripts.scan_text(attrib["value"], allowed).run
        if run is not None:
            return PartFinding(el, run.script, run.sample, lang, "value", unmarked)
    return None


def page_mismatch(doc) -> tuple[str, int] | None:
    """(dominant foreign script, share in percent) when most of the body is in a script the <html> lang
    cannot be written in; None otherwise."""
    result = scan(doc)
    foreign = sum(result.foreign.values())
    if foreign < MISMATCH_SHARE * MIN_PAGE_LETTERS:
        return None  # cheap exit: no page text to speak of is foreign (the usual case)
    letters = result.letters
    if letters < MIN_PAGE_LETTERS or foreign < MISMATCH_SHARE * letters:
        return None
    dominant = max(result.foreign, key=result.foreign.get)
    return dominant, round(100 * foreign / letters)


# ---- LANG001 ------------------------------------------------------------------------------------------
@page_rule(
    code="LANG001", name="html-lang-missing", impact="serious", wcag=("3.1.1",), gigw=("GIGW-5.2.38", "GIGW-5.1.17"),
    messages={"default": {
        "en": "The page does not declare its language: add lang to <html> (lang=\"en\" for English, lang=\"hi\" for Hindi).",
        "hi": "पृष्ठ अपनी भाषा घोषित नहीं करता: <html> पर lang जोड़ें (अंग्रेज़ी के लिए lang=\"en\", हिंदी के लिए lang=\"hi\")।",
    }},
)
def html_lang_missing(doc):
    """The `<html>` element has no `lang` attribute, or an empty one.

    What it checks:
        The root `<html>` element carries a non-empty `lang` attribute. (`xml:lang` alone does not count in
        HTML.)
    Why it matters:
        Screen readers choose their voice and pronunciation from the page language. Without it, a Hindi page
        may be read letter by letter with English rules, and browsers cannot offer the right translation,
        hyphenation or fonts.
    Example:
        <html>
        <html lang="">
    Use instead:
        <html lang="en">
        <html lang="hi">
    References:
        - WCAG 2.2 SC 3.1.1 Language of Page: https://www.w3.org/WAI/WCAG22/Understanding/language-of-page
        - WCAG technique H57 (using the language attribute on the HTML element)
        - GIGW 3.0 guidelines 5.2.38 and 5.1.17
        - ACT rule b5c3f8 (HTML page has lang attribute)
    """
    if not (doc.root.get("lang") or "").strip():
        yield Violation(doc.root)


# ---- LANG002 ------------------------------------------------------------------------------------------
@page_rule(
    code="LANG002", name="html-lang-invalid", impact="serious", wcag=("3.1.1",), gigw=("GIGW-5.2.38",),
    messages={
        "default": {
            "en": "lang=\"{value}\" on <html> is not a valid language tag: use an ISO 639 code such as \"en\", \"hi\" or \"en-IN\".",
            "hi": "<html> पर lang=\"{value}\" मान्य भाषा टैग नहीं है: \"en\", \"hi\" या \"en-IN\" जैसा ISO 639 कोड प्रयोग करें।",
        },
        "suggest": {
            "en": "lang=\"{value}\" on <html> is not a valid language tag: did you mean lang=\"{suggestion}\"?",
            "hi": "<html> पर lang=\"{value}\" मान्य भाषा टैग नहीं है: क्या आपका आशय lang=\"{suggestion}\" था?",
        },
    },
)
def html_lang_invalid(doc):
    """The `lang` of `<html>` is not a valid BCP 47 language tag.

    What it checks:
        The value is a well-formed BCP 47 tag (hyphens, not underscores) whose primary subtag is a real
        ISO 639 language code: "en", "hi", "en-IN", "hi-IN", "mr", "sat" pass; "english", "hindi", "en_US",
        "in" and "xx" fail. Kasauti knows every ISO 639-1 code, all 22 scheduled languages of India and the
        common world languages.
    Why it matters:
        A screen reader only switches voice for a code it recognises; an invalid code is as good as none, so
        the page is read with the wrong pronunciation.
    Example:
        <html lang="english">
        <html lang="hi_IN">
    Use instead:
        <html lang="en">
        <html lang="hi-IN">
    References:
        - WCAG 2.2 SC 3.1.1 Language of Page
        - BCP 47 / RFC 5646 Tags for Identifying Languages
        - GIGW 3.0 guideline 5.2.38
        - ACT rule bf051a (HTML page lang attribute has valid language tag)
    """
    value = (doc.root.get("lang") or "").strip()
    if not value:
        return  # LANG001
    valid, suggestion = tags.check_tag(value)
    if valid:
        return
    if suggestion:
        yield Violation(doc.root, "suggest", {"value": value[:40], "suggestion": suggestion})
    else:
        yield Violation(doc.root, params={"value": value[:40]})


# ---- LANG003 ------------------------------------------------------------------------------------------
def _part_messages() -> dict[str, dict[str, str]]:
    messages = {
        "text-english": {
            "en": "English text \"{sample}\" sits in content whose language is \"{lang}\" and is not marked: "
                  "put it in an element with lang=\"en\".",
            "hi": "अंग्रेज़ी पाठ \"{sample}\" ऐसी सामग्री में है जिसकी भाषा \"{lang}\" है, और चिह्नित नहीं है: "
                  "इसे lang=\"en\" वाले तत्व में रखें।",
        },
        "attr-english": {
            "en": "The {attribute} attribute is English (\"{sample}\") but the element's language is \"{lang}\": "
                  "write it in that language, or set lang=\"en\" on the element if its content is English too.",
            "hi": "{attribute} विशेषता अंग्रेज़ी में है (\"{sample}\") जबकि तत्व की भाषा \"{lang}\" है: इसे उसी भाषा "
                  "में लिखें, या तत्व की सामग्री भी अंग्रेज़ी हो तो उस पर lang=\"en\" लगाएँ।",
        },
    }
    for code, (en_name, hi_name) in scripts.SCRIPT_NAMES.items():
        if code == scripts.LATIN:
            continue
        messages[f"text-{code.lower()}"] = {
            "en": f"{en_name} text \"{{sample}}\" is not marked with its language: the element inherits "
                  f"lang=\"{{lang}}\". Put it in an element with the right code, e.g. <span lang=\"{{suggest}}\">.",
            "hi": f"{hi_name} लिपि का पाठ \"{{sample}}\" अपनी भाषा से चिह्नित नहीं है: तत्व lang=\"{{lang}}\" "
                  f"ग्रहण करता है। इसे सही भाषा कोड वाले तत्व में रखें, जैसे <span lang=\"{{suggest}}\">।",
        }
        messages[f"attr-{code.lower()}"] = {
            "en": f"The {{attribute}} attribute is {en_name} text (\"{{sample}}\") but the element's language is "
                  f"\"{{lang}}\": write it in that language, or set lang=\"{{suggest}}\" on the element if its "
                  f"content is in that language too.",
            "hi": f"{{attribute}} विशेषता {hi_name} लिपि में है (\"{{sample}}\") जबकि तत्व की भाषा \"{{lang}}\" है: "
                  f"इसे उसी भाषा में लिखें, या तत्व की सामग्री भी उसी भाषा में हो तो उस पर lang=\"{{suggest}}\" लगाएँ।",
        }
    return messages


@page_rule(
    code="LANG003", name="lang-of-parts-unmarked", impact="serious", wcag=("3.1.2",), gigw=("GIGW-5.2.39",),
    messages=_part_messages(),
)
def lang_of_parts_unmarked(doc):
    """Text written in a script its declared language does not use: a passage in another language left unmarked.

    What it checks:
        Each element's own text (and its alt, title, aria-label and placeholder) against the language it
        inherits from the nearest `lang`. Two or more letters of Devanagari, Bengali-Assamese, Gurmukhi,
        Gujarati, Odia, Tamil, Telugu, Kannada, Malayalam, Perso-Arabic, Ol Chiki, Meetei Mayek, Tibetan or
        Lepcha in a language not written in that script are reported - for example Hindi in a `lang="en"`
        page, or Hindi in a `lang="bn"` block. In the other direction, a run of ordinary English prose (at
        least four words, mostly lower-case, with English function words) inside `lang="hi"` content is
        reported; names and titles ("Right to Information Act"), acronyms, numbers and web addresses are not.
        Code, `<pre>`, SVG, maths, scripts and content hidden with aria-hidden are skipped. The element reported
        is the one that directly holds the text, once per element. When the whole page is in the wrong
        language, LANG005 reports it once instead.
    Why it matters:
        Screen readers switch voice only where `lang` says the language changes. Unmarked Hindi in an English
        page is spelled out or skipped; an English sentence read with a Hindi voice is hard to follow.
        Bilingual government pages mix scripts constantly: the language link, the Hindi name of the ministry,
        the English footer of a Hindi page.
    Example:
        <html lang="en"> ... <a href="/hi/">हिन्दी</a>
        <p>Ministry of Jal Shakti / जल शक्ति मंत्रालय</p>
        <html lang="hi"> ... <p>This website is best viewed in the latest browsers.</p>
    Use instead:
        <a href="/hi/" lang="hi" hreflang="hi">हिन्दी</a>
        <p>Ministry of Jal Shakti / <span lang="hi">जल शक्ति मंत्रालय</span></p>
        <p lang="en">This website is best viewed in the latest browsers.</p>
    References:
        - WCAG 2.2 SC 3.1.2 Language of Parts: https://www.w3.org/WAI/WCAG22/Understanding/language-of-parts
        - WCAG technique H58 (using language attributes to identify changes in the human language)
        - GIGW 3.0 guideline 5.2.39
    """
    suppress_unmarked = page_mismatch(doc) is not None  # LANG005 names the real problem once
    for part in scan(doc).parts:
        if suppress_unmarked and part.unmarked:
            continue
        kind = "attr" if part.attribute else "text"
        if part.script == scripts.LATIN:
            params = {"sample": part.sample, "lang": part.lang}
            message = f"{kind}-english"
        else:
            params = {"sample": part.sample, "lang": part.lang,
                      "suggest": tags.SCRIPT_DEFAULT_LANGUAGE.get(part.script, "hi")}
            message = f"{kind}-{part.script.lower()}"
        if part.attribute:
            params["attribute"] = part.attribute
        yield Violation(part.element, message, params)


# ---- LANG004 ------------------------------------------------------------------------------------------
@page_rule(
    code="LANG004", name="element-lang-invalid", impact="serious", wcag=("3.1.2",), gigw=("GIGW-5.2.39",),
    messages={
        "default": {
            "en": "lang=\"{value}\" is not a valid language tag: use an ISO 639 code such as \"en\" or \"hi\".",
            "hi": "lang=\"{value}\" मान्य भाषा टैग नहीं है: \"en\" या \"hi\" जैसा ISO 639 कोड प्रयोग करें।",
        },
        "suggest": {
            "en": "lang=\"{value}\" is not a valid language tag: did you mean lang=\"{suggestion}\"?",
            "hi": "lang=\"{value}\" मान्य भाषा टैग नहीं है: क्या आपका आशय lang=\"{suggestion}\" था?",
        },
    },
)
def element_lang_invalid(doc):
    """A `lang` attribute inside the page has a value that is not a valid language tag.

    What it checks:
        Every element other than `<html>` with a non-empty `lang` attribute has a well-formed BCP 47 tag with
        a real ISO 639 language code (the same test as LANG002). `lang=""` is allowed: it means "unknown".
    Why it matters:
        Marking a passage with a code assistive technology does not know ("hindi", "hi_IN") leaves it read with
        the wrong voice: the effort of marking it is lost.
    Example:
        <span lang="hindi">हिन्दी</span>
        <p lang="en_IN">...</p>
    Use instead:
        <span lang="hi">हिन्दी</span>
        <p lang="en-IN">...</p>
    References:
        - WCAG 2.2 SC 3.1.2 Language of Parts
        - BCP 47 / RFC 5646
        - GIGW 3.0 guideline 5.2.39
        - ACT rule de46e4 (element with lang attribute has valid language tag)
    """
    for el in doc.root.iterfind(".//*[@lang]"):
        value = el.get("lang").strip()
        if not value:
            continue
        valid, suggestion = tags.check_tag(value)
        if valid:
            continue
        if suggestion:
            yield Violation(el, "suggest", {"value": value[:40], "suggestion": suggestion})
        else:
            yield Violation(el, params={"value": value[:40]})


# ---- LANG005 ------------------------------------------------------------------------------------------
def _page_messages() -> dict[str, dict[str, str]]:
    messages = {}
    for code, (en_name, hi_name) in scripts.SCRIPT_NAMES.items():
        what_en = "English (Latin script)" if code == scripts.LATIN else f"{en_name} script"
        what_hi = "अंग्रेज़ी (लैटिन लिपि)" if code == scripts.LATIN else f"{hi_name} लिपि"
        messages[f"page-{code.lower()}"] = {
            "en": f"About {{percent}}% of the page text is in {what_en}, but <html lang=\"{{lang}}\"> declares a "
                  f"language not written in it: set lang to the page's real language (e.g. lang=\"{{suggest}}\").",
            "hi": f"पृष्ठ का लगभग {{percent}}% पाठ {what_hi} में है, पर <html lang=\"{{lang}}\"> ऐसी भाषा घोषित करता है "
                  f"जो इस लिपि में नहीं लिखी जाती: lang को पृष्ठ की वास्तविक भाषा पर सेट करें (जैसे lang=\"{{suggest}}\")।",
        }
    return messages


@page_rule(
    code="LANG005", name="html-lang-mismatch", impact="serious", wcag=("3.1.1",), gigw=("GIGW-5.2.38",),
    messages=_page_messages(),
)
def html_lang_mismatch(doc):
    """The page is declared in one language but its text is written in a script that language does not use.

    What it checks:
        Counts the letters of the body text (scripts, code and aria-hidden content left out). When at least 80%
        of them are in a script the `<html lang>` cannot be written in, and are not inside an element with its
        own `lang`, the page is reported once: an all-Hindi page declared `lang="en"`, or an untranslated
        English page served in the Hindi section with `lang="hi"` (a common result of translation fall-back).
        Pages with fewer than 40 letters are skipped.
    Why it matters:
        The whole page is read with the wrong voice, and search engines and browsers mislabel it. This is the
        usual failure of bilingual sites whose templates hard-code one language.
    Example:
        <html lang="en"> ... <h1>जल शक्ति मंत्रालय</h1><p>मंत्रालय की योजनाएँ ...</p>
    Use instead:
        <html lang="hi"> ... <h1>जल शक्ति मंत्रालय</h1><p>मंत्रालय की योजनाएँ ...</p>
    References:
        - WCAG 2.2 SC 3.1.1 Language of Page
        - GIGW 3.0 guideline 5.2.38 (and 5.4.10: bilingual sites)
    """
    mismatch = page_mismatch(doc)
    if mismatch is None:
        return
    script, percent = mismatch
    yield Violation(doc.root, f"page-{script.lower()}", {
        "percent": percent, "lang": (doc.lang or "").strip(),
        "suggest": tags.SCRIPT_DEFAULT_LANGUAGE.get(script, "hi"),
    })
