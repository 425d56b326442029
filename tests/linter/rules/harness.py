"""Fixture harness: marked elements (`data-expect="CODE ..."`) must equal the elements a rule flags.

Page-level findings (no element) are matched against a mark on the <html> element.
"""
from __future__ import annotations

import re
from pathlib import Path

from kasauti.linter.engines.static import check_document, split_rules
from kasauti.linter.html import Document
from kasauti.linter.rules import all_rules, get_rule

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = Path(__file__).parent / "good"
URL = "https://jalsanrakshan.gov.in/section/page/"
HOME_URL = "https://jalsanrakshan.gov.in/"
_MARK = re.compile(r"\sdata-expect=(\"[^\"]*\"|'[^']*')")


def expected_and_stripped(html: str, code: str, url: str) -> tuple[set[str], str]:
    marked = Document(html, url)
    expected = {marked.selector(el) for el in marked.with_attr("data-expect") if code in el.get("data-expect").split()}
    return expected, _MARK.sub("", html)


def flagged(html: str, code: str, url: str, is_home: bool) -> set[str]:
    rule = get_rule(code)
    findings = check_document(Document(html, url), [rule], is_home=is_home, live=True)
    return {f.selector or "html" for f in findings if f.outcome == "violation"}


def fixture_code(path: Path) -> str:
    return path.stem.split("-")[0].split(".")[0]


def is_home_fixture(html: str) -> bool:
    return 'name="kasauti-test" content="home"' in html


def page_rules():
    page, _ = split_rules(all_rules())
    return page
