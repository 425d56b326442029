"""Browser helpers for the theme tests: serve a built site on 127.0.0.1 and drive headless Chromium.

Uses the linter's BrowserSession (Debian chromium + chromedriver, own process group and profile) and the
npm-pinned axe-core from node_modules.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import socketserver
import threading
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    requests: list | None = None
    compress = False  # gzip text files for clients that accept it, as a production web server does
    cache_seconds = 0  # Cache-Control max-age for assets (0: no header)

    def log_request(self, code="-", size="-"):
        if self.requests is not None:  # every request the browser made, workers included
            self.requests.append((self.path, int(code) if str(code).isdigit() else code))

    def log_message(self, *args):  # keep test output readable
        pass

    def end_headers(self):
        if self.cache_seconds and "/assets/" in self.path:
            self.send_header("Cache-Control", f"public, max-age={self.cache_seconds}")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (self.compress and path.suffix in COMPRESSIBLE and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, _mtime: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6)


@contextmanager
def serve(folder: Path, requests: list | None = None, *, compress: bool = False, cache_seconds: int = 0):
    """Serve `folder` on 127.0.0.1 (random port) in a thread; yields the base URL ending in '/'.
    When `requests` is a list, (path, status) of every request is appended to it. `compress` gzips text files
    (level 6, what nginx and Apache use) and `cache_seconds` sets Cache-Control on assets, as a production
    server would (Lighthouse measures what is transferred)."""
    handler_class = type("Handler", (_QuietHandler,), {"requests": requests, "compress": compress,
                                                       "cache_seconds": cache_seconds})
    handler = functools.partial(handler_class, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium(width: int = 1280, height: int = 900, extra_flags: tuple[str, ...] = ()):
    from kasauti.linter.engines.browser import BrowserSession, SessionSettings  # noqa: PLC0415

    session = BrowserSession(SessionSettings(window=(width, height), page_timeout=60, extra_flags=extra_flags)).start()
    try:
        yield session
    finally:
        session.close()


def run_axe(driver) -> list[dict]:
    """axe-core violations (WCAG 2.x A/AA and best practices) on the page currently loaded."""
    driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
        AXE_TAGS,
    )
    return result


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [n.get("target") for n in v.get("nodes", [])][:5]
        summary = (v.get("nodes") or [{}])[0].get("failureSummary", "")[:300].replace("\n", " ")
        lines.append(f"{v['id']} ({v.get('impact')}): {targets} {summary}")
    return "\n".join(lines)


class _RecordingProxy(socketserver.BaseRequestHandler):
    """An HTTP proxy that forwards nothing: it records each request (CONNECT host:443 for https, GET for
    http) and answers 502, so attempts to reach other sites are counted even with no network."""

    seen: list = []

    def handle(self):
        try:
            self.request.settimeout(5)
            line = self.request.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
        except OSError:
            return
        if line:
            self.seen.append(line)
        try:
            self.request.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        except OSError:
            pass


@contextmanager
def outside_world():
    """A recording proxy for everything but loopback; yields (Chromium flags, list of request lines)."""
    seen: list = []
    handler = type("Proxy", (_RecordingProxy,), {"seen": seen})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        # Chromium sends loopback requests directly whatever the proxy (its implicit bypass rule).
        yield (f"--proxy-server=http://127.0.0.1:{server.server_address[1]}",), seen
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def network_logged_chromium(width: int = 1280, height: int = 900, extra_flags: tuple[str, ...] = ()):
    """Headless Chromium whose tab logs its network events (Selenium's performance log): `tab_requests(driver)`
    then lists every request the page made, failed ones included, and none of the browser's own background
    traffic (update checks and the like, which do not belong to the tab)."""
    import os  # noqa: PLC0415
    import shutil  # noqa: PLC0415
    import signal  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    from selenium import webdriver  # noqa: PLC0415
    from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

    from kasauti.linter.engines.browser import HEADLESS_FLAGS, find_chromedriver, find_chromium  # noqa: PLC0415

    profile = tempfile.mkdtemp(prefix="kasauti-weight-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = find_chromium()
    for flag in (*HEADLESS_FLAGS, *extra_flags, f"--window-size={width},{height}", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = Service(executable_path=find_chromedriver(), log_output=subprocess.DEVNULL,
                      popen_kw={"start_new_session": True})
    driver = webdriver.Chrome(service=service, options=options)
    try:
        driver.set_script_timeout(60)
        yield driver
    finally:
        try:
            driver.quit()
        finally:
            try:
                os.killpg(service.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError, AttributeError):
                pass
            shutil.rmtree(profile, ignore_errors=True)


def tab_requests(driver) -> list[str]:
    """URLs of every request the tab made so far (Network.requestWillBeSent), in order."""
    import json  # noqa: PLC0415

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def rerun_slowdown(report: dict) -> float:
    """The CPU slowdown for re-running a Lighthouse performance test that fell short: the one Lighthouse's
    calculator gives for this host (so a slow CI runner emulates the same phone), never above the default 4x
    (a fast host is not made stricter than users' own runs)."""
    from kasauti.linter.engines import lighthouse  # noqa: PLC0415

    return min(4.0, lighthouse.calibrated_cpu_slowdown(report["environment"]["benchmarkIndex"]))


def wait_for_quiet(threshold: float = 0.5, max_wait: float = 60.0, sample: float = 1.0) -> float:
    """Wait (at most `max_wait` s) until fewer than `threshold` cores were busy over a `sample`-second CPU
    sample; returns the busy cores of the last sample. Lighthouse's performance score is CPU time x 4 on a
    shared machine: a run on a busy one measures the neighbours. (Not the load average: its one-minute decay
    keeps it high for a minute after the previous test's browser has gone, which made every run wait.)"""
    import time  # noqa: PLC0415

    import psutil  # noqa: PLC0415

    deadline = time.monotonic() + max_wait
    while True:
        busy = psutil.cpu_percent(interval=sample) / 100 * (psutil.cpu_count() or 1)
        if busy < threshold or time.monotonic() >= deadline:
            return busy
