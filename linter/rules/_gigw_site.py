"""Site-level helpers for the GIGW families: which standard pages a site has and which URLs are broken.

**When does a standard page (Contact, Privacy Policy, Sitemap ...) exist?** When any of these holds:

1. some crawled page links to it: a link whose accessible name is one of the page's labels (English or Hindi,
   see `_patterns.LABELS`) or whose URL's last segment is one of its slugs (`/privacy-policy/`), and whose
   target is not known to be broken;
2. a crawled page *is* it: its title (any segment between "|", "-", ":" ...), its h1, or an h2/h3 (policies
   gathered on one "Website Policies" page) is one of the labels, or its URL's last segment is a slug.

Site facts are built once per audit and kept on the Site object for all the rules that ask.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from ._gigw import cached
from ._patterns import label_kinds, slug_kinds

_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»·•]+\s+|\s*[|»]\s*|\s+::\s+")
_HEADING_TAGS = ("h1", "h2", "h3")


def page_kinds(doc) -> tuple[str, ...] | None:
    """Collector: the standard-page kinds this page *is* (from its title and h1-h3), None when none.
    Every site rule that asks "does the site have page X?" registers this as its collect function."""
    def compute(d):
        kinds: set[str] = set()
        for segment in _TITLE_SEPARATORS.split(d.title or ""):
            kinds |= label_kinds(segment)
        for tag in _HEADING_TAGS:
            for heading in d.all(tag):
                if not d.is_hidden(heading):
                    kinds |= label_kinds(d.text(heading))
        kinds.discard("home")
        return tuple(sorted(kinds)) or None
    return cached(doc, "site:page-kinds", compute)


# Site rules compare every link of every page (the same header and footer links on each) against the index:
# memoised, as these are pure functions of the URL string.
@functools.lru_cache(maxsize=1 << 16)
def url_key(url: str) -> str:
    """A URL for comparisons: no fragment, lower-case scheme and host, no default port, '/' for an empty path."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


@functools.lru_cache(maxsize=1 << 16)
def _key_variants(url: str) -> tuple[str, ...]:
    key = url_key(url)
    base = key.rstrip("/")
    return (key, base, base + "/") if base != key or not key.endswith("/") else (key, base)


@dataclass
class Failure:
    url: str
    status: int | None
    error: str | None
    referrer: str | None
    kind: str = "page"


# Crawl error kinds that mean the target cannot be reached. Others ("robots-disallowed", "trap", "too-large",
# "not-html", "decode") say the crawler chose not to read it, not that the link is broken.
BROKEN_ERRORS = {"dns", "connect", "tls", "timeout", "redirect-loop", "too-many-redirects", "http-error",
                 "invalid-url"}


@dataclass
class SiteIndex:
    kinds: dict[str, str] = field(default_factory=dict)  # kind -> URL of the evidence
    failures: dict[str, Failure] = field(default_factory=dict)  # url_key -> why it failed
    known: set[str] = field(default_factory=set)  # url_keys of every page and resource seen
    external_reachable: bool = False  # some other site answered: network errors are real, not a blocked network

    def failure(self, url: str) -> Failure | None:
        for key in _key_variants(url):
            if key in self.failures:
                return self.failures[key]
        return None

    def is_known(self, url: str) -> bool:
        return any(key in self.known for key in _key_variants(url))


def site_index(site) -> SiteIndex:
    """Facts about the whole site, built once (cached on the Site until pages or resources change)."""
    marker = (len(site.pages), len(site.resources))
    store = site.__dict__.setdefault("_gigw_site_index", {})
    if store.get("marker") == marker and store.get("index") is not None:
        return store["index"]
    index = SiteIndex()
    for res in site.resources:
        for url in {res.url, res.final_url} - {""}:
            index.known.add(url_key(url))
        if res.status is not None and not site.same_site(res.url):
            index.external_reachable = True
        if res.error in BROKEN_ERRORS or (not res.error and res.status is not None and res.status >= 400):
            index.failures[url_key(res.url)] = Failure(res.url, res.status, res.error, res.referrer, res.kind)
    for page in site.pages:
        index.known.add(url_key(page.url))
        ok = page.status is None or page.status < 400
        if not ok:
            index.failures[url_key(page.url)] = Failure(page.url, page.status, None, None)
            continue
        evidence = set(slug_kinds(page.url))
        for code in EXISTENCE_CODES:
            value = page.extra.get(code)
            if value:
                evidence |= set(value)
                break
        for kind in evidence:
            index.kinds.setdefault(kind, page.url)
    for page in site.pages:
        for link in page.links:
            kinds = label_kinds(link.text) | slug_kinds(link.url)
            if not kinds:
                continue
            if index.failure(link.url) is not None:
                continue
            for kind in kinds:
                if kind == "sitemap" and urlsplit(link.url).path.lower().endswith(".xml"):
                    continue  # the XML sitemap is for crawlers; GIGW asks for a page people can read
                index.kinds.setdefault(kind, link.url)
    store.update(marker=marker, index=index)
    return index


# ---- "is this standard page missing?" rules -------------------------------------------------------------------
# Codes of the rules that collect `page_kinds`; any one of them present on a page gives its kinds.
EXISTENCE_CODES = ("NAV003", "NAV005", "NAV006", "NAV007", "NAV008", "NAV010", "POL001", "POL002", "POL003",
                   "POL004", "POL005", "POL006", "POL007", "POL008", "POL009", "POL010", "POL011", "POL012")


def missing_page(site, kind: str, outcome: str = "violation"):
    """One site-level violation when the site has no page of this kind (see the module docstring)."""
    from .registry import Violation  # noqa: PLC0415 - keeps this helper importable on its own

    if kind not in site_index(site).kinds:
        yield Violation(url=site.start_url, identity=kind, outcome=outcome)


def missing_messages(name_en: str, name_hi: str, hint_en: str, hint_hi: str) -> dict:
    """The message catalogue of a missing-page rule."""
    return {"default": {
        "en": f"No {name_en} page found: no crawled page links to one (in English or Hindi) or is titled so. "
              f"{hint_en}",
        "hi": f"{name_hi} पृष्ठ नहीं मिला: जाँचा गया कोई पृष्ठ उसका लिंक नहीं देता (अंग्रेज़ी या हिंदी में) और न ही "
              f"किसी पृष्ठ का शीर्षक ऐसा है। {hint_hi}",
    }}
