"""Browser helpers for the theme tests: serve a built site on 127.0.0.1 and drive headless Chromium.

Uses the linter's BrowserSession (Debian chromium + chromedriver, own process group and profile) and the
npm-pinned axe-core from node_modules.
"""
from __future__ import annotations

import functools
import http.server
import socketserver
import threading
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    requests: list | None = None

    def log_request(self, code="-", size="-"):
        if self.requests is not None:  # every request the browser made, workers included
            self.requests.append((self.path, int(code) if str(code).isdigit() else code))

    def log_message(self, *args):  # keep test output readable
        pass


@contextmanager
def serve(folder: Path, requests: list | None = None):
    """Serve `folder` on 127.0.0.1 (random port) in a thread; yields the base URL ending in '/'.
    When `requests` is a list, (path, status) of every request is appended to it."""
    handler_class = type("Handler", (_QuietHandler,), {"requests": requests})
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
def chromium(width: int = 1280, height: int = 900):
    from kasauti.linter.engines.browser import BrowserSession, SessionSettings  # noqa: PLC0415

    session = BrowserSession(SessionSettings(window=(width, height), page_timeout=60)).start()
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
