"""One fixed SiteResult for every reporter test: each scope, outcome and impact, Hindi text, hostile text.

The rules it names are a fixed catalogue defined here (CATALOGUE: two image rules with English and Hindi
messages, not registered anywhere), so snapshots do not change when the real rule families are edited;
renderers take it through their `rules=` option. X... codes are made-up site rules and axe rule ids stand
for engine findings Kasauti has no catalogue for.
"""
from __future__ import annotations

import hashlib

import pytest

from kasauti.linter.model import Finding, SiteResult
from kasauti.linter.rules.registry import Rule
from kasauti.linter.scoring import build_result

BASE = "https://jalshakti.example.gov.in"
HOSTILE_SNIPPET = '<script>alert(1)</script><img src=x onerror="alert(2)">'
HOSTILE_MESSAGE = 'Alt is "x" onmouseover="alert(3)" <b>bold</b> =HYPERLINK("http://evil.example")'
HOSTILE_URL = "javascript:alert(4)"


def _missing_alt(doc):
    """Images without a text alternative.

    What it checks:
        Every image has an alt attribute.
    Why it matters:
        Screen readers cannot describe an image without one.
    Example:
        <img src="a.jpg">
    Use instead:
        <img src="a.jpg" alt="The Minister at the dam">
    References:
        - WCAG 2.2 SC 1.1.1
    """
    return ()


def _alt_file_name(doc):
    """Images whose alt text is a file name.

    What it checks:
        The alt text is not a file name such as DSC0042.JPG.
    Why it matters:
        A file name describes nothing.
    Example:
        <img src="a.jpg" alt="a.jpg">
    Use instead:
        <img src="a.jpg" alt="Flooded fields in Assam">
    References:
        - WCAG 2.2 SC 1.1.1
    """
    return ()


def _rule(code, name, impact, check, messages) -> Rule:
    return Rule(code=code, name=name, impact=impact, wcag=("1.1.1",), gigw=("GIGW-5.2.1",), engine="static",
                scope="page", status="stable", since="0.1.0", messages=messages, check=check)


CATALOGUE = {
    "IMG001": _rule("IMG001", "image-missing-alt", "critical", _missing_alt, {"default": {
        "en": "Image has no text alternative: add an alt attribute.",
        "hi": "छवि का कोई पाठ विकल्प नहीं है: alt विशेषता जोड़ें।"}}),
    "IMG002": _rule("IMG002", "image-alt-is-file-name", "serious", _alt_file_name, {"default": {
        "en": "Image alt text \"{alt}\" is a file name, not a description.",
        "hi": "छवि का alt पाठ \"{alt}\" फ़ाइल का नाम है, विवरण नहीं।"}}),
}


def make_finding(rule: str, url: str, *, name: str = "", outcome: str = "violation", impact: str = "serious",
                 scope: str = "page", selector: str = "", snippet: str = "", message: str = "",
                 wcag: tuple[str, ...] = (), gigw: tuple[str, ...] = (), engine: str = "static",
                 fingerprint: str = "", message_id: str = "default", data: dict[str, str] | None = None,
                 help_url: str = "") -> Finding:
    known = CATALOGUE.get(rule)
    params = dict(data or {})
    if known is not None:
        name = name or known.name
        impact = known.impact if impact == "serious" else impact
        wcag = wcag or known.wcag
        gigw = gigw or known.gigw
        message = message or known.message(message_id, "en", params)
        help_url = help_url or f"https://kasauti.github.io/rules/{rule}/"
    return Finding(
        rule=rule, name=name or rule.lower(), outcome=outcome, impact=impact, scope=scope, url=url,
        selector=selector, snippet=snippet, message=message or f"{rule} message", wcag=wcag, gigw=gigw,
        engine=engine,
        fingerprint=fingerprint or hashlib.sha256(f"{rule}|{url}|{selector}|{outcome}".encode()).hexdigest()[:16],
        help_url=help_url, message_id=message_id, data=tuple(sorted(params.items())),
    )


def sample_findings() -> list[Finding]:
    home, about, hindi = f"{BASE}/", f"{BASE}/about/", f"{BASE}/hi/"
    return [
        make_finding("IMG001", home, selector="header > img.emblem", snippet='<img src="/emblem.svg">',
                     fingerprint="a1b2c3d4e5f60001"),
        make_finding("IMG001", home, selector="main img:nth-of-type(2)", snippet='<img src="/minister.jpg">',
                     fingerprint="a1b2c3d4e5f60002"),
        make_finding("IMG001", hindi, selector="main > img", snippet='<img src="/chitra.jpg" title="">',
                     fingerprint="a1b2c3d4e5f60003"),
        make_finding("IMG002", about, selector="#team > img", snippet='<img src="dsc0042.jpg" alt="DSC0042.JPG">',
                     data={"alt": "DSC0042.JPG"}, fingerprint="a1b2c3d4e5f60004"),
        make_finding("color-contrast", about, name="color-contrast", impact="serious", engine="axe",
                     selector="footer .copyright", snippet='<p class="copyright">© भारत सरकार</p>',
                     message="Element has insufficient colour contrast of 3.2 (foreground #777777, background "
                             "#ffffff, expected 4.5:1)",
                     wcag=("1.4.3",), gigw=("GIGW-5.2.16",), fingerprint="a1b2c3d4e5f60005",
                     help_url="https://dequeuniversity.com/rules/axe/4.14/color-contrast", message_id=""),
        make_finding("duplicate-id-aria", about, name="duplicate-id-aria", impact="critical", engine="axe",
                     outcome="needs-review", selector="#search", snippet='<input id="search">',
                     message="ID attribute values used by ARIA must be unique: check by hand", wcag=("4.1.1",),
                     fingerprint="a1b2c3d4e5f60006", message_id=""),
        make_finding("region", hindi, name="region", impact="moderate", engine="axe", selector="div.ticker",
                     snippet='<div class="ticker">ताज़ा समाचार: जल जीवन मिशन</div>',
                     message="पृष्ठ की सारी सामग्री लैंडमार्क के भीतर होनी चाहिए", wcag=(),
                     gigw=("GIGW-5.2.13",), fingerprint="a1b2c3d4e5f60007", message_id=""),
        make_finding("heading-order", hindi, name="heading-order", impact="minor", engine="axe",
                     outcome="needs-review", selector="h4", snippet="<h4>योजनाएँ</h4>",
                     message="Heading levels should only increase by one", wcag=("1.3.1",),
                     fingerprint="a1b2c3d4e5f60008", message_id=""),
        make_finding("target-size", about, name="target-size", impact="serious", engine="axe", selector="a.tiny",
                     snippet='<a class="tiny" href="/rti/">RTI</a>', message="Touch target is 16x16 px",
                     wcag=("2.5.8",), fingerprint="a1b2c3d4e5f60009", message_id=""),
        # hostile page content must be shown, never run
        make_finding("IMG002", about, selector='img[alt="\\" onmouseover=alert(5)"]', snippet=HOSTILE_SNIPPET,
                     message=HOSTILE_MESSAGE, data={"alt": '" onmouseover="alert(3)'},
                     fingerprint="a1b2c3d4e5f60010"),
        make_finding("link-name", HOSTILE_URL, name="link-name", impact="serious", engine="axe",
                     selector="a", snippet='<a href="javascript:alert(6)"></a>', message="Links must have text",
                     wcag=("2.4.4", "4.1.2"), gigw=("GIGW-5.2.24",), fingerprint="a1b2c3d4e5f60011",
                     message_id=""),
        # site and document scope
        make_finding("XPOL901", home, name="accessibility-statement-missing", scope="site", impact="serious",
                     message="No accessibility statement page is linked from the home page footer",
                     gigw=("NIC-accessibility-statement", "GIGW-5.4.5"), fingerprint="a1b2c3d4e5f60012",
                     message_id=""),
        make_finding("XDOC901", f"{BASE}/docs/annual-report-2025.pdf", name="pdf-without-text-layer",
                     scope="document", impact="serious", engine="http",
                     message="PDF has no text layer (scanned image); screen readers read nothing",
                     wcag=("1.1.1",), gigw=("DOC-pdf-text-layer", "GIGW-5.1.6"), fingerprint="a1b2c3d4e5f60013",
                     message_id=""),
        make_finding("XSEC901", home, name="hsts-missing", scope="site", impact="moderate", engine="http",
                     outcome="pass", message="HSTS header present", gigw=("GIGW-5.3.2",),
                     fingerprint="a1b2c3d4e5f60014", message_id=""),
    ]


def sample_result() -> SiteResult:
    pages = [
        (f"{BASE}/", 200, "Home | Ministry of Jal Shakti, Government of India", None),
        (f"{BASE}/about/", 200, "About us | Ministry of Jal Shakti", None),
        (f"{BASE}/hi/", 200, "मुखपृष्ठ | जल शक्ति मंत्रालय, भारत सरकार", None),
        (f"{BASE}/contact/", 200, "Contact", None),
        (f"{BASE}/tenders/", None, None, "timeout"),
    ]
    result = build_result(
        target=f"{BASE}/", pages=pages, findings=sample_findings(), rules_run=["IMG001", "IMG002"],
        engines=("static", "axe"), started="2026-03-01T10:00:00+00:00", finished="2026-03-01T10:02:05+00:00",
        stats={"pages_found": 5, "pages_audited": 4, "pages_failed": 1, "resources": 3, "browser_errors": 0,
               "seconds": 125.0},
        locale="en",
    )
    result.tool_version = "0.1.0"
    result.gate = {"passed": False, "reasons": [
        "site score 61.0 is below --fail-under 90",
        "9 violation(s) at impact serious or worse "
        "(rules: IMG001, IMG002, XDOC901, XPOL901, color-contrast, link-name)",
    ]}
    return result


@pytest.fixture
def result() -> SiteResult:
    return sample_result()
