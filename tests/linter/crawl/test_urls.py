"""URL normalisation and classification."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kasauti.linter.crawl.urls import (InvalidURL, _normalize_full, host_key, is_document_url, normalize_url, origin,
                                       remove_dot_segments, site_host)


@pytest.mark.parametrize("raw, expected", [
    ("HTTP://Example.GOV.in", "http://example.gov.in/"),
    ("http://example.gov.in:80/a", "http://example.gov.in/a"),
    ("https://example.gov.in:443/a", "https://example.gov.in/a"),
    ("https://example.gov.in:8443/a", "https://example.gov.in:8443/a"),
    ("http://example.gov.in/a/./b/../c", "http://example.gov.in/a/c"),
    ("http://example.gov.in/a/%2e%2E/b", "http://example.gov.in/b"),
    ("http://example.gov.in/a#section", "http://example.gov.in/a"),
    ("http://example.gov.in/a?", "http://example.gov.in/a"),
    ("http://example.gov.in/a?b=1&a=2", "http://example.gov.in/a?b=1&a=2"),  # order kept
    ("http://example.gov.in/%7euser/%41", "http://example.gov.in/~user/A"),  # unreserved decoded
    ("http://example.gov.in/a%2fb%3f", "http://example.gov.in/a%2Fb%3F"),  # reserved escapes kept, upper-cased
    ("http://example.gov.in/my file.pdf", "http://example.gov.in/my%20file.pdf"),
    ("http://example.gov.in/100%", "http://example.gov.in/100%25"),
    ("http://example.gov.in/योजना", "http://example.gov.in/%E0%A4%AF%E0%A5%8B%E0%A4%9C%E0%A4%A8%E0%A4%BE"),
    ("http://मंत्रालय.भारत/", "http://xn--i1b2e2agem7fxf.xn--h2brj9c/"),
    ("http://example.gov.in./", "http://example.gov.in/"),
    ("  http://example.gov.in/\n", "http://example.gov.in/"),
    ("http://exa\tmple.gov.in/", "http://example.gov.in/"),
    ("http://example.gov.in\\a\\b", "http://example.gov.in/a/b"),
    ("http://[::1]:8080/x", "http://[::1]:8080/x"),
    ("http://user:pw@example.gov.in/", "http://user:pw@example.gov.in/"),
])
def test_normal_forms(raw, expected):
    assert normalize_url(raw) == expected
    assert normalize_url(expected) == expected


@pytest.mark.parametrize("raw", [
    "", "example.gov.in/page", "ftp://example.gov.in/", "mailto:a@b.in", "http://", "http:///path",
    "http://exa mple.in/", "http://example.in:99999/", "http://example.in:abc/", "http://[::1/", "http://a..b/",
    "http://" + "a" * 64 + ".in/", "http://<script>/",
])
def test_invalid_urls_raise_invalid_url(raw):
    with pytest.raises(InvalidURL):
        normalize_url(raw)


def test_invalid_url_is_a_value_error():
    assert issubclass(InvalidURL, ValueError)


@pytest.mark.parametrize("path, expected", [
    ("/a/b/c/./../../g", "/a/g"), ("/../a", "/a"), ("/a/..", "/"), ("/a/.", "/a/"), ("/", "/"), ("", ""),
    ("/a//b/../c", "/a//c"),
])
def test_remove_dot_segments(path, expected):
    assert remove_dot_segments(path) == expected


def test_site_host_host_key_origin():
    assert site_host("https://www.ministry.gov.in/a") == "ministry.gov.in"
    assert site_host("WWW.Ministry.gov.in") == "ministry.gov.in"
    assert host_key("https://www.ministry.gov.in:8443/a") == "www.ministry.gov.in"
    assert origin("https://u:p@www.ministry.gov.in:8443/a?b") == "https://www.ministry.gov.in:8443"


@pytest.mark.parametrize("url, expected", [
    ("http://x.in/a/report.PDF", True), ("http://x.in/a/data.xlsx?download=1", True), ("http://x.in/a.txt", True),
    ("http://x.in/a/", False), ("http://x.in/pdf", False), ("http://x.in/page.html", False),
    ("http://x.in/dir.pdf/page", False),
])
def test_document_by_extension(url, expected):
    assert is_document_url(url) is expected


# ---- properties --------------------------------------------------------------------------------------
_url_chars = st.characters(blacklist_categories=("Cs",))
_hosts = st.from_regex(r"(www\.)?[a-z0-9-]{1,10}(\.[a-z]{2,5}){1,2}", fullmatch=True)
_paths = st.lists(st.sampled_from(["a", "b", ".", "..", "", "%2e", "%41", "x y", "ü", "%zz", "a:b", "~", "%2F"]),
                  max_size=6).map(lambda parts: "/" + "/".join(parts))
_queries = st.one_of(st.just(""), st.text(st.sampled_from("ab=&?/%20 +é"), max_size=8).map(lambda q: "?" + q))
_structured = st.builds(lambda s, h, port, p, q, f: f"{s}://{h}{port}{p}{q}{f}",
                        st.sampled_from(["http", "https", "HTTP"]), _hosts,
                        st.sampled_from(["", ":80", ":443", ":8080", ":0080"]), _paths, _queries,
                        st.sampled_from(["", "#top", "#"]))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(_url_chars, max_size=60), st.text(_url_chars, max_size=40).map(lambda t: "http://" + t),
                 _structured))
@example("http://a.b/%")
@example("http://a.b/?%")
def test_normalize_is_idempotent_and_only_raises_invalid_url(raw):
    try:
        once = normalize_url(raw)
    except InvalidURL:
        return
    assert once.startswith(("http://", "https://"))
    assert "#" not in once
    assert normalize_url(once) == once


@settings(max_examples=400, deadline=None)
@given(_structured)
def test_fast_path_agrees_with_full_parse(raw):
    try:
        full = _normalize_full(raw)
    except InvalidURL:
        full = None
    try:
        fast = normalize_url(raw)
    except InvalidURL:
        fast = None
    assert fast == full
