"""A hostile server on 127.0.0.1: every trick is survived, and every URL ends up as a record saying what happened."""
from __future__ import annotations

import gzip
import threading
import time
from datetime import date

import pytest

from kasauti.linter.crawl import CrawlOptions, crawl

from .servers import RecordingServer, html_route, page

MAX_BYTES = 1_000_000
TEN_MB = 10_000_000
BOMB = gzip.compress(b"\0" * 50_000_000, 9)  # ~50 KB on the wire, 50 MB inflated
THIS_YEAR = date.today().year


def _stream(h, total: int, declare_length: bool) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    if declare_length:
        h.send_header("Content-Length", str(total))
    else:
        h.send_header("Connection", "close")  # length given by closing the connection
        h.close_connection = True
    h.end_headers()
    chunk = b"<p>" + b"x" * 65_530 + b"</p>"
    sent = 0
    while sent < total:
        h.wfile.write(chunk)
        sent += len(chunk)


def _drip(h) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "1000")
    h.end_headers()
    for _ in range(1000):  # 1 byte every 50 ms: each read is quick, the whole body takes 50 s
        h.wfile.write(b"x")
        h.wfile.flush()
        time.sleep(0.05)


def _bomb(h) -> None:
    h.send(200, BOMB, "text/html; charset=utf-8", {"Content-Encoding": "gzip"})


def _calendar(h) -> None:
    _, _, year, month, _ = h.path.split("/")
    year, month = int(year), int(month)
    nxt = (year + 1, 1) if month == 12 else (year, month + 1)
    h.send(200, page(f"Events {year}-{month}", [f"/cal/{nxt[0]}/{nxt[1]:02d}/"]))


def _events(h) -> None:
    month = int(h.path.split("month=")[1])
    h.send(200, page(f"Month {month}", [f"/events?month={month + 1}"]))


ROUTES = {
    "/": html_route("Hostile home", [
        "/loop/a", "/big-declared", "/big-streamed", "/drip", "/bomb", "/bad-bytes",
        f"/cal/{THIS_YEAR}/01/", "/events?month=1", "/reset", "/image", "/corrupt-gzip", "/ok",
        "http://no-such-host.invalid/page", "/a/b/a/b/a/", "http://bad host/"]),
    "/loop/a": lambda h: h.redirect("/loop/b"),
    "/loop/b": lambda h: h.redirect("/loop/a"),
    "/big-declared": lambda h: _stream(h, TEN_MB, True),
    "/big-streamed": lambda h: _stream(h, TEN_MB, False),
    "/drip": _drip,
    "/bomb": _bomb,
    "/bad-bytes": lambda h: h.send(200, b"<!doctype html><title>Bytes</title><p>ok \xff\xfe\xc3( end</p>"),
    "/cal": _calendar,
    "/events": _events,
    "/reset": lambda h: h.reset(),
    "/image": lambda h: h.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png"),
    "/corrupt-gzip": lambda h: h.send(200, b"\x1f\x8b\x08\x00" + b"not really gzip" * 10, "text/html",
                                      {"Content-Encoding": "gzip"}),
    "/ok": html_route("Fine"),
}


class _PrefixRoutes(dict):
    """/cal/2026/01/ -> the /cal route."""

    def get(self, key, default=None):
        if key.startswith("/cal/"):
            return super().get("/cal")
        return super().get(key, default)


@pytest.fixture(scope="module")
def hostile_crawl():
    with RecordingServer(_PrefixRoutes(ROUTES)) as server:
        https_to_plain = server.url("/").replace("http://", "https://")
        options = CrawlOptions(delay=0.05, timeout=1.0, max_bytes=MAX_BYTES, retries=1, use_sitemaps=False,
                               max_depth=100)  # only the trap guard may stop the endless calendars
        started = time.monotonic()
        records = list(crawl([server.url("/"), "http://kasauti-test.invalid/", https_to_plain], options))
        took = time.monotonic() - started
        threads_after = threading.active_count()
    yield server, records, took, threads_after


def _one(records, url):
    matches = [r for r in records if r.url == url]
    assert len(matches) == 1, f"{url}: {len(matches)} records"
    return matches[0]


def test_every_url_is_recorded_with_its_error_kind(hostile_crawl):
    server, records, took, _ = hostile_crawl
    u = server.url
    expected = {
        u("/loop/a"): "redirect-loop",
        u("/big-declared"): "too-large",
        u("/big-streamed"): "too-large",
        u("/drip"): "timeout",
        u("/bomb"): "too-large",
        u("/reset"): "connect",
        u("/image"): "not-html",
        u("/corrupt-gzip"): "decode",
        "http://kasauti-test.invalid/": "dns",
        u("/").replace("http://", "https://"): "tls",
        "http://no-such-host.invalid/page": "dns",
        u("/a/b/a/b/a/"): "trap",
        u("/ok"): None,
        u("/bad-bytes"): None,
    }
    got = {url: _one(records, url).error for url in expected}
    assert got == expected
    assert any(r.error == "invalid-url" and "bad host" in r.url for r in records)
    assert took < 40  # about 6 s on an idle machine; the drip alone would take 50 s uncut


def test_details_of_hostile_answers(hostile_crawl):
    server, records, _, _ = hostile_crawl
    u = server.url
    loop = _one(records, u("/loop/a"))
    assert loop.redirects == [(302, u("/loop/b")), (302, u("/loop/a"))]
    bomb = _one(records, u("/bomb"))
    assert bomb.text is None and "decompressed" in bomb.error_detail
    streamed = _one(records, u("/big-streamed"))
    assert streamed.size is not None and MAX_BYTES < streamed.size < MAX_BYTES + 200_000
    assert _one(records, u("/big-declared")).size == TEN_MB
    drip = _one(records, u("/drip"))
    assert drip.elapsed_ms < 10_000  # two attempts, each cut near the 1 s deadline (uncut: 50 s each)
    bad = _one(records, u("/bad-bytes"))
    assert bad.kind == "page" and "\ufffd" in bad.text and bad.text.endswith("end</p>")
    assert "replaced" in bad.error_detail
    image = _one(records, u("/image"))
    assert (image.kind, image.content_type) == ("asset", "image/png")
    dns = _one(records, "http://no-such-host.invalid/page")
    assert dns.kind == "link-check" and dns.referrer == u("/")
    tls = _one(records, u("/").replace("http://", "https://"))
    assert tls.kind == "page" and "robots.txt" in tls.error_detail


def test_transient_failures_were_retried_once(hostile_crawl):
    server, _, _, _ = hostile_crawl
    assert server.paths().count("/reset") == 2
    assert server.paths().count("/drip") == 2
    assert server.paths().count("/bomb") == 1  # too large is not transient


def test_calendars_stop_at_the_trap_guard(hostile_crawl):
    server, records, _, _ = hostile_crawl
    calendar_hits = [p for p in server.paths() if p.startswith("/cal/")]
    assert 12 <= len(calendar_hits) <= 24  # this year and next, then refused
    month_hits = [p for p in server.paths() if p.startswith("/events")]
    assert len(month_hits) == 12  # ?month=13 is refused
    traps = [r for r in records if r.error == "trap"]
    assert any("/cal/" in r.url for r in traps) and any("month=13" in r.url for r in traps)


def test_a_hostile_server_leaves_no_threads_behind(hostile_crawl):
    _, _, _, threads_after = hostile_crawl
    crawler_threads = [t for t in threading.enumerate() if t.name.startswith("kasauti-crawl")]
    assert crawler_threads == []
