"""Rewrite the links of one rendered page: label downloads with format and size, mark external links.

Works on the HTML fragment Python-Markdown produced (double-quoted attributes, one <a> per link), so a regular
expression over <a> elements is enough and keeps the build fast. Pure function of its inputs: it reports the
problems it finds and leaves the logging to the plugin.
"""
from __future__ import annotations

import html
import os
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from . import documents

ANCHOR = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<body>.*?)</a>", re.DOTALL | re.IGNORECASE)
HREF = re.compile(r"""\shref=(?P<q>["'])(?P<href>.*?)(?P=q)""", re.DOTALL | re.IGNORECASE)
CLASS = re.compile(r"""\sclass=(?P<q>["'])(?P<value>.*?)(?P=q)""", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")

EXTERNAL_TEXT = {
    "en": ("(external website, opens in a new tab)", "(external website)"),
    "hi": ("(बाहरी वेबसाइट, नए टैब में खुलती है)", "(बाहरी वेबसाइट)"),
}


@dataclass(frozen=True)
class LinkSettings:
    page_url: str  # site-relative URL of the page being rewritten, e.g. "hi/about/"
    site_host: str | None  # host of site_url; absolute links to it are internal
    site_path: str  # path of site_url, e.g. "/" or "/ministry/"
    files_by_url: dict  # site-relative URL -> mkdocs File, for every file of this build
    download_extensions: frozenset
    mark_external: bool = True
    new_tab: bool = True
    notice: bool = False
    government_domains: tuple = ("gov.in", "nic.in")
    language: str = "en"


@dataclass
class LinkReport:
    missing_documents: list = field(default_factory=list)  # hrefs of downloads whose file is not in the site
    documents: list = field(default_factory=list)  # (href, abs path, size) of every labelled download
    external: int = 0


def is_government_host(host: str, domains) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


def site_relative(href: str, settings: LinkSettings) -> str | None:
    """The site-relative URL path an href points at, or None when it leaves the site (or is not a page link)."""
    parts = urlsplit(html.unescape(href))
    if parts.scheme in ("http", "https") or href.startswith("//"):
        if not settings.site_host or parts.hostname != settings.site_host:
            return None
        path = parts.path
        prefix = settings.site_path
        return unquote(path[len(prefix):] if path.startswith(prefix) else path.lstrip("/"))
    if parts.scheme or not parts.path:
        return None  # mailto:, tel:, javascript:, or a fragment on the same page
    if parts.path.startswith("/"):
        path = parts.path
        prefix = settings.site_path
        return unquote(path[len(prefix):] if path.startswith(prefix) else path.lstrip("/"))
    # A directory URL ("hi/about/") is its own base; a file URL ("hi/about.html") resolves from its folder.
    base = posixpath.dirname(settings.page_url + "x" if settings.page_url.endswith("/") else settings.page_url)
    joined = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    return "" if joined == "." else joined


def _add_attrs(attrs: str, extra: dict, extra_class: str) -> str:
    match = CLASS.search(attrs)
    if match:
        attrs = attrs[:match.start("value")] + match.group("value") + " " + extra_class + attrs[match.end("value"):]
    else:
        attrs += f' class="{extra_class}"'
    for name, value in extra.items():
        if not re.search(rf"\s{name}=", attrs, re.IGNORECASE):
            attrs += f' {name}="{value}"'
    return attrs


def rewrite_links(fragment: str, settings: LinkSettings) -> tuple[str, LinkReport]:
    report = LinkReport()
    new_tab_text, plain_text = EXTERNAL_TEXT.get(settings.language, EXTERNAL_TEXT["en"])

    def rewrite(match: re.Match) -> str:
        attrs, body = match.group("attrs"), match.group("body")
        href_match = HREF.search(attrs)
        class_match = CLASS.search(attrs)
        if not href_match or (class_match and "headerlink" in class_match.group("value").split()):
            return match.group(0)
        href = href_match.group("href")
        scheme = urlsplit(html.unescape(href)).scheme
        target = site_relative(href, settings)

        if target is None and (scheme in ("http", "https") or href.startswith("//")):
            if not settings.mark_external:
                return match.group(0)
            report.external += 1
            extra = {}
            if settings.new_tab:
                extra.update({"target": "_blank", "rel": "noopener noreferrer"})
            host = urlsplit(html.unescape(href)).hostname or ""
            if settings.notice and not is_government_host(host, settings.government_domains):
                extra["data-kasauti-notice"] = ""
            text = new_tab_text if settings.new_tab else plain_text
            attrs = _add_attrs(attrs, extra, "kasauti-external")
            return f'<a{attrs}>{body}<span class="kasauti-sr-only"> {text}</span></a>'

        if target is None:
            return match.group(0)
        extension = posixpath.splitext(target)[1].lower().lstrip(".")
        if extension not in settings.download_extensions:
            return match.group(0)
        file = settings.files_by_url.get(target)
        if file is None or not file.abs_src_path:
            report.missing_documents.append(href)
            return match.group(0)
        size = os.path.getsize(file.abs_src_path)
        report.documents.append((href, file.abs_src_path, size))
        if documents.has_label(TAG.sub("", body)):
            return match.group(0)
        label = documents.download_label(extension, size)
        return f'<a{attrs}>{body} <span class="kasauti-filemeta">{label}</span></a>'

    return ANCHOR.sub(rewrite, fragment), report
