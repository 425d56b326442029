"""The survey database: migrations, one row per (run, site), leases, finishing once - on SQLite and, when the
Debian postgresql binaries are installed, on a real PostgreSQL server."""
from __future__ import annotations

import multiprocessing
import os
import time
import uuid

import pytest

from kasauti.linter.fleet.sites import parse_sites
from kasauti.linter.fleet.store import SCHEMA_VERSION, Store, StoreError, lease_owner

SITES = parse_sites("url,ministry,state\n" + "".join(f"https://s{i}.gov.in/,M{i % 3},S{i % 2}\n" for i in range(6)))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "fleet.sqlite")
    import psycopg

    base = request.getfixturevalue("postgres_url")
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return base.rsplit("/", 1)[0] + "/" + name


def test_migrations_are_versioned_and_idempotent(db_url):
    with Store(db_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
    with Store(db_url) as store:  # opening again applies nothing twice
        assert store.schema_version() == SCHEMA_VERSION
        assert store.query("SELECT COUNT(*) AS n FROM schema_version")[0]["n"] == SCHEMA_VERSION
        store.query("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="upgrade Kasauti"):
        Store(db_url)


def test_sqlite_uses_wal(tmp_path):
    with Store(tmp_path / "x.sqlite") as store:
        assert store.query("PRAGMA journal_mode")[0]["journal_mode"] == "wal"


def test_one_row_per_run_and_site(db_url):
    with Store(db_url) as store:
        run = store.create_run(SITES.sites, source="sites.csv", source_sha256="abc", options={"max_pages": 3})
        with store.transaction() as cur:  # adding the same sites again changes nothing
            store._add_sites(cur, run, SITES.sites, "now")
        assert store.progress(run) == {"total": 6, "done": 0, "running": 0, "pending": 6}
        assert store.unfinished_run("abc") == run and store.unfinished_run("other") is None
        assert store.run(run)["options"] == {"max_pages": 3}
        second = store.create_run(SITES.sites[:2], source_sha256="abc")
        assert store.unfinished_run("abc") == second  # the latest unfinished run over the same list
        assert len(store.query("SELECT * FROM sites")) == 6


def test_claims_leases_and_finishing_once(db_url):
    with Store(db_url) as store:
        run = store.create_run(SITES.sites, source_sha256="abc")
        site = SITES.sites[0].site_id
        a, b = "otherhost:1:aaaa", "otherhost:2:bbbb"
        first = store.claim(run, site, "static", a, ttl=30, max_attempts=3)
        assert first.outcome == "claimed" and first.attempts == 1
        busy = store.claim(run, site, "static", b, ttl=30, max_attempts=3)
        assert busy.outcome == "leased" and 25 < busy.retry_in <= 30
        assert store.claim(run, site, "browser", b, ttl=30, max_attempts=3).outcome == "stage-moved"
        assert store.renew(run, site, a, 30) and not store.renew(run, site, b, 30)
        store.query("UPDATE results SET lease_until = ? WHERE site_id = ?", (time.time() - 1, site))  # a dies
        assert [r["site_id"] for r in store.expired_leases(run)] == [site]
        taken = store.claim(run, site, "static", b, ttl=30, max_attempts=3)
        assert taken.outcome == "claimed" and taken.attempts == 2
        assert not store.renew(run, site, a, 30)  # a lost its lease
        rules = [{"rule": "IMG001", "name": "image-missing-alt", "impact": "critical", "violations": 4, "pages": 2}]
        assert store.finish(run, site, {"status": "ok", "score": 71.5, "violations": 4, "critical": 4}, rules)
        assert not store.finish(run, site, {"status": "crashed", "score": 0.0}, rules)  # a late duplicate
        row = store.result(run, site)
        assert (row["phase"], row["status"], row["score"], row["attempts"]) == ("done", "ok", 71.5, 2)
        assert store.claim(run, site, "static", a, ttl=30, max_attempts=3).outcome == "done"
        assert len(store.rule_counts(run)) == 1
        with pytest.raises(ValueError, match="unknown status"):
            store.finish(run, SITES.sites[1].site_id, {"status": "fine"})


def test_a_dead_owner_on_this_host_is_taken_over_at_once_and_attempts_are_bounded(db_url):
    with Store(db_url) as store:
        run = store.create_run(SITES.sites, source_sha256="abc")
        site = SITES.sites[0].site_id
        child = multiprocessing.get_context("fork").Process(target=os._exit, args=(0,))
        child.start()
        child.join()
        dead = lease_owner().rsplit(":", 2)[0] + f":{child.pid}:dead"
        assert store.claim(run, site, "static", dead, ttl=300, max_attempts=2).outcome == "claimed"
        mine = lease_owner()
        assert store.claim(run, site, "static", mine, ttl=300, max_attempts=2).outcome == "claimed"
        store.release(run, site, mine)
        assert store.claim(run, site, "static", mine, ttl=300, max_attempts=2).outcome == "exhausted"


def test_advancing_a_stage(db_url):
    with Store(db_url) as store:
        run = store.create_run(SITES.sites, source_sha256="abc")
        site = SITES.sites[0].site_id
        owner = lease_owner()
        store.claim(run, site, "static", owner, ttl=30, max_attempts=3)
        assert store.advance(run, site, owner, "browser", "/tmp/x.static.json")
        row = store.result(run, site)
        assert (row["phase"], row["stage"], row["attempts"], row["stage_report"]) == \
            ("pending", "browser", 0, "/tmp/x.static.json")
        assert store.claim(run, site, "static", owner, ttl=30, max_attempts=3).outcome == "stage-moved"
        assert store.claim(run, site, "browser", owner, ttl=30, max_attempts=3).outcome == "claimed"


def _race(db_url: str, run: str, site: str, barrier, results) -> None:
    store = Store(db_url)
    owner = lease_owner()
    barrier.wait()
    claim = store.claim(run, site, "static", owner, ttl=30, max_attempts=10)
    finished = store.finish(run, site, {"status": "ok", "score": float(os.getpid() % 100)})
    results.put((claim.outcome, finished))
    store.close()


def test_racing_processes_finish_a_row_exactly_once(db_url):
    with Store(db_url) as store:
        run = store.create_run(SITES.sites, source_sha256="abc")
    site = SITES.sites[0].site_id
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(6), ctx.Queue()
    processes = [ctx.Process(target=_race, args=(db_url, run, site, barrier, results)) for _ in range(6)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(30)
    assert sum(1 for claim, _ in outcomes if claim == "claimed") == 1
    assert sum(1 for _, finished in outcomes if finished) == 1
    with Store(db_url) as store:
        assert store.progress(run)["done"] == 1
