"""Page titles (WCAG 2.4.2; GIGW 5.2.28, 5.1.17, 5.1.18): present, descriptive, unique, and on the home page
naming the government the site belongs to."""
from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlsplit, urlunsplit

from .registry import Violation, page_rule, site_rule

# Titles that say nothing about the page (compared after case-folding and trimming separators).
_GENERIC_TITLES = frozenset("""
home|home page|homepage|main page|untitled|untitled document|untitled page|untitled-1|page|new page|index|default
|welcome|welcome page|welcome to our website|document|title|page title|my site|my website|website|test|test page
|no title|none|null|undefined|blank|404|error|site|web page|webpage|home page title|document title
|मुखपृष्ठ|मुख पृष्ठ|मुखपृष्ठ|होम|होम पेज|होमपेज|स्वागत|स्वागत है|आपका स्वागत है|पृष्ठ|नया पृष्ठ|शीर्षक|शीर्षकहीन|शीर्षक रहित
|अनाम|दस्तावेज़|दस्तावेज|दस्तावेज़ का शीर्षक
""".replace("\n", "").split("|"))
_GENERIC_PATTERN = re.compile(r"^(new page|untitled|page|document|sheet)[ _-]*\d+$", re.I)
_URL_TITLE = re.compile(r"^(https?://\S+|www\.\S+|[a-z0-9-]+(\.[a-z0-9-]+)*\.(gov|nic|org|com|net|in)(\.in)?(/\S*)?)$", re.I)
_FILE_TITLE = re.compile(r"^[\w\- .()]+\.(html?|shtml|php|aspx?|jsp|cfm|md|pdf|docx?|xlsx?|pptx?)$", re.I)
_SEPARATORS = " \t|:–—-·•»«/\\,.!"

# Names of the government in the home page title: the country, or a state or union territory government.
_GOVERNMENT = re.compile(
    r"\bindia\b|\bbharat\b|\bgov(?:ernmen)?t\.?\s+of\s+\w|\bgovernment\b|\bgovt\b|"
    r"भारत|इंडिया|सरकार|शासन|প্রশাসন|সরকার|ਸਰਕਾਰ|સરકાર|ସରକାର|அரசு|ప్రభుత్వ|ಸರ್ಕಾರ|സർക്കാർ|حکومت",
    re.I,
)


def _normalise(title: str) -> str:
    return " ".join(title.split()).casefold().strip(_SEPARATORS)


def is_generic_title(title: str) -> bool:
    """True for a title that names no page: "Home", "Untitled Document", "index.html", a bare URL ..."""
    norm = _normalise(title)
    if not norm:
        return False
    return (norm in _GENERIC_TITLES or bool(_GENERIC_PATTERN.match(norm)) or bool(_URL_TITLE.match(norm))
            or bool(_FILE_TITLE.match(norm)))


def _title_element(doc):
    for el in doc.all("title"):
        if not any(a.tag == "svg" for a in el.iterancestors()):
            return el
    return None


@page_rule(
    code="TTL001", name="page-title-missing", impact="serious", wcag=("2.4.2",),
    gigw=("GIGW-5.2.28", "GIGW-5.1.17"),
    messages={"default": {
        "en": "The page has no title: add a <title> that says what the page is and which organisation it belongs to.",
        "hi": "पृष्ठ का कोई शीर्षक नहीं है: ऐसा <title> जोड़ें जो बताए कि पृष्ठ किस बारे में है और किस संगठन का है।",
    }},
)
def page_title_missing(doc):
    """The page has no `<title>`, or an empty one.

    What it checks:
        The document has a `<title>` element (outside SVG) with text other than white space.
    Why it matters:
        The title is the first thing a screen reader announces, and the name of the tab, bookmark, history
        entry and search result. Without one, visitors cannot tell pages apart.
    Example:
        <head><meta charset="utf-8"></head>
        <title> </title>
    Use instead:
        <title>Tenders - Ministry of Jal Shakti, Government of India</title>
    References:
        - WCAG 2.2 SC 2.4.2 Page Titled: https://www.w3.org/WAI/WCAG22/Understanding/page-titled
        - WCAG technique H25 (providing a title using the title element)
        - GIGW 3.0 guidelines 5.2.28 and 5.1.17
        - ACT rule 2779a5 (HTML page has non-empty title)
    """
    if doc.title:
        return
    el = _title_element(doc)
    yield Violation(el if el is not None else doc.root)


@page_rule(
    code="TTL002", name="page-title-not-descriptive", impact="serious", wcag=("2.4.2",),
    gigw=("GIGW-5.2.28", "GIGW-5.1.18.sub.a"),
    messages={"default": {
        "en": "The page title \"{title}\" does not describe the page: name its topic and the organisation, "
              "e.g. \"Tenders - Ministry of Jal Shakti\".",
        "hi": "पृष्ठ शीर्षक \"{title}\" पृष्ठ का वर्णन नहीं करता: विषय और संगठन का नाम लिखें, "
              "जैसे \"निविदाएँ - जल शक्ति मंत्रालय\"।",
    }},
)
def page_title_not_descriptive(doc):
    """The page title is a placeholder such as "Home", "Untitled Document", "index.html" or a web address.

    What it checks:
        The whole title (ignoring case and separators) is not one of the generic words editors and tools leave
        behind: "Home", "Welcome", "Untitled", "Untitled Document", "New Page 1", "Page", "index", "Document",
        "मुखपृष्ठ", "होम", "स्वागत है" ... and not just a URL, domain name or file name. "Home | Ministry of Jal
        Shakti" passes: it names the site.
    Why it matters:
        A title must tell a visitor where they are without reading the page. Dozens of tabs called "Home" or
        search results titled "index.html" are of no help, least of all to screen-reader users, who hear the
        title first.
    Example:
        <title>Untitled Document</title>
        <title>मुखपृष्ठ</title>
        <title>https://jalshakti.gov.in/</title>
    Use instead:
        <title>Home - Ministry of Jal Shakti, Government of India</title>
        <title>मुखपृष्ठ - जल शक्ति मंत्रालय, भारत सरकार</title>
    References:
        - WCAG 2.2 SC 2.4.2 Page Titled
        - WCAG failure F25 (title that does not identify the contents)
        - GIGW 3.0 guidelines 5.2.28 and 5.1.18 (self-explanatory titles on subsequent pages)
    """
    title = doc.title
    if title and is_generic_title(title):
        yield Violation(_title_element(doc), params={"title": title[:80]})


# ---- TTL003 (site) -----------------------------------------------------------------------------------
# The "not found" page of a built site (404.html) is served for missing URLs, not linked: it often carries
# the site name as title, which is not a duplicate anyone navigates to.
_ERROR_PAGE = re.compile(r"/(404|error|not-found)(\.html?|/)?$", re.I)


def _page_key(url: str) -> str:
    """The same page under its usual aliases (fragment, index.html, trailing slash) gives one key."""
    parts = urlsplit(url)
    path = re.sub(r"/index\.html?$", "/", parts.path or "/").rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


@site_rule(
    code="TTL003", name="page-title-duplicate", impact="moderate", wcag=("2.4.2",),
    gigw=("GIGW-5.2.28", "GIGW-5.1.18.sub.a"),
    messages={"default": {
        "en": "{count} pages share the title \"{title}\" (also {other}): give each page a title that names its own topic.",
        "hi": "{count} पृष्ठों का शीर्षक एक ही है \"{title}\" (जैसे {other} भी): हर पृष्ठ को उसके विषय वाला अलग शीर्षक दें।",
    }},
)
def page_title_duplicate(site):
    """Several pages of the site have the same title.

    What it checks:
        Across all HTML pages that loaded successfully, titles are compared after collapsing white space and
        case. Every page in a group of two or more sharing a title is reported, each at its own URL. The same
        page under different addresses (`/about/` and `/about/index.html`) counts once; error pages (status
        4xx/5xx, or a built site's `404.html`) are left out. Translations are not exempt: the Hindi version of
        a page should have a Hindi title.
    Why it matters:
        When every page is called "Ministry of Jal Shakti", the title tells visitors nothing about where they
        are; tabs, bookmarks, history and search results become indistinguishable.
    Example:
        /tenders/  <title>Ministry of Jal Shakti</title>
        /contact/  <title>Ministry of Jal Shakti</title>
    Use instead:
        /tenders/  <title>Tenders - Ministry of Jal Shakti</title>
        /contact/  <title>Contact us - Ministry of Jal Shakti</title>
    References:
        - WCAG 2.2 SC 2.4.2 Page Titled
        - GIGW 3.0 guidelines 5.2.28 and 5.1.18 (self-explanatory title on every subsequent page)
    """
    groups: dict[str, dict[str, object]] = defaultdict(dict)
    for page in site.pages:
        if not page.title or (page.status is not None and page.status >= 400) or _ERROR_PAGE.search(page.url):
            continue
        key = " ".join(page.title.split()).casefold()
        groups[key].setdefault(_page_key(page.url), page)
    for pages in groups.values():
        if len(pages) < 2:
            continue
        ordered = sorted(pages.values(), key=lambda p: p.url)
        for i, page in enumerate(ordered):
            other = ordered[1 if i == 0 else 0].url
            title = " ".join(page.title.split())
            yield Violation(
                url=page.url, selector="html > head > title", snippet=f"<title>{title[:200]}</title>",
                params={"title": title[:80], "count": len(ordered), "other": other},
                identity=f"title={title.casefold()[:200]}",
            )


# ---- TTL004 ------------------------------------------------------------------------------------------
@page_rule(
    code="TTL004", name="home-title-lacks-country", impact="moderate", wcag=("2.4.2",), gigw=("GIGW-5.2.28",),
    home_only=True,
    messages={"default": {
        "en": "The home page title \"{title}\" does not name the government: add it, e.g. "
              "\"Ministry of Jal Shakti, Government of India\" (or the state government's name).",
        "hi": "मुखपृष्ठ का शीर्षक \"{title}\" सरकार का नाम नहीं बताता: इसे जोड़ें, जैसे "
              "\"जल शक्ति मंत्रालय, भारत सरकार\" (या राज्य सरकार का नाम)।",
    }},
)
def home_title_lacks_country(doc):
    """The home page title does not name India or the state government.

    What it checks:
        On the site's home page only, the title contains "India", "Bharat", "भारत", "Government of ..." /
        "Govt. of ...", "... Government", or the word for government in an Indian language ("सरकार", "शासन",
        "সরকার", "அரசு", "ಸರ್ಕಾರ" ...), so that "Government of Kerala" and "महाराष्ट्र शासन" pass as well as
        "Government of India".
    Why it matters:
        GIGW asks that the home page title identify the country, so that a visitor (and a search result) can
        tell an official government site from a look-alike, and tell the Ministry of Jal Shakti of India from
        a namesake.
    Example:
        <title>Ministry of Jal Shakti</title>
    Use instead:
        <title>Ministry of Jal Shakti, Government of India</title>
        <title>जल शक्ति मंत्रालय, भारत सरकार</title>
    References:
        - GIGW 3.0 guideline 5.2.28 (home page title includes the country)
        - WCAG 2.2 SC 2.4.2 Page Titled
    """
    title = doc.title
    if title and not _GOVERNMENT.search(title):
        yield Violation(_title_element(doc), params={"title": title[:80]})
