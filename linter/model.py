"""The data that flows through an audit: fetched pages, findings and results.

Everything here is plain data (frozen dataclasses where it is shared between stages) so that each stage can be
used alone: a rule runs on one HTML string, a reporter renders a stored result, the JSON report round-trips.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

SCHEMA_VERSION = 1


class Outcome(str, Enum):
    """The four outcomes of a check, with axe-core's meanings."""

    VIOLATION = "violation"
    NEEDS_REVIEW = "needs-review"
    PASS = "pass"
    INAPPLICABLE = "inapplicable"


class Impact(str, Enum):
    """How much a violation hurts users, with axe-core's meanings."""

    CRITICAL = "critical"
    SERIOUS = "serious"
    MODERATE = "moderate"
    MINOR = "minor"

    @property
    def rank(self) -> int:
        """Higher is worse; used by `--fail-on` and sorting."""
        return {"minor": 1, "moderate": 2, "serious": 3, "critical": 4}[self.value]


IMPACTS = tuple(i.value for i in Impact)
ENGINES = ("static", "http", "axe", "lighthouse")
SCOPES = ("page", "site", "document")


@dataclass(frozen=True)
class Finding:
    """One result of one check on one place. The JSON report is a list of these, field for field."""

    rule: str  # stable code, e.g. IMG001 (axe findings use the axe rule id)
    name: str  # kebab-case problem name, e.g. image-missing-alt
    outcome: str  # Outcome value
    impact: str  # Impact value
    scope: str  # page | site | document
    url: str  # page URL; the start URL for site findings; the document URL for documents
    selector: str  # CSS selector of the element ("" when the finding is about the whole page or site)
    snippet: str  # outer HTML of the element, truncated; never executed by any report
    message: str  # human message in the audit's locale
    wcag: tuple[str, ...]  # WCAG success criteria ids, e.g. ("1.1.1",)
    gigw: tuple[str, ...]  # GIGW 3.0 checklist ids, e.g. ("GIGW-5.2.1",)
    engine: str  # static | http | axe | lighthouse
    fingerprint: str  # stable id for baselines (see fingerprint.py)
    help_url: str = ""
    message_id: str = ""  # key of the message in the rule's catalogue (for re-rendering in another locale)
    data: tuple[tuple[str, str], ...] = ()  # message parameters, kept for re-rendering

    @property
    def impact_rank(self) -> int:
        return Impact(self.impact).rank


@dataclass
class FetchedPage:
    """A page (or any resource) as fetched from a server or read from a folder, before parsing.

    `error` is set instead of raising when anything went wrong (DNS, TLS, timeout, too large, loop...), so that a
    bad page is a recorded result and never aborts the audit.
    """

    url: str  # the URL that was requested (normalised)
    final_url: str = ""  # after redirects
    status: int | None = None  # HTTP status; None when no response at all
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    content_type: str = ""  # media type only, lower-case, e.g. text/html
    body: bytes = b""
    text: str | None = None  # decoded HTML for HTML pages
    error: str | None = None  # error kind, e.g. "timeout", "dns", "tls", "too-large", "redirect-loop"
    error_detail: str = ""
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (status, location) hops
    depth: int = 0
    referrer: str | None = None
    elapsed_ms: float = 0.0
    size: int | None = None  # body size in bytes (from Content-Length for HEAD requests)
    source_path: str | None = None  # file path when audited from a built folder
    kind: str = "page"  # page | document | sitemap | robots | asset | link-check

    @property
    def is_html(self) -> bool:
        return self.text is not None and self.error is None


@dataclass(frozen=True)
class PageSummary:
    """What the page result keeps about a page."""

    url: str
    status: int | None
    score: float | None  # None for pages that could not be fetched or read
    title: str = ""
    error: str | None = None
    violations: int = 0
    needs_review: int = 0


@dataclass
class SiteResult:
    """The whole audit: what the reporters render and what the JSON report stores."""

    target: str
    started_at: str
    finished_at: str
    engines: tuple[str, ...]
    score: float
    pages: list[PageSummary]
    findings: list[Finding]
    gigw_sections: dict[str, dict] = field(default_factory=dict)  # section -> {score, checked, failed, ids}
    wcag_summary: dict[str, dict] = field(default_factory=dict)  # level -> {failed: [...], ...}
    stats: dict[str, float] = field(default_factory=dict)  # pages_found, pages_audited, pages_failed, seconds
    gate: dict | None = None  # filled by the CI gate: {passed, reasons}
    tool_version: str = ""
    locale: str = "en"
