"""Downloadable documents: labelled with format and size (GIGW 5.1.6), labels that tell the truth, and files
small enough for slow connections."""
from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from ..html import text_content
from ._gigw import cached, following_text
from ._gigw_site import url_key
from ._patterns import DOCUMENT_HREF, FORMAT, FORMAT_TYPES, SIZE, normalize, stated_size
from .registry import Violation, page_rule, site_rule

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024  # kasauti default (GIGW gives no number; DBIM caps large images at 5 MB)
_FOLLOWING_CHARS = 60  # how far after a link a "(PDF, 1.2 MB)" label may sit (the checklist's recipe)
_FORMAT_FAMILY = {"pdf": "pdf", "पीडीएफ": "pdf", "doc": "word", "docx": "word", "word": "word", "वर्ड": "word",
                  "odt": "word", "rtf": "word", "xls": "excel", "xlsx": "excel", "excel": "excel", "एक्सेल": "excel",
                  "ods": "excel", "csv": "csv", "ppt": "slides", "pptx": "slides", "powerpoint": "slides",
                  "odp": "slides", "zip": "zip", "rar": "rar", "7z": "7z", "txt": "text", "mp3": "mp3",
                  "mp4": "mp4", "epub": "epub", "xml": "xml", "json": "json", "jpg": "jpeg", "jpeg": "jpeg",
                  "png": "png", "webm": "webm"}


def document_links(doc) -> list[tuple[object, str, str, str, str]]:
    """(link, absolute URL, extension, own label, full label) for visible links to documents (by extension).
    The own label is the link's text, title, aria-label/labelledby/describedby and icon alt text; the full
    label adds up to 60 characters of text that follow the link."""
    def compute(d):
        found = []
        for a in d.all("a") + d.all("area"):
            href = a.get("href")
            if not href:
                continue
            match = DOCUMENT_HREF.search(href)
            if not match or d.is_hidden(a):
                continue
            url = d.resolve(href)
            if not url:
                continue
            # Text content plus the attributes that can carry the label: cheaper than the accessible name and
            # it also counts a visible "PDF" badge that is aria-hidden.
            parts = [text_content(a), a.get("title") or "", a.get("aria-label") or ""]
            parts += [img.get("alt") or "" for img in a.iter("img")]
            if a.get("aria-labelledby"):
                parts.append(d.name(a))
            for ident in (a.get("aria-describedby") or "").split():
                target = d.by_id(ident)
                if target is not None:
                    parts.append(text_content(target))
            own = normalize(" ".join(parts))
            full = f"{own} {normalize(following_text(a, _FOLLOWING_CHARS))}"
            found.append((a, url, match.group(1).lower(), own, full))
        return found
    return cached(doc, "document-links", compute)


@page_rule(
    code="DOC001", name="download-label-missing", impact="moderate", gigw=("GIGW-5.1.6",),
    messages={
        "default": {
            "en": "The link to this {ext} file does not say its format and size: write them next to the title, "
                  "e.g. \"Annual Report 2025-26 (PDF, 1.2 MB)\".",
            "hi": "इस {ext} फ़ाइल के लिंक में उसका प्रारूप और आकार नहीं बताया गया है: शीर्षक के साथ लिखें, जैसे "
                  "\"वार्षिक रिपोर्ट 2025-26 (PDF, 1.2 MB)\"।",
        },
        "no-size": {
            "en": "The link to this {ext} file gives its format but not its size: add it, e.g. \"(PDF, 1.2 MB)\".",
            "hi": "इस {ext} फ़ाइल के लिंक में प्रारूप है पर आकार नहीं: आकार जोड़ें, जैसे \"(PDF, 1.2 MB)\"।",
        },
        "no-format": {
            "en": "The link to this {ext} file gives its size but not its format: add it, e.g. \"(PDF, 1.2 MB)\".",
            "hi": "इस {ext} फ़ाइल के लिंक में आकार है पर प्रारूप नहीं: प्रारूप जोड़ें, जैसे \"(PDF, 1.2 MB)\"।",
        },
    },
)
def download_label_missing(doc):
    """A link to a document that does not state the file's format and size.

    What it checks:
        Each visible link whose URL ends in a document extension (.pdf, .docx, .xlsx, .pptx, .odt, .csv, .zip,
        .mp4 ...) states the format ("PDF", "Word", "पीडीएफ") and the size ("1.2 MB", "245 KB", "2.3 एमबी") in
        its text, title, aria-label, aria-describedby text or icon alt, or in the 60 characters that follow it
        in the same list item, paragraph or table row. Image links (gallery thumbnails) are left out.
    Why it matters:
        GIGW requires every download to show its format and size, so people on slow or metered connections, and
        people who need a particular reader, can decide before they click.
    Example:
        <a href="/documents/annual-report-2025-26.pdf">Annual Report 2025-26</a>
    Use instead:
        <a href="/documents/annual-report-2025-26.pdf">Annual Report 2025-26 (PDF, 1.2 MB)</a>
        <td><a href="/tenders/17.pdf">Tender notice 17</a></td><td>PDF</td><td>245 KB</td>
    References:
        - GIGW 3.0 guideline 5.1.6 (downloadable documents: format and size)
        - WCAG 2.2 SC 2.4.4 Link Purpose (In Context), advisory technique: state the file type and size
    """
    for a, _url, ext, _own, full in document_links(doc):
        has_format, has_size = bool(FORMAT.search(full)), bool(SIZE.search(full))
        if has_format and has_size:
            continue
        message = "no-size" if has_format else "no-format" if has_size else "default"
        yield Violation(a, message, {"ext": ext.upper()})


def _collect_stated(doc) -> tuple | None:
    """(url key, stated format, low bytes, high bytes, stated text, extension) per link that states a size.
    Selectors are not kept: the page facts already hold every link's selector."""
    found = []
    for _a, url, ext, own, full in document_links(doc):
        size = stated_size(full)
        if size is None:
            continue
        fmt = FORMAT.search(own) or FORMAT.search(full)
        found.append((url_key(url), fmt.group(0) if fmt else "", size[0], size[1], size[2], ext))
    return tuple(found) or None


def _link_on(page, key: str, stated: str):
    """The page's link to this document, preferring the one whose text holds the stated size."""
    candidates = [link for link in page.links if url_key(link.url) == key]
    for link in candidates:
        if stated in normalize(link.text):
            return link
    return candidates[0] if candidates else None


def _real_size(res) -> int | None:
    if res.size is not None:
        return res.size
    length = (res.headers or {}).get("content-length", "")
    if length.strip().isascii() and length.strip().isdigit():
        return int(length)
    return len(res.body) if res.body else None


def _documents(site) -> dict[str, object]:
    """url key -> FetchedPage of every fetched document (by its requested and final URL)."""
    def compute(s):
        found = {}
        for res in s.resources:
            if res.kind in ("document", "link-check", "asset") and not res.error and (res.status or 200) < 400:
                for url in {res.url, res.final_url} - {""}:
                    found[url_key(url)] = res
        return found
    return cached(site, "documents", compute)


def _human(size: float) -> str:
    for unit, power in (("MB", 2), ("KB", 1)):
        if size >= 1024 ** power:
            return f"{size / 1024 ** power:.1f} {unit}"
    return f"{int(size)} bytes"


@site_rule(
    code="DOC002", name="download-size-mismatch", impact="moderate", gigw=("GIGW-5.1.6",), collect=_collect_stated,
    messages={
        "default": {
            "en": "The link says the file is {stated} but it is {actual}: correct the label (labels are often "
                  "copied from an older version of the file).",
            "hi": "लिंक में फ़ाइल का आकार {stated} बताया गया है पर वास्तव में वह {actual} है: लेबल ठीक करें (लेबल अक्सर "
                  "फ़ाइल के पुराने संस्करण से कॉपी किए जाते हैं)।",
        },
        "format": {
            "en": "The link says the file is {stated} but the server sends {actual}: correct the label or the file.",
            "hi": "लिंक में फ़ाइल का प्रारूप {stated} बताया गया है पर सर्वर {actual} भेजता है: लेबल या फ़ाइल ठीक करें।",
        },
    },
)
def download_size_mismatch(site):
    """The size or format stated next to a download does not match the file.

    What it checks:
        For every document link that states a size (see DOC001), the real size of the file (from the crawl's
        response, or the file's size for a built folder) lies within the stated size, allowing for the rounding
        of the last digit, 10 % either way, and KB/MB read as powers of 1000 or 1024. The stated format must
        also match the file's content type (or, when unknown, its extension): a "PDF" label on a Word file is
        reported.
    Why it matters:
        A wrong size misleads exactly the people the label is for: those on slow or metered connections. A wrong
        format sends them off to install the wrong reader.
    Example:
        <a href="/documents/annual-report.pdf">Annual Report (PDF, 9 MB)</a>   (the file is 1.4 MB)
    Use instead:
        <a href="/documents/annual-report.pdf">Annual Report (PDF, 1.4 MB)</a>
    References:
        - GIGW 3.0 guideline 5.1.6 (downloadable documents: format and size)
    """
    documents = _documents(site)
    pages = {page.url: page for page in site.pages}
    for page_url, stated in site.collected("DOC002").items():
        reported = set()
        for key, fmt, low, high, text, ext in stated:
            if key in reported:
                continue
            res = documents.get(key)
            actual = _real_size(res) if res is not None else None
            content_type = res.content_type if res is not None else ""
            if actual is not None and not (low <= actual <= high):
                message, params, identity = "default", {"stated": text, "actual": _human(actual)}, key
            else:
                mismatch = _format_mismatch(fmt, ext, content_type)
                if not mismatch:
                    continue
                message, params, identity = "format", {"stated": fmt.upper(), "actual": mismatch}, key + "#format"
            reported.add(key)
            link = _link_on(pages[page_url], key, text) if page_url in pages else None
            yield Violation(url=page_url, selector=link.selector if link else "", identity=identity,
                            snippet=_snippet(link) if link else "", message_id=message, params=params)


def _snippet(link) -> str:
    return f'<a href="{escape(link.url)}">{escape(link.text[:200])}</a>'


def _format_mismatch(stated: str, ext: str, content_type: str) -> str:
    """What the file really is when it contradicts the stated format, else ''."""
    family = _FORMAT_FAMILY.get(stated.lower())
    if not family:
        return ""
    content_type = (content_type or "").split(";")[0].strip().lower()
    if content_type and content_type not in ("application/octet-stream", "binary/octet-stream",
                                             "application/force-download", "application/download"):
        allowed = FORMAT_TYPES.get(stated.lower())
        if allowed is None:
            return ""
        return "" if content_type.startswith(allowed) else content_type
    ext_family = _FORMAT_FAMILY.get(ext)
    if ext_family and ext_family != family:
        return f".{ext} file"
    return ""


@site_rule(
    code="DOC003", name="document-too-large", impact="minor", gigw=("DOC-file-size",), scope="document",
    messages={"default": {
        "en": "This document is {size}, over the {limit} advised for slow connections: compress it, or split it "
              "into chapters (linked from {page}).",
        "hi": "यह दस्तावेज़ {size} का है, जो धीमे कनेक्शन के लिए सुझाई गई सीमा {limit} से अधिक है: इसे संपीड़ित करें या "
              "अध्यायों में बाँटें ({page} से जुड़ा है)।",
    }},
)
def document_too_large(site):
    """A linked document larger than 5 MB.

    What it checks:
        Every fetched document (PDF, Word, spreadsheets, archives, media; for a built folder every document
        file) is at most 5 MB. The limit is a Kasauti default: GIGW asks to keep files small without a
        number, DBIM caps high-resolution images at 5 MB.
    Why it matters:
        Many citizens reach government sites over mobile data; a 40 MB scanned circular may never finish
        downloading, and it is usually a scan without a text layer as well.
    Example:
        <a href="/documents/annual-report.pdf">Annual Report (PDF, 48 MB)</a>
    Use instead:
        <a href="/documents/annual-report-part-1.pdf">Annual Report, part 1 (PDF, 3.1 MB)</a>
    References:
        - GIGW 3.0 guideline 5.1.6 (keep downloads small)
        - Kasauti checklist DOC-file-size (default limit 5 MB)
    """
    seen = set()
    for res in site.resources:
        if res.kind != "document" or res.error:
            continue
        size = _real_size(res)
        url = res.final_url or res.url
        if size is not None and size > MAX_DOCUMENT_BYTES and url_key(url) not in seen:
            seen.add(url_key(url))
            yield _too_large(url, size, res.referrer or site.start_url)


def _too_large(url: str, size: int, page: str) -> Violation:
    return Violation(url=url, identity=urlsplit(url).path or url,
                     params={"size": _human(size), "limit": _human(MAX_DOCUMENT_BYTES), "page": page})

