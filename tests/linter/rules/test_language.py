"""Language tags, the script-run detector behind LANG003/LANG005 (including property tests), and how the
language rules work together on whole pages."""
from __future__ import annotations

import html

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kasauti.linter.engines.static import check_html
from kasauti.linter.rules import select_rules
from kasauti.linter.rules._langtags import LANGUAGE_CODES, check_tag, scripts_of
from kasauti.linter.rules._scripts import SCRIPT_LETTERS, count_letters, english_sentence, foreign_run, scan_text

SCHEDULED_LANGUAGES = ["as", "bn", "brx", "doi", "gu", "hi", "kn", "ks", "kok", "mai", "ml", "mni", "mr", "ne",
                       "or", "pa", "sa", "sat", "sd", "ta", "te", "ur"]
LANG_RULES = select_rules(["LANG"])


def lang_findings(page: str, code: str | None = None, locale: str = "en"):
    found = [f for f in check_html(page, rules=LANG_RULES, locale=locale) if f.outcome == "violation"]
    return [f for f in found if code is None or f.rule == code]


# ---- tags --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("tag", ["en", "en-IN", "EN-in", "hi", "hi-IN", "mr", "sat-Olck", "pa-Arab", "zh-Hant-TW",
                                 "sr-Latn-RS", "de-CH-1996", "en-US-x-twain", "es-419", "kok", "mni-Mtei"])
def test_valid_tags(tag):
    assert check_tag(tag) == (True, "")


@pytest.mark.parametrize(("tag", "suggestion"), [
    ("english", "en"), ("Hindi", "hi"), ("en_US", "en-US"), ("hi_IN", "hi-IN"), ("xx", ""), ("in", "en-IN"),
    ("en-", ""), ("eng", "en"), ("e", ""), ("hi IN", "hi-IN"), ("x-klingon", ""), ("en--US", ""),
])
def test_invalid_tags_and_suggestions(tag, suggestion):
    assert check_tag(tag) == (False, suggestion)


def test_all_scheduled_languages_are_known_with_their_scripts():
    for code in SCHEDULED_LANGUAGES:
        assert code in LANGUAGE_CODES, code
        assert scripts_of(code), f"{code} has no script table entry"
    assert scripts_of("hi") == {"Deva"}
    assert "Deva" in scripts_of("mr") and "Deva" in scripts_of("sd") and "Arab" in scripts_of("sd")
    assert scripts_of("hi-Latn") == {"Latn"}  # an explicit script subtag wins
    assert scripts_of("xx") is None and scripts_of("") is None and scripts_of(None) is None


# ---- script runs ---------------------------------------------------------------------------------------
def test_foreign_run_finds_the_first_run_outside_the_allowed_scripts():
    run = foreign_run("Welcome to जल शक्ति मंत्रालय portal", frozenset({"Latn"}))
    assert run.script == "Deva" and run.sample == "जल शक्ति मंत्रालय"
    assert foreign_run("মন্ত্রক and ਪੰਜਾਬ", frozenset({"Latn", "Beng"})).script == "Guru"
    assert foreign_run("₹ 500, ४५ । ॥", frozenset({"Latn"})) is None  # digits, dandas, currency are neutral
    assert foreign_run("क ख ग", frozenset({"Latn"})) is None  # single letters are not a passage
    assert foreign_run("नमस्ते", frozenset({"Deva"})) is None


def test_english_sentence_detection():
    assert english_sentence("यह पृष्ठ This page is also available in English भी") == \
        "This page is also available in English"
    for not_prose in ["Right to Information Act 2005", "National Water Mission of the Government of India",
                      "PDF (2 MB) | NIC | MIS | RTI", "https://jaljeevanmission.gov.in/this/is/the/page.html",
                      "Click here", "mera desh mahan hai to is me", "Har Ghar Jal Utsav"]:
        assert english_sentence(not_prose) is None, not_prose


def test_count_letters_per_script():
    counts: dict[str, int] = {}
    count_letters("Hello नमस्ते দুনিয়া 123 ₹", counts)
    assert counts == {"Latn": 5, "Deva": 6, "Beng": 7}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
       st.sampled_from([None, "", "en", "hi", "bn", "ur", "xx", "en_US", "sat-Olck", "hi-Latn"]))
def test_detector_and_rules_never_crash_on_random_unicode(text, lang):
    for allowed in (frozenset(), frozenset({"Latn"}), frozenset({"Deva", "Latn"}), frozenset({"Deva"})):
        run = foreign_run(text, allowed)
        assert run is None or (run.script not in allowed and run.sample)
        part = scan_text(text, allowed, count=True)
        assert all(script not in allowed and letters > 0 for script, letters in part.foreign.items())
        assert part.run is None or part.run.script not in allowed
    english_sentence(text)
    count_letters(text, {})
    attr = "" if lang is None else f' lang="{html.escape(lang)}"'
    body = html.escape(text)
    page = f"<html{attr}><head><title>t</title></head><body><p title=\"{body}\">{body}</p><div>{body}</div></body></html>"
    for finding in check_html(page, rules=LANG_RULES):
        assert finding.outcome == "violation", finding.message  # never a rule error


def _script_text(script: str, extras: str = " ,.;:-()\u0964\u0965\u20b90123456789\n") -> st.SearchStrategy[str]:
    letters = [chr(cp) for lo, hi in _ranges(SCRIPT_LETTERS[script]) for cp in range(lo, hi + 1)]
    return st.text(alphabet=st.sampled_from(letters + list(extras)), min_size=1, max_size=200)


def _ranges(body: str):
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            yield ord(body[i]), ord(body[i + 2])
            i += 3
        else:
            yield ord(body[i]), ord(body[i])
            i += 1


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_text_entirely_in_the_declared_language_yields_nothing(data):
    lang, script = data.draw(st.sampled_from([("hi", "Deva"), ("mr", "Deva"), ("bn", "Beng"), ("as", "Beng"),
                                             ("pa", "Guru"), ("gu", "Gujr"), ("or", "Orya"), ("ta", "Taml"),
                                             ("te", "Telu"), ("kn", "Knda"), ("ml", "Mlym"), ("ur", "Arab"),
                                             ("sat", "Olck"), ("mni", "Mtei")]))
    text = data.draw(_script_text(script))
    allowed = scripts_of(lang)
    assert foreign_run(text, allowed) is None
    assert english_sentence(text) is None
    assert scan_text(text, allowed, count=True).run is None
    assert scan_text(text, allowed, count=True).foreign == {}
    page = (f"<html lang=\"{lang}\"><head><title>t</title></head><body><h1>{html.escape(text)}</h1>"
            f"<p>{html.escape(text)}</p><img src=a.png alt=\"{html.escape(text)}\"></body></html>")
    assert lang_findings(page) == []


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=300))
def test_ascii_text_in_an_english_page_yields_nothing(text):
    page = f"<html lang=\"en\"><body><p>{html.escape(text)}</p></body></html>"
    assert lang_findings(page) == []


# ---- rules together ----------------------------------------------------------------------------------
HINDI_PAGE = """<html lang="{lang}"><head><title>जल शक्ति मंत्रालय</title></head><body>
<h1>जल शक्ति मंत्रालय</h1><p>मंत्रालय देश के जल संसाधनों के विकास और प्रबंधन के लिए नीतियाँ बनाता है।</p>
<ul><li>जल जीवन मिशन</li><li>स्वच्छ भारत मिशन</li><li>नमामि गंगे</li></ul>
<p lang="bn">জলই জীবন — जल ही जीवन</p></body></html>"""


def test_wrong_page_language_is_reported_once_and_not_per_element():
    findings = lang_findings(HINDI_PAGE.format(lang="en"))
    assert [f.rule for f in findings if f.rule == "LANG005"] == ["LANG005"]
    lang003 = [f for f in findings if f.rule == "LANG003"]
    # unmarked elements are covered by LANG005; the Hindi inside the explicitly Bengali paragraph still counts
    assert [f.selector for f in lang003] == ["html > body > p:nth-of-type(2)"]
    page_finding = next(f for f in findings if f.rule == "LANG005")
    assert page_finding.selector == "html" and page_finding.message_id == "page-deva"
    assert "% of the page text is in Devanagari script" in page_finding.message


def test_correctly_declared_hindi_page_is_clean_apart_from_the_marked_mistake():
    findings = lang_findings(HINDI_PAGE.format(lang="hi"))
    assert [(f.rule, f.selector) for f in findings] == [("LANG003", "html > body > p:nth-of-type(2)")]


def test_messages_are_localised_with_script_names():
    finding = lang_findings('<html lang="en"><body><p>Water / जल</p></body></html>', "LANG003", locale="hi")[0]
    assert finding.message.startswith("देवनागरी लिपि का पाठ \"जल\"")
    english = lang_findings('<html lang="hi"><body><p>यह पृष्ठ। This is the page for all of the schemes.</p></body></html>',
                            "LANG003")[0]
    assert english.message_id == "text-english" and "lang=\"en\"" in english.message


def test_short_pages_and_unknown_languages_are_not_judged():
    assert lang_findings('<html lang="en"><body><p>जल शक्ति</p></body></html>', "LANG005") == []
    assert lang_findings('<html lang="xx"><body><p>जल शक्ति मंत्रालय</p></body></html>', "LANG003") == []
    assert lang_findings('<html lang="fy"><body><p>' + "जल शक्ति मंत्रालय " * 10 + '</p></body></html>', "LANG005")
    assert lang_findings('<html lang="en"><body><p lang="">जल शक्ति मंत्रालय</p></body></html>', "LANG003") == []
