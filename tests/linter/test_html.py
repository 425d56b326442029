"""The parsed-page helpers rules rely on: accessible names, visibility, selectors, robustness."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kasauti.linter.html import Document, html_integer


def name_of(html: str, selector_id: str = "t") -> str:
    doc = Document(f"<html><body>{html}</body></html>", "https://example.gov.in/")
    return doc.name(doc.by_id(selector_id))


def test_accessible_names_follow_the_computation_order():
    assert name_of('<span id="l">Budget 2026</span><a id="t" href="/b" aria-labelledby="l" aria-label="x">y</a>') == "Budget 2026"
    assert name_of('<a id="t" href="/" aria-label="Home">⌂</a>') == "Home"
    assert name_of('<a id="t" href="/"><img src="e.svg" alt="State Emblem of India"></a>') == "State Emblem of India"
    assert name_of('<a id="t" href="/"><img src="e.svg" alt=""></a>') == ""
    assert name_of('<a id="t" href="/r">Read more<span class="sr-only"> about Jal Jeevan</span></a>') == "Read more about Jal Jeevan"
    assert name_of('<a id="t" href="/r">Annual report <span aria-hidden="true">→</span></a>') == "Annual report"
    assert name_of('<label for="t">District</label><select id="t"><option>Pune</option></select>') == "District"
    assert name_of('<label>Name <input id="t"></label>') == "Name"
    assert name_of('<input id="t" placeholder="Search">') == ""
    assert name_of('<input id="t" type="submit">') == "Submit"
    assert name_of('<button id="t"><svg><title>Close</title></svg></button>') == "Close"
    assert name_of('<a id="t" href="/x" title="Tenders"></a>') == "Tenders"


def test_hidden_and_focusable():
    doc = Document('<html><body><div aria-hidden="true"><a id="a" href="/">x</a></div>'
                   '<p hidden><span id="b">y</span></p><button id="c" disabled>z</button>'
                   '<div id="d" tabindex="0">w</div><a id="e">no href</a></body></html>')
    assert doc.is_hidden(doc.by_id("a")) and doc.is_hidden(doc.by_id("b"))
    assert not doc.is_focusable(doc.by_id("c"))
    assert doc.is_focusable(doc.by_id("d")) and not doc.is_focusable(doc.by_id("e"))


def test_integers_parse_as_browsers_parse_them():
    # str.isdigit() accepts superscripts and other scripts' digits; browsers take only ASCII digits.
    assert [html_integer(v) for v in ("3", " -1", "+2", "4px", "²", "४", "", None, "x1")] == \
        [3, -1, 2, 4, None, None, None, None, None]
    doc = Document('<html><body><span id="a" tabindex="²">x</span><span id="b" tabindex="0junk">y</span></body></html>')
    assert not doc.is_focusable(doc.by_id("a")) and doc.is_focusable(doc.by_id("b"))


def test_selectors_find_exactly_one_element():
    doc = Document("<html><body><ul><li>a</li><li><a href='/x'>b</a></li></ul><p id='p'><img src='i'></p></body></html>")
    link = doc.all("a")[0]
    assert doc.selector(link) == "html > body > ul > li:nth-of-type(2) > a"
    assert doc.selector(doc.all("img")[0]) == "#p > img"
    assert doc.root.cssselect(doc.selector(link)) == [link]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_parses_and_names_never_crash(text):
    doc = Document(text, "https://example.gov.in/")
    for el in doc.root.iter():
        if isinstance(el.tag, str):
            doc.name(el)
            doc.selector(el)
            doc.is_hidden(el)
    assert doc.title is None or isinstance(doc.title, str)


def test_bytes_and_xml_declarations_parse():
    assert Document(b"<html lang='hi'><title>\xe0\xa4\x9c\xe0\xa4\xb2</title></html>").title == "जल"
    assert Document('<?xml version="1.0" encoding="utf-8"?><html lang="en"><title>T</title></html>').lang == "en"
    assert Document("").lang is None


_SEGMENT = st.sampled_from(["a", "b.html", "..", ".", "", "x y", "?q=1", "#f", "?q=/a/b"])


@settings(max_examples=300, deadline=None)
@given(base=st.lists(_SEGMENT, max_size=4).map(lambda parts: "https://ministry.gov.in/" + "/".join(parts)),
       href=st.one_of(st.lists(_SEGMENT, min_size=1, max_size=4).map("/".join),
                      st.sampled_from(["//cdn.example/x", "http://other/p", "/abs/../x", "?only", "#top"])))
def test_resolve_matches_urljoin(base, href):
    # resolve() joins (folder, href) pairs once per audit; the answer must be urljoin's from the page itself.
    from urllib.parse import urljoin

    expected = urljoin(base, href.strip()) if href.strip() else None
    assert Document("<html></html>", base).resolve(href) == expected


def test_selector_is_memoised_but_unique_per_element():
    doc = Document("<html><body><p>a</p><p><a href='/x'>b</a><a href='/y'>c</a></p></body></html>")
    first, second = doc.all("a")
    assert doc.selector(first) == "html > body > p:nth-of-type(2) > a:nth-of-type(1)"
    assert doc.selector(second) == "html > body > p:nth-of-type(2) > a:nth-of-type(2)"
    assert doc.selector(first) is doc.selector(first)
