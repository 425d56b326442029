"""Crawl logic over the in-memory fetcher: what is fetched, what is refused, and what each record says."""
from __future__ import annotations

import gzip
from collections import Counter

import pytest

from kasauti.linter.crawl import CrawlOptions, crawl
from kasauti.linter.crawl.fake import FakeFetcher, FakeResponse, html, redirect

S = "https://m.gov.in"


def page(*links: str, title: str = "Page") -> FakeResponse:
    anchors = "".join(f'<a href="{href}">{href}</a>' for href in links)
    return html(f"<!doctype html><html lang='en'><title>{title}</title><body>{anchors}</body></html>")


def opts(**kw) -> CrawlOptions:
    kw.setdefault("delay", 0.0)
    kw.setdefault("use_sitemaps", False)
    kw.setdefault("retries", 0)
    return CrawlOptions(**kw)


def run(routes, start=S + "/", events=None, **kw):
    fetcher = FakeFetcher(routes)
    sink = events if events is not None else []
    records = list(crawl([start], opts(**kw), fetcher=fetcher, on_event=lambda k, **d: sink.append((k, d))))
    return records, fetcher


def by_url(records):
    return {r.url: r for r in records}


ROBOTS_OK = FakeResponse(404, "")


def test_breadth_first_deduplicated_with_referrer_and_depth():
    routes = {
        S + "/robots.txt": ROBOTS_OK,
        S + "/": page("/a", "/a#top", "a", "/x/../b", "HTTPS://M.GOV.IN:443/b", "/a?"),
        S + "/a": page("/c"),
        S + "/b": page("/c", "/"),
        S + "/c": page(),
    }
    records, fetcher = run(routes)
    pages = [r for r in records if r.kind == "page"]
    assert [p.url for p in pages] == [S + "/", S + "/a", S + "/b", S + "/c"]
    assert Counter(fetcher.urls()) == Counter([S + "/robots.txt", S + "/", S + "/a", S + "/b", S + "/c"])
    c = by_url(records)[S + "/c"]
    assert (c.referrer, c.depth, c.status, c.content_type) == (S + "/a", 2, 200, "text/html")
    assert all(p.text and p.error is None for p in pages)


def test_max_pages_is_exact():
    routes = {S + "/robots.txt": ROBOTS_OK, S + "/": page(*[f"/p{i}" for i in range(20)])}
    routes.update({S + f"/p{i}": page() for i in range(20)})
    records, fetcher = run(routes, max_pages=5)
    assert sum(1 for r in records if r.kind == "page" and r.text) == 5
    assert len([u for u in fetcher.urls() if "/p" in u]) == 4


def test_max_depth_and_skipped_events():
    routes = {S + "/robots.txt": ROBOTS_OK, S + "/": page("/1"), S + "/1": page("/2"), S + "/2": page("/3")}
    events = []
    records, fetcher = run(routes, events=events, max_depth=1)
    assert [r.url for r in records if r.kind == "page"] == [S + "/", S + "/1"]
    assert ("skipped", {"url": S + "/2", "reason": "max-depth", "resource": "page"}) in events


def test_include_exclude():
    routes = {S + "/robots.txt": ROBOTS_OK, S + "/": page("/tenders/1", "/tenders/archive/2", "/news/3"),
              S + "/tenders/1": page(), S + "/tenders/archive/2": page(), S + "/news/3": page()}
    records, fetcher = run(routes, include=("/tenders/*",), exclude=("*/archive/*",))
    assert {r.url for r in records if r.kind == "page"} == {S + "/", S + "/tenders/1"}  # the start URL always


def test_robots_disallow_is_honoured_and_recorded():
    routes = {S + "/robots.txt": FakeResponse(200, "User-agent: *\nDisallow: /private/\n", {"content-type": "text/plain"}),
              S + "/": page("/private/x", "/public"), S + "/public": page(), S + "/private/x": page()}
    records, fetcher = run(routes)
    private = by_url(records)[S + "/private/x"]
    assert (private.error, private.kind, private.referrer) == ("robots-disallowed", "page", S + "/")
    assert S + "/private/x" not in fetcher.urls()
    robots = by_url(records)[S + "/robots.txt"]
    assert (robots.kind, robots.status) == ("robots", 200) and "Disallow" in robots.text
    assert fetcher.urls()[0] == S + "/robots.txt"  # asked before anything else


def test_robots_5xx_disallows_everything_and_4xx_allows_everything():
    records, fetcher = run({S + "/robots.txt": FakeResponse(503, "busy"), S + "/": page("/a")})
    home = by_url(records)[S + "/"]
    assert home.error == "robots-disallowed" and "503" in home.error_detail
    assert fetcher.urls() == [S + "/robots.txt"]
    records, fetcher = run({S + "/robots.txt": FakeResponse(403, "no"), S + "/": page("/a"), S + "/a": page()})
    assert {r.url for r in records if r.kind == "page" and r.text} == {S + "/", S + "/a"}


def test_unreachable_robots_records_the_network_error_on_pages():
    records, fetcher = run({S + "/robots.txt": FakeResponse(error="dns", error_detail="no such host")})
    home = by_url(records)[S + "/"]
    assert home.error == "dns" and "robots.txt" in home.error_detail
    assert by_url(records)[S + "/robots.txt"].error == "dns"
    assert fetcher.urls() == [S + "/robots.txt"]


def test_robots_off_still_reads_sitemaps_from_robots_but_does_not_obey():
    routes = {S + "/robots.txt": FakeResponse(200, f"User-agent: *\nDisallow: /\nSitemap: {S}/s.xml\n"),
              S + "/s.xml": FakeResponse(200, f"<urlset><url><loc>{S}/orphan</loc></url></urlset>",
                                         {"content-type": "application/xml"}),
              S + "/": page(), S + "/orphan": page()}
    records, fetcher = run(routes, respect_robots=False, use_sitemaps=True)
    assert {r.url for r in records if r.kind == "page" and r.text} == {S + "/", S + "/orphan"}
    records, fetcher = run(routes, respect_robots=False, use_sitemaps=False)
    assert fetcher.urls() == [S + "/"]


def test_sitemap_index_gzip_seeding():
    index = f"<sitemapindex><sitemap><loc>{S}/pages.xml.gz</loc></sitemap></sitemapindex>"
    urlset = gzip.compress(f"<urlset><url><loc>{S}/orphan/</loc></url><url><loc>https://other.in/x</loc></url>"
                           f"<url><loc>{S}/files/a.pdf</loc></url></urlset>".encode())
    routes = {S + "/robots.txt": FakeResponse(200, f"Sitemap: {S}/index.xml\n"),
              S + "/index.xml": FakeResponse(200, index, {"content-type": "application/xml"}),
              S + "/pages.xml.gz": FakeResponse(200, urlset, {"content-type": "application/x-gzip"}),
              S + "/": page(), S + "/orphan/": page(),
              S + "/files/a.pdf": FakeResponse(200, b"", {"content-type": "application/pdf", "content-length": "10"})}
    records, fetcher = run(routes, use_sitemaps=True)
    found = by_url(records)
    assert found[S + "/orphan/"].text and found[S + "/orphan/"].referrer == S + "/pages.xml.gz"
    assert found[S + "/orphan/"].depth == 1
    assert found[S + "/sitemap.xml"].kind == "sitemap" and found[S + "/sitemap.xml"].status == 404
    assert found[S + "/index.xml"].kind == "sitemap" and found[S + "/index.xml"].status == 200
    assert found[S + "/files/a.pdf"].kind == "document"
    assert "https://other.in/x" not in fetcher.urls()  # off-site sitemap entries are ignored


def test_redirects_loop_too_many_and_to_an_audited_page():
    routes = {S + "/robots.txt": ROBOTS_OK, S + "/": page("/loop1", "/hop0", "/old", "/b"),
              S + "/loop1": redirect("/loop2"), S + "/loop2": redirect("/loop1"),
              S + "/old": redirect(S + "/", 301), S + "/b": page()}
    routes.update({S + f"/hop{i}": redirect(f"/hop{i + 1}", 302) for i in range(20)})
    records, fetcher = run(routes, max_redirects=5)
    found = by_url(records)
    loop = found[S + "/loop1"]
    assert loop.error == "redirect-loop" and loop.redirects == [(301, S + "/loop2"), (301, S + "/loop1")]
    many = found[S + "/hop0"]
    assert many.error == "too-many-redirects" and len(many.redirects) == 6
    old = found[S + "/old"]
    assert (old.kind, old.status, old.final_url, old.text) == ("link-check", 200, S + "/", None)
    assert sum(1 for r in records if r.kind == "page" and r.text) == 2


def test_start_url_redirect_to_www_brings_the_new_host_into_scope():
    W = "https://www.m.gov.in"
    routes = {"http://m.gov.in/robots.txt": ROBOTS_OK, W + "/robots.txt": ROBOTS_OK,
              "http://m.gov.in/": redirect(W + "/"), W + "/": page("/about/"), W + "/about/": page()}
    records, _ = run(routes, start="http://m.gov.in/")
    home = by_url(records)["http://m.gov.in/"]
    assert home.final_url == W + "/" and home.redirects == [(301, W + "/")] and home.text
    assert by_url(records)[W + "/about/"].text


def test_non_html_at_page_urls():
    routes = {S + "/robots.txt": ROBOTS_OK, S + "/": page("/logo", "/report"),
              S + "/logo": FakeResponse(200, b"\x89PNG", {"content-type": "image/png"}),
              S + "/report": FakeResponse(200, b"%PDF", {"content-type": "application/pdf"})}
    records, fetcher = run(routes)
    logo, report = by_url(records)[S + "/logo"], by_url(records)[S + "/report"]
    assert (logo.kind, logo.error, logo.text) == ("asset", "not-html", None)
    assert (report.kind, report.error, report.content_type) == ("document", None, "application/pdf")


def test_error_pages_are_recorded_not_followed():
    routes = {S + "/robots.txt": ROBOTS_OK, S + "/": page("/gone"),
              S + "/gone": FakeResponse(404, "<a href='/hidden'>x</a>")}
    records, fetcher = run(routes)
    gone = by_url(records)[S + "/gone"]
    assert (gone.kind, gone.status, gone.error, gone.text) == ("page", 404, None, None)
    assert S + "/hidden" not in fetcher.urls()


def test_documents_head_with_ranged_get_fallback():
    def no_head(url, method, headers):
        if method == "HEAD":
            return FakeResponse(405)
        assert headers == {"Range": "bytes=0-0"}
        return FakeResponse(206, b"%", {"content-type": "application/pdf", "content-range": "bytes 0-0/123456"})

    routes = {S + "/robots.txt": ROBOTS_OK, S + "/": page("/a.pdf", "/b.pdf", "/c.xlsx"),
              S + "/a.pdf": FakeResponse(200, b"", {"content-type": "application/pdf", "content-length": "5000"}),
              S + "/b.pdf": no_head}
    records, fetcher = run(routes)
    a, b, c = (by_url(records)[S + p] for p in ("/a.pdf", "/b.pdf", "/c.xlsx"))
    assert (a.kind, a.status, a.size, a.content_type) == ("document", 200, 5000, "application/pdf")
    assert (b.kind, b.status, b.size) == ("document", 206, 123456)
    assert (c.kind, c.status) == ("document", 404)
    assert ("HEAD", S + "/a.pdf") in [(m, u) for _, m, u in fetcher.requests]
    assert not any(m == "GET" and u == S + "/a.pdf" for _, m, u in fetcher.requests)
    records, fetcher = run(routes, check_documents=False)
    assert not any(".pdf" in u for u in fetcher.urls())


def test_external_links_head_only_never_followed_and_limited():
    routes = {S + "/robots.txt": ROBOTS_OK,
              S + "/": page(*[f"https://ext{i}.in/p" for i in range(5)], "https://ext0.in/p#frag")}
    routes.update({f"https://ext{i}.in/p": page("/deeper") for i in range(5)})
    records, fetcher = run(routes, max_external_checks=3)
    checks = [r for r in records if r.kind == "link-check"]
    assert len(checks) == 3 and all(r.status == 200 and r.referrer == S + "/" for r in checks)
    assert all(m == "HEAD" for _, m, u in fetcher.requests if "ext" in u)
    assert not any("deeper" in u for u in fetcher.urls())
    assert not any("ext" in u and "robots" in u for u in fetcher.urls())  # no robots.txt for a single HEAD
    records, fetcher = run(routes, check_links=False)
    assert not any("ext" in u for u in fetcher.urls())


def test_invalid_urls_and_traps_are_records_not_exceptions():
    routes = {S + "/robots.txt": ROBOTS_OK, S + "/": page("http://exa mple.in/", "http://[::1/", "/a/a/a/")}
    records, fetcher = run(routes)
    errors = Counter(r.error for r in records if r.error)
    assert errors == {"invalid-url": 2, "trap": 1}
    assert all(r.referrer == S + "/" for r in records if r.error)
    records = list(crawl(["not a url", "ftp://x.in/"], opts(), fetcher=FakeFetcher()))
    assert [(r.kind, r.error) for r in records] == [("page", "invalid-url")] * 2
    fetcher = FakeFetcher({S + "/robots.txt": ROBOTS_OK, S + "/": page()})
    records = list(crawl([S + "/", S, S + "/#top"], opts(), fetcher=fetcher))
    assert fetcher.urls() == [S + "/robots.txt", S + "/"]


def test_transient_errors_are_retried():
    answers = iter([FakeResponse(503, "busy"), FakeResponse(error="connect", error_detail="reset"), page()])
    routes = {S + "/robots.txt": ROBOTS_OK, S + "/": lambda u, m, h: next(answers)}
    records, fetcher = run(routes, retries=2)
    home = by_url(records)[S + "/"]
    assert home.status == 200 and home.text
    assert fetcher.urls().count(S + "/") == 3


def test_retries_give_up_and_keep_the_last_answer():
    routes = {S + "/robots.txt": ROBOTS_OK, S + "/": FakeResponse(500, "broken")}
    records, fetcher = run(routes, retries=1)
    assert by_url(records)[S + "/"].status == 500 and fetcher.urls().count(S + "/") == 2


def test_a_failing_fetcher_or_event_callback_never_escapes():
    class Exploding(FakeFetcher):
        def fetch(self, url, method="GET", headers=None, body=True):
            if url.endswith("/boom"):
                raise RuntimeError("kaboom")
            return super().fetch(url, method, headers, body)

    fetcher = Exploding({S + "/robots.txt": ROBOTS_OK, S + "/": page("/boom", "/ok"), S + "/ok": page()})

    def bad_callback(kind, **data):
        raise ValueError("progress bar bug")

    records = list(crawl([S + "/"], opts(), fetcher=fetcher, on_event=bad_callback))
    assert by_url(records)[S + "/boom"].error == "http-error"
    assert by_url(records)[S + "/ok"].text


def test_events_describe_the_crawl():
    events = []
    routes = {S + "/robots.txt": ROBOTS_OK, S + "/": page("/a", "/gone.pdf", "/a/a/a/")}
    routes[S + "/a"] = page()
    run(routes, events=events)
    kinds = Counter(k for k, _ in events)
    assert kinds["found"] == 3  # home, /a, /gone.pdf (robots.txt is asked for, not found)
    assert kinds["fetched"] == 4 and kinds["failed"] == 1
    found = [d for k, d in events if k == "found" and d["resource"] == "page"]
    assert found[1] == {"url": S + "/a", "resource": "page", "depth": 1, "referrer": S + "/"}


def test_closing_the_generator_early_is_clean():
    routes = {S + "/robots.txt": ROBOTS_OK, S + "/": page(*[f"/p{i}" for i in range(10)])}
    routes.update({S + f"/p{i}": page() for i in range(10)})
    fetcher = FakeFetcher(routes)
    stream = crawl([S + "/"], opts(), fetcher=fetcher)
    first = next(stream)
    stream.close()
    assert first.kind == "robots"
    assert len(fetcher.urls()) <= 3


@pytest.mark.parametrize("concurrency", [1, 3])
def test_one_request_at_a_time_per_host_even_with_concurrency(concurrency):
    import threading
    import time

    state = {"inside": Counter(), "overlap": False}
    lock = threading.Lock()

    def slow(url, method, headers):
        host = url.split("/")[2]
        with lock:
            state["inside"][host] += 1
            state["overlap"] |= state["inside"][host] > 1
        time.sleep(0.01)
        with lock:
            state["inside"][host] -= 1
        return page(*[f"/p{i}" for i in range(6)]) if url.endswith("/") else page()

    links = [f"https://ext{i}.in/x" for i in range(4)] + [f"/p{i}" for i in range(6)]
    routes = {S + "/robots.txt": ROBOTS_OK, S + "/": page(*links)}
    routes.update({S + f"/p{i}": slow for i in range(6)})
    routes.update({f"https://ext{i}.in/x": slow for i in range(4)})
    records, fetcher = run(routes, concurrency=concurrency)
    assert not state["overlap"]
    assert sum(1 for r in records if r.kind == "link-check" and r.status == 200) == 4
