"""The Lighthouse engine: the npm-pinned Lighthouse CLI, run as a subprocess on a sample of pages.

A Lighthouse run costs about 15 s of a machine's full attention, and two at once on one machine disturb each
other's timings, so runs take an exclusive file lock (one run at a time per machine, across processes) and only
sampled pages are measured: the home page and one page per section and template (`sample_urls`).

From each report: the four category scores, budget findings (page weight, script and font bytes, requests, LCP,
CLS, category minimums; codes BUD001-BUD008, registered in rules/performance_budgets.py) that fail the CI gate,
and one finding per failing performance, best-practices or SEO audit ("LH-<audit id>"). Lighthouse's
accessibility audits are axe-core rules, which the axe engine reports per element; they only count here through
the accessibility score.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from ..fingerprint import fingerprint
from ..model import Finding, Outcome
from . import browser as browsers

log = logging.getLogger("kasauti.lighthouse")

LIGHTHOUSE_ENV = "KASAUTI_LIGHTHOUSE"  # path to lighthouse/cli/index.js
NODE_ENV = "KASAUTI_NODE"  # path to node, when it is not the one on PATH
LOCK_ENV = "KASAUTI_LIGHTHOUSE_LOCK"
LIGHTHOUSE_RELATIVE = Path("node_modules") / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

# Kasauti's default budgets (GIGW sets no numbers; see shared/reference/gigw3-notes.md, section 9). A budget set
# to None (or false in TOML) is switched off.
DEFAULT_BUDGETS: dict[str, float | None] = {
    "page_weight_kb": 1536,  # everything transferred for the page
    "script_kb": 300,
    "font_kb": 150,
    "requests": 80,
    "lcp_ms": 4000,  # largest contentful paint, simulated mobile network
    "cls": 0.1,  # cumulative layout shift
    "performance": 50,  # category score minimums, 0-100
    "accessibility": 90,
    "best-practices": 80,
    "seo": 80,
}


@dataclass
class LighthouseOptions:
    pages: int = 5  # pages sampled: home + one per section/template
    form_factor: str = "mobile"  # mobile | desktop
    budgets: dict = field(default_factory=lambda: dict(DEFAULT_BUDGETS))
    timeout: float = 120  # seconds per run before it is killed
    lock_wait: float = 900  # seconds to wait for another run on this machine to finish
    # Lighthouse's simulated CPU slowdown; 0 keeps its preset (4x mobile, 1x desktop). Lighthouse tunes 4x for a
    # host of benchmarkIndex ~1500: see calibrated_cpu_slowdown() for slower or faster machines.
    cpu_slowdown: float = 0

    def __post_init__(self):
        if self.form_factor not in ("mobile", "desktop"):
            raise ValueError(f"form_factor must be mobile or desktop, not {self.form_factor!r}")
        if not 0 <= self.cpu_slowdown <= 20:
            raise ValueError(f"cpu_slowdown must be 0 (Lighthouse's preset) to 20, not {self.cpu_slowdown!r}")
        self.budgets = merge_budgets(self.budgets)


def lighthouse_options_from(config: dict | None, budgets: dict | None = None) -> LighthouseOptions:
    """LighthouseOptions from the `[lighthouse]` table of kasauti.toml and the budgets from `[budgets]` (or
    `[lighthouse.budgets]`, which wins key by key). Unknown keys and wrong types are errors (ValueError)."""
    from .axe import _options_from  # noqa: PLC0415

    config = dict(config or {})
    values = _options_from(LighthouseOptions, config, "lighthouse", skip=("budgets",))
    own = config.get("budgets") or {}
    if not isinstance(own, dict) or not isinstance(budgets or {}, dict):
        raise ValueError("budgets must be a table of numbers")
    values["budgets"] = {**(budgets or {}), **own}
    options = LighthouseOptions(**values)
    if options.pages < 0 or options.timeout <= 0:
        raise ValueError("lighthouse: pages must be 0 or more and timeout above 0")
    return options


def merge_budgets(budgets: dict | None) -> dict[str, float | None]:
    """Defaults overridden by `budgets` (keys with dashes or underscores); unknown keys are an error so that a
    typo cannot switch a budget off silently."""
    merged = dict(DEFAULT_BUDGETS)
    for key, value in (budgets or {}).items():
        name = key.replace("-", "_")
        name = {"best_practices": "best-practices"}.get(name, name)
        if name not in merged:
            raise ValueError(f"unknown Lighthouse budget {key!r} (known: {', '.join(DEFAULT_BUDGETS)})")
        if value is False or value is None:
            merged[name] = None
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"Lighthouse budget {key!r} must be a number, not {value!r}")
        else:
            merged[name] = value
    return merged


# ---- environment --------------------------------------------------------------------------------------
def find_lighthouse() -> Path | None:
    override = os.environ.get(LIGHTHOUSE_ENV)
    if override:
        return Path(override) if Path(override).is_file() else None
    for start in (Path.cwd().resolve(), Path(__file__).resolve().parent):
        for folder in (start, *start.parents):
            candidate = folder / LIGHTHOUSE_RELATIVE
            if candidate.is_file():
                return candidate
    return None


def find_node() -> str | None:
    """node: $KASAUTI_NODE (used as given; None when it is not an executable file), else node on PATH."""
    return browsers._executable(NODE_ENV, ("node",))[0]


def check_environment() -> list[str]:
    """Human-readable problems that stop the Lighthouse engine (no node, no Lighthouse, no Chromium)."""
    problems = []
    node, where = browsers._executable(NODE_ENV, ("node",))
    if node is None:
        problems.append(f"node not found ({where}); install Node.js 18 or newer (Debian: apt-get install nodejs)")
    if find_lighthouse() is None:
        where = os.environ.get(LIGHTHOUSE_ENV)
        problems.append(f"Lighthouse not found at {LIGHTHOUSE_ENV}={where}" if where else
                        f"Lighthouse not found ({LIGHTHOUSE_RELATIVE} in this folder or a parent); run `npm ci` in "
                        f"the Kasauti checkout or set {LIGHTHOUSE_ENV}")
    if browsers.find_chromium() is None:
        problems.append(f"Chromium not found (PATH or {browsers.CHROMIUM_ENV}); on Debian/Ubuntu: "
                        "apt-get install chromium")
    return problems


# ---- sampling -----------------------------------------------------------------------------------------
def sample_urls(urls: list[str], n: int) -> list[str]:
    """The home page, then one page per section (first path segment), preferring each section's index page,
    then a second template per section (index vs. detail pages), and so on, until n pages are chosen."""
    if n <= 0 or not urls:
        return []
    unique = list(dict.fromkeys(urls))
    home = next((u for u in unique if _segments(u) == []), unique[0])
    sections: dict[str, dict[int, str]] = {}
    for url in unique:
        if url == home:
            continue
        segments = _segments(url)
        template = min(len(segments), 2)  # section index vs. a page inside the section
        sections.setdefault(segments[0] if segments else "", {}).setdefault(template, url)
    chosen = [home]
    per_section = [list(dict(sorted(templates.items())).values()) for templates in sections.values()]
    for round_ in range(2):
        for urls_of_section in per_section:
            if len(chosen) >= n:
                return chosen
            if round_ < len(urls_of_section):
                chosen.append(urls_of_section[round_])
    return chosen[:n]


def _segments(url: str) -> list[str]:
    path = urlsplit(url).path
    parts = [p for p in path.split("/") if p]
    if parts and parts[-1] in ("index.html", "index.htm"):
        parts = parts[:-1]
    return parts


# ---- running ------------------------------------------------------------------------------------------
@contextlib.contextmanager
def machine_lock(wait: float, on_wait: Callable[[], None] | None = None):
    """Exclusive lock shared by every Kasauti process on this machine (a file lock in the temp folder)."""
    import fcntl  # noqa: PLC0415 - POSIX only, like the CI machines this runs on

    path = os.environ.get(LOCK_ENV) or os.path.join(tempfile.gettempdir(), "kasauti-lighthouse.lock")
    with open(path, "a+") as handle:
        deadline = time.monotonic() + wait
        announced = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"another Lighthouse run held {path} for more than {wait:g} s") from None
                if not announced and on_wait:
                    on_wait()
                    announced = True
                time.sleep(0.25)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def lighthouse_command(url: str, options: LighthouseOptions, output: str) -> list[str]:
    flags = " ".join((*browsers.HEADLESS_FLAGS, "--window-size=1280,1024"))
    command = [find_node() or "node", str(find_lighthouse()), url, "--output=json", f"--output-path={output}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}",
               f"--max-wait-for-load={int(max(options.timeout - 30, 15) * 1000)}"]
    if options.form_factor == "desktop":
        command.append("--preset=desktop")
    else:
        command.append("--form-factor=mobile")
    if options.cpu_slowdown:
        command.append(f"--throttling.cpuSlowdownMultiplier={options.cpu_slowdown:g}")
    return command


def calibrated_cpu_slowdown(benchmark_index: float) -> float:
    """The CPU slowdown that makes this host emulate Lighthouse's reference mobile device, from the
    benchmarkIndex a run reports (Lighthouse's throttling guide and its CPU throttling calculator: an index of
    1533 needs 4x, 1300 needs 3x, 800 needs 2x, 150 needs 1x; linear between those points, 1x at the least).
    A default 4x run on a slow host (CI runners often score ~1100) measures a slower phone than intended."""
    if benchmark_index >= 1300:
        slowdown = 3 + (benchmark_index - 1300) / 233
    elif benchmark_index >= 800:
        slowdown = 2 + (benchmark_index - 800) / 500
    else:
        slowdown = 1 + (benchmark_index - 150) / 650
    return round(min(max(slowdown, 1.0), 20.0), 2)


def run_one(url: str, options: LighthouseOptions) -> tuple[dict | None, str | None]:
    """(Lighthouse result JSON, None) or (None, error): "timeout", "lighthouse-failed: ...", "page: CODE"."""
    with tempfile.TemporaryDirectory(prefix="kasauti-lh-") as folder:
        output = os.path.join(folder, "report.json")
        env = {**os.environ, "CHROME_PATH": browsers.find_chromium() or "", "TMPDIR": folder}
        process = subprocess.Popen(lighthouse_command(url, options, output), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, env=env, start_new_session=True, text=True)
        try:
            _, stderr = process.communicate(timeout=options.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            return None, browsers.TIMEOUT
        finally:
            _kill_group(process)  # chrome-launcher's Chromium too, whatever happened
        if not os.path.exists(output):
            return None, f"lighthouse-failed: {(stderr or '').strip().splitlines()[-1:] or process.returncode}"
        try:
            report = json.loads(Path(output).read_text("utf-8"))
        except ValueError as exc:
            return None, f"lighthouse-failed: unreadable report ({exc})"
    runtime = report.get("runtimeError") or {}
    if runtime.get("code"):
        return report, f"page: {runtime['code']}"
    return report, None


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    with contextlib.suppress(Exception):
        process.wait(timeout=5)


def run_lighthouse(urls: Iterable[str], options: LighthouseOptions, *, locale: str = "en",
                   on_event: Callable | None = None
                   ) -> Iterator[tuple[str, list[Finding], dict | None, str | None]]:
    """Run Lighthouse on each URL, one at a time on this machine; yields (url, findings, category scores 0-100,
    error) for every URL given."""
    on_event = on_event or (lambda *a, **k: None)
    problems = check_environment()
    for url in urls:
        if problems:
            yield url, [], None, "lighthouse-unavailable: " + "; ".join(problems)
            continue
        started = time.monotonic()
        try:
            with machine_lock(options.lock_wait, lambda: on_event("lighthouse-waiting", url=url)):
                report, error = run_one(url, options)
        except TimeoutError as exc:
            report, error = None, f"lock-timeout: {exc}"
        scores = category_scores(report) if report and not error else None
        findings: list[Finding] = []
        if report and not error:
            findings = budget_findings(url, page_metrics(report), scores or {}, options.budgets, locale)
            findings += audit_findings(url, report, locale)
        on_event("lighthouse-audited", url=url, seconds=round(time.monotonic() - started, 1), error=error)
        if error:
            log.warning("lighthouse: %s on %s", error, url)
        yield url, findings, scores, error


# ---- reading a report ---------------------------------------------------------------------------------
def category_scores(report: dict) -> dict[str, float | None]:
    scores = {}
    for name in CATEGORIES:
        score = (report.get("categories", {}).get(name) or {}).get("score")
        scores[name] = None if score is None else round(score * 100, 1)
    return scores


def page_metrics(report: dict) -> dict[str, float | None]:
    """What the budgets measure, from a Lighthouse result."""
    audits = report.get("audits", {})

    def numeric(audit_id: str) -> float | None:
        value = (audits.get(audit_id) or {}).get("numericValue")
        return float(value) if isinstance(value, (int, float)) else None

    items = (((audits.get("network-requests") or {}).get("details") or {}).get("items")) or []
    by_type: dict[str, float] = {}
    for item in items:
        kind = item.get("resourceType") or "Other"
        by_type[kind] = by_type.get(kind, 0.0) + float(item.get("transferSize") or 0)
    total = numeric("total-byte-weight")
    if total is None and items:
        total = sum(by_type.values())
    return {
        "page_weight_kb": None if total is None else total / 1024,
        "script_kb": by_type.get("Script", 0.0) / 1024 if items else None,
        "font_kb": by_type.get("Font", 0.0) / 1024 if items else None,
        "requests": float(len(items)) if items else None,
        "lcp_ms": numeric("largest-contentful-paint"),
        "cls": numeric("cumulative-layout-shift"),
    }


# Budget key -> (rule code, message id)
_BUDGET_RULES = {
    "page_weight_kb": ("BUD001", "total"),
    "script_kb": ("BUD001", "script"),
    "font_kb": ("BUD001", "font"),
    "requests": ("BUD002", "default"),
    "lcp_ms": ("BUD003", "default"),
    "cls": ("BUD004", "default"),
    "performance": ("BUD005", "default"),
    "accessibility": ("BUD006", "default"),
    "best-practices": ("BUD007", "default"),
    "seo": ("BUD008", "default"),
}


def budget_findings(url: str, metrics: dict, scores: dict, budgets: dict, locale: str = "en") -> list[Finding]:
    """Violations for every measured value over its budget (or category score under its minimum)."""
    from ..rules import get_rule  # noqa: PLC0415

    findings = []
    for key, limit in budgets.items():
        if limit is None or key not in _BUDGET_RULES:
            continue
        code, message_id = _BUDGET_RULES[key]
        if key in CATEGORIES:
            value = scores.get(key)
            over = value is not None and value < limit
        else:
            value = metrics.get(key)
            over = value is not None and value > limit
        if not over:
            continue
        rule = get_rule(code)
        shown = {"value": _shown(value), "budget": _shown(limit)}
        findings.append(Finding(
            rule=rule.code, name=rule.name, outcome=Outcome.VIOLATION.value, impact=rule.impact, scope=rule.scope,
            url=url, selector="", snippet="", message=rule.message(message_id, locale, shown),
            wcag=rule.wcag, gigw=rule.gigw, engine=rule.engine,
            fingerprint=fingerprint(rule.code, url, "", key), help_url=f"https://kasauti.github.io/rules/{rule.code}/",
            message_id=message_id, data=tuple(sorted(shown.items())),
        ))
    return findings


def _shown(value: float) -> str:
    if value is None:
        return ""
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}"


# Lighthouse audits -> GIGW ids, where a GIGW (or Kasauti checklist) item asks for the same thing. Audits not
# listed take their category's default.
LH_GIGW: dict[str, tuple[str, ...]] = {
    "is-on-https": ("GIGW-5.3.2.dev.g",),
    "redirects-http": ("GIGW-5.3.2.dev.g",),
    "meta-description": ("GIGW-5.1.17", "DBIM-G45"),
    "document-title": ("GIGW-5.1.17",),
    "hreflang": ("GIGW-5.4.10",),
    "link-text": ("GIGW-5.2.30",),
    "crawlable-anchors": ("GIGW-5.2.30",),
    "http-status-code": ("GIGW-5.4.4",),
    "uses-text-compression": ("PERF-compression",),
    "uses-long-cache-ttl": ("PERF-compression",),
    "cache-insight": ("PERF-compression",),
    "total-byte-weight": ("PERF-page-weight",),
    "unused-javascript": ("PERF-page-weight",),
    "uses-optimized-images": ("PERF-page-weight",),
    "modern-image-formats": ("PERF-page-weight",),
    "image-delivery-insight": ("PERF-page-weight",),
}
_CATEGORY_GIGW = {"performance": ("PERF-slow-network",), "seo": ("DBIM-G45",), "best-practices": ("GIGW-5.3.1.A.a",)}
_LH_WCAG = {"link-text": ("2.4.4",), "crawlable-anchors": ("2.4.4",), "document-title": ("2.4.2",)}
_LH_MESSAGES = {
    Outcome.VIOLATION.value: {"en": "Lighthouse audit failed: {title}",
                              "hi": "Lighthouse जाँच विफल (\"{audit}\"): {title}"},
    Outcome.NEEDS_REVIEW.value: {"en": "Lighthouse suggests an improvement: {title}{detail}",
                                 "hi": "Lighthouse सुधार का सुझाव देता है (\"{audit}\"): {title}{detail}"},
}


def audit_findings(url: str, report: dict, locale: str = "en") -> list[Finding]:
    """One finding per failing audit of the performance, best-practices and SEO categories: binary failures are
    violations (e.g. no meta description, not on HTTPS); scored opportunities are needs-review advice."""
    audits = report.get("audits", {})
    findings = []
    seen = set()
    for category in ("performance", "best-practices", "seo"):
        for ref in (report.get("categories", {}).get(category) or {}).get("auditRefs", []):
            audit_id = ref.get("id")
            audit = audits.get(audit_id) or {}
            if audit_id in seen or audit.get("score") is None:
                continue
            mode = audit.get("scoreDisplayMode")
            if mode == "binary" and audit["score"] < 1 and category != "performance":
                outcome, impact = Outcome.VIOLATION.value, "moderate"
            elif mode in ("numeric", "metricSavings", "binary") and audit["score"] < 0.9:
                outcome, impact = Outcome.NEEDS_REVIEW.value, "minor"
            else:
                continue
            seen.add(audit_id)
            title = _plain(audit.get("title") or audit_id)
            display = audit.get("displayValue") or ""
            detail = f" ({display})" if display else ""
            texts = _LH_MESSAGES[outcome]
            findings.append(Finding(
                rule=f"LH-{audit_id}", name=audit_id, outcome=outcome, impact=impact, scope="page", url=url,
                selector="", snippet="", message=(texts.get(locale) or texts["en"]).format(
                    title=title, audit=audit_id, detail=detail),
                wcag=_LH_WCAG.get(audit_id, ()), gigw=LH_GIGW.get(audit_id, _CATEGORY_GIGW[category]),
                engine="lighthouse", fingerprint=fingerprint(f"LH-{audit_id}", url, "", category),
                help_url="https://developer.chrome.com/docs/lighthouse/", message_id=outcome,
                data=tuple(sorted({"category": category, "score": str(audit["score"]),
                                   "display": display}.items())),
            ))
    return findings


def _plain(text: str) -> str:
    """Lighthouse titles use Markdown code spans; reports show plain text."""
    return text.replace("`", "")
