"""Sitemap parsing on good, odd and hostile input."""
from __future__ import annotations

import gzip

from hypothesis import given, settings
from hypothesis import strategies as st

from kasauti.linter.crawl.sitemaps import gunzip_bounded, parse_sitemap

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://m.gov.in/</loc><lastmod>2026-11-01</lastmod></url>
  <url><loc> https://m.gov.in/about/ </loc></url>
  <url><lastmod>2026-11-01</lastmod></url>
  <url><loc></loc></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://m.gov.in/sitemap-en.xml</loc></sitemap>
  <sitemap><loc>https://m.gov.in/sitemap-hi.xml.gz</loc></sitemap>
</sitemapindex>"""


def test_urlset():
    sitemap = parse_sitemap(URLSET)
    assert sitemap.kind == "urlset"
    assert sitemap.urls == ["https://m.gov.in/", "https://m.gov.in/about/"]


def test_index():
    sitemap = parse_sitemap(INDEX)
    assert sitemap.kind == "index"
    assert sitemap.urls == ["https://m.gov.in/sitemap-en.xml", "https://m.gov.in/sitemap-hi.xml.gz"]


def test_gzip_and_no_namespace_and_bom():
    assert parse_sitemap(gzip.compress(URLSET)).urls == ["https://m.gov.in/", "https://m.gov.in/about/"]
    bare = b"\xef\xbb\xbf<urlset><url><loc>https://m.gov.in/x</loc></url></urlset>"
    assert parse_sitemap(bare).urls == ["https://m.gov.in/x"]


def test_text_sitemap():
    sitemap = parse_sitemap(b"https://m.gov.in/\nhttps://m.gov.in/a/\n\nnot a url\n")
    assert (sitemap.kind, sitemap.urls) == ("text", ["https://m.gov.in/", "https://m.gov.in/a/"])


def test_entities_are_not_expanded_and_external_entities_not_fetched():
    xxe = b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">
    <!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
    <urlset><url><loc>https://m.gov.in/&x;</loc></url><url><loc>https://m.gov.in/&b;</loc></url></urlset>"""
    urls = parse_sitemap(xxe).urls
    assert not any("root:" in u for u in urls)
    assert not any("aaaaaaaaaa" in u for u in urls)


def test_not_a_sitemap():
    assert parse_sitemap(b"<html><body>Not found</body></html>").kind == "unknown"
    assert parse_sitemap(b"").kind == "unknown"
    assert parse_sitemap(b"\x1f\x8bnot gzip").error


def test_gzip_bomb_is_refused_with_bounded_memory():
    bomb = gzip.compress(b"\0" * 20_000_000, 9)
    assert len(bomb) < 100_000
    assert gunzip_bounded(bomb, limit=1_000_000) is None
    assert gunzip_bounded(gzip.compress(b"ok"), limit=10) == b"ok"


def test_loc_limit():
    many = b"<urlset>" + b"".join(b"<url><loc>https://m.gov.in/%d</loc></url>" % i for i in range(100)) + b"</urlset>"
    assert len(parse_sitemap(many, limit=10).urls) == 10


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_never_raise(data):
    sitemap = parse_sitemap(data)
    assert sitemap.kind in ("urlset", "index", "text", "unknown")


_fragments = st.sampled_from([b"<urlset>", b"</urlset>", b"<sitemapindex>", b"<url>", b"</url>", b"<loc>",
                              b"</loc>", b"<sitemap>", b"https://m.gov.in/a", b"&amp;", b"&bad;", b"<![CDATA[x]]>",
                              b"<?xml version='1.0'?>", b"\x00", b"\xff", b"<!--", b"-->", b" "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_fragments, max_size=30).map(b"".join))
def test_xml_soup_never_raises(data):
    sitemap = parse_sitemap(data)
    assert all(isinstance(u, str) and u.strip() == u for u in sitemap.urls)
