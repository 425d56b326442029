"""The HTML report: self-contained, structurally accessible, safe with hostile page content, bilingual,
and clean under Kasauti's own rules (the axe run is in test_html_browser.py)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import html as lxml_html

from kasauti.linter.engines.static import check_html
from kasauti.linter.report import render_html
from kasauti.linter.rules import all_rules

from .conftest import CATALOGUE, HOSTILE_MESSAGE, HOSTILE_SNIPPET, HOSTILE_URL


def parse(text: str):
    return lxml_html.document_fromstring(text)


def test_self_contained_and_scriptless(result):
    text = render_html(result)
    tree = parse(text)
    assert not tree.xpath("//script | //link[@rel='stylesheet'] | //iframe | //object | //embed")
    assert not tree.xpath("//img[not(starts-with(@src, 'data:'))]")
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert len(tree.xpath("//style")) == 1


def test_document_structure_for_assistive_technology(result):
    tree = parse(render_html(result))
    assert tree.get("lang") == "en"
    assert tree.findtext(".//title").startswith("Accessibility and GIGW 3.0 audit report")
    skip = tree.xpath("//body/*[1]")[0]
    assert skip.tag == "a" and skip.get("href") == "#main" and tree.xpath("//main[@id='main']")
    assert tree.xpath("//header") and tree.xpath("//nav[@aria-label]") and tree.xpath("//footer")
    assert len(tree.xpath("//main")) == 1 and len(tree.xpath("//h1")) == 1
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    for table in tree.iter("table"):
        assert table.find("caption") is not None and table.find("caption").text_content().strip()
        for th in table.iter("th"):
            assert th.get("scope") in ("col", "row")
    # each link in page order is unique in purpose: no empty links
    assert all(a.text_content().strip() for a in tree.iter("a"))
    # visible focus and reflow are in the CSS; the browser test checks them in Chromium
    css = tree.findtext(".//style")
    assert ":focus-visible" in css and "outline" in css and "@media (max-width: 30rem)" in css


def test_summary_comes_first_then_groups(result):
    tree = parse(render_html(result))
    h2 = [h.get("id") for h in tree.iter("h2")]
    assert h2 == ["summary", "gigw", "wcag", "by-rule", "by-page"]
    text = tree.text_content()
    assert "46.5" in text and "Critical" in text
    rules = [s.findtext("h3") for s in tree.xpath("//section[@aria-labelledby='by-rule']//summary")]
    assert rules[0].startswith("IMG001")  # the worst impact first
    assert all(d.find("summary") is not None for d in tree.iter("details"))
    gigw_rows = tree.xpath("//section[@aria-labelledby='gigw']//tbody/tr/th/text()")
    assert gigw_rows == ["5.1 Quality", "5.2 Accessibility", "5.3 Cybersecurity", "5.4 Lifecycle management",
                         "All sections"]
    assert "GIGW-5.1.6" in text  # failed checkpoint listed with its title
    gate = tree.xpath("//div[contains(@class, 'gate-failed')]")[0].text_content()
    assert "failed" in gate and "below --fail-under 90" in gate


def test_hostile_page_content_is_shown_never_run(result):
    text = render_html(result)
    assert "<script>alert(1)" not in text and '<img src=x onerror' not in text
    assert 'onmouseover="alert(3)"' not in text and "<b>bold</b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    tree = parse(text)
    assert not tree.xpath("//script") and not tree.xpath("//b")
    assert not [a for el in tree.iter() for a in el.attrib if a.lower().startswith("on")]
    for href in tree.xpath("//@href"):
        assert href.startswith("#") or urlsplit(href).scheme in ("http", "https"), href
    shown = tree.text_content()
    assert HOSTILE_SNIPPET in shown and HOSTILE_MESSAGE in shown
    assert HOSTILE_URL in shown  # the javascript: URL is displayed as text, not linked
    assert not tree.xpath(f"//a[@href={HOSTILE_URL!r}]")


def test_hindi_report_translates_headings_and_rerenders_known_messages(result):
    tree = parse(render_html(result, locale="hi", rules=CATALOGUE))
    assert tree.get("lang") == "hi"
    h2 = [h.text_content() for h in tree.iter("h2")]
    assert h2 == ["सारांश", "GIGW 3.0 खंड", "WCAG 2.2 सफलता मानदंड", "नियम के अनुसार परिणाम", "पृष्ठ के अनुसार परिणाम"]
    messages = [p.text_content() for p in tree.xpath("//p[@class='message']")]
    assert any(m.startswith("छवि का कोई पाठ विकल्प नहीं है") for m in messages)  # IMG001 from its catalogue
    assert any('"DSC0042.JPG"' in m and "फ़ाइल का नाम" in m for m in messages)  # IMG002 with its parameter
    assert not any(m.startswith("Image has no text alternative") for m in messages)
    # messages of rules Kasauti does not know stay in the audit's language, marked as such
    axe = tree.xpath("//p[@class='message'][starts-with(normalize-space(.), 'Element has insufficient')]")
    assert axe and all(p.get("lang") == "en" for p in axe)


def test_messages_are_rerendered_from_the_real_registry_by_default(result):
    from kasauti.linter.rules import get_rule

    hindi = get_rule("IMG001").message("default", "hi")
    assert hindi in parse(render_html(result, locale="hi")).text_content()
    assert hindi not in parse(render_html(result, locale="en")).text_content()


def test_quoted_text_in_another_script_keeps_its_language(result):
    tree = parse(render_html(result))
    hindi_title = tree.xpath("//summary/h3[contains(., 'मुखपृष्ठ')]")[0]
    assert {s.get("lang") for s in hindi_title.iter("span")} == {"hi"}
    tree = parse(render_html(result, locale="hi"))
    english_title = tree.xpath("//summary/h3[contains(., 'Ministry of Jal Shakti')]")[0]
    assert "en" in {s.get("lang") for s in english_title.iter("span")}


# WCAG criteria about a *set* of pages (Multiple Ways, consistent navigation/identification/help): a
# stand-alone report is not part of a set, so rules resting only on them (e.g. "every page has a search box")
# do not apply to it.
SET_OF_PAGES_CRITERIA = {"2.4.5", "3.2.3", "3.2.4", "3.2.6"}


def test_passes_kasautis_own_accessibility_rules(result):
    # Every page rule that maps to a WCAG criterion about one page must find nothing. Rules about a ministry
    # site's identity (emblem, ownership line, home link: GIGW-only, no WCAG criterion) do not apply to a report.
    rules = [r for r in all_rules() if set(r.wcag) - SET_OF_PAGES_CRITERIA]
    assert len(rules) >= 2
    for locale in ("en", "hi"):
        found = check_html(render_html(result, locale=locale), url="https://reports.example.gov.in/report.html",
                           rules=rules, locale="en")
        problems = [(f.rule, f.selector, f.message) for f in found if f.outcome == "violation"]
        assert problems == [], locale


def test_large_groups_are_capped_with_a_pointer_to_the_json(result):
    from dataclasses import replace

    first = result.findings[0]
    result.findings.extend(replace(first, selector=f"img:nth-of-type({i})", fingerprint=f"x{i}") for i in range(30))
    text = render_html(result, max_instances=5)
    assert "more not shown; the JSON report has them all" in text
    assert re.search(r"\b28 more not shown", text)  # IMG001: 2 + 1 + 30 instances, 5 shown
