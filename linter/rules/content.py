"""Content that should not be on a government site: "best viewed in" notices and pages under construction."""
from __future__ import annotations

from ..html import text_content
from ._gigw import find_text, main_element, page_violation
from ._patterns import BEST_VIEWED, BEST_VIEWED_TRIGGERS, UNDER_CONSTRUCTION, normalize
from .registry import Violation, page_rule

# Block-level holders of a statement (reporting the <strong> inside a sentence would point at half of it).
_TEXT_BLOCKS = ("p", "div", "li", "td", "th", "dd", "dt", "marquee", "footer", "section", "aside", "blockquote",
                "h1", "h2", "h3", "h4", "h5", "h6", "address", "center", "figcaption", "caption")
_THIN_MAIN_WORDS = 60  # a page whose main content is this short and says "coming soon" is a placeholder


def smallest_block_matching(doc, regex, root=None):
    """The deepest visible text element whose own visible text matches (where the statement is)."""
    best = None
    scope = root if root is not None else doc.body
    for el in scope.iter(*_TEXT_BLOCKS):
        if doc.is_hidden(el):
            continue
        if regex.search(normalize(doc.text(el))):
            best = el  # iter() is document order, so later matches are descendants or later siblings
            if not any(child.tag in _TEXT_BLOCKS for child in el):
                break
    return best


@page_rule(
    code="CNT001", name="best-viewed-in-statement", impact="minor", gigw=("GIGW-5.1.13",),
    messages={"default": {
        "en": "The page says it is best viewed in a particular browser or resolution: remove the notice and make "
              "sure the site works in all current browsers and at any size (GIGW asks for testing on multiple "
              "browsers).",
        "hi": "पृष्ठ पर लिखा है कि वह किसी विशेष ब्राउज़र या रिज़ॉल्यूशन में सबसे अच्छा दिखता है: यह सूचना हटाएँ और "
              "सुनिश्चित करें कि साइट सभी वर्तमान ब्राउज़रों और हर आकार की स्क्रीन पर काम करे (GIGW कई ब्राउज़रों पर "
              "परीक्षण की अपेक्षा करता है)।",
    }},
)
def best_viewed_in_statement(doc):
    """A "best viewed in ... browser / at 1024x768" notice.

    What it checks:
        The page's visible text has a notice such as "Best viewed in Internet Explorer", "best viewed at
        1024x768 resolution", "optimised for IE 8", "सर्वोत्तम दृश्य ...". The element holding it is reported.
    Why it matters:
        GIGW requires sites to be tested on multiple browsers and to work on any screen; the notice admits the
        opposite and sends visitors away, often to browsers that are no longer supported.
    Example:
        <p>This site is best viewed in Internet Explorer 11 at 1024x768 resolution.</p>
    Use instead:
        (no notice; test in Chrome, Firefox, Edge and Safari, on phones and desktops)
    References:
        - GIGW 3.0 guideline 5.1.13 (tested on multiple browsers)
        - GIGW 3.0 guideline 5.1.15 (responsive design)
    """
    if not find_text(doc, BEST_VIEWED_TRIGGERS, BEST_VIEWED):
        return
    found = smallest_block_matching(doc, BEST_VIEWED)
    if found is not None:  # None: the notice is only in hidden text or a script
        yield Violation(found)


@page_rule(
    code="CNT002", name="under-construction-page", impact="moderate", gigw=("GIGW-5.4.8",),
    messages={"default": {
        "en": "This page is a placeholder (\"under construction\" / \"coming soon\"): publish the content or remove "
              "the page and every link to it.",
        "hi": "यह पृष्ठ केवल एक प्लेसहोल्डर है (\"निर्माणाधीन\" / \"जल्द ही उपलब्ध\"): सामग्री प्रकाशित करें या पृष्ठ और "
              "उसके सभी लिंक हटाएँ।",
    }},
)
def under_construction_page(doc):
    """A page that says it is under construction or coming soon.

    What it checks:
        The page's title or h1 says "Under construction", "Coming soon", "Work in progress", "निर्माणाधीन",
        "जल्द ही उपलब्ध" and the like, or its main content is short (under 60 words) and says so. A "coming
        soon" line inside a long page (a news item) is not reported.
    Why it matters:
        GIGW forbids links to "under construction" pages: visitors follow a menu item and find nothing.
    Example:
        <main><h1>Photo gallery</h1><p>This section is under construction.</p></main>
    Use instead:
        Publish the gallery, or remove the menu item until it is ready.
    References:
        - GIGW 3.0 guideline 5.4.8 (no under-construction pages)
    """
    if UNDER_CONSTRUCTION.search(normalize(doc.title)):
        yield page_violation(doc)
        return
    for h1 in doc.all("h1"):
        if not doc.is_hidden(h1) and UNDER_CONSTRUCTION.search(normalize(doc.text(h1))):
            yield Violation(h1)
            return
    main = main_element(doc)
    if main is None:
        return
    # A quick length test first (lxml's C text_content): most pages are long and cost nothing more.
    if len(text_content(main)) > _THIN_MAIN_WORDS * 25:
        return
    text = normalize(doc.text(main))
    if len(text.split()) < _THIN_MAIN_WORDS and UNDER_CONSTRUCTION.search(text):
        found = smallest_block_matching(doc, UNDER_CONSTRUCTION, main)
        yield Violation(found if found is not None else main)
