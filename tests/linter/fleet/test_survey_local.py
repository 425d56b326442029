"""The in-process survey (no broker) over generated fleets on 127.0.0.1: statuses, reports, resuming without
redoing anything, and surviving `kill -9` of the survey process."""
from __future__ import annotations

import signal
import subprocess
import time

import psutil
import pytest
from click.testing import CliRunner

from kasauti.cli import main
from kasauti.linter.fleet.store import Store
from kasauti.linter.report import load_json

from .conftest import FAST, survey_command, wait_for


def run_cli(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def check_statuses(db, fleet, run_id=None):
    """Every site of the fleet has exactly one row in the run, with the status its kind must give."""
    with Store(db) as store:
        run_id = run_id or store.runs()[-1]["run_id"]
        rows = store.results(run_id)
    by_url = {r["url"]: r for r in rows}
    assert len(rows) == len(by_url) == len(fleet.sites)
    wrong = [(s.kind, s.url, by_url[s.url]["status"], by_url[s.url]["detail"]) for s in fleet.sites
             if by_url[s.url]["status"] != s.expected_status or by_url[s.url]["phase"] != "done"]
    assert wrong == []
    return run_id, by_url


def test_survey_in_process(tmp_path, fleet_factory):
    fleet = fleet_factory(24, seed=4, slow_seconds=3)
    csv_path = fleet.write_csv(tmp_path / "sites.csv", extra_rows=[["not a url", "x", "y", "z"],
                                                                  [fleet.sites[0].url.upper(), "dup", "", ""]])
    db, reports = tmp_path / "fleet.sqlite", tmp_path / "reports"
    result = run_cli("survey", str(csv_path), "--db", str(db), "--reports-dir", str(reports), *FAST, "-c", "2")
    assert result.exit_code == 0, result.output
    assert "line 26: the url 'not a url' contains spaces" in result.output
    assert "line 27:" in result.output and "already listed on line 2" in result.output
    run_id, rows = check_statuses(db, fleet)
    assert f"run {run_id}: 24/24 site(s) done" in result.output
    for site in fleet.sites:
        row = rows[site.url]
        if row["status"] == "ok":
            report = load_json(open(row["report_path"], encoding="utf-8").read())
            assert report.target == site.url and report.score == row["score"]
            assert row["pages_audited"] == 3 and open(row["html_report_path"]).read().startswith("<!DOCTYPE html>")
            assert row["gigw_overall"] is not None and row["attempts"] == 1
            assert fleet.home_hits(site.index) == 1  # politeness: each page fetched once
        else:
            assert row["score"] is None and row["report_path"].endswith(".json")  # a failed site has a report too
    # Defects show in the scores and rule counts.
    with Store(db) as store:
        totals = {r["rule"]: r for r in store.rule_totals(run_id)}
    defective = [s for s in fleet.sites if s.kind == "healthy" and "img-alt" in s.defects]
    assert defective and totals["IMG001"]["sites"] == len(defective)
    clean = [rows[s.url]["score"] for s in fleet.sites if s.kind == "healthy" and not s.defects]
    worst = [rows[s.url]["score"] for s in fleet.sites if s.kind == "healthy" and len(s.defects) >= 3]
    if clean and worst:
        assert min(clean) > max(worst)

    # Running it again continues the finished run's list? No: a finished run is not resumed; a new one starts
    # only with --new. The same CSV with the run finished starts a new run (history for trends).
    before = len(fleet.hits)
    again = run_cli("survey", str(csv_path), "--db", str(db), "--reports-dir", str(reports), *FAST,
                    "--resume", run_id)
    assert again.exit_code == 0 and "0 to audit" in again.output
    assert len(fleet.hits) == before  # nothing redone


def test_usage_errors_exit_2(tmp_path):
    csv_path = tmp_path / "sites.csv"
    csv_path.write_text("url\nhttps://a.gov.in/\n")
    db = str(tmp_path / "f.sqlite")
    assert run_cli("survey", str(csv_path), "--db", db, "--engines", "static,bogus").exit_code == 2
    assert run_cli("survey", str(csv_path), "--db", db, "--engines", "axe").exit_code == 2
    assert run_cli("survey", str(csv_path), "--db", db, "--no-wait").exit_code == 2
    assert run_cli("survey", str(csv_path), "--db", db, "--broker", "http://x").exit_code == 2
    assert run_cli("survey", str(csv_path), "--db", db, "--resume", "nope").exit_code == 2
    assert run_cli("survey", str(csv_path), "--db", "mysql://x/y").exit_code == 2
    empty = tmp_path / "empty.csv"
    empty.write_text("ministry\nX\n")
    result = run_cli("survey", str(empty), "--db", db)
    assert result.exit_code == 2 and "no url column" in result.output
    assert run_cli("leaderboard", "--db", str(tmp_path / "none.sqlite")).exit_code == 2
    other = tmp_path / "other.csv"
    other.write_text("url\nhttps://b.gov.in/\n")
    with Store(db) as store:
        from kasauti.linter.fleet.sites import load_sites  # noqa: PLC0415

        run = store.create_run(load_sites(csv_path).sites, source_sha256=load_sites(csv_path).sha256)
    result = run_cli("survey", str(other), "--db", db, "--resume", run)
    assert result.exit_code == 2 and "different list" in result.output


@pytest.mark.slow
def test_kill_9_of_the_survey_then_resume_loses_nothing_and_redoes_nothing(tmp_path, fleet_factory):
    fleet = fleet_factory(40, seed=8, slow_seconds=3, latency=0.08)
    csv_path = fleet.write_csv(tmp_path / "sites.csv")
    db, reports = tmp_path / "fleet.sqlite", tmp_path / "reports"
    survey = subprocess.Popen(survey_command(csv_path, db, reports, "-c", "2"), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, start_new_session=True, text=True)
    try:
        def done_count():
            try:
                with Store(db) as store:
                    runs = store.runs()
                    return runs and store.progress(runs[-1]["run_id"])["done"] >= 10
            except Exception:  # noqa: BLE001 - the database is being created
                return False

        wait_for(done_count, 120, 0.05, "10 sites done")
        family = psutil.Process(survey.pid).children(recursive=True)
        assert family, "the survey runs its sites in child processes"
        survey.send_signal(signal.SIGKILL)  # the survey alone: its site processes must follow it
        survey.wait(10)
        gone, alive = psutil.wait_procs(family, timeout=15)
        assert alive == [], f"orphaned processes: {alive}"
    finally:
        if survey.poll() is None:
            survey.kill()
    with Store(db) as store:
        run_id = store.runs()[-1]["run_id"]
        done_before = {r["site_id"]: r for r in store.results(run_id) if r["phase"] == "done"}
        assert 10 <= len(done_before) < 40
    resumed_at = time.monotonic()
    result = subprocess.run(survey_command(csv_path, db, reports, "-c", "2"), capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"survey run {run_id} resuming" in result.stderr
    _, rows = check_statuses(db, fleet, run_id)
    with Store(db) as store:
        assert len(store.runs()) == 1  # the same run, continued
    by_id = {r["site_id"]: r for r in rows.values()}
    for site in fleet.sites:
        row = by_id[next(k for k, v in by_id.items() if v["url"] == site.url)]
        if row["site_id"] in done_before:
            assert fleet.requests_of(site.index, since=resumed_at) == 0, site.url  # not redone
            assert row["finished_at"] == done_before[row["site_id"]]["finished_at"]
            assert row["attempts"] == 1
        else:
            assert row["attempts"] in (1, 2)  # 2: it was being audited when the survey was killed


@pytest.mark.slow
def test_survey_of_200_sites(tmp_path, fleet_factory, record_property):
    fleet = fleet_factory(210, seed=11, slow_seconds=3)
    csv_path = fleet.write_csv(tmp_path / "sites.csv")
    db, reports = tmp_path / "fleet.sqlite", tmp_path / "reports"
    started = time.monotonic()
    result = subprocess.run(survey_command(csv_path, db, reports, "-c", "2"), capture_output=True, text=True,
                            timeout=600)
    wall = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    _, rows = check_statuses(db, fleet)
    statuses = {r["status"] for r in rows.values()}
    assert {"ok", "connect", "dns", "tls", "timeout", "http-error", "redirect-loop", "not-html",
            "robots-blocked"} <= statuses
    record_property("survey_210_sites_wall_s", round(wall, 1))
    print(f"\nin-process survey of 210 sites, 2 processes: {wall:.1f} s ({210 / wall * 60:.0f} sites/min)")
    out = tmp_path / "board"
    board = run_cli("leaderboard", "--db", str(db), "--output-dir", str(out))
    assert board.exit_code == 0
    assert len(list((out / "sites").glob("*.html"))) == 210
