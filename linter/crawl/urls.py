"""URL normalisation and classification shared by the crawler and the folder walker.

One normal form per resource is what makes de-duplication work: scheme and host lower-cased, the default port
and the fragment dropped, dot segments resolved, percent-escapes made canonical (unreserved characters decoded,
hex upper-cased, everything else that must be escaped escaped, as UTF-8). Query parameter order is kept: a few
servers give it meaning, and the original order is what a person recognises in a report.
"""
from __future__ import annotations

import posixpath
import re
from urllib.parse import quote, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPE_SPLIT = re.compile(r"(%[0-9A-Fa-f]{2})")
_PATH_SAFE = "/:@!$&'()*+,;="
_QUERY_SAFE = "/?:@!$&'()*+,;="
_HOST_OK = re.compile(r"^[a-z0-9_.-]+$")
_TAB_NEWLINE = str.maketrans("", "", "\t\r\n")

# Files a ministry site links as downloads: checked (status, type, size) rather than crawled.
_OOXML = "application/vnd.openxmlformats-officedocument."
DOCUMENT_TYPE_BY_EXTENSION = {
    "pdf": "application/pdf", "doc": "application/msword", "docx": _OOXML + "wordprocessingml.document",
    "xls": "application/vnd.ms-excel", "xlsx": _OOXML + "spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint", "pptx": _OOXML + "presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation", "rtf": "application/rtf", "csv": "text/csv",
    "zip": "application/zip", "rar": "application/vnd.rar", "txt": "text/plain", "mp3": "audio/mpeg",
    "mp4": "video/mp4",
}
DOCUMENT_EXTENSIONS = frozenset(DOCUMENT_TYPE_BY_EXTENSION)
_DOCUMENT_TYPES = (
    "application/pdf", "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.opendocument.", "application/rtf",
    "text/rtf", "text/csv", "application/zip", "application/x-zip-compressed", "application/vnd.rar",
    "application/x-rar-compressed", "text/plain", "audio/mpeg", "video/mp4",
)
HTML_TYPES = ("text/html", "application/xhtml+xml")


# URLs that are already in normal form except perhaps for a default port or an empty "?": most links on a
# page. Checked with one regular expression instead of the full parse (6x faster; the two paths are
# property-tested to agree).
_SIMPLE_URL = re.compile(
    r"(https?)://((?:[a-z0-9_-]{1,63}\.)*[a-z0-9_-]{1,63})(?::([1-9][0-9]{0,4}))?"
    r"(/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)?(\?[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*)?")


class InvalidURL(ValueError):
    """A URL that cannot be fetched as written (bad host, bad port, unsupported scheme...)."""


def normalize_url(url: str) -> str:
    """The canonical form of an http(s) URL; raises InvalidURL (a ValueError) when there is none.

    Idempotent: normalize_url(normalize_url(u)) == normalize_url(u).
    """
    if not isinstance(url, str):
        raise InvalidURL(f"not a string: {url!r}")
    simple = _SIMPLE_URL.fullmatch(url)
    if simple:
        scheme, host, port, path, query = simple.groups()
        if (not path or "/." not in path) and (port is None or int(port) <= 65535):
            netloc = host if port is None or int(port) == DEFAULT_PORTS[scheme] else f"{host}:{port}"
            return f"{scheme}://{netloc}{path or '/'}{query if query and len(query) > 1 else ''}"
    return _normalize_full(url)


def _normalize_full(url: str) -> str:
    # Browsers drop tabs and newlines anywhere in a URL and trim surrounding spaces; so do we.
    cleaned = url.translate(_TAB_NEWLINE).strip(" \x00\x0b\x0c")
    if "\\" in cleaned:  # special schemes read a backslash before the query as a slash (WHATWG URL)
        cut = min((i for i in (cleaned.find("?"), cleaned.find("#")) if i >= 0), default=len(cleaned))
        cleaned = cleaned[:cut].replace("\\", "/") + cleaned[cut:]
    try:
        parts = urlsplit(cleaned)
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS:
            raise InvalidURL(f"unsupported scheme in {url!r}")
        host = _normalize_host(parts.hostname or "")
        port = parts.port  # raises ValueError for a non-numeric or out-of-range port
    except InvalidURL:
        raise
    except ValueError as exc:
        raise InvalidURL(f"{url!r}: {exc}") from None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    if parts.username is not None or parts.password is not None:
        userinfo = _requote(parts.username or "", "!$&'()*+,;=")
        if parts.password is not None:
            userinfo += ":" + _requote(parts.password, "!$&'()*+,;=")
        netloc = f"{userinfo}@{netloc}"
    # Special schemes treat a backslash as a path separator (WHATWG URL); follow browsers.
    path = remove_dot_segments(_requote(parts.path, _PATH_SAFE)) or "/"
    query = _requote(parts.query, _QUERY_SAFE)
    return urlunsplit((scheme, netloc, path, query, ""))


def _normalize_host(host: str) -> str:
    host = host.rstrip(".")
    if not host:
        raise InvalidURL("no host")
    if ":" in host:  # IPv6 literal (urlsplit has already checked the brackets)
        if not re.fullmatch(r"[0-9a-f:.]+(%[\w.-]+)?", host):
            raise InvalidURL(f"bad IPv6 host {host!r}")
        return host
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise InvalidURL(f"bad host {host!r}: {exc}") from None
    if not _HOST_OK.match(ascii_host) or ".." in ascii_host or ascii_host.startswith("."):
        raise InvalidURL(f"bad host {host!r}")
    return ascii_host


def _requote(component: str, safe: str) -> str:
    """Canonical percent-escapes: decode unreserved, upper-case the rest, escape what must be (UTF-8)."""
    out = []
    for piece in _ESCAPE_SPLIT.split(component):
        if not piece:
            continue
        if len(piece) == 3 and piece[0] == "%" and _ESCAPE_SPLIT.fullmatch(piece):
            char = chr(int(piece[1:], 16))
            out.append(char if char in _UNRESERVED else "%" + piece[1:].upper())
        else:
            try:
                out.append(quote(piece, safe=safe))  # '%' is not safe: a stray '%' becomes %25
            except UnicodeEncodeError as exc:  # lone surrogates
                raise InvalidURL(f"unencodable character in URL: {exc}") from None
    return "".join(out)


def remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4: resolve '.' and '..' segments, keeping a trailing slash."""
    if "." not in path:
        return path
    output: list[str] = []
    segments = path.split("/")
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
        elif segment == "..":
            if len(output) > 1:
                output.pop()
            if last:
                output.append("")
        else:
            output.append(segment)
    result = "/".join(output)
    if path.startswith("/") and not result.startswith("/"):
        result = "/" + result
    return result


def site_host(url_or_host: str) -> str:
    """The host that defines "the same site": lower-case, without a leading www."""
    host = urlsplit(url_or_host).hostname if "://" in url_or_host else url_or_host
    return (host or "").lower().rstrip(".").removeprefix("www.")


def host_key(url: str) -> str:
    """The key politeness is counted on: one host name, whatever the scheme or port."""
    return (urlsplit(url).hostname or "").lower()


def origin(url: str) -> str:
    """scheme://host[:port] - the unit robots.txt applies to."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"


def extension(url: str) -> str:
    """Lower-case file extension of the URL path ('' when none)."""
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    return posixpath.splitext(last)[1][1:].lower()


def is_document_url(url: str) -> bool:
    return extension(url) in DOCUMENT_EXTENSIONS


def is_document_type(content_type: str) -> bool:
    return content_type.startswith(_DOCUMENT_TYPES)


def is_html_type(content_type: str) -> bool:
    return content_type in HTML_TYPES


def media_type(content_type_header: str | None) -> str:
    """'text/html; charset=utf-8' -> 'text/html'."""
    return (content_type_header or "").split(";", 1)[0].strip().lower()


def strip_fragment(url: str) -> str:
    return url.split("#", 1)[0]
