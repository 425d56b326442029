"""One long-lived Chromium per worker process, shared by every site that process audits.

The engines' BrowserPool starts a session per pool and closes it when its pages are done. A fleet worker audits
site after site, so starting Chromium for each (about a second, and a burst of memory) would be wasted: the
session factory here hands the pool this process's parked session, and the session's `close()` parks it again
instead of quitting, unless the browser has died or is worn out (recycled after `recycle_after` pages or past its
memory cap, as BrowserSession decides). The worker process closes it for real when it exits
(`shutdown_browser`, wired to Celery's worker_process_shutdown and atexit).
"""
from __future__ import annotations

import atexit
import threading

from ..engines import browser as browsers

_lock = threading.Lock()
_session: "ParkedSession | None" = None
started = 0  # sessions started by this process (tests and monitoring read it)


class ParkedSession(browsers.BrowserSession):
    def start(self) -> "ParkedSession":
        global started
        if self.driver is not None and self.alive:
            return self
        super().start()
        started += 1
        return self

    def close(self) -> None:
        if self.alive and not self.worn_out():
            return  # parked for the next site
        self.really_close()

    def really_close(self) -> None:
        global _session
        super().close()
        with _lock:
            if _session is self:
                _session = None


def worker_session_factory(settings: browsers.SessionSettings) -> ParkedSession:
    """The pool's session_factory: this process's live session, or a new one (the pool calls .start())."""
    global _session
    with _lock:
        session = _session
        if session is None or not session.alive or session.worn_out():
            if session is not None:
                threading.Thread(target=session.really_close, daemon=True).start()
            session = _session = ParkedSession(settings)
        return session


def current_session() -> ParkedSession | None:
    return _session


def shutdown_browser(*_args, **_kwargs) -> None:
    session = _session
    if session is not None:
        session.really_close()


atexit.register(shutdown_browser)
