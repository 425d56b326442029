"""The axe engine: axe-core in headless Chromium (Selenium), plus the browser-only checks axe lacks.

For every page: load it in a long-lived browser session (see browser.py), run the npm-pinned axe-core through
axe-selenium-python's `Axe` (the script is registered once per browser with `Page.addScriptToEvaluateOnNewDocument`,
so every page and same-process frame already has it; frames that lack it are injected through Selenium), then
run Kasauti's own checks that need layout and a keyboard: reflow at 320 CSS px (BRW001), text clipped at 200%
zoom (BRW002), focus not visible (BRW003) and keyboard traps (BRW004).

axe results become Findings: one per node for violations and needs-review (axe "incomplete"), one per rule for
passes and inapplicable rules when asked for. The selector is the same kind of path the static engine writes,
so a problem found by both engines is merged (`merge_findings`) rather than counted twice.
"""
from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..fingerprint import fingerprint, normalise_path
from ..html import _GENERATED_CLASS, collapse
from ..model import Finding, Outcome
from . import browser as browsers
from .axe_gigw import gigw_for_rule, wcag_from_tags

log = logging.getLogger("kasauti.axe")

AXE_SCRIPT_ENV = "KASAUTI_AXE_SCRIPT"
AXE_RELATIVE = Path("node_modules") / "axe-core" / "axe.min.js"
CHECKS_JS = Path(__file__).with_name("browser_checks.js")
SNIPPET_MAX = 300
FRAME_SEPARATOR = " >>> "  # between the frame's selector and the selector inside it
KEYBOARD_STOPS = 150  # tab stops walked per page (the keyboard checks cover the first ones)
TRAP_STEPS = 60  # most single Tab presses in the slow walk that confirms a suspected trap
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
    out = subprocess.run(["node", "-e", code, str(script.parent)], capture_output=True, text=True, timeout=60,
                         check=True)
    return json.loads(out.stdout)


@lru_cache(maxsize=4)
def _read(path: str) -> str:
    return Path(path).read_text("utf-8")


# ---- the bridge -----------------------------------------------------------------------------------------
def _axe_class():
    from axe_selenium_python import Axe  # noqa: PLC0415 - optional dependency

    class PinnedAxe(Axe):
        """axe-selenium-python's Axe with the pinned script read once and registered once per browser."""

        def __init__(self, session: browsers.BrowserSession, script_url: str):
            super().__init__(session.driver, script_url=script_url)
            self.session = session

        def register(self) -> None:
            """Have Chromium evaluate axe-core in every new document (pages and same-process frames)."""
            self.session.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": _read(self.script_url)})
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
                driver.execute_script(_read(self.script_url))
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

    return PinnedAxe


def axe_run_options(options: AxeOptions) -> dict:
    result_types = None if options.include_passes else ["violations", "incomplete"]
    run = {
        "runOnly": {"type": "tag", "values": list(options.run_only)},
        "iframes": True,
        "elementRef": False,
        "selectors": True,
        "ancestry": False,
        "xpath": False,
        "performanceTimer": False,
    }
    if result_types:
        # axe still lists every passed/inapplicable rule, with at most one node each: much less to serialise.
        run["resultTypes"] = result_types
    return run


# ---- the engine -----------------------------------------------------------------------------------------
def audit_urls(urls: Iterable[str], options: AxeOptions, *, locale: str = "en",
               on_event: Callable | None = None) -> Iterator[tuple[str, list[Finding], str | None]]:
    """Audit every URL in a pool of browsers; yields (url, findings, error) for each URL given, in completion
    order. `error` is None, "timeout", "browser-crashed" or "browser-unavailable" (then findings is [])."""
    on_event = on_event or (lambda *a, **k: None)
    script = find_axe_script()
    if script is None:
        raise RuntimeError("; ".join(check_environment()) or "axe-core not found")
    settings = browsers.SessionSettings(page_timeout=options.page_timeout, recycle_after=options.recycle_after,
                                        memory_cap_mb=options.memory_cap_mb)
    pool = browsers.BrowserPool(settings, options.concurrency, on_event=on_event)
    job = PageAudit(str(script), options, locale)
    for outcome in pool.run(urls, job):
        on_event("browser-audited", url=outcome.url, seconds=round(outcome.seconds, 3), error=outcome.error)
        if outcome.error:
            log.warning("axe: %s on %s (%s)", outcome.error, outcome.url, outcome.detail)
        yield outcome.url, (outcome.result or []), outcome.error


class PageAudit:
    """The work done on one page in one browser session: axe, then the browser checks."""

    def __init__(self, script: str, options: AxeOptions, locale: str):
        self.script = script
        self.options = options
        self.locale = locale
        self.run_options = json.dumps(axe_run_options(options))
        self.axe_class = _axe_class()

    def __call__(self, session: browsers.BrowserSession, url: str, deadline: float) -> list[Finding]:
        from selenium.common.exceptions import TimeoutException  # noqa: PLC0415

        try:
            return self._audit(session, url, deadline)
        except TimeoutException as exc:
            raise browsers.PageTimeout(f"page did not finish within {self.options.page_timeout:g} s") from exc

    def _audit(self, session: browsers.BrowserSession, url: str, deadline: float) -> list[Finding]:
        axe = getattr(session, "axe", None)
        if axe is None:
            axe = self.axe_class(session, self.script)
            axe.register()
            session.axe = axe
        driver = session.driver
        driver.get(url)
        _check_time(deadline)
        axe.inject()
        results = axe.run(options=self.run_options)
        _check_time(deadline)
        page_url = url
        findings = self._axe_findings(driver, page_url, results)
        if self.options.browser_checks:
            driver.execute_script(_read(str(CHECKS_JS)))
            findings += BrowserChecks(session, page_url, self.locale, deadline).run()
        return findings

    def _axe_findings(self, driver, url: str, results: dict) -> list[Finding]:
        findings: list[Finding] = []
        groups = (("violations", Outcome.VIOLATION.value), ("incomplete", Outcome.NEEDS_REVIEW.value))
        targets = [node.get("target") or [] for key, _ in groups for rule in results.get(key, [])
                   for node in rule.get("nodes", [])]
        paths = []
        if targets:
            try:
                paths = driver.execute_script(
                    _read(str(CHECKS_JS)) + "\nreturn window.__kasauti.paths(arguments[0]);", targets)
            except Exception as exc:  # noqa: BLE001 - fall back to axe's selectors
                log.debug("could not compute paths: %s", exc)
        paths = list(paths or [])
        position = 0
        for key, outcome in groups:
            for rule in results.get(key, []):
                for node in rule.get("nodes", []):
                    path = paths[position] if position < len(paths) else None
                    position += 1
                    findings.append(axe_node_finding(rule, node, outcome, url, self.locale, path))
        if self.options.include_passes:
            for key, outcome in (("passes", Outcome.PASS.value), ("inapplicable", Outcome.INAPPLICABLE.value)):
                for rule in results.get(key, []):
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
    """BRW001-BRW004 on the page loaded in `session` (after axe: these change the viewport and focus)."""

    def __init__(self, session: browsers.BrowserSession, url: str, locale: str, deadline: float):
        self.session = session
        self.driver = session.driver
        self.url = url
        self.locale = locale
        self.deadline = deadline

    def js(self, call: str, *args):
        return self.driver.execute_script(f"return window.__kasauti.{call};", *args)

    def run(self) -> list[Finding]:
        findings = self.layout()
        _check_time(self.deadline)
        findings += self.keyboard()
        return findings

    # -- layout: reflow (320 px) and text at 200% (640x512, the 1280x1024 desktop zoomed twice) --
    def layout(self) -> list[Finding]:
        findings = []
        try:
            self._viewport(320, 256)
            reflow = self.js("reflow()")
            for culprit in reflow.get("culprits", [])[:3]:
                findings.append(self.finding("BRW001", culprit, "default",
                                             {"width": culprit.get("right", ""), "page": reflow.get("scrollWidth")}))
            self._viewport(640, 512)
            for item in self.js("clippedText()") or []:
                findings.append(self.finding("BRW002", item, item.get("axis", "vertical"), {}))
        finally:
            self.session.cdp("Emulation.clearDeviceMetricsOverride")
        return findings

    def _viewport(self, width: int, height: int) -> None:
        self.session.cdp("Emulation.setDeviceMetricsOverride",
                         {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    # -- keyboard: a fast in-page focus walk for focus visibility; real Tab keys only when a trap is suspected --
    def keyboard(self) -> list[Finding]:
        setup = self.js("keyboardSetup(arguments[0])", KEYBOARD_STOPS)
        count = setup.get("count", 0)
        if not count:
            return []
        findings = []
        try:
            if setup.get("scripted"):
                time.sleep(SETTLE)  # let delayed focus handlers run, so that a trap shows in the log
            walk = self.js("keyboardLog()") or {}
            for item in walk.get("noIndicator", []):
                findings.append(self.finding("BRW003", item, "default", {}))
            if walk.get("steals") or walk.get("prevented"):
                _check_time(self.deadline)
                findings += self.trap_check(count)
        finally:
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


def merge_findings(static: list[Finding], browser: list[Finding]) -> list[Finding]:
    """Static findings plus browser findings, where a browser finding about the same WCAG criterion and the same
    element as a static one is merged into it instead of being counted twice.

    The static finding is kept (it has the Kasauti code and both languages) and records the browser rule in its
    data as `also_found_by`; when only the browser says "violation" and the static rule "needs review", the
    violation is kept instead. Passes and inapplicable results are never merged."""
    merged = list(static)
    index: dict[tuple[str, str, str], int] = {}
    for position, finding in enumerate(merged):
        if finding.outcome in _ACTIVE:
            key = element_key(finding.selector)
            for sc in finding.wcag:
                index.setdefault((normalise_path(finding.url), sc, key), position)
    for finding in browser:
        if finding.outcome not in _ACTIVE:
            merged.append(finding)
            continue
        key = element_key(finding.selector)
        path = normalise_path(finding.url)
        match = next((index[(path, sc, key)] for sc in finding.wcag if (path, sc, key) in index), None)
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
    return merged
