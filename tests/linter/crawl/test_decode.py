"""Charset detection and bounded decompression."""
from __future__ import annotations

import gzip
import tracemalloc
import zlib

import brotli
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kasauti.linter.crawl.decode import BodyDecoder, DecompressionError, decode_body

HINDI = "जल शक्ति मंत्रालय"


def test_charset_from_header_wins_over_meta():
    body = f'<meta charset="windows-1252"><p>{HINDI}</p>'.encode("utf-8")
    text, encoding, replaced = decode_body(body, "text/html; charset=UTF-8")
    assert HINDI in text and encoding == "utf-8" and not replaced


def test_meta_charset_and_http_equiv():
    latin = "<meta charset='iso-8859-1'><p>café</p>".encode("cp1252")
    assert "café" in decode_body(latin)[0]
    equiv = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>€</p>'.encode("cp1252")
    assert "€" in decode_body(equiv)[0]


def test_bom_wins_and_is_removed():
    text, encoding, _ = decode_body(b"\xff\xfe" + "<p>hi</p>".encode("utf-16-le"), "text/html; charset=utf-8")
    assert text == "<p>hi</p>" and encoding == "utf-16-le"
    assert decode_body(b"\xef\xbb\xbf<p>x</p>")[0] == "<p>x</p>"


def test_invalid_bytes_are_replaced_not_fatal():
    text, encoding, replaced = decode_body(b"<p>ok \xff\xfe\xc3( end</p>", "text/html; charset=utf-8")
    assert replaced and "\ufffd" in text and text.endswith("end</p>")


def test_unknown_charset_falls_back_to_utf8():
    text, encoding, _ = decode_body(f"<p>{HINDI}</p>".encode(), "text/html; charset=x-klingon")
    assert HINDI in text and encoding == "utf-8"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.one_of(st.none(), st.text(max_size=40)))
def test_decode_never_raises(body, content_type):
    text, encoding, replaced = decode_body(body, content_type)
    assert isinstance(text, str)


# ---- decompression -----------------------------------------------------------------------------------
def _feed_all(decoder: BodyDecoder, data: bytes, limit: int, chunk: int = 8192) -> bytes:
    out = b""
    for i in range(0, len(data), chunk):
        out += decoder.feed(data[i:i + chunk], limit - len(out))
        if len(out) > limit:
            break
    return out


@pytest.mark.parametrize("coding, compress", [
    ("gzip", gzip.compress), ("deflate", zlib.compress),
    ("deflate", lambda d: zlib.compress(d)[2:-4]),  # raw deflate, as some servers send it
    ("br", brotli.compress), ("", lambda d: d), ("identity", lambda d: d),
])
def test_decoders_round_trip(coding, compress):
    data = ("<p>" + HINDI + "</p>").encode() * 500
    assert _feed_all(BodyDecoder(coding), compress(data), 10_000_000) == data


@pytest.mark.parametrize("coding, compress", [("gzip", lambda d: gzip.compress(d, 9)),
                                              ("br", lambda d: brotli.compress(d, quality=4)),
                                              ("deflate", lambda d: zlib.compress(d, 9))])
def test_bomb_output_and_memory_stay_bounded(coding, compress):
    bomb = compress(b"\0" * 50_000_000)  # 50 MB of zeros in tens of KB
    limit = 1_000_000
    tracemalloc.start()
    try:
        out = _feed_all(BodyDecoder(coding), bomb, limit)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert limit < len(out) <= limit + 2 * 65536
    assert peak < 6 * limit  # nowhere near the 50 MB inside


def test_corrupt_and_unsupported_encodings():
    with pytest.raises(DecompressionError):
        _feed_all(BodyDecoder("gzip"), b"\x1f\x8b\x08\x00garbage-garbage-garbage", 1000)
    with pytest.raises(DecompressionError):
        BodyDecoder("compress")
    with pytest.raises(DecompressionError):
        BodyDecoder("gzip, br")
