"""The terminal report: what a person reads in a shell or a CI log.

Rendered with rich into a string. Without colour it must still read well in a CI log, so nothing depends on
colour alone (impacts are words, the gate verdict is spelled out with its reasons). Text from pages never goes
through rich markup (it would be interpreted) and is cleaned of control characters (ESC would reach the
terminal).
"""
from __future__ import annotations

import io
from typing import Any, Mapping

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..model import SiteResult
from .common import (IMPACT_ORDER, NEEDS_REVIEW, VIOLATION, clean_text, format_score, group_by_rule, impact_counts,
                     localized_message, one_line, rule_label, rule_lookup, tool_version)
from ..gate import reasons_in
from .i18n import section_name, ui
from .sources import Locate

IMPACT_STYLES = {"critical": "bold red", "serious": "red", "moderate": "yellow", "minor": "cyan"}
TOP_RULES = 10
WORST_PAGES = 10
MAX_FINDINGS = 40  # violations listed one by one; the rest are counted (the JSON/HTML reports have them all)


def _text(value: Any, style: str = "") -> Text:
    return Text(clean_text(str(value)), style=style)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, show_edge=False,
                  pad_edge=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def render_terminal(result: SiteResult, *, color: bool = False, width: int = 100, locale: str | None = None,
                    max_findings: int = MAX_FINDINGS, rules: Mapping[str, Any] | None = None,
                    locate: Locate | None = None, **_: Any) -> str:
    """The terminal report as a string (ANSI colours only when `color`). `rules`: code -> Rule catalogue used
    to re-render messages in `locale` (default: the registry). `locate`: finding -> SourceLocation, shown
    under each listed violation (the Markdown file and line, or the built HTML file)."""
    lookup = rule_lookup(rules)
    locale = locale or result.locale or "en"
    t = ui(locale)
    impact_label = {impact: t[impact] for impact in IMPACT_ORDER}
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, record=False, force_terminal=color,
                      color_system="standard" if color else None, no_color=not color, highlight=False,
                      emoji=False, markup=False, soft_wrap=False, legacy_windows=False)

    counts = impact_counts(result.findings)
    reviews = sum(f.outcome == NEEDS_REVIEW for f in result.findings)
    audited = sum(p.error is None for p in result.pages)
    failed_pages = sum(p.error is not None for p in result.pages)

    header = Text()
    header.append(f"Kasauti {clean_text(tool_version(result))} · {t['report_title']}\n", style="bold")
    header.append(f"{t['audited_target']}: {one_line(result.target)}\n")
    header.append(f"{t['started']}: {one_line(result.started_at)}   {t['finished']}: {one_line(result.finished_at)}   "
                  f"{t['engines']}: {one_line(', '.join(result.engines))}\n")
    header.append(f"{t['pages_audited']}: {audited}   {t['pages_failed']}: {failed_pages}   "
                  f"{t['pages_with_violations']}: {sum(p.violations > 0 for p in result.pages)}")
    console.print(header)
    console.print()
    score = Text(f"{t['site_score']}: ", style="bold")
    score.append(f"{format_score(result.score)} / 100", style="bold")
    console.print(score)
    impacts = Text(f"{t['violations']}: {sum(counts.values())} (")
    for i, impact in enumerate(IMPACT_ORDER):
        impacts.append(f"{t[impact]} {counts[impact]}", style=IMPACT_STYLES[impact] if counts[impact] else "")
        impacts.append(", " if i < len(IMPACT_ORDER) - 1 else ")")
    impacts.append(f"   {t['needs_review']}: {reviews}")
    console.print(impacts)
    console.print()

    gigw = _table(t["gigw_heading"], t["section"], t["score"], t["checked"], t["failed"], t["needs_review"])
    for key in ("5.1", "5.2", "5.3", "5.4", "overall"):
        entry = result.gigw_sections.get(key)
        if not entry:
            continue
        label = t["overall"] if key == "overall" else f"{key} {section_name(key, locale, entry.get('name', ''))}"
        checked = f"{len(entry.get('checked', []))}" + (f" / {entry['total']}" if entry.get("total") else "")
        score = t["not_checked"] if entry.get("score") is None else format_score(entry["score"])
        gigw.add_row(_text(label), _text(score),
                     _text(checked), _text(", ".join(entry.get("failed", [])) or "0"),
                     _text(len(entry.get("needs_review", []))))
    if gigw.row_count:
        console.print(gigw)
        console.print()
    other = result.gigw_sections.get("other") or {}
    if other.get("checked"):
        console.print(_text(f"{t['other_checks']}: {t['checked']} {len(other['checked'])}, {t['failed']} "
                            f"{len(other.get('failed', []))}" + (f" ({', '.join(other['failed'])})"
                                                                 if other.get("failed") else "")))
        console.print()

    wcag = _table(t["wcag_heading"], t["level"], t["checked"], t["failed_criteria"])
    for level in ("A", "AA", "AAA"):
        entry = result.wcag_summary.get(level)
        if entry is not None:
            failed = ", ".join(entry.get("failed", [])) or t["none"]
            wcag.add_row(_text(level), _text(entry.get("checked", 0)), _text(failed))
    if wcag.row_count:
        console.print(wcag)
        console.print()

    groups = group_by_rule(result.findings, outcomes=(VIOLATION,))
    if groups:
        top = _table(t["top_rules"], t["rule"], t["impact"], t["violations"], t["pages"])
        for group in groups[:TOP_RULES]:
            top.add_row(_text(rule_label(group.rule, group.name)), _text(impact_label.get(group.impact, group.impact),
                                                                   IMPACT_STYLES.get(group.impact, "")),
                        _text(len(group.violations)), _text(group.pages))
        console.print(top)
        console.print()

    scored = [p for p in result.pages if p.error is None and (p.violations or p.needs_review)]
    broken = [p for p in result.pages if p.error is not None]
    if scored or broken:
        worst = _table(t["worst_pages"], t["page"], t["score"], t["violations"], t["needs_review"])
        for page in sorted(broken, key=lambda p: p.url):
            worst.add_row(_text(page.url), _text(f"{t['not_audited']}: {one_line(page.error)}"), _text("—"), _text("—"))
        for page in sorted(scored, key=lambda p: (p.score, p.url))[:WORST_PAGES]:
            worst.add_row(_text(page.url), _text(format_score(page.score)), _text(page.violations),
                          _text(page.needs_review))
        console.print(worst)
        console.print()

    baseline = (result.gate or {}).get("baseline")
    new_prints = set(baseline.get("new_fingerprints") or ()) if baseline else None
    listed = 0
    total = sum(len(g.violations) for g in groups)
    if groups:
        console.print(Text(t["details"], style="bold"))
        for group in groups:
            if listed >= max_findings:
                break
            label = clean_text(rule_label(group.rule, group.name))
            console.print(Text(f"{label} ({impact_label.get(group.impact, group.impact)}, {len(group.violations)})",
                               style=IMPACT_STYLES.get(group.impact, "bold")))
            for finding in group.violations:
                if listed >= max_findings:
                    break
                listed += 1
                message, _lang = localized_message(finding, locale, result.locale, lookup)
                where = Text(one_line(finding.url))
                if new_prints is not None:
                    where.append(f"  [{t['new_marker'] if finding.fingerprint in new_prints else t['known_marker']}]",
                                 style="bold" if finding.fingerprint in new_prints else "dim")
                if finding.selector:
                    where.append(f"  {one_line(finding.selector, 120)}", style="dim")
                console.print(Padding(where, (0, 0, 0, 2)))
                console.print(Padding(Text(one_line(message, 400)), (0, 0, 0, 4)))
                found = locate(finding) if locate is not None else None
                if found is not None:
                    place = f"{found.uri}:{found.line}" if found.line else found.uri
                    # Never wrapped: editors and CI logs turn "path:line" into a link only when it is whole.
                    console.print(Text(f"    {t['source']}: {one_line(place, 300)}", style="dim"), no_wrap=True,
                                  overflow="ignore", crop=False)
        if total > listed:
            console.print(_text(t["and_more"].format(count=total - listed)))
        console.print()

    if baseline:
        console.print(Text(t["baseline_heading"], style="bold"))
        console.print(_text(t["baseline_summary"].format(new=baseline.get("new", 0), known=baseline.get("known", 0),
                                                         fixed=baseline.get("fixed", 0))))
        fixed = baseline.get("fixed_entries") or []
        if fixed:
            console.print(_text(t["baseline_fixed"]))
            for entry in fixed:
                console.print(Padding(_text(f"- {entry.get('rule', '')} {entry.get('path', '')}"
                                            + (f" ×{entry['count']}" if entry.get("count", 1) > 1 else "")
                                            + f": {one_line(entry.get('message', ''), 160)}"), (0, 0, 0, 2)))
            if baseline.get("fixed", 0) > len(fixed):
                console.print(Padding(_text(t["and_more"].format(count=baseline["fixed"] - len(fixed))), (0, 0, 0, 2)))
        console.print()

    gate = result.gate
    if gate is not None:
        if gate.get("passed"):
            console.print(Text(f"{t['gate']}: {t['gate_passed'].upper()}", style="bold green"))
        else:
            console.print(Text(f"{t['gate']}: {t['gate_failed'].upper()}", style="bold red"))
            reasons = Table.grid(padding=(0, 1, 0, 0))  # "- " then the reason, wrapped with a hanging indent
            reasons.add_column(no_wrap=True)
            reasons.add_column(overflow="fold")
            for reason in reasons_in(gate, locale)[0]:
                reasons.add_row(Text("-"), _text(one_line(reason)))
            console.print(Padding(reasons, (0, 0, 0, 2)))
    # rich pads every line to the width; trailing blanks are noise in CI logs and diffs
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"

