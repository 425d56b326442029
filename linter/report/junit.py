"""JUnit XML: for CI systems that show test results (GitLab, Jenkins, Azure DevOps, GitHub test reporters).

One testsuite per page and one for site-wide and document checks; one testcase per rule checked there.
A rule with violations is a <failure> (type = impact) listing every instance; a rule with only needs-review
findings is <skipped> ("a person must decide"); a page that could not be fetched is one testcase with an
<error>. Text from pages is cleaned of characters XML 1.0 forbids, then escaped by the XML writer.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any, Mapping

from ..model import Finding, SiteResult
from ..scoring import page_key
from .common import (NEEDS_REVIEW, VIOLATION, RuleLookup, clean_text, format_score, impact_rank, one_line, rule_label,
                     rule_lookup, rules_run)

SITE_SUITE = "site-wide and document checks"
MESSAGE_LIMIT = 300  # a failure's message attribute is a one-line headline; the full list is its text


def _scope_of(code: str, findings_by_rule: dict[str, list[Finding]], lookup: RuleLookup) -> str:
    rule = lookup(code)
    if rule is not None:
        return rule.scope
    seen = findings_by_rule.get(code)
    return seen[0].scope if seen else "page"


def _instance_text(finding: Finding) -> str:
    lines = [f"[{finding.outcome}] {finding.message}", f"url: {finding.url}"]
    if finding.selector:
        lines.append(f"selector: {finding.selector}")
    if finding.snippet:
        lines.append(f"snippet: {finding.snippet}")
    return clean_text("\n".join(lines))


def _testcase(suite: ET.Element, classname: str, code: str, name: str, found: list[Finding]) -> tuple[int, int]:
    """Add a testcase; returns (failures, skipped) it adds."""
    case = ET.SubElement(suite, "testcase", classname=clean_text(classname), name=clean_text(rule_label(code, name)))
    bad = [f for f in found if f.outcome == VIOLATION]
    review = [f for f in found if f.outcome == NEEDS_REVIEW]
    if bad:
        worst = max(bad, key=lambda f: impact_rank(f.impact))
        failure = ET.SubElement(case, "failure", type=clean_text(worst.impact),
                                message=one_line(f"{len(bad)} violation(s): {bad[0].message}", MESSAGE_LIMIT))
        failure.text = "\n\n".join(_instance_text(f) for f in bad + review)
        return 1, 0
    if review:
        headline = one_line(f"{len(review)} item(s) need review: {review[0].message}", MESSAGE_LIMIT)
        skipped = ET.SubElement(case, "skipped", message=headline)
        skipped.text = "\n\n".join(_instance_text(f) for f in review)
        return 0, 1
    return 0, 0


def _suite(root: ET.Element, name: str, timestamp: str, properties: dict[str, Any]) -> ET.Element:
    suite = ET.SubElement(root, "testsuite", name=clean_text(name))
    if timestamp:
        suite.set("timestamp", timestamp)
    if properties:
        props = ET.SubElement(suite, "properties")
        for key, value in properties.items():
            ET.SubElement(props, "property", name=key, value=clean_text("" if value is None else str(value)))
    return suite


def _finish(suite: ET.Element, tests: int, failures: int, errors: int, skipped: int) -> None:
    # attributes in the order CI tools print them; set after the cases are known
    for key, value in (("tests", tests), ("failures", failures), ("errors", errors), ("skipped", skipped)):
        suite.set(key, str(value))


def render_junit(result: SiteResult, *, rules: Mapping[str, Any] | None = None, **_: Any) -> str:
    """The JUnit XML report (UTF-8, with an XML declaration). `rules`: code -> Rule for names and scopes
    (default: the registry)."""
    lookup = rule_lookup(rules)
    by_rule: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    codes = rules_run(result)
    # A page rule of the static or axe engine ran on every audited page, so it is a (passing) case even where it
    # found nothing. Lighthouse audits a sample of pages: its rules are cases only where they reported.
    sampled = {f.rule for f in result.findings if f.engine == "lighthouse"}
    page_codes = [c for c in codes if _scope_of(c, by_rule, lookup) == "page" and c not in sampled]
    site_codes = [c for c in codes if _scope_of(c, by_rule, lookup) != "page"]
    names = {c: lookup(c).name if lookup(c) else (by_rule[c][0].name if by_rule.get(c) else "") for c in codes}
    page_findings: dict[str, list[Finding]] = {}
    for finding in result.findings:
        if finding.scope == "page":
            page_findings.setdefault(page_key(finding.url), []).append(finding)
    timestamp = result.started_at[:19] if re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", result.started_at or "") else ""

    root = ET.Element("testsuites", name=clean_text(f"kasauti {result.target}"))
    totals = [0, 0, 0, 0]
    page_keys = set()
    for page in sorted(result.pages, key=lambda p: p.url):
        key = page_key(page.url)
        if key in page_keys:
            continue
        page_keys.add(key)
        suite = _suite(root, page.url, timestamp, {"score": format_score(page.score), "status": page.status,
                                                    "title": page.title})
        if page.error is not None:
            case = ET.SubElement(suite, "testcase", classname=clean_text(page.url), name="page could be audited")
            error = ET.SubElement(case, "error", type="fetch", message=one_line(page.error, MESSAGE_LIMIT))
            error.text = clean_text(f"{page.url}: {page.error} (HTTP status {page.status})")
            _finish(suite, 1, 0, 1, 0)
            totals[0] += 1
            totals[2] += 1
            continue
        here = page_findings.get(key, [])
        here_by_rule: dict[str, list[Finding]] = {}
        for finding in here:
            here_by_rule.setdefault(finding.rule, []).append(finding)
        case_codes = sorted(set(page_codes) | set(here_by_rule))
        failures = skipped = 0
        for code in case_codes:
            found = here_by_rule.get(code, [])
            f_add, s_add = _testcase(suite, page.url, code, names.get(code) or (found[0].name if found else ""), found)
            failures += f_add
            skipped += s_add
        _finish(suite, len(case_codes), failures, 0, skipped)
        totals = [totals[0] + len(case_codes), totals[1] + failures, totals[2], totals[3] + skipped]

    site_findings = [f for f in result.findings if f.scope != "page" or page_key(f.url) not in page_keys]
    site_by_rule: dict[str, list[Finding]] = {}
    for finding in site_findings:
        site_by_rule.setdefault(finding.rule, []).append(finding)
    case_codes = sorted(set(site_codes) | set(site_by_rule))
    if case_codes:
        suite = _suite(root, SITE_SUITE, timestamp, {"target": result.target, "site score": format_score(result.score)})
        failures = skipped = 0
        for code in case_codes:
            found = site_by_rule.get(code, [])
            name = names.get(code) or (found[0].name if found else "")
            f_add, s_add = _testcase(suite, SITE_SUITE, code, name, found)
            failures += f_add
            skipped += s_add
        _finish(suite, len(case_codes), failures, 0, skipped)
        totals = [totals[0] + len(case_codes), totals[1] + failures, totals[2], totals[3] + skipped]

    _finish(root, *totals)
    seconds = result.stats.get("seconds") if isinstance(result.stats, dict) else None
    if isinstance(seconds, (int, float)):
        root.set("time", f"{seconds:.3f}")
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
