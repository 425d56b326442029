"""Crawling a live site and walking a built folder: both yield FetchedPage records for the audit.

    crawl(start_urls, options, *, fetcher=None, on_event=None) -> Iterator[FetchedPage]
    walk_folder(folder, *, base_url=None, options=None, on_event=None) -> Iterator[FetchedPage]
    normalize_url(url) -> str

`crawl` yields one record per URL it tried - kind "page" (HTML, `text` set), "document", "asset", "robots",
"sitemap" or "link-check" - and records every failure with an `error` kind from fetch.ERROR_KINDS instead of
raising. Politeness is made of small parts that can each be switched off: RobotsPolicy (robots.py),
HostThrottle (throttle.py), Scope (scope.py), Frontier (frontier.py), TrapGuard (traps.py).

`on_event(kind, **data)` is called from the caller's thread with kind one of:
    found    url, resource, depth, referrer    a URL was queued (pages, documents, link checks, sitemaps)
    fetched  url, status, resource, elapsed_ms a record without error was yielded
    failed   url, error, detail, resource, status  a record with an error was yielded
    skipped  url, reason, resource             a URL was not tried (max-depth, max-pages, filtered, ...)
"""
from .crawler import crawl
from .fetch import ERROR_KINDS, Fetcher, HttpxFetcher, RawResponse
from .folder import FolderWalker, detect_base_url, read_page_file, walk_folder
from .options import DEFAULT_USER_AGENT, CrawlOptions
from .urls import InvalidURL, normalize_url

__all__ = ["crawl", "walk_folder", "FolderWalker", "read_page_file", "normalize_url", "CrawlOptions", "DEFAULT_USER_AGENT", "ERROR_KINDS", "Fetcher",
           "HttpxFetcher", "RawResponse", "InvalidURL", "detect_base_url"]
