"""The CI gate: decides pass/fail from a result and thresholds, and says exactly why.

Needs-review findings never fail the gate unless `fail_on_review` is set.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Impact, Outcome, SiteResult


@dataclass(frozen=True)
class GateOptions:
    fail_under: float | None = None  # site score below this fails
    fail_on: str | None = None  # an impact: any violation at or above it fails
    fail_on_review: bool = False


def evaluate(result: SiteResult, options: GateOptions) -> dict:
    reasons: list[str] = []
    violations = [f for f in result.findings if f.outcome == Outcome.VIOLATION.value]
    if options.fail_under is not None and result.score < options.fail_under:
        reasons.append(f"site score {result.score:.1f} is below --fail-under {options.fail_under:g}")
    if options.fail_on:
        threshold = Impact(options.fail_on).rank
        hits = [f for f in violations if f.impact_rank >= threshold]
        if hits:
            rules = sorted({f.rule for f in hits})
            reasons.append(f"{len(hits)} violation(s) at impact {options.fail_on} or worse "
                           f"(rules: {', '.join(rules[:12])}{' …' if len(rules) > 12 else ''})")
    if options.fail_on_review:
        reviews = [f for f in result.findings if f.outcome == Outcome.NEEDS_REVIEW.value]
        if reviews:
            reasons.append(f"{len(reviews)} finding(s) need review and --fail-on-review is set")
    return {"passed": not reasons, "reasons": reasons}
