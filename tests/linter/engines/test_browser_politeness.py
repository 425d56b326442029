"""On a live site the browsers' page loads are polite like the crawler's requests: one page load at a time per
host, `--delay` apart; axe and the checks of two pages still overlap. Measured from a real server's log."""
from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

import pytest

from kasauti.linter.audit import AuditOptions, audit
from kasauti.linter.crawl import CrawlOptions
from kasauti.linter.engines.axe import AxeOptions

from .conftest import FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGES = 5
DELAY = 1.2


def _site(folder: Path) -> None:
    good = (FIXTURES / "good.html").read_text("utf-8")
    links = "".join(f'<a href="/p{i}.html">Page {i}</a> ' for i in range(1, PAGES))
    (folder / "index.html").write_text(good.replace("</main>", f"<p>{links}</p></main>"), "utf-8")
    for i in range(1, PAGES):
        (folder / f"p{i}.html").write_text(good, "utf-8")


def _serve(folder: Path, log: list):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - base class signature
            pass

        def do_GET(self):  # noqa: N802 - base class name
            path = self.path.split("?")[0]
            if path == "/" or path.endswith(".html"):
                log.append((time.monotonic(), path, self.headers.get("User-Agent", "")))
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _browser_loads(log: list) -> list[float]:
    return sorted(t for t, _, agent in log if "Chrome" in agent)


@pytest.mark.parametrize("delay, crawl_delay", [(DELAY, None), (0.1, DELAY)], ids=["delay", "robots-crawl-delay"])
def test_browser_page_loads_on_a_live_site_are_spaced_by_the_delay(tmp_path, delay, crawl_delay):
    """--delay, or a longer Crawl-delay the crawl read in robots.txt, spaces the browsers' page loads too."""
    _site(tmp_path)
    if crawl_delay:
        (tmp_path / "robots.txt").write_text(f"User-agent: *\nCrawl-delay: {crawl_delay}\n", "utf-8")
    log: list = []
    server = _serve(tmp_path, log)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        options = AuditOptions(engines=("static", "axe"), crawl=CrawlOptions(delay=delay),
                               axe=AxeOptions(concurrency=2, browser_checks=False))
        result = audit(url, options)
    finally:
        server.shutdown()
        server.server_close()
    audited = [page for page in result.pages if page.status == 200]  # the fixture's links to missing pages 404
    assert len(audited) == PAGES
    loads = _browser_loads(log)
    assert len(loads) == PAGES, log
    gaps = [b - a for a, b in zip(loads, loads[1:])]
    # HostThrottle jitters --delay by +-20% (a Crawl-delay only upwards), from the end of the previous load.
    assert min(gaps) >= DELAY * 0.8 - 0.02, gaps


def test_delay_zero_lets_the_browsers_load_side_by_side(tmp_path):
    _site(tmp_path)
    log: list = []
    server = _serve(tmp_path, log)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        options = AuditOptions(engines=("static", "axe"), crawl=CrawlOptions(delay=0),
                               axe=AxeOptions(concurrency=2, browser_checks=False))
        audit(url, options)
    finally:
        server.shutdown()
        server.server_close()
    loads = _browser_loads(log)
    assert len(loads) == PAGES
    gaps = [b - a for a, b in zip(loads, loads[1:])]
    assert min(gaps) < DELAY * 0.8 - 0.02, gaps  # two browsers, no politeness gap: some loads come close together
