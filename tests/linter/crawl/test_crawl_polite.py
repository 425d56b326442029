"""A polite crawl of a small site served on 127.0.0.1: robots.txt, delays, sitemaps, 429, documents."""
from __future__ import annotations

import gzip
import statistics
import time

import pytest

from kasauti.linter.crawl import CrawlOptions, crawl

from .servers import RecordingServer, gaps, html_route, page, text_route


def polite_site(robots_extra: str = "") -> dict:
    busy_calls = []

    def busy(h):
        busy_calls.append(time.monotonic())
        if len(busy_calls) == 1:
            h.send(429, "slow down", "text/plain", {"Retry-After": "1"})
        else:
            h.send(200, page("Busy page"))

    def nohead(h):
        if h.command == "HEAD":
            h.send(405, b"", "text/plain")
        elif h.headers.get("Range") == "bytes=0-0":
            h.send(206, b"%", "application/pdf", {"Content-Range": "bytes 0-0/4096"})
        else:
            h.send(200, b"%" * 4096, "application/pdf")

    def report(h):
        h.send(200, b"%PDF-1.7" + b"x" * 2040, "application/pdf")

    routes = {
        "/": html_route("Home", ["/about/", "/news/", "/private/secret/", "/busy/", "/files/report.pdf",
                                 "/files/nohead.pdf", "/files/missing.pdf"]),
        "/about/": html_route("About", ["/", "/news/"]),
        "/news/": html_route("News", ["/news/1/", "/news/2/", "/private/other/"]),
        "/news/1/": html_route("News 1", ["/news/"]),
        "/news/2/": html_route("News 2", ["/news/"]),
        "/orphan/": html_route("Only in the sitemap"),
        "/private/secret/": html_route("Secret"),
        "/private/other/": html_route("Secret too"),
        "/busy/": busy,
        "/files/report.pdf": report,
        "/files/nohead.pdf": nohead,
    }
    routes["/robots.txt"] = lambda h: h.send(
        200, f"User-agent: *\nDisallow: /private/\n{robots_extra}Sitemap: {h.server.base}/sitemap_index.xml\n",
        "text/plain")
    routes["/sitemap_index.xml"] = lambda h: h.send(
        200, f"<sitemapindex><sitemap><loc>{h.server.base}/sitemap-pages.xml.gz</loc></sitemap></sitemapindex>",
        "application/xml")
    routes["/sitemap-pages.xml.gz"] = lambda h: h.send(200, gzip.compress(
        f"<urlset><url><loc>{h.server.base}/</loc></url><url><loc>{h.server.base}/orphan/</loc></url></urlset>"
        .encode()), "application/gzip")
    return routes


def test_polite_crawl_of_a_small_site():
    with RecordingServer(polite_site()) as server:
        events = []
        started = time.monotonic()
        records = list(crawl([server.url("/")], CrawlOptions(delay=0.05, retries=2),
                             on_event=lambda kind, **data: events.append(kind)))
        took = time.monotonic() - started
    found = {r.url: r for r in records}
    u = server.url

    # robots.txt first, honest User-Agent, disallowed paths never requested but recorded
    assert server.hits[0].path == "/robots.txt"
    assert all(h.user_agent.startswith("Kasauti/") and "github.com/kasauti" in h.user_agent for h in server.hits)
    assert not any(p.startswith("/private/") for p in server.paths())
    assert found[u("/private/secret/")].error == "robots-disallowed"
    assert found[u("/private/other/")].referrer == u("/news/")
    assert found[u("/robots.txt")].kind == "robots" and found[u("/robots.txt")].status == 200

    # sitemaps: the index from robots.txt, the gzipped child, /sitemap.xml looked for and missing
    assert found[u("/sitemap_index.xml")].kind == "sitemap"
    assert found[u("/sitemap.xml")].status == 404 and found[u("/sitemap.xml")].kind == "sitemap"
    orphan = found[u("/orphan/")]
    assert orphan.text and orphan.referrer == u("/sitemap-pages.xml.gz")

    # 429 with Retry-After: 1 -> asked again no sooner than a second later, then audited
    busy_hits = [h.at for h in server.hits if h.path == "/busy/"]
    assert len(busy_hits) == 2 and busy_hits[1] - busy_hits[0] >= 0.95
    assert found[u("/busy/")].status == 200 and found[u("/busy/")].text

    # documents: HEAD, a ranged GET when HEAD is refused, a 404 recorded as a status
    report, nohead, missing = (found[u(p)] for p in ("/files/report.pdf", "/files/nohead.pdf", "/files/missing.pdf"))
    assert (report.kind, report.status, report.size, report.content_type) == ("document", 200, 2048, "application/pdf")
    assert ("GET", "/files/report.pdf") not in [(h.method, h.path) for h in server.hits]
    assert (nohead.status, nohead.size) == (206, 4096)
    assert (missing.kind, missing.status, missing.error) == ("document", 404, None)

    # one request at a time, spaced by the delay (jitter -20% at most)
    assert server.max_active == 1
    assert min(gaps(server.hits)) >= 0.05 * 0.8 - 0.005
    pages = sorted(r.url for r in records if r.kind == "page" and r.text)
    assert pages == sorted(u(p) for p in ("/", "/about/", "/news/", "/news/1/", "/news/2/", "/orphan/", "/busy/"))
    assert {"found", "fetched", "failed"} <= set(events)
    assert took < 30


def _chain_site(n: int) -> dict:
    routes = {f"/p{i}/": html_route(f"Page {i}", [f"/p{i + 1}/"]) for i in range(n)}
    routes["/"] = html_route("Home", ["/p0/"])
    return routes


def test_configured_delay_is_measured_between_requests():
    with RecordingServer(_chain_site(8)) as server:
        list(crawl([server.url("/")], CrawlOptions(delay=0.2, use_sitemaps=False)))
    measured = gaps(server.hits)
    assert len(measured) >= 8
    assert min(measured) >= 0.2 * 0.8 - 0.005
    assert 0.18 <= statistics.mean(measured) <= 0.45  # upper bound loose: a loaded machine adds its own time


def test_crawl_delay_from_robots_raises_the_delay():
    routes = _chain_site(4)
    routes["/robots.txt"] = text_route("User-agent: *\nCrawl-delay: 0.3\n")
    with RecordingServer(routes) as server:
        list(crawl([server.url("/")], CrawlOptions(delay=0.02, use_sitemaps=False)))
    measured = gaps(server.hits)
    assert len(measured) >= 5
    assert min(measured) >= 0.3 - 0.005


@pytest.mark.parametrize("concurrency", [2])
def test_parallel_hosts_one_request_each(concurrency):
    """Two sites crawled together: requests overlap across hosts, never within one."""
    with RecordingServer(_chain_site(3)) as a, RecordingServer(_chain_site(3)) as b:
        # 127.0.0.1 and localhost are different hosts to the throttle
        start_b = b.url("/").replace("127.0.0.1", "localhost")
        records = list(crawl([a.url("/"), start_b], CrawlOptions(delay=0.1, concurrency=concurrency,
                                                                   use_sitemaps=False)))
    assert a.max_active == 1 and b.max_active == 1
    assert sum(1 for r in records if r.kind == "page" and r.text) == 8
    # crawled side by side: the second site's crawl starts before the first one's ends
    assert b.hits[0].at < a.hits[-1].at and a.hits[0].at < b.hits[-1].at
