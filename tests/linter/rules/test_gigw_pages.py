"""The good GIGW pages pass *because* of their GIGW features: take one away and its rule fires."""
from __future__ import annotations

import re

import pytest

from kasauti.linter.engines.static import check_document
from kasauti.linter.html import Document
from kasauti.linter.rules import get_rule

from .harness import GOOD, HOME_URL, URL

EMBLEM_SVG = re.compile(r'<svg class="emblem".*?</svg>', re.S)
MUTATIONS = [
    ("good-home.html", "IDN001", EMBLEM_SVG, ""),
    ("good-home.html", "IDN002", '<title id="emblem-title">State Emblem of India</title>', "<title></title>"),
    ("good-inner.html", "IDN002", 'alt="भारत का राजचिह्न"', 'alt=""'),
    ("good-inner.html", "IDN003", "जल संरक्षण मंत्रालय, भारत सरकार", "जल पोर्टल"),
    ("good-inner.html", "IDN004", 'href="/hi/"', 'href="/hi/start/"'),
    ("good-inner.html", "IDN005", re.compile(r"<p>सामग्री का स्वामित्व.*?</p>"), "<p>© 2026</p>"),
    ("good-home.html", "NAV001", '<a class="skip-link" href="#main-content">Skip to main content</a>', ""),
    ("good-inner.html", "NAV002", re.compile(r'<form role="search".*?</form>', re.S), ""),
    ("good-home.html", "NAV009", "https://www.india.gov.in/", "https://www.example.gov.in/"),
    ("good-inner.html", "UPD001", "<p>अंतिम अद्यतन: २० नवंबर २०२६</p>", ""),
    ("good-home.html", "UPD001", '<p>Last updated: <time datetime="2026-11-20">20-11-2026</time></p>', ""),
    ("good-home.html", "DOC001", "Annual Report 2025-26 (PDF, 1.2 MB)", "Annual Report 2025-26"),
    ("good-inner.html", "DOC001", "<td>610 केबी</td>", "<td></td>"),
    # The page's confirm-before-leaving script would leave the link for review: remove both.
    ("good-home.html", "LNK004", re.compile(r'<script>.*?</script>|<span class="visually-hidden">\(external website, '
                                            r'opens in a new tab\)</span></a></li>', re.S), ""),
    ("good-home.html", "CNT001", "<h2>What is new</h2>", "<h2>What is new</h2><p>Best viewed at 1024x768.</p>"),
]


@pytest.mark.parametrize("name,code,find,replace", MUTATIONS, ids=[f"{m[1]}-{m[0]}" for m in MUTATIONS])
def test_removing_a_feature_from_a_good_page_fires_its_rule(name, code, find, replace):
    html = (GOOD / name).read_text("utf-8")
    mutated = find.sub(replace, html) if isinstance(find, re.Pattern) else html.replace(find, replace)
    assert mutated != html, f"{find!r} not found in {name}"
    home = 'content="home"' in html
    rule = get_rule(code)
    before = check_document(Document(html, HOME_URL if home else URL), [rule], is_home=home)
    after = check_document(Document(mutated, HOME_URL if home else URL), [rule], is_home=home)
    assert [f for f in before if f.outcome == "violation"] == []
    assert [f for f in after if f.outcome == "violation"], f"{code} did not notice the change"


def test_external_link_on_a_page_with_a_leaving_confirmation_script_is_left_for_review():
    html = (GOOD / "good-home.html").read_text("utf-8").replace(
        '<span class="visually-hidden">(external website, opens in a new tab)</span></a></li>', "</a></li>")
    found = check_document(Document(html, HOME_URL), [get_rule("LNK004")], is_home=True)
    assert [(f.outcome, dict(f.data)["host"]) for f in found] == [("needs-review", "www.unesco.org")]


@pytest.mark.parametrize("footer", [
    # mkdocs-material with the git-revision-date-localized plugin
    '<aside class="md-source-file"><span class="md-source-file__fact">Last update: <span class="git-revision-date-'
    'localized-plugin git-revision-date-localized-plugin-date">November 20, 2026</span></span></aside>',
    "<p>अंतिम अद्यतन: २० नवंबर २०२६</p>",
    "<p>Page last reviewed on 3rd Oct 2026</p>",
    '<p>Last updated <time datetime="2026-11-20">yesterday</time></p>',
])
def test_last_updated_label_variants(footer):
    html = f'<html lang="en"><body><main><h1>Schemes</h1></main><footer>{footer}</footer></body></html>'
    assert check_document(Document(html, URL), [get_rule("UPD001")]) == []


def test_last_updated_label_without_a_date_is_left_for_review():
    html = ('<html lang="en"><body><main><h1>Schemes</h1></main><footer><p>Last updated: <span id="lu"></span>'
            '</p><script>lu.textContent = document.lastModified;</script></footer></body></html>')
    assert [(f.outcome, f.message_id) for f in check_document(Document(html, URL), [get_rule("UPD001")])] == [
        ("needs-review", "no-date")]
