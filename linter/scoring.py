"""Scores: pages, the site, GIGW 3.0 sections and WCAG 2.2 levels. Pure functions of findings.

**Page score.** Each rule violated on a page takes a share off the page's 100 points; the shares multiply,
so a page can approach but never fall below 0 and every extra problem costs something:

    page = 100 × Π over the distinct rules r violated on the page of (1 − w(impact_r) × m(n_r))

    w(critical) = 0.25   w(serious) = 0.15   w(moderate) = 0.07   w(minor) = 0.02
    m(n) = 1 + 0.1 × min(n − 1, 10)        n = instances of r on the page (so m runs from 1.0 to 2.0)

One critical problem costs 25 points; the same problem on 11 or more elements costs 50. A rule's impact is
the worst impact among its instances (axe can rate nodes of one rule differently); an unknown impact counts as
moderate. Only the outcome "violation" counts: needs-review, pass and inapplicable never lower a score.

**Site score.** The mean score of the pages that were audited, times the same factor for each rule violated at
site or document level (missing policy pages, PDFs without a text layer, ...), where n counts the instances of
that rule across the site:

    site = mean(page scores) × Π over the distinct site/document rules r violated of (1 − w(impact_r) × m(n_r))

Page findings whose URL is not among the audited pages count at site level, so nothing is dropped. Pages that
could not be fetched or read have no score and are left out of the mean; when no page could be audited the site
score is 0 (nothing was verified) and no GIGW checkpoint or WCAG criterion counts as checked. Scores are
rounded to one decimal, halves up.

**GIGW 3.0 sections.** GIGW's conformity matrix (Annexure II) has 88 checkpoints in four sections: 5.1 Quality,
5.2 Accessibility, 5.3 Cybersecurity, 5.4 Lifecycle management. A checkpoint is *checked* when a rule that
ran maps to it or to one of its sub-requirements (e.g. GIGW-5.1.18.home.a belongs to GIGW-5.1.18); it *fails*
when any of those rules found a violation; otherwise it *passes*. Checkpoints with only needs-review findings
pass and are listed for review:

    section score = 100 × passed checkpoints / checked checkpoints     (none when nothing was checked)

Ids from other sources (NIC and S3WaaS conventions, DBIM, extra security headers, documents, performance
budgets, WCAG 2.2 additions) are reported under "other" and never enter the GIGW score. A passed checkpoint
means "no problem found by the automated checks", not certification.

**WCAG 2.2.** For each level (A, AA, and AAA when any AAA criterion was checked): the criteria checked by the
rules that ran, those with at least one violation, those with needs-review findings only, and per-criterion
counts. 4.1.1 Parsing, obsolete in WCAG 2.2, is reported apart and not counted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from .model import Finding, Outcome, PageSummary, SiteResult
from .standards import GIGW_SECTIONS, WCAG22, WCAG_OBSOLETE, gigw_checklist, gigw_section, wcag_level, wcag_name

IMPACT_WEIGHTS: dict[str, float] = {"critical": 0.25, "serious": 0.15, "moderate": 0.07, "minor": 0.02}
DEFAULT_WEIGHT = IMPACT_WEIGHTS["moderate"]
MAX_EXTRA_INSTANCES = 10  # instances beyond the 11th cost nothing more: the page is already marked down hard
PER_INSTANCE = 0.1

_VIOLATION = Outcome.VIOLATION.value
_REVIEW = Outcome.NEEDS_REVIEW.value
_CHECKPOINT = re.compile(r"^(GIGW-5\.[1-4]\.\d+)(?:\.|$)")
_IMPACT_RANK = {"minor": 1, "moderate": 2, "serious": 3, "critical": 4}


def instance_multiplier(count: int) -> float:
    """m(n): how much more a rule costs when it fails on n elements of one page (1.0 to 2.0)."""
    return 1.0 + PER_INSTANCE * min(max(count, 1) - 1, MAX_EXTRA_INSTANCES)


def rule_factor(impact: str, count: int) -> float:
    """(1 − w × m(n)): what is left of a score after one rule failing n times."""
    return 1.0 - IMPACT_WEIGHTS.get(impact, DEFAULT_WEIGHT) * instance_multiplier(count)


def _penalty_product(findings: Iterable[Finding]) -> float:
    """Π over distinct violated rules of rule_factor(worst impact, instances)."""
    counts: dict[str, int] = {}
    worst: dict[str, str] = {}
    for finding in findings:
        if finding.outcome != _VIOLATION:
            continue
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
        if _IMPACT_RANK.get(finding.impact, 2) > _IMPACT_RANK.get(worst.get(finding.rule, ""), 0):
            worst[finding.rule] = finding.impact
    product = 1.0
    for rule in sorted(counts):  # a fixed order keeps floating-point results identical run to run
        product *= rule_factor(worst[rule], counts[rule])
    return product


def round_score(value: float) -> float:
    """One decimal, halves rounded up, immune to binary noise (63.7499999… from 100 × 0.75 × 0.85 gives 63.8)."""
    return float(Decimal(repr(round(value, 9))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def page_score(findings_for_page: Iterable[Finding]) -> float:
    """Score of one page from its findings (see the module docstring)."""
    return round_score(100.0 * _penalty_product(findings_for_page))


def site_score(page_scores: Iterable[float | None], site_findings: Iterable[Finding]) -> float:
    """Mean of the page scores (None = page not audited, left out) times the site/document rule factors."""
    scores = [s for s in page_scores if s is not None]
    if not scores:
        return 0.0
    return round_score(sum(scores) / len(scores) * _penalty_product(site_findings))


# ---- GIGW ---------------------------------------------------------------------------------------------
def gigw_checkpoint(gigw_id: str) -> str | None:
    """The Annexure II checkpoint an id counts towards (GIGW-5.1.18.home.a -> GIGW-5.1.18); None if not GIGW."""
    if gigw_section(gigw_id) is None:
        return None
    match = _CHECKPOINT.match(gigw_id)
    return match.group(1) if match else None


def id_sort_key(ident: str) -> tuple:
    """Natural order for ids: GIGW-5.1.9 before GIGW-5.1.10, 1.4.3 before 1.4.10."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", ident))


def _sorted_ids(ids: Iterable[str]) -> list[str]:
    return sorted(set(ids), key=id_sort_key)


def checkpoint_totals() -> dict[str, int]:
    """Number of Annexure II checkpoints per section in the checklist (25, 50, 3, 10)."""
    totals = {section: 0 for section in GIGW_SECTIONS}
    for gid in gigw_checklist():
        checkpoint = gigw_checkpoint(gid)
        if checkpoint == gid:
            totals[checkpoint[5:8]] += 1
    return totals


def _bucket(name: str, checked: set[str], failed: set[str], review: set[str], failed_ids: set[str],
            total: int | None) -> dict[str, Any]:
    failed = failed & checked
    review = (review & checked) - failed
    passed = checked - failed
    return {
        "name": name,
        "score": round_score(100.0 * len(passed) / len(checked)) if checked else None,
        "checked": _sorted_ids(checked),
        "failed": _sorted_ids(failed),
        "passed": _sorted_ids(passed),
        "needs_review": _sorted_ids(review),
        "failed_ids": _sorted_ids(failed_ids),
        "total": total,
    }


def gigw_sections(findings: Iterable[Finding], checked_ids: Iterable[str]) -> dict[str, dict]:
    """Per GIGW section "5.1".."5.4": {name, score, checked, failed, passed, needs_review, failed_ids, total};
    then "overall" (all four sections) and "other" (non-GIGW ids, not part of any GIGW score).

    `checked`, `failed`, `passed` and `needs_review` list Annexure II checkpoints (GIGW-5.x.y) for the sections
    and exact ids for "other"; `failed_ids` lists the exact ids (sub-requirements included) with violations;
    `total` is the number of checkpoints the section has (None for "other").
    """
    findings = list(findings)
    checked_exact = set(checked_ids)
    for finding in findings:  # a finding's ids were checked even if its rule was not listed as run (axe)
        if finding.outcome != Outcome.INAPPLICABLE.value:
            checked_exact.update(finding.gigw)
    failed_exact = {g for f in findings if f.outcome == _VIOLATION for g in f.gigw}
    review_exact = {g for f in findings if f.outcome == _REVIEW for g in f.gigw}

    def roll_up(ids: set[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {section: set() for section in GIGW_SECTIONS}
        out["other"] = set()
        for gid in ids:
            checkpoint = gigw_checkpoint(gid)
            if checkpoint is None:
                out["other"].add(gid)
            else:
                out[checkpoint[5:8]].add(checkpoint)
        return out

    checked, failed, review = roll_up(checked_exact), roll_up(failed_exact), roll_up(review_exact)
    totals = checkpoint_totals()
    result: dict[str, dict] = {}
    for section, name in GIGW_SECTIONS.items():
        exact = {g for g in failed_exact if (gigw_checkpoint(g) or "")[5:8] == section}
        result[section] = _bucket(name, checked[section], failed[section], review[section], exact, totals[section])
    union = lambda key_sets: set().union(*(key_sets[s] for s in GIGW_SECTIONS))  # noqa: E731
    gigw_failed_exact = {g for g in failed_exact if gigw_checkpoint(g)}
    result["overall"] = _bucket("GIGW 3.0", union(checked), union(failed), union(review), gigw_failed_exact,
                                sum(totals.values()))
    result["other"] = _bucket("Other checks (not in the GIGW score)", checked["other"], set(failed["other"]),
                              set(review["other"]), set(failed["other"]), None)
    return result


# ---- WCAG ---------------------------------------------------------------------------------------------
def wcag_summary(findings: Iterable[Finding], checked_sc: Iterable[str]) -> dict[str, Any]:
    """{"A": {checked, failed, needs_review, passed}, "AA": ..., "AAA": ... (when any AAA was checked),
    "criteria": {sc: {name, level, violations, needs_review, pages}}, "obsolete": {...}}.

    `checked` is a count; the lists hold success-criterion ids. `criteria` has every checked criterion.
    """
    findings = list(findings)
    checked = set(checked_sc)
    for finding in findings:
        if finding.outcome != Outcome.INAPPLICABLE.value:
            checked.update(finding.wcag)
    counts: dict[str, dict[str, Any]] = {}
    pages: dict[str, set[str]] = {}
    for finding in findings:
        for sc in finding.wcag:
            entry = counts.setdefault(sc, {"violations": 0, "needs_review": 0})
            if finding.outcome == _VIOLATION:
                entry["violations"] += 1
                pages.setdefault(sc, set()).add(finding.url)
            elif finding.outcome == _REVIEW:
                entry["needs_review"] += 1

    def criterion(sc: str) -> dict[str, Any]:
        entry = counts.get(sc, {"violations": 0, "needs_review": 0})
        return {"name": wcag_name(sc), "level": wcag_level(sc), "violations": entry["violations"],
                "needs_review": entry["needs_review"], "pages": len(pages.get(sc, ()))}

    summary: dict[str, Any] = {}
    current = {sc for sc in checked if sc in WCAG22}
    for level in ("A", "AA", "AAA"):
        at_level = {sc for sc in current if WCAG22[sc][1] == level}
        if level == "AAA" and not at_level:
            continue
        failed = {sc for sc in at_level if counts.get(sc, {}).get("violations")}
        review = {sc for sc in at_level if counts.get(sc, {}).get("needs_review")} - failed
        summary[level] = {"checked": len(at_level), "failed": _sorted_ids(failed),
                          "needs_review": _sorted_ids(review), "passed": _sorted_ids(at_level - failed)}
    summary["criteria"] = {sc: criterion(sc) for sc in _sorted_ids(current)}
    summary["obsolete"] = {sc: criterion(sc) for sc in _sorted_ids(checked & set(WCAG_OBSOLETE))}
    unknown = checked - current - set(WCAG_OBSOLETE)
    if unknown:  # ids no WCAG 2.2 table knows (a newer axe tag, a typo in a mapping): shown, never scored
        summary["unknown"] = {sc: criterion(sc) for sc in _sorted_ids(unknown)}
    return summary


# ---- the whole result ---------------------------------------------------------------------------------
_SCOPE_RANK = {"page": 0, "site": 1, "document": 2}


def finding_sort_key(f: Finding) -> tuple:
    """A total order over findings, so reports are identical whatever order the engines produced them in."""
    return (_SCOPE_RANK.get(f.scope, 3), f.url, f.rule, f.outcome, f.selector, f.fingerprint, f.message, f.snippet,
            f.impact, f.name, f.engine, f.wcag, f.gigw, f.help_url, f.message_id, f.data, f.scope)


@lru_cache(maxsize=65536)  # every finding of a page asks with the same URL
def page_key(url: str) -> str:
    """How findings are matched to pages: scheme, host, path without fragment, trailing slash or index.html."""
    parts = urlsplit(url or "")
    path = parts.path or "/"
    for index in ("index.html", "index.htm"):
        if path.endswith("/" + index):
            path = path[: -len(index)]
    return f"{parts.scheme}://{(parts.netloc or '').lower()}{path.rstrip('/') or '/'}" + \
        (f"?{parts.query}" if parts.query else "")


@dataclass(frozen=True)
class _PageInput:
    url: str
    status: int | None
    title: str | None
    error: str | None


def _page_input(page: Any) -> _PageInput:
    if isinstance(page, PageSummary):
        return _PageInput(page.url, page.status, page.title, page.error)
    if isinstance(page, Mapping):
        return _PageInput(page["url"], page.get("status"), page.get("title"), page.get("error"))
    url, status, title, error = page
    return _PageInput(url, status, title, error)


def _rules_that_ran(rules_run: Iterable[Any], engines: Sequence[str]) -> list[Any]:
    """Rule objects (or codes) of the rules that really ran: static/http always, browser engines when enabled."""
    from .rules import get_rule  # noqa: PLC0415 - loading rule families is only needed here

    chosen = []
    for rule in rules_run:
        if isinstance(rule, str):
            rule = get_rule(rule) or rule
        engine = getattr(rule, "engine", "static")
        if engine in ("static", "http") or engine in engines:
            chosen.append(rule)
    return chosen


def build_result(target: str, pages: Iterable[Any], findings: Iterable[Finding], rules_run: Iterable[Any],
                 engines: Sequence[str], started: str, finished: str, stats: Mapping[str, Any] | None = None,
                 locale: str = "en") -> SiteResult:
    """Score everything and assemble the SiteResult the reporters render.

    `pages`: PageSummary objects, (url, status, title, error) tuples or mappings with those keys; a page with an
    error has no score. `rules_run`: Rule objects or codes; rules of browser engines that were not enabled are
    ignored. The codes of the rules that ran are kept in `stats["rules_run"]` (JUnit and SARIF list them).
    """
    from kasauti import __version__  # noqa: PLC0415

    engines = tuple(engines)
    ran = _rules_that_ran(rules_run, engines)
    findings = sorted(findings, key=finding_sort_key)
    inputs = sorted((_page_input(p) for p in pages), key=lambda p: p.url)

    by_key: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.scope == "page":
            by_key.setdefault(page_key(finding.url), []).append(finding)
    summaries: list[PageSummary] = []
    matched: set[str] = set()
    for page in inputs:
        key = page_key(page.url)
        own = by_key.get(key, []) if key not in matched else []  # a page listed twice is scored once
        matched.add(key)
        audited = page.error is None
        summaries.append(PageSummary(
            url=page.url, status=page.status, score=page_score(own) if audited else None,  # type: ignore[arg-type]
            title=page.title or "", error=page.error,
            violations=sum(f.outcome == _VIOLATION for f in own),
            needs_review=sum(f.outcome == _REVIEW for f in own),
        ))
    site_level = [f for f in findings if f.scope != "page" or page_key(f.url) not in matched]

    # Rules that ran on no page checked nothing: when every page failed, no checkpoint counts as passed.
    checking = ran if any(p.score is not None for p in summaries) else []
    checked_gigw = {g for rule in checking if not isinstance(rule, str) for g in rule.gigw}
    checked_sc = {sc for rule in checking if not isinstance(rule, str) for sc in rule.wcag}
    out_stats = dict(stats or {})
    out_stats["rules_run"] = sorted({rule if isinstance(rule, str) else rule.code for rule in ran})
    return SiteResult(
        target=target, started_at=started, finished_at=finished, engines=engines,
        score=site_score((p.score for p in summaries), site_level),
        pages=summaries, findings=findings,
        gigw_sections=gigw_sections(findings, checked_gigw),
        wcag_summary=wcag_summary(findings, checked_sc),
        stats=out_stats, gate=None, tool_version=__version__, locale=locale,
    )
