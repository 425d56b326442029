"""Arbitrary text in findings (as hostile pages produce) never breaks a report format."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from kasauti.linter.model import Finding
from kasauti.linter.report import (load_json, render_csv, render_html, render_json, render_junit, render_sarif,
                                   render_terminal)
from kasauti.linter.report.common import clean_text
from kasauti.linter.report.csv_report import COLUMNS
from kasauti.linter.scoring import build_result

text = st.text(max_size=60)  # any code point but lone surrogates: control characters, RTL marks, NUL, markup
nasty = st.one_of(text, st.sampled_from(['<script>alert(1)</script>', '" onmouseover="x', "javascript:alert(1)",
                                         "=1+1", "]]>", "&amp;", "[bold]x[/]", "\x1b[31m", "\x00", "मुख्य"]))
urls = st.one_of(st.just("https://site.example.gov.in/"), st.builds(lambda p: f"https://site.example.gov.in/{p}", text),
                 nasty)
findings = st.builds(
    Finding,
    rule=st.one_of(st.sampled_from(["IMG001", "IMG002", "color-contrast"]), text),
    name=text, outcome=st.sampled_from(["violation", "needs-review", "pass", "inapplicable"]),
    impact=st.sampled_from(["critical", "serious", "moderate", "minor"]),
    scope=st.sampled_from(["page", "site", "document"]), url=urls, selector=nasty, snippet=nasty, message=nasty,
    wcag=st.lists(st.sampled_from(["1.1.1", "1.4.3", "4.1.1", "2.4.9"]), max_size=2, unique=True).map(tuple),
    gigw=st.lists(st.sampled_from(["GIGW-5.2.1", "GIGW-5.1.18.home.a", "NIC-rti-page"]), max_size=2,
                  unique=True).map(tuple),
    engine=st.sampled_from(["static", "http", "axe", "lighthouse"]), fingerprint=text, help_url=urls,
    message_id=st.one_of(st.just("default"), text),
    data=st.dictionaries(text, text, max_size=3).map(lambda d: tuple(sorted(d.items()))),
)
results = st.builds(
    lambda found, title, target: build_result(
        target=target, pages=[("https://site.example.gov.in/", 200, title, None),
                              ("https://site.example.gov.in/x", None, None, "timeout")],
        findings=found, rules_run=["IMG001"], engines=("static",), started="2026-01-01T00:00:00+00:00",
        finished="2026-01-01T00:00:01+00:00", stats={"seconds": 1.0}, locale="en"),
    st.lists(findings, max_size=6), nasty, urls,
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(results)
def test_json_round_trips(result):
    text = render_json(result)
    assert load_json(text) == result
    assert render_json(load_json(text)) == text


@SETTINGS
@given(results)
def test_csv_parses_back_to_the_findings(result):
    parsed = list(csv.reader(io.StringIO(render_csv(result), newline="")))
    assert parsed[0] == list(COLUMNS)
    assert len(parsed) == len(result.findings) + 1
    for row, finding in zip(parsed[1:], result.findings):
        assert len(row) == len(COLUMNS)
        for cell, column in zip(row, COLUMNS):
            value = getattr(finding, column)
            value = ";".join(value) if isinstance(value, tuple) else value
            assert cell in (value, "'" + value)  # only the formula guard may change a cell


@SETTINGS
@given(results)
def test_junit_and_sarif_stay_well_formed(result):
    root = ET.fromstring(render_junit(result).encode("utf-8"))
    assert root.tag == "testsuites"
    log = json.loads(render_sarif(result))
    assert log["version"] == "2.1.0"
    reported = [f for f in result.findings if f.outcome in ("violation", "needs-review")]
    assert len(log["runs"][0]["results"]) == len(reported)


@SETTINGS
@given(results, st.sampled_from(["en", "hi"]))
def test_html_shows_every_text_and_runs_none(result, locale):
    page = render_html(result, locale=locale)
    tree = lxml_html.document_fromstring(page)
    assert not tree.xpath("//script | //iframe | //object | //embed | //form | //b | //img")
    assert not [a for el in tree.iter() for a in el.attrib if a.lower().startswith("on")]
    for href in tree.xpath("//@href"):
        assert href.startswith("#") or urlsplit(href).scheme in ("http", "https")
    shown = tree.text_content()
    for finding in result.findings:
        if finding.outcome in ("violation", "needs-review"):  # HTML parsing turns CR and CRLF into LF
            assert clean_text(finding.snippet).replace("\r\n", "\n").replace("\r", "\n") in shown


@SETTINGS
@given(results)
def test_terminal_never_emits_control_characters(result):
    out = render_terminal(result, color=False)
    assert not any(ord(c) < 32 and c != "\n" for c in out)
