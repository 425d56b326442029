"""Bytes to text for HTML and XML bodies, and content-encoding decompression that a bomb cannot inflate.

Charset order follows the HTML standard's sniffing, simplified: byte-order mark, then the Content-Type
charset, then a <meta> charset in the first 4 KB, else UTF-8. Invalid bytes are replaced, never fatal.
"""
from __future__ import annotations

import codecs
import re
import zlib

try:  # brotli is a declared dependency, but a missing wheel should only cost the br encoding
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# The web's labels mean the superset (WHATWG Encoding): pages labelled latin-1 are really windows-1252.
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
            "ascii": "cp1252", "iso8859-1": "cp1252", "x-user-defined": "cp1252"}
ACCEPT_ENCODING = "gzip, deflate, br" if brotli else "gzip, deflate"


def charset_from_header(content_type: str | None) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def _usable(label: str | None, from_meta: bool = False) -> str | None:
    if not label:
        return None
    label = _ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if from_meta and name.startswith("utf-16"):  # a meta tag readable as ASCII cannot be UTF-16
        return "utf-8"
    return name


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str, bool]:
    """(text, encoding used, whether invalid bytes were replaced)."""
    encoding = None
    for bom, name in _BOMS:
        if body.startswith(bom):
            encoding, body = name, body[len(bom):]
            break
    encoding = encoding or _usable(charset_from_header(content_type))
    if encoding is None:
        match = _META_CHARSET.search(body[:4096])
        encoding = _usable(match.group(1).decode("ascii"), from_meta=True) if match else None
    encoding = encoding or "utf-8"
    try:
        return body.decode(encoding), encoding, False
    except UnicodeDecodeError:
        return body.decode(encoding, errors="replace"), encoding, True
    except LookupError:  # pragma: no cover - _usable already checked the label
        return body.decode("utf-8", errors="replace"), "utf-8", True


class DecompressionError(Exception):
    pass


class BodyDecoder:
    """Incremental Content-Encoding decoder whose output per call never exceeds a limit.

    zlib and brotli are both asked for at most `limit` bytes; the rest of the input stays queued inside the
    decompressor, so a 10 KB gzip bomb costs at most `limit` bytes of memory before it is refused.
    """

    def __init__(self, content_encoding: str | None):
        codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1:
            raise DecompressionError(f"stacked content encodings not supported: {content_encoding}")
        self.coding = codings[0] if codings else ""
        if self.coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.coding == "deflate":
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)  # zlib-wrapped; raw deflate tried on first error
            self._raw_fallback = True
        elif self.coding == "br" and brotli is not None:
            self._brotli = brotli.Decompressor()
        elif self.coding:
            raise DecompressionError(f"unsupported content encoding {self.coding!r}")

    def feed(self, data: bytes, limit: int) -> bytes:
        """Decode `data`; return at most limit+1 bytes (one more than allowed tells the caller to stop)."""
        cap = max(limit, 0) + 1
        if not self.coding:
            return data[:cap]
        try:
            if self.coding == "br":
                return self._feed_brotli(data, cap)
            return self._feed_zlib(data, cap)
        except (zlib.error, getattr(brotli, "error", zlib.error)) as exc:
            raise DecompressionError(f"corrupt {self.coding} body: {exc}") from None

    def _feed_zlib(self, data: bytes, cap: int) -> bytes:
        try:
            out = self._zlib.decompress(data, cap)
        except zlib.error:
            if getattr(self, "_raw_fallback", False):  # servers that send raw deflate under "deflate"
                self._raw_fallback = False
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                out = self._zlib.decompress(data, cap)
            else:
                raise
        self._raw_fallback = False
        while self._zlib.unconsumed_tail and len(out) < cap:
            out += self._zlib.decompress(self._zlib.unconsumed_tail, cap - len(out))
        return out

    def _feed_brotli(self, data: bytes, cap: int) -> bytes:
        out = self._brotli.process(data, output_buffer_limit=cap)
        while len(out) < cap and not self._brotli.can_accept_more_data():
            out += self._brotli.process(b"", output_buffer_limit=cap - len(out))
        return out
