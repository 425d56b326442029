"""The CI gate: decides pass/fail from a result and thresholds, and says exactly why.

Needs-review findings never fail the gate unless `fail_on_review` is set. With a baseline, impact, budget and
`max_new` checks look only at violations that are not in the baseline; the site and GIGW scores are judged as
a whole.

Each reason is kept twice in the gate record: as an English sentence (`reasons`, for logs and scripts) and as a
message id with parameters (`reason_ids`), so the terminal and HTML reports can say it in the report's
language (`reason_text`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fnmatch import fnmatch
from urllib.parse import urlsplit

from .baseline import Comparison
from .model import Finding, Impact, Outcome, SiteResult

FIXED_LISTED = 50  # fixed baseline entries named in the gate record (all are counted)

# Reason messages, per locale. `{scope}` is "new " / "नए " with a baseline, else empty.
REASONS: dict[str, dict[str, str]] = {
    "en": {
        "nothing-audited": "no page could be audited{failures}",
        "fail-under": "site score {score} is below --fail-under {threshold}",
        "fail-under-gigw": "GIGW 3.0 score {score} is below --fail-under-gigw {threshold}",
        "gigw-not-checked": "no GIGW 3.0 checkpoint was checked, so the GIGW score cannot reach "
                            "--fail-under-gigw {threshold}",
        "fail-on": "{count} {scope}violation(s) at impact {impact} or worse (rules: {rules})",
        "over-budget": "{count} {scope}performance budget(s) exceeded (rules: {rules})",
        "max-new": "{count} new violation(s), more than --max-new {threshold} (rules: {rules})",
        "rule-budget": "rule {rule}: {count} {scope}violation(s), budget {budget}",
        "url-budget": "URLs matching {pattern!r}: {count} {scope}violation(s), budget {budget}",
        "fail-on-review": "{count} finding(s) need review and --fail-on-review is set",
        "scope-new": "new ",
    },
    "hi": {
        "nothing-audited": "किसी भी पृष्ठ की जाँच नहीं हो सकी{failures}",
        "fail-under": "साइट स्कोर {score} --fail-under {threshold} से कम है",
        "fail-under-gigw": "GIGW 3.0 स्कोर {score} --fail-under-gigw {threshold} से कम है",
        "gigw-not-checked": "कोई GIGW 3.0 जाँच-बिंदु नहीं जाँचा गया, इसलिए GIGW स्कोर --fail-under-gigw "
                            "{threshold} तक नहीं पहुँच सकता",
        "fail-on": "{impact} या अधिक गंभीर प्रभाव के {count} {scope}उल्लंघन (नियम: {rules})",
        "over-budget": "{count} {scope}प्रदर्शन सीमाएँ पार हुईं (नियम: {rules})",
        "max-new": "{count} नए उल्लंघन, --max-new {threshold} से अधिक (नियम: {rules})",
        "rule-budget": "नियम {rule}: {count} {scope}उल्लंघन, सीमा {budget}",
        "url-budget": "{pattern!r} से मेल खाते URL: {count} {scope}उल्लंघन, सीमा {budget}",
        "fail-on-review": "{count} परिणामों की समीक्षा आवश्यक है और --fail-on-review लागू है",
        "scope-new": "नए ",
    },
}


@dataclass(frozen=True)
class GateOptions:
    fail_under: float | None = None  # site score below this fails
    fail_on: str | None = None  # an impact: any (new) violation at or above it fails
    fail_on_review: bool = False
    max_new: int | None = None  # with a baseline: allow up to this many new violations (of any impact)
    rule_budgets: dict[str, int] = field(default_factory=dict)  # rule code -> most violations allowed
    url_budgets: dict[str, int] = field(default_factory=dict)  # URL/path glob -> most violations allowed
    fail_under_gigw: float | None = None  # GIGW 3.0 score (all sections) below this fails


def reason_text(reason: dict, locale: str = "en") -> str:
    """One gate reason ({"id", "params"}) as a sentence in `locale` (English when there is no translation)."""
    texts = {**REASONS["en"], **REASONS.get(locale, {})}
    params = dict(reason.get("params") or {})
    if "scope" in params:
        params["scope"] = texts["scope-new"] if params["scope"] else ""
    return texts[reason["id"]].format(**params)


def reasons_in(gate: dict, locale: str) -> tuple[list[str], str]:
    """A gate record's reasons in `locale`, and the language they are in: English when the record has no
    message ids (e.g. a report stored by an older version)."""
    ids = gate.get("reason_ids")
    reasons = list(gate.get("reasons") or [])
    if locale == "en" or locale not in REASONS or not ids or len(ids) != len(reasons):
        return reasons, "en"
    try:
        return [reason_text(reason, locale) for reason in ids], locale
    except (KeyError, ValueError, IndexError):
        return reasons, "en"


def evaluate(result: SiteResult, options: GateOptions, comparison: Comparison | None = None) -> dict:
    ids: list[dict] = []

    def fail(reason_id: str, **params) -> None:
        ids.append({"id": reason_id, "params": params})

    if result.pages and all(page.score is None for page in result.pages):
        # Nothing was audited (the start URL is down, every page failed): that is never a pass.
        failures = [f"{p.url} ({p.error or p.status or 'no answer'})" for p in result.pages[:3]]
        fail("nothing-audited", failures=(": " + "; ".join(failures)) if failures else "")
    violations = [f for f in result.findings if f.outcome == Outcome.VIOLATION.value]
    judged = comparison.new if comparison is not None else violations
    scope = comparison is not None
    if options.fail_under is not None and result.score < options.fail_under:
        fail("fail-under", score=f"{result.score:.1f}", threshold=f"{options.fail_under:g}")
    if options.fail_under_gigw is not None:
        gigw = (result.gigw_sections.get("overall") or {}).get("score")
        if gigw is None:
            fail("gigw-not-checked", threshold=f"{options.fail_under_gigw:g}")
        elif gigw < options.fail_under_gigw:
            fail("fail-under-gigw", score=f"{gigw:.1f}", threshold=f"{options.fail_under_gigw:g}")
    if options.fail_on and (comparison is None or options.max_new is None):
        threshold = Impact(options.fail_on).rank
        hits = [f for f in judged if f.impact_rank >= threshold]
        if hits:
            fail("fail-on", count=len(hits), scope=scope, impact=options.fail_on, rules=_rules(hits))
    if comparison is not None and options.max_new is not None and len(comparison.new) > options.max_new:
        fail("max-new", count=len(comparison.new), threshold=options.max_new, rules=_rules(comparison.new))
    # Performance budgets (BUD rules) are thresholds the user set: exceeding one fails the gate whatever
    # --fail-on says, as a Lighthouse CI assertion does (--fail-on none leaves the gate to scores and budgets).
    over_budget = [f for f in judged if f.rule.startswith("BUD")]
    if over_budget:
        fail("over-budget", count=len(over_budget), scope=scope, rules=_rules(over_budget))
    by_rule = Counter(f.rule for f in judged)
    for rule, budget in sorted(options.rule_budgets.items()):
        if by_rule[rule.upper()] > budget:
            fail("rule-budget", rule=rule.upper(), count=by_rule[rule.upper()], scope=scope, budget=budget)
    for pattern, budget in sorted(options.url_budgets.items()):
        count = sum(1 for f in judged if _url_matches(f.url, pattern))
        if count > budget:
            fail("url-budget", pattern=pattern, count=count, scope=scope, budget=budget)
    if options.fail_on_review:
        reviews = [f for f in result.findings if f.outcome == Outcome.NEEDS_REVIEW.value]
        if reviews:
            fail("fail-on-review", count=len(reviews))
    gate: dict = {"passed": not ids, "reasons": [reason_text(r) for r in ids], "reason_ids": ids}
    if comparison is not None:
        gate["baseline"] = {"new": len(comparison.new), "known": len(comparison.known),
                            "fixed": len(comparison.fixed),
                            "new_fingerprints": sorted({f.fingerprint for f in comparison.new}),
                            "fixed_fingerprints": sorted(e.fingerprint for e in comparison.fixed),
                            "fixed_entries": [{"rule": e.rule, "path": e.path, "count": e.count,
                                               "message": e.message} for e in comparison.fixed[:FIXED_LISTED]]}
    return gate


def _rules(findings: list[Finding]) -> str:
    rules = sorted({f.rule for f in findings})
    return ", ".join(rules[:12]) + (" …" if len(rules) > 12 else "")


def _url_matches(url: str, pattern: str) -> bool:
    return fnmatch(url, pattern) or fnmatch(urlsplit(url).path or "/", pattern)
