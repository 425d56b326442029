"""The CI gate: decides pass/fail from a result and thresholds, and says exactly why.

Needs-review findings never fail the gate unless `fail_on_review` is set. With a baseline, impact, budget and
`max_new` checks look only at violations that are not in the baseline; the site score is judged as a whole.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fnmatch import fnmatch
from urllib.parse import urlsplit

from .baseline import Comparison
from .model import Finding, Impact, Outcome, SiteResult


@dataclass(frozen=True)
class GateOptions:
    fail_under: float | None = None  # site score below this fails
    fail_on: str | None = None  # an impact: any (new) violation at or above it fails
    fail_on_review: bool = False
    max_new: int | None = None  # with a baseline: allow up to this many new violations (of any impact)
    rule_budgets: dict[str, int] = field(default_factory=dict)  # rule code -> most violations allowed
    url_budgets: dict[str, int] = field(default_factory=dict)  # URL/path glob -> most violations allowed


def evaluate(result: SiteResult, options: GateOptions, comparison: Comparison | None = None) -> dict:
    reasons: list[str] = []
    if result.pages and all(page.score is None for page in result.pages):
        # Nothing was audited (the start URL is down, every page failed): that is never a pass.
        failures = [f"{p.url} ({p.error or p.status or 'no answer'})" for p in result.pages[:3]]
        reasons.append("no page could be audited" + (": " + "; ".join(failures) if failures else ""))
    violations = [f for f in result.findings if f.outcome == Outcome.VIOLATION.value]
    judged = comparison.new if comparison is not None else violations
    scope = "new " if comparison is not None else ""
    if options.fail_under is not None and result.score < options.fail_under:
        reasons.append(f"site score {result.score:.1f} is below --fail-under {options.fail_under:g}")
    if options.fail_on and (comparison is None or options.max_new is None):
        threshold = Impact(options.fail_on).rank
        hits = [f for f in judged if f.impact_rank >= threshold]
        if hits:
            reasons.append(f"{len(hits)} {scope}violation(s) at impact {options.fail_on} or worse "
                           f"(rules: {_rules(hits)})")
    if comparison is not None and options.max_new is not None and len(comparison.new) > options.max_new:
        reasons.append(f"{len(comparison.new)} new violation(s), more than --max-new {options.max_new} "
                       f"(rules: {_rules(comparison.new)})")
    by_rule = Counter(f.rule for f in judged)
    for rule, budget in sorted(options.rule_budgets.items()):
        if by_rule[rule.upper()] > budget:
            reasons.append(f"rule {rule.upper()}: {by_rule[rule.upper()]} {scope}violation(s), budget {budget}")
    for pattern, budget in sorted(options.url_budgets.items()):
        count = sum(1 for f in judged if _url_matches(f.url, pattern))
        if count > budget:
            reasons.append(f"URLs matching {pattern!r}: {count} {scope}violation(s), budget {budget}")
    if options.fail_on_review:
        reviews = [f for f in result.findings if f.outcome == Outcome.NEEDS_REVIEW.value]
        if reviews:
            reasons.append(f"{len(reviews)} finding(s) need review and --fail-on-review is set")
    gate: dict = {"passed": not reasons, "reasons": reasons}
    if comparison is not None:
        gate["baseline"] = {"new": len(comparison.new), "known": len(comparison.known),
                            "fixed": len(comparison.fixed),
                            "new_fingerprints": sorted({f.fingerprint for f in comparison.new}),
                            "fixed_fingerprints": sorted(e.fingerprint for e in comparison.fixed)}
    return gate


def _rules(findings: list[Finding]) -> str:
    rules = sorted({f.rule for f in findings})
    return ", ".join(rules[:12]) + (" …" if len(rules) > 12 else "")


def _url_matches(url: str, pattern: str) -> bool:
    return fnmatch(url, pattern) or fnmatch(urlsplit(url).path or "/", pattern)
