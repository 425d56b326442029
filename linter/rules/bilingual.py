"""Bilingual sites (GIGW 5.4.10): a Hindi version, a language switch on every page, and switches whose
other-language text is marked up with its language (WCAG 3.1.2)."""
from __future__ import annotations

from ..html import text_content
from ._gigw import cached, page_violation
from ._patterns import language_switch_label, normalize, primary_language, script_language
from .registry import Violation, page_rule, site_rule

_INDIAN_LANGUAGES = {"hi", "bn", "mr", "gu", "ta", "te", "kn", "ml", "pa", "or", "ur", "as", "ne", "kok", "mai",
                     "doi", "sa", "sd", "ks", "mni", "sat", "brx"}
_HINDI_NAMES = {"हिन्दी", "हिंदी", "hindi"}


def language_switches(doc) -> list[tuple[object, str, str]]:
    """(element, target language, language of its label) for links, buttons and select options that switch
    language: an `hreflang` other than the page's, or a label that is a language name ("हिन्दी", "English")
    or a chooser ("Select language", "भाषा चुनें"). Target and label language are "" when not known."""
    def compute(d):
        page = primary_language(d.lang)
        found = []
        for el in d.all("a") + d.all("button") + d.all("option"):
            hreflang = primary_language(el.get("hreflang"))
            # text_content is cheap and catches almost every switch; the accessible name only for the rest.
            label = text_content(el)
            parsed = language_switch_label(label) if len(label) <= 60 else None
            if parsed is None and el.tag != "option" and (el.get("aria-label") or el.get("title")):
                parsed = language_switch_label(d.name(el))
            if parsed is None and not (hreflang and el.tag == "a" and hreflang != page):
                continue
            if el.tag != "option" and d.is_hidden(el):
                continue
            if parsed is not None:
                target, written = parsed
                found.append((el, hreflang or target, written))
            else:
                found.append((el, hreflang, ""))
        return found
    return cached(doc, "language-switches", compute)


@page_rule(
    code="I18N002", name="language-switch-missing", impact="moderate", gigw=("GIGW-5.4.10",),
    messages={"default": {
        "en": "The page has no language switch: add a link to the same page in the other language (e.g. "
              "<a href=\"/hi/...\" hreflang=\"hi\" lang=\"hi\">हिन्दी</a>) near the top of every page.",
        "hi": "पृष्ठ पर भाषा बदलने का विकल्प नहीं है: हर पृष्ठ के ऊपर उसी पृष्ठ के दूसरी भाषा वाले संस्करण का लिंक दें "
              "(जैसे <a href=\"/en/...\" hreflang=\"en\" lang=\"en\">English</a>)।",
    }},
)
def language_switch_missing(doc):
    """The page offers no way to switch to another language version.

    What it checks:
        The page has a link or button to another language: an `hreflang` different from the page's `lang`, a
        label that is a language name ("हिन्दी", "हिंदी", "English", "अंग्रेज़ी", "मराठी" ...) or a chooser
        ("Select language", "भाषा चुनें"), or a `<select>` whose options are language names. A machine
        translation widget alone does not count.
    Why it matters:
        GIGW requires bilingual sites with a prominent language-selection link, so a citizen who reads Hindi (or
        English) can move to it from any page.
    Example:
        <header><a href="/">Ministry of Water Conservation</a></header>
    Use instead:
        <header><a href="/hi/about/" hreflang="hi" lang="hi">हिन्दी</a></header>
    References:
        - GIGW 3.0 guideline 5.4.10 (bilingual site, language selection)
    """
    page = primary_language(doc.lang)
    for el, target, _written in language_switches(doc):
        if el.tag == "option" or not target or target != page:
            return
    yield page_violation(doc)


@page_rule(
    code="I18N003", name="language-switch-hreflang-missing", impact="moderate", wcag=("3.1.2",),
    gigw=("GIGW-5.2.39", "GIGW-5.4.10"),
    messages={
        "default": {
            "en": "The language switch \"{label}\" is written in another language but has no lang attribute "
                  "(and no hreflang): add lang=\"{lang}\" hreflang=\"{lang}\" so screen readers pronounce it "
                  "correctly.",
            "hi": "भाषा बदलने का लिंक \"{label}\" दूसरी भाषा में लिखा है पर उसमें lang विशेषता (और hreflang) नहीं है: "
                  "lang=\"{lang}\" hreflang=\"{lang}\" जोड़ें ताकि स्क्रीन रीडर उसे सही उच्चारण में पढ़ें।",
        },
        "lang-only": {
            "en": "The language switch \"{label}\" is written in another language but has no lang attribute: add "
                  "lang=\"{lang}\" (hreflang says where the link goes, not how to pronounce its text).",
            "hi": "भाषा बदलने का लिंक \"{label}\" दूसरी भाषा में लिखा है पर उसमें lang विशेषता नहीं है: lang=\"{lang}\" "
                  "जोड़ें (hreflang केवल यह बताता है कि लिंक कहाँ जाता है, उसके पाठ का उच्चारण नहीं)।",
        },
    },
)
def language_switch_hreflang_missing(doc):
    """A language switch written in the other language without lang/hreflang.

    What it checks:
        Each language switch (see I18N002) whose label is written in a language other than the page's (e.g.
        "हिन्दी" on an English page, "English" on a Hindi page) carries a `lang` attribute on the link, on an
        element around the label inside it, or on an ancestor. Links without `hreflang` are named in the message.
    Why it matters:
        Without `lang`, a screen reader reads "हिन्दी" with the English voice (or skips it), so the very people
        looking for the Hindi version cannot find the switch. `hreflang` tells browsers and search engines the
        language of the target page.
    Example:
        <html lang="en"> ... <a href="/hi/">हिन्दी</a>
    Use instead:
        <html lang="en"> ... <a href="/hi/" hreflang="hi" lang="hi">हिन्दी</a>
    References:
        - WCAG 2.2 SC 3.1.2 Language of Parts; technique H58
        - GIGW 3.0 guidelines 5.2.39 (language of parts) and 5.4.10
    """
    page = primary_language(doc.lang)
    if not page:
        return  # no page language to differ from (reported by the language rules)
    for el, target, written in language_switches(doc):
        if el.tag == "option":
            continue
        label = doc.text(el) or doc.name(el)
        written = written if written and written != "mixed" else script_language(label)
        if not written or written == page:
            continue
        if _has_lang(el, page):
            continue
        lang = target or written
        hreflang = el.tag != "a" or el.get("hreflang")
        yield Violation(el, "lang-only" if hreflang else "default", {"label": label[:40], "lang": lang})


def _has_lang(el, page: str) -> bool:
    if el.get("lang"):
        return True
    if any(child.get("lang") for child in el.iterdescendants() if isinstance(child.tag, str)):
        return True
    for anc in el.iterancestors():
        if anc.tag == "html":
            break
        value = anc.get("lang")
        if value is not None:
            return primary_language(value) != page
    return False


def _collect_languages(doc) -> dict | None:
    """Page facts the site rule needs beyond PageFacts: switches that lead to Hindi and option-only pickers."""
    hindi = any(target == "hi" or normalize(text_content(el)) in _HINDI_NAMES
                for el, target, _ in language_switches(doc))
    return {"hi": True} if hindi else None


@site_rule(
    code="I18N001", name="hindi-version-missing", impact="serious", gigw=("GIGW-5.4.10",), collect=_collect_languages,
    messages={
        "default": {
            "en": "The site has no Hindi version: no crawled page is in Hindi (lang=\"hi\") and no page links to one. "
                  "Central government sites must be bilingual (Hindi and English).",
            "hi": "साइट का कोई हिंदी संस्करण नहीं है: जाँचा गया कोई पृष्ठ हिंदी में (lang=\"hi\") नहीं है और कोई पृष्ठ "
                  "हिंदी संस्करण का लिंक नहीं देता। केंद्र सरकार की साइटें द्विभाषी (हिंदी और अंग्रेज़ी) होनी चाहिए।",
        },
        "regional": {
            "en": "The site is bilingual in English and {language} but has no Hindi version: state sites may pair "
                  "English with the state language; central ministries and departments need Hindi.",
            "hi": "साइट अंग्रेज़ी और {language} में द्विभाषी है पर उसका हिंदी संस्करण नहीं है: राज्यों की साइटें "
                  "अंग्रेज़ी के साथ राज्य की भाषा रख सकती हैं; केंद्रीय मंत्रालयों और विभागों को हिंदी चाहिए।",
        },
    },
)
def hindi_version_missing(site):
    """The site has no Hindi version.

    What it checks:
        Some crawled page has `lang="hi"` (or hi-IN), or some page links to a Hindi version: a link with
        `hreflang="hi"` or `lang="hi"`, or a language switch labelled "हिन्दी"/"हिंदी"/"Hindi". A site
        bilingual in English and another Indian language is reported for review (state sites may do that).
    Why it matters:
        GIGW requires bilingual websites; for the central government that means Hindi and English, as the
        Official Languages Act requires for public documents.
    Example:
        Every page: <html lang="en">, no link to a Hindi page.
    Use instead:
        <html lang="en"> ... <a href="/hi/" hreflang="hi" lang="hi">हिन्दी</a> and a /hi/ section in Hindi.
    References:
        - GIGW 3.0 guideline 5.4.10 (bilingual site)
    """
    other = ""
    for page in site.pages:
        lang = primary_language(page.lang)
        if lang == "hi":
            return
        if lang in _INDIAN_LANGUAGES:
            other = other or lang
        for link in page.links:
            if primary_language(link.hreflang) == "hi" or primary_language(link.lang) == "hi" or \
                    normalize(link.text) in _HINDI_NAMES:
                return
            if not other and primary_language(link.hreflang) in _INDIAN_LANGUAGES:
                other = primary_language(link.hreflang)
    if site.collected("I18N001"):
        return
    if other:
        yield Violation(url=site.start_url, message_id="regional", params={"language": other},
                        outcome="needs-review", identity="regional")
    else:
        yield Violation(url=site.start_url, identity="hindi")
