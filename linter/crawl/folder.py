"""Audit a built static site folder without a server: files become FetchedPages with the URLs they will have.

`about/index.html` is served as `<base>/about/`, `x.html` as `<base>/x.html`. Internal links are resolved to
files (`dir/` -> `dir/index.html`; `name` -> `name`, `name/index.html` or `name.html`, as static hosts do), and
a link to a file that does not exist becomes a link-check record with status 404 and the first page that links
to it as referrer.

Cost: every HTML file is read and parsed once here (lxml, ~0.1-0.2 ms for a 16 KB page) to find its links;
the page body is yielded and not kept, so memory holds only the file list, the set of URLs already reported
and the first referrer of each document.
"""
from __future__ import annotations

import logging
import mimetypes
import os
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import quote, unquote, urlsplit

from ..html import parse_html
from ..model import FetchedPage
from .decode import decode_body
from .links import canonical_url, link_targets
from .options import CrawlOptions
from .scope import Scope
from .sitemaps import parse_sitemap
from .urls import DOCUMENT_EXTENSIONS, DOCUMENT_TYPE_BY_EXTENSION, InvalidURL, normalize_url, site_host

log = logging.getLogger("kasauti.crawl.folder")
Event = Callable[..., None]
DEFAULT_BASE_URL = "http://localhost/"
HTML_SUFFIXES = (".html", ".htm")
INDEX_NAMES = ("index.html", "index.htm")
# Static hosts (GitHub Pages, GitLab Pages, Netlify, nginx try_files setups) serve this file, with status 404,
# for any missing URL: it is audited as a page, with the status it will really have.
ERROR_PAGE_NAMES = ("404.html",)
_MIME = mimetypes.MimeTypes()  # built-in table only: the same answer on every machine
_SKIP_DIRS = {".git", ".svn", ".hg", "node_modules", "__pycache__"}
_URL_SAFE = "/:@!$&'()*+,;=-._~"


def walk_folder(folder: str | Path, *, base_url: str | None = None, options: CrawlOptions | None = None,
                on_event: Event | None = None) -> Iterator[FetchedPage]:
    """Yield robots.txt and sitemap.xml records, then every HTML page (with missing-link records right after
    the page that links to them), then every document file."""
    walker = FolderWalker(Path(folder), base_url, options or CrawlOptions(), on_event)
    yield from walker.walk()


class FolderWalker:
    def __init__(self, root: Path, base_url: str | None, options: CrawlOptions, on_event: Event | None):
        self.root = root
        self.options = options
        self._on_event = on_event
        self.files = list_files(root)
        self.file_set = frozenset(self.files)
        base = normalize_url(base_url) if base_url else detect_base_url(root, self.file_set)
        self.base_url = base if base.endswith("/") else base + "/"
        parts = urlsplit(self.base_url)
        self.base_site = site_host(self.base_url)
        self.base_path = parts.path
        self.scope = Scope([self.base_url], options.include, options.exclude)
        self._targets: dict[str, str | None] = {}  # absolute link URL -> relative file path (None: missing)
        self._reported: set[str] = set()
        self._document_referrer: dict[str, str] = {}

    def walk(self) -> Iterator[FetchedPage]:
        """Everything, on its own: pages (each parsed here for its links, missing-link records right after
        it), then documents. An audit instead parses each page once in a worker: pages(), links_of(),
        documents()."""
        for record in self.pages():
            yield record
            if record.kind == "page" and record.text is not None:
                try:
                    targets = [(link.url, link.tag) for link in link_targets(parse_html(record.text), record.url)]
                except Exception as exc:  # noqa: BLE001 - keep the page even if its links cannot be read
                    log.warning("links not extracted from %s: %s", record.source_path, exc)
                    targets = []
                yield from self.links_of(record, targets)
        yield from self.documents()

    def pages(self, read: bool = True) -> Iterator[FetchedPage]:
        """robots.txt and sitemap.xml records, then every HTML page in scope, read and decoded (not parsed).
        With `read` False the pages come without text, for read_page_file() in a worker process."""
        for name, kind, ctype in (("robots.txt", "robots", "text/plain"), ("sitemap.xml", "sitemap", "application/xml")):
            yield self._emit(self._special(name, kind, ctype))
        pages = 0
        html_files = sorted((f for f in self.files if f.lower().endswith(HTML_SUFFIXES)),
                            key=lambda f: (f not in INDEX_NAMES, f))
        for rel in html_files:
            url = self.url_for(rel)
            reason = self.scope.filtered_out(url)
            if reason:
                self._event("skipped", url=url, reason=reason, resource="page")
                continue
            if pages >= self.options.max_pages:
                self._event("skipped", url=url, reason="max-pages", resource="page")
                continue
            pages += 1
            self._event("found", url=url, resource="page", depth=self._depth(url), referrer=None)
            yield self._emit(self._read_page(rel, url, read))

    def links_of(self, page: FetchedPage, targets) -> list[FetchedPage]:
        """Link-check records (status 404) for the targets of `page` ((url, tag) pairs) that the folder does
        not have; documents it links to remember it as their first referrer."""
        found = []
        for link_url, tag in targets:
            missing = self._missing_record(link_url, page.url, page.depth + 1, tag)
            if missing is not None:
                found.append(self._emit(missing))
        return found

    def documents(self) -> Iterator[FetchedPage]:
        """Every document file (PDF, DOC ...) in scope; call after links_of() has seen every page."""
        for rel in self.files:
            if rel.rsplit(".", 1)[-1].lower() in DOCUMENT_EXTENSIONS and "." in rel.rsplit("/", 1)[-1]:
                url = self.url_for(rel)
                reason = self.scope.filtered_out(url)
                if reason:
                    self._event("skipped", url=url, reason=reason, resource="document")
                    continue
                yield self._emit(self._document(rel, url))

    # ---- URLs and files ----------------------------------------------------------------------------
    def url_for(self, rel: str) -> str:
        """URL a file is served at: index files by their folder, others by their name."""
        head, _, name = rel.rpartition("/")
        if name.lower() in INDEX_NAMES:
            rel = head + "/" if head else ""
        return self.base_url + quote(rel, safe=_URL_SAFE)

    def target_file(self, url: str) -> str | None | bool:
        """The file a URL maps to; None when it is inside the folder's URL space but missing; False when the
        URL is outside it (another site, or the same host outside the base path)."""
        cached = self._targets.get(url, False)
        if cached is not False:
            return cached
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or site_host(url) != self.base_site \
                or not parts.path.startswith(self.base_path):
            return False
        rel = unquote(parts.path[len(self.base_path):])
        if rel == "" or rel.endswith("/"):
            candidates = [rel + name for name in INDEX_NAMES]
        else:
            candidates = [rel, rel + "/index.html", rel + ".html"]
        found = next((c for c in candidates if c in self.file_set), None)
        if len(self._targets) < 200_000:
            self._targets[url] = found
        return found

    # ---- records -----------------------------------------------------------------------------------
    def _read_page(self, rel: str, url: str, read: bool = True) -> FetchedPage:
        path = self.root / rel
        depth = self._depth(url)
        status = 404 if rel.rsplit("/", 1)[-1].lower() in ERROR_PAGE_NAMES else 200
        page = FetchedPage(url=url, final_url=url, status=status, headers={"content-type": "text/html"},
                           content_type="text/html", source_path=str(path), depth=depth, kind="page")
        try:
            size = path.stat().st_size
        except OSError as exc:
            page.error, page.error_detail = "decode", f"could not read {path}: {exc}"
            return page
        page.size = size
        if size > self.options.max_bytes:
            page.error = "too-large"
            page.error_detail = f"{size} bytes exceeds the limit of {self.options.max_bytes} bytes"
            return page
        return read_page_file(page) if read else page

    def _missing_record(self, link_url: str, referrer: str, depth: int, tag: str) -> FetchedPage | None:
        target = self.target_file(link_url)
        if target is False:
            return None
        if target is not None:
            if target.rsplit(".", 1)[-1].lower() in DOCUMENT_EXTENSIONS:
                self._document_referrer.setdefault(target, referrer)
            return None
        if link_url in self._reported:
            return None
        self._reported.add(link_url)
        try:
            url = normalize_url(link_url)
        except InvalidURL:
            url = link_url
        if url != link_url:
            if url in self._reported:
                return None
            self._reported.add(url)
        rel = unquote(urlsplit(url).path[len(self.base_path):])
        return FetchedPage(url=url, final_url=url, status=404, depth=depth, referrer=referrer, kind="link-check",
                           error_detail=f"no file in the folder for {rel or '/'} (linked from <{tag}>)")

    def _document(self, rel: str, url: str) -> FetchedPage:
        path = self.root / rel
        ctype = (DOCUMENT_TYPE_BY_EXTENSION.get(rel.rsplit(".", 1)[-1].lower())
                 or _MIME.guess_type(rel, strict=False)[0] or "application/octet-stream")
        record = FetchedPage(url=url, final_url=url, status=200, headers={"content-type": ctype}, content_type=ctype,
                             source_path=str(path), depth=self._depth(url), kind="document",
                             referrer=self._document_referrer.get(rel))
        try:
            record.size = path.stat().st_size
            record.headers["content-length"] = str(record.size)
        except OSError as exc:
            record.error, record.error_detail = "decode", f"could not read {path}: {exc}"
        return record

    def _special(self, name: str, kind: str, ctype: str) -> FetchedPage:
        url = self.base_url + name
        path = self.root / name
        if name not in self.file_set:
            return FetchedPage(url=url, final_url=url, status=404, kind=kind, source_path=None)
        data = path.read_bytes()[: self.options.max_bytes]
        return FetchedPage(url=url, final_url=url, status=200, headers={"content-type": ctype}, content_type=ctype,
                           text=decode_body(data)[0], size=path.stat().st_size, source_path=str(path), kind=kind)

    def _depth(self, url: str) -> int:
        """Path segments below the base: / is 0, /about/ and /x.html are 1, /about/team/ is 2."""
        rest = url[len(self.base_url):].split("?", 1)[0].strip("/")
        return rest.count("/") + 1 if rest else 0

    def _emit(self, record: FetchedPage) -> FetchedPage:
        if record.error:
            self._event("failed", url=record.url, error=record.error, detail=record.error_detail, resource=record.kind,
                        status=record.status)
        else:
            self._event("fetched", url=record.url, status=record.status, resource=record.kind, elapsed_ms=0.0)
        return record

    def _event(self, event: str, **data) -> None:
        if self._on_event is not None:
            try:
                self._on_event(event, **data)
            except Exception:  # noqa: BLE001 - a progress display must not abort an audit
                log.debug("on_event callback failed", exc_info=True)


def read_page_file(page: FetchedPage) -> FetchedPage:
    """Fill in the text of a page record from its file (`source_path`); a read error becomes the record's."""
    try:
        data = Path(page.source_path or "").read_bytes()
    except OSError as exc:
        page.error, page.error_detail = "decode", f"could not read {page.source_path}: {exc}"
        return page
    text, encoding, replaced = decode_body(data)
    page.text = text
    page.size = len(data)
    page.headers["content-type"] = f"text/html; charset={encoding}"
    if replaced:
        page.error_detail = f"invalid {encoding} bytes were replaced"
    return page


def list_files(root: Path) -> list[str]:
    """Relative POSIX paths of every file under root, sorted; version-control and dot folders skipped."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and (not d.startswith(".") or d == ".well-known"))
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        found.extend(prefix + name for name in sorted(filenames))
    return found


def detect_base_url(root: Path, files: frozenset[str] | set[str]) -> str:
    """The URL the folder is published at: from sitemap.xml <loc>s (the prefix that maps them onto files),
    else the canonical link of index.html, else http://localhost/."""
    if "sitemap.xml" in files:
        try:
            locs = parse_sitemap((root / "sitemap.xml").read_bytes()).urls
        except OSError:
            locs = []
        base = _base_from_locs([u for u in locs if u.startswith(("http://", "https://"))], files)
        if base:
            return base
    for index in INDEX_NAMES:
        if index in files:
            try:
                head = (root / index).read_bytes()[:200_000]
                canonical = canonical_url(parse_html(decode_body(head)[0]), DEFAULT_BASE_URL)
                if canonical and canonical.startswith(("http://", "https://")) and "localhost/" not in canonical[:20]:
                    url = normalize_url(canonical)
                    return url if url.endswith("/") else url.rsplit("/", 1)[0] + "/"
            except (OSError, InvalidURL):
                pass
    return DEFAULT_BASE_URL


def _base_from_locs(locs: list[str], files) -> str | None:
    votes: Counter[str] = Counter()
    for loc in locs[:200]:
        try:
            parts = urlsplit(normalize_url(loc))
        except InvalidURL:
            continue
        segments = parts.path.lstrip("/").split("/")
        for i in range(len(segments) + 1):  # the shortest base whose remainder is a file wins
            rest = unquote("/".join(segments[i:]))
            if rest == "" or rest.endswith("/"):
                candidates = [rest + n for n in INDEX_NAMES]
            else:
                candidates = [rest, rest + "/index.html", rest + ".html"]
            if any(c in files for c in candidates):
                prefix = "/".join(segments[:i])
                votes[f"{parts.scheme}://{parts.netloc}/{prefix + '/' if prefix else ''}"] += 1
                break
    if votes:
        return votes.most_common(1)[0][0]
    if locs:
        common = os.path.commonprefix(locs)
        if common.count("/") >= 3:
            try:
                return normalize_url(common.rsplit("/", 1)[0] + "/")
            except InvalidURL:
                return None
    return None
