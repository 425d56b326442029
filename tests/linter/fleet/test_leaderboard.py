"""The leaderboard: ranks, groups, top rules, trends across runs, CSV, per-site pages linking to reports, and
accessibility (Kasauti's own static rules find nothing; landmarks, table headers, SVG text alternatives)."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from kasauti.cli import main
from kasauti.linter.engines.static import check_html
from kasauti.linter.fleet.leaderboard import CSV_COLUMNS, competition_ranks
from kasauti.linter.fleet.store import Store
from kasauti.linter.rules import all_rules

from .conftest import FAST

SET_OF_PAGES_CRITERIA = {"2.4.5", "3.2.3", "3.2.4", "3.2.6"}  # about a set of pages; see test_html.py


def run_cli(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    from tests.sitegen import FleetServer, fleet_plan

    tmp = tmp_path_factory.mktemp("board")
    sites = fleet_plan(18, seed=31)
    with FleetServer(sites, slow_seconds=3) as fleet:
        csv_path = fleet.write_csv(tmp / "sites.csv")
        db, reports = tmp / "fleet.sqlite", tmp / "reports"
        common = ["--db", str(db), "--reports-dir", str(reports), *FAST]
        assert run_cli("survey", str(csv_path), *common, "--label", "2026 Q3").exit_code == 0
        for site in sites:  # between the runs, some sites fix their defects
            if site.kind == "healthy" and site.index % 2 == 0:
                site.defects = ()
        assert run_cli("survey", str(csv_path), *common, "--new", "--label", "2026 Q4").exit_code == 0
    out = tmp / "leaderboard"
    result = run_cli("leaderboard", "--db", str(db), "--output-dir", str(out))
    assert result.exit_code == 0, result.output
    return {"out": out, "db": db, "sites": sites}


def page_rules():
    return [r for r in all_rules() if set(r.wcag) - SET_OF_PAGES_CRITERIA]


def test_pages_pass_kasautis_own_rules(board):
    out = board["out"]
    pages = [out / "index.html", *sorted((out / "sites").glob("*.html"))[:6]]
    for page in pages:
        found = check_html(page.read_text("utf-8"), url=f"https://reports.example.gov.in/{page.name}",
                           rules=page_rules())
        assert [(f.rule, f.selector, f.message) for f in found if f.outcome == "violation"] == [], page.name


def test_structure_is_accessible(board):
    for page in [board["out"] / "index.html", next((board["out"] / "sites").glob("*.html"))]:
        tree = lxml_html.fromstring(page.read_bytes())
        assert tree.get("lang") == "en" and tree.findtext(".//title")
        skip = tree.xpath("//body/a[1]")[0]
        assert skip.get("href") == "#main" and tree.xpath("//main[@id='main']")
        assert tree.xpath("//header") and tree.xpath("//nav[@aria-label]") and tree.xpath("//footer")
        for table in tree.xpath("//table"):
            assert table.xpath("./caption"), "every table has a caption"
            assert all(th.get("scope") in ("col", "row") for th in table.xpath(".//th"))
    tree = lxml_html.fromstring((board["out"] / "index.html").read_bytes())
    charts = tree.xpath("//*[local-name()='svg']")
    assert len(charts) == 5
    for svg in charts:
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.xpath(f".//*[local-name()='title'][@id='{title_id}']")[0].text
        assert svg.xpath(f".//*[local-name()='desc'][@id='{desc_id}']")[0].text
        figure = svg.getparent()
        assert figure.tag == "figure" and figure.xpath(".//details/div/table/caption")  # the data table
    assert not tree.xpath("//script") and not tree.xpath("//*[@src]")  # self-contained


def test_ranking_groups_rules_and_trends(board):
    tree = lxml_html.fromstring((board["out"] / "index.html").read_bytes())
    ranking = tree.xpath("//section[@aria-labelledby='ranking']//tbody/tr")
    ranks = [int(tr.xpath("./td[1]")[0].text) for tr in ranking]
    scores = [float(tr.xpath("./td[4]")[0].text) for tr in ranking]
    assert scores == sorted(scores, reverse=True) and ranks == competition_ranks(scores)
    healthy = [s for s in board["sites"] if s.kind == "healthy"]
    assert len(ranking) == len(healthy)
    failed = tree.xpath("//section[@aria-labelledby='not-audited']//tbody/tr")
    assert len(failed) == len(board["sites"]) - len(healthy)
    assert {tr.xpath("./td[@class='status']")[0].text for tr in failed} >= {"connect", "http-error"}
    trends = tree.xpath("//section[@aria-labelledby='trends']/div[@class='table-wrap']/table/tbody/tr")
    assert [tr.xpath("./th")[0].text.split(" (")[0] for tr in trends] == ["2026 Q3", "2026 Q4"]
    ministries = tree.xpath("//table[@id='ministry-table']/tbody/tr/th")
    assert {th.text for th in ministries} == {s.ministry for s in board["sites"]}
    assert tree.xpath("//section[@aria-labelledby='rules']//tbody/tr")


def test_csv_export_and_changes_between_runs(board):
    rows = list(csv.DictReader(io.StringIO((board["out"] / "leaderboard.csv").read_text("utf-8"))))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == len(board["sites"])
    assert rows[0]["rank"] == "1"
    by_url = {r["url"]: r for r in rows}
    improved = [s for s in board["sites"] if s.kind == "healthy" and s.index % 2 == 0]
    assert improved
    for site in improved:
        row = by_url[site.url]
        assert row["previous_score"] and float(row["change"]) >= 0
    with Store(board["db"]) as store:
        first = store.runs()[0]["run_id"]
        before = {r["url"]: r["score"] for r in store.results(first)}
    assert any(float(by_url[s.url]["score"]) > before[s.url] for s in improved if s.defects == ())


def test_site_pages_link_to_full_reports(board):
    out = board["out"]
    tree = lxml_html.fromstring((out / "index.html").read_bytes())
    first = tree.xpath("//section[@aria-labelledby='ranking']//tbody/tr[1]/th/a")[0]
    site_page = out / first.get("href")
    page = lxml_html.fromstring(site_page.read_bytes())
    links = {a.text: a.get("href") for a in page.xpath("//a")}
    for name in ("HTML report", "JSON report"):
        target = (site_page.parent / unquote(links[name])).resolve()
        assert target.is_file() and target.stat().st_size > 100
    assert links["Leaderboard"] == "../index.html"
    assert len(page.xpath("//section[@aria-labelledby='history']//tbody/tr")) == 2


def test_an_unknown_run_or_empty_database_is_a_usage_error(board, tmp_path):
    assert run_cli("leaderboard", "--db", str(board["db"]), "--run", "nope").exit_code == 2
    Store(tmp_path / "empty.sqlite").close()
    assert run_cli("leaderboard", "--db", str(tmp_path / "empty.sqlite")).exit_code == 2
    listing = run_cli("leaderboard", "--db", str(board["db"]), "--list")
    assert listing.exit_code == 0 and "2026 Q3" in listing.output and "2026 Q4" in listing.output


def test_lxml_parses_every_site_page(board):
    for page in (board["out"] / "sites").glob("*.html"):
        assert lxml_html.fromstring(page.read_bytes()).xpath("//h1")
    assert Path(board["out"] / "leaderboard.csv").stat().st_size > 0
