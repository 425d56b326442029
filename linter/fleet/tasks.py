"""The survey's stages as Celery tasks: queues static, browser and lighthouse, on any number of workers.

Delivery guarantees come from three layers:

* Celery: `task_acks_late` (a message is acknowledged only after its task returns), `task_reject_on_worker_lost`
  (a task whose pool process died is requeued at once), `worker_prefetch_multiplier = 1` (a worker holds one
  message per process, so a killed worker strands at most that many), soft/hard time limits per stage.
* The broker: with Redis, a message a dead worker had taken is restored after `visibility_timeout` seconds (kept
  above the longest stage: the site time limit plus its margin).
* The database: one row per (run, site), claimed with a lease and finished once (store.py). A duplicate or
  redelivered message finds the row done and returns; one that finds a live lease held elsewhere retries after
  the lease expires; one whose stage has already moved on republishes the next stage (a worker killed between
  handing a site on and publishing its next task). Task ids are derived from run, site and stage.

Workers read the database URL and reports folder from the environment `kasauti worker` sets
(KASAUTI_FLEET_DB, KASAUTI_FLEET_REPORTS_DIR); the message carries only the run id, site id, stage and the
survey's audit settings - never credentials.
"""
from __future__ import annotations

import logging
import os

from celery import Celery, signals
from kombu import Queue

from .store import Store
from .work import STAGES, SurveySettings, run_stage

log = logging.getLogger("kasauti.fleet")
QUEUES = {"static": "static", "browser": "browser", "lighthouse": "lighthouse"}
TASK_NAME = "kasauti.fleet.stage"
DB_ENV = "KASAUTI_FLEET_DB"
REPORTS_ENV = "KASAUTI_FLEET_REPORTS_DIR"
VISIBILITY_ENV = "KASAUTI_FLEET_VISIBILITY_TIMEOUT"
DEFAULT_VISIBILITY_TIMEOUT = 3600
HARD_LIMIT_MARGIN = 60
MAX_LEASE_RETRIES = 100

app = Celery("kasauti.fleet", set_as_current=False)


def configure(broker: str, *, visibility_timeout: float | None = None, max_tasks_per_child: int | None = None) -> Celery:
    """Point the app at a broker (redis://, rediss://, amqp://) with the fleet's delivery settings."""
    vt = int(visibility_timeout or os.environ.get(VISIBILITY_ENV) or DEFAULT_VISIBILITY_TIMEOUT)
    transport = {"visibility_timeout": vt}
    if broker.startswith(("redis://", "rediss://", "redis+socket://")):
        # Sweep for the messages of dead workers often enough for the visibility timeout to mean what it says.
        transport.update(unacked_restore_interval=max(1, min(10, vt // 5)), unacked_restore_throttle=1)
    app.conf.update(
        broker_url=broker,
        broker_transport_options=transport,
        broker_connection_retry_on_startup=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_store_errors_even_if_ignored=False,
        result_backend=None,
        task_serializer="json",
        accept_content=["json"],
        task_queues=[Queue(name) for name in QUEUES.values()],
        task_default_queue="static",
        task_routes={TASK_NAME: {"queue": "static"}},  # the stage's own queue is given when publishing
        worker_max_tasks_per_child=max_tasks_per_child,
        worker_hijack_root_logger=False,
        worker_cancel_long_running_tasks_on_connection_loss=True,
        broker_pool_limit=4,
        task_time_limit=None,
        task_soft_time_limit=None,
    )
    return app


def task_id(run_id: str, site_id: str, stage: str) -> str:
    """The same (run, site, stage) always gets the same task id."""
    return f"kasauti-{run_id}-{site_id}-{stage}"


def publish(run_id: str, site_id: str, stage: str, settings: SurveySettings | dict, *, countdown: float | None = None):
    """Queue one stage of one site on its queue, with the stage's time limits."""
    data = settings.to_dict() if isinstance(settings, SurveySettings) else dict(settings)
    soft = float(data.get("site_time_limit") or 1800)
    return stage_task.apply_async(args=(run_id, site_id, stage, data), task_id=task_id(run_id, site_id, stage),
                                  queue=QUEUES[stage], soft_time_limit=soft, time_limit=soft + HARD_LIMIT_MARGIN,
                                  countdown=countdown)


# ---- the worker side ------------------------------------------------------------------------------------
_stores: dict[int, Store] = {}


def _store() -> Store:
    """This process's database connection (opened after fork, never shared with the parent)."""
    pid = os.getpid()
    store = _stores.get(pid)
    if store is None:
        url = os.environ.get(DB_ENV)
        if not url:
            raise RuntimeError(f"{DB_ENV} is not set: start workers with `kasauti worker --db ...`")
        store = _stores[pid] = Store(url)
    return store


@app.task(name=TASK_NAME, bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_LEASE_RETRIES)
def stage_task(self, run_id: str, site_id: str, stage: str, settings: dict) -> dict:
    from celery.exceptions import SoftTimeLimitExceeded  # noqa: PLC0415

    options = SurveySettings.from_dict(settings)
    if os.environ.get(REPORTS_ENV):
        options.reports_dir = os.environ[REPORTS_ENV]
    store = _store()
    outcome = run_stage(store, run_id, site_id, stage, options, time_limit_errors=(SoftTimeLimitExceeded,))
    if outcome.outcome == "advanced" and outcome.next_stage:
        publish(run_id, site_id, outcome.next_stage, settings)
    elif outcome.outcome == "stage-moved":
        row = store.result(run_id, site_id) or {}
        later = row.get("stage") in STAGES and STAGES.index(row["stage"]) > STAGES.index(stage)
        if row.get("phase") == "pending" and later:
            publish(run_id, site_id, row["stage"], settings)  # the worker that moved it may have died first
    elif outcome.outcome == "leased":
        # Someone else holds the site; if it dies, its lease runs out and this message takes over.
        raise self.retry(countdown=min(max(outcome.retry_in + 1.0, 1.0), options.lease_ttl + 1.0))
    log.info("%s %s %s: %s %s", run_id, site_id, stage, outcome.outcome, outcome.status or "")
    return outcome.to_dict()


@signals.worker_process_shutdown.connect
def _close_process_resources(**_kwargs) -> None:
    from .browsers import shutdown_browser  # noqa: PLC0415

    shutdown_browser()
    store = _stores.pop(os.getpid(), None)
    if store is not None:
        store.close()


def worker_argv(queues: tuple[str, ...], concurrency: int, hostname: str | None, loglevel: str,
                max_tasks_per_child: int | None) -> list[str]:
    argv = ["worker", f"--queues={','.join(queues)}", f"--concurrency={concurrency}", "--pool=prefork",
            f"--loglevel={loglevel}", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    if hostname:
        argv.append(f"--hostname={hostname}")
    if max_tasks_per_child:
        argv.append(f"--max-tasks-per-child={max_tasks_per_child}")
    return argv


def run_worker(broker: str, db_url: str, *, queues: tuple[str, ...] = tuple(QUEUES), concurrency: int = 2,
               reports_dir: str | None = None, hostname: str | None = None, loglevel: str = "WARNING",
               max_tasks_per_child: int | None = None, visibility_timeout: float | None = None) -> None:
    """Run a Celery worker in this process (blocks until it is stopped)."""
    unknown = [q for q in queues if q not in QUEUES]
    if unknown:
        raise ValueError(f"unknown queue(s) {', '.join(unknown)} (choose from {', '.join(QUEUES)})")
    Store(db_url).close()  # fail early on a bad database URL, and migrate it once
    os.environ[DB_ENV] = db_url
    if reports_dir:
        os.environ[REPORTS_ENV] = str(reports_dir)
    configure(broker, visibility_timeout=visibility_timeout, max_tasks_per_child=max_tasks_per_child)
    app.worker_main(argv=worker_argv(queues, concurrency, hostname, loglevel, max_tasks_per_child))
