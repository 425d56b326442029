"""Where a finding comes from: the Markdown file and line that produced the element, else the built HTML file
and line, for audits of a built site folder.

A site built with the kasauti MkDocs plugin carries `kasauti-source-map.json` (themes/plugin/sourcemap.py):
for each page its Markdown file and, for the elements of its content in document order, a key (tag + start of
the text, or an identifying attribute) and the Markdown line. To place a finding, the built page is parsed,
the finding's element is found by its selector, and the element (or its nearest ancestor inside the content)
is looked up by key and occurrence. Elements the Markdown did not produce (header, footer, navigation) and
sites built without the plugin point at the built HTML file, at the element's line in it.

`locator_for(target)` returns a callable `finding -> SourceLocation | None` for a folder target (None for
URL targets: crawled pages have no files). Reporters take it as an argument and stay pure.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from ..html import Document
from ..model import Finding

try:  # the same key function the plugin used when it wrote the map
    from kasauti.themes.plugin.sourcemap import (CONTENT_SELECTOR, GENERATED_CLASSES, MAP_NAME, MAP_VERSION,
                                                 MAPPED_TAGS, element_key)
except ImportError:  # pragma: no cover - the linter installed without the theme package
    MAP_NAME, MAP_VERSION, CONTENT_SELECTOR, GENERATED_CLASSES, MAPPED_TAGS = (
        "kasauti-source-map.json", 1, "article.md-content__inner", (), frozenset())
    element_key = None

Locate = Callable[[Finding], "SourceLocation | None"]
MAX_PAGES_CACHED = 64


@dataclass(frozen=True)
class SourceLocation:
    uri: str  # a path relative to the working folder (forward slashes), or an absolute path outside it
    line: int | None  # 1-based; None when only the file is known
    kind: str  # "markdown" (the page's source), "html" (the built page), "document" (a linked file's source)
    built: str | None = None  # the built page, when `uri` is its Markdown source
    built_line: int | None = None


def load_source_map(folder: Path) -> dict | None:
    """The folder's source map, or None when it has none (or an unreadable or foreign one)."""
    try:
        data = json.loads((Path(folder) / MAP_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("schema_version") != MAP_VERSION or data.get("generator") != "kasauti":
        return None
    return data


def locator_for(target: str, base: Path | None = None) -> Locate | None:
    folder = Path(target)
    if urlsplit(str(target)).scheme in ("http", "https") or not folder.is_dir():
        return None
    return Locator(folder, base)


class Locator:
    """`locator(finding)` -> SourceLocation or None (the finding's URL is not a file of the folder)."""

    def __init__(self, folder: Path, base: Path | None = None):
        self.folder = Path(folder)
        self.base = Path(base or Path.cwd()).resolve()
        self.map = load_source_map(self.folder) or {}
        self.site_path = urlsplit(self.map.get("site_url") or "").path or "/"
        self.project = (self.folder / self.map.get("root", "..")).resolve() if self.map else None
        self._pages: dict[Path, _Page | None] = {}

    def __call__(self, finding: Finding) -> SourceLocation | None:
        relative = self._relative(finding.url)
        if relative is None:
            return None
        document = (self.map.get("files") or {}).get(relative)
        if document and self.project is not None:
            return SourceLocation(self._show(self.project / document), None, "document")
        built = self._built_file(relative)
        if built is None:
            return None
        shown = self._show(built)
        page = self._page(built)
        element = page.find(finding.selector) if page is not None and finding.selector else None
        built_line = element.sourceline if element is not None else None
        entry = self._page_entry(relative)
        if element is not None and entry is not None and page is not None:
            line = page.markdown_line(element, entry.get("lines") or [])
            if line is not None and self.project is not None:
                return SourceLocation(self._show(self.project / entry["source"]), line, "markdown", shown, built_line)
        return SourceLocation(shown, built_line, "html")

    # ---- paths ---------------------------------------------------------------------------------------
    def _relative(self, url: str) -> str | None:
        """The site-relative path of a URL of this folder's site ("about/", "" for the home page)."""
        parts = urlsplit(url or "")
        path = unquote(parts.path or "/")
        if parts.scheme and self.map and path.startswith(self.site_path):
            return path[len(self.site_path):]
        return path.lstrip("/")

    def _built_file(self, relative: str) -> Path | None:
        # Without a map the site's published path prefix is unknown: drop leading segments until a file fits.
        parts = relative.split("/")
        for start in range(len(parts) if not self.map else 1):
            candidate = self.folder.joinpath(*parts[start:]) if parts[start:] != [""] else self.folder
            for path in (candidate, candidate / "index.html", candidate.with_name(candidate.name + ".html")):
                if path.is_file():
                    return path
        return None

    def _page_entry(self, relative: str) -> dict | None:
        pages = self.map.get("pages") or {}
        for key in (relative, relative.removesuffix("index.html"), relative.rstrip("/") + "/"):
            if key in pages:
                return pages[key]
        return None

    def _show(self, path: Path) -> str:
        resolved = Path(os.path.abspath(path))
        try:
            return resolved.relative_to(self.base).as_posix()
        except ValueError:
            return resolved.as_posix()

    def _page(self, built: Path) -> "_Page | None":
        if built not in self._pages:
            if len(self._pages) >= MAX_PAGES_CACHED:
                self._pages.pop(next(iter(self._pages)))
            try:
                self._pages[built] = _Page(built.read_bytes())
            except OSError:
                self._pages[built] = None
        return self._pages[built]


class _Page:
    """A built page: elements by Kasauti selector, and the keyed elements of its content in order."""

    def __init__(self, html: bytes):
        self.doc = Document(html)
        self._by_selector: dict[str, object] | None = None
        self._keys: dict | None = None  # element -> (key, occurrence)
        tag, _, cls = CONTENT_SELECTOR.partition(".")
        self.content = next((el for el in self.doc.all(tag) if cls in (el.get("class") or "").split()), None)

    def find(self, selector: str):
        selector = selector.split(" >>> ")[-1] if " >>> " in selector else selector  # frames: not in this file
        if self._by_selector is None:
            self._by_selector = {}
            for el in self.doc.root.iter():
                if isinstance(el.tag, str):
                    self._by_selector.setdefault(self.doc.selector(el), el)
        return self._by_selector.get(selector)

    def markdown_line(self, element, lines: list) -> int | None:
        """The Markdown line of the element or of its nearest keyed ancestor inside the content."""
        if self.content is None or element_key is None:
            return None
        keys = self._content_keys()
        node = element
        while node is not None and node is not self.content:
            found = keys.get(node)
            if found is not None:
                key, occurrence = found
                matches = [line for k, line in lines if k == key]
                if occurrence < len(matches) and matches[occurrence] is not None:
                    return int(matches[occurrence])
            node = node.getparent()
        return None

    def _content_keys(self) -> dict:
        if self._keys is None:
            self._keys, seen = {}, {}
            for el in self.content.iter():
                if not isinstance(el.tag, str) or el.tag.lower() not in MAPPED_TAGS:
                    continue
                attrs = {name.lower(): value for name, value in el.attrib.items()}
                key = element_key(el.tag, attrs, _text(el))
                if key is None:
                    continue
                self._keys[el] = (key, seen.get(key, 0))
                seen[key] = seen.get(key, 0) + 1
        return self._keys


def _text(el) -> str:
    """Text content without the spans the plugin adds to links after the map was made."""
    parts: list[str] = []

    def walk(node) -> None:
        if isinstance(node.tag, str) and node.tag == "span" and \
                set((node.get("class") or "").split()) & set(GENERATED_CLASSES):
            return
        if isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return " ".join(parts)
