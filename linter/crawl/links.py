"""Link extraction from HTML, shared by the crawler and the folder walker.

lxml parses a typical 16 KB ministry page in about 0.12 ms (measured on tests/sitegen.py pages), faster
than any regular expression that copes with comments, <base href> and entity-encoded attributes - so both
the crawler and the walker use one real parser and agree on what a link is.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree

from ..html import parse_html

_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "sms:", "ftp:", "file:", "about:", "blob:", "#")


@dataclass(frozen=True)
class FoundLink:
    url: str  # absolute, as resolved (not normalised: it may be invalid, which the crawler records)
    tag: str  # a | area | link | iframe | frame


def link_targets(root: etree._Element, page_url: str) -> list[FoundLink]:
    """Links a crawler follows or checks: <a>/<area href>, <link rel=alternate hreflang>, <iframe>/<frame src>."""
    base = page_url
    for el in root.iter("base"):
        href = (el.get("href") or "").strip()
        if href:
            try:
                base = urljoin(page_url, href)
            except ValueError:
                pass
            break
    split = urlsplit(base)
    base_origin = f"{split.scheme}://{split.netloc}"
    found = []
    for el in root.iter("a", "area", "link", "iframe", "frame"):
        tag = el.tag
        if tag == "link":
            rel = (el.get("rel") or "").lower().split()
            if "alternate" not in rel or el.get("hreflang") is None:
                continue
            value = el.get("href")
        elif tag in ("iframe", "frame"):
            value = el.get("src")
        else:
            value = el.get("href")
        if value is None:
            continue
        value = value.strip()
        if not value or value.lower().startswith(_SKIP_SCHEMES):
            continue
        if value.startswith(("http://", "https://")):
            url = value  # already absolute (normalisation later resolves any dot segments)
        elif value[0] == "/" and value[1:2] != "/" and "/." not in value and "\\" not in value:
            url = base_origin + value  # root-relative: the common case, 10x cheaper than urljoin
        else:
            try:
                url = urljoin(base, value)
            except ValueError:
                url = value  # kept as written; normalisation will call it invalid
        found.append(FoundLink(url.split("#", 1)[0] if "#" in url else url, tag))
    return found


def extract_links(html: str | bytes, page_url: str) -> list[FoundLink]:
    return link_targets(parse_html(html), page_url)


def canonical_url(root: etree._Element, page_url: str) -> str | None:
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and (el.get("href") or "").strip():
            try:
                return urljoin(page_url, el.get("href").strip())
            except ValueError:
                return None
    return None
