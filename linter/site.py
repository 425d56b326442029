"""What site rules see: compact facts about every page, the non-HTML resources, and the start URL.

Facts are small and picklable, so pages can be parsed in worker processes and dropped right after their page
rules have run: memory stays flat however large the site is.
"""
from __future__ import annotations

import pickle
import tempfile
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
    links: tuple[Link, ...]  # or PackedLinks from a worker, SpilledLinks in an audit's main process (same iteration)
    headers: dict[str, str]
    source_path: str | None = None
    depth: int = 0
    extra: dict[str, Any] = field(default_factory=dict)  # rule code -> collected value
    # (url, tag) of what a crawler follows or checks, for a folder audit's missing-file checks; emptied once used
    targets: tuple[tuple[str, str], ...] = ()


class PackedLinks:
    """A page's links pickled once, in the worker that extracted them: they cross to the main process as one
    bytes object (cheap to pickle again) and go to the LinkSpill as they are, never unpickled in between. Site
    rules read them from the spill."""

    __slots__ = ("data", "count")

    def __init__(self, data: bytes, count: int) -> None:
        self.data, self.count = data, count

    @classmethod
    def pack(cls, links: tuple[Link, ...]) -> "PackedLinks | tuple[Link, ...]":
        return cls(pickle.dumps(tuple(links), protocol=pickle.HIGHEST_PROTOCOL), len(links)) if links else ()

    def __iter__(self):
        return iter(pickle.loads(self.data))

    def __len__(self) -> int:
        return self.count

    def __reduce__(self):
        return (PackedLinks, (self.data, self.count))


class LinkSpill:
    """Page links kept on disk, not in memory, until the site rules read them.

    Site rules need every link of every page (broken links, the mandatory-page search, the language switcher,
    document sizes): ~30 KB of Python objects per page, which made the main process grow by ~27 KB per page
    audited. Each page's links are pickled to one temporary file as the page pass returns them; a page's
    `links` becomes a SpilledLinks that unpickles them again each time a rule iterates over them (four passes
    over a 2,000-page site cost ~0.3 s), so memory no longer grows with the links of the site.
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="kasauti-links-")  # deleted when closed or collected
        self._end = 0

    def spill(self, links: "tuple[Link, ...] | PackedLinks") -> "SpilledLinks | tuple[Link, ...]":
        if not links:
            return ()
        # Links a worker packed are written as they came; a tuple (single-process page pass) is packed here.
        data = (links if isinstance(links, PackedLinks) else PackedLinks.pack(links)).data
        self._file.seek(self._end)
        self._file.write(data)
        spilled = SpilledLinks(self, self._end, len(data), len(links))
        self._end += len(data)
        return spilled

    def load(self, offset: int, size: int) -> tuple[Link, ...]:
        self._file.seek(offset)
        return pickle.loads(self._file.read(size))


class SpilledLinks:
    """A page's links in a LinkSpill: iterable and sized like the tuple it stands for."""

    __slots__ = ("_spill", "_offset", "_size", "_count")

    def __init__(self, spill: LinkSpill, offset: int, size: int, count: int) -> None:
        self._spill, self._offset, self._size, self._count = spill, offset, size, count

    def __iter__(self):
        return iter(self._spill.load(self._offset, self._size))

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self._spill.load(self._offset, self._size)[index]

    def __eq__(self, other) -> bool:
        return tuple(self) == tuple(other) if isinstance(other, (tuple, SpilledLinks)) else NotImplemented

    __hash__ = None


def share_values(extra: dict[str, Any], table: dict) -> dict[str, Any]:
    """`extra` with each tuple value's items replaced by one shared instance per distinct item: what rules
    collect per page repeats across pages (the same "latest documents" block, with the same stated sizes, on
    every page), and each page's copy arrives freshly unpickled from a worker."""
    for code, value in extra.items():
        if isinstance(value, tuple):
            try:
                extra[code] = tuple([table.setdefault(item, item) for item in value])
            except TypeError:  # an unhashable item: keep the page's own copy
                pass
    return extra


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
