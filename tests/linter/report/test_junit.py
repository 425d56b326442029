"""JUnit XML: well-formed, one suite per page plus one for the site, one case per rule, counts that add up."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from kasauti.linter.report import render_junit

from .conftest import CATALOGUE, HOSTILE_SNIPPET


def test_suites_cases_and_counts(result):
    text = render_junit(result, rules=CATALOGUE)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    base = "https://jalshakti.example.gov.in"
    assert set(suites) == {f"{base}/", f"{base}/about/", f"{base}/contact/", f"{base}/hi/", f"{base}/tenders/",
                           "site-wide and document checks"}
    for suite in suites.values():
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("skipped")) == len(suite.findall("testcase/skipped"))
        assert int(suite.get("errors")) == len(suite.findall("testcase/error"))
    for key in ("tests", "failures", "errors", "skipped"):
        assert int(root.get(key)) == sum(int(s.get(key)) for s in suites.values())
    assert root.get("time") == "125.000"

    # every rule that ran is a case on every audited page, passing where it found nothing
    contact = [c.get("name") for c in suites[f"{base}/contact/"].findall("testcase")]
    assert contact == ["IMG001 image-missing-alt", "IMG002 image-alt-is-file-name", "color-contrast",
                       "duplicate-id-aria", "heading-order", "link-name", "region", "target-size"]
    # (axe ran its rules on every page too)
    assert not suites[f"{base}/contact/"].findall("testcase/failure")
    home = suites[f"{base}/"]
    failure = home.find("testcase[@name='IMG001 image-missing-alt']/failure")
    assert failure.get("type") == "critical" and failure.get("message").startswith("2 violation(s): Image has")
    assert "selector: header > img.emblem" in failure.text and 'snippet: <img src="/emblem.svg">' in failure.text
    # needs-review only: skipped, with the reason
    skipped = suites[f"{base}/hi/"].find("testcase[@name='heading-order']/skipped")
    assert skipped is not None and skipped.get("message").startswith("1 item(s) need review")
    # a page that could not be fetched is an error, not a silent pass
    error = suites[f"{base}/tenders/"].find("testcase/error")
    assert error.get("message") == "timeout"
    site = [c.get("name") for c in suites["site-wide and document checks"].findall("testcase")]
    assert {"XDOC901 pdf-without-text-layer", "XPOL901 accessibility-statement-missing",
            "link-name"} <= set(site)  # link-name: its URL is not an audited page


def test_hostile_text_is_escaped_and_survives_parsing(result):
    text = render_junit(result)
    assert "<script>" not in text
    root = ET.fromstring(text.encode("utf-8"))
    texts = "".join(f.text or "" for f in root.iter("failure"))
    assert HOSTILE_SNIPPET in texts
