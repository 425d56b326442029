"""What happened to a site in a survey: one status from a small, fixed taxonomy, never a missing row.

`ok` means at least one HTML page was audited and scored. Every other status says why nothing could be: most
come straight from the crawler's own error kinds (crawl/fetch.py ERROR_KINDS) for the start URL, so a fleet report
and `kasauti audit` use the same words. `crashed` and `time-limit` are the fleet's own: the audit itself failed,
or ran over the site's time budget.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..crawl.fetch import ERROR_KINDS

STATUSES: dict[str, str] = {
    "ok": "audited: at least one HTML page was checked and scored",
    "dns": "the host name does not resolve",
    "connect": "the connection was refused or reset (nothing listening, firewall, server down)",
    "tls": "the TLS (https) handshake failed (certificate, protocol)",
    "timeout": "the server did not answer completely in time",
    "http-error": "the start page answered with an HTTP error status (4xx or 5xx)",
    "protocol-error": "the server broke the HTTP protocol or sent a body that cannot be decoded",
    "redirect-loop": "the start URL redirects in a loop or through too many hops",
    "robots-blocked": "robots.txt asks crawlers not to fetch the start page",
    "not-html": "the start URL serves something other than an HTML page",
    "too-large": "the start page is larger than the size limit",
    "invalid-url": "the URL cannot be fetched as written (or was refused as a crawler trap)",
    "empty": "the server answered, but there was no HTML page to audit",
    "crashed": "the audit failed (an internal error, or its worker died on this site every time it was tried)",
    "time-limit": "the site's audit ran over its time limit and was stopped",
}
FAILED = tuple(s for s in STATUSES if s != "ok")
# Crawler error kind -> survey status. Every kind in ERROR_KINDS has a status (a test checks it).
ERROR_TO_STATUS: dict[str, str] = {
    "dns": "dns", "connect": "connect", "tls": "tls", "timeout": "timeout",
    "too-large": "too-large", "redirect-loop": "redirect-loop", "too-many-redirects": "redirect-loop",
    "http-error": "protocol-error", "decode": "protocol-error", "not-html": "not-html",
    "robots-disallowed": "robots-blocked", "trap": "invalid-url", "invalid-url": "invalid-url",
    # page-pass errors (linter/page_pool.py): the audit of the page itself failed
    "crashed": "crashed", "audit-error": "crashed",
}
assert set(ERROR_KINDS) <= set(ERROR_TO_STATUS), "every crawler error kind needs a survey status"
assert set(ERROR_TO_STATUS.values()) <= set(STATUSES)


@dataclass(frozen=True)
class StartRecord:
    """What the crawler said about the start URL (from the audit's own events)."""

    error: str | None = None
    detail: str = ""
    status: int | None = None
    resource: str = "page"


def classify(pages_audited: int, start: StartRecord | None, page_errors: list[str] = ()) -> tuple[str, str]:
    """(status, detail) of a finished audit.

    `pages_audited` from the result's stats; `start` the crawler's record of the start URL (None when it never
    reported one); `page_errors` the error strings of the pages that failed (the result's PageSummary.error).
    """
    if pages_audited > 0:
        note = ""
        if start is not None and (start.error or (start.status or 0) >= 400):
            note = f"start page: {start.error or f'HTTP {start.status}'}"
        return "ok", note
    if start is not None:
        if start.error:
            status = ERROR_TO_STATUS.get(start.error, "crashed")
            return status, start.detail or ERROR_KINDS.get(start.error, start.error)
        if (start.status or 0) >= 400:
            return "http-error", f"HTTP {start.status}"
        if start.resource in ("document", "asset"):
            return "not-html", "the start URL serves a document, not an HTML page"
    for error in page_errors:
        kind = (error or "").split(":", 1)[0].strip()
        if kind in ERROR_TO_STATUS:
            return ERROR_TO_STATUS[kind], error
        if kind.startswith("HTTP "):
            return "http-error", kind
    return "empty", STATUSES["empty"]
