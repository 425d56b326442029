"""Scoring: the documented formulas, their monotonicity, GIGW sections, WCAG levels and result assembly."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kasauti.linter.model import Finding
from kasauti.linter.scoring import (build_result, checkpoint_totals, gigw_checkpoint, gigw_sections, id_sort_key,
                                    instance_multiplier, page_score, site_score, wcag_summary)

URL = "https://mowr.example.gov.in/"


def finding(rule="IMG001", impact="critical", outcome="violation", url=URL, scope="page", selector="img",
            wcag=("1.1.1",), gigw=("GIGW-5.2.1",), n=0) -> Finding:
    return Finding(rule=rule, name=rule.lower(), outcome=outcome, impact=impact, scope=scope, url=url,
                   selector=f"{selector}:nth-of-type({n + 1})", snippet="", message="m", wcag=wcag, gigw=gigw,
                   engine="static", fingerprint=f"{rule}-{url}-{n}-{outcome}")


def many(count, **kwargs):
    return [finding(n=i, **kwargs) for i in range(count)]


# ---- page score ---------------------------------------------------------------------------------------
def test_page_score_formula_by_impact_and_instances():
    assert page_score([]) == 100.0
    assert page_score([finding(impact="critical")]) == 75.0
    assert page_score([finding(impact="serious")]) == 85.0
    assert page_score([finding(impact="moderate")]) == 93.0
    assert page_score([finding(impact="minor")]) == 98.0
    # m(3) = 1.2: one critical rule on three elements costs 0.25 x 1.2 = 30 points
    assert page_score(many(3, impact="critical")) == 70.0
    # the instance multiplier stops at 2.0 (11 instances and more)
    assert instance_multiplier(1) == 1.0 and instance_multiplier(11) == pytest.approx(2.0)
    assert page_score(many(11)) == page_score(many(500)) == 50.0
    # distinct rules multiply: 100 x 0.75 x 0.85
    assert page_score([finding(), finding(rule="IMG002", impact="serious")]) == 63.8  # 63.75, half up


def test_only_violations_lower_a_page_score():
    others = [finding(outcome=o) for o in ("needs-review", "pass", "inapplicable")]
    assert page_score(others) == 100.0
    assert page_score(others + [finding(impact="minor", rule="X")]) == 98.0


def test_a_rule_counts_with_its_worst_impact_and_unknown_impacts_as_moderate():
    mixed = [finding(rule="color-contrast", impact="minor", n=0), finding(rule="color-contrast", impact="serious", n=1)]
    assert page_score(mixed) == 83.5  # 100 x (1 - 0.15 x 1.1)
    assert page_score([finding(impact="catastrophic")]) == 93.0


impacts = st.sampled_from(["critical", "serious", "moderate", "minor"])
rule_ids = st.sampled_from(["R1", "R2", "R3", "R4", "R5"])
violations = st.lists(st.tuples(rule_ids, impacts), max_size=40).map(
    lambda pairs: [finding(rule=r, impact=i, n=k) for k, (r, i) in enumerate(pairs)])


@settings(max_examples=150, deadline=None)
@given(violations, rule_ids, impacts)
def test_page_score_is_bounded_deterministic_and_monotonic(found, extra_rule, extra_impact):
    score = page_score(found)
    assert 0.0 < score <= 100.0
    shuffled = found[:]
    random.Random(7).shuffle(shuffled)
    assert page_score(shuffled) == score
    # one more problem never raises a score
    more = found + [finding(rule=extra_rule, impact=extra_impact, n=999)]
    assert page_score(more) <= score


# ---- site score ---------------------------------------------------------------------------------------
def test_site_score_is_mean_of_audited_pages_times_site_rule_factors():
    assert site_score([100.0, 80.0], []) == 90.0
    assert site_score([100.0, 80.0, None], []) == 90.0  # a page that was not audited is left out
    site = [finding(rule="POL001", impact="serious", scope="site")]
    assert site_score([100.0, 80.0], site) == 76.5
    docs = many(3, rule="DOC001", impact="serious", scope="document")
    assert site_score([100.0], docs) == 82.0
    review = [finding(rule="POL001", impact="critical", scope="site", outcome="needs-review")]
    assert site_score([90.0], review) == 90.0
    assert site_score([], []) == 0.0  # nothing audited: nothing verified


# ---- GIGW ---------------------------------------------------------------------------------------------
def test_gigw_checkpoints_roll_up_sub_requirements():
    assert gigw_checkpoint("GIGW-5.1.18.home.a") == "GIGW-5.1.18"
    assert gigw_checkpoint("GIGW-5.2.1") == "GIGW-5.2.1"
    assert gigw_checkpoint("NIC-accessibility-statement") is None
    assert gigw_checkpoint("GIGW-9.9.9") is None  # not in the checklist
    assert checkpoint_totals() == {"5.1": 25, "5.2": 50, "5.3": 3, "5.4": 10}
    assert sorted(["GIGW-5.1.10", "GIGW-5.1.9", "GIGW-5.1.18.home.a"], key=id_sort_key) == \
        ["GIGW-5.1.9", "GIGW-5.1.10", "GIGW-5.1.18.home.a"]


def test_gigw_sections_score_passed_over_checked_and_keep_other_ids_apart():
    checked = {"GIGW-5.2.1", "GIGW-5.2.28", "GIGW-5.2.38", "GIGW-5.2.39", "GIGW-5.1.18.home.a",
               "GIGW-5.1.18.home.b", "GIGW-5.1.1", "NIC-accessibility-statement", "DBIM-G11"}
    found = [
        finding(gigw=("GIGW-5.2.1",)),
        finding(rule="IDN001", gigw=("GIGW-5.1.18.home.b", "GIGW-5.1.1"), wcag=()),
        finding(rule="NIC001", gigw=("NIC-accessibility-statement",), scope="site", wcag=()),
        finding(rule="LANG003", gigw=("GIGW-5.2.39",), outcome="needs-review", wcag=("3.1.2",)),
    ]
    sections = gigw_sections(found, checked)
    s52 = sections["5.2"]
    assert s52["checked"] == ["GIGW-5.2.1", "GIGW-5.2.28", "GIGW-5.2.38", "GIGW-5.2.39"]
    assert s52["failed"] == ["GIGW-5.2.1"]
    assert s52["passed"] == ["GIGW-5.2.28", "GIGW-5.2.38", "GIGW-5.2.39"]
    assert s52["needs_review"] == ["GIGW-5.2.39"]
    assert s52["score"] == 75.0 and s52["total"] == 50
    s51 = sections["5.1"]  # 5.1.18.home.a and .b count once, as checkpoint 5.1.18
    assert s51["checked"] == ["GIGW-5.1.1", "GIGW-5.1.18"]
    assert s51["failed"] == ["GIGW-5.1.1", "GIGW-5.1.18"] and s51["score"] == 0.0
    assert s51["failed_ids"] == ["GIGW-5.1.1", "GIGW-5.1.18.home.b"]
    assert sections["5.3"]["score"] is None and sections["5.3"]["checked"] == []
    overall = sections["overall"]
    assert overall["score"] == 50.0 and overall["total"] == 88
    other = sections["other"]
    assert other["checked"] == ["DBIM-G11", "NIC-accessibility-statement"]
    assert other["failed"] == ["NIC-accessibility-statement"]
    assert not any(g.startswith(("NIC", "DBIM")) for g in overall["checked"])


def test_gigw_ids_of_findings_count_as_checked_even_when_no_listed_rule_maps_them():
    sections = gigw_sections([finding(rule="color-contrast", gigw=("GIGW-5.2.16",))], set())
    assert sections["5.2"]["checked"] == ["GIGW-5.2.16"] and sections["5.2"]["score"] == 0.0


# ---- WCAG ---------------------------------------------------------------------------------------------
def test_wcag_summary_by_level_with_obsolete_parsing_apart():
    found = [
        finding(wcag=("1.1.1",)),
        finding(rule="color-contrast", wcag=("1.4.3",), impact="serious"),
        finding(rule="duplicate-id", wcag=("4.1.1",), impact="minor"),
        finding(rule="heading-order", wcag=("1.3.1",), outcome="needs-review"),
    ]
    summary = wcag_summary(found, {"1.1.1", "2.4.2", "1.4.3", "1.3.1", "3.1.2"})
    assert summary["A"]["checked"] == 3 and summary["A"]["failed"] == ["1.1.1"]
    assert summary["A"]["needs_review"] == ["1.3.1"]
    assert summary["AA"] == {"checked": 2, "failed": ["1.4.3"], "needs_review": [], "passed": ["3.1.2"]}
    assert "AAA" not in summary
    assert summary["criteria"]["1.1.1"] == {"name": "Non-text Content", "level": "A", "violations": 1,
                                            "needs_review": 0, "pages": 1}
    assert "4.1.1" not in summary["criteria"]
    assert summary["obsolete"]["4.1.1"]["violations"] == 1
    assert "AAA" in wcag_summary([], {"2.4.9"})


# ---- build_result -------------------------------------------------------------------------------------
def test_build_result_scores_pages_and_site():
    from kasauti.linter.rules import get_rule

    pages = [(URL, 200, "Home", None), (URL + "about/", 200, "About", None), (URL + "down/", None, None, "timeout")]
    found = [
        finding(n=0), finding(n=1),  # two IMG001 on the home page
        finding(rule="IMG002", impact="serious", url=URL + "about/index.html"),  # same page, other spelling
        finding(rule="POL001", impact="serious", scope="site", wcag=(), gigw=("GIGW-5.4.5",)),
        finding(rule="link-name", impact="serious", url="https://elsewhere.example/"),  # not an audited page
    ]
    rules = [get_rule("IMG001"), get_rule("IMG002"), "TTL001"]
    result = build_result(URL, pages, list(reversed(found)), rules, ("static",), "2026-01-01T00:00:00+00:00",
                          "2026-01-01T00:01:00+00:00", {"pages_found": 3}, "hi")
    by_url = {p.url: p for p in result.pages}
    assert by_url[URL].score == 72.5 and by_url[URL].violations == 2  # 100 x (1 - 0.25 x 1.1)
    assert by_url[URL + "about/"].score == 85.0
    assert by_url[URL + "down/"].score is None and by_url[URL + "down/"].error == "timeout"
    # mean(72.5, 85) x POL001 (0.85) x unmatched link-name (0.85)
    assert result.score == 56.9  # 78.75 x 0.7225 = 56.896875
    assert result.stats["rules_run"] == ["IMG001", "IMG002", "TTL001"] and result.stats["pages_found"] == 3
    assert result.locale == "hi" and result.engines == ("static",)
    assert result.gigw_sections["5.2"]["checked"] == ["GIGW-5.2.1", "GIGW-5.2.28"]  # TTL001 maps 5.2.28
    assert result.wcag_summary["A"]["failed"] == ["1.1.1"]
    # the same findings in any order give the same result
    again = build_result(URL, list(reversed(pages)), found, rules, ("static",), "2026-01-01T00:00:00+00:00",
                         "2026-01-01T00:01:00+00:00", {"pages_found": 3}, "hi")
    assert again == result


def test_build_result_ignores_rules_of_engines_that_did_not_run():
    from types import SimpleNamespace

    axe_rule = SimpleNamespace(code="AXE999", engine="axe", gigw=("GIGW-5.2.16",), wcag=("1.4.3",))
    off = build_result(URL, [(URL, 200, "", None)], [], [axe_rule], ("static",), "", "", {}, "en")
    on = build_result(URL, [(URL, 200, "", None)], [], [axe_rule], ("static", "axe"), "", "", {}, "en")
    assert off.stats["rules_run"] == [] and off.gigw_sections["5.2"]["checked"] == []
    assert on.stats["rules_run"] == ["AXE999"] and on.gigw_sections["5.2"]["checked"] == ["GIGW-5.2.16"]
    assert on.wcag_summary["AA"]["passed"] == ["1.4.3"]


def test_published_formula_matches_the_code():
    import kasauti.linter.scoring as scoring

    doc = scoring.__doc__
    for impact, weight in scoring.IMPACT_WEIGHTS.items():
        assert f"w({impact}) = {weight}" in doc
    assert f"m(n) = 1 + {scoring.PER_INSTANCE} × min(n − 1, {scoring.MAX_EXTRA_INSTANCES})" in doc
