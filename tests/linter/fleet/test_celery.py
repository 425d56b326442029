"""The survey on real Celery workers (`kasauti worker` subprocesses) over a real redis-server, and over a real
RabbitMQ: it completes, and a worker killed with kill -9 - the whole worker, or one pool process - loses no site
and redoes none."""
from __future__ import annotations

import signal
import subprocess
import time

import psutil
import pytest

from kasauti.linter.fleet.store import Store

from .conftest import kill_group, survey_command, wait_for
from .test_survey_local import check_statuses

pytestmark = pytest.mark.slow


def _done(db, at_least):
    def check():
        try:
            with Store(db) as store:
                runs = store.runs()
                return bool(runs) and store.progress(runs[-1]["run_id"])["done"] >= at_least
        except Exception:  # noqa: BLE001 - not created yet
            return False
    return check


def _busy_pool_child(worker: subprocess.Popen, db) -> psutil.Process:
    """A pool process of `worker` that holds a lease right now."""
    def find():
        children = {c.pid: c for c in psutil.Process(worker.pid).children()}
        with Store(db) as store:
            for row in store.query("SELECT lease_owner FROM results WHERE phase = 'running'"):
                pid = int(row["lease_owner"].split(":")[1])
                if pid in children:
                    return children[pid]
        return None
    return wait_for(find, 60, 0.02, "a busy pool process")


@pytest.mark.parametrize("broker_url", ["redis", "amqp"], indirect=True)
def test_celery_survey_survives_a_killed_worker(tmp_path, fleet_factory, workers, broker_url):
    fleet = fleet_factory(40, seed=21, slow_seconds=3, latency=0.08)
    csv_path = fleet.write_csv(tmp_path / "sites.csv")
    db, reports = workers.db, tmp_path / "reports"
    doomed = workers.start("doomed", concurrency=1, visibility_timeout=12)
    workers.start("steady", concurrency=1, visibility_timeout=12)
    survey = subprocess.Popen(survey_command(csv_path, db, reports, "--broker", broker_url, "--lease-ttl", "8",
                                             "--visibility-timeout", "12"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        wait_for(_done(db, 8), 120, 0.05, "8 sites done")
        victim = _busy_pool_child(doomed, db)
        with Store(db) as store:
            in_flight = [r["site_id"] for r in store.query("SELECT site_id, lease_owner FROM results "
                                                           "WHERE phase = 'running'")
                         if int(r["lease_owner"].split(":")[1]) == victim.pid]
        with Store(db) as store:  # what was finished before the kill (the other worker goes on meanwhile)
            run_id = store.runs()[-1]["run_id"]
            done_before = {r["site_id"]: r["finished_at"] for r in store.results(run_id) if r["phase"] == "done"}
        killed_at = time.monotonic()
        kill_group(doomed)  # kill -9 of the whole worker: MainProcess and its pool process
        _, alive = psutil.wait_procs([victim], timeout=15)
        assert alive == [], "the killed worker's pool process is gone"
        out, err = survey.communicate(timeout=240)
    finally:
        if survey.poll() is None:
            kill_group(survey)
    assert survey.returncode == 0, err
    _, rows = check_statuses(db, fleet, run_id)
    by_site = {r["site_id"]: r for r in rows.values()}
    index_of = {s.url: s.index for s in fleet.sites}
    for site_id, finished_at in done_before.items():
        row = by_site[site_id]
        assert row["finished_at"] == finished_at and row["attempts"] == 1
        assert fleet.requests_of(index_of[row["url"]], since=killed_at) == 0  # not redone
    assert in_flight, "the killed worker was auditing a site"
    for site_id in in_flight:  # that site was taken over by the other worker and finished
        assert by_site[site_id]["attempts"] == 2
        assert by_site[site_id]["worker"].rsplit(":", 1)[1] != str(victim.pid)


def test_a_killed_pool_process_is_requeued_and_taken_over(tmp_path, fleet_factory, workers, broker_url):
    fleet = fleet_factory(16, seed=22, slow_seconds=3, latency=0.08)
    csv_path = fleet.write_csv(tmp_path / "sites.csv")
    db, reports = workers.db, tmp_path / "reports"
    worker = workers.start("w", concurrency=2, visibility_timeout=60)
    result = subprocess.run(survey_command(csv_path, db, reports, "--broker", broker_url, "--no-wait"),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "queued 16 site(s)" in result.stderr
    run_id = result.stderr.split("survey run ", 1)[1].split()[0]
    wait_for(_done(db, 3), 120, 0.05, "3 sites done")
    victim = _busy_pool_child(worker, db)
    victim.send_signal(signal.SIGKILL)  # the pool process only: Celery sees WorkerLostError and requeues
    # The survey is not needed while workers work: --resume follows the run to its end.
    follow = subprocess.run(survey_command(csv_path, db, reports, "--broker", broker_url, "--resume", run_id),
                            capture_output=True, text=True, timeout=240)
    assert follow.returncode == 0, follow.stderr
    assert f"survey run {run_id} resuming" in follow.stderr
    check_statuses(db, fleet, run_id)
    log = workers.log("w")
    assert "WorkerLostError" in log or "exited with 'signal 9" in log or "signal 9" in log
