"""A survey run from start to finish, in either mode: pick or create the run, then audit or dispatch and follow.

Run selection: `--resume RUN` continues that run; otherwise the latest unfinished run over the same CSV (same
bytes) is continued automatically, unless `--new` asks for a fresh one. A resumed run keeps the settings it was
created with (what was audited must stay comparable); only where workers write reports can change.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .sites import SiteList, load_sites
from .store import Store
from .work import STAGES, SurveySettings

log = logging.getLogger("kasauti.fleet")


class SurveyError(Exception):
    """A usage problem: unknown run, a run over another list, a broker that cannot be reached."""


@dataclass
class SurveyPlan:
    run_id: str
    resumed: bool
    settings: SurveySettings
    sites: SiteList
    remaining: int


def plan_survey(store: Store, csv_path: str | Path, settings: SurveySettings, *, resume: str | None = None,
                new: bool = False, label: str = "", mode: str = "local") -> SurveyPlan:
    sites = load_sites(csv_path)
    if resume:
        run = store.run(resume)
        if run is None:
            raise SurveyError(f"no survey run {resume!r} in {store.url}")
        if run["source_sha256"] and run["source_sha256"] != sites.sha256:
            raise SurveyError(f"run {resume} was started from a different list of sites "
                              f"({run['source']}); resume it with the same CSV")
        run_id = resume
    else:
        run_id = None if new else store.unfinished_run(sites.sha256)
    if run_id:
        stored = SurveySettings.from_dict(store.run(run_id)["options"])
        stored.reports_dir = settings.reports_dir or stored.reports_dir
        settings = stored
        resumed = True
    else:
        run_id = store.create_run(sites.sites, source=str(csv_path), source_sha256=sites.sha256,
                                  options=settings.to_dict(), label=label, mode=mode)
        resumed = False
    remaining = len(store.unfinished(run_id))
    return SurveyPlan(run_id, resumed, settings, sites, remaining)


def run_survey_local(store: Store, plan: SurveyPlan, *, concurrency: int,
                     on_progress: Callable[[dict], None] | None = None) -> dict:
    from .runner import run_local  # noqa: PLC0415

    progress = run_local(store.url, plan.run_id, plan.settings, concurrency=concurrency, on_progress=on_progress)
    store.finish_run(plan.run_id)
    return progress


def dispatch(store: Store, plan: SurveyPlan, broker: str, *, visibility_timeout: float | None = None) -> int:
    """Publish a task for every unfinished site at its current stage; returns how many were published."""
    from . import tasks  # noqa: PLC0415

    tasks.configure(broker, visibility_timeout=visibility_timeout)
    try:
        with tasks.app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=3, interval_start=0.2, interval_step=0.5, interval_max=2)
    except Exception as exc:  # noqa: BLE001 - kombu raises many kinds
        raise SurveyError(f"cannot reach the broker {broker}: {exc}") from exc
    count = 0
    for row in store.unfinished(plan.run_id):
        tasks.publish(plan.run_id, row["site_id"], row["stage"] if row["stage"] in STAGES else "static",
                      plan.settings)
        count += 1
    return count


def follow(store: Store, plan: SurveyPlan, broker: str, *, on_progress: Callable[[dict], None] | None = None,
           poll: float = 1.0, timeout: float | None = None, stalled_after: float | None = None) -> dict:
    """Wait until every site of the run is done, republishing the stage of any site whose lease ran out
    (its worker died and its message did not come back, e.g. the retries ran out). Returns the progress."""
    from . import tasks  # noqa: PLC0415

    tasks.configure(broker)
    grace = stalled_after if stalled_after is not None else plan.settings.lease_ttl
    republished: dict[tuple[str, str], float] = {}
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        progress = store.progress(plan.run_id)
        if on_progress:
            on_progress(progress)
        if progress["done"] >= progress["total"]:
            store.finish_run(plan.run_id)
            return progress
        if deadline is not None and time.monotonic() > deadline:
            return progress
        for row in store.expired_leases(plan.run_id, grace=grace):
            key = (row["site_id"], row["stage"])
            if time.monotonic() - republished.get(key, -1e9) > max(grace, 5.0):
                log.info("site %s: lease expired at stage %s; publishing it again", row["site_id"], row["stage"])
                tasks.publish(plan.run_id, row["site_id"], row["stage"], plan.settings)
                republished[key] = time.monotonic()
        time.sleep(poll)
