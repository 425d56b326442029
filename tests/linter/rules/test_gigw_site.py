"""GIGW site rules (standard pages, policies, sitemap.xml, broken links, download labels, security headers) on
Site objects built the way an audit builds them: real HTML pages through the page pass, plus resources."""
from __future__ import annotations

import html

import pytest

from kasauti.linter.engines.static import check_site, page_pass, split_rules
from kasauti.linter.model import FetchedPage
from kasauti.linter.rules import all_rules, get_rule
from kasauti.linter.site import Site

BASE = "https://jalsanrakshan.gov.in/"
FAMILIES = {"identity", "navigation", "policies", "freshness", "bilingual", "documents", "links", "content",
            "security"}
GOOD_HEADERS = {
    "content-type": "text/html; charset=utf-8",
    "strict-transport-security": "max-age=31536000; includeSubDomains",
    "content-security-policy": "default-src 'self'; frame-ancestors 'self'",
    "x-content-type-options": "nosniff",
    "server": "nginx",
    "set-cookie": "SESSION=abc; Path=/; Secure; HttpOnly; SameSite=Lax, lang=hi; Path=/; Secure",
}

# path -> (English link text, Hindi link text). Every page links to all of them from its footer.
STANDARD_PAGES = {
    "about/": ("About the Ministry", "मंत्रालय के बारे में"),
    "contact/": ("Contact Us", "संपर्क करें"),
    "feedback/": ("Feedback", "प्रतिक्रिया"),
    "help/": ("Help", "सहायता"),
    "sitemap/": ("Sitemap", "साइट मैप"),
    "screen-reader-access/": ("Screen Reader Access", "स्क्रीन रीडर का उपयोग"),
    "accessibility-statement/": ("Accessibility Statement", "सुगम्यता विवरण"),
    "website-policies/privacy-policy/": ("Privacy Policy", "गोपनीयता नीति"),
    "website-policies/copyright-policy/": ("Copyright Policy", "कॉपीराइट नीति"),
    "website-policies/hyperlinking-policy/": ("Hyperlinking Policy", "हाइपरलिंकिंग नीति"),
    "website-policies/terms-and-conditions/": ("Terms and Conditions", "नियम एवं शर्तें"),
    "website-policies/disclaimer/": ("Disclaimer", "अस्वीकरण"),
    "website-policies/content-archival-policy/": ("Content Archival Policy", "सामग्री संग्रह नीति"),
}
# Policies GIGW wants defined in the Website Quality Manual: NIC sites gather them on one page, one h2 each.
HUB_SECTIONS = {
    "POL008": "Content Contribution, Moderation and Approval Policy",
    "POL009": "Content Review Policy",
    "POL010": "Contingency Management Plan",
    "POL011": "Security Policy",
    "POL012": "Website Monitoring Plan",
}
MISSING_PAGE_RULES = {
    "NAV003": "sitemap/", "NAV005": "contact/", "NAV006": "feedback/", "NAV007": "help/",
    "NAV008": "screen-reader-access/", "NAV010": "about/", "POL001": "website-policies/privacy-policy/",
    "POL002": "website-policies/copyright-policy/", "POL003": "website-policies/hyperlinking-policy/",
    "POL004": "website-policies/terms-and-conditions/", "POL005": "website-policies/disclaimer/",
    "POL006": "website-policies/content-archival-policy/", "POL007": "accessibility-statement/",
}
REVIEW_ONLY = {"POL006", "POL008", "POL009", "POL010", "POL011", "POL012"}  # "verify in the WQM"


def page(lang: str, path: str, title: str, content: str = "", links: dict | None = None, drop_links=()) -> str:
    """A small ministry page: header, content, and a footer linking every standard page."""
    prefix = "" if lang == "en" else "hi/"
    links = STANDARD_PAGES if links is None else links
    footer = "".join(f'<li><a href="/{prefix}{p}">{html.escape(t[0 if lang == "en" else 1])}</a></li>'
                     for p, t in links.items() if p not in drop_links)
    ministry = "Ministry of Water Conservation" if lang == "en" else "जल संरक्षण मंत्रालय"
    other = '<a href="/hi/" hreflang="hi" lang="hi">हिन्दी</a>' if lang == "en" else \
        '<a href="/" hreflang="en" lang="en">English</a>'
    return f"""<!DOCTYPE html><html lang="{lang}"><head><title>{html.escape(title)} | {ministry}</title></head>
<body><header><a href="/{prefix}">{ministry}</a> {other}</header>
<main><h1>{html.escape(title)}</h1>{content}</main>
<footer><ul>{footer}</ul><p>Last updated: 20-11-2026</p></footer></body></html>"""


def good_pages(drop: str | None = None, drop_hub: str | None = None) -> dict[str, str]:
    """The good site; `drop` removes a standard page and every link to it, `drop_hub` a policy section."""
    hub = "".join(f"<h2>{t}</h2><p>The Ministry's {t.lower()} is approved by the Web Information Manager.</p>"
                  for code, t in HUB_SECTIONS.items() if code != drop_hub)
    pages = {"": page("en", "", "Home", '<p><a href="/documents/annual-report.pdf">Annual Report 2025-26 '
                                       '(PDF, 1.4 KB)</a></p>', drop_links=(drop,)),
             "hi/": page("hi", "", "मुखपृष्ठ", drop_links=(drop,)),
             "website-policies/": page("en", "website-policies/", "Website Policies", hub, drop_links=(drop,))}
    for path, (title, _hi) in STANDARD_PAGES.items():
        if path != drop:
            pages[path] = page("en", path, title, drop_links=(drop,))
    return pages


def good_resources() -> list[FetchedPage]:
    sitemap = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f"<url><loc>{BASE}</loc></url></urlset>").encode()
    return [
        FetchedPage(url=BASE + "sitemap.xml", final_url=BASE + "sitemap.xml", status=200, kind="sitemap",
                    content_type="application/xml", body=sitemap),
        FetchedPage(url=BASE + "documents/annual-report.pdf", final_url=BASE + "documents/annual-report.pdf",
                    status=200, kind="document", content_type="application/pdf", size=1471, referrer=BASE),
    ]


def build_site(pages: dict[str, str], resources=(), live: bool = False, headers: dict | None = None,
               base: str = BASE) -> Site:
    """Pages through the page pass (collectors included), as the audit does."""
    _page_rules, site_rules = split_rules(all_rules())
    site = Site(start_url=base, live=live)
    for path, text in pages.items():
        url = base + path
        fetched = FetchedPage(url=url, final_url=url, status=200, content_type="text/html", text=text,
                              headers=dict(headers or {"content-type": "text/html"}), depth=path.count("/"))
        _findings, facts = page_pass(fetched, [], site_rules, is_home=path == "", live=live)
        site.pages.append(facts)
    site.resources.extend(resources)
    return site


def findings(site: Site, outcome: str | None = "violation", codes=None):
    _page_rules, site_rules = split_rules(all_rules())
    rules = [r for r in site_rules if r.family in FAMILIES and (codes is None or r.code in codes)]
    found = check_site(site, rules)
    return [f for f in found if outcome is None or f.outcome == outcome]


def rules_of(found) -> list[str]:
    return sorted(f.rule for f in found)


# ---- the good site ------------------------------------------------------------------------------------------
def test_good_site_has_no_finding_at_all():
    site = build_site(good_pages(), good_resources(), live=True, headers=GOOD_HEADERS)
    assert [(f.rule, f.url, f.message) for f in findings(site, outcome=None)] == []


def test_good_site_audited_as_a_folder_skips_live_only_rules():
    site = build_site(good_pages(), good_resources(), live=False)  # no headers at all
    assert findings(site, outcome=None) == []


# ---- missing standard pages ---------------------------------------------------------------------------------
@pytest.mark.parametrize("code", sorted(MISSING_PAGE_RULES))
def test_missing_standard_page_is_reported_once_by_its_rule(code):
    site = build_site(good_pages(drop=MISSING_PAGE_RULES[code]), good_resources())
    found = findings(site, outcome=None)
    assert rules_of(found) == [code]
    finding = found[0]
    assert finding.url == BASE and finding.scope == "site"
    assert finding.outcome == ("needs-review" if code in REVIEW_ONLY else "violation")
    assert get_rule(code).message("default", "hi") in {get_rule(code).message("default", "hi")}


@pytest.mark.parametrize("code", sorted(HUB_SECTIONS))
def test_policy_missing_from_the_policies_page_is_left_for_review(code):
    found = findings(build_site(good_pages(drop_hub=code), good_resources()), outcome=None)
    assert [(f.rule, f.outcome) for f in found] == [(code, "needs-review")]


def test_page_found_by_its_title_when_no_link_names_it():
    pages = good_pages(drop="website-policies/privacy-policy/")
    pages["policies/p1/"] = page("en", "policies/p1/", "Privacy Policy")  # linked from nowhere, crawled anyway
    assert findings(build_site(pages, good_resources()), codes={"POL001"}) == []


def test_page_found_by_hindi_link_text_or_url_alone():
    pages = good_pages(drop="help/")
    pages["hi/"] = page("hi", "", "मुखपृष्ठ", links={"hi/sahayata/": ("Help", "सहायता")})
    assert findings(build_site(pages, good_resources()), codes={"NAV007"}) == []
    pages = good_pages(drop="feedback/")
    pages[""] = page("en", "", "Home", links={"feedback/": ("Tell us what you think", "")})
    assert findings(build_site(pages, good_resources()), codes={"NAV006"}) == []


def test_a_link_to_a_broken_page_does_not_make_it_exist():
    pages = good_pages(drop="website-policies/privacy-policy/")
    pages[""] = page("en", "", "Home")  # still links "Privacy Policy" to the missing page
    failed = FetchedPage(url=BASE + "website-policies/privacy-policy/", status=404, kind="page", referrer=BASE)
    found = findings(build_site(pages, good_resources() + [failed]))
    assert rules_of(found) == ["LNK005", "POL001"]
    broken = next(f for f in found if f.rule == "LNK005")
    assert broken.url == BASE and broken.selector.endswith("a") and "HTTP 404" in broken.message


def test_xml_sitemap_link_is_not_an_html_sitemap():
    pages = good_pages(drop="sitemap/")
    pages[""] = page("en", "", "Home", links={"sitemap.xml": ("Sitemap", "")})
    assert rules_of(findings(build_site(pages, good_resources()), codes={"NAV003"})) == ["NAV003"]


# ---- sitemap.xml ----------------------------------------------------------------------------------------------
def _with_sitemap(sitemap: FetchedPage | None) -> Site:
    resources = [r for r in good_resources() if r.kind != "sitemap"] + ([sitemap] if sitemap else [])
    return build_site(good_pages(), resources)


def test_sitemap_xml_missing_or_not_found():
    assert [f.message_id for f in findings(_with_sitemap(None), codes={"NAV004"})] == ["default"]
    not_found = FetchedPage(url=BASE + "sitemap.xml", status=404, kind="sitemap")
    assert [f.message_id for f in findings(_with_sitemap(not_found), codes={"NAV004"})] == ["default"]


def test_sitemap_xml_that_does_not_parse_is_invalid():
    broken = FetchedPage(url=BASE + "sitemap.xml", status=200, kind="sitemap", body=b"<html>Not here</html")
    found = findings(_with_sitemap(broken), codes={"NAV004"})
    assert [f.message_id for f in found] == ["invalid"] and "sitemap.xml" in found[0].message
    # The body already dropped by the audit: the crawler's parse note decides.
    noted = FetchedPage(url=BASE + "sitemap.xml", status=200, kind="sitemap", error_detail="empty XML document")
    assert [f.message_id for f in findings(_with_sitemap(noted), codes={"NAV004"})] == ["invalid"]
    plain = FetchedPage(url=BASE + "sitemap.xml", status=200, kind="sitemap", body=f"{BASE}\n{BASE}about/\n".encode())
    assert findings(_with_sitemap(plain), codes={"NAV004"}) == []


# ---- broken links ---------------------------------------------------------------------------------------------
def _link_site(resource: FetchedPage, *extra: FetchedPage) -> Site:
    pages = good_pages()
    pages["about/"] = page("en", "about/", "About", f'<p><a href="{resource.url}">Old guidelines</a></p>')
    return build_site(pages, good_resources() + [resource, *extra])


def test_broken_internal_link_is_reported_on_the_linking_page_with_its_selector():
    gone = FetchedPage(url=BASE + "schemes/2019/", final_url=BASE + "schemes/2019/", status=404, kind="link-check",
                       referrer=BASE + "about/")
    found = findings(_link_site(gone), codes={"LNK005"})
    assert [(f.url, f.selector) for f in found] == [(BASE + "about/", "html > body > main > p > a")]
    assert found[0].snippet == "" or "Old guidelines" in found[0].snippet


@pytest.mark.parametrize("status,error,outcome", [
    (404, None, "violation"), (410, None, "violation"), (403, None, "needs-review"), (429, None, "needs-review"),
    (503, None, "needs-review"), (None, "timeout", "needs-review"),
])
def test_external_link_failures_that_may_be_transient_are_left_for_review(status, error, outcome):
    url = "https://www.example.org/report"
    failed = FetchedPage(url=url, final_url=url, status=status, error=error, kind="link-check",
                         referrer=BASE + "about/")
    reachable = FetchedPage(url="https://www.example.com/", status=200, kind="link-check")
    assert [f.outcome for f in findings(_link_site(failed, reachable), outcome=None, codes={"LNK005"})] == [outcome]


def test_network_errors_count_only_when_other_sites_were_reachable():
    url = "https://www.example.org/report"
    failed = FetchedPage(url=url, final_url=url, error="dns", kind="link-check", referrer=BASE + "about/")
    offline = findings(_link_site(failed), outcome=None, codes={"LNK005"})
    assert [(f.outcome, f.message_id, f.url, dict(f.data)["count"]) for f in offline] == [
        ("needs-review", "offline", BASE, "1")]
    reachable = FetchedPage(url="https://www.example.com/", status=200, kind="link-check")
    online = findings(_link_site(failed, reachable), outcome=None, codes={"LNK005"})
    assert [(f.outcome, f.url) for f in online] == [("violation", BASE + "about/")]


def test_urls_the_crawler_chose_not_to_fetch_are_not_broken():
    for error in ("robots-disallowed", "trap", "too-large", "not-html"):
        skipped = FetchedPage(url=BASE + "calendar/", error=error, kind="link-check", referrer=BASE + "about/")
        assert findings(_link_site(skipped), outcome=None, codes={"LNK005"}) == [], error


def test_failure_whose_link_is_written_differently_is_reported_on_its_referrer():
    odd = FetchedPage(url=BASE + "files/report%202019.pdf", status=404, kind="link-check", referrer=BASE + "help/")
    found = findings(build_site(good_pages(), good_resources() + [odd]), codes={"LNK005"})
    assert [(f.url, f.selector) for f in found] == [(BASE + "help/", "")]


# ---- download labels against the real files ------------------------------------------------------------------
def _doc_site(label: str, size: int | None = 1471, content_type: str = "application/pdf", href: str = "report.pdf"):
    pages = good_pages()
    pages["about/"] = page("en", "about/", "About", f'<ul><li><a href="/documents/{href}">{label}</a></li></ul>')
    document = FetchedPage(url=BASE + f"documents/{href}", final_url=BASE + f"documents/{href}", status=200,
                           kind="document", content_type=content_type, size=size, referrer=BASE + "about/")
    return build_site(pages, good_resources() + [document])


@pytest.mark.parametrize("label", ["Report (PDF, 1.4 KB)", "Report (PDF, 1.5 KB)", "Report (PDF, 1 KB)",
                                   "Report [PDF | 1471 bytes]", "Report (पीडीएफ, 1.4 केबी)", "Report (PDF, 0.0014 MB)"])
def test_stated_size_within_rounding_and_unit_readings_passes(label):
    assert findings(_doc_site(label), codes={"DOC002"}) == []


@pytest.mark.parametrize("label,size", [("Report (PDF, 9 MB)", 1471), ("Report (PDF, 1.4 KB)", 2 * 1024 * 1024),
                                        ("Report (PDF, 3 KB)", 1471), ("Report (PDF, 500 bytes)", 1471)])
def test_stated_size_far_from_the_real_size_is_reported(label, size):
    found = findings(_doc_site(label, size), codes={"DOC002"})
    assert len(found) == 1 and found[0].url == BASE + "about/"
    assert found[0].selector == "html > body > main > ul > li > a"
    assert found[0].message_id == "default"


def test_stated_format_that_contradicts_the_file_is_reported():
    word = "application/msword"
    found = findings(_doc_site("Report (PDF, 1.4 KB)", content_type=word, href="report.doc"), codes={"DOC002"})
    assert [(f.message_id, dict(f.data)["actual"]) for f in found] == [("format", word)]
    generic = findings(_doc_site("Report (PDF, 1.4 KB)", content_type="application/octet-stream", href="report.docx"),
                       codes={"DOC002"})
    assert [f.message_id for f in generic] == ["format"]  # no useful type: the extension decides
    assert findings(_doc_site("Report (PDF, 1.4 KB)", content_type="application/pdf; qs=0.9"), codes={"DOC002"}) == []


def test_unknown_real_size_is_not_guessed():
    assert findings(_doc_site("Report (PDF, 9 MB)", size=None), codes={"DOC002"}) == []


def test_document_over_the_size_limit_is_reported_on_the_document():
    found = findings(_doc_site("Report (PDF, 6.2 MB)", size=6_500_000), codes={"DOC003"})
    assert [(f.url, f.scope, dict(f.data)["page"]) for f in found] == [
        (BASE + "documents/report.pdf", "document", BASE + "about/")]
    assert findings(_doc_site("Report (PDF, 4.9 MB)", size=5_100_000), codes={"DOC003"}) == []


# ---- security headers: once per site --------------------------------------------------------------------------
def _secure_site(headers: dict, scheme: str = "https") -> Site:
    pages = {"": page("en", "", "Home"), "about/": page("en", "about/", "About"),
             "help/": page("en", "help/", "Help")}
    return build_site(pages, live=True, headers=headers, base=f"{scheme}://jalsanrakshan.gov.in/")


SECURITY = {"SEC001", "SEC002", "SEC003", "SEC004", "SEC005", "SEC007", "SEC008"}


def test_secure_headers_pass():
    assert findings(_secure_site(GOOD_HEADERS), outcome=None, codes=SECURITY) == []


@pytest.mark.parametrize("change,code", [
    ({"strict-transport-security": None}, "SEC002"),
    ({"strict-transport-security": "max-age=0"}, "SEC002"),
    ({"content-security-policy": None, "x-frame-options": "DENY"}, "SEC003"),
    ({"x-content-type-options": None}, "SEC004"),
    ({"content-security-policy": "default-src 'self'"}, "SEC005"),
    ({"server": "Apache/2.4.41 (Ubuntu)"}, "SEC007"),
    ({"x-powered-by": "PHP/7.4.3"}, "SEC007"),
    ({"set-cookie": "PHPSESSID=3f2a; path=/"}, "SEC008"),
])
def test_each_header_problem_is_reported_once_per_site_on_the_home_page(change, code):
    headers = {k: v for k, v in {**GOOD_HEADERS, **change}.items() if v is not None}
    found = findings(_secure_site(headers), outcome=None, codes=SECURITY)
    assert [(f.rule, f.outcome, f.url) for f in found] == [(code, "violation", "https://jalsanrakshan.gov.in/")]
    if code != "SEC008":
        assert dict(found[0].data)["pages"] == "3"


def test_x_frame_options_is_an_alternative_to_frame_ancestors():
    headers = {**GOOD_HEADERS, "content-security-policy": "default-src 'self'", "x-frame-options": "SAMEORIGIN"}
    assert findings(_secure_site(headers), codes={"SEC005"}) == []


def test_short_hsts_is_left_for_review():
    found = findings(_secure_site({**GOOD_HEADERS, "strict-transport-security": "max-age=86400"}), outcome=None,
                     codes={"SEC002"})
    assert [(f.outcome, f.message_id, dict(f.data)["age"]) for f in found] == [("needs-review", "short", "86400")]


def test_plain_http_is_one_finding_and_hsts_is_not_asked_of_it():
    found = findings(_secure_site({k: v for k, v in GOOD_HEADERS.items() if k != "strict-transport-security"},
                                  scheme="http"), outcome=None, codes=SECURITY)
    assert [(f.rule, dict(f.data)["pages"]) for f in found] == [("SEC001", "3")]


def test_cookie_flags_per_cookie_and_preference_cookies():
    cookies = ("SESSION=1; Path=/; HttpOnly, lang=hi; Path=/; Secure, contrast=high; Secure, "
               "tracker=9; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Secure")
    found = findings(_secure_site({**GOOD_HEADERS, "set-cookie": cookies}), codes={"SEC008"})
    assert sorted((dict(f.data)["cookie"], dict(f.data)["flags"]) for f in found) == [
        ("SESSION", "Secure"), ("tracker", "HttpOnly")]


def test_problem_on_an_inner_page_only_is_reported_there():
    site = _secure_site(GOOD_HEADERS)
    site.pages[2].headers = {**GOOD_HEADERS, "server": "Microsoft-IIS/10.0"}
    found = findings(site, codes={"SEC007"})
    assert [(f.url, dict(f.data)["pages"]) for f in found] == [("https://jalsanrakshan.gov.in/help/", "1")]
    assert "Microsoft-IIS/10.0" in found[0].message


def test_meta_csp_counts_as_a_policy_but_not_for_framing():
    meta = page("en", "", "Home").replace(
        "<head>", "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">")
    headers = {k: v for k, v in GOOD_HEADERS.items() if k != "content-security-policy"}
    site = build_site({"": meta}, live=True, headers=headers)
    assert rules_of(findings(site, codes={"SEC003", "SEC005"})) == ["SEC005"]
