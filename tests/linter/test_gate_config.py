"""The CI gate decides from thresholds and explains itself; config files are found and validated."""
from __future__ import annotations

import pytest

from kasauti.linter.config import ConfigError, find_config, load_config
from kasauti.linter.gate import GateOptions, evaluate
from kasauti.linter.model import Finding, SiteResult


def finding(impact: str, outcome: str = "violation", rule: str = "IMG001") -> Finding:
    return Finding(rule=rule, name="x", outcome=outcome, impact=impact, scope="page", url="https://a.gov.in/",
                   selector="img", snippet="", message="m", wcag=("1.1.1",), gigw=(), engine="static", fingerprint="f")


def result(findings, score=90.0) -> SiteResult:
    return SiteResult(target="t", started_at="", finished_at="", engines=("static",), score=score, pages=[],
                      findings=findings)


def test_gate_thresholds_and_reasons():
    assert evaluate(result([]), GateOptions(fail_on="minor"))["passed"]
    gate = evaluate(result([finding("moderate")]), GateOptions(fail_on="serious"))
    assert gate["passed"]
    gate = evaluate(result([finding("critical")], score=70), GateOptions(fail_on="serious", fail_under=80))
    assert not gate["passed"]
    assert any("below --fail-under 80" in r for r in gate["reasons"])
    assert any("impact serious or worse" in r and "IMG001" in r for r in gate["reasons"])


def test_needs_review_never_fails_unless_asked():
    review = [finding("critical", outcome="needs-review")]
    assert evaluate(result(review), GateOptions(fail_on="minor"))["passed"]
    assert not evaluate(result(review), GateOptions(fail_on_review=True))["passed"]


def test_config_from_pyproject_and_kasauti_toml(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.kasauti]\nfail-under = 95\nengines = ["static"]\n')
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    path = find_config(nested)
    assert path == tmp_path / "pyproject.toml"
    assert load_config(path) == {"fail_under": 95, "engines": ["static"]}
    (tmp_path / "kasauti.toml").write_text("max-pages = 10\n")
    assert load_config(find_config(nested)) == {"max_pages": 10}
    (tmp_path / "kasauti.toml").write_text("max-pagez = 10\n")
    with pytest.raises(ConfigError, match="max_pagez"):
        load_config(tmp_path / "kasauti.toml")
    (tmp_path / "kasauti.toml").write_text("max-pages = \n")
    with pytest.raises(ConfigError):
        load_config(tmp_path / "kasauti.toml")


def test_gigw_score_threshold():
    clean = result([])
    clean.gigw_sections = {"overall": {"score": 100.0}}
    assert evaluate(clean, GateOptions(fail_under_gigw=100))["passed"]
    clean.gigw_sections = {"overall": {"score": 97.7}}
    gate = evaluate(clean, GateOptions(fail_under_gigw=100))
    assert gate["reasons"] == ["GIGW 3.0 score 97.7 is below --fail-under-gigw 100"]
    assert gate["reason_ids"] == [{"id": "fail-under-gigw", "params": {"score": "97.7", "threshold": "100"}}]
    clean.gigw_sections = {"overall": {"score": None}}  # nothing checked is not a pass
    assert not evaluate(clean, GateOptions(fail_under_gigw=100))["passed"]


def test_every_gate_reason_has_a_hindi_text_with_the_same_parameters():
    import string

    from kasauti.linter.gate import REASONS

    assert set(REASONS["hi"]) == set(REASONS["en"])
    fields = lambda text: {name for _, name, _, _ in string.Formatter().parse(text) if name}  # noqa: E731
    for key, english in REASONS["en"].items():
        assert fields(REASONS["hi"][key]) == fields(english), key


def test_exceeded_performance_budgets_fail_whatever_fail_on_says():
    over = [finding("moderate", rule="BUD001"), finding("minor", rule="BUD008")]
    for fail_on in ("critical", None):
        gate = evaluate(result(over), GateOptions(fail_on=fail_on))
        assert not gate["passed"]
        assert "2 performance budget(s) exceeded (rules: BUD001, BUD008)" in gate["reasons"]
    assert evaluate(result([finding("moderate", outcome="needs-review", rule="BUD001")]), GateOptions())["passed"]
