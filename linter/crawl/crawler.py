"""The polite crawler: frontier + scope + robots + throttle + trap guards around a Fetcher.

Threads, not asyncio: httpx.Client is thread-safe and a crawl is a handful of requests in flight at most
(`concurrency` hosts, one request per host at a time). All crawl state - frontier, scope, counters, events -
is owned by the thread iterating `crawl()`; worker threads only fetch and parse and hand back a TaskResult.
So `on_event` is always called from the caller's thread, and nothing but the throttle and robots cache is
shared.
"""
from __future__ import annotations

import logging
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable, Iterator
from urllib.parse import urljoin

from ..html import parse_html
from ..model import FetchedPage
from .decode import decode_body
from .fetch import Fetcher, HttpxFetcher, RawResponse
from .frontier import Frontier, Task
from .links import FoundLink, link_targets
from .options import CrawlOptions
from .robots import RobotsPolicy, RobotsRules
from .scope import Scope
from .sitemaps import gunzip_bounded, parse_sitemap
from .throttle import HostThrottle, parse_retry_after
from .traps import TrapGuard
from .urls import InvalidURL, host_key, is_document_type, is_document_url, is_html_type, normalize_url, origin

log = logging.getLogger("kasauti.crawl")
Event = Callable[..., None]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})
TRANSIENT_ERRORS = frozenset({"timeout", "connect"})
UNREACHABLE_ERRORS = frozenset({"dns", "connect", "tls", "timeout"})  # robots.txt failures that mean "no site"
MAX_BACKOFF = 30.0
MAX_SITEMAP_FETCHES = 50
MAX_SITEMAP_NESTING = 3
ROBOTS_MAX_REDIRECTS = 5  # RFC 9309 asks for at least five


@dataclass
class TaskResult:
    task: Task
    records: list[FetchedPage] = field(default_factory=list)
    links: list[FoundLink] = field(default_factory=list)
    robots: RobotsRules | None = None
    sitemap_urls: list[str] = field(default_factory=list)
    sitemap_children: list[str] = field(default_factory=list)


def crawl(start_urls: list[str], options: CrawlOptions | None = None, *, fetcher: Fetcher | None = None,
          on_event: Event | None = None, throttle: HostThrottle | None = None) -> Iterator[FetchedPage]:
    """Crawl from start_urls and yield a FetchedPage for every URL tried (see the package docstring). A given
    `throttle` carries what the crawl learnt (Crawl-delay, Retry-After, when each host was last asked) to
    whatever uses it next: the browser engines' page loads."""
    options = options or CrawlOptions()
    own_fetcher = fetcher is None
    if fetcher is None:
        fetcher = HttpxFetcher(options.user_agent, options.timeout, options.max_bytes,
                               max_connections=max(2, options.concurrency * 2))
    crawler = Crawler(options, fetcher, on_event, throttle=throttle)
    try:
        yield from crawler.run(start_urls)
    finally:
        crawler.shutdown()
        if own_fetcher:
            fetcher.close()


class Crawler:
    def __init__(self, options: CrawlOptions, fetcher: Fetcher, on_event: Event | None = None, *,
                 throttle: HostThrottle | None = None, traps: TrapGuard | None = None):
        self.options = options
        self.fetcher = fetcher
        self._on_event = on_event
        self.scope = Scope(include=options.include, exclude=options.exclude, max_depth=options.max_depth)
        self.robots = RobotsPolicy(options.user_agent, enabled=options.respect_robots)
        self.throttle = throttle or HostThrottle(options.delay)
        self.traps = traps or TrapGuard()
        self.frontier = Frontier()
        self.pool = ThreadPoolExecutor(max_workers=max(1, options.concurrency), thread_name_prefix="kasauti-crawl")
        self.inflight: dict[Future, Task] = {}
        self.busy: set[str] = set()
        self.out: deque[FetchedPage] = deque()
        self.audited: set[str] = set()  # final URLs of pages yielded with HTML
        self.site_origins: set[str] = set()  # where /sitemap.xml is looked for
        self.robots_requested: set[str] = set()
        self.pages_done = 0
        self.pages_inflight = 0
        self.external_checks = 0
        self.sitemap_fetches = 0
        self.sitemap_seeds = 0
        self.requests = 0
        self._event_failed = False

    # ---- main loop (caller's thread) -----------------------------------------------------------------
    def run(self, start_urls: list[str]) -> Iterator[FetchedPage]:
        for raw in start_urls:
            try:
                url = normalize_url(raw)
            except InvalidURL as exc:
                self._emit_record(FetchedPage(url=str(raw), final_url=str(raw), error="invalid-url",
                                              error_detail=str(exc), kind="page"))
                continue
            if url in self.frontier.seen:
                continue  # the same start URL twice
            self.scope.add_site(url)
            self.site_origins.add(origin(url))
            if not self.options.respect_robots and self.options.use_sitemaps:
                self._enqueue(Task(origin(url) + "/robots.txt", "robots"))  # read only for its Sitemap lines
            self._enqueue(Task(url, "page", 0, None))
        while True:
            self._submit()
            while self.out:
                yield self.out.popleft()
            if not self.inflight:
                self._submit()
                if not self.inflight and not self.out:
                    break
                continue
            done, _ = wait(list(self.inflight), return_when=FIRST_COMPLETED)
            for future in done:
                task = self.inflight.pop(future)
                self.busy.discard(task.host)
                if task.kind == "page":
                    self.pages_inflight -= 1
                try:
                    result = future.result()
                except Exception as exc:  # noqa: BLE001 - a bug in one task must not end the crawl
                    log.exception("crawl task failed: %s", task.url)
                    result = TaskResult(task, [self._error(task, "http-error", f"internal error: {exc!r}")])
                self._absorb(result)
        for task in self.frontier.drop_pages():
            self._event("skipped", url=task.url, reason="max-pages", resource=task.kind)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def _pages_ok(self) -> bool:
        return self.pages_done + self.pages_inflight < self.options.max_pages

    def _submit(self) -> None:
        if self.pages_done >= self.options.max_pages:
            for task in self.frontier.drop_pages():
                self._event("skipped", url=task.url, reason="max-pages", resource=task.kind)
        while len(self.inflight) < max(1, self.options.concurrency):
            task = self._next_task()
            if task is None:
                return
            if task.kind == "page":
                self.pages_inflight += 1
            self.busy.add(task.host)
            self.inflight[self.pool.submit(self._run_task, task)] = task

    def _next_task(self) -> Task | None:
        pages_ok = self._pages_ok()
        hosts = [h for h in self.frontier.hosts() if h not in self.busy and self.frontier.has_work(h, pages_ok)]
        for host in sorted(hosts, key=self.throttle.ready_at):
            while True:
                task = self.frontier.pop(host, pages_ok)
                if task is None:
                    break
                gate = self._robots_gate(task)
                if gate == "allowed":
                    return task
                if gate == "fetch-robots":
                    self.frontier.push(task, front=True)
                    robots_url = origin(task.url) + "/robots.txt"
                    self.robots_requested.add(origin(task.url))
                    self.frontier.mark_seen(robots_url)
                    return Task(robots_url, "robots", 0, None)
                # refused without a request: the record says why
        return None

    def _robots_gate(self, task: Task) -> str:
        if not self.options.respect_robots or task.kind not in ("page", "document", "sitemap"):
            return "allowed"
        task_origin = origin(task.url)
        rules = self.robots.get(task_origin)
        if rules is None:
            if task_origin in self.robots_requested:  # its robots.txt task died on an internal error
                return "allowed"
            return "fetch-robots"
        if rules.allows(task.url, self.options.user_agent):
            return "allowed"
        if rules.fetch_error in UNREACHABLE_ERRORS:
            self._emit_record(self._error(task, rules.fetch_error, f"robots.txt could not be fetched: {rules.reason}"))
        else:
            self._emit_record(self._error(task, "robots-disallowed", rules.reason or "disallowed by robots.txt"))
        return "refused"

    # ---- results (caller's thread) -------------------------------------------------------------------
    def _absorb(self, result: TaskResult) -> None:
        task = result.task
        if result.robots is not None:
            task_origin = origin(task.url)
            self.robots.store(task_origin, result.robots)
            self.throttle.set_crawl_delay(task.host, result.robots.crawl_delay)
            if self.options.use_sitemaps and self.scope.same_site(task.url):
                for sitemap in result.robots.sitemaps:
                    self._enqueue_sitemap(sitemap, task.url, 0)
                if task_origin in self.site_origins:
                    self._enqueue_sitemap(task_origin + "/sitemap.xml", None, 0)
        for child in result.sitemap_children:
            self._enqueue_sitemap(child, task.url, task.level + 1)
        for url in result.sitemap_urls:
            if self.sitemap_seeds >= 2 * self.options.max_pages:
                break
            if self._consider(url, 1, task.url, "sitemap"):
                self.sitemap_seeds += 1
        for record in result.records:
            if task.kind == "page" and record.kind == "page" and record.text is not None:
                self._accept_page(task, record, result.links)
            self._emit_record(record)

    def _accept_page(self, task: Task, record: FetchedPage, links: list[FoundLink]) -> None:
        final = record.final_url or record.url
        if final != record.url:
            self.frontier.mark_seen(final)
            if task.depth == 0 and not self.scope.same_site(final):
                self.scope.add_site(final)  # the start URL moved: the site lives there now
            if task.depth == 0:
                self.site_origins.add(origin(final))
                if self.options.use_sitemaps and not self.options.respect_robots \
                        and origin(final) + "/robots.txt" not in self.frontier.seen:
                    self._enqueue(Task(origin(final) + "/robots.txt", "robots"))
        if final in self.audited or not self.scope.same_site(final):
            # A redirect to a page already audited, or off the site: a checked link, not a page to audit.
            record.kind, record.text = "link-check", None
            return
        self.audited.add(final)
        self.pages_done += 1
        for link in links:
            self._consider(link.url, task.depth + 1, final, link.tag)

    def _consider(self, raw_url: str, depth: int, referrer: str | None, tag: str) -> bool:
        """Decide what to do with a discovered URL; True when it was queued."""
        try:
            return self._classify(raw_url, depth, referrer, tag)
        except Exception as exc:  # noqa: BLE001 - one odd link must not end the crawl
            log.exception("could not handle link %r", raw_url)
            self._emit_record(FetchedPage(url=str(raw_url), final_url=str(raw_url), error="invalid-url",
                                          error_detail=f"internal error: {exc!r}", depth=depth, referrer=referrer,
                                          kind="link-check"))
            return False

    def _classify(self, raw_url: str, depth: int, referrer: str | None, tag: str) -> bool:
        try:
            url = normalize_url(raw_url)
        except InvalidURL as exc:
            if self.frontier.mark_seen("invalid:" + raw_url):
                self._emit_record(FetchedPage(url=raw_url, final_url=raw_url, error="invalid-url", error_detail=str(exc),
                                              depth=depth, referrer=referrer, kind="link-check"))
            return False
        if url in self.frontier.seen:
            return False
        if not self.scope.same_site(url):
            if tag == "sitemap" or not self.options.check_links:
                return False
            if self.external_checks >= self.options.max_external_checks:
                self._event("skipped", url=url, reason="max-external-checks", resource="link-check")
                return False
            self.frontier.mark_seen(url)
            if len(url) > self.traps.max_url_length:
                self._emit_record(FetchedPage(url=url, final_url=url, error="trap", depth=depth, referrer=referrer,
                                              error_detail=f"URL longer than {self.traps.max_url_length} characters",
                                              kind="link-check"))
                return False
            self.external_checks += 1
            self._enqueue(Task(url, "link-check", depth, referrer))
            return True
        self.frontier.mark_seen(url)
        kind = "document" if is_document_url(url) else "page"
        if kind == "document" and not self.options.check_documents:
            self._event("skipped", url=url, reason="documents-not-checked", resource=kind)
            return False
        if kind == "page" and not self.scope.within_depth(depth):
            self._event("skipped", url=url, reason="max-depth", resource=kind)
            return False
        reason = self.scope.filtered_out(url)
        if reason:
            self._event("skipped", url=url, reason=reason, resource=kind)
            return False
        trap = self.traps.check(url)
        if trap:
            self._emit_record(FetchedPage(url=url, final_url=url, error="trap", error_detail=trap, depth=depth,
                                          referrer=referrer, kind=kind))
            return False
        self._enqueue(Task(url, kind, depth, referrer))
        return True

    def _enqueue(self, task: Task) -> None:
        self.frontier.mark_seen(task.url)
        self.frontier.push(task)
        self._event("found", url=task.url, resource=task.kind, depth=task.depth, referrer=task.referrer)

    def _enqueue_sitemap(self, raw_url: str, referrer: str | None, level: int) -> None:
        if level > MAX_SITEMAP_NESTING or self.sitemap_fetches >= MAX_SITEMAP_FETCHES:
            return
        try:
            url = normalize_url(raw_url)
        except InvalidURL:
            return
        if not self.scope.same_site(url) or url in self.frontier.seen:
            return
        self.sitemap_fetches += 1
        self._enqueue(Task(url, "sitemap", 0, referrer, level=level))

    def _emit_record(self, record: FetchedPage) -> None:
        if record.error:
            self._event("failed", url=record.url, error=record.error, detail=record.error_detail, resource=record.kind,
                        status=record.status)
        else:
            self._event("fetched", url=record.url, status=record.status, resource=record.kind,
                        elapsed_ms=record.elapsed_ms)
        self.out.append(record)

    def _event(self, event: str, **data) -> None:
        if self._on_event is None:
            return
        try:
            self._on_event(event, **data)
        except Exception:  # noqa: BLE001 - a progress display must not abort an audit
            if not self._event_failed:
                log.warning("on_event callback failed; further failures are not logged", exc_info=True)
                self._event_failed = True

    # ---- tasks (worker threads) ----------------------------------------------------------------------
    def _run_task(self, task: Task) -> TaskResult:
        handler = {"page": self._fetch_page, "document": self._check, "link-check": self._check,
                   "robots": self._fetch_robots, "sitemap": self._fetch_sitemap}[task.kind]
        return handler(task)

    def _fetch_page(self, task: Task) -> TaskResult:
        def wanted(status: int, headers: dict) -> bool:
            ctype = _media(headers)
            return 200 <= status < 300 and (is_html_type(ctype) or not ctype)

        response, hops, final, elapsed = self._follow(task.url, "GET", None, wanted, task)
        record = self._record(task, response, hops, final, elapsed)
        if response.error or not (200 <= (response.status or 0) < 300):
            return TaskResult(task, [record])
        ctype = response.content_type
        if is_html_type(ctype) or (not ctype and _sniff_html(response.body)):
            text, encoding, replaced = decode_body(response.body, response.headers.get("content-type"))
            record.text = text
            record.size = len(response.body)
            if replaced:
                record.error_detail = f"invalid {encoding} bytes were replaced"
            try:
                links = link_targets(parse_html(text), final)
            except Exception as exc:  # noqa: BLE001 - lxml on a pathological page: keep the page, lose its links
                log.warning("links not extracted from %s: %s", final, exc)
                links = []
            return TaskResult(task, [record], links)
        if is_document_type(ctype) or is_document_url(final):
            record.kind = "document"
        else:
            record.kind = "asset"
            record.error = "not-html"
            record.error_detail = f"a page URL served {ctype or 'content without a type'}, not HTML"
        return TaskResult(task, [record])

    def _check(self, task: Task) -> TaskResult:
        """HEAD a document or external link; servers that refuse HEAD get a one-byte ranged GET."""
        response, hops, final, elapsed = self._follow(task.url, "HEAD", None, False, task)
        if (response.error in ("connect", "http-error") or
                (response.error is None and response.status is not None and response.status >= 400
                 and response.status != 429)):
            retry, hops2, final2, elapsed2 = self._follow(task.url, "GET", {"Range": "bytes=0-0"}, False, task)
            if retry.error is None or response.error is not None:
                response, hops, final, elapsed = retry, hops2, final2, elapsed + elapsed2
        record = self._record(task, response, hops, final, elapsed)
        record.size = _full_size(response)
        return TaskResult(task, [record])

    def _fetch_robots(self, task: Task) -> TaskResult:
        response, hops, final, elapsed = self._follow(task.url, "GET", None, True, task,
                                                      max_redirects=ROBOTS_MAX_REDIRECTS)
        record = self._record(task, response, hops, final, elapsed)
        text = None
        if response.status is not None and 200 <= response.status < 300 and response.error in (None, "too-large"):
            text = decode_body(response.body, response.headers.get("content-type"))[0]
            record.text = text
        if response.error in UNREACHABLE_ERRORS:
            rules = RobotsRules("disallow-all", f"{response.error}: {response.error_detail}",
                                fetch_error=response.error)
        else:
            status = response.status if response.error in (None, "too-large") else None
            rules = RobotsRules.from_response(status, text, self.options.user_agent)
        return TaskResult(task, [record], robots=rules)

    def _fetch_sitemap(self, task: Task) -> TaskResult:
        response, hops, final, elapsed = self._follow(task.url, "GET", None, True, task)
        record = self._record(task, response, hops, final, elapsed)
        result = TaskResult(task, [record])
        if response.error or response.status != 200:
            return result
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = gunzip_bounded(body, self.options.max_bytes) or b""
        record.text = decode_body(body, None)[0]
        sitemap = parse_sitemap(body)
        if sitemap.error:
            record.error_detail = sitemap.error
        if sitemap.kind == "index":
            result.sitemap_children = sitemap.urls
        else:
            result.sitemap_urls = [urljoin(final, u) for u in sitemap.urls]
        return result

    # ---- HTTP with redirects, retries and politeness (worker threads) --------------------------------
    def _follow(self, url: str, method: str, headers: dict | None, body, task: Task,
                max_redirects: int | None = None) -> tuple[RawResponse, list[tuple[int, str]], str, float]:
        """Fetch, following redirects by hand: (last response, hops, final URL, total elapsed ms)."""
        limit = self.options.max_redirects if max_redirects is None else max_redirects
        hops: list[tuple[int, str]] = []
        visited = {url}
        current = url
        elapsed = 0.0
        while True:
            response = self._fetch_with_retries(current, method, headers, body)
            elapsed += response.elapsed_ms
            location = response.headers.get("location")
            if response.error or response.status not in REDIRECT_STATUSES or not location:
                return response, hops, current, elapsed
            try:
                target = normalize_url(urljoin(current, location.strip()))
            except (InvalidURL, ValueError) as exc:
                response.error, response.error_detail = "invalid-url", f"redirect to an invalid location: {exc}"
                return response, hops, current, elapsed
            hops.append((response.status, target))
            if target in visited:
                response.error = "redirect-loop"
                response.error_detail = f"{current} redirects back to {target} after {len(hops)} hop(s)"
                return response, hops, current, elapsed
            if len(hops) > limit:
                response.error = "too-many-redirects"
                response.error_detail = f"more than {limit} redirects"
                return response, hops, current, elapsed
            if task.kind in ("page", "document") and self.options.respect_robots:
                allowed, reason = self.robots.allows(origin(target), target)
                if not allowed:
                    response.error, response.error_detail = "robots-disallowed", f"redirect target: {reason}"
                    return response, hops, target, elapsed
            visited.add(target)
            current = target

    def _fetch_with_retries(self, url: str, method: str, headers: dict | None, body) -> RawResponse:
        host = host_key(url)
        attempt = 0
        while True:
            with self.throttle.slot(host):
                self.requests += 1
                response = self.fetcher.fetch(url, method, headers, body)
            transient = response.error in TRANSIENT_ERRORS or (
                response.error is None and response.status in TRANSIENT_STATUSES)
            if not transient or attempt >= self.options.retries:
                return response
            wait_for = None
            if response.status in (429, 503):
                wait_for = parse_retry_after(response.headers.get("retry-after"))
            if wait_for is None:
                wait_for = min(MAX_BACKOFF, max(self.options.delay, 0.25) * 2 ** attempt)
            applied = self.throttle.defer(host, wait_for)
            log.debug("retrying %s %s in %.2fs (%s)", method, url, applied, response.error or response.status)
            attempt += 1

    # ---- records -------------------------------------------------------------------------------------
    def _record(self, task: Task, response: RawResponse, hops, final: str, elapsed: float) -> FetchedPage:
        return FetchedPage(
            url=task.url, final_url=final, status=response.status, headers=dict(response.headers),
            content_type=response.content_type, error=response.error, error_detail=response.error_detail,
            redirects=list(hops), depth=task.depth, referrer=task.referrer, elapsed_ms=round(elapsed, 1),
            size=response.size, kind=task.kind,
        )

    @staticmethod
    def _error(task: Task, kind: str, detail: str) -> FetchedPage:
        return FetchedPage(url=task.url, final_url=task.url, error=kind, error_detail=detail, depth=task.depth,
                           referrer=task.referrer, kind=task.kind)


def _media(headers: dict) -> str:
    return (headers.get("content-type") or "").split(";", 1)[0].strip().lower()


def _sniff_html(body: bytes) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<head" in head or b"<body" in head


def _full_size(response: RawResponse) -> int | None:
    """Size of the whole resource: Content-Range's total for a ranged answer, else Content-Length."""
    content_range = response.headers.get("content-range", "")
    if "/" in content_range:
        total = content_range.rsplit("/", 1)[1].strip()
        if total.isascii() and total.isdigit():
            return int(total)
    if response.status == 206:
        return None
    return response.size
