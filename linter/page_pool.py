"""The page pass of an audit in worker processes: every HTML page read, parsed once and checked by the page
rules, one process per core, with a bounded number of pages in flight so memory stays flat.

Nothing is lost when a worker dies (a crash in a native library, the kernel's OOM killer) or a page hangs the
page pass: the pool is rebuilt, the pages that were in flight are retried one at a time, and the one page that
kills or hangs its worker again is recorded as a failed page ("crashed" / "timeout") while every other page gets
its result.
"""
from __future__ import annotations

import logging
import os
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator

from .crawl import read_page_file
from .engines.static import page_pass
from .model import FetchedPage, Finding
from .rules import select_rules
from .rules.registry import Rule
from .site import PackedLinks, PageFacts

log = logging.getLogger("kasauti.audit")
Result = tuple[FetchedPage, list[Finding], PageFacts | None]

# A page whose rules run longer than this is pathological (the slowest real page measured takes well under a
# second): its worker is stopped and the page recorded as timed out.
PAGE_TIME_BUDGET_S = 120.0


@dataclass(frozen=True)
class PageTask:
    fetched: FetchedPage
    is_home: bool


def needs_page_pass(fetched: FetchedPage) -> bool:
    """An HTML page: fetched with text, or a folder page left unread for the worker."""
    if fetched.kind != "page" or fetched.error is not None:
        return False
    return fetched.text is not None or fetched.source_path is not None


def check_page(fetched: FetchedPage, page_rules: list[Rule], site_rules: list[Rule], *, locale: str,
               is_home: bool, live: bool) -> Result:
    """One page: read its file when the folder walker left it unread, then the page pass. The page comes back
    without its text; facts are None when it could not be read."""
    if fetched.text is None:
        read_page_file(fetched)
        if fetched.error is not None:
            return slim(fetched), [], None
    findings, facts = page_pass(fetched, page_rules, site_rules, locale=locale, is_home=is_home, live=live,
                                targets=not live)
    return slim(fetched), findings, facts


def slim(fetched: FetchedPage) -> FetchedPage:
    """Drop bodies once checked: only metadata is kept for site rules and the report."""
    if fetched.body or fetched.text:
        return replace(fetched, body=b"", text=None)
    return fetched


def failed(fetched: FetchedPage, error: str, detail: str) -> Result:
    return replace(slim(fetched), error=error, error_detail=detail), [], None


# ---- worker processes ------------------------------------------------------------------------------------
_WORKER_RULES: tuple[list[Rule], list[Rule]] | None = None


def _worker_init(select: tuple[str, ...], ignore: tuple[str, ...]) -> None:
    from .engines.static import split_rules  # noqa: PLC0415

    global _WORKER_RULES
    _WORKER_RULES = split_rules(select_rules(select, ignore))


def _worker_check(fetched: FetchedPage, locale: str, is_home: bool, live: bool) -> Result:
    page_rules, site_rules = _WORKER_RULES  # type: ignore[misc]
    fetched, findings, facts = check_page(fetched, page_rules, site_rules, locale=locale, is_home=is_home,
                                          live=live)
    if facts is not None:  # ~70 links a page: pickled here once, not unpickled and pickled again by the main process
        facts.links = PackedLinks.pack(facts.links)
    return fetched, findings, facts


class PagePool:
    """Worker processes with at most `max_in_flight` pages submitted; see the module docstring for crashes."""

    def __init__(self, workers: int, select: tuple[str, ...], ignore: tuple[str, ...], *, locale: str, live: bool,
                 time_budget: float = PAGE_TIME_BUDGET_S):
        self.workers = workers
        self.select, self.ignore = select, ignore
        self.locale, self.live = locale, live
        self.time_budget = time_budget
        self.max_in_flight = workers * 4
        self.pending: dict[Future, PageTask] = {}
        self.waiting: deque[PageTask] = deque()
        self.careful = False  # after a worker died: one page at a time until the culprit is found
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, initializer=_worker_init,
                                   initargs=(self.select, self.ignore))

    def submit(self, task: PageTask) -> Iterator[Result]:
        """Queue a page; yields the results that are ready while more than max_in_flight pages are queued."""
        self.waiting.append(task)
        yield from self._collect(until=self.max_in_flight)

    def finish(self) -> Iterator[Result]:
        yield from self._collect(until=0)
        self.pool.shutdown(wait=True)

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)

    def _start(self) -> None:
        capacity = 1 if self.careful else self.max_in_flight
        while self.waiting and len(self.pending) < capacity:
            task = self.waiting.popleft()
            future = self.pool.submit(_worker_check, task.fetched, self.locale, task.is_home, self.live)
            self.pending[future] = task
        if self.careful and not self.waiting and not self.pending:
            self.careful = False

    def _collect(self, until: int) -> Iterator[Result]:
        while True:
            self._start()
            if not self.pending or len(self.pending) + len(self.waiting) <= until:
                return
            done, _ = wait(self.pending, timeout=self.time_budget, return_when=FIRST_COMPLETED)
            if not done:  # nothing finished within a page's budget: a worker is stuck
                yield from self._restart(list(self.pending.values()), "timeout",
                                         f"the page rules did not finish within {self.time_budget:.0f} s")
                continue
            broken: list[PageTask] = []
            for future in done:
                task = self.pending.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    broken.append(task)
                except Exception as exc:  # noqa: BLE001 - an error in one page must not stop the audit
                    log.warning("page pass failed on %s: %s", task.fetched.url, exc)
                    yield failed(task.fetched, "audit-error", f"{type(exc).__name__}: {exc}"[:300])
            if broken:
                yield from self._restart(broken + list(self.pending.values()), "crashed",
                                         "the page pass crashed its worker process")

    def _restart(self, lost: list[PageTask], error: str, detail: str) -> Iterator[Result]:
        """Replace a broken or stuck pool. Alone in flight, the page is the culprit; otherwise every page that
        was in flight is retried, one at a time."""
        self.pending.clear()
        _stop_workers(self.pool)
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()
        if self.careful and len(lost) == 1:
            log.warning("%s: %s", lost[0].fetched.url, detail)
            yield failed(lost[0].fetched, error, detail)
            return
        self.careful = True
        self.waiting.extendleft(reversed(lost))


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    # ProcessPoolExecutor cannot cancel a running call; a stuck worker is terminated (its pool is replaced).
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.terminate()
        except Exception:  # noqa: BLE001 - already gone
            pass


def page_pass_all(source: Iterable[FetchedPage], page_rules: list[Rule], site_rules: list[Rule], *,
                  workers: int, select: tuple[str, ...], ignore: tuple[str, ...], locale: str, live: bool,
                  is_home: Callable[[FetchedPage], bool]) -> Iterator[Result]:
    """Run the page pass on every HTML page of `source`; yield (fetched, findings, facts) for every record —
    facts None for records that are not pages, and for pages that could not be read or checked."""
    workers = workers or os.cpu_count() or 1
    if workers <= 1:
        for fetched in source:
            if not needs_page_pass(fetched):
                yield fetched, [], None
                continue
            try:
                yield check_page(fetched, page_rules, site_rules, locale=locale, is_home=is_home(fetched),
                                 live=live)
            except Exception as exc:  # noqa: BLE001 - as in the workers: record it, go on
                log.warning("page pass failed on %s: %s", fetched.url, exc)
                yield failed(fetched, "audit-error", f"{type(exc).__name__}: {exc}"[:300])
        return
    pool = PagePool(workers, select, ignore, locale=locale, live=live)
    try:
        for fetched in source:
            if not needs_page_pass(fetched):
                yield fetched, [], None
                continue
            yield from pool.submit(PageTask(fetched, is_home(fetched)))
        yield from pool.finish()
    finally:
        pool.close()
