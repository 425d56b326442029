"""The in-process survey (no broker): up to `concurrency` site processes on this machine, same stage functions.

Each site is audited in a process of its own, forked from a preloaded fork server (cheap, and a clean process
every time: a crash, a leak or a hung native call in one site cannot touch another). The survey process only
schedules: it starts site processes, waits for them, and enforces the hard time limit by killing a process
that overruns it (the soft limit, SIGALRM in the site process, normally records `time-limit` first).

A site process whose process died (killed, out of memory) leaves its row unfinished; it is started again, and the
row's attempt counter ends the loop (`crashed`) for a site that kills its process every time. If the survey
itself is killed, its fork server and then every site process exit with it (PR_SET_PDEATHSIG), and a restart
resumes from the database: finished sites are not touched, unfinished ones are claimed again (a lease whose owner
process is gone is taken over at once).
"""
from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Callable

from .store import Store
from .work import SurveySettings, run_site, soft_time_limit

log = logging.getLogger("kasauti.fleet")
PRELOAD = ["kasauti.linter.fleet._preload"]
HARD_LIMIT_MARGIN = 60.0
MAX_STARTS = 10  # site processes started for one site that exited cleanly without finishing it
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to SIGTERM this process when its parent (the fork server) exits."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: a killed survey may leave a site process to finish its site
        pass


def _site_process(db_url: str, run_id: str, site_id: str, settings: dict) -> None:
    _die_with_parent()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so atexit closes a browser
    if os.getppid() == 1:
        sys.exit(143)
    logging.getLogger().setLevel(logging.ERROR)
    options = SurveySettings.from_dict(settings)
    store = Store(db_url)
    try:
        with soft_time_limit(options.site_time_limit):
            run_site(store, run_id, site_id, options)
    finally:
        store.close()


@dataclass
class _Running:
    process: multiprocessing.Process
    site_id: str
    started: float


def _context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def run_local(db_url: str, run_id: str, settings: SurveySettings, *, concurrency: int = 2,
              on_progress: Callable[[dict], None] | None = None, poll: float = 0.5) -> dict:
    """Audit every unfinished site of the run; returns the run's progress counts at the end."""
    store = Store(db_url)
    ctx = _context()
    hard_limit = settings.site_time_limit + HARD_LIMIT_MARGIN
    todo = deque(row["site_id"] for row in store.unfinished(run_id))
    later: list[tuple[float, str]] = []  # (not before, site_id): leased by a live worker elsewhere
    running: dict[int, _Running] = {}
    starts: dict[str, int] = {}
    settings_dict = settings.to_dict()
    last_report = 0.0
    try:
        while todo or running or later:
            now = time.monotonic()
            for item in [x for x in later if x[0] <= now]:
                later.remove(item)
                todo.append(item[1])
            while todo and len(running) < max(1, concurrency):
                site_id = todo.popleft()
                process = ctx.Process(target=_site_process, args=(db_url, run_id, site_id, settings_dict),
                                      name=f"kasauti-site-{site_id[:8]}", daemon=False)
                process.start()
                starts[site_id] = starts.get(site_id, 0) + 1
                running[process.sentinel] = _Running(process, site_id, time.monotonic())
            if running:
                wait(list(running), timeout=poll)
            elif later:
                time.sleep(min(poll, max(0.0, min(t for t, _ in later) - time.monotonic())))
            for sentinel, item in list(running.items()):
                process = item.process
                if process.exitcode is None:
                    if time.monotonic() - item.started > hard_limit:
                        log.warning("site %s: over the hard time limit; killing its process", item.site_id)
                        process.kill()
                        process.join(5)
                        store.finish(run_id, item.site_id, {
                            "status": "time-limit", "seconds": round(time.monotonic() - item.started, 3),
                            "detail": f"the audit ran over its hard time limit of {hard_limit:g} s and was killed"})
                        running.pop(sentinel)
                    continue
                process.join()
                running.pop(sentinel)
                row = store.result(run_id, item.site_id) or {}
                if row.get("phase") == "done":
                    continue
                if process.exitcode != 0:
                    log.warning("site %s: its process exited with %s; trying again", item.site_id, process.exitcode)
                    todo.append(item.site_id)  # the row's attempts end this for a site that always kills it
                elif row.get("phase") == "running" and row.get("lease_until", 0) > time.time():
                    later.append((time.monotonic() + row["lease_until"] - time.time() + 0.5, item.site_id))
                elif starts[item.site_id] < MAX_STARTS:
                    todo.append(item.site_id)
                else:
                    store.finish(run_id, item.site_id, {"status": "crashed",
                                                        "detail": "the site could not be finished"})
            if on_progress and time.monotonic() - last_report > 0.5:
                last_report = time.monotonic()
                on_progress(store.progress(run_id))
    finally:
        for item in running.values():  # interrupted (Ctrl-C): stop the site processes; their rows are resumed
            item.process.terminate()
        for item in running.values():
            item.process.join(10)
            if item.process.exitcode is None:
                item.process.kill()
        progress = store.progress(run_id)
        if on_progress:
            on_progress(progress)
        store.close()
    return progress
