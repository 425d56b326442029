"""The survey leaderboard: a self-contained, accessible HTML dashboard, a CSV export and one page per site.

What it shows, for one run (the latest by default) and the runs before it:
    the sites ranked by score (competition ranking: 1, 2, 2, 4), with their GIGW section scores and the change
    since the previous run that audited them; sites that could not be audited, by status, with the reason;
    GIGW 3.0 sections nationally; ministries/departments and states ranked by mean score; the rules failing on
    the most sites; the national trend across runs.
Charts are inline SVG (role="img" with <title> and <desc>) and each has a data table with the same numbers. No
script, no external resource: the pages open from a file and pass Kasauti's own rules.
"""
from __future__ import annotations

import csv
import io
import os
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .sites import site_slug
from .status import STATUSES
from .store import Store

SECTION_NAMES = {"5.1": "Quality", "5.2": "Accessibility", "5.3": "Cybersecurity", "5.4": "Lifecycle management"}
SECTION_COLUMNS = {"5.1": "gigw_5_1", "5.2": "gigw_5_2", "5.3": "gigw_5_3", "5.4": "gigw_5_4"}
CSV_COLUMNS = ("rank", "url", "ministry", "state", "category", "status", "detail", "score", "previous_score",
               "change", "gigw_overall", "gigw_5_1", "gigw_5_2", "gigw_5_3", "gigw_5_4", "pages_audited",
               "pages_failed", "violations", "critical", "serious", "moderate", "minor", "needs_review",
               "report_path", "html_report_path", "run_id")
UNSPECIFIED = "(not given)"


class LeaderboardError(Exception):
    """Nothing to rank: an empty database or an unknown run."""


@dataclass
class SiteEntry:
    row: dict
    rank: int | None = None
    previous: float | None = None
    slug: str = ""

    @property
    def change(self) -> float | None:
        score = self.row.get("score")
        if score is None or self.previous is None:
            return None
        return round(score - self.previous, 1)


@dataclass
class GroupRow:
    name: str
    sites: int
    audited: int
    mean: float | None
    best: float | None
    worst: float | None
    sections: dict[str, float | None] = field(default_factory=dict)
    rank: int | None = None


@dataclass
class Written:
    run_id: str
    sites: int
    index: Path
    csv: Path
    site_pages: int


# ---- numbers ------------------------------------------------------------------------------------------
def _mean(values: Iterable[float | None]) -> float | None:
    numbers = [v for v in values if v is not None]
    return round(statistics.fmean(numbers), 1) if numbers else None


def _median(values: Iterable[float | None]) -> float | None:
    numbers = [v for v in values if v is not None]
    return round(statistics.median(numbers), 1) if numbers else None


def competition_ranks(values: list[float]) -> list[int]:
    """1, 2, 2, 4 for values already sorted best first."""
    ranks: list[int] = []
    for index, value in enumerate(values):
        ranks.append(ranks[-1] if index and value == values[index - 1] else index + 1)
    return ranks


def group_rows(rows: list[dict], key: str) -> list[GroupRow]:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row.get(key) or UNSPECIFIED, []).append(row)
    out = []
    for name, members in groups.items():
        ok = [r for r in members if r["status"] == "ok"]
        scores = [r["score"] for r in ok if r["score"] is not None]
        out.append(GroupRow(name=name, sites=len(members), audited=len(ok), mean=_mean(scores),
                            best=max(scores) if scores else None, worst=min(scores) if scores else None,
                            sections={s: _mean(r[c] for r in ok) for s, c in SECTION_COLUMNS.items()}))
    out.sort(key=lambda g: (g.mean is None, -(g.mean or 0), g.name))
    ranked = [g for g in out if g.mean is not None]
    for group, rank in zip(ranked, competition_ranks([g.mean for g in ranked])):
        group.rank = rank
    return out


# ---- charts -------------------------------------------------------------------------------------------
@dataclass
class Chart:
    id: str
    title: str
    desc: str
    svg: str
    columns: tuple[str, str]
    rows: list[tuple[str, str]]


def _esc(text: Any) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def bar_chart(chart_id: str, title: str, desc: str, items: list[tuple[str, float | None]], *, maximum: float = 100,
              unit: str = "", columns: tuple[str, str] = ("", "")) -> Chart:
    """Horizontal bars with their labels and values written out (no colour carries meaning alone)."""
    label_w, bar_w, row_h, pad = 260, 380, 26, 8
    height = pad * 2 + row_h * max(len(items), 1)
    width = label_w + bar_w + 70
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}-title '
             f'{chart_id}-desc" viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" '
             f'class="chart" focusable="false">',
             f'<title id="{chart_id}-title">{_esc(title)}</title><desc id="{chart_id}-desc">{_esc(desc)}</desc>',
             f'<line x1="{label_w}" y1="{pad}" x2="{label_w}" y2="{height - pad}" stroke="#1b1b1b"/>']
    for index, (label, value) in enumerate(items):
        y = pad + index * row_h
        shown = label if len(label) <= 38 else label[:37] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" font-size="13" '
                     f'fill="#1b1b1b">{_esc(shown)}</text>')
        if value is not None:
            w = max(1.0, bar_w * min(value, maximum) / maximum) if maximum else 0
            parts.append(f'<rect x="{label_w + 1}" y="{y + 5}" width="{w:.1f}" height="{row_h - 10}" '
                         f'fill="#1d5e3a"/>')
            parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 17}" font-size="13" fill="#1b1b1b">'
                         f'{_fmt(value)}{unit}</text>')
        else:
            parts.append(f'<text x="{label_w + 6}" y="{y + 17}" font-size="13" fill="#1b1b1b">no data</text>')
    parts.append("</svg>")
    rows = [(label, "no data" if value is None else f"{_fmt(value)}{unit}") for label, value in items]
    return Chart(chart_id, title, desc, "".join(parts), columns, rows)


def line_chart(chart_id: str, title: str, desc: str, points: list[tuple[str, float | None]], *,
               columns: tuple[str, str] = ("", "")) -> Chart:
    """Mean score per run, oldest left; each point labelled with its value."""
    width, height, left, right, top, bottom = 720, 260, 50, 20, 20, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}-title '
             f'{chart_id}-desc" viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" '
             f'class="chart" focusable="false">',
             f'<title id="{chart_id}-title">{_esc(title)}</title><desc id="{chart_id}-desc">{_esc(desc)}</desc>']
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - tick / 100)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#767676" '
                     f'stroke-dasharray="2 3"/><text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
                     f'font-size="12" fill="#1b1b1b">{tick}</text>')
    n = len(points)
    coords = []
    for index, (label, value) in enumerate(points):
        x = left + (plot_w * (index + 0.5) / max(n, 1))
        parts.append(f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle" font-size="12" '
                     f'fill="#1b1b1b">{_esc(label[:16])}</text>')
        if value is not None:
            y = top + plot_h * (1 - value / 100)
            coords.append((x, y, value))
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#0b4fa8" stroke-width="3"/>')
    for x, y, value in coords:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#0b4fa8"/>'
                     f'<text x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle" font-size="12" '
                     f'fill="#1b1b1b">{_fmt(value)}</text>')
    parts.append("</svg>")
    rows = [(label, "no data" if value is None else _fmt(value)) for label, value in points]
    return Chart(chart_id, title, desc, "".join(parts), columns, rows)


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if isinstance(value, float) and value != int(value) else f"{value:.0f}" \
        if isinstance(value, float) else str(value)


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _signed(value: float | None) -> str:
    if value is None:
        return "–"
    return f"+{value:.1f}" if value > 0 else (f"−{abs(value):.1f}" if value < 0 else "0.0")


# ---- the board ----------------------------------------------------------------------------------------
def _run_name(run: dict) -> str:
    return run.get("label") or (run.get("created_at") or run["run_id"])[:10]


def build_board(store: Store, run_id: str | None = None) -> dict:
    """Everything the templates show, as plain data."""
    runs = store.runs()
    if not runs:
        raise LeaderboardError(f"no survey runs in {store.url} (run `kasauti survey` first)")
    if run_id is None:
        run = runs[-1]
    else:
        matches = [r for r in runs if r["run_id"] == run_id]
        if not matches:
            raise LeaderboardError(f"no run {run_id!r} in {store.url}; `kasauti leaderboard --list` lists them")
        run = matches[0]
    earlier = [r for r in runs if (r["created_at"], r["run_id"]) < (run["created_at"], run["run_id"])]
    rows = store.results(run["run_id"])
    done = [r for r in rows if r["phase"] == "done"]
    # The previous score of each site: from the latest earlier run that audited it.
    previous: dict[str, float] = {}
    for older in earlier:
        for row in store.results(older["run_id"]):
            if row["status"] == "ok" and row["score"] is not None:
                previous[row["site_id"]] = row["score"]
    ok = sorted((r for r in done if r["status"] == "ok" and r["score"] is not None),
                key=lambda r: (-r["score"], r["url"]))
    ranked = [SiteEntry(r, rank, previous.get(r["site_id"]), site_slug(r["url"]))
              for r, rank in zip(ok, competition_ranks([r["score"] for r in ok]))]
    failed = [SiteEntry(r, None, previous.get(r["site_id"]), site_slug(r["url"]))
              for r in sorted((r for r in done if r["status"] != "ok"), key=lambda r: (r["status"], r["url"]))]
    unfinished = [SiteEntry(r, None, None, site_slug(r["url"])) for r in rows if r["phase"] != "done"]
    counts: dict[str, int] = {}
    for row in done:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    statuses = [(s, STATUSES[s], counts[s]) for s in STATUSES if counts.get(s)]
    audited = len(ok)
    sections = [(sid, name, _mean(r[SECTION_COLUMNS[sid]] for r in ok), _median(r[SECTION_COLUMNS[sid]] for r in ok))
                for sid, name in SECTION_NAMES.items()]
    rules = store.rule_totals(run["run_id"])[:20]
    for rule in rules:
        rule["share"] = round(100.0 * int(rule["sites"]) / audited, 1) if audited else 0.0
    trend = []
    for item in [*earlier, run]:
        item_rows = store.results(item["run_id"]) if item is not run else rows
        scores = [r["score"] for r in item_rows if r["status"] == "ok" and r["score"] is not None]
        trend.append({"run": item, "name": _run_name(item), "sites": len(item_rows), "audited": len(scores),
                      "mean": _mean(scores), "median": _median(scores),
                      "failed": sum(1 for r in item_rows if r["phase"] == "done" and r["status"] != "ok")})
    ministries = group_rows(done, "ministry")
    states = group_rows(done, "state")
    national = _mean(r["score"] for r in ok)
    charts = _charts(ok, sections, ministries, states, trend)
    return {"run": run, "run_name": _run_name(run), "runs": runs, "earlier": earlier, "rows": rows,
            "ranked": ranked, "failed": failed, "unfinished": unfinished, "statuses": statuses,
            "sections": sections, "rules": rules, "trend": trend, "ministries": ministries, "states": states,
            "national": national, "median": _median(r["score"] for r in ok), "audited": audited,
            "total": len(rows), "charts": charts, "previous": previous}


def _charts(ok: list[dict], sections, ministries: list[GroupRow], states: list[GroupRow], trend) -> dict[str, Chart]:
    bins = [0] * 10
    for row in ok:
        bins[min(int(row["score"] // 10), 9)] += 1
    labels = [f"{10 * i}–{10 * i + 9.9:.1f}" if i < 9 else "90–100" for i in range(10)]
    top = max(bins) if any(bins) else 1
    charts = {
        "distribution": bar_chart(
            "chart-distribution", "How many sites scored in each band",
            f"Number of audited sites per band of 10 score points; {len(ok)} sites in all.",
            list(zip(labels, [float(b) for b in bins])), maximum=float(top), columns=("Score band", "Sites")),
        "sections": bar_chart(
            "chart-sections", "Mean GIGW 3.0 section scores",
            "Mean score of the audited sites in each GIGW 3.0 section, out of 100.",
            [(f"{sid} {name}", mean) for sid, name, mean, _ in sections], columns=("GIGW section", "Mean score")),
        "ministries": bar_chart(
            "chart-ministries", "Mean score by ministry or department (top 15)",
            "Mean site score of each ministry or department with at least one audited site, best first.",
            [(g.name, g.mean) for g in ministries if g.mean is not None][:15],
            columns=("Ministry or department", "Mean score")),
        "states": bar_chart(
            "chart-states", "Mean score by state or union territory (top 15)",
            "Mean site score of each state or union territory with at least one audited site, best first.",
            [(g.name, g.mean) for g in states if g.mean is not None][:15],
            columns=("State or union territory", "Mean score")),
        "trend": line_chart(
            "chart-trend", "National mean score across survey runs",
            f"Mean score of the audited sites in each of {len(trend)} survey runs, oldest first.",
            [(t["name"], t["mean"]) for t in trend], columns=("Survey run", "Mean score")),
    }
    return charts


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("kasauti.linter.fleet", "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html", "jinja"), default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["score"] = _score
    env.filters["signed"] = _signed
    env.globals["SECTION_NAMES"] = SECTION_NAMES
    env.globals["SECTION_COLUMNS"] = SECTION_COLUMNS
    env.globals["STATUSES"] = STATUSES
    return env


def _version() -> str:
    from kasauti import __version__  # noqa: PLC0415

    return __version__


def render_index(board: dict) -> str:
    return _environment().get_template("leaderboard.html.jinja").render(**board, version=_version())


def render_site(board: dict, entry: SiteEntry, history: list[dict], rules: list[dict], links: dict) -> str:
    return _environment().get_template("site.html.jinja").render(
        **board, entry=entry, row=entry.row, history=history, site_rules=rules, links=links, version=_version())


def render_csv(board: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in [*board["ranked"], *board["failed"], *board["unfinished"]]:
        row = entry.row
        values = {**row, "rank": entry.rank or "", "previous_score": entry.previous,
                  "change": entry.change, "status": row["status"] or row["phase"]}
        writer.writerow(["" if values.get(c) is None else values.get(c) for c in CSV_COLUMNS])
    return out.getvalue()


def _relative(target: str, start: Path) -> str | None:
    if not target:
        return None
    try:
        return Path(os.path.relpath(Path(target).resolve(), start.resolve())).as_posix()
    except ValueError:
        return Path(target).resolve().as_uri()


def write_leaderboard(store: Store, output_dir: str | Path, *, run_id: str | None = None) -> Written:
    """index.html, leaderboard.csv and sites/<site>.html for the run, in output_dir."""
    board = build_board(store, run_id)
    output = Path(output_dir)
    pages = output / "sites"
    pages.mkdir(parents=True, exist_ok=True)
    (output / "index.html").write_text(render_index(board), encoding="utf-8")
    (output / "leaderboard.csv").write_text(render_csv(board), encoding="utf-8")
    histories = _histories(store, board)
    counts: dict[str, list[dict]] = {}
    for item in store.rule_counts(board["run"]["run_id"]):
        counts.setdefault(item["site_id"], []).append(item)
    written = 0
    for entry in [*board["ranked"], *board["failed"], *board["unfinished"]]:
        row = entry.row
        links = {"json": _relative(row.get("report_path") or "", pages),
                 "html": _relative(row.get("html_report_path") or "", pages)}
        site_rules = sorted(counts.get(row["site_id"], []), key=lambda r: (-int(r["violations"]), r["rule"]))
        text = render_site(board, entry, histories.get(row["site_id"], []), site_rules, links)
        (pages / f"{entry.slug}.html").write_text(text, encoding="utf-8")
        written += 1
    return Written(board["run"]["run_id"], len(board["rows"]), output / "index.html", output / "leaderboard.csv",
                   written)


def _histories(store: Store, board: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for run in [*board["earlier"], board["run"]]:
        for row in store.results(run["run_id"]):
            out.setdefault(row["site_id"], []).append({"run": run, "name": _run_name(run), "status": row["status"],
                                                      "phase": row["phase"], "score": row["score"]})
    return out
