"""The survey's list of sites: a CSV with columns url, ministry/department, state, category.

Only `url` is required. Header names are matched case-insensitively, with a few aliases ("ministry",
"department", "ministry/department", "organisation"...). A URL without a scheme gets https://; URLs are
normalised the way the crawler does it, so "HTTPS://Example.gov.in:443" and "https://example.gov.in/" are one
site. Rows that cannot be used are reported with their line numbers and left out; a URL listed twice is
audited once (the first row wins, the later lines are reported).
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..crawl.urls import InvalidURL, normalize_url

COLUMN_ALIASES = {
    "url": ("url", "website", "site", "address", "link", "homepage", "home page"),
    "ministry": ("ministry/department", "ministry", "department", "ministry / department", "ministry_department",
                 "organisation", "organization", "owner"),
    "state": ("state", "state/ut", "state / ut", "state_ut", "ut", "region"),
    "category": ("category", "type", "kind", "sector"),
}
MAX_FIELD = 500  # characters kept of a name column
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class SitesFileError(ValueError):
    """The file cannot be used at all (unreadable, no url column, no usable row)."""


@dataclass(frozen=True)
class SiteRow:
    url: str  # normalised
    ministry: str = ""
    state: str = ""
    category: str = ""
    line: int = 0  # line number in the CSV (1 = the header)

    @property
    def site_id(self) -> str:
        return site_id(self.url)


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str
    kind: str = "invalid"  # invalid | duplicate

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class SiteList:
    sites: list[SiteRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    sha256: str = ""  # of the file's bytes: a resumed survey must be over the same list

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if p.kind == "invalid"]

    @property
    def duplicates(self) -> list[RowProblem]:
        return [p for p in self.problems if p.kind == "duplicate"]


def site_id(url: str) -> str:
    """A stable key for a normalised URL (the same in every run and on every machine)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def site_slug(url: str) -> str:
    """A file-system-safe, readable name for a site's report files: host + path, then the site id."""
    parts = urlsplit(url)
    readable = re.sub(r"[^A-Za-z0-9.-]+", "-", f"{parts.hostname or 'site'}-{parts.port or ''}{parts.path}")
    return f"{readable.strip('-.')[:60]}-{site_id(url)[:8]}"


def normalise_site_url(raw: str) -> str:
    """https:// added when the scheme is missing; http(s) only; then the crawler's normal form."""
    text = (raw or "").strip()
    if not text:
        raise InvalidURL("the url is empty")
    if any(ch.isspace() for ch in text):
        raise InvalidURL(f"the url {text!r} contains spaces")
    if not _SCHEME.match(text):
        if text.startswith("//"):
            text = "https:" + text
        elif ":" in text.split("/", 1)[0] and not re.match(r"^[^:/]+:\d+(/|$)", text):
            raise InvalidURL(f"unsupported URL {text!r}")
        else:
            text = "https://" + text
    scheme = text.split(":", 1)[0].lower()
    if scheme not in ("http", "https"):
        raise InvalidURL(f"only http and https sites can be audited, not {scheme}:")
    url = normalize_url(text)
    if not urlsplit(url).hostname:
        raise InvalidURL(f"the url {raw!r} has no host name")
    return url


def _header_map(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    names = [h.strip().lower().lstrip("\ufeff") for h in header]
    for column, aliases in COLUMN_ALIASES.items():
        for index, name in enumerate(names):
            if name in aliases and column not in found:
                found[column] = index
    return found


def parse_sites(text: str, *, sha256: str = "") -> SiteList:
    """Parse CSV text (see the module docstring). Raises SitesFileError when no row can be used."""
    reader = csv.reader(io.StringIO(text, newline=""))
    out = SiteList(sha256=sha256)
    try:
        header = next(reader)
    except StopIteration:
        raise SitesFileError("the file is empty (expected a header row: url,ministry/department,state,category)") \
            from None
    except csv.Error as exc:
        raise SitesFileError(f"line 1: not CSV: {exc}") from exc
    columns = _header_map(header)
    if "url" not in columns:
        raise SitesFileError(f"line 1: no url column in the header {header!r} "
                             f"(expected url,ministry/department,state,category)")
    seen: dict[str, int] = {}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            out.problems.append(RowProblem(reader.line_num, f"not CSV: {exc}"))
            continue
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue  # blank line
        raw = row[columns["url"]] if columns["url"] < len(row) else ""
        try:
            url = normalise_site_url(raw)
        except InvalidURL as exc:
            out.problems.append(RowProblem(line, str(exc)))
            continue
        if url in seen:
            out.problems.append(RowProblem(line, f"{url} is already listed on line {seen[url]}; audited once",
                                           "duplicate"))
            continue
        seen[url] = line

        def cell(name: str) -> str:
            index = columns.get(name)
            value = row[index] if index is not None and index < len(row) else ""
            return " ".join(value.split())[:MAX_FIELD]

        out.sites.append(SiteRow(url=url, ministry=cell("ministry"), state=cell("state"),
                                 category=cell("category"), line=line))
    if not out.sites:
        detail = "; ".join(str(p) for p in out.problems[:5])
        raise SitesFileError("no usable site in the file" + (f" ({detail})" if detail else ""))
    return out


def load_sites(path: str | Path) -> SiteList:
    """Read and parse a sites CSV (UTF-8, a byte-order mark from a spreadsheet is fine)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SitesFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SitesFileError(f"{path} is not UTF-8 text (byte {exc.start}); save the CSV as UTF-8") from exc
    return parse_sites(text, sha256=hashlib.sha256(data).hexdigest())
