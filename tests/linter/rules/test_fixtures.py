"""Every page rule against its fixture pages (flagged set == marked set) and all rules against good pages."""
from __future__ import annotations

import pytest

from kasauti.linter.engines.static import check_document
from kasauti.linter.html import Document

from .harness import FIXTURES, GOOD, HOME_URL, URL, expected_and_stripped, fixture_code, flagged, is_home_fixture, page_rules

FIXTURE_FILES = sorted(FIXTURES.glob("*.html"))
GOOD_FILES = sorted(GOOD.glob("*.html"))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.stem for p in FIXTURE_FILES])
def test_rule_flags_exactly_the_marked_elements(path):
    code = fixture_code(path)
    html = path.read_text("utf-8")
    home = is_home_fixture(html)
    url = HOME_URL if home else URL
    expected, stripped = expected_and_stripped(html, code, url)
    assert expected, f"{path.name} marks nothing for {code}: a fixture must contain failing examples"
    got = flagged(stripped, code, url, home)
    assert got == expected, f"missed: {sorted(expected - got)}; false positives: {sorted(got - expected)}"


def test_every_static_page_rule_has_a_fixture():
    covered = {fixture_code(p) for p in FIXTURE_FILES}
    missing = [r.code for r in page_rules() if r.engine == "static" and r.code not in covered]
    assert not missing, f"page rules without a fixture page: {missing}"


@pytest.mark.parametrize("path", GOOD_FILES, ids=[p.stem for p in GOOD_FILES])
def test_good_page_has_no_violation(path):
    html = path.read_text("utf-8")
    home = is_home_fixture(html)
    doc = Document(html, HOME_URL if home else URL)
    findings = [f for f in check_document(doc, page_rules(), is_home=home, live=False) if f.outcome == "violation"]
    assert not findings, "\n".join(f"{f.rule} {f.selector}: {f.message}" for f in findings)
