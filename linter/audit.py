"""Orchestration: source (crawl or folder) -> static engine (page pass, site pass) -> browser engines -> result.

Pages are parsed and checked in worker processes (one per core) with a bounded number in flight, so a
2,000-page folder uses both cores and memory does not grow with the number of pages waiting.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import logging
import threading
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit


from .crawl import CrawlOptions, FolderWalker, crawl, normalize_url
from .crawl.throttle import HostThrottle
from .engines.static import check_site, split_rules
from .model import FetchedPage, Finding, Outcome, SiteResult
from .page_pool import page_pass_all, slim
from .rules import select_rules
from .site import LinkSpill, Site, share_values

log = logging.getLogger("kasauti.audit")
Event = Callable[..., None]
ENGINE_NAMES = ("static", "axe", "lighthouse")


class AuditError(Exception):
    """A problem with what was asked (bad target, missing browser for a requested engine): exit code 2."""


@dataclass
class AuditOptions:
    engines: tuple[str, ...] = ("static",)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    locale: str = "en"
    crawl: CrawlOptions = field(default_factory=CrawlOptions)
    base_url: str | None = None  # folder audits: the URL the folder is published at
    workers: int = 0  # processes for the static page pass; 0 = one per core
    axe: object | None = None  # engines.axe.AxeOptions
    lighthouse: object | None = None  # engines.lighthouse.LighthouseOptions


def is_url(target: str) -> bool:
    return urlsplit(target).scheme in ("http", "https")


def audit(target: str, options: AuditOptions | None = None, on_event: Event | None = None) -> SiteResult:
    """Audit a site URL or a built site folder and return the scored result."""
    target = str(target)
    options = options or AuditOptions()
    on_event = on_event or (lambda *a, **k: None)
    unknown = [e for e in options.engines if e not in ENGINE_NAMES]
    if unknown:
        raise AuditError(f"unknown engine(s): {', '.join(unknown)} (choose from {', '.join(ENGINE_NAMES)})")
    check_engines(options.engines)  # a missing browser or node is said before any page is fetched
    rules = select_rules(options.select, options.ignore)
    started = _now()
    started_clock = _clock()

    throttle = None
    if is_url(target):
        live = True
        walker = None
        start_url = normalize_url(target)
        throttle = HostThrottle(options.crawl.delay)  # shared with the browsers' page loads
        source = crawl([start_url], options.crawl, on_event=on_event, throttle=throttle)
        folder = None
    else:
        folder = Path(target)
        if not folder.is_dir():
            raise AuditError(f"{target!r} is neither an http(s) URL nor a folder")
        if not any(folder.rglob("*.htm*")):
            raise AuditError(f"{target!r} contains no HTML files (did the site build run?)")
        live = False
        # Each page is parsed once, in a worker: the walker gets its links back from the page pass.
        walker = FolderWalker(folder, options.base_url, options.crawl, on_event)
        source = walker.pages(read=False)
        start_url = None

    page_rules, site_rules = split_rules(rules)
    findings: list[Finding] = []
    site = Site(start_url=start_url or "", live=live)
    page_urls: list[str] = []
    failed_pages: list[FetchedPage] = []
    links, shared = LinkSpill(), {}  # see site.py: what keeps memory flat as the site grows

    checked = page_pass_all(source, page_rules, site_rules, workers=options.workers, select=options.select,
                            ignore=options.ignore, locale=options.locale, live=live,
                            is_home=_home_detector(lambda: site.start_url, live))
    for fetched, page_findings, facts in checked:
        if facts is None:
            if not site.start_url and not live and fetched.kind in ("robots", "sitemap"):
                # The walker reports robots.txt and sitemap.xml first, at the folder's published root.
                site.start_url = fetched.url.rsplit("/", 1)[0] + "/"
            if fetched.kind == "page":  # an HTML page that could not be fetched, read or checked
                failed_pages.append(fetched)
                if walker is not None and fetched.error:  # the walker said "fetched" before the worker read it
                    on_event("failed", url=fetched.url, error=fetched.error, detail=fetched.error_detail,
                             resource="page", status=fetched.status)
            site.resources.append(slim(fetched))
            continue
        if not site.start_url:
            site.start_url = facts.url
        if walker is not None:
            site.resources.extend(walker.links_of(fetched, facts.targets))
            facts.targets = ()
        findings.extend(page_findings)
        facts.links = links.spill(facts.links)
        facts.extra = share_values(facts.extra, shared)
        site.pages.append(facts)
        page_urls.append(facts.url)
        on_event("audited", url=facts.url)
    if walker is not None:
        site.resources.extend(walker.documents())

    if not site.start_url:
        site.start_url = start_url or (options.base_url or "http://localhost/")
    if site.pages:  # with no page audited, "no Contact page" and the like would be noise, not findings
        findings.extend(check_site(site, site_rules, locale=options.locale))

    stats = {"pages_found": len(site.pages) + len(failed_pages), "pages_audited": len(site.pages),
             "pages_failed": len(failed_pages), "resources": len(site.resources)}
    browser = _browser_engines(options, page_urls, folder, site.start_url, on_event,
                               throttle if options.crawl.delay > 0 else None)
    browser.findings = [f for f in browser.findings if _selected(f.rule, rules, options.select, options.ignore)]
    if browser.findings or browser.axe_rules:
        from .engines.axe import merge_findings  # noqa: PLC0415 - optional engine

        findings = merge_findings(findings, browser.findings, browser.axe_rules)
    stats["browser_errors"] = len(browser.failures)
    if browser.failures:
        stats["browser_failures"] = browser.failures
    if browser.lighthouse:
        stats["lighthouse"] = browser.lighthouse
    stats["seconds"] = round(_clock() - started_clock, 3)

    from .scoring import build_result  # noqa: PLC0415

    pages = [(p.url, p.status, p.title, None) for p in site.pages]
    pages += [(f.url, f.status, None, f.error or (f"HTTP {f.status}" if f.status else "failed")) for f in failed_pages]
    return build_result(
        target=target, pages=pages, findings=findings, rules_run=rules, engines=tuple(options.engines),
        started=started, finished=_now(), stats=stats, locale=options.locale,
    )


# ---- page pass ----------------------------------------------------------------------------------------
def _home_detector(start_url: Callable[[], str], live: bool) -> Callable[[FetchedPage], bool]:
    """True for the first page that is the site's home (the start URL, or the folder's root page)."""
    seen = False

    def is_home(fetched: FetchedPage) -> bool:
        nonlocal seen
        if seen:
            return False
        first = start_url() or ""
        url = fetched.final_url or fetched.url
        seen = (not first and fetched.depth == 0) or _same_page(url, first) or \
            (not live and urlsplit(url).path in ("", "/"))
        return seen

    return is_home


def _same_page(a: str, b: str) -> bool:
    return bool(b) and a.split("#")[0].rstrip("/") == b.split("#")[0].rstrip("/")


# ---- browser engines ----------------------------------------------------------------------------------
@dataclass
class BrowserResults:
    findings: list[Finding] = field(default_factory=list)
    axe_rules: dict[str, frozenset[str]] = field(default_factory=dict)  # public page URL -> axe rules that ran
    failures: list[dict] = field(default_factory=list)  # {url, engine, error, detail}: pages an engine could not do
    lighthouse: list[dict] = field(default_factory=list)  # {url, scores, error}: one per sampled page


def engine_options(config: dict, engines, concurrency: int | None = None) -> dict:
    """`axe` and `lighthouse` keyword arguments for AuditOptions from the merged configuration: its `[axe]`,
    `[lighthouse]` and `[budgets]` tables (kasauti.toml or [tool.kasauti]); `concurrency` is --concurrency (or
    the top-level key) and sets the number of browsers. A bad table raises AuditError."""
    out: dict = {}
    try:
        if "axe" in engines:
            from .engines.axe import axe_options_from  # noqa: PLC0415

            out["axe"] = axe_options_from(config.get("axe"), concurrency)
        if "lighthouse" in engines:
            from .engines.lighthouse import lighthouse_options_from  # noqa: PLC0415

            out["lighthouse"] = lighthouse_options_from(config.get("lighthouse"), config.get("budgets"))
    except (ValueError, TypeError) as exc:
        raise AuditError(f"configuration: {exc}") from exc
    return out


def check_engines(engines) -> None:
    """Raise AuditError with every problem that stops a requested browser engine (missing Chromium,
    chromedriver, axe-core, node or Lighthouse) before any page is fetched."""
    problems = []
    if "axe" in engines:
        from .engines import axe  # noqa: PLC0415

        problems += [f"the axe engine cannot run: {p}" for p in axe.check_environment()]
    if "lighthouse" in engines:
        from .engines import lighthouse  # noqa: PLC0415

        problems += [f"the lighthouse engine cannot run: {p}" for p in lighthouse.check_environment()]
    if problems:
        raise AuditError("; ".join(problems) + " (--engines static needs none of these)")


def _browser_engines(options: AuditOptions, page_urls: list[str], folder: Path | None, start_url: str,
                     on_event: Event, throttle=None) -> BrowserResults:
    """axe and Lighthouse on the audited pages. `throttle` (live sites) spaces the axe browsers' page loads as
    the crawl spaced its requests, with what the crawl learnt (Crawl-delay, Retry-After)."""
    wanted = [e for e in options.engines if e in ("axe", "lighthouse")]
    out = BrowserResults()
    if not wanted or not page_urls:
        return out
    with _served(folder, start_url) as to_local:
        local_to_public = {to_local(u): u for u in page_urls}
        if "axe" in wanted:
            from .engines import axe  # noqa: PLC0415

            axe_options = options.axe or axe.AxeOptions(concurrency=options.crawl.concurrency)
            for page in axe.audit_urls(list(local_to_public), axe_options, locale=options.locale,
                                       on_event=on_event, throttle=throttle):
                public = local_to_public.get(page.url, page.url)
                out.findings.extend(_republish(f, page.url, public) for f in page.findings)
                if page.error:
                    out.failures.append({"url": public, "engine": "axe", "error": page.error, "detail": page.detail})
                    out.findings.append(not_audited_finding(public, "axe", page.error, options.locale))
                    on_event("browser-failed", url=public, engine="axe", error=page.error, detail=page.detail)
                else:
                    out.axe_rules[public] = page.axe_rules
        if "lighthouse" in wanted:
            from .engines import lighthouse  # noqa: PLC0415

            lh_options = options.lighthouse or lighthouse.LighthouseOptions()
            sample = lighthouse.sample_urls(list(local_to_public), lh_options.pages)
            for url, found, scores, error in lighthouse.run_lighthouse(sample, lh_options, locale=options.locale,
                                                                       on_event=on_event):
                public = local_to_public.get(url, url)
                out.findings.extend(_republish(f, url, public) for f in found)
                out.lighthouse.append({"url": public, "scores": scores, "error": error})
                if error:
                    out.failures.append({"url": public, "engine": "lighthouse", "error": error.split(":")[0],
                                         "detail": error})
                    out.findings.append(not_audited_finding(public, "lighthouse", error, options.locale))
                    on_event("browser-failed", url=public, engine="lighthouse", error=error)
    return out


def not_audited_finding(url: str, engine: str, error: str, locale: str):
    """BRW007: the page an engine could not audit, as a needs-review finding (reports and --fail-on-review
    see it; stats.browser_failures keeps the detail)."""
    from .engines.axe import browser_rule_finding  # noqa: PLC0415 - optional engine

    return browser_rule_finding("BRW007", url, "", "", "default", {"engine": engine, "error": error[:120]}, locale,
                                Outcome.NEEDS_REVIEW.value)


def _selected(rule_id: str, rules, select, ignore) -> bool:
    """--select/--ignore for browser engine findings: Kasauti codes (BRW, BUD) as for every rule; axe rule ids and
    Lighthouse audits (LH-...) by their id or a prefix of it, case-insensitively."""
    from .rules import get_rule  # noqa: PLC0415

    if get_rule(rule_id) is not None:
        return any(r.code == rule_id for r in rules)

    def matches(patterns) -> bool:
        return any(rule_id.lower().startswith(p.lower()) for p in patterns if p)

    return (not select or matches(select)) and not matches(ignore)


def _republish(finding: Finding, local: str, public: str) -> Finding:
    return finding if local == public else replace(finding, url=public)


@contextlib.contextmanager
def _served(folder: Path | None, start_url: str):
    """For folder audits, serve the folder on 127.0.0.1 so a browser can load it; yields public->local URL map."""
    if folder is None:
        yield lambda url: url
        return
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = urlsplit(start_url)
    prefix = base.path if base.path.endswith("/") else base.path.rsplit("/", 1)[0] + "/"
    local_root = f"http://127.0.0.1:{server.server_address[1]}/"

    def to_local(url: str) -> str:
        parts = urlsplit(url)
        path = parts.path[len(prefix):] if parts.path.startswith(prefix) else parts.path.lstrip("/")
        return urljoin(local_root, path) + (f"?{parts.query}" if parts.query else "")

    try:
        yield to_local
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _clock() -> float:
    import time  # noqa: PLC0415

    return time.perf_counter()
