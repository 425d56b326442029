"""The browser-only checks (BRW001-BRW006) in real Chromium: each flags exactly the listed elements of its bad
page and nothing on its good page."""
from __future__ import annotations

import pytest

from kasauti.linter.rules import get_rule

from .conftest import audit_page

pytestmark = pytest.mark.browser

BRW = ("BRW001", "BRW002", "BRW003", "BRW004", "BRW005", "BRW006")

# page -> {(code, selector, outcome)} that the checks must report, and nothing else of the BRW family
CASES = {
    "brw001-bad.html": {("BRW001", "#wide-notice", "violation")},
    "brw001-good.html": set(),
    "brw002-bad.html": {("BRW002", "#clipped", "violation")},
    "brw002-good.html": set(),
    "brw003-bad.html": {("BRW003", "#no-outline-link", "violation"), ("BRW003", "#no-outline-button", "violation")},
    "brw003-good.html": set(),
    "brw004-bad.html": {("BRW004", "#trap", "violation")},
    "brw004-escape.html": {("BRW004", "#held", "needs-review")},
    "brw004-good.html": set(),
    "brw005-bad.html": {("BRW005", "html", "violation")},
    "brw005-good.html": set(),
    "brw006-bad.html": {("BRW006", "#grey-on-gradient", "violation"), ("BRW006", "#grey-on-dark-image", "violation")},
    "brw006-good.html": set(),
    "good.html": set(),
}


@pytest.mark.parametrize("page", sorted(CASES))
def test_browser_checks_flag_exactly_the_bad_elements(session, fixture_site, page):
    findings, _ = audit_page(session, fixture_site + page)
    flagged = {(f.rule, f.selector, f.outcome) for f in findings if f.rule in BRW}
    assert flagged == CASES[page]


def test_browser_findings_carry_rule_metadata_and_messages(session, fixture_site):
    findings, _ = audit_page(session, fixture_site + "brw001-bad.html")
    [reflow] = [f for f in findings if f.rule == "BRW001"]
    rule = get_rule("BRW001")
    assert (reflow.name, reflow.impact, reflow.wcag, reflow.gigw, reflow.engine) == (
        rule.name, "serious", ("1.4.10",), rule.gigw, "axe")
    assert reflow.message.startswith("At a 320 CSS px wide window this element extends to 960 px")
    assert reflow.snippet.startswith('<div class="notice" id="wide-notice">')
    assert reflow.help_url.endswith("/BRW001/")
    [trap] = [f for f in audit_page(session, fixture_site + "brw004-escape.html")[0] if f.rule == "BRW004"]
    assert dict(trap.data)["keys"] == "escape" and "(escape) does release it" in trap.message


def test_checks_can_be_switched_off(session, fixture_site):
    findings, _ = audit_page(session, fixture_site + "brw003-bad.html", browser_checks=False)
    assert not [f for f in findings if f.rule in BRW]


def test_checks_leave_the_viewport_and_page_as_they_were(session, fixture_site):
    audit_page(session, fixture_site + "brw005-bad.html")
    driver = session.driver
    assert driver.execute_script("return [innerWidth, document.querySelectorAll('style[data-kasauti]').length]") \
        == [1280, 0]
    assert driver.execute_script("return HTMLElement.prototype.focus.toString()").endswith("{ [native code] }")


def test_contrast_over_backgrounds_settles_what_axe_leaves_for_review(session, fixture_site):
    bad, _ = audit_page(session, fixture_site + "brw006-bad.html")
    contrast = {f.selector: f for f in bad if f.rule in ("BRW006", "color-contrast")}
    assert {(s, f.rule) for s, f in contrast.items()} == {("#grey-on-gradient", "BRW006"),
                                                          ("#grey-on-dark-image", "BRW006")}
    dark = contrast["#grey-on-dark-image"]
    assert 2.5 < float(dict(dark.data)["ratio"]) < 3.0  # #555 over #050505..#101010: about 2.7:1 at best
    assert dark.snippet.startswith('<p class="photo" id="grey-on-dark-image">')  # not the measuring mark
    good, _ = audit_page(session, fixture_site + "brw006-good.html")
    assert not [f for f in good if f.rule in ("BRW006", "color-contrast")]  # resolved, not left for review
    without, _ = audit_page(session, fixture_site + "brw006-good.html", browser_checks=False)
    assert {f.outcome for f in without if f.rule == "color-contrast"} == {"needs-review"}  # what axe alone says
    assert session.driver.execute_script("return document.querySelectorAll('[data-kasauti-contrast]').length") == 0
