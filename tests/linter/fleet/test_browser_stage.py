"""The browser stage: axe in one long-lived Chromium per worker process, reused across sites; and the browser
queue on a real Celery worker."""
from __future__ import annotations

import json
import subprocess

import psutil
import pytest

from kasauti.linter.fleet import browsers
from kasauti.linter.fleet.store import Store
from kasauti.linter.fleet.work import SurveySettings, browser_stage, static_stage

from .conftest import survey_command
from .test_survey_local import check_statuses

pytestmark = pytest.mark.browser


def test_one_chromium_serves_site_after_site(fleet_factory):
    fleet = fleet_factory(12, seed=41)
    sites = [s for s in fleet.sites if s.kind == "healthy"][:2]
    settings = SurveySettings(engines=("static", "axe"), delay=0, timeout=5, max_pages=2)
    started = browsers.started
    group = None
    try:
        for site in sites:
            static = static_stage(site.url, settings)[0]
            merged = browser_stage(static, settings)
            assert merged.engines == ("static", "axe")
            assert any(f.engine == "axe" for f in merged.findings) or merged.stats.get("browser_errors") == 0
            assert merged.score <= static.score or not any(f.outcome == "violation" and f.engine == "axe"
                                                           for f in merged.findings)
            session = browsers.current_session()
            assert session is not None and session.alive  # parked for the next site, not closed
            group = group or session.process_group
            assert session.process_group == group
        assert browsers.started - started == 1
    finally:
        browsers.shutdown_browser()
    assert browsers.current_session() is None
    assert not psutil.pid_exists(group) or psutil.Process(group).status() == psutil.STATUS_ZOMBIE


def _survey_on_stage_worker(tmp_path, fleet, workers, broker_url, stage: str, engines: str) -> dict:
    """The survey over `broker_url` with one static worker and one worker on the `stage` queue; the result rows."""
    csv_path = fleet.write_csv(tmp_path / "sites.csv")
    workers.start("static", concurrency=1, queues="static")
    workers.start(stage, concurrency=1, queues=stage)
    result = subprocess.run(survey_command(csv_path, workers.db, tmp_path / "reports", "--broker", broker_url,
                                           "--engines", engines, "--max-pages", "2"),
                            capture_output=True, text=True, timeout=400)
    assert result.returncode == 0, result.stderr + workers.log(stage)
    return check_statuses(workers.db, fleet)[1]


@pytest.mark.slow
def test_browser_queue_on_a_celery_worker(tmp_path, fleet_factory, workers, broker_url):
    fleet = fleet_factory(12, seed=42)
    fleet.sites[:] = [s for s in fleet.sites if s.kind in ("healthy", "refused")][:4]
    rows = _survey_on_stage_worker(tmp_path, fleet, workers, broker_url, "browser", "static,axe")
    for row in rows.values():
        if row["status"] == "ok":
            report = json.loads(open(row["report_path"], encoding="utf-8").read())
            assert report["engines"] == ["static", "axe"]
            assert row["stage"] == "browser"
    with Store(workers.db) as store:
        assert store.progress(store.runs()[-1]["run_id"])["done"] == len(fleet.sites)
    assert "stage" in workers.log("browser")


@pytest.mark.slow
@pytest.mark.lighthouse
def test_lighthouse_queue_on_a_celery_worker(tmp_path, fleet_factory, workers, broker_url):
    fleet = fleet_factory(12, seed=42)
    fleet.sites[:] = [s for s in fleet.sites if s.kind == "healthy"][:1]
    [row] = _survey_on_stage_worker(tmp_path, fleet, workers, broker_url, "lighthouse", "static,lighthouse").values()
    assert row["status"] == "ok" and row["stage"] == "lighthouse"
    report = json.loads(open(row["report_path"], encoding="utf-8").read())
    assert report["engines"] == ["static", "lighthouse"]
    runs = report["stats"]["lighthouse"]
    assert runs and all(r["error"] is None and r["scores"]["accessibility"] is not None for r in runs)
