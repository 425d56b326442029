"""Ways in and around the site: skip link, search, the standard pages every GIGW site links to (sitemap,
contact, feedback, help, screen reader access, about) and the link to the National Portal."""
from __future__ import annotations

import re

from ..crawl.sitemaps import parse_sitemap
from ..html import FOCUSABLE_TAGS, text_content
from ._gigw import host_of, page_violation, with_role
from ._gigw_site import missing_messages, missing_page, page_kinds, url_key
from ._patterns import SKIP_LINK, is_national_portal, label_is, normalize
from .registry import Violation, page_rule, site_rule

FIRST_FOCUSABLE = 10  # a skip link is useful only if it comes before the navigation; NIC headers put a few
# utility links (Government of India, screen reader access) first, so the first ten are searched.
_SEARCH_WORDS = re.compile(r"search|query|keyword|खोज|सर्च|gsc-|gcse")


def first_focusable(doc, limit: int) -> list:
    found = []
    for el in doc.body.iter():
        if not isinstance(el.tag, str):
            continue
        if (el.tag in FOCUSABLE_TAGS or el.get("tabindex") is not None) and doc.is_focusable(el) \
                and not doc.is_hidden(el):
            found.append(el)
            if len(found) >= limit:
                break
    return found


def _is_in_page_link(doc, el) -> bool:
    href = (el.get("href") or "").strip()
    if href.startswith("#"):
        return len(href) > 1
    url = doc.resolve(href)
    return bool(url and "#" in url and url_key(url) == url_key(doc.url))


@page_rule(
    code="NAV001", name="skip-link-missing", impact="serious", wcag=("2.4.1",),
    gigw=("GIGW-5.2.27", "NIC-accessibility-controls"),
    messages={"default": {
        "en": "No \"Skip to main content\" link at the start of the page: make it one of the first focusable "
              "elements and point it at the main content (href=\"#main-content\").",
        "hi": "पृष्ठ की शुरुआत में \"मुख्य सामग्री पर जाएं\" लिंक नहीं है: इसे पहले फ़ोकस होने वाले तत्वों में रखें और "
              "मुख्य सामग्री से जोड़ें (href=\"#main-content\")।",
    }},
)
def skip_link_missing(doc):
    """No "Skip to main content" link among the first focusable elements.

    What it checks:
        One of the first ten focusable elements of the page is an in-page link (`href="#..."`) whose name says
        skip/jump to the main content ("Skip to main content", "मुख्य सामग्री पर जाएं", ...). Whether its target
        exists is checked separately.
    Why it matters:
        Keyboard and screen reader users otherwise tab through the whole header and menu on every page. GIGW
        evaluators look for the skip link itself, even when landmarks are present.
    Example:
        <body><header><nav>... 40 menu links ...</nav></header><main id="main-content">
    Use instead:
        <body><a class="skip-link" href="#main-content">Skip to main content</a><header>...</header>
        <main id="main-content">
    References:
        - WCAG 2.2 SC 2.4.1 Bypass Blocks; technique G1
        - GIGW 3.0 guideline 5.2.27
    """
    for el in first_focusable(doc, FIRST_FOCUSABLE):
        if el.tag in ("a", "area") and _is_in_page_link(doc, el) and SKIP_LINK.search(normalize(doc.name(el))):
            return
    yield page_violation(doc)


def has_search(doc) -> bool:
    if doc.all("search") or with_role(doc, "search"):
        return True
    for inp in doc.all("input"):
        kind = (inp.get("type") or "text").strip().lower()
        if kind == "search":
            return True
        if kind == "text":
            attrs = " ".join(inp.get(a) or "" for a in ("name", "id", "class", "aria-label", "placeholder", "title"))
            if _SEARCH_WORDS.search(normalize(attrs)) or (inp.get("name") or "") in ("q", "s"):
                return True
    for form in doc.all("form"):
        attrs = " ".join(form.get(a) or "" for a in ("action", "id", "class", "name", "aria-label"))
        if _SEARCH_WORDS.search(attrs.lower()):
            return True
    for el in doc.all("a") + doc.all("button"):
        label = el.get("aria-label") or text_content(el).strip() or doc.name(el)
        if label_is("search", label):
            return True
    return any("gcse-search" in (div.get("class") or "") for div in doc.all("div"))


@page_rule(
    code="NAV002", name="search-missing", impact="moderate", wcag=("2.4.5",), gigw=("GIGW-5.2.31",),
    messages={"default": {
        "en": "The page has no search: put a search box labelled \"Search\" (or a link to the search page) on "
              "every page, in the same place.",
        "hi": "पृष्ठ पर खोज की सुविधा नहीं है: हर पृष्ठ पर एक ही स्थान पर \"खोजें\" लेबल वाला खोज बॉक्स (या खोज पृष्ठ का "
              "लिंक) रखें।",
    }},
)
def search_missing(doc):
    """The page offers no search.

    What it checks:
        The page has a search form (`role="search"`, a `<search>` element, `<input type="search">`, a text input
        or form whose name, id, label or action says search/query/खोज), or a link or button named "Search"/
        "खोजें".
    Why it matters:
        GIGW asks for a search box or search link on every page as one of the ways to find content, along with
        the sitemap; people who cannot use the menus rely on it.
    Example:
        <header><nav>...</nav></header>
    Use instead:
        <form role="search" action="/search/"><label for="q">Search</label>
          <input id="q" name="q" type="search"><button>Search</button></form>
    References:
        - WCAG 2.2 SC 2.4.5 Multiple Ways
        - GIGW 3.0 guideline 5.2.31 (search on every page and a sitemap)
    """
    if not has_search(doc):
        yield page_violation(doc)


@page_rule(
    code="NAV009", name="national-portal-link-missing", impact="moderate", gigw=("GIGW-5.1.12", "GIGW-5.1.18.home.h"),
    home_only=True,
    messages={"default": {
        "en": "The home page does not link to the National Portal of India: add a link to https://www.india.gov.in/ "
              "(it opens in a new window, so say so in the link).",
        "hi": "मुखपृष्ठ पर भारत के राष्ट्रीय पोर्टल का लिंक नहीं है: https://www.india.gov.in/ का लिंक जोड़ें (यह नई "
              "विंडो में खुलता है, यह बात लिंक में बताएँ)।",
    }},
)
def national_portal_link_missing(doc):
    """The home page does not link to the National Portal of India.

    What it checks:
        The home page has a link to india.gov.in or www.india.gov.in (or the Hindi domain इंडिया.सरकार.भारत,
        in Unicode or punycode).
    Why it matters:
        GIGW requires every government home page to link to the National Portal, the single entry point to
        all government information and services.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <a href="https://www.india.gov.in/" target="_blank" rel="noopener">National Portal of India
          <span class="visually-hidden">(external website, opens in a new tab)</span></a>
    References:
        - GIGW 3.0 guideline 5.1.12 (link to the National Portal)
        - GIGW 3.0 guideline 5.1.18 (home page minimum content)
    """
    for a in doc.all("a") + doc.all("area"):
        href = a.get("href") or ""
        if "india" not in href.lower() and "xn--" not in href and "इंडिया" not in href:
            continue
        url = doc.resolve(href)
        if url and is_national_portal(host_of(url)):
            return
    yield page_violation(doc)


# ---- site rules: the standard pages -----------------------------------------------------------------------
@site_rule(
    code="NAV003", name="sitemap-page-missing", impact="moderate", gigw=("GIGW-5.2.31",), collect=page_kinds,
    messages=missing_messages(
        "Sitemap", "साइट मैप",
        "Publish an HTML sitemap listing every page and link it from the footer of every page.",
        "हर पृष्ठ की सूची वाला HTML साइट मैप प्रकाशित करें और हर पृष्ठ के पाद भाग से उसका लिंक दें।"),
)
def sitemap_page_missing(site):
    """The site has no HTML sitemap page.

    What it checks:
        Some page links to a page named "Sitemap"/"Site Map"/"साइट मैप" (or with a `/sitemap/` URL), or a
        crawled page is titled so. `sitemap.xml` does not count (see NAV004).
    Why it matters:
        GIGW requires a sitemap besides search, so visitors can see the whole site at a glance and reach any
        page without the menus.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <footer><a href="/sitemap/">Sitemap</a> ... </footer>
    References:
        - GIGW 3.0 guideline 5.2.31 (search and sitemap)
        - WCAG 2.2 SC 2.4.5 Multiple Ways (technique G63: a site map)
    """
    yield from missing_page(site, "sitemap")


def _sitemap_problem(res) -> str | None:
    """Why a fetched sitemap is unusable, or None. The body is parsed when it is still at hand; otherwise the
    crawler's note (it parses every sitemap it fetches) decides."""
    if res.error or res.status != 200:
        return "missing"
    body = res.body or (res.text.encode("utf-8") if res.text else b"")
    if body:
        return "invalid" if parse_sitemap(body).error else None
    return "invalid" if res.error_detail else None


@site_rule(
    code="NAV004", name="sitemap-xml-missing", impact="minor", gigw=("GIGW-5.2.31",),
    messages={
        "default": {
            "en": "No sitemap.xml was found: publish an XML sitemap (https://www.sitemaps.org/) at /sitemap.xml "
                  "and name it in robots.txt, so search engines and auditors find every page.",
            "hi": "sitemap.xml नहीं मिला: /sitemap.xml पर XML साइटमैप प्रकाशित करें और robots.txt में उसका उल्लेख "
                  "करें, ताकि सर्च इंजन और लेखा-परीक्षक हर पृष्ठ तक पहुँच सकें।",
        },
        "invalid": {
            "en": "The sitemap at {url} is not a valid XML sitemap (expected <urlset> or <sitemapindex>).",
            "hi": "{url} पर साइटमैप मान्य XML साइटमैप नहीं है (<urlset> या <sitemapindex> अपेक्षित)।",
        },
    },
)
def sitemap_xml_missing(site):
    """The site publishes no XML sitemap.

    What it checks:
        The crawl fetched a sitemap (named in robots.txt, or /sitemap.xml; for a built folder the sitemap.xml
        file) with status 200 that parses as a sitemap: XML with `<urlset>` or `<sitemapindex>`, or a plain list
        of URLs.
    Why it matters:
        The XML sitemap lets search engines, the National Portal's crawlers and auditors find every page,
        including ones that are not in the menus. It complements, and does not replace, the HTML sitemap.
    Example:
        GET /sitemap.xml -> 404 Not Found
    Use instead:
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://jalsanrakshan.gov.in/</loc></url>
        </urlset>
    References:
        - GIGW 3.0 guideline 5.2.31 (sitemap)
        - Sitemaps protocol 0.9 (sitemaps.org)
    """
    problems = {}
    for res in site.resources:
        if res.kind == "sitemap":
            problem = _sitemap_problem(res)
            if problem is None:
                return
            problems.setdefault(problem, res)
    if "invalid" in problems:
        res = problems["invalid"]
        yield Violation(url=site.start_url, message_id="invalid", params={"url": res.final_url or res.url},
                        identity="invalid")
    else:
        yield Violation(url=site.start_url, identity="missing")


@site_rule(
    code="NAV005", name="contact-page-missing", impact="moderate", gigw=("GIGW-5.1.10",), collect=page_kinds,
    messages=missing_messages(
        "Contact Us", "संपर्क करें",
        "Add a Contact Us page with the key officers' phone numbers, emails and postal address, linked from every "
        "page.",
        "प्रमुख अधिकारियों के फ़ोन नंबर, ईमेल और डाक पते वाला \"संपर्क करें\" पृष्ठ जोड़ें और हर पृष्ठ से उसका लिंक दें।"),
)
def contact_page_missing(site):
    """The site has no Contact Us page.

    What it checks:
        Some page links to a page named "Contact Us"/"Contact"/"Who's Who"/"संपर्क करें" (or with a
        `/contact/` URL), or a crawled page is titled so.
    Why it matters:
        GIGW requires complete contact details of the key functionaries, reachable from the home page and
        every other page.
    Example:
        <footer><a href="/help/">Help</a></footer>
    Use instead:
        <footer><a href="/contact/">Contact Us</a></footer>
    References:
        - GIGW 3.0 guideline 5.1.10 (Contact Us)
        - GIGW 3.0 guideline 5.1.18 (link to Contact Us on every page)
    """
    yield from missing_page(site, "contact")


@site_rule(
    code="NAV006", name="feedback-page-missing", impact="moderate", gigw=("GIGW-5.1.11",), collect=page_kinds,
    messages=missing_messages(
        "Feedback", "प्रतिक्रिया",
        "Add a Feedback page with an online form (a mailto link alone is not enough).",
        "ऑनलाइन फ़ॉर्म वाला प्रतिक्रिया पृष्ठ जोड़ें (केवल mailto लिंक पर्याप्त नहीं है)।"),
)
def feedback_page_missing(site):
    """The site has no Feedback page.

    What it checks:
        Some page links to a page named "Feedback"/"प्रतिक्रिया"/"फीडबैक" (or with a `/feedback/` URL), or a
        crawled page is titled so.
    Why it matters:
        GIGW requires an online feedback form with a process to answer it: it is how citizens report problems
        with the site and its content.
    Example:
        <footer><a href="mailto:webmaster@example.gov.in">Write to us</a></footer>
    Use instead:
        <footer><a href="/feedback/">Feedback</a></footer>
    References:
        - GIGW 3.0 guideline 5.1.11 (Feedback)
    """
    yield from missing_page(site, "feedback")


@site_rule(
    code="NAV007", name="help-page-missing", impact="moderate", gigw=("GIGW-5.1.14",), collect=page_kinds,
    messages=missing_messages(
        "Help", "सहायता",
        "Add a Help page (how to use the site, how to open PDF and other file formats) and link it from every "
        "page in the same place.",
        "सहायता पृष्ठ जोड़ें (साइट का उपयोग कैसे करें, PDF और अन्य फ़ाइलें कैसे खोलें) और हर पृष्ठ पर एक ही स्थान से "
        "उसका लिंक दें।"),
)
def help_page_missing(site):
    """The site has no Help page.

    What it checks:
        Some page links to a page named "Help"/"सहायता"/"मदद" (or with a `/help/` URL), or a crawled page is
        titled so.
    Why it matters:
        GIGW requires a Help section, linked from every page, explaining how to navigate the site and which
        readers or plug-ins open its documents.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <footer><a href="/help/">Help</a></footer>
    References:
        - GIGW 3.0 guideline 5.1.14 (Help)
    """
    yield from missing_page(site, "help")


@site_rule(
    code="NAV008", name="screen-reader-access-missing", impact="minor", gigw=("NIC-screen-reader-access-page",),
    collect=page_kinds,
    messages=missing_messages(
        "Screen Reader Access", "स्क्रीन रीडर एक्सेस",
        "NIC sites link a Screen Reader Access page from the header, listing free and commercial screen readers "
        "(NVDA, JAWS, ...).",
        "NIC साइटें शीर्ष भाग से स्क्रीन रीडर एक्सेस पृष्ठ का लिंक देती हैं, जिसमें निःशुल्क और व्यावसायिक स्क्रीन रीडरों "
        "(NVDA, JAWS, ...) की सूची होती है।"),
)
def screen_reader_access_missing(site):
    """The site has no Screen Reader Access page.

    What it checks:
        Some page links to a page named "Screen Reader Access"/"स्क्रीन रीडर का उपयोग" (or with a
        `/screen-reader-access/` URL), or a crawled page is titled so.
    Why it matters:
        Not in the GIGW 3.0 text, but NIC templates and audit labs expect it: it tells blind visitors which
        screen readers work with the site and where to get them free.
    Example:
        <div class="utility-bar"><a href="#main-content">Skip to main content</a></div>
    Use instead:
        <div class="utility-bar"><a href="#main-content">Skip to main content</a>
          <a href="/screen-reader-access/">Screen Reader Access</a></div>
    References:
        - NIC/S3WaaS convention: Screen Reader Access page (checklist id NIC-screen-reader-access-page)
    """
    yield from missing_page(site, "screen_reader")


@site_rule(
    code="NAV010", name="about-page-missing", impact="moderate", gigw=("GIGW-5.1.9", "GIGW-5.1.18.home.c"),
    collect=page_kinds,
    messages=missing_messages(
        "About Us", "हमारे बारे में",
        "Add an About page describing the organisation, its functions and structure.",
        "संगठन, उसके कार्यों और संरचना का वर्णन करने वाला \"हमारे बारे में\" पृष्ठ जोड़ें।"),
)
def about_page_missing(site):
    """The site has no About page.

    What it checks:
        Some page links to a page named "About Us"/"About the Ministry"/"हमारे बारे में"/"परिचय" (or with an
        `/about/` URL), or a crawled page is titled so.
    Why it matters:
        GIGW requires an About section describing the organisation, its main activities and functions, linked
        from the home page.
    Example:
        <nav><a href="/schemes/">Schemes</a></nav>
    Use instead:
        <nav><a href="/about/">About the Ministry</a> <a href="/schemes/">Schemes</a></nav>
    References:
        - GIGW 3.0 guideline 5.1.9 (About Us) and 5.1.18 (home page minimum content)
    """
    yield from missing_page(site, "about")


