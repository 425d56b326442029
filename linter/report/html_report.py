"""The HTML report: one self-contained, accessible file (inline CSS, no script) for people to read.

Everything from the audited pages is untrusted. The template is rendered with Jinja2 autoescaping, text goes
through `clean_text`, and only http(s) URLs become links (`safe_url`); anything else is shown as text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Mapping

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..gate import reasons_in
from ..model import SCHEMA_VERSION, Finding, SiteResult
from ..scoring import page_key
from ..standards import gigw_checklist, wcag_name
from .common import (IMPACT_ORDER, NEEDS_REVIEW, VIOLATION, clean_text, format_score,
                     group_by_rule, impact_counts, localized_message, rule_label, rule_lookup, safe_url,
                     tool_version)
from .i18n import section_name, ui

# Instances listed per rule and per page; the JSON and CSV reports have them all. Without caps a 2,000-page
# site with 20,000 findings gives a 60 MB page no browser shows comfortably.
MAX_INSTANCES_PER_GROUP = 100
MAX_PAGES_IN_DETAIL = 300  # worst pages first; the others are listed with their scores and counts only

# Scripts of Indian languages (Unicode blocks) and the language a run of them is most likely in. Page text
# quoted in the report (titles, alt text inside messages) keeps its language for screen readers (WCAG 3.1.2).
_SCRIPT_LANGS = (
    ("\u0900-\u097f\ua8e0-\ua8ff", "hi"), ("\u0980-\u09ff", "bn"), ("\u0a00-\u0a7f", "pa"),
    ("\u0a80-\u0aff", "gu"), ("\u0b00-\u0b7f", "or"), ("\u0b80-\u0bff", "ta"), ("\u0c00-\u0c7f", "te"),
    ("\u0c80-\u0cff", "kn"), ("\u0d00-\u0d7f", "ml"), ("\u0600-\u06ff\u0750-\u077f", "ur"),
    ("\u1c50-\u1c7f", "sat"), ("\uabc0-\uabff", "mni"),
)
_LATIN = "A-Za-z\u00c0-\u024f"
_JOIN = "\\s\u200c\u200d0-9.,:;!?'\"()\\-\u2013\u2014\u0964\u0965/&"
_RUNS = [(re.compile(f"[{letters}](?:[{letters}{_JOIN}]*[{letters}])?"), lang)
         for letters, lang in (*_SCRIPT_LANGS, (_LATIN, "en"))]


def lang_marked(text: str | None, base: str) -> Markup:
    """Escaped text in which runs of another script than `base`'s are wrapped in <span lang="..">."""
    return _lang_marked(clean_text(text), base)


@lru_cache(maxsize=4096)  # messages repeat across thousands of findings
def _lang_marked(text: str, base: str) -> Markup:
    if base == "en" and text.isascii():  # the common case: nothing to mark
        return escape(text)
    spans: list[tuple[int, int, str]] = []
    for pattern, lang in _RUNS:
        if lang != base:
            spans += [(m.start(), m.end(), lang) for m in pattern.finditer(text)]
    if not spans:
        return escape(text)
    out, pos = [], 0
    for start, end, lang in sorted(spans):
        if start < pos:  # overlapping runs of two scripts: the first one wins
            continue
        # `lang` comes from the fixed table above, never from the text
        out.append(f'{escape(text[pos:start])}<span lang="{lang}">{escape(text[start:end])}</span>')
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("kasauti.linter.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "jinja"), default=True),
        undefined=StrictUndefined,  # a typo in the template fails the tests instead of printing nothing
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clean"] = clean_text
    env.filters["marked"] = lang_marked
    env.filters["safe_url"] = safe_url
    env.filters["score"] = format_score
    return env


def _finding_view(finding: Finding, locale: str, result_locale: str, lookup, locate=None) -> dict[str, Any]:
    message, message_lang = localized_message(finding, locale, result_locale, lookup)
    found = locate(finding) if locate is not None else None
    return {
        "source": (f"{found.uri}:{found.line}" if found.line else found.uri) if found is not None else "",
        "rule": finding.rule, "name": finding.name, "label": rule_label(finding.rule, finding.name),
        "outcome": finding.outcome, "impact": finding.impact,
        "scope": finding.scope, "url": finding.url, "href": safe_url(finding.url), "selector": finding.selector,
        "snippet": finding.snippet, "message": message, "message_lang": message_lang,
        "wcag": finding.wcag, "gigw": finding.gigw,
    }


def _bar_width(score: float | None) -> int:
    return 0 if score is None else max(0, min(100, round(score)))


def _gigw_rows(result: SiteResult, locale: str) -> list[dict[str, Any]]:
    checklist = gigw_checklist()
    rows = []
    for key in ("5.1", "5.2", "5.3", "5.4", "overall"):
        entry = result.gigw_sections.get(key)
        if not entry:
            continue
        name = section_name(key, locale, entry.get("name", ""))
        label = ui(locale)["overall"] if key == "overall" else f"{key} {name}"
        rows.append({
            "key": key, "label": label, "score": entry.get("score"), "bar": _bar_width(entry.get("score")),
            "checked": len(entry.get("checked", [])), "total": entry.get("total"),
            "failed": [(gid, checklist.get(gid, {}).get("title", "")) for gid in entry.get("failed", [])],
            "review": len(entry.get("needs_review", [])),
        })
    return rows


def _wcag_rows(result: SiteResult) -> list[dict[str, Any]]:
    rows = []
    for level in ("A", "AA", "AAA"):
        entry = result.wcag_summary.get(level)
        if entry is None:
            continue
        rows.append({
            "level": level, "checked": entry.get("checked", 0),
            "failed": [(sc, wcag_name(sc)) for sc in entry.get("failed", [])],
            "review": [(sc, wcag_name(sc)) for sc in entry.get("needs_review", [])],
        })
    return rows


def render_html(result: SiteResult, *, locale: str | None = None, max_instances: int = MAX_INSTANCES_PER_GROUP,
                max_pages: int = MAX_PAGES_IN_DETAIL, rules: Mapping[str, Any] | None = None,
                locate=None, **_: Any) -> str:
    """The HTML report in `locale` (default: the audit's language). `rules`: code -> Rule catalogue used to
    re-render messages (default: the registry). `locate`: finding -> SourceLocation (linter/report/sources.py),
    shown with each finding (the Markdown file and line, or the built HTML file)."""
    locale = locale or result.locale or "en"
    text = ui(locale)
    counts = impact_counts(result.findings)
    by_page: dict[str, list[Finding]] = {}
    for finding in result.findings:  # matched to pages as scoring matches them (index.html, trailing slash)
        if finding.scope == "page" and finding.outcome in (VIOLATION, NEEDS_REVIEW):
            by_page.setdefault(page_key(finding.url), []).append(finding)
    lookup = rule_lookup(rules)
    view = lambda f: _finding_view(f, locale, result.locale, lookup, locate)  # noqa: E731

    rule_groups = [{
        "rule": g.rule, "name": g.name, "label": rule_label(g.rule, g.name), "impact": g.impact,
        "wcag": g.wcag, "gigw": g.gigw,
        "help": safe_url(g.help_url), "violations": len(g.violations), "reviews": len(g.reviews), "pages": g.pages,
        "findings": [view(f) for f in g.findings[:max_instances]],
        "hidden": max(0, len(g.findings) - max_instances),
    } for g in group_by_rule(result.findings)]

    pages = []
    detailed = 0
    for page in sorted(result.pages, key=lambda p: (p.score is not None, p.score or 0.0, p.url)):
        found = by_page.get(page_key(page.url), [])
        in_detail = bool(found or page.error) and detailed < max_pages
        detailed += in_detail
        pages.append({
            "url": page.url, "href": safe_url(page.url), "title": page.title, "score": page.score,
            "status": page.status, "error": page.error, "violations": page.violations,
            "reviews": page.needs_review, "detail": in_detail, "has_findings": bool(found or page.error),
            "findings": [view(f) for f in found[:max_instances]] if in_detail else [],
            "hidden": max(0, len(found) - max_instances),
        })
    listed = {page_key(p.url) for p in result.pages}
    site_level = [f for f in result.findings if f.outcome in (VIOLATION, NEEDS_REVIEW)
                  and (f.scope != "page" or page_key(f.url) not in listed)]

    gate = result.gate
    context = {
        "t": text,
        "labels": {key: text[key] for key in (*IMPACT_ORDER, "violation", "needs-review", "pass", "inapplicable")},
        "locale": locale,
        "result": result,
        "target_href": safe_url(result.target),
        "score_bar": _bar_width(result.score),
        "impacts": [(impact, text[impact], counts[impact]) for impact in IMPACT_ORDER],
        "total_violations": sum(counts.values()),
        "total_reviews": sum(f.outcome == NEEDS_REVIEW for f in result.findings),
        "pages_audited": sum(p.error is None for p in result.pages),
        "pages_failed": sum(p.error is not None for p in result.pages),
        "pages_with_violations": sum(p.violations > 0 for p in result.pages),
        "gigw_rows": _gigw_rows(result, locale),
        "other": result.gigw_sections.get("other"),
        "wcag_rows": _wcag_rows(result),
        "obsolete": result.wcag_summary.get("obsolete") or {},
        "rule_groups": rule_groups,
        "pages": pages,
        "site_findings": [view(f) for f in site_level[:max_instances]],
        "site_hidden": max(0, len(site_level) - max_instances),
        "gate": gate,
        "gate_reasons": reasons_in(gate, locale) if gate else ([], "en"),
        "baseline": (gate or {}).get("baseline"),
        "version": tool_version(result),
        "schema_version": SCHEMA_VERSION,
        "engines": ", ".join(result.engines),
    }
    return _environment().get_template("report.html.jinja").render(**context)
