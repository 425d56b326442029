"""SARIF 2.1.0: for GitHub code scanning, GitLab, Azure DevOps and SARIF viewers.

Choices that matter to consumers:
- Violations are results with level error (critical, serious), warning (moderate) or note (minor).
- Needs-review findings are results with kind "review" and level "none": SARIF requires level "none" whenever
  kind is not "fail". Pass and inapplicable findings are not results (SARIF is a report of problems).
- The location is a file whenever one is known, so code scanning can tie alerts to files and lines: with
  `locate` (linter/report/sources.py, for a built folder) the Markdown file and line that produced the
  element when the site's source map allows it (the built page is then a related location), else the built
  HTML file at the element's line; with `source_map` (page URL -> file) that file; else the page URL. The
  region says line 1 when the line is unknown (code scanning requires a line); the selector is a logical
  location.
- partialFingerprints["kasauti/v1"] is the finding fingerprint, so alerts stay matched across runs.
"""
from __future__ import annotations

import json
from typing import Any, Mapping

from ..model import SiteResult
from .common import NEEDS_REVIEW, VIOLATION, RuleLookup, rule_lookup, rules_run, tool_version
from .sources import Locate

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://kasauti.github.io/"
FINGERPRINT_KEY = "kasauti/v1"
LEVELS = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "note"}


def level_for(impact: str) -> str:
    return LEVELS.get(impact, "warning")


def _descriptor(code: str, sample: Any | None, lookup: RuleLookup) -> dict[str, Any]:
    """The reportingDescriptor for a rule: from the registry when known, else from one of its findings."""
    rule = lookup(code)
    if rule is not None:
        sections = rule.sections()
        what = sections.get("What it checks") or rule.summary
        why = sections.get("Why it matters", "")
        name, impact, wcag, gigw = rule.name, rule.impact, rule.wcag, rule.gigw
        engine, summary = rule.engine, rule.summary
        help_uri = (sample.help_url if sample is not None else "") or f"https://kasauti.github.io/rules/{rule.code}/"
        help_text = "\n\n".join(part for part in (what, why, sections.get("Use instead", "")) if part)
    else:
        name = sample.name if sample else code
        impact = sample.impact if sample else "moderate"
        wcag, gigw = (sample.wcag, sample.gigw) if sample else ((), ())
        engine = sample.engine if sample else "static"
        summary = what = name
        help_uri = sample.help_url if sample else ""
        help_text = name
    tags = ["accessibility", f"impact-{impact}", f"engine-{engine}"]
    tags += [f"wcag-{sc}" for sc in wcag] + list(gigw)
    descriptor: dict[str, Any] = {
        "id": code,
        "name": name,
        "shortDescription": {"text": summary or name},
        "fullDescription": {"text": what or summary or name},
        "help": {"text": help_text or name},
        "defaultConfiguration": {"level": level_for(impact)},
        "properties": {"tags": tags, "impact": impact, "wcag": list(wcag), "gigw": list(gigw), "engine": engine},
    }
    if help_uri:
        descriptor["helpUri"] = help_uri
    return descriptor


def render_sarif(result: SiteResult, *, source_map: Mapping[str, str] | None = None, locate: Locate | None = None,
                 rules: Mapping[str, Any] | None = None, **_: Any) -> str:
    """The SARIF log (one run). `source_map`: page URL -> file path relative to the repository root.
    `locate`: finding -> SourceLocation (Markdown or built HTML file and line), tried first.
    `rules`: code -> Rule giving the descriptors' documentation (default: the registry)."""
    lookup = rule_lookup(rules)
    source_map = source_map or {}
    reported = [f for f in result.findings if f.outcome in (VIOLATION, NEEDS_REVIEW)]
    samples: dict[str, Any] = {}
    for finding in reported:
        samples.setdefault(finding.rule, finding)
    codes = sorted(set(rules_run(result)) | set(samples))
    index = {code: i for i, code in enumerate(codes)}

    results = []
    for finding in reported:
        found = locate(finding) if locate is not None else None
        uri = found.uri if found is not None else source_map.get(finding.url) or finding.url
        region: dict[str, Any] = {"startLine": (found.line if found is not None else None) or 1}
        snippet = {"text": finding.snippet} if finding.snippet else None
        related = []
        if found is not None and found.kind == "markdown":
            # The snippet is HTML: it belongs to the built page, not to the Markdown line.
            built_region: dict[str, Any] = {"startLine": found.built_line or 1}
            if snippet:
                built_region["snippet"] = snippet
            related.append({"id": 1, "message": {"text": "the built page"},
                            "physicalLocation": {"artifactLocation": {"uri": found.built}, "region": built_region}})
        elif snippet:
            region["snippet"] = snippet
        location: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": {"uri": uri}, "region": region},
        }
        if finding.selector:
            location["logicalLocations"] = [{"fullyQualifiedName": finding.selector, "kind": "element"}]
        entry: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": level_for(finding.impact),
            "message": {"text": finding.message or finding.name},
            "locations": [location],
            **({"relatedLocations": related} if related else {}),
            "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
            "properties": {"url": finding.url, "impact": finding.impact, "scope": finding.scope,
                           "engine": finding.engine, "outcome": finding.outcome,
                           "wcag": list(finding.wcag), "gigw": list(finding.gigw),
                           **({"source": found.kind} if found is not None else {})},
        }
        if finding.outcome == NEEDS_REVIEW:
            entry["kind"] = "review"
            entry["level"] = "none"
        results.append(entry)

    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "Kasauti",
            "version": tool_version(result),
            "semanticVersion": tool_version(result),
            "informationUri": INFORMATION_URI,
            "rules": [_descriptor(code, samples.get(code), lookup) for code in codes],
        }},
        "invocations": [{
            "executionSuccessful": True,
            **({"startTimeUtc": result.started_at} if result.started_at else {}),
            **({"endTimeUtc": result.finished_at} if result.finished_at else {}),
        }],
        "language": result.locale or "en",
        "results": results,
        "properties": {"target": result.target, "score": result.score, "engines": list(result.engines),
                       "gigwScores": {k: v.get("score") for k, v in result.gigw_sections.items()},
                       **({"gate": result.gate} if result.gate is not None else {})},
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
