"""One site of a survey, as stages: the same `audit()` that `kasauti audit` runs, then the browser engines.

    static      crawl politely (robots, throttle, scope) + static rules + scoring      -> queue "static"
    browser     axe-core and the browser checks on the audited pages, in a long-lived  -> queue "browser"
                Chromium of this worker process (recycled after N pages or a memory cap)
    lighthouse  Lighthouse on sampled pages, one run at a time per machine             -> queue "lighthouse"

Only the stages the survey's engines need run. Each stage claims the (run, site) row with a lease that a
heartbeat thread keeps alive, does its work, and either hands the row to the next stage (its partial result is
kept as a JSON report) or finishes it: the JSON (and HTML) report files are written, then the result row and rule
counts in one transaction, once. A delivery that finds the row done, at another stage or leased by a live worker
does nothing. Any failure becomes a status (status.py), never a missing row.
"""
from __future__ import annotations

import inspect
import logging
import os
import signal
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Callable

from ..model import Finding, Outcome, SiteResult
from .sites import site_slug
from .status import StartRecord, classify
from .store import Claim, Store, lease_owner, now_iso

log = logging.getLogger("kasauti.fleet")
STAGES = ("static", "browser", "lighthouse")
REPORT_FORMATS = ("json", "html")


class SiteTimeLimit(Exception):
    """The site's audit ran over its soft time limit (in-process mode; Celery raises SoftTimeLimitExceeded)."""


@dataclass
class SurveySettings:
    """Everything a worker needs to audit a site the way the survey asked; stored with the run."""

    engines: tuple[str, ...] = ("static",)
    max_pages: int = 50
    max_depth: int = 10
    delay: float = 1.0  # seconds between requests to one host (politeness, as kasauti audit)
    timeout: float = 20.0
    ignore_robots: bool = False
    user_agent: str = ""
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    locale: str = "en"
    reports_dir: str = "fleet-reports"
    formats: tuple[str, ...] = REPORT_FORMATS
    site_time_limit: float = 1800.0  # soft: the site is recorded as time-limit; hard = soft + 60 s
    lease_ttl: float = 60.0  # seconds a lease lasts without a heartbeat
    max_attempts: int = 3  # claims of one stage before the site is recorded as crashed
    browser_pages: int = 0  # pages per site for axe (0 = every audited page)
    lighthouse_pages: int = 3

    def to_dict(self) -> dict:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "SurveySettings":
        known = {f.name: f for f in fields(cls)}
        values = {}
        for key, value in (data or {}).items():
            if key in known:
                values[key] = tuple(value) if isinstance(value, list) else value
        return cls(**values)

    @property
    def stages(self) -> tuple[str, ...]:
        wanted = ["static"]
        if "axe" in self.engines:
            wanted.append("browser")
        if "lighthouse" in self.engines:
            wanted.append("lighthouse")
        return tuple(wanted)

    def next_stage(self, stage: str) -> str | None:
        stages = self.stages
        index = stages.index(stage)
        return stages[index + 1] if index + 1 < len(stages) else None


@dataclass
class StageOutcome:
    outcome: str  # finished | advanced | done | leased | stage-moved | exhausted | missing | lost
    status: str | None = None
    next_stage: str | None = None
    retry_in: float = 0.0
    attempts: int = 0
    seconds: float = 0.0
    detail: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


# ---- the stage runner ---------------------------------------------------------------------------------
class Heartbeat:
    """Renews a lease every ttl/3 seconds while a stage works."""

    def __init__(self, store: Store, run_id: str, site_id: str, owner: str, ttl: float):
        self.args = (run_id, site_id, owner, ttl)
        self.store = store
        self.stop = threading.Event()
        self.lost = False
        self.thread = threading.Thread(target=self._beat, daemon=True, name="kasauti-lease")

    def _beat(self) -> None:
        while not self.stop.wait(max(self.args[3] / 3, 0.5)):
            try:
                if not self.store.renew(*self.args):
                    self.lost = True
                    return
            except Exception as exc:  # noqa: BLE001 - a database hiccup: try again at the next beat
                log.warning("lease renewal failed: %s", exc)

    def __enter__(self) -> "Heartbeat":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(timeout=5)


def run_stage(store: Store, run_id: str, site_id: str, stage: str, settings: SurveySettings, *,
              owner: str | None = None, time_limit_errors: tuple[type[BaseException], ...] = (SiteTimeLimit,),
              browser_factory: Callable | None = None) -> StageOutcome:
    """Claim the site's row for `stage`, do the stage, record what happened. Never raises for a site's own
    failures (those are statuses); raises only on database errors, so the task is retried."""
    owner = owner or lease_owner()
    claim: Claim = store.claim(run_id, site_id, stage, owner, ttl=settings.lease_ttl,
                               max_attempts=settings.max_attempts)
    if claim.outcome == "exhausted":
        detail = (f"the {stage} stage was started {claim.attempts} times and never finished: its worker died or "
                  f"was killed each time")
        finished = store.finish(run_id, site_id, {"status": "crashed", "detail": detail})
        return StageOutcome("finished" if finished else "done", "crashed", attempts=claim.attempts, detail=detail)
    if claim.outcome != "claimed":
        return StageOutcome(claim.outcome, retry_in=claim.retry_in, attempts=claim.attempts)
    row = store.result(run_id, site_id) or {}
    started = time.monotonic()
    with Heartbeat(store, run_id, site_id, owner, settings.lease_ttl):
        try:
            result, start = _do_stage(stage, row, settings, browser_factory)
        except time_limit_errors as exc:
            detail = f"the audit ran over its time limit of {settings.site_time_limit:g} s ({stage} stage)"
            log.warning("%s: %s (%s)", row.get("url"), detail, type(exc).__name__)
            return _finish_failure(store, run_id, site_id, "time-limit", detail, claim, started)
        except Exception as exc:  # noqa: BLE001 - a bug or an engine failure on this site: record it
            log.exception("%s: the %s stage failed", row.get("url"), stage)
            detail = f"{stage} stage: {type(exc).__name__}: {exc}"[:500]
            return _finish_failure(store, run_id, site_id, "crashed", detail, claim, started)
        next_stage = settings.next_stage(stage)
        values, rules = record_values(result, start)
        if next_stage and values["status"] == "ok":
            path = _report_path(settings, run_id, row["url"], f".{stage}.json")
            _write_atomic(path, _render("json", result, settings))
            if store.advance(run_id, site_id, owner, next_stage, str(path)):
                return StageOutcome("advanced", next_stage=next_stage, attempts=claim.attempts,
                                    seconds=time.monotonic() - started)
            return StageOutcome("lost", attempts=claim.attempts)
        values["seconds"] = round(time.monotonic() - started, 3)  # this stage's time
        written = _write_reports(settings, run_id, row["url"], result)
        values.update(written)
        if store.finish(run_id, site_id, values, rules):
            _commit_reports(written)
            return StageOutcome("finished", values["status"], attempts=claim.attempts, seconds=values["seconds"],
                                detail=values.get("detail", ""))
        _discard_reports(written)
        return StageOutcome("done", attempts=claim.attempts)


def _finish_failure(store: Store, run_id: str, site_id: str, status: str, detail: str, claim: Claim,
                    started: float) -> StageOutcome:
    finished = store.finish(run_id, site_id, {"status": status, "detail": detail,
                                              "seconds": round(time.monotonic() - started, 3)})
    return StageOutcome("finished" if finished else "done", status, attempts=claim.attempts, detail=detail)


def _do_stage(stage: str, row: dict, settings: SurveySettings, browser_factory) -> tuple[SiteResult, StartRecord | None]:
    if stage == "static":
        return static_stage(row["url"], settings)
    from ..report.json_report import load_json  # noqa: PLC0415

    previous = load_json(Path(row["stage_report"]).read_text("utf-8"))
    if stage == "browser":
        return browser_stage(previous, settings, browser_factory), None
    if stage == "lighthouse":
        return lighthouse_stage(previous, settings), None
    raise ValueError(f"unknown stage {stage!r}")


# ---- stages -------------------------------------------------------------------------------------------
def audit_options(settings: SurveySettings, engines: tuple[str, ...] = ("static",)):
    from ..audit import AuditOptions  # noqa: PLC0415
    from ..crawl import CrawlOptions  # noqa: PLC0415

    crawl = CrawlOptions(max_pages=settings.max_pages, max_depth=settings.max_depth, delay=settings.delay,
                         timeout=settings.timeout, respect_robots=not settings.ignore_robots,
                         concurrency=1)  # one site = one host: one request at a time, as its policy says
    if settings.user_agent:
        crawl.user_agent = settings.user_agent
    # workers=1: the fleet runs sites side by side; one site's page pass stays in its own process.
    return AuditOptions(engines=engines, select=settings.select, ignore=settings.ignore, locale=settings.locale,
                        crawl=crawl, workers=1)


def static_stage(url: str, settings: SurveySettings) -> tuple[SiteResult, StartRecord | None]:
    """`audit(url)` with the static engine, watching the crawler's events for what happened to the start URL."""
    from ..audit import audit  # noqa: PLC0415

    start: dict[str, StartRecord] = {}

    def on_event(kind: str, **data) -> None:
        if kind in ("fetched", "failed") and data.get("url") == url and "start" not in start \
                and data.get("resource") in ("page", "document", "asset"):
            start["start"] = StartRecord(error=data.get("error"), detail=data.get("detail") or "",
                                         status=data.get("status"), resource=data.get("resource") or "page")

    result = audit(url, audit_options(settings), on_event=on_event)
    return result, start.get("start")


def _page_urls(result: SiteResult, limit: int) -> list[str]:
    urls = [p.url for p in result.pages if p.error is None and p.score is not None]
    return urls[:limit] if limit else urls


def browser_stage(previous: SiteResult, settings: SurveySettings, browser_factory=None) -> SiteResult:
    """axe + browser checks on the pages the static stage audited, in this process's long-lived Chromium."""
    from ..audit import AuditError, not_audited_finding  # noqa: PLC0415 - BRW007, as audit() records it
    from ..crawl.throttle import HostThrottle  # noqa: PLC0415
    from ..engines import axe  # noqa: PLC0415
    from ..engines import browser as browsers  # noqa: PLC0415
    from .browsers import worker_session_factory  # noqa: PLC0415

    problems = axe.check_environment()
    if problems:
        raise AuditError("the axe engine cannot run: " + "; ".join(problems))
    options = axe.AxeOptions(concurrency=1)
    pool = browsers.BrowserPool(axe.session_settings(options), 1,
                                session_factory=browser_factory or worker_session_factory)
    # Page loads are requests to the surveyed site: spaced by the survey's delay, as the crawl's were.
    throttle = HostThrottle(settings.delay) if settings.delay > 0 else None
    job = axe.PageAudit(str(axe.find_axe_script()), options, settings.locale, throttle)
    found: list[Finding] = []
    errors: dict[str, str] = {}
    ran: dict[str, frozenset[str]] = {}  # url -> axe rules that ran (newer engines tell "found nothing" from "did not look")
    for outcome in pool.run(_page_urls(previous, settings.browser_pages), job):
        work = outcome.result
        found.extend(getattr(work, "findings", work) or [])  # a list of findings, or the page's work record
        if getattr(work, "axe_rules", None) is not None:
            ran[outcome.url] = work.axe_rules
        if outcome.error:
            errors[outcome.url] = outcome.error
            found.append(not_audited_finding(outcome.url, "axe", outcome.error, settings.locale))
    if ran and len(inspect.signature(axe.merge_findings).parameters) >= 3:
        merged = axe.merge_findings(list(previous.findings), found, ran)
    else:
        merged = axe.merge_findings(list(previous.findings), found)
    return _rescore(previous, merged, ("axe",), errors, settings)


def lighthouse_stage(previous: SiteResult, settings: SurveySettings) -> SiteResult:
    from ..audit import AuditError, not_audited_finding  # noqa: PLC0415 - BRW007, as audit() records it
    from ..engines import lighthouse  # noqa: PLC0415

    problems = lighthouse.check_environment()
    if problems:
        raise AuditError("the lighthouse engine cannot run: " + "; ".join(problems))
    options = lighthouse.LighthouseOptions(pages=settings.lighthouse_pages)
    sample = lighthouse.sample_urls(_page_urls(previous, 0), options.pages)
    found: list[Finding] = []
    errors: dict[str, str] = {}
    runs = []  # as audit() records them: the JSON report's stats.lighthouse
    for url, findings, scores, error in lighthouse.run_lighthouse(sample, options, locale=settings.locale):
        found.extend(findings)
        runs.append({"url": url, "scores": scores, "error": error})
        if error:
            errors[url] = f"lighthouse: {error}"
            found.append(not_audited_finding(url, "lighthouse", error, settings.locale))
    return _rescore(previous, list(previous.findings) + found, ("lighthouse",), errors, settings,
                    {"lighthouse": runs})


def _rescore(previous: SiteResult, findings: list[Finding], added: tuple[str, ...], errors: dict[str, str],
             settings: SurveySettings, extra_stats: dict | None = None) -> SiteResult:
    """Score the merged findings as `audit()` does when the browser engines run in the same call."""
    from ..rules import select_rules  # noqa: PLC0415
    from ..scoring import build_result  # noqa: PLC0415

    engines = tuple(dict.fromkeys((*previous.engines, *added)))
    stats = {k: v for k, v in previous.stats.items() if k != "rules_run"}
    stats.update(extra_stats or {})
    stats["browser_errors"] = int(stats.get("browser_errors", 0) or 0) + len(errors)
    if errors:
        stats["browser_failures"] = list(stats.get("browser_failures") or []) + [
            {"url": url, "error": error} for url, error in sorted(errors.items())]
    ran = set(previous.stats.get("rules_run") or ())
    rules_run = [r for r in select_rules(settings.select, settings.ignore) if r.code in ran or r.engine in added]
    return build_result(target=previous.target, pages=previous.pages, findings=findings, rules_run=rules_run,
                        engines=engines, started=previous.started_at, finished=now_iso(), stats=stats,
                        locale=previous.locale)


# ---- recording ----------------------------------------------------------------------------------------
def record_values(result: SiteResult, start: StartRecord | None) -> tuple[dict, list[dict]]:
    """The result row's values and the per-rule counts of a finished audit."""
    stats = result.stats
    audited = int(stats.get("pages_audited", sum(p.error is None for p in result.pages)) or 0)
    status, detail = classify(audited, start, [p.error for p in result.pages if p.error])
    violations = [f for f in result.findings if f.outcome == Outcome.VIOLATION.value]
    impacts = Counter(f.impact for f in violations)
    sections = result.gigw_sections or {}

    def section_score(key: str):
        return (sections.get(key) or {}).get("score") if status == "ok" else None

    values = {
        "status": status, "detail": detail[:1000],
        "score": result.score if status == "ok" else None,
        "gigw_overall": section_score("overall"),
        "gigw_5_1": section_score("5.1"), "gigw_5_2": section_score("5.2"),
        "gigw_5_3": section_score("5.3"), "gigw_5_4": section_score("5.4"),
        "pages_audited": audited, "pages_failed": int(stats.get("pages_failed", 0) or 0),
        "violations": len(violations),
        "needs_review": sum(f.outcome == Outcome.NEEDS_REVIEW.value for f in result.findings),
        **{impact: impacts.get(impact, 0) for impact in ("critical", "serious", "moderate", "minor")},
    }
    by_rule: dict[str, dict] = {}
    rank = {"minor": 1, "moderate": 2, "serious": 3, "critical": 4}
    for finding in violations:
        entry = by_rule.setdefault(finding.rule, {"rule": finding.rule, "name": finding.name,
                                                  "impact": finding.impact, "violations": 0, "urls": set()})
        entry["violations"] += 1
        entry["urls"].add(finding.url)
        if rank.get(finding.impact, 0) > rank.get(entry["impact"], 0):
            entry["impact"] = finding.impact
    rules = [{**{k: v for k, v in e.items() if k != "urls"}, "pages": len(e["urls"])} for e in by_rule.values()]
    return values, sorted(rules, key=lambda r: r["rule"])


def _report_path(settings: SurveySettings, run_id: str, url: str, suffix: str) -> Path:
    return Path(settings.reports_dir) / run_id / f"{site_slug(url)}{suffix}"


def _render(fmt: str, result: SiteResult, settings: SurveySettings) -> str:
    from ..report import RENDERERS  # noqa: PLC0415

    return RENDERERS[fmt](result, locale=settings.locale)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _write_reports(settings: SurveySettings, run_id: str, url: str, result: SiteResult) -> dict:
    """Render the final reports to temporary files; they are renamed into place once the row is written."""
    out: dict = {"_pending": []}
    for fmt in settings.formats:
        if fmt not in REPORT_FORMATS:
            continue
        path = _report_path(settings, run_id, url, f".{fmt}")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(_render(fmt, result, settings), encoding="utf-8")
        out["_pending"].append((tmp, path))
        out["report_path" if fmt == "json" else "html_report_path"] = str(path)
    return out


def _commit_reports(written: dict) -> None:
    for tmp, path in written.pop("_pending", []):
        os.replace(tmp, path)


def _discard_reports(written: dict) -> None:
    for tmp, _path in written.pop("_pending", []):
        try:
            tmp.unlink()
        except OSError:
            pass


# ---- in-process time limits ---------------------------------------------------------------------------
class soft_time_limit:
    """Raise SiteTimeLimit in the main thread after `seconds` (SIGALRM); the in-process runner's soft limit."""

    def __init__(self, seconds: float):
        self.seconds = seconds

    def _fire(self, signum, frame):
        raise SiteTimeLimit(f"over {self.seconds:g} s")

    def __enter__(self):
        if self.seconds and threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        if self.seconds and threading.current_thread() is threading.main_thread():
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


def run_site(store: Store, run_id: str, site_id: str, settings: SurveySettings, *,
             time_limit_errors: tuple[type[BaseException], ...] = (SiteTimeLimit,)) -> list[StageOutcome]:
    """Every stage still due for a site, one after another, in this process (the in-process runner)."""
    outcomes = []
    row = store.result(run_id, site_id)
    if row is None:
        return [StageOutcome("missing")]
    stage = row["stage"]
    while stage:
        outcome = run_stage(store, run_id, site_id, stage, settings, time_limit_errors=time_limit_errors)
        outcomes.append(outcome)
        stage = outcome.next_stage if outcome.outcome == "advanced" else None
    return outcomes


__all__ = ["STAGES", "SurveySettings", "StageOutcome", "SiteTimeLimit", "run_stage", "run_site", "record_values",
           "static_stage", "browser_stage", "lighthouse_stage", "soft_time_limit"]
