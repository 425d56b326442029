"""The axe engine's data and pure parts: the axe -> GIGW table and the static <-> axe equivalents against the
pinned axe-core's own rule list (axe.getRules() through node), WCAG ids from tags, selectors, and the merge of
static and browser findings (duplicates and disputes)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from kasauti.linter.engines import axe as axe_engine
from kasauti.linter.engines.axe import (
    axe_node_finding, element_key, key_combos, merge_findings, stable_selector, target_text,
)
from kasauti.linter.engines.axe_gigw import AXE_GIGW, derived_gigw, gigw_for_rule, table_problems, wcag_from_tags
from kasauti.linter.engines.equivalents import STATIC_AXE_EQUIVALENTS, static_equivalents
from kasauti.linter.model import Finding
from kasauti.linter.rules import get_rule
from kasauti.linter.standards import gigw_checklist

URL = "https://jalsanrakshan.gov.in/tenders/"


@pytest.fixture(scope="module")
def axe_rules() -> dict[str, list[str]]:
    """{rule id: tags} of every rule in the npm-pinned axe-core, read by node from axe.getRules()."""
    return axe_engine.axe_rule_metadata()


# ---- tables against axe-core's own rule list --------------------------------------------------------------
def test_pinned_axe_core_is_the_one_in_package_json(axe_rules):
    import json
    from pathlib import Path

    pinned = json.loads((Path(__file__).resolve().parents[3] / "package.json").read_text())["dependencies"]
    assert axe_engine.axe_version() == pinned["axe-core"]
    assert len(axe_rules) > 90 and "image-alt" in axe_rules


def test_every_axe_rule_is_mapped_to_gigw(axe_rules):
    assert table_problems(axe_rules) == []
    assert set(axe_rules) <= set(AXE_GIGW), "rules of the pinned axe-core missing from AXE_GIGW"
    stale = set(AXE_GIGW) - set(axe_rules)
    assert not stale, f"AXE_GIGW rows for rules axe-core no longer has: {sorted(stale)}"


def test_gigw_rows_contain_what_the_wcag_tags_imply(axe_rules):
    checklist = gigw_checklist()
    for rule_id, tags in axe_rules.items():
        row = AXE_GIGW[rule_id]
        assert row and all(g in checklist for g in row), rule_id
        assert set(derived_gigw(tags)) <= set(row), rule_id
    assert gigw_for_rule("image-alt") == ("GIGW-5.2.1",)
    assert gigw_for_rule("target-size") == ("WCAG22-2.5.8",)
    # A rule newer than the table still gets what its tags imply.
    assert gigw_for_rule("some-future-rule", ["wcag2a", "wcag111"]) == ("GIGW-5.2.1",)


def test_table_problems_reports_missing_and_wrong_rows():
    problems = table_problems({"image-alt": ["wcag2a", "wcag111"], "new-rule": ["wcag2aa", "wcag143"],
                               "document-title": ["wcag2a", "wcag242", "wcag111"]})
    assert any(p.startswith("new-rule: no row") for p in problems)
    assert any(p.startswith("document-title: row lacks GIGW-5.2.1") for p in problems)
    assert not any(p.startswith("image-alt") for p in problems)


def test_static_axe_equivalents_name_real_rules_that_share_a_criterion(axe_rules):
    for code, rules in STATIC_AXE_EQUIVALENTS.items():
        rule = get_rule(code)
        assert rule is not None and rule.engine == "static", code
        for axe_rule in rules:
            assert axe_rule in axe_rules, f"{code}: {axe_rule} is not an axe-core rule"
            criteria = set(wcag_from_tags(axe_rules[axe_rule]))
            # Equivalent rules test one requirement: they share a criterion, or the axe rule is best practice.
            assert criteria & set(rule.wcag) or not criteria, f"{code} vs {axe_rule}: {rule.wcag} / {criteria}"
    assert static_equivalents()["image-alt"] == ("IMG001",)


# ---- small pure functions ---------------------------------------------------------------------------------
def test_wcag_ids_from_tags():
    assert wcag_from_tags(["cat.text-alternatives", "wcag2a", "wcag111", "section508"]) == ("1.1.1",)
    assert wcag_from_tags(["wcag2aa", "wcag1410", "wcag143", "wcag143"]) == ("1.4.10", "1.4.3")
    assert wcag_from_tags(["wcag21aa", "wcag22aa", "best-practice", "ACT", "TTv5"]) == ()
    assert wcag_from_tags(["wcag258"]) == ("2.5.8",)


def test_targets_and_stable_selectors():
    assert target_text(["iframe", "#x"]) == "iframe >>> #x"
    assert target_text([["my-widget", "button"]]) == "my-widget >> button"
    assert stable_selector("main > div:nth-of-type(3) > p.css-1x2y3z.intro") == "main > div > p.intro"
    assert element_key("table > tbody > tr > td") == element_key("table > tr > td")
    assert element_key("") == element_key("html") == "html"


def test_key_combinations_named_in_text():
    assert key_combos("Press Ctrl+M to leave, or Esc.") == [(("control",), "m"), ((), "escape")]
    assert key_combos("Use Alt + Shift + F4") == [(("alt", "shift"), "f4")]
    assert key_combos("escapement") == []


def test_axe_node_finding_fields():
    rule = {"id": "image-alt", "impact": "critical", "tags": ["wcag2a", "wcag111"], "help": "Images need alt",
            "helpUrl": "https://dequeuniversity.com/rules/axe/4.14/image-alt"}
    node = {"target": ["#logo"], "html": "<img  src='logo.png'\n id='logo'>", "impact": "critical",
            "failureSummary": "Fix any of the following:\n  Element does not have an alt attribute"}
    finding = axe_node_finding(rule, node, "violation", URL, "hi", path="html > body > img")
    assert finding.selector == "html > body > img" and finding.snippet == "<img src='logo.png' id='logo'>"
    assert finding.message.startswith('axe-core नियम "image-alt" का उल्लंघन')
    assert dict(finding.data)["summary"] == "Element does not have an alt attribute"
    # The fingerprint follows axe's selector and the image source, not the sibling position.
    moved = axe_node_finding(rule, node, "violation", URL, "en", path="html > body > div > img")
    assert moved.fingerprint == finding.fingerprint


# ---- merge ------------------------------------------------------------------------------------------------
def _finding(rule, engine, selector, wcag, outcome="violation", url=URL) -> Finding:
    return Finding(rule=rule, name=rule.lower(), outcome=outcome, impact="serious", scope="page", url=url,
                   selector=selector, snippet="", message="", wcag=wcag, gigw=(), engine=engine,
                   fingerprint=f"{rule}{selector}")


def test_merge_counts_one_problem_once():
    static = [_finding("IMG001", "static", "#logo", ("1.1.1",)), _finding("LANG001", "static", "html", ("3.1.1",))]
    browser = [_finding("image-alt", "axe", "#logo", ("1.1.1",)),  # same SC, same element: merged
               _finding("image-alt", "axe", "#banner", ("1.1.1",)),  # another element: kept
               _finding("html-has-lang", "axe", "html", ("3.1.1",)),  # page level: merged
               _finding("document-title", "axe", "", (), "pass")]  # passes are never merged
    merged = merge_findings(static, browser)
    assert [(f.rule, f.selector, dict(f.data).get("also_found_by")) for f in merged] == [
        ("IMG001", "#logo", "axe:image-alt"), ("LANG001", "html", "axe:html-has-lang"),
        ("image-alt", "#banner", None), ("document-title", "", None)]


def test_merge_uses_equivalents_when_axe_has_no_criterion():
    static = [_finding("HDG001", "static", "html", ("1.3.1", "2.4.6"))]
    browser = [_finding("page-has-heading-one", "axe", "html", ())]  # best practice: no WCAG tag
    assert [f.rule for f in merge_findings(static, browser)] == ["HDG001"]


def test_merge_keeps_the_violation_and_distinct_browser_findings():
    static = [_finding("FRM002", "static", "#q", ("1.3.1",), "needs-review")]
    browser = [_finding("label", "axe", "#q", ("1.3.1", "4.1.2")), _finding("BRW003", "axe", "#q", ("1.3.1",))]
    merged = merge_findings(static, browser)
    assert [(f.rule, f.outcome) for f in merged] == [("label", "violation"), ("BRW003", "violation")]
    assert dict(merged[0].data)["also_found_by"] == "static:FRM002"


def test_dispute_only_when_the_equivalent_axe_rule_ran_and_flagged_nothing():
    other = "https://jalsanrakshan.gov.in/schemes/"
    static = [_finding("FRM001", "static", "#a", ("4.1.2",)), _finding("IMG001", "static", "#b", ("1.1.1",)),
              _finding("IFR001", "static", "#c", ("4.1.2",)), _finding("FRM001", "static", "#d", ("4.1.2",), url=other),
              _finding("NAV001", "static", "html", ("2.4.1",))]
    browser = [_finding("image-alt", "axe", "#elsewhere", ("1.1.1",))]  # axe flagged another image: no dispute
    ran = {URL: {"label", "image-alt", "bypass"}}  # frame-title did not run; the other page was not audited
    merged = {f.selector: f for f in merge_findings(static, browser, ran) if f.engine == "static"}
    assert merged["#a"].outcome == "needs-review" and dict(merged["#a"].data)["disputed_by"] == "axe:label"
    assert merged["#b"].outcome == "violation"
    assert merged["#c"].outcome == "violation"
    assert merged["#d"].outcome == "violation"
    assert merged["html"].outcome == "violation"  # NAV001 (a skip link) is stricter than axe's bypass
    # A needs-review from axe on the equivalent rule also keeps the static violation.
    review = [replace(_finding("label", "axe", "#z", ("4.1.2",)), outcome="needs-review")]
    assert [f.outcome for f in merge_findings(static[:1], review, ran) if f.rule == "FRM001"] == ["violation"]


def test_select_and_ignore_apply_to_browser_findings():
    from kasauti.linter.audit import _selected
    from kasauti.linter.rules import select_rules

    rules = select_rules(("IMG", "BRW", "image-alt"), ("BRW004",))
    assert _selected("BRW001", rules, ("IMG", "BRW", "image-alt"), ("BRW004",))
    assert not _selected("BRW004", rules, ("IMG", "BRW", "image-alt"), ("BRW004",))
    assert _selected("image-alt", rules, ("IMG", "BRW", "image-alt"), ())
    assert not _selected("target-size", rules, ("IMG", "BRW", "image-alt"), ())
    everything = select_rules((), ("target-size", "LH-"))
    assert _selected("color-contrast", everything, (), ("target-size", "LH-"))
    assert not _selected("target-size", everything, (), ("target-size", "LH-"))
    assert not _selected("LH-meta-description", everything, (), ("target-size", "LH-"))
