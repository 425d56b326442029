"""Served fixture sites and shared browser sessions for the axe and Lighthouse engine tests.

Everything is real: pages are files served by an HTTP server on 127.0.0.1 (a second server on `localhost` plays
another site, for cross-site frames), and the browser is Debian's Chromium driven through chromedriver.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
import time
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; /never-loads sends headers and a little HTML, then never finishes the body (until the
    server stops), like a stuck backend."""

    stop: threading.Event = threading.Event()
    requests: list[str] = []

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass

    def do_GET(self):  # noqa: N802 - name from the base class
        type(self).requests.append(self.path)
        if self.path.startswith("/never-loads"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            try:
                self.wfile.write(b"<!doctype html><html lang='en'><head><title>Stuck</title></head><body><p>Loading")
                self.wfile.flush()
                while not type(self).stop.wait(0.2):
                    pass
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        super().do_GET()


@contextlib.contextmanager
def serve(folder: Path, host: str = "127.0.0.1"):
    """Serve `folder` on host:random port; yields the base URL (ending in /)."""
    stop = threading.Event()
    handler_class = type("Handler", (QuietHandler,), {"stop": stop, "requests": []})
    server = http.server.ThreadingHTTPServer((host, 0), functools.partial(handler_class, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def fixture_site():
    """tests/linter/engines/fixtures served on 127.0.0.1; yields the base URL."""
    with serve(FIXTURES) as base:
        yield base


@pytest.fixture(scope="session")
def other_site():
    """The same folder served as another site (localhost instead of 127.0.0.1): its frames are cross-site."""
    with serve(FIXTURES, host="localhost") as base:
        yield base


@pytest.fixture(scope="module")
def session():
    """One long-lived browser session for a module's page audits (what the pool does, without the pool)."""
    from kasauti.linter.engines.browser import BrowserSession, SessionSettings

    browser = BrowserSession(SessionSettings(page_timeout=30)).start()
    yield browser
    browser.close()


def audit_page(session, url: str, **options):
    """Run the axe engine's page work (axe + browser checks) on `url` in `session`; returns (findings, rules)."""
    from kasauti.linter.engines.axe import AxeOptions, PageAudit, find_axe_script

    axe_options = AxeOptions(**options)
    job = PageAudit(str(find_axe_script()), axe_options, "en")
    work = job(session, url, time.monotonic() + axe_options.page_timeout)
    return work.findings, work.axe_rules


def copy_fixtures(target: Path, names: list[str]) -> Path:
    """Copy some fixture pages into a folder of their own (a small site to audit from the CLI)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(FIXTURES / name, target / name)
    return target
