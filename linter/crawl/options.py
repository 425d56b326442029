"""Crawl settings. Defaults are polite: one request at a time per host, a second apart, robots.txt honoured."""
from __future__ import annotations

from dataclasses import dataclass

from kasauti import __version__

DEFAULT_USER_AGENT = f"Kasauti/{__version__} (+https://github.com/kasauti/kasauti; accessibility audit)"


@dataclass
class CrawlOptions:
    max_pages: int = 500  # HTML pages audited at most
    max_depth: int = 10  # link hops from a start URL (sitemap URLs count as one hop)
    include: tuple[str, ...] = ()  # URL globs (fnmatch on the full URL or the path); empty = everything in scope
    exclude: tuple[str, ...] = ()
    delay: float = 1.0  # seconds between requests to one host (jittered +-20%), raised by Crawl-delay
    concurrency: int = 2  # hosts fetched in parallel (still one request at a time per host)
    timeout: float = 20.0  # per request (connect and each read), and the total deadline for one response
    max_bytes: int = 5_000_000  # response size cap, after decompression (gzip bombs are stopped)
    user_agent: str = DEFAULT_USER_AGENT
    respect_robots: bool = True
    use_sitemaps: bool = True
    check_documents: bool = True  # HEAD (fallback: ranged GET) linked PDF/DOC/XLS/... for status, type and size
    check_links: bool = True  # HEAD external links (never followed); in-scope links are crawled anyway
    retries: int = 2  # for transient errors (timeouts, 5xx, resets, 429) with exponential back-off
    max_redirects: int = 10
    max_external_checks: int = 200  # external link checks at most
