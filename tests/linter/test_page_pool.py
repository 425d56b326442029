"""The page pass in worker processes loses no page when a worker dies or hangs (real processes, forked)."""
from __future__ import annotations

import os
import time

import pytest

from kasauti.linter import page_pool
from kasauti.linter.model import FetchedPage
from kasauti.linter.page_pool import PagePool, PageTask, page_pass_all

HTML = "<!doctype html><html lang='en'><head><title>Page {n}</title></head><body><main><h1>Page {n}</h1></main></body></html>"


def pages(n: int) -> list[FetchedPage]:
    return [FetchedPage(url=f"https://ministry.gov.in/p{i}/", final_url=f"https://ministry.gov.in/p{i}/", status=200,
                        content_type="text/html", text=HTML.format(n=i), kind="page") for i in range(n)]


@pytest.fixture
def sabotaged(monkeypatch):
    """Workers are forked from this process, so they run the patched check: /p3/ kills its worker, /p5/ hangs."""
    real = page_pool.check_page

    def check(fetched, *args, **kwargs):
        if fetched.url.endswith("/p3/"):
            os._exit(9)
        if fetched.url.endswith("/p5/"):
            time.sleep(60)
        return real(fetched, *args, **kwargs)

    monkeypatch.setattr(page_pool, "check_page", check)


def test_a_killed_and_a_hung_worker_lose_no_other_page(sabotaged):
    pool = PagePool(2, (), (), locale="en", live=True, time_budget=3)
    results = []
    try:
        for fetched in pages(12):
            results += list(pool.submit(PageTask(fetched, False)))
        results += list(pool.finish())
    finally:
        pool.close()
    by_url = {fetched.url.rsplit("/", 2)[-2]: (fetched, facts) for fetched, _findings, facts in results}
    assert sorted(by_url) == sorted(f"p{i}" for i in range(12))  # every page exactly once
    assert len(results) == 12
    assert by_url["p3"][0].error == "crashed" and by_url["p3"][1] is None
    assert by_url["p5"][0].error == "timeout" and by_url["p5"][1] is None
    for name, (fetched, facts) in by_url.items():
        if name not in ("p3", "p5"):
            assert fetched.error is None and facts is not None and facts.title == f"Page {name[1:]}"


def test_an_exception_in_one_page_becomes_that_pages_failure(monkeypatch):
    real = page_pool.check_page

    def check(fetched, *args, **kwargs):
        if fetched.url.endswith("/p1/"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(fetched, *args, **kwargs)

    monkeypatch.setattr(page_pool, "check_page", check)
    for workers in (1, 2):
        results = list(page_pass_all(pages(4), [], [], workers=workers, select=(), ignore=(), locale="en",
                                     live=True, is_home=lambda f: False))
        failed = [(f.url, f.error) for f, _, facts in results if facts is None]
        assert failed == [("https://ministry.gov.in/p1/", "audit-error")]
        assert len(results) == 4
