"""The JSON report: the stable, versioned contract other tools read (schema: schema/report-v1.json).

It is the SiteResult's dataclasses plus `schema_version` and `tool`, with tuples as lists and every list in a
fixed order, so the same audit always gives the same bytes and `load_json(render_json(r))` gives `r` back.
Additive changes (a new optional key) keep schema_version 1; anything else bumps it.
"""
from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from ..model import SCHEMA_VERSION, Finding, PageSummary, SiteResult
from ..scoring import finding_sort_key
from .common import tool_version

TOOL_NAME = "kasauti"
FINDING_FIELDS = ("rule", "name", "outcome", "impact", "scope", "url", "selector", "snippet", "message", "wcag",
                  "gigw", "engine", "fingerprint", "help_url", "message_id", "data")
PAGE_FIELDS = ("url", "status", "score", "title", "error", "violations", "needs_review")


class ReportFormatError(ValueError):
    """The text is not a Kasauti JSON report this version can read."""


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in FINDING_FIELDS:
        value = getattr(finding, name)
        if name == "data":
            value = {k: v for k, v in value}
        elif isinstance(value, tuple):
            value = list(value)
        out[name] = value
    return out


def result_to_dict(result: SiteResult) -> dict[str, Any]:
    """The report as plain JSON-ready data (keys in contract order)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": tool_version(result)},
        "target": result.target,
        "locale": result.locale,
        "started_at": result.started_at,
        "finished_at": result.finished_at,
        "engines": list(result.engines),
        "score": result.score,
        "gigw_sections": result.gigw_sections,
        "wcag_summary": result.wcag_summary,
        "stats": {key: result.stats[key] for key in sorted(result.stats)},
        "gate": result.gate,
        "pages": [{name: getattr(page, name) for name in PAGE_FIELDS}
                  for page in sorted(result.pages, key=lambda p: p.url)],
        "findings": [finding_to_dict(f) for f in sorted(result.findings, key=finding_sort_key)],
    }


def render_json(result: SiteResult, *, indent: int | None = 2, **_: Any) -> str:
    """The JSON report (UTF-8 text, Hindi kept readable, ending with a newline)."""
    return json.dumps(result_to_dict(result), ensure_ascii=False, indent=indent, allow_nan=False) + "\n"


def _finding_from_dict(data: dict[str, Any]) -> Finding:
    known = {f.name for f in fields(Finding)}
    values = {k: v for k, v in data.items() if k in known}
    values["wcag"] = tuple(values.get("wcag") or ())
    values["gigw"] = tuple(values.get("gigw") or ())
    raw = values.get("data") or {}
    pairs = raw.items() if isinstance(raw, dict) else (tuple(p) for p in raw)
    values["data"] = tuple(sorted((str(k), str(v)) for k, v in pairs))
    return Finding(**values)


def load_json(text: str | bytes) -> SiteResult:
    """A SiteResult from a JSON report (the inverse of render_json). Raises ReportFormatError on other input."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportFormatError(f"not JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("tool", {}).get("name") != TOOL_NAME:
        raise ReportFormatError("not a Kasauti report (tool.name is not 'kasauti')")
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ReportFormatError(f"report schema version {version!r}; this Kasauti reads version {SCHEMA_VERSION}")
    try:
        return SiteResult(
            target=data["target"],
            started_at=data["started_at"],
            finished_at=data["finished_at"],
            engines=tuple(data["engines"]),
            score=data["score"],
            pages=[PageSummary(**{k: page.get(k) for k in PAGE_FIELDS if k in page}) for page in data["pages"]],
            findings=[_finding_from_dict(f) for f in data["findings"]],
            gigw_sections=data.get("gigw_sections") or {},
            wcag_summary=data.get("wcag_summary") or {},
            stats=data.get("stats") or {},
            gate=data.get("gate"),
            tool_version=data["tool"].get("version", ""),
            locale=data.get("locale", "en"),
        )
    except (KeyError, TypeError) as exc:
        raise ReportFormatError(f"malformed report: {type(exc).__name__}: {exc}") from exc


def report_schema() -> dict[str, Any]:
    """The JSON Schema of this report version (schema/report-v1.json)."""
    from importlib import resources  # noqa: PLC0415

    text = resources.files("kasauti.linter.report").joinpath(f"schema/report-v{SCHEMA_VERSION}.json").read_text("utf-8")
    return json.loads(text)
