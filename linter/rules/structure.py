"""Page structure: bypass blocks, landmarks, skip links and lists (WCAG 2.4.1, 1.3.1; GIGW 5.2.27, 5.2.7)."""
from __future__ import annotations

import re
from urllib.parse import unquote, urldefrag

from ..html import text_content
from ._aria import PRESENTATIONAL, cached, explicit_role, first_focusables, page_index
from .registry import Violation, page_rule

_SKIP_TEXT = re.compile(
    r"\bskip\b|\b(jump|go|move) to (the )?(main )?content\b|मुख्य (सामग्री|विषय|विषयवस्तु|भाग)|सामग्री पर जा|स्किप",
    re.I)
_INDEX_PAGE = re.compile(r"/(index|default)\.(html?|php|aspx?)$", re.I)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_FIRST_FOCUSABLES = 5  # a skip link must come before the blocks it skips; allow a few hidden toggles ahead of it


def _page_address(url: str) -> str:
    return _INDEX_PAGE.sub("/", urldefrag(url or "")[0])


def _same_page_fragment(doc, href: str | None) -> str | None:
    """The fragment when href points into this page ("" for a bare "#"); None for other pages."""
    if href is None:
        return None
    href = href.strip()
    if href.startswith("#"):
        return unquote(href[1:])
    resolved = doc.resolve(href)
    if resolved is None or "#" not in resolved:
        return None
    address, fragment = urldefrag(resolved)
    return unquote(fragment) if _page_address(address) == _page_address(doc.url) else None


def _fragment_target(doc, fragment: str):
    """The element a fragment scrolls to: the element with that id, else the first <a name=...>."""
    if not fragment:
        return None
    target = doc.by_id(fragment)
    if target is not None:
        return target
    return next((a for a in doc.all("a") if a.get("name") == fragment), None)


def _skip_candidates(doc) -> list:
    return cached(doc, "structure.skip_candidates", lambda d: list(_find_skip_candidates(d)))


# Cheap test before the full pattern: every skip phrase contains one of these.
_SKIP_WORDS = ("skip", "content", "मुख्य", "सामग्री", "स्किप")


def _find_skip_candidates(doc):
    """(link, fragment or None, says_skip) for links that act as skip links: links whose text says so, and
    the first same-page link among the first few focusable elements."""
    seen = set()
    for el in first_focusables(doc, _FIRST_FOCUSABLES):
        if el.tag == "a":
            fragment = _same_page_fragment(doc, el.get("href"))
            if fragment and fragment.lower() != "top":
                seen.add(el)
                yield el, fragment, bool(_SKIP_TEXT.search(doc.name(el)))
                break
    for link in doc.all("a"):
        # A skip link always carries a fragment; checking that first keeps the scan cheap on long menus.
        if "#" not in (link.get("href") or "") or link in seen or doc.is_hidden(link):
            continue
        text = text_content(link)
        if len(text) > 120:
            continue
        if not text.strip():
            text = doc.name(link)
        lowered = text.lower()
        if not any(word in lowered for word in _SKIP_WORDS) or not _SKIP_TEXT.search(text):
            continue
        yield link, _same_page_fragment(doc, link.get("href")), True


def _main_landmarks(doc) -> list:
    found = [el for el in doc.all("main") if explicit_role(el) in (None, "main")]
    found += [el for el in page_index(doc).with_role if el.tag != "main" and explicit_role(el) == "main"]
    return [el for el in found if not doc.is_hidden(el)]


def _not_a_content_page(doc) -> bool:
    """Framesets (frame titles are the bypass mechanism) and instant-redirect stubs."""
    if doc.all("frameset"):
        return True
    for meta in doc.all("meta"):
        if (meta.get("http-equiv") or "").strip().lower() == "refresh" and \
                re.match(r"^\s*0*(\.\d*)?\s*([;,]|$)", meta.get("content") or ""):
            return True
    return False


def _has_heading(doc) -> bool:
    for tag in _HEADINGS:
        if any(not doc.is_hidden(h) for h in doc.all(tag)):
            return True
    return any(explicit_role(el) == "heading" and not doc.is_hidden(el) for el in page_index(doc).with_role)


@page_rule(
    code="STR001", name="bypass-block-missing", impact="serious", wcag=("2.4.1",), gigw=("GIGW-5.2.27",),
    messages={"default": {
        "en": "The page offers no way to skip its repeated blocks: it has no working skip link, no <main> "
              "landmark and no headings. Add a \"Skip to main content\" link to a <main id=\"...\"> element.",
        "hi": "पृष्ठ पर दोहराए गए भागों को छोड़ने का कोई तरीका नहीं है: न काम करता \"मुख्य सामग्री पर जाएं\" लिंक है, "
              "न <main> लैंडमार्क, न शीर्षक। <main id=\"...\"> तत्व की ओर \"मुख्य सामग्री पर जाएं\" लिंक जोड़ें।",
    }},
)
def bypass_block_missing(doc):
    """Pages with no mechanism to bypass repeated blocks of content.

    What it checks:
        A page with navigation (at least three links) has at least one way to skip past repeated blocks: a
        skip link whose target exists (a same-page link among the first focusable elements, or any link whose
        text says "Skip to content" / "मुख्य सामग्री पर जाएं"), a `<main>` (or `role="main"`) landmark, or
        headings. Any one suffices for WCAG. Framesets and instant-redirect pages are skipped.
    Why it matters:
        Keyboard users otherwise Tab through the header, the utility bar and the whole menu on every page
        before reaching the content; screen reader users have nothing to jump to.
    Example:
        <body><div class="header">...40 menu links...</div><div class="content"><b>Tenders</b>...</div></body>
    Use instead:
        <body><a class="skip-link" href="#main">Skip to main content</a>
          <header>...</header><main id="main"><h1>Tenders</h1>...</main></body>
    References:
        - WCAG 2.2 SC 2.4.1 Bypass Blocks; techniques G1, ARIA11, H69
        - GIGW 3.0 guideline 5.2.27 (skip to main content link, landmarks)
    """
    if _not_a_content_page(doc) or sum(1 for a in doc.all("a") if a.get("href") is not None) < 3:
        return
    if _main_landmarks(doc) or _has_heading(doc):
        return
    for link, fragment, _ in _skip_candidates(doc):
        if _fragment_target(doc, fragment or "") is not None:
            return
    yield Violation(doc.root, identity="bypass")


@page_rule(
    code="STR002", name="main-landmark-missing", impact="moderate", gigw=("GIGW-5.2.7", "GIGW-5.2.27"),
    messages={"default": {
        "en": "The page has no main landmark: wrap the page's own content in <main> (one per page) so assistive "
              "technology can jump straight to it.",
        "hi": "पृष्ठ में कोई मुख्य लैंडमार्क नहीं है: पृष्ठ की अपनी सामग्री को <main> में रखें (प्रति पृष्ठ एक), ताकि "
              "सहायक तकनीक सीधे उस पर पहुँच सके।",
    }},
)
def main_landmark_missing(doc):
    """Pages without a `<main>` landmark.

    What it checks:
        The page has one visible `<main>` element or `role="main"` element. Framesets and instant-redirect
        pages are skipped. This is a best practice that GIGW 3.0 asks for (landmarks); WCAG can be met
        without it, so it maps to GIGW only.
    Why it matters:
        Screen readers offer a "jump to main" key and a list of landmarks. Without `<main>` the visitor has
        to read or Tab through the header and menu to find where the page's own content starts.
    Example:
        <div id="content"><h1>Tenders</h1>...</div>
    Use instead:
        <main id="content"><h1>Tenders</h1>...</main>
    References:
        - WAI-ARIA landmark regions; WCAG technique ARIA11 (for SC 1.3.1 and 2.4.1)
        - GIGW 3.0 guidelines 5.2.7 (structure conveyed in markup, including landmarks) and 5.2.27
    """
    if _not_a_content_page(doc) or not len(doc.body):
        return
    if not _main_landmarks(doc):
        yield Violation(doc.root, identity="main")


@page_rule(
    code="STR003", name="skip-link-target-missing", impact="moderate", gigw=("GIGW-5.2.27",),
    messages={
        "default": {
            "en": "Skip link points to \"#{fragment}\", but no element on the page has id=\"{fragment}\"; give the "
                  "main content that id (for example <main id=\"{fragment}\">).",
            "hi": "स्किप लिंक \"#{fragment}\" की ओर संकेत करता है, पर पृष्ठ पर id=\"{fragment}\" वाला कोई तत्व नहीं है; "
                  "मुख्य सामग्री को यह id दें (जैसे <main id=\"{fragment}\">)।",
        },
        "empty": {
            "en": "Skip link has no target (href=\"{href}\"); point it at the id of the main content, for example "
                  "href=\"#main-content\".",
            "hi": "स्किप लिंक का कोई लक्ष्य नहीं है (href=\"{href}\"); इसे मुख्य सामग्री की id की ओर करें, जैसे "
                  "href=\"#main-content\"।",
        },
        "other-page": {
            "en": "Skip link leads to another page (\"{href}\") instead of into this one; use href=\"#...\" with the "
                  "id of this page's main content.",
            "hi": "स्किप लिंक इस पृष्ठ के भीतर जाने के बजाय दूसरे पृष्ठ (\"{href}\") पर ले जाता है; इस पृष्ठ की मुख्य "
                  "सामग्री की id के साथ href=\"#...\" का उपयोग करें।",
        },
    },
)
def skip_link_target_missing(doc):
    """Skip links whose target is not on the page.

    What it checks:
        Links that act as skip links - any link whose text says "Skip to main content", "Skip navigation",
        "मुख्य सामग्री पर जाएं" and similar, and the first same-page link among the first focusable elements -
        point to an element that exists on this page (an `id`, or an `<a name>`). A skip link with an empty
        target (`href="#"`, `#top`) or one that leads to another page is reported too.
    Why it matters:
        A skip link whose target is missing does nothing: keyboard users press it, stay at the top, and
        still Tab through the whole menu. It usually breaks when a template's content wrapper is renamed.
    Example:
        <a class="skip-link" href="#content-start">Skip to main content</a> ... <main id="main-content">
    Use instead:
        <a class="skip-link" href="#main-content">Skip to main content</a> ... <main id="main-content">
    References:
        - WCAG 2.2 SC 2.4.1 Bypass Blocks; technique G1
        - GIGW 3.0 guideline 5.2.27 (skip to main content link)
    """
    for link, fragment, says_skip in _skip_candidates(doc):
        href = (link.get("href") or "").strip()[:120]
        if fragment is None:
            if says_skip and "#" in href and doc.resolve(href) is not None:
                yield Violation(link, "other-page", {"href": href})
        elif not fragment or fragment.lower() == "top":
            if says_skip:
                yield Violation(link, "empty", {"href": href})
        elif _fragment_target(doc, fragment) is None:
            yield Violation(link, params={"fragment": fragment[:80]})


@page_rule(
    code="STR004", name="main-landmark-multiple", impact="moderate", gigw=("GIGW-5.2.7",),
    messages={"default": {
        "en": "The page has {count} visible main landmarks; keep one <main> and make the others <section> or "
              "<div> (or hide inactive ones with the hidden attribute).",
        "hi": "पृष्ठ में {count} दिखने वाले मुख्य लैंडमार्क हैं; एक <main> रखें और बाकी को <section> या <div> बनाएँ "
              "(या निष्क्रिय को hidden विशेषता से छिपाएँ)।",
    }},
)
def main_landmark_multiple(doc):
    """More than one visible main landmark.

    What it checks:
        At most one `<main>` or `role="main"` element is visible (HTML allows further `<main>` elements only
        when they carry the `hidden` attribute). Each one after the first is reported.
    Why it matters:
        "Jump to main content" then lands on whichever comes first, often a sidebar or a copied template
        block, and screen reader users cannot tell which region holds the page's content.
    Example:
        <main class="sidebar">...</main><main id="content">...</main>
    Use instead:
        <aside class="sidebar">...</aside><main id="content">...</main>
    References:
        - HTML Living Standard: the main element
        - WAI-ARIA main landmark (one per page); GIGW 3.0 guideline 5.2.7
    """
    mains = _main_landmarks(doc)
    if len(mains) < 2:
        return
    order = {el: i for i, el in enumerate(doc.body.iter())}
    mains.sort(key=lambda el: order.get(el, 0))
    for el in mains[1:]:
        yield Violation(el, params={"count": len(mains)})


_LIST_TAGS = ("ul", "ol", "menu")
_ALLOWED_IN_LIST = {"li", "script", "template"}


@page_rule(
    code="STR005", name="list-structure-invalid", impact="serious", wcag=("1.3.1",), gigw=("GIGW-5.2.7",),
    messages={
        "orphan": {
            "en": "<li> is not inside a <ul>, <ol> or <menu>, so it is not announced as part of a list; wrap the "
                  "items in a list element.",
            "hi": "<li> किसी <ul>, <ol> या <menu> के भीतर नहीं है, इसलिए इसे सूची के भाग के रूप में नहीं बताया जाता; "
                  "मदों को सूची तत्व में रखें।",
        },
        "child": {
            "en": "<{tag}> contains a <{child}> directly; a list may hold only <li> items (put nested lists and "
                  "other content inside an <li>).",
            "hi": "<{tag}> में सीधे <{child}> है; सूची में केवल <li> मद हो सकते हैं (अंतर्निहित सूचियाँ और अन्य सामग्री "
                  "किसी <li> के भीतर रखें)।",
        },
    },
)
def list_structure_invalid(doc):
    """List items outside lists, and lists with children other than list items.

    What it checks:
        Every visible `<li>` without a role sits directly in a `<ul>`, `<ol>`, `<menu>` or `role="list"`
        element, and every `<ul>`/`<ol>`/`<menu>` that keeps its list role contains only `<li>` (or
        `role="listitem"`), `<script>` and `<template>` children. Lists and items given another role
        (`role="menubar"`, `role="none"`) are left to the ARIA rules.
    Why it matters:
        Screen readers announce "list, 6 items" and let visitors skip a menu or jump between items. A stray
        `<div>` or a nested `<ul>` placed directly in a list (a common CMS output) breaks the count and the
        nesting the visitor hears.
    Example:
        <ul><li><a href="/schemes/">Schemes</a></li><ul><li><a href="/schemes/jjm/">JJM</a></li></ul></ul>
    Use instead:
        <ul><li><a href="/schemes/">Schemes</a><ul><li><a href="/schemes/jjm/">JJM</a></li></ul></li></ul>
    References:
        - WCAG 2.2 SC 1.3.1 Info and Relationships; technique H48
        - GIGW 3.0 guideline 5.2.7
    """
    for li in doc.all("li"):
        if li.get("role") is not None:
            continue
        parent = li.getparent()
        if parent is None or parent.tag in _LIST_TAGS:
            continue
        if explicit_role(parent) in ("list", *PRESENTATIONAL) or doc.is_hidden(li):
            continue
        if parent.get("role") is not None and explicit_role(parent) is not None:
            continue  # li inside a custom widget: the ARIA rules' business
        yield Violation(li, "orphan")
    for tag in _LIST_TAGS:
        for lst in doc.all(tag):
            if explicit_role(lst) not in (None, "list") or doc.is_hidden(lst):
                continue
            for child in lst:
                if not isinstance(child.tag, str) or child.tag in _ALLOWED_IN_LIST:
                    continue
                if explicit_role(child) == "listitem" or doc.is_hidden(child):
                    continue
                yield Violation(lst, "child", {"tag": tag, "child": child.tag}, identity=f"{tag}>{child.tag}")
                break
