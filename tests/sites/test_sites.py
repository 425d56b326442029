"""End to end: the linter finds every seeded defect on the bad ministry site and nothing on the good one.

Both sites are audited as built folders (`kasauti audit folder/`) and, for the good site, served on 127.0.0.1
and crawled live with security headers set, as a real ministry server would.
"""
from __future__ import annotations

import functools
import http.server
import threading
from collections import defaultdict
from urllib.parse import urlsplit

import pytest

from kasauti.linter.audit import AuditOptions, audit
from kasauti.linter.crawl import CrawlOptions

from .ministry import Defect, write_site

HINDI_UNMARKED = "<p>Our motto is जल है तो कल है, which every district office displays.</p>"

# Each seeded defect and the rule that must report it. expect_path None = reported on the defect's own page;
# "" = a site-level finding reported on the start URL.
DEFECTS = (
    Defect("IMG001", "about/", "<h1>About the Ministry</h1>", '<h1>About the Ministry</h1><img src="/assets/check-dam.svg">'),
    Defect("IMG002", "schemes/", "</main>", '<img src="/assets/check-dam.svg" alt="IMG_2041.JPG"></main>'),
    Defect("LANG001", "help/", '<html lang="en">', "<html>"),
    Defect("LANG003", "about/", "</main>", HINDI_UNMARKED + "</main>"),
    Defect("HDG002", "schemes/", "</main>", "<h4>Jal Sanchay guidelines</h4><p>Revised in 2026.</p></main>"),
    Defect("FRM001", "feedback/", '<label for="fb-name">Your name</label>', ""),
    Defect("FRM002", "feedback/", '<label for="fb-email">Email</label><input id="fb-email"',
           '<input placeholder="Email" id="fb-email"'),
    Defect("LNK001", "tenders/", "</main>", '<a href="/tenders/archive/"><img src="/assets/check-dam.svg" alt=""></a></main>'),
    Defect("LNK002", "schemes/", "</main>", '<p>Jal Sanchay. <a href="/schemes/">Click here</a></p>'
           '<p>Atal Bhujal. <a href="/tenders/">Click here</a></p></main>'),
    Defect("BTN001", "contact/", "</main>", '<button type="button"><svg viewBox="0 0 8 8"><path d="M0 0h8v8H0z"/></svg></button></main>'),
    Defect("TBL001", "hi/tenders/", '<th scope="col">निविदा</th><th scope="col">अंतिम तिथि</th><th scope="col">दस्तावेज़</th>',
           "<td>निविदा</td><td>अंतिम तिथि</td><td>दस्तावेज़</td>"),
    Defect("IFR001", "contact/", "</address>", '</address><iframe src="/assets/site.css"></iframe>'),
    Defect("KBD001", "help/", '<a href="/screen-reader-access/">', '<a tabindex="3" href="/screen-reader-access/">'),
    Defect("ARIA003", "about/", '<a class="brand"', '<a aria-hidden="true" class="brand"'),
    Defect("META001", "schemes/", '<meta charset="utf-8">', '<meta charset="utf-8"><meta http-equiv="refresh" content="30">'),
    Defect("META002", "hi/help/", 'content="width=device-width, initial-scale=1"',
           'content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no"'),
    Defect("MED002", "hi/", "<h1>", "<marquee>नई भर्ती सूचना</marquee><h1>"),
    Defect("NAV001", "tenders/", '<a class="skip-link" href="#main-content">Skip to main content</a>', ""),
    Defect("STR003", "hi/contact/", 'href="#main-content"', 'href="#content-start"'),
    Defect("IDN002", "hi/about/", 'alt="भारत का राजचिह्न"', 'alt=""'),
    Defect("NAV009", "", '<a href="https://www.india.gov.in/" target="_blank" rel="noopener">National Portal of India '
           '<span class="visually-hidden">(external website, opens in a new tab)</span></a>', "India portal"),
    Defect("UPD001", "about/", '<p>Last updated: <time datetime="2026-11-20">20-11-2026</time></p>', ""),
    Defect("CNT001", "help/", "</main>", "<p>This site is best viewed in Internet Explorer 11 at 1024x768 resolution.</p></main>"),
    Defect("LNK004", "about/", "</main>", '<p>See the <a href="https://www.example.com/water-report">UN water report</a>.</p></main>'),
    Defect("DOC001", "tenders/", "Tender notice 17 (PDF, 0.6 KB)", "Tender notice 17"),
    Defect("DOC002", "", "Annual Report 2025-26 (PDF, 1.4 KB)", "Annual Report 2025-26 (PDF, 9 MB)"),
    Defect("LNK005", "schemes/", "</main>", '<p><a href="/schemes/jal-sanchay-2019/">Jal Sanchay 2019 guidelines</a></p></main>'),
    Defect("TTL003", "schemes/", "<title>Schemes |", "<title>Tenders |"),
    Defect("TTL004", "", "<title>Ministry of Water Conservation, Government of India</title>",
           "<title>Ministry of Water Conservation</title>"),
    Defect("I18N003", "about/", 'hreflang="hi" lang="hi">हिन्दी</a>', ">हिन्दी</a>"),
    # A policy that is missing everywhere: page dropped and every link to it removed.
    Defect("POL003", "website-policies/hyperlinking-policy/", drop=True, expect_path=""),
    Defect("POL003", "hi/website-policies/hyperlinking-policy/", drop=True, expect_path=""),
    Defect("POL003", "", '<li><a href="/website-policies/hyperlinking-policy/">Hyperlinking Policy</a></li>', "",
           everywhere=True, expect_path=""),
    Defect("POL003", "", '<li><a href="/hi/website-policies/hyperlinking-policy/">हाइपरलिंकिंग नीति</a></li>', "",
           everywhere=True, expect_path=""),
)


def violations_by_rule(result) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for f in result.findings:
        if f.outcome == "violation":
            found[f.rule].add(urlsplit(f.url).path)
    return found


def run_folder(folder, **kwargs):
    return audit(str(folder), AuditOptions(workers=1, **kwargs))


@pytest.fixture(scope="module")
def good_site(tmp_path_factory):
    return write_site(tmp_path_factory.mktemp("good"))


def test_good_site_has_no_violation(good_site):
    result = run_folder(good_site)
    bad = [f for f in result.findings if f.outcome == "violation"]
    assert not bad, "\n".join(f"{f.rule} {f.url} {f.selector}: {f.message}" for f in bad)
    assert len(result.pages) == 44
    assert result.score == 100.0


def test_every_seeded_defect_is_found(tmp_path):
    result = run_folder(write_site(tmp_path / "bad", DEFECTS))
    found = violations_by_rule(result)
    missed = []
    for defect in DEFECTS:
        where = defect.expect_path if defect.expect_path is not None else defect.path
        if defect.everywhere or defect.drop:
            where = ""
        if where == "" and defect.expect_path is None and not defect.path:
            where = ""
        if not any(path.strip("/") == where.strip("/") for path in found.get(defect.rule, ())):
            missed.append(f"{defect.rule} on /{where} (found on: {sorted(found.get(defect.rule, ()))})")
    assert not missed, "missed seeded defects:\n" + "\n".join(missed)
    assert result.score < 100


class _SecureHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the good site as a well-configured ministry server would (no version in the Server header)."""

    server_version = "ministry-web"
    sys_version = ""

    def end_headers(self):
        self.send_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        self.send_header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        self.send_header("Referrer-Policy", "strict-origin-when-cross-origin")
        super().end_headers()

    def log_message(self, *args):
        pass


def test_good_site_crawled_live_finds_every_page(good_site):
    handler = functools.partial(_SecureHandler, directory=str(good_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        # External links are not checked: this machine has no route to the internet.
        result = audit(url, AuditOptions(workers=1, crawl=CrawlOptions(delay=0.0, max_pages=100, check_links=False)))
    finally:
        server.shutdown()
        server.server_close()
    assert len(result.pages) == 44
    # A plain-HTTP loopback server cannot pass the HTTPS rules; everything else must be clean.
    bad = [f for f in result.findings if f.outcome == "violation" and not f.rule.startswith("SEC00")]
    assert not bad, "\n".join(f"{f.rule} {f.url} {f.selector}: {f.message}" for f in bad)
    assert {f.rule for f in result.findings if f.outcome == "violation"} <= {"SEC001", "SEC002"}
