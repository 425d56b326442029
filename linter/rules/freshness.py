"""Is the content current: the "last updated" date GIGW 5.1.5 asks for."""
from __future__ import annotations

from ._gigw import find_text, footer_elements, page_violation, region_text
from ._patterns import DATE, LAST_UPDATED, LAST_UPDATED_TRIGGERS, LAST_UPDATED_WITH_DATE, normalize
from .registry import page_rule


def _time_next_to_label(doc) -> bool:
    """A <time datetime="..."> whose block also holds a "last updated" label (the date itself may be written
    in words, e.g. "Last updated <time datetime="2026-11-20">yesterday</time>")."""
    for time in doc.all("time"):
        if not DATE.search(time.get("datetime") or "") or doc.is_hidden(time):
            continue
        node = time
        for _ in range(2):
            node = node.getparent()
            if node is None:
                break
            if LAST_UPDATED.search(normalize(doc.text(node))):
                return True
    return False


@page_rule(
    code="UPD001", name="last-updated-missing", impact="moderate", gigw=("GIGW-5.1.5",), content_only=True,
    messages={
        "default": {
            "en": "The page does not say when it was last updated: show \"Last updated: DD-MM-YYYY\" (or "
                  "\"अंतिम अद्यतन\" on Hindi pages), usually in the footer.",
            "hi": "पृष्ठ पर यह नहीं बताया गया है कि उसे अंतिम बार कब अद्यतन किया गया: \"अंतिम अद्यतन: DD-MM-YYYY\" "
                  "(अंग्रेज़ी पृष्ठों पर \"Last updated\") दिखाएँ, सामान्यतः पाद भाग में।",
        },
        "no-date": {
            "en": "A \"last updated\" label is on the page but no date follows it in the HTML; if a script fills it "
                  "in, render the date on the server so every visitor and evaluator sees it.",
            "hi": "पृष्ठ पर \"अंतिम अद्यतन\" लेबल है पर HTML में उसके बाद कोई तिथि नहीं है; यदि कोई स्क्रिप्ट तिथि भरती है "
                  "तो तिथि सर्वर पर ही लिखें ताकि हर आगंतुक और मूल्यांकनकर्ता उसे देख सके।",
        },
    },
)
def last_updated_missing(doc):
    """The page shows no "last updated" date.

    What it checks:
        The page's text has a "last updated" label ("Last updated", "Last reviewed", "Updated on",
        "अंतिम अद्यतन", "अंतिम समीक्षा" ...) followed within 40 characters by a date (DD-MM-YYYY, YYYY-MM-DD,
        "20 Nov 2026", "Nov 20, 2026", "२० नवंबर २०२६", Devanagari digits allowed), or a `<time datetime>` in
        the same block as the label. A label with no date in the HTML (often filled in by a script) is reported
        for review.
    Why it matters:
        GIGW requires the home page and important entry pages to show when they were last updated or reviewed,
        so citizens can judge whether the information is current. Kasauti checks every page except error
        pages (a folder's `404.html`, which static hosts serve with status 404).
    Example:
        <footer><p>© 2026 Ministry of Water Conservation</p></footer>
    Use instead:
        <footer><p>Last updated: <time datetime="2026-11-20">20-11-2026</time></p></footer>
    References:
        - GIGW 3.0 guideline 5.1.5 (last updated date)
    """
    footer = region_text(doc, "footer") if footer_elements(doc) else ""
    if footer and find_text(doc, LAST_UPDATED_TRIGGERS, LAST_UPDATED_WITH_DATE, text=footer):
        return
    if find_text(doc, LAST_UPDATED_TRIGGERS, LAST_UPDATED_WITH_DATE) or _time_next_to_label(doc):
        return
    if find_text(doc, LAST_UPDATED_TRIGGERS, LAST_UPDATED):
        yield page_violation(doc, "no-date", outcome="needs-review")
    else:
        yield page_violation(doc)
