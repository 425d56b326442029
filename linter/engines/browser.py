"""Long-lived headless Chromium sessions driven by Selenium, and the pool that shares pages between them.

A session is one chromedriver plus the Chromium it launched, started in a process group of their own so that a
hung or crashed browser can always be killed as a whole (`os.killpg`), without touching any other Chromium on
the machine. Sessions are recycled after a number of pages or when the browser's memory passes a cap, because
a browser that has rendered hundreds of pages keeps growing.

The pool gives every URL exactly one result, whatever happens to the browsers: a page that exceeds its time
budget is recorded as "timeout" (its session is replaced, since a page whose script never yields leaves the
renderer unusable), and a page whose browser crashed is retried once in a fresh session before it is recorded
as "browser-crashed". A watchdog kills a session whose command is still blocked after the page budget, so no
hang in Chromium or chromedriver can stall an audit.

Chromium and chromedriver are found on PATH (Debian's /usr/bin/chromium and /usr/bin/chromedriver) or taken
from KASAUTI_CHROMIUM and KASAUTI_CHROMEDRIVER. Selenium Manager is never used: it would download browsers.
"""
from __future__ import annotations

import logging
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Callable, Generic, Iterable, Iterator, TypeVar

log = logging.getLogger("kasauti.browser")

CHROMIUM_ENV = "KASAUTI_CHROMIUM"
CHROMEDRIVER_ENV = "KASAUTI_CHROMEDRIVER"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
CHROMEDRIVER_NAMES = ("chromedriver",)

# Flags for a quiet, isolated headless browser on a CI machine (see the project brief).
HEADLESS_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
    "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--disable-features=Translate,MediaRouter",
    "--autoplay-policy=no-user-gesture-required",
)
WINDOW = (1280, 1024)  # CSS px; the desktop viewport WCAG reflow and resize checks start from

TIMEOUT = "timeout"
CRASHED = "browser-crashed"
UNAVAILABLE = "browser-unavailable"
PAGE_ERROR = "page-error"
ENGINE_ERROR = "engine-error"  # Kasauti's own code failed on the page (a bug to report), not the browser
START_FAILURES = 3  # consecutive failed browser starts after which a worker stops trying
WATCHDOG_GRACE = 5.0  # seconds past the page budget before a still-blocked session is killed


class BrowserError(Exception):
    """The browser could not be started (missing binary, version mismatch, no memory)."""


class PageTimeout(Exception):
    """The page did not load or finish its checks within its time budget."""


class PageError(Exception):
    """The page itself made the audit fail (a script error in the page, a result that cannot be read); the
    browser is still usable, so the page is recorded as "page-error" without a restart or a retry."""


def _executable(env_name: str, names: Iterable[str]) -> tuple[str | None, str]:
    """(path or None, where it was looked for). An environment override is used as given, never second-guessed."""
    override = os.environ.get(env_name)
    if override:
        ok = os.path.isfile(override) and os.access(override, os.X_OK)
        return (override if ok else None), f"{env_name}={override}"
    for name in names:
        found = shutil.which(name)
        if found:
            return found, "PATH"
    return None, f"PATH (looked for {', '.join(names)}; set {env_name} to its path)"


def find_chromium() -> str | None:
    return _executable(CHROMIUM_ENV, CHROMIUM_NAMES)[0]


def find_chromedriver() -> str | None:
    return _executable(CHROMEDRIVER_ENV, CHROMEDRIVER_NAMES)[0]


def check_browser() -> list[str]:
    """Human-readable problems that stop a browser session from starting; empty when Chromium can run."""
    problems = []
    for what, env_name, names, package in (
        ("Chromium", CHROMIUM_ENV, CHROMIUM_NAMES, "chromium"),
        ("chromedriver", CHROMEDRIVER_ENV, CHROMEDRIVER_NAMES, "chromium-driver"),
    ):
        path, where = _executable(env_name, names)
        if path is None:
            problems.append(f"{what} not found ({where}); on Debian/Ubuntu: apt-get install {package}")
    try:
        import selenium  # noqa: F401, PLC0415
    except ImportError:
        problems.append("the Python package selenium is not installed (pip install selenium)")
    return problems


@dataclass
class SessionSettings:
    page_timeout: float = 30.0  # seconds for load + checks of one page
    recycle_after: int = 50  # pages per browser before it is replaced
    memory_cap_mb: int = 1500  # resident memory of chromedriver + Chromium before it is replaced
    window: tuple[int, int] = WINDOW
    extra_flags: tuple[str, ...] = ()


class BrowserSession:
    """One chromedriver + Chromium, in a process group of its own, with its own throw-away profile."""

    def __init__(self, settings: SessionSettings):
        self.settings = settings
        self.driver = None
        self.pages = 0
        self.killed = threading.Event()  # set when the watchdog or a crash handler killed the processes
        self._profile: str | None = None
        self._pgid: int | None = None

    # ---- life cycle ------------------------------------------------------------------------------------
    def start(self) -> "BrowserSession":
        from selenium import webdriver  # noqa: PLC0415 - optional dependency, imported when a browser is used
        from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

        problems = check_browser()
        if problems:
            raise BrowserError("; ".join(problems))
        self._profile = tempfile.mkdtemp(prefix="kasauti-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = find_chromium()
        for flag in (*HEADLESS_FLAGS, *self.settings.extra_flags):
            options.add_argument(flag)
        width, height = self.settings.window
        options.add_argument(f"--window-size={width},{height}")
        options.add_argument(f"--user-data-dir={self._profile}")
        # Dialogs (alert, beforeunload) would block every later command on this tab.
        options.unhandled_prompt_behavior = "dismiss"
        options.page_load_strategy = "normal"
        # A session of its own: chromedriver and the Chromium it launches share a process group we can kill.
        service = Service(executable_path=find_chromedriver(), log_output=subprocess_devnull(),
                          popen_kw={"start_new_session": True})
        try:
            self.driver = webdriver.Chrome(service=service, options=options)
        except Exception as exc:  # noqa: BLE001 - selenium raises many kinds; all mean "could not start"
            self._pgid = getattr(getattr(service, "process", None), "pid", None)
            self.kill()
            raise BrowserError(f"could not start Chromium: {_first_line(exc)}") from exc
        self._pgid = service.process.pid
        self.driver.set_page_load_timeout(self.settings.page_timeout)
        self.driver.set_script_timeout(self.settings.page_timeout)
        return self

    def close(self) -> None:
        """Quit politely when the browser still answers, then make sure every process is gone."""
        driver, self.driver = self.driver, None
        if driver is not None and not self.killed.is_set():
            done = threading.Event()

            def quit_driver():
                try:
                    driver.quit()
                except Exception:  # noqa: BLE001 - a dead browser cannot be quit; killed below
                    pass
                done.set()

            threading.Thread(target=quit_driver, daemon=True).start()
            done.wait(5)
        self.kill()

    def kill(self) -> None:
        """Kill chromedriver, Chromium and every helper they started; safe to call twice, from any thread."""
        self.killed.set()
        pgid = self._pgid
        if pgid:
            pids = _tree_pids(pgid)
            try:
                os.killpg(pgid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            for pid in pids:  # children that left the group (zygotes may call setsid)
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            try:
                os.waitpid(pgid, os.WNOHANG)
            except ChildProcessError:
                pass
        if self._profile:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None

    @property
    def alive(self) -> bool:
        return self.driver is not None and not self.killed.is_set()

    @property
    def process_group(self) -> int | None:
        return self._pgid

    def memory_mb(self) -> float:
        """Resident memory of chromedriver, Chromium and its helpers, in MiB (shared pages counted per process,
        so this overestimates; good enough for a cap)."""
        import psutil  # noqa: PLC0415

        total = 0
        for pid in _tree_pids(self._pgid or 0):
            try:
                total += psutil.Process(pid).memory_info().rss
            except psutil.Error:
                pass
        return total / 2**20

    def worn_out(self) -> bool:
        if self.pages >= self.settings.recycle_after:
            return True
        return self.settings.memory_cap_mb > 0 and self.memory_mb() > self.settings.memory_cap_mb

    # ---- page commands ---------------------------------------------------------------------------------
    def cdp(self, command: str, params: dict | None = None):
        return self.driver.execute_cdp_cmd(command, params or {})


def subprocess_devnull():
    import subprocess  # noqa: PLC0415

    return subprocess.DEVNULL


def _tree_pids(root: int) -> list[int]:
    if not root:
        return []
    import psutil  # noqa: PLC0415

    try:
        proc = psutil.Process(root)
        return [root, *(c.pid for c in proc.children(recursive=True))]
    except psutil.Error:
        return []


def _is_browser_failure(exc: BaseException) -> bool:
    """An error from the browser or the connection to it (WebDriver, HTTP to chromedriver, sockets), rather than
    from Kasauti's own code."""
    import http.client  # noqa: PLC0415

    from selenium.common.exceptions import WebDriverException  # noqa: PLC0415
    from urllib3.exceptions import HTTPError as Urllib3Error  # noqa: PLC0415

    return isinstance(exc, (WebDriverException, Urllib3Error, http.client.HTTPException, OSError, EOFError))


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "msg", None) or exc).strip()
    return (text.splitlines() or [type(exc).__name__])[0][:300]


def _drain(todo: queue.Queue) -> list[str]:
    items = []
    while True:
        try:
            items.append(todo.get_nowait())
        except queue.Empty:
            return items


# ---- the pool -----------------------------------------------------------------------------------------
T = TypeVar("T")
PageJob = Callable[[BrowserSession, str, float], T]  # (session, url, deadline) -> result; raises on failure


@dataclass
class PageOutcome(Generic[T]):
    url: str
    result: T | None
    error: str | None  # None, "timeout", "browser-crashed", "browser-unavailable", "page-error"
    detail: str = ""
    seconds: float = 0.0
    attempts: int = 1


class BrowserPool:
    """`concurrency` worker threads, each owning one BrowserSession; every URL given gets one PageOutcome.

    `job(session, url, deadline)` does the page work; it raises PageTimeout when the page overruns its budget
    and anything else when the browser failed. Results are yielded in completion order.
    """

    def __init__(self, settings: SessionSettings, concurrency: int = 2, *, on_event: Callable | None = None,
                 session_factory: Callable[[SessionSettings], BrowserSession] = BrowserSession):
        self.settings = settings
        self.concurrency = max(1, concurrency)
        self.on_event = on_event or (lambda *a, **k: None)
        self.session_factory = session_factory
        self.sessions: list[BrowserSession | None] = [None] * self.concurrency  # visible for tests and monitoring
        self.restarts = 0
        self.recycles = 0
        self.unavailable_detail = ""
        self._lock = threading.Lock()

    def run(self, urls: Iterable[str], job: PageJob) -> Iterator[PageOutcome]:
        todo: queue.Queue = queue.Queue()
        count = 0
        for url in urls:
            todo.put(url)
            count += 1
        if not count:
            return
        results: queue.Queue = queue.Queue()
        stop = threading.Event()
        self._inflight = [None] * self.concurrency
        workers = [threading.Thread(target=self._worker, args=(i, todo, results, job, stop), daemon=True,
                                    name=f"kasauti-browser-{i}") for i in range(min(self.concurrency, count))]
        for worker in workers:
            worker.start()
        try:
            delivered = 0
            while delivered < count:
                try:
                    outcome = results.get(timeout=1.0)
                except queue.Empty:
                    if any(worker.is_alive() for worker in workers):
                        continue
                    # Every worker is gone (only an exception that is not an Exception gets here): whatever is
                    # still queued or was in a worker's hands gets a result, so no page is lost.
                    for url in [u for u in self._inflight if u is not None] + _drain(todo):
                        results.put(PageOutcome(url, None, CRASHED, "browser worker stopped"))
                    self._inflight = [None] * self.concurrency
                    if results.empty():
                        return
                    continue
                delivered += 1
                yield outcome
        finally:
            stop.set()  # the consumer stopped early or we are done: let workers finish and close browsers
            for worker in workers:
                worker.join(timeout=self.settings.page_timeout + 15)

    # ---- one worker --------------------------------------------------------------------------------------
    def _worker(self, slot: int, todo: queue.Queue, results: queue.Queue, job: PageJob,
                stop: threading.Event) -> None:
        session: BrowserSession | None = None
        start_failures = 0
        try:
            while True:
                try:
                    url = todo.get_nowait()
                except queue.Empty:
                    return
                if stop.is_set():  # the consumer went away: drain without work
                    continue
                self._inflight[slot] = url
                started = time.monotonic()
                try:
                    outcome, session, start_failures = self._audit_one(slot, session, url, job, start_failures)
                except Exception as exc:  # noqa: BLE001 - a bug here must cost one page, never the audit
                    log.exception("browser worker failed on %s", url)
                    if session is not None:
                        session.kill()
                    session = None
                    outcome = PageOutcome(url, None, CRASHED, f"internal error: {_first_line(exc)}",
                                          time.monotonic() - started)
                results.put(outcome)
                self._inflight[slot] = None
        finally:
            if session is not None:
                session.close()
            self.sessions[slot] = None

    def _ensure(self, slot: int, session: BrowserSession | None) -> BrowserSession:
        if session is not None and session.alive and not session.worn_out():
            return session
        if session is not None:
            recycled = session.alive
            with self._lock:
                if recycled:
                    self.recycles += 1
                else:
                    self.restarts += 1
            self.on_event("browser-recycle" if recycled else "browser-restart", slot=slot, pages=session.pages)
            session.close()
            self.sessions[slot] = None
        session = self.session_factory(self.settings)
        self.sessions[slot] = session  # visible (with its process group) while it starts, so it can be killed
        return session.start()

    def _audit_one(self, slot: int, session: BrowserSession | None, url: str, job: PageJob, start_failures: int):
        started = time.monotonic()
        attempts = 0
        last_detail = ""
        last_error = CRASHED
        while attempts < 2:  # one retry in a fresh browser after a crash
            if start_failures >= START_FAILURES:  # this machine cannot start browsers: say so, do not keep trying
                return PageOutcome(url, None, UNAVAILABLE, self.unavailable_detail or last_detail,
                                   time.monotonic() - started, attempts), None, start_failures
            attempts += 1
            try:
                session = self._ensure(slot, session)
            except BrowserError as exc:
                start_failures += 1
                session = None
                self.sessions[slot] = None
                last_detail, last_error = str(exc), UNAVAILABLE
                if start_failures >= START_FAILURES:
                    self.unavailable_detail = last_detail
                continue
            start_failures = 0
            last_error = CRASHED
            deadline = time.monotonic() + self.settings.page_timeout
            watchdog = threading.Timer(self.settings.page_timeout + WATCHDOG_GRACE, session.kill)
            watchdog.daemon = True
            watchdog.start()
            try:
                result = job(session, url, deadline)
                session.pages += 1
                return PageOutcome(url, result, None, "", time.monotonic() - started, attempts), session, 0
            except PageTimeout as exc:
                session.kill()  # the renderer may still be spinning in the page's script
                return PageOutcome(url, None, TIMEOUT, str(exc), time.monotonic() - started, attempts), session, 0
            except PageError as exc:  # the page broke the audit script; the browser is fine
                session.pages += 1
                return PageOutcome(url, None, PAGE_ERROR, str(exc), time.monotonic() - started, attempts), \
                    session, 0
            except Exception as exc:  # noqa: BLE001 - any failure of the browser: restart it and retry once
                timed_out = session.killed.is_set() and time.monotonic() >= deadline
                session.kill()
                if timed_out:  # the watchdog fired: the page hung the browser
                    return PageOutcome(url, None, TIMEOUT, "browser stopped answering", time.monotonic() - started,
                                       attempts), session, 0
                if not _is_browser_failure(exc):
                    # A bug in the job's own code: retrying would fail the same way, and "browser-crashed" would
                    # send the user looking at Chromium. The browser is restarted all the same (its state is
                    # unknown after a half-run check).
                    log.error("Kasauti failed on %s", url, exc_info=exc)
                    return PageOutcome(url, None, ENGINE_ERROR, f"{type(exc).__name__}: {_first_line(exc)}",
                                       time.monotonic() - started, attempts), session, 0
                last_detail = _first_line(exc)
                log.info("browser failed on %s (%s); restarting", url, last_detail)
            finally:
                watchdog.cancel()
        return PageOutcome(url, None, last_error, last_detail, time.monotonic() - started, attempts), session, \
            start_failures
