"""The axe engine: axe-core in headless Chromium (Selenium), plus the browser-only checks axe lacks.

For every page: load it in a long-lived browser session (see browser.py), run the npm-pinned axe-core through
axe-selenium-python's `Axe` (axe-core and browser_checks.js are registered once per browser with
`Page.addScriptToEvaluateOnNewDocument`, so every page and same-process frame already has them; frames that lack
axe, such as cross-site frames in their own renderer, are injected through Selenium; axe.run and the cut of its
results are one round trip), then run Kasauti's own checks that need layout and a keyboard: reflow
at 320 CSS px (BRW001), text clipped at 200% zoom (BRW002), focus not visible (BRW003), keyboard traps (BRW004),
orientation locked by CSS rotation (BRW005), and the contrast of text over background images and gradients that
axe leaves for review, measured on a screenshot (BRW006).

axe results become Findings: one per node for violations and needs-review (axe "incomplete"), one per rule for
passes and inapplicable rules when asked for. The selector is the same kind of path the static engine writes,
so a problem found by both engines is merged (`merge_findings`) rather than counted twice, and a static
violation that axe's equivalent rule contradicts becomes needs-review.

A page never takes the audit down with it: a page over its time budget is "timeout", a browser that crashed
is restarted and the page retried once ("browser-crashed" if that fails too), and a page whose own scripts break
axe is "page-error"; an exception in Kasauti's own code is "engine-error", not retried (see browser.BrowserPool).
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import subprocess
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping
from urllib.parse import urlsplit

from ..fingerprint import fingerprint, normalise_path
from ..html import _GENERATED_CLASS, collapse
from ..model import Finding, Outcome
from . import browser as browsers
from .axe_gigw import gigw_for_rule, wcag_from_tags
from .equivalents import equivalents

log = logging.getLogger("kasauti.axe")

AXE_SCRIPT_ENV = "KASAUTI_AXE_SCRIPT"
AXE_RELATIVE = Path("node_modules") / "axe-core" / "axe.min.js"
CHECKS_JS = Path(__file__).with_name("browser_checks.js")
SNIPPET_MAX = 300
FRAME_PING_MS = 2000  # how long axe waits for a frame's copy of axe to answer
FRAME_SEPARATOR = " >>> "  # between the frame's selector and the selector inside it
KEYBOARD_STOPS = 150  # tab stops walked per page (the keyboard checks cover the first ones)
TRAP_STEPS = 60  # most single Tab presses in the slow walk that confirms a suspected trap
CONTRAST_KEYS = ("bgImage", "bgGradient")  # axe's reasons for "needs review" that a screenshot can settle
CONTRAST_NODES = 10  # elements measured per page
CONTRAST_CHARS = 300  # characters measured per element
CONTRAST_PIXELS = 400_000  # largest screenshot clip measured (CSS px^2)
QUARTER_TURN_TOLERANCE = 3.0  # degrees: a rotation this close to 90 or 270 between orientations is a lock
SETTLE = 0.06  # seconds for page scripts (blur/focus handlers with timers) to react to a key press


@dataclass
class AxeOptions:
    concurrency: int = 2  # browsers at once
    page_timeout: float = 30.0  # seconds per page: load + axe + browser checks
    recycle_after: int = 50  # pages per browser before it is replaced
    memory_cap_mb: int = 1500  # browser memory (MiB, chromedriver + Chromium) before it is replaced
    run_only: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
    include_passes: bool = False  # also report passed and inapplicable axe rules (one finding per rule)
    browser_checks: bool = True  # reflow / text resize / focus visible / keyboard trap (BRW001-BRW004)
    optimizing_jit: bool = False  # let V8 optimise scripts (only for pages whose own scripts are slow without it)


# V8 compiles hot functions with its optimising compilers (Maglev, TurboFan) on background threads. In an audit
# every document lives for one axe run and a few checks, so that work is thrown away with the page: without it
# Chromium uses ~20% less CPU per page and axe.run is no slower (bench/axe_stages.py). Bytecode and the Sparkplug
# baseline compiler still run. Only the axe engine's browsers get this; Lighthouse measures pages as users get them.
NO_OPTIMIZING_JIT = ("--js-flags=--no-opt --no-maglev",)


def session_settings(options: AxeOptions) -> browsers.SessionSettings:
    """Settings of the axe engine's browser sessions (kasauti audit and the fleet's browser stage)."""
    return browsers.SessionSettings(page_timeout=options.page_timeout, recycle_after=options.recycle_after,
                                    memory_cap_mb=options.memory_cap_mb,
                                    extra_flags=() if options.optimizing_jit else NO_OPTIMIZING_JIT)


def axe_options_from(config: dict | None, concurrency: int | None = None) -> AxeOptions:
    """AxeOptions from the `[axe]` table of kasauti.toml (`[tool.kasauti.axe]`); keys with dashes or
    underscores, unknown keys and wrong types are errors (ValueError). `concurrency` (--concurrency) wins."""
    values = _options_from(AxeOptions, config or {}, "axe", aliases={"tags": "run_only"})
    if "run_only" in values:
        values["run_only"] = tuple(values["run_only"])
    if concurrency:
        values["concurrency"] = concurrency
    options = AxeOptions(**values)
    if options.concurrency < 1 or options.page_timeout <= 0 or options.recycle_after < 1:
        raise ValueError("axe: concurrency and recycle_after must be at least 1 and page_timeout above 0")
    return options


def _options_from(cls, config: dict, table: str, aliases: dict | None = None, skip: tuple = ()) -> dict:
    import dataclasses  # noqa: PLC0415

    fields = {f.name: f for f in dataclasses.fields(cls)}
    defaults = cls()
    values = {}
    for key, value in config.items():
        name = key.replace("-", "_")
        name = (aliases or {}).get(name, name)
        if name in skip:
            continue
        if name not in fields:
            raise ValueError(f"[{table}]: unknown key {key!r} (known: {', '.join(sorted(fields))})")
        default = getattr(defaults, name)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, (int, float)):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        elif isinstance(default, tuple):
            ok = isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
        else:
            ok = isinstance(value, type(default))
        if not ok:
            raise ValueError(f"[{table}]: {key} = {value!r} has the wrong type (expected like {default!r})")
        values[name] = value
    return values


# ---- environment ----------------------------------------------------------------------------------------
def find_axe_script() -> Path | None:
    """axe.min.js of the npm-pinned axe-core: $KASAUTI_AXE_SCRIPT, else node_modules/ in the current folder or
    any parent of it or of this package (an editable install sits in the repository)."""
    override = os.environ.get(AXE_SCRIPT_ENV)
    if override:
        return Path(override) if Path(override).is_file() else None
    starts = [Path.cwd().resolve(), Path(__file__).resolve().parent]
    for start in starts:
        for folder in (start, *start.parents):
            candidate = folder / AXE_RELATIVE
            if candidate.is_file():
                return candidate
    return None


def check_environment() -> list[str]:
    """Human-readable problems that stop the axe engine (no Chromium, no chromedriver, no axe-core); empty when OK."""
    problems = browsers.check_browser()
    try:
        import axe_selenium_python  # noqa: F401, PLC0415
    except ImportError:
        problems.append("the Python package axe-selenium-python is not installed (pip install axe-selenium-python)")
    if find_axe_script() is None:
        where = os.environ.get(AXE_SCRIPT_ENV)
        problems.append(f"axe-core not found at {AXE_SCRIPT_ENV}={where}" if where else
                        f"axe-core not found ({AXE_RELATIVE} in this folder or a parent); run `npm ci` in the "
                        f"Kasauti checkout or set {AXE_SCRIPT_ENV}")
    return problems


def axe_version() -> str:
    script = find_axe_script()
    if script is None:
        return ""
    package = script.parent / "package.json"
    try:
        return json.loads(package.read_text("utf-8")).get("version", "")
    except (OSError, ValueError):
        return ""


def axe_rule_metadata() -> dict[str, list[str]]:
    """{rule id: tags} of every rule in the pinned axe-core, read with node (`axe.getRules()`)."""
    script = find_axe_script()
    if script is None:
        raise RuntimeError("axe-core not found; run npm ci")
    code = ("const axe = require(process.argv[1]);"
            "process.stdout.write(JSON.stringify(Object.fromEntries(axe.getRules().map(r => [r.ruleId, r.tags]))));")
    from .lighthouse import find_node  # noqa: PLC0415

    node = find_node()
    if node is None:
        raise RuntimeError("node not found (set KASAUTI_NODE or put node on PATH)")
    out = subprocess.run([node, "-e", code, str(script.parent)], capture_output=True, text=True, timeout=60,
                         check=True)
    return json.loads(out.stdout)


@lru_cache(maxsize=4)
def _read(path: str) -> str:
    return Path(path).read_text("utf-8")


# axe-core talks to the copies of itself in frames through postMessage, and by default only with frames of the
# page's own origin; a cross-site frame (a map, a video, a form on another government domain) would stay
# "frame-tested: needs review". Every copy Kasauti injects accepts every origin.
_AXE_CONFIGURE = ";\nif (window.axe && axe.configure) { axe.configure({allowedOrigins: ['<unsafe_all_origins>']}); }\n"


@lru_cache(maxsize=4)
def _axe_source(path: str) -> str:
    return _read(path) + _AXE_CONFIGURE


# ---- the bridge -----------------------------------------------------------------------------------------
# arguments: axe options, whether to hand back to Python when the page has frames (they may lack axe).
_RUN_AXE = (
    "var done = arguments[arguments.length - 1], options = arguments[0], checkFrames = arguments[1];"
    "if (typeof axe === 'undefined' || (checkFrames && window.frames.length)) { done({__kasauti_inject: true}); return; }"
    "if (window.__kasauti && window.__kasauti.axeRun) { window.__kasauti.axeRun(options, done); return; }"
    "axe.run(document, options).then(function (r) { done(r); },"
    " function (e) { done({__kasauti_error: String((e && e.message) || e)}); });")


def _axe_class():
    from axe_selenium_python import Axe  # noqa: PLC0415 - optional dependency

    class PinnedAxe(Axe):
        """axe-selenium-python's Axe with the pinned script read once and registered once per browser."""

        def __init__(self, session: browsers.BrowserSession, script_url: str):
            super().__init__(session.driver, script_url=script_url)
            self.session = session

        def register(self) -> None:
            """Have Chromium evaluate axe-core and the browser checks in every new document (pages and
            same-process frames), so that a page needs no injection round trips."""
            self.session.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": _axe_source(self.script_url)})
            self.session.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": _read(str(CHECKS_JS))})
            # Pages behave as if their window had focus even while another browser's has it: focus events fire
            # and the keyboard checks see what a user would.
            self.session.cdp("Emulation.setFocusEmulationEnabled", {"enabled": True})

        def inject(self) -> None:
            """Inject axe-core into the current document and, through Selenium, every frame that lacks it."""
            self._inject_here(depth=0)

        def _inject_here(self, depth: int) -> None:
            driver = self.selenium
            frames = driver.execute_script(
                "if (typeof axe === 'undefined') { return -1; } return window.frames.length;")
            if frames == -1:
                driver.execute_script(_axe_source(self.script_url))
                frames = driver.execute_script("return window.frames.length;")
            if depth >= 3:
                return
            for index in range(min(frames or 0, 20)):
                try:
                    driver.switch_to.frame(index)
                except Exception:  # noqa: BLE001 - a frame that went away or is not a document
                    continue
                try:
                    self._inject_here(depth + 1)
                except Exception as exc:  # noqa: BLE001 - an unreachable frame is left to axe's frame-tested
                    log.debug("could not inject axe into a frame: %s", exc)
                finally:
                    driver.switch_to.parent_frame()

        def run(self, options: dict) -> dict:
            """axe.run through Selenium in one round trip on a page without frames (axe and the browser checks
            are already there); a page with frames, or one that lost axe, is injected first. The checks script
            cuts the results to what Kasauti reads and adds `path`s (see axeRun in browser_checks.js); when it is
            missing the full results come back. A rejected axe.run (an axe error on a hostile page) is PageError
            at once, not a callback left uncalled until the script timeout."""
            result = self.selenium.execute_async_script(_RUN_AXE, options, True)
            if isinstance(result, dict) and result.get("__kasauti_inject"):
                self.inject()
                result = self.selenium.execute_async_script(_RUN_AXE, options, False)
            if not isinstance(result, dict):
                raise browsers.PageError(f"axe-core returned no result ({type(result).__name__})")
            if "__kasauti_error" in result:
                raise browsers.PageError(f"axe-core failed on this page: {result['__kasauti_error'][:300]}")
            if result.get("__kasauti_inject"):
                raise browsers.PageError("axe-core could not be injected into this page")
            return result

    return PinnedAxe


def axe_run_options(options: AxeOptions) -> dict:
    result_types = None if options.include_passes else ["violations", "incomplete"]
    run = {
        "runOnly": {"type": "tag", "values": list(options.run_only)},
        "iframes": True,
        # axe pings each frame and gives up on it after 500 ms by default; a cross-site frame answers from its own
        # renderer process, which on a busy two-core CI machine can take longer (it was then "frame-tested").
        "pingWaitTime": FRAME_PING_MS,
        "elementRef": False,
        "selectors": True,
        "ancestry": False,
        "xpath": False,
        "performanceTimer": False,
    }
    if result_types:
        # axe still lists every passed/inapplicable rule, with at most one node each: much less to serialise.
        run["resultTypes"] = result_types
    if "experimental" not in options.run_only:
        # axe preloads the page's CSSOM (re-reading every style sheet into a scratch document) whenever a rule
        # that preloads runs; no-autoplay-audio, in wcag2a, always does, yet only needs media. The one rule that
        # reads the CSSOM, css-orientation-lock, is experimental (BRW005 checks orientation instead).
        run["preload"] = {"assets": ["media"]}
    return run


# ---- the engine -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AxePage:
    """What the axe engine found on one page. `error` is None, "timeout", "browser-crashed",
    "browser-unavailable", "page-error" or "engine-error" (a bug in Kasauti's checks); then `findings` is empty
    and `detail` says why. `axe_rules` are the axe rules that ran on the page (whatever their outcome), so that
    a merge can tell "axe found nothing" from "axe did not look"."""

    url: str
    findings: list[Finding]
    error: str | None = None
    detail: str = ""
    seconds: float = 0.0
    axe_rules: frozenset[str] = frozenset()
    attempts: int = 1  # 2 when the browser crashed on the first try and the page was retried in a fresh one


@dataclass(frozen=True)
class _PageWork:
    findings: list[Finding]
    axe_rules: frozenset[str]


def audit_urls(urls: Iterable[str], options: AxeOptions, *, locale: str = "en",
               on_event: Callable | None = None, throttle=None) -> Iterator[AxePage]:
    """Audit every URL in a pool of browsers; yields one AxePage for each URL given, in completion order, whatever
    happens to the page or the browsers. With `throttle` (a crawl.HostThrottle) the browsers load pages of one
    host one at a time, spaced as the crawler spaces its requests; axe and the checks still run side by side."""
    on_event = on_event or (lambda *a, **k: None)
    script = find_axe_script()
    if script is None:
        raise RuntimeError("; ".join(check_environment()) or "axe-core not found")
    pool = browsers.BrowserPool(session_settings(options), options.concurrency, on_event=on_event)
    job = PageAudit(str(script), options, locale, throttle)
    for outcome in pool.run(urls, job):
        on_event("browser-audited", url=outcome.url, seconds=round(outcome.seconds, 3), error=outcome.error)
        if outcome.error:
            log.warning("axe: %s on %s (%s)", outcome.error, outcome.url, outcome.detail)
        work = outcome.result
        yield AxePage(outcome.url, list(work.findings) if work else [], outcome.error, outcome.detail,
                      outcome.seconds, work.axe_rules if work else frozenset(), outcome.attempts)


class PageAudit:
    """The work done on one page in one browser session: axe, then the browser checks."""

    def __init__(self, script: str, options: AxeOptions, locale: str, throttle=None):
        self.script = script
        self.options = options
        self.locale = locale
        self.throttle = throttle  # crawl.HostThrottle for live sites: page loads are requests to the host too
        self.run_options = axe_run_options(options)
        self.axe_class = _axe_class()

    def __call__(self, session: browsers.BrowserSession, url: str, deadline: float) -> _PageWork:
        from selenium.common.exceptions import JavascriptException, TimeoutException  # noqa: PLC0415

        try:
            return self._audit(session, url, deadline)
        except TimeoutException as exc:
            raise browsers.PageTimeout(f"page did not finish within {self.options.page_timeout:g} s") from exc
        except JavascriptException as exc:  # the page's own scripts broke axe's injection; the browser is fine
            raise browsers.PageError(f"script error in the page: {browsers._first_line(exc)}") from exc

    def _audit(self, session: browsers.BrowserSession, url: str, deadline: float) -> _PageWork:
        axe = getattr(session, "axe", None)
        if axe is None:
            axe = self.axe_class(session, self.script)
            axe.register()
            session.axe = axe
        driver = session.driver
        with self.throttle.slot(urlsplit(url).hostname or "") if self.throttle else contextlib.nullcontext():
            driver.get(url)
        _check_time(deadline)
        results = axe.run(self.run_options)
        _check_time(deadline)
        ran = frozenset(rule.get("id", "") for key in ("violations", "incomplete", "passes", "inapplicable")
                        for rule in results.get(key) or ())
        checks_loaded = bool(results.pop("__kasauti_checks", False)) or self._load_checks(driver)
        checks = BrowserChecks(session, url, self.locale, deadline) if self.options.browser_checks and \
            checks_loaded else None
        resolved = checks.contrast(results) if checks else []  # before the layout checks change the viewport
        findings = self._axe_findings(driver, url, results, checks_loaded) + resolved
        if checks:
            findings += checks.run()
        return _PageWork(findings, ran)

    @staticmethod
    def _load_checks(driver) -> bool:
        """Load browser_checks.js into the page; False (axe results are still kept) when the page prevents it."""
        from selenium.common.exceptions import JavascriptException  # noqa: PLC0415

        try:
            driver.execute_script(_read(str(CHECKS_JS)))
            return bool(driver.execute_script("return !!(window.__kasauti && window.__kasauti.paths);"))
        except JavascriptException as exc:
            log.info("could not load the browser checks: %s", browsers._first_line(exc))
            return False

    def _axe_findings(self, driver, url: str, results: dict, checks_loaded: bool = True) -> list[Finding]:
        findings: list[Finding] = []
        groups = (("violations", Outcome.VIOLATION.value), ("incomplete", Outcome.NEEDS_REVIEW.value))
        # Nodes from the checks script's axeRun carry their Kasauti path; full axe results need a round trip.
        targets = [node.get("target") or [] for key, _ in groups for rule in results.get(key) or []
                   for node in rule.get("nodes") or [] if "path" not in node]
        paths = []
        if targets and checks_loaded:
            try:
                paths = driver.execute_script("return window.__kasauti.paths(arguments[0]);", targets)
            except Exception as exc:  # noqa: BLE001 - fall back to axe's selectors
                log.debug("could not compute paths: %s", exc)
        paths = list(paths or [])
        position = 0
        for key, outcome in groups:
            for rule in results.get(key) or []:
                for node in rule.get("nodes") or []:
                    if "path" in node:
                        path = node["path"]
                    else:
                        path = paths[position] if position < len(paths) else None
                        position += 1
                    findings.append(axe_node_finding(rule, node, outcome, url, self.locale, path))
        if self.options.include_passes:
            for key, outcome in (("passes", Outcome.PASS.value), ("inapplicable", Outcome.INAPPLICABLE.value)):
                for rule in results.get(key) or []:
                    findings.append(axe_rule_finding(rule, outcome, url, self.locale))
        return findings


def _check_time(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise browsers.PageTimeout("page time budget used up")


# ---- axe results -> findings ------------------------------------------------------------------------------
_MESSAGES = {
    Outcome.VIOLATION.value: {"en": "{help}{detail}", "hi": "axe-core नियम \"{rule}\" का उल्लंघन: {help}{detail}"},
    Outcome.NEEDS_REVIEW.value: {"en": "Needs review: {help}{detail}",
                                 "hi": "जाँच आवश्यक (axe-core नियम \"{rule}\"): {help}{detail}"},
    Outcome.PASS.value: {"en": "Passed on {count} element(s): {help}",
                         "hi": "{count} तत्वों पर सफल (axe-core नियम \"{rule}\"): {help}"},
    Outcome.INAPPLICABLE.value: {"en": "Not applicable on this page: {help}",
                                 "hi": "इस पृष्ठ पर लागू नहीं (axe-core नियम \"{rule}\"): {help}"},
}


def _message(outcome: str, locale: str, **params) -> str:
    texts = _MESSAGES[outcome]
    return (texts.get(locale) or texts["en"]).format(**params)


def target_text(target) -> str:
    """axe's node target (a list of selectors, one per frame; a nested list for shadow DOM) as one string."""
    parts = []
    for item in target or ():
        parts.append(" >> ".join(item) if isinstance(item, list) else str(item))
    return FRAME_SEPARATOR.join(parts)


_INDEX_PSEUDO = re.compile(r":(nth-child|nth-of-type|nth-last-child|nth-last-of-type)\([^)]*\)|:(first|last|only)-"
                           r"(child|of-type)")
_CLASS = re.compile(r"\.((?:\\.|[\w-])+)")


def stable_selector(selector: str) -> str:
    """A selector that survives cosmetic change: sibling positions and generated class names removed."""
    selector = _INDEX_PSEUDO.sub("", selector or "")

    def keep_class(match: re.Match) -> str:
        name = match.group(1).replace("\\", "")
        return "" if _GENERATED_CLASS.search(name) else match.group(0)

    selector = _CLASS.sub(keep_class, selector)
    return collapse(re.sub(r"\s*>\s*", " > ", selector))


_ATTR = re.compile(r"\b(src|href|name|for|data|action)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_TAGS = re.compile(r"<[^>]*>")


def node_identity(html: str) -> str:
    """What identifies an element's content for fingerprints: its src/href/... or its text (as the static
    engine's Document.identity does)."""
    start = (html or "").split(">", 1)[0]
    match = _ATTR.search(start)
    if match:
        return f"{match.group(1).lower()}={match.group(2).strip(chr(34) + chr(39)).strip()[:200]}"
    return collapse(_TAGS.sub(" ", html or ""))[:200]


def _summary(node: dict) -> str:
    text = node.get("failureSummary") or ""
    lines = [collapse(line) for line in text.splitlines()[1:] if collapse(line)]
    return ("; ".join(lines))[:300]


def axe_node_finding(rule: dict, node: dict, outcome: str, url: str, locale: str = "en",
                     path: str | None = None) -> Finding:
    rule_id = rule.get("id", "")
    tags = rule.get("tags") or []
    axe_selector = target_text(node.get("target"))
    html = collapse(node.get("html") or "")
    snippet = html if len(html) <= SNIPPET_MAX else html[: SNIPPET_MAX - 1] + "…"
    help_text = rule.get("help") or rule.get("description") or rule_id
    summary = _summary(node)
    detail = f" ({summary})" if summary else ""
    impact = node.get("impact") or rule.get("impact") or "moderate"
    data = [("axe_selector", axe_selector), ("help", help_text)]
    if summary:
        data.append(("summary", summary))
    return Finding(
        rule=rule_id, name=rule_id, outcome=outcome, impact=impact, scope="page", url=url,
        selector=path or axe_selector, snippet=snippet,
        message=_message(outcome, locale, rule=rule_id, help=help_text, detail=detail),
        wcag=wcag_from_tags(tags), gigw=gigw_for_rule(rule_id, tags), engine="axe",
        fingerprint=fingerprint(rule_id, url, stable_selector(axe_selector), node_identity(html)),
        help_url=rule.get("helpUrl") or "", message_id=outcome, data=tuple(sorted(data)),
    )


def axe_rule_finding(rule: dict, outcome: str, url: str, locale: str = "en") -> Finding:
    """One finding for a whole passed or inapplicable rule (no element)."""
    rule_id = rule.get("id", "")
    tags = rule.get("tags") or []
    help_text = rule.get("help") or rule_id
    count = len(rule.get("nodes") or [])
    return Finding(
        rule=rule_id, name=rule_id, outcome=outcome, impact=rule.get("impact") or "minor", scope="page", url=url,
        selector="", snippet="", message=_message(outcome, locale, rule=rule_id, help=help_text, count=count),
        wcag=wcag_from_tags(tags), gigw=gigw_for_rule(rule_id, tags), engine="axe",
        fingerprint=fingerprint(rule_id, url, "", outcome), help_url=rule.get("helpUrl") or "",
        message_id=outcome, data=(("help", help_text),),
    )


# ---- browser-only checks ----------------------------------------------------------------------------------
_KEY_COMBO = re.compile(
    r"(?<![\w+])((?:(?:ctrl|control|alt|option|shift|meta|cmd|command)\s*[+\-]\s*)+(?:f\d{1,2}|esc(?:ape)?|enter|"
    r"tab|[a-z0-9])|esc(?:ape)?)(?![\w+])", re.I)


def key_combos(text: str) -> list[tuple[tuple[str, ...], str]]:
    """Key combinations named in page text ("Press Ctrl+M to exit", "Esc") as (modifiers, key)."""
    combos = []
    for match in _KEY_COMBO.finditer(text or ""):
        parts = [p.strip().lower() for p in re.split(r"\s*[+\-]\s*", match.group(1)) if p.strip()]
        *mods, key = parts
        mods = tuple(sorted({"control" if m in ("ctrl", "control") else "alt" if m in ("alt", "option")
                             else "meta" if m in ("meta", "cmd", "command") else "shift" for m in mods}))
        key = "escape" if key in ("esc", "escape") else key
        if (mods, key) not in combos:
            combos.append((mods, key))
    return combos[:6]


class BrowserChecks:
    """BRW001-BRW006 on the page loaded in `session` (after axe: these change the viewport and focus)."""

    def __init__(self, session: browsers.BrowserSession, url: str, locale: str, deadline: float):
        self.session = session
        self.driver = session.driver
        self.url = url
        self.locale = locale
        self.deadline = deadline

    def js(self, call: str, *args):
        return self.driver.execute_script(f"return window.__kasauti.{call};", *args)

    def run(self) -> list[Finding]:
        """Every check, each on its own: a page whose scripts break one check still gets the others (and its axe
        results). A time-out or a dead browser is not caught here."""
        from selenium.common.exceptions import JavascriptException  # noqa: PLC0415

        findings: list[Finding] = []
        for check in (self.layout, self.keyboard):
            _check_time(self.deadline)
            try:
                findings += check()
            except JavascriptException as exc:
                log.info("browser check %s failed on %s: %s", check.__name__, self.url, browsers._first_line(exc))
        return findings

    # -- contrast over images and gradients: what axe-core leaves for review, measured on a screenshot --
    def contrast(self, results: dict) -> list[Finding]:
        """BRW006: axe's color-contrast results that are "needs review" because the text sits on a background
        image or gradient are measured on a screenshot of that background (the text made transparent). As in
        ACT rule afw4f7, each character counts with the highest contrast it has against any pixel behind it: a
        character below the required ratio is a violation (the axe result is replaced by BRW006); when every
        character reaches it, axe's result is dropped as resolved; anything else stays for review."""
        from selenium.common.exceptions import JavascriptException, WebDriverException  # noqa: PLC0415

        rule = next((r for r in results.get("incomplete") or [] if r.get("id") == "color-contrast"), None)
        if not rule:
            return []
        findings, kept, measured = [], [], 0
        for node in rule.get("nodes") or []:
            data = ((node.get("any") or [{}])[0] or {}).get("data") or {}
            if data.get("messageKey") not in CONTRAST_KEYS or measured >= CONTRAST_NODES:
                kept.append(node)
                continue
            measured += 1
            _check_time(self.deadline)
            try:
                verdict = self._measure_contrast(node.get("target") or [], _ratio(data.get("expectedContrastRatio")))
            except (JavascriptException, WebDriverException) as exc:
                if not self.session.alive:
                    raise
                log.info("contrast measurement failed on %s: %s", self.url, browsers._first_line(exc))
                verdict = None
            finally:
                try:
                    self.js("contrastRestore()")
                except Exception:  # noqa: BLE001 - nothing to restore when the page went away
                    pass
            if verdict is None or verdict[0] == "review":
                kept.append(node)
            elif verdict[0] == "violation":
                findings.append(verdict[1])
        rule["nodes"] = kept
        if not kept:
            results["incomplete"] = [r for r in results["incomplete"] if r is not rule]
        return findings

    def _measure_contrast(self, target: list, required: float):
        import base64  # noqa: PLC0415

        from .pixels import best_contrast, decode_png  # noqa: PLC0415

        prepared = self.js("contrastPrepare(arguments[0], arguments[1])", target, CONTRAST_CHARS) or {}
        clip = prepared.get("clip")
        if prepared.get("skip") or not clip or clip["width"] * clip["height"] > CONTRAST_PIXELS:
            return None
        shot = self.session.cdp("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": clip["x"], "y": clip["y"], "width": max(clip["width"], 1),
                     "height": max(clip["height"], 1), "scale": 1}})
        image = decode_png(base64.b64decode(shot["data"]))
        fg = tuple(float(v) for v in prepared["fg"])
        worst = None
        for x0, y0, x1, y1 in prepared["chars"]:
            box = (int(x0 - clip["x"]), int(y0 - clip["y"]), int(x1 - clip["x"] + 0.999), int(y1 - clip["y"] + 0.999))
            best = best_contrast(image, box, fg)
            if best is not None and (worst is None or best < worst):
                worst = best
        if worst is None:
            return None
        if worst >= required:
            return ("pass", None)
        params = {"ratio": f"{worst:.2f}", "required": f"{required:g}"}
        return ("violation", self.finding("BRW006", prepared, "default", params))

    # -- layout: reflow (320 px), text at 200% (640x512, the 1280x1024 desktop zoomed twice), orientation --
    def layout(self) -> list[Finding]:
        findings = []
        try:
            self._viewport(320, 256)
            reflow = self.js("reflow()")
            for culprit in reflow.get("culprits", [])[:3]:
                findings.append(self.finding("BRW001", culprit, "default",
                                             {"width": culprit.get("right", ""), "page": reflow.get("scrollWidth")}))
            self._viewport(640, 512)
            zoomed = self.js("zoomed()") or {}
            for item in zoomed.get("clipped") or []:
                findings.append(self.finding("BRW002", item, item.get("axis", "vertical"), {}))
            findings += self.orientation(zoomed.get("orientation") or {})
        finally:
            self.session.cdp("Emulation.clearDeviceMetricsOverride")
        return findings

    def orientation(self, targets: dict) -> list[Finding]:
        """BRW005: what CSS orientation media queries rotate (`targets`, from orientationTargets()), measured in
        landscape (640x512, the current viewport) and portrait (512x640); a quarter turn between the two locks the
        page to one orientation."""
        if not targets.get("selectors") and not targets.get("unknown"):
            return []  # no orientation media query the page could rotate content with
        landscape = {item["path"]: item for item in self.js("rotations(arguments[0])", targets) or []}
        self._viewport(512, 640)
        portrait = {item["path"]: item for item in self.js("rotations(arguments[0])", targets) or []}
        findings = []
        for path, item in portrait.items():
            other = landscape.get(path)
            if other is None:
                continue
            turn = (float(item["angle"]) - float(other["angle"])) % 360
            if min(abs(turn - 90), abs(turn - 270)) <= QUARTER_TURN_TOLERANCE:
                findings.append(self.finding("BRW005", item, "default", {"degrees": round(turn)}))
            if len(findings) >= 3:
                break
        return findings

    def _viewport(self, width: int, height: int) -> None:
        self.session.cdp("Emulation.setDeviceMetricsOverride",
                         {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    # -- keyboard: a fast in-page focus walk for focus visibility; real Tab keys only when a trap is suspected --
    def keyboard(self) -> list[Finding]:
        findings: list[Finding] = []
        armed = True  # the walk's listeners and focus wrappers may be in place until keyboardRun says otherwise
        try:
            # The walk, a pause for delayed focus handlers (so that a trap shows in the log) and its log, in one
            # call; the walk is torn down in the page unless it suspects a trap.
            walk = self.driver.execute_async_script(
                "window.__kasauti.keyboardRun(arguments[0], arguments[1], arguments[arguments.length - 1]);",
                KEYBOARD_STOPS, round(SETTLE * 1000)) or {}
            armed = bool(walk.get("steals") or walk.get("prevented"))
            for item in walk.get("noIndicator", []):
                findings.append(self.finding("BRW003", item, "default", {}))
            if armed:
                _check_time(self.deadline)
                findings += self.trap_check(walk.get("count", 0))
        finally:
            if armed:
                try:
                    self.js("keyboardTeardown()")
                except Exception:  # noqa: BLE001 - the page may have navigated; nothing to tidy then
                    pass
        return findings

    def _press(self, *keys: str, modifiers: tuple[str, ...] = ()) -> int:
        from selenium.webdriver.common.action_chains import ActionChains  # noqa: PLC0415
        from selenium.webdriver.common.keys import Keys  # noqa: PLC0415

        names = {"control": Keys.CONTROL, "alt": Keys.ALT, "shift": Keys.SHIFT, "meta": Keys.META}
        chain = ActionChains(self.driver)
        for mod in modifiers:
            chain.key_down(names[mod])
        chain.send_keys(*keys)
        for mod in reversed(modifiers):
            chain.key_up(names[mod])
        chain.perform()
        time.sleep(SETTLE)
        return self.js("activeIndex()")

    def trap_check(self, count: int) -> list[Finding]:
        """Press Tab, then Shift+Tab, one at a time, letting page scripts react. Focus that never leaves the page
        and keeps coming back to the same few stops, in both directions, is trapped."""
        from selenium.webdriver.common.keys import Keys  # noqa: PLC0415

        self.driver.execute_script("if (document.activeElement) { document.activeElement.blur(); }")
        forward = self._walk(Keys.TAB, count)
        if forward is None:
            return []
        backward = self._walk(Keys.SHIFT + Keys.TAB, count)
        if backward is None:
            return []  # moving back out is a way out too
        held = forward | backward
        escaped_by = self._try_escapes(held)
        stops = [s for s in self.js("stops(arguments[0])", sorted(held)) if s]
        if not stops:
            return []
        params = {"count": len(held)}
        if escaped_by:
            params["keys"] = escaped_by
            return [self.finding("BRW004", stops[0], "documented-escape", params, Outcome.NEEDS_REVIEW.value)]
        return [self.finding("BRW004", stops[0], "default", params)]

    def _walk(self, key: str, count: int) -> set[int] | None:
        """Press `key` one step at a time. None when focus leaves the page (the way every page without a trap
        ends after its last stop); else the stops focus keeps cycling among."""
        seq: list[int] = []
        steps = min(count + 4, TRAP_STEPS)
        for _ in range(steps):
            _check_time(self.deadline)
            seq.append(self._press(key))
            if seq[-1] == -1 and len(seq) > 1:
                return None
            cycle = _repeating_tail(seq)
            if cycle:
                return {i for i in cycle if i >= 0} or None
        if count + 4 <= TRAP_STEPS:  # pressed past every stop and never left the page
            return {i for i in seq[-(count + 1):] if i >= 0} or None
        return None  # a long page: no cycle seen within the steps we take; no verdict

    def _try_escapes(self, held: set[int]) -> str:
        """A documented way out: key combinations named in the page (or revealed by its in-trap help links),
        and Escape. Returns the combination that moved focus out of the trap for good, or ""."""
        tried: set = set()
        for reveal in (False, True):
            if reveal and not self.js("activateHelp(arguments[0])", sorted(held)):
                break
            combos = key_combos(self.js("visibleText()")) + [((), "escape")]
            for mods, key in combos:
                if (mods, key) in tried:
                    continue
                tried.add((mods, key))
                _check_time(self.deadline)
                self.js("focusStop(arguments[0])", min(held))
                time.sleep(SETTLE)
                if self._press(_selenium_key(key), modifiers=mods) in held:
                    continue
                time.sleep(SETTLE)  # a script may still pull focus back
                if self.js("activeIndex()") not in held:
                    return "+".join([*mods, key])
        return ""

    def finding(self, code: str, item: dict, message_id: str, params: dict,
                outcome: str = Outcome.VIOLATION.value) -> Finding:
        return browser_rule_finding(code, self.url, item.get("path", ""), item.get("html", ""), message_id, params,
                                    self.locale, outcome)


def _ratio(text) -> float:
    """axe's "4.5:1" as 4.5 (4.5 when missing or unreadable)."""
    try:
        return float(str(text).split(":")[0])
    except (TypeError, ValueError):
        return 4.5


def _repeating_tail(seq: list[int]) -> list[int] | None:
    """The cycle at the end of a focus sequence: the same stop four times running, or the last k stops
    (k = 2..6) repeated twice. Such a tail means focus is going round in circles."""
    if len(seq) >= 4 and len(set(seq[-4:])) == 1:
        return seq[-1:]
    for k in range(2, 7):
        if len(seq) >= 2 * k and seq[-k:] == seq[-2 * k:-k] and len(set(seq[-k:])) > 1:
            return seq[-k:]
    return None


def _selenium_key(key: str) -> str:
    from selenium.webdriver.common.keys import Keys  # noqa: PLC0415

    special = {"escape": Keys.ESCAPE, "enter": Keys.ENTER, "tab": Keys.TAB}
    if key in special:
        return special[key]
    if re.fullmatch(r"f\d{1,2}", key):
        return getattr(Keys, key.upper(), key)
    return key


def browser_rule_finding(code: str, url: str, selector: str, html: str, message_id: str, params: dict,
                         locale: str = "en", outcome: str = Outcome.VIOLATION.value) -> Finding:
    """A Finding of a BRW rule, with the rule's registered metadata and localised message."""
    from ..rules import get_rule  # noqa: PLC0415 - the registry imports every rule family

    rule = get_rule(code)
    if rule is None:
        raise KeyError(f"browser rule {code} is not registered")
    html = collapse(html)
    snippet = html if len(html) <= SNIPPET_MAX else html[: SNIPPET_MAX - 1] + "…"
    text_params = {k: str(v) for k, v in params.items()}
    return Finding(
        rule=rule.code, name=rule.name, outcome=outcome, impact=rule.impact, scope=rule.scope, url=url,
        selector=selector, snippet=snippet, message=rule.message(message_id, locale, text_params),
        wcag=rule.wcag, gigw=rule.gigw, engine=rule.engine,
        fingerprint=fingerprint(rule.code, url, stable_selector(selector), node_identity(html)),
        help_url=f"https://kasauti.github.io/rules/{rule.code}/", message_id=message_id,
        data=tuple(sorted(text_params.items())),
    )


# ---- merging with the static engine -----------------------------------------------------------------------
_TBODY = re.compile(r" > tbody(:nth-of-type\(1\))?(?= > )")
_ACTIVE = (Outcome.VIOLATION.value, Outcome.NEEDS_REVIEW.value)


def element_key(selector: str) -> str:
    """The element a finding is about, comparable across engines: the static parser does not add the <tbody>
    a browser adds, and page-level findings (no selector, or <html>) are all "html"."""
    selector = (selector or "").strip()
    if selector in ("", "html"):
        return "html"
    return _TBODY.sub("", selector)


def merge_findings(static: list[Finding], browser: list[Finding],
                   axe_rules: Mapping[str, Iterable[str]] | None = None) -> list[Finding]:
    """Static findings plus browser findings, with what the two engines both found counted once.

    Duplicates: a browser finding about the same element as an active static finding, and about the same WCAG
    criterion or from an axe rule equivalent to the static rule (equivalents.py), is merged into it. The static
    finding is kept (it has the Kasauti code and both languages) and records the browser rule in its data as
    `also_found_by`; when only the browser says "violation" and the static rule "needs review", the violation
    is kept instead. Passes and inapplicable results are never merged.

    Disputes: `axe_rules` maps a page URL to the axe rules that ran on it. A static violation whose equivalent
    axe rules ran on its page and flagged nothing there at all (no violation, no needs-review on any element)
    is contradicted by the browser, which sees the rendered page; it is kept as needs-review, with
    `disputed_by` in its data, so that it is looked at but does not fail CI. Without `axe_rules` for a page (the
    browser could not audit it) every static violation stands."""
    merged = list(static)
    index: dict[tuple[str, str, str], int] = {}
    for position, finding in enumerate(merged):
        if finding.outcome in _ACTIVE:
            key = element_key(finding.selector)
            path = normalise_path(finding.url)
            for sc in finding.wcag:
                index.setdefault((path, sc, key), position)
            for rule in equivalents(finding.rule):
                index.setdefault((path, "axe:" + rule, key), position)
    flagged: set[tuple[str, str]] = set()  # (page, axe rule) with an active browser finding
    for finding in browser:
        if finding.outcome not in _ACTIVE:
            merged.append(finding)
            continue
        key = element_key(finding.selector)
        path = normalise_path(finding.url)
        flagged.add((path, finding.rule))
        candidates = [(path, sc, key) for sc in finding.wcag] + [(path, "axe:" + finding.rule, key)]
        match = next((index[c] for c in candidates if c in index), None)
        if match is None:
            merged.append(finding)
            continue
        kept = merged[match]
        if kept.engine == finding.engine:  # two browser findings: not the duplicates this merge is for
            merged.append(finding)
            continue
        if kept.outcome == Outcome.NEEDS_REVIEW.value and finding.outcome == Outcome.VIOLATION.value:
            merged[match] = replace(finding, data=finding.data + (("also_found_by", f"{kept.engine}:{kept.rule}"),))
        else:
            merged[match] = replace(kept, data=kept.data + (("also_found_by", f"{finding.engine}:{finding.rule}"),))
    if axe_rules:
        ran = {normalise_path(url): set(rules) for url, rules in axe_rules.items()}
        for position, finding in enumerate(merged):
            if finding.outcome != Outcome.VIOLATION.value or finding.engine not in ("static", "http"):
                continue
            path = normalise_path(finding.url)
            checked = [r for r in equivalents(finding.rule) if r in ran.get(path, ())]
            if checked and not any((path, r) in flagged for r in checked):
                merged[position] = replace(finding, outcome=Outcome.NEEDS_REVIEW.value,
                                           data=finding.data + (("disputed_by", "axe:" + ",".join(checked)),))
    return merged
