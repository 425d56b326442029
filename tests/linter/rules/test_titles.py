"""TTL003 (duplicate titles, a site rule) over Site objects built by the real page pass, plus the title
classifiers the page rules use."""
from __future__ import annotations

import pytest

from kasauti.linter.engines.static import check_site, page_pass, split_rules
from kasauti.linter.model import FetchedPage
from kasauti.linter.rules import get_rule
from kasauti.linter.rules.titles import is_generic_title
from kasauti.linter.site import Site

START = "https://jalshakti.gov.in/"


def page(path: str, title: str | None, status: int = 200, lang: str = "en") -> FetchedPage:
    head = f"<title>{title}</title>" if title is not None else ""
    html = f"<!doctype html><html lang='{lang}'><head>{head}</head><body><main><h1>x</h1></main></body></html>"
    url = START.rstrip("/") + path
    return FetchedPage(url=url, final_url=url, status=status, content_type="text/html", text=html)


def audit(*pages: FetchedPage):
    rule = get_rule("TTL003")
    page_rules, site_rules = split_rules([rule])
    assert site_rules == [rule]
    site = Site(start_url=START, live=True)
    for fetched in pages:
        _, facts = page_pass(fetched, page_rules, site_rules)
        site.pages.append(facts)
    return check_site(site, site_rules)


def test_each_page_sharing_a_title_is_reported_at_its_own_url():
    findings = audit(
        page("/", "Ministry of Jal Shakti, Government of India"),
        page("/tenders/", "Ministry of Jal Shakti"),
        page("/contact/", "Ministry  of Jal  Shakti"),  # white space and case do not make a title unique
        page("/about/", "MINISTRY OF JAL SHAKTI"),
        page("/schemes/", "Schemes - Ministry of Jal Shakti"),
    )
    assert sorted(f.url for f in findings) == [START + "about/", START + "contact/", START + "tenders/"]
    assert all(f.rule == "TTL003" and f.outcome == "violation" for f in findings)
    assert all(f.selector == "html > head > title" for f in findings)
    tenders = next(f for f in findings if f.url.endswith("/tenders/"))
    assert "3 pages share the title" in tenders.message
    assert "<title>Ministry of Jal Shakti</title>" == tenders.snippet
    # one fingerprint per page, stable for the same title
    assert len({f.fingerprint for f in findings}) == 3


def test_translations_with_the_same_title_are_flagged_too():
    findings = audit(page("/en/about/", "About us"), page("/hi/about/", "About us", lang="hi"))
    assert {f.url for f in findings} == {START + "en/about/", START + "hi/about/"}


def test_aliases_of_one_page_missing_titles_and_error_pages_are_not_duplicates():
    findings = audit(
        page("/about/", "About us - Ministry of Jal Shakti"),
        page("/about/index.html", "About us - Ministry of Jal Shakti"),  # the same page under another address
        page("/missing/", "Page not found"),
        page("/gone/", "Page not found", status=404),
        page("/404.html", "About us - Ministry of Jal Shakti"),  # a built site's not-found page
        page("/a/", None),
        page("/b/", None),
        page("/c/", ""),
        page("/d/", " "),
    )
    assert findings == []


def test_unique_titles_give_no_finding_and_hindi_message_is_localised():
    assert audit(page("/", "Home - Ministry of Jal Shakti"), page("/tenders/", "Tenders - Ministry of Jal Shakti")) == []
    rule = get_rule("TTL003")
    _, site_rules = split_rules([rule])
    site = Site(start_url=START, live=False)
    for fetched in (page("/a/", "निविदाएँ"), page("/b/", "निविदाएँ")):
        site.pages.append(page_pass(fetched, [], site_rules)[1])
    messages = [f.message for f in check_site(site, site_rules, locale="hi")]
    assert len(messages) == 2 and all("पृष्ठों का शीर्षक एक ही है" in m for m in messages)


@pytest.mark.parametrize("title", [
    "Home", "home page", "Untitled Document", "untitled-1", "New Page 1", "new page 12", "Welcome", "Document",
    "index", "index.html", "default.aspx", "https://jalshakti.gov.in/", "www.jalshakti.gov.in",
    "jalshakti-dowr.gov.in", "मुखपृष्ठ", "मुख पृष्ठ", " Home | ", "होम पेज", "स्वागत है",
])
def test_generic_titles(title):
    assert is_generic_title(title)


@pytest.mark.parametrize("title", [
    "Home | Ministry of Jal Shakti", "मुखपृष्ठ - जल शक्ति मंत्रालय, भारत सरकार", "Welcome to the Ministry of Jal Shakti",
    "Index of RTI disclosures", "Documents and reports", "Page 2 of tenders", "National Water Mission",
])
def test_descriptive_titles(title):
    assert not is_generic_title(title)
