"""Sitemap parsing: XML urlsets and sitemap indexes (plain or gzipped), and plain-text sitemaps.

Input is untrusted: the XML parser never resolves entities or touches the network, recovers from broken
markup, and gzip is inflated with the same bounded decoder as HTTP bodies. Nothing here raises on bad input;
the worst case is an empty list.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from lxml import etree

MAX_SITEMAP_BYTES = 50_000_000  # the sitemaps.org limit for one uncompressed file
MAX_LOCS = 50_000  # the sitemaps.org limit of URLs per file


@dataclass
class Sitemap:
    kind: str  # "urlset" | "index" | "text" | "unknown"
    urls: list[str] = field(default_factory=list)  # page URLs (urlset/text) or child sitemap URLs (index)
    error: str = ""


def gunzip_bounded(data: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes | None:
    """Inflate gzip data to at most `limit` bytes; None when corrupt or larger than the limit."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error:
        return None
    return None if len(out) > limit else out


def parse_sitemap(data: bytes, limit: int = MAX_LOCS) -> Sitemap:
    """Parse one sitemap document (bytes as served, possibly gzipped)."""
    if data[:2] == b"\x1f\x8b":
        inflated = gunzip_bounded(data)
        if inflated is None:
            return Sitemap("unknown", error="corrupt or oversized gzip sitemap")
        data = inflated
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"http://", b"https://")):
        return _parse_text(data, limit)
    if not head.startswith(b"<"):
        return Sitemap("unknown", error="neither XML nor a list of URLs")
    return _parse_xml(data, limit)


def _parse_text(data: bytes, limit: int) -> Sitemap:
    urls = []
    for line in data.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line.startswith(("http://", "https://")):
            urls.append(line)
            if len(urls) >= limit:
                break
    return Sitemap("text", urls)


def _parse_xml(data: bytes, limit: int) -> Sitemap:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False,
                             remove_comments=True, remove_pis=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        return Sitemap("unknown", error=f"unreadable XML: {exc}")
    if root is None or not isinstance(root.tag, str):
        return Sitemap("unknown", error="empty XML document")
    kind = {"urlset": "urlset", "sitemapindex": "index"}.get(etree.QName(root).localname)
    if kind is None:
        return Sitemap("unknown", error=f"root element <{etree.QName(root).localname}> is not a sitemap")
    entry = "url" if kind == "urlset" else "sitemap"
    urls = []
    for child in root:
        if not isinstance(child.tag, str) or etree.QName(child).localname != entry:
            continue
        for loc in child:
            if isinstance(loc.tag, str) and etree.QName(loc).localname == "loc" and loc.text and loc.text.strip():
                urls.append(loc.text.strip())
                break
        if len(urls) >= limit:
            break
    return Sitemap(kind, urls)
