"""What site rules see: compact facts about every page, the non-HTML resources, and the start URL.

Facts are small and picklable, so pages can be parsed in worker processes and dropped right after their page
rules have run: memory stays flat however large the site is.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .html import Document, strip_fragment
from .model import FetchedPage



@dataclass(frozen=True)
class Link:
    url: str  # absolute, fragment removed
    text: str  # accessible name
    selector: str
    hreflang: str = ""
    lang: str = ""


@dataclass
class PageFacts:
    url: str
    status: int | None
    title: str | None
    lang: str | None
    links: tuple[Link, ...]
    headers: dict[str, str]
    source_path: str | None = None
    depth: int = 0
    extra: dict[str, Any] = field(default_factory=dict)  # rule code -> collected value
    # (url, tag) of what a crawler follows or checks, for a folder audit's missing-file checks; emptied once used
    targets: tuple[tuple[str, str], ...] = ()


@dataclass
class Site:
    start_url: str
    live: bool  # fetched over HTTP (headers, TLS, status are real) rather than read from a folder
    pages: list[PageFacts] = field(default_factory=list)
    resources: list[FetchedPage] = field(default_factory=list)  # documents, sitemaps, robots, link checks, failures

    @property
    def home(self) -> PageFacts | None:
        """The start page (after redirects), else the shallowest page."""
        start = strip_fragment(self.start_url).rstrip("/")
        for page in self.pages:
            if strip_fragment(page.url).rstrip("/") == start:
                return page
        return min(self.pages, key=lambda p: (p.depth, len(p.url)), default=None)

    def collected(self, code: str) -> dict[str, Any]:
        """url -> what rule `code`'s collect() returned for that page (pages where it returned None left out)."""
        return {p.url: p.extra[code] for p in self.pages if p.extra.get(code) is not None}

    def same_site(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""
        start = urlsplit(self.start_url).hostname or ""
        return host == start or host.removeprefix("www.") == start.removeprefix("www.")


def extract_links(doc: Document) -> tuple[Link, ...]:
    links = []
    for el in doc.all("a", "area"):
        url = doc.resolve(el.get("href"))
        if url is None or url.lower().startswith(("mailto:", "tel:")):
            continue
        links.append(Link(
            url=url.partition("#")[0] or url,
            text=doc.name(el),
            selector=doc.selector(el),
            hreflang=(el.get("hreflang") or "").strip(),
            lang=(el.get("lang") or "").strip(),
        ))
    return tuple(links)


def page_facts(doc: Document) -> PageFacts:
    fetched = doc.fetched
    return PageFacts(
        url=doc.url,
        status=fetched.status,
        title=doc.title,
        lang=doc.lang,
        links=extract_links(doc),
        headers=dict(fetched.headers),
        source_path=fetched.source_path,
        depth=fetched.depth,
    )
