"""The browser pool under trouble, with real Chromium: a page that never finishes loading, Chromium killed with
SIGKILL while pages are queued, recycling after N pages or past a memory cap, a browser that cannot start, and a
page that breaks axe. Every URL given always gets exactly one result, and the audit goes on."""
from __future__ import annotations

import signal
import stat
import threading
import time
from collections import Counter

import psutil
import pytest

from kasauti.linter.engines import browser as browsers
from kasauti.linter.engines.axe import AxeOptions, audit_urls

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _pages(base: str, n: int, name: str = "good.html") -> list[str]:
    return [f"{base}{name}?n={i}" for i in range(n)]


def _by_url(results) -> dict:
    pages = list(results)
    counts = Counter(p.url for p in pages)
    assert all(c == 1 for c in counts.values()), f"a URL got more than one result: {counts}"
    return {p.url: p for p in pages}


def test_a_page_that_never_loads_times_out_and_the_audit_goes_on(fixture_site):
    urls = [fixture_site + "axe-violations.html", fixture_site + "never-loads", *_pages(fixture_site, 2)]
    # 12 s, not less: the page after the stuck one runs in a fresh Chromium, whose first axe run on a loaded
    # two-core CI machine (tests in parallel) took over 6 s.
    options = AxeOptions(concurrency=1, page_timeout=12, browser_checks=False)
    started = time.monotonic()
    results = _by_url(audit_urls(urls, options))
    assert set(results) == set(urls)
    stuck = results[fixture_site + "never-loads"]
    assert stuck.error == "timeout" and stuck.findings == [] and "12 s" in stuck.detail
    assert 11 <= stuck.seconds < 12 + browsers.WATCHDOG_GRACE + 3
    assert all(results[u].error is None for u in urls if u != fixture_site + "never-loads")
    assert any(f.rule == "image-alt" for f in results[fixture_site + "axe-violations.html"].findings)
    assert time.monotonic() - started < 75


def _chromium_tree(pgid: int) -> list[psutil.Process]:
    """Chromium and its helpers (everything in the session but chromedriver itself)."""
    try:
        driver = psutil.Process(pgid)
        return [p for p in driver.children(recursive=True) if "chrom" in p.name()]
    except psutil.Error:
        return []


def test_killing_chromium_mid_audit_loses_no_page(fixture_site):
    """kill -9 the browser process tree of one session while pages are queued: the page it was on is retried in a
    fresh browser, and every page ends with a real result."""
    urls = _pages(fixture_site, 10, "axe-violations.html")
    options = AxeOptions(concurrency=2, page_timeout=30)
    pool_holder = {}
    original = browsers.BrowserPool.__init__

    def remember(self, *args, **kwargs):  # keep a handle on the pool to find its browsers
        original(self, *args, **kwargs)
        pool_holder["pool"] = self

    killed: list[int] = []

    def kill_when_busy():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            pool = pool_holder.get("pool")
            sessions = [s for s in (pool.sessions if pool else []) if s is not None and s.process_group]
            for session in sessions:
                if session.pages >= 1:  # warm, and busy with its next page
                    tree = _chromium_tree(session.process_group)
                    for proc in tree:
                        try:
                            proc.send_signal(signal.SIGKILL)
                        except psutil.Error:
                            pass
                    killed.extend(p.pid for p in tree)
                    break
            time.sleep(0.05)

    browsers.BrowserPool.__init__ = remember
    try:
        killer = threading.Thread(target=kill_when_busy, daemon=True)
        killer.start()
        results = _by_url(audit_urls(urls, options))
        killer.join(timeout=5)
    finally:
        browsers.BrowserPool.__init__ = original
    assert killed, "the test never found a busy browser to kill"
    assert set(results) == set(urls)
    assert [u for u, p in results.items() if p.error] == []
    assert all(any(f.rule == "image-alt" for f in p.findings) for p in results.values())
    assert pool_holder["pool"].restarts >= 1
    assert max(p.attempts for p in results.values()) == 2  # the page the browser died on was retried
    for pid in killed:
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


def test_sessions_are_recycled_after_n_pages_and_leave_no_process(fixture_site):
    events = []
    settings = browsers.SessionSettings(page_timeout=20, recycle_after=2, memory_cap_mb=0)
    pool = browsers.BrowserPool(settings, 1, on_event=lambda kind, **data: events.append((kind, data)))
    groups = []

    def job(session, url, deadline):
        session.driver.get(url)
        groups.append(session.process_group)
        return session.driver.title

    outcomes = list(pool.run(_pages(fixture_site, 5), job))
    assert [o.error for o in outcomes] == [None] * 5
    assert all(o.result.startswith("About the Ministry") for o in outcomes)
    assert pool.recycles == 2 and pool.restarts == 0
    assert [g for i, g in enumerate(groups) if i == 0 or groups[i - 1] != g] == sorted(set(groups), key=groups.index)
    assert len(set(groups)) == 3  # pages 1-2, 3-4, 5
    assert [k for k, _ in events].count("browser-recycle") == 2
    time.sleep(0.5)
    assert not [g for g in groups if psutil.pid_exists(g) and psutil.Process(g).status() != psutil.STATUS_ZOMBIE]


def test_a_memory_cap_recycles_the_browser(fixture_site):
    settings = browsers.SessionSettings(page_timeout=20, recycle_after=100, memory_cap_mb=1)  # always over 1 MiB
    pool = browsers.BrowserPool(settings, 1)
    outcomes = list(pool.run(_pages(fixture_site, 3), lambda s, url, d: s.memory_mb()))
    assert all(o.error is None and o.result > 1 for o in outcomes)
    assert pool.recycles == 2


def test_a_browser_that_cannot_start_gives_every_page_a_clear_result(tmp_path, monkeypatch, fixture_site):
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\necho 'this chromium is broken' >&2\nexit 1\n")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv(browsers.CHROMIUM_ENV, str(broken))
    started = time.monotonic()
    results = _by_url(audit_urls(_pages(fixture_site, 6), AxeOptions(concurrency=2, page_timeout=10)))
    assert {p.error for p in results.values()} == {"browser-unavailable"}
    assert all("could not start Chromium" in p.detail for p in results.values())
    assert time.monotonic() - started < 90  # each worker gives up after a few failed starts


def test_a_page_that_breaks_axe_is_a_page_error_not_a_crash(fixture_site):
    urls = [fixture_site + "breaks-axe.html", *_pages(fixture_site, 2)]
    events = []
    results = _by_url(audit_urls(urls, AxeOptions(concurrency=1),
                                 on_event=lambda kind, **data: events.append(kind)))
    broken = results[fixture_site + "breaks-axe.html"]
    assert broken.error == "page-error" and "axe replaced by the page" in broken.detail
    assert all(results[u].error is None for u in urls[1:])
    assert "browser-restart" not in events  # the browser was fine; it was not replaced


def test_a_bug_in_the_job_is_an_engine_error_tried_once_not_a_browser_crash(fixture_site):
    settings = browsers.SessionSettings(page_timeout=20, recycle_after=100, memory_cap_mb=0)
    pool = browsers.BrowserPool(settings, 1)
    calls = []

    def job(session, url, deadline):
        calls.append(url)
        session.driver.get(url)
        if url.endswith("n=1"):
            raise TypeError("check() takes 1 positional argument but 2 were given")
        return session.driver.title

    outcomes = {o.url: o for o in pool.run(_pages(fixture_site, 3), job)}
    buggy = next(o for url, o in outcomes.items() if url.endswith("n=1"))
    assert buggy.error == browsers.ENGINE_ERROR and buggy.attempts == 1
    assert buggy.detail == "TypeError: check() takes 1 positional argument but 2 were given"
    assert sum(u.endswith("n=1") for u in calls) == 1  # not retried: it would fail the same way
    assert all(o.error is None for url, o in outcomes.items() if not url.endswith("n=1"))


def test_missing_binaries_are_reported_clearly(monkeypatch, tmp_path):
    monkeypatch.setenv(browsers.CHROMEDRIVER_ENV, str(tmp_path / "no-chromedriver"))
    problems = browsers.check_browser()
    assert problems == [f"chromedriver not found ({browsers.CHROMEDRIVER_ENV}={tmp_path / 'no-chromedriver'}); "
                        "on Debian/Ubuntu: apt-get install chromium-driver"]
    with pytest.raises(browsers.BrowserError, match="chromedriver not found"):
        browsers.BrowserSession(browsers.SessionSettings()).start()
    monkeypatch.delenv(browsers.CHROMEDRIVER_ENV)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert browsers.find_chromium() is None and browsers.find_chromedriver() is None
    assert any("set KASAUTI_CHROMIUM" in p for p in browsers.check_browser())


def test_no_browser_is_left_running(fixture_site):
    """After the pool is done, none of the processes its sessions started is alive (each session kills its own
    process group, chromedriver, Chromium and every helper)."""
    seen: set[int] = set()

    def job(session, url, deadline):
        session.driver.get(url)
        seen.update(browsers._tree_pids(session.process_group))
        return None

    pool = browsers.BrowserPool(browsers.SessionSettings(page_timeout=20), 2)
    assert [o.error for o in pool.run(_pages(fixture_site, 4), job)] == [None] * 4
    assert len(seen) > 4
    time.sleep(0.5)
    alive = [pid for pid in seen if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
    assert alive == []
    assert pool.sessions == [None, None]
