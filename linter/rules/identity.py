"""Who owns the site: emblem or logo, the owning organisation, the way home, the content owner (GIGW 5.1.1,
5.1.2, 5.1.18, 5.4.1)."""
from __future__ import annotations

from urllib.parse import urlsplit

from ._gigw import (banner_elements, body_text, cached, find_text, footer_elements, in_top_of_page, is_home_path,
                    is_home_url, not_rendered, page_violation, region_text, same_host)
from ._patterns import CONTENT_OWNER, CONTENT_OWNER_TRIGGERS, EMBLEM, LOGO, OTHER_LOGO, OWNERSHIP, label_is, normalize
from .registry import Violation, page_rule

_ICON = ("icon", "home-ico", "house", "sprite", "arrow", "search", "menu")


def _describe(el) -> str:
    """Everything about an image that can say it is an emblem or logo: src, class, id, alt, title, the parent's
    class and id, and for SVG the <title> and <use> references."""
    parts = [el.get(a) or "" for a in ("src", "class", "id", "alt", "title", "aria-label", "data-src")]
    parent = el.getparent()
    if parent is not None and parent.tag != "a":
        parts += [parent.get("class") or "", parent.get("id") or ""]
    if el.tag == "svg":
        for child in el.iter("title", "use"):
            parts.append(child.text or "")
            parts.append(child.get("href") or child.get("{http://www.w3.org/1999/xlink}href") or "")
    return normalize(" ".join(parts))


def _home_link_of(doc, el):
    """The nearest enclosing link that goes to the site's (or a language's) home page, if any."""
    for anc in el.iterancestors():
        if anc.tag == "a":
            url = doc.resolve(anc.get("href"))
            if url and same_host(url, doc.url) and is_home_path(urlsplit(url).path):
                return anc
            return None
    return None


def emblem_images(doc) -> list[tuple[object, str]]:
    """(element, kind) for images in the top of the page that identify the owner: kind "emblem" (State Emblem
    and similar), "logo" (an organisation logo) or "brand" (any image in the header link to the home page)."""
    def compute(d):
        found = []
        for el in d.all("img") + d.all("svg"):
            if not_rendered(el) or not in_top_of_page(d, el):
                continue
            if el.tag == "svg" and any(a.tag == "svg" for a in el.iterancestors()):
                continue
            text = _describe(el)
            if OTHER_LOGO.search(text):
                continue
            if EMBLEM.search(text):
                found.append((el, "emblem"))
            elif LOGO.search(text):
                found.append((el, "logo"))
            elif _home_link_of(d, el) is not None and not any(w in text for w in _ICON) \
                    and not any(a.tag == "nav" for a in el.iterancestors()):
                found.append((el, "brand"))
        return found
    return cached(doc, "emblems", compute)


@page_rule(
    code="IDN001", name="emblem-missing", impact="moderate", gigw=("GIGW-5.1.1", "GIGW-5.1.18.home.b"),
    home_only=True,
    messages={"default": {
        "en": "The home page shows no emblem or logo in its header: show the State Emblem of India (or the "
              "state emblem / organisation logo) at the top of the page.",
        "hi": "मुखपृष्ठ के शीर्ष भाग में कोई राजचिह्न या लोगो नहीं है: पृष्ठ के ऊपर भारत का राजचिह्न (या राज्य का "
              "प्रतीक / संगठन का लोगो) दिखाएँ।",
    }},
)
def emblem_missing(doc):
    """The home page has no emblem or logo at the top.

    What it checks:
        The home page has, in its banner (`<header>`, `role="banner"`, or before the main content when the page
        has no banner), an `<img>` or `<svg>` that is the emblem or logo: its file name, class, id, alt or title
        says emblem/logo/प्रतीक/लोगो, or it sits in the header link to the home page.
    Why it matters:
        GIGW 3.0 asks every government site to show its emblem or logo prominently on the home page: it is how
        citizens tell an official site from a look-alike.
    Example:
        <header><p>Ministry of Water Conservation</p></header>
    Use instead:
        <header><a href="/"><img src="/assets/emblem.svg" alt="State Emblem of India">
          Ministry of Water Conservation, Government of India</a></header>
    References:
        - GIGW 3.0 guideline 5.1.1 (emblem/logo) and 5.1.18 (home page minimum content)
        - State Emblem of India (Prohibition of Improper Use) Act, 2005
    """
    if not emblem_images(doc):
        yield page_violation(doc)


@page_rule(
    code="IDN002", name="emblem-alt-missing", impact="serious", wcag=("1.1.1",), gigw=("GIGW-5.1.1",),
    messages={"default": {
        "en": "The emblem or logo has no text alternative: give it alt text that names it, e.g. "
              "alt=\"State Emblem of India\" (it identifies the owner, so it is not decorative).",
        "hi": "राजचिह्न या लोगो का कोई पाठ विकल्प नहीं है: उसे नाम देने वाला alt पाठ दें, जैसे alt=\"भारत का राजचिह्न\" "
              "(यह स्वामी की पहचान कराता है, इसलिए सजावटी नहीं है)।",
    }},
)
def emblem_alt_missing(doc):
    """The emblem or logo in the header has no text alternative.

    What it checks:
        Emblem and logo images at the top of the page (see IDN001; organisation logos in the header link to the
        home page included) have a text alternative: a non-empty `alt` (or `aria-label`) for `<img>`, a
        `<title>` or `aria-label` for an inline `<svg>`. `alt=""`, `role="presentation"` and `aria-hidden="true"`
        count as missing: the emblem says who owns the site, so it is not decorative. (An image that is not
        named as an emblem or logo, inside a home link that has its own aria-label, is left alone.)
    Why it matters:
        A screen reader user cannot tell whose site this is if the emblem is silent; GIGW requires alt text on
        the emblem.
    Example:
        <a href="/"><img src="/assets/emblem.svg" alt=""> Ministry of Water Conservation</a>
    Use instead:
        <a href="/"><img src="/assets/emblem.svg" alt="State Emblem of India"> Ministry of Water Conservation</a>
        <svg role="img" aria-labelledby="emblem-t"><title id="emblem-t">State Emblem of India</title>...</svg>
    References:
        - WCAG 2.2 SC 1.1.1 Non-text Content
        - GIGW 3.0 guideline 5.1.1 (emblem with alt text)
    """
    for el, kind in emblem_images(doc):
        hidden = (el.get("aria-hidden") or "").strip().lower() == "true" or \
            (el.get("role") or "").strip() in ("presentation", "none")
        if not hidden and doc.name(el):
            continue
        link = _home_link_of(doc, el)
        if kind == "brand" and link is not None and (link.get("aria-label") or link.get("aria-labelledby")):
            continue  # an unnamed picture in a home link that names the owner itself: the link says it all
        yield Violation(el)


@page_rule(
    code="IDN003", name="ownership-missing", impact="moderate", gigw=("GIGW-5.1.2", "GIGW-5.1.18.sub.d"),
    messages={"default": {
        "en": "The page does not say which organisation owns it: name the ministry or department and the "
              "government (e.g. \"Ministry of Water Conservation, Government of India\") in the header or footer.",
        "hi": "पृष्ठ पर यह नहीं बताया गया है कि वह किस संगठन का है: शीर्ष या पाद भाग में मंत्रालय या विभाग और सरकार का "
              "नाम लिखें (जैसे \"जल संरक्षण मंत्रालय, भारत सरकार\")।",
    }},
)
def ownership_missing(doc):
    """The page does not name the organisation that owns it.

    What it checks:
        The banner or footer (the whole page when it has neither) names an owner: "Government of India" /
        "भारत सरकार", a state government, or an organisation such as "Ministry of ...", "Department of ...",
        "... मंत्रालय", "... विभाग", a commission, authority, directorate, board or corporation. The alt text of
        emblem and logo images counts.
    Why it matters:
        Visitors often land on an inner page from a search engine; GIGW requires every page to stand alone and
        say whose it is.
    Example:
        <header><a href="/">Home</a></header> ... <footer>© 2026. All rights reserved.</footer>
    Use instead:
        <header><a href="/">Ministry of Water Conservation, Government of India</a></header>
    References:
        - GIGW 3.0 guideline 5.1.2 (ownership information)
        - GIGW 3.0 guideline 5.1.18 (subsequent pages: ownership)
    """
    if banner_elements(doc) or footer_elements(doc):
        alts = " ".join(doc.name(el) for el, _ in emblem_images(doc))
        text = f"{region_text(doc, 'banner')} {region_text(doc, 'footer')} {normalize(alts)}"
    else:
        text = body_text(doc)
    if not OWNERSHIP.search(text):
        yield page_violation(doc)


def _links_home(doc) -> bool:
    here = urlsplit(doc.url).path or "/"
    for a in doc.all("a"):
        href = a.get("href")
        if href is None or doc.is_hidden(a):
            continue
        url = doc.resolve(href)
        if not url or not same_host(url, doc.url):
            continue
        path = urlsplit(url).path or "/"
        if is_home_path(path):
            return True
        # A site published under a sub-path (https://host/ministry/): its home is an ancestor of this page,
        # reached by the brand link or a link called Home.
        if here.startswith(path) and path.endswith("/") and label_is("home", doc.name(a)):
            return True
    for el, _kind in emblem_images(doc):
        for anc in el.iterancestors():
            if anc.tag == "a":
                url = doc.resolve(anc.get("href"))
                if url and same_host(url, doc.url) and here.startswith(urlsplit(url).path or "/"):
                    return True
                break
    return False


@page_rule(
    code="IDN004", name="home-link-missing", impact="moderate", gigw=("GIGW-5.1.18.sub.b",),
    messages={"default": {
        "en": "This page has no link back to the home page: link the emblem or site name to the home page, or "
              "add a \"Home\" link or breadcrumb.",
        "hi": "इस पृष्ठ पर मुखपृष्ठ पर लौटने का कोई लिंक नहीं है: राजचिह्न या साइट के नाम को मुखपृष्ठ से जोड़ें, या "
              "\"मुखपृष्ठ\" लिंक या ब्रेडक्रम्ब जोड़ें।",
    }},
)
def home_link_missing(doc):
    """An inner page with no link to the home page.

    What it checks:
        A page that is not itself a home page (path `/`, `/index.html` or a language root such as `/hi/`) has a
        link to the site root or a language root, or a link named "Home"/"मुखपृष्ठ" or an emblem link to a
        parent path (sites published under a sub-path).
    Why it matters:
        GIGW requires every subsequent page to link to the home page, so a visitor who lands deep in the site
        can always start again.
    Example:
        <header><img src="/assets/emblem.svg" alt="State Emblem of India"></header>
    Use instead:
        <header><a href="/"><img src="/assets/emblem.svg" alt="State Emblem of India"></a></header>
    References:
        - GIGW 3.0 guideline 5.1.18 (subsequent pages: link to the home page)
    """
    if is_home_url(doc.url):
        return
    if not _links_home(doc):
        yield page_violation(doc)


@page_rule(
    code="IDN005", name="footer-ownership-missing", impact="moderate", gigw=("GIGW-5.4.1", "NIC-footer-attribution"),
    messages={"default": {
        "en": "The footer does not say who owns and maintains the content: add a line such as \"Content owned by "
              "the Ministry of ...\" and the Web Information Manager's name and contact.",
        "hi": "पाद भाग में यह नहीं बताया गया है कि सामग्री किसकी है और कौन उसका रखरखाव करता है: \"सामग्री का स्वामित्व "
              "... मंत्रालय के पास है\" जैसी पंक्ति और वेब सूचना प्रबंधक का नाम और संपर्क जोड़ें।",
    }},
)
def footer_ownership_missing(doc):
    """The footer has no content-owner or Web Information Manager statement.

    What it checks:
        The footer (`<footer>`, `role="contentinfo"`, or an element whose id/class says footer; the whole page
        when there is none) says who owns or manages the content: "Content owned by", "owned and maintained
        by", "Web Information Manager", "सामग्री का स्वामित्व", "वेब सूचना प्रबंधक" and similar.
    Why it matters:
        GIGW 3.0 requires the Web Information Manager's contact details on the site; NIC templates put the
        content owner and the WIM in the footer of every page, which is where visitors and evaluators look.
    Example:
        <footer><p>© 2026 Ministry of Water Conservation</p></footer>
    Use instead:
        <footer><p>Content owned by the Ministry of Water Conservation, Government of India.
          Web Information Manager: Smt. Anjali Rao, Joint Secretary (wim-jsm[at]gov[dot]in)</p></footer>
    References:
        - GIGW 3.0 guideline 5.4.1 (Web Information Manager)
        - NIC website footer convention (content owner, WIM, last updated)
    """
    text = region_text(doc, "footer") if footer_elements(doc) else None  # None: the whole page
    if not find_text(doc, CONTENT_OWNER_TRIGGERS, CONTENT_OWNER, text=text):
        yield page_violation(doc)
