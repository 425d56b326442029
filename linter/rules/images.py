"""Text alternatives for images and other non-text content (WCAG 1.1.1, GIGW 5.2.1)."""
from __future__ import annotations

import re

from .registry import Violation, page_rule

_FILE_NAME = re.compile(r"^[\w\-. ()]+\.(png|jpe?g|gif|svg|webp|bmp|tiff?|ico|avif)$", re.I)
_PLACEHOLDER_WORDS = {
    "image", "img", "photo", "picture", "pic", "graphic", "logo", "icon", "banner", "spacer", "untitled",
    "placeholder", "alt", "default", "thumbnail", "छवि", "चित्र", "फोटो", "फ़ोटो", "तस्वीर", "लोगो",
}


@page_rule(
    code="IMG001", name="image-missing-alt", impact="critical", wcag=("1.1.1",), gigw=("GIGW-5.2.1",),
    messages={"default": {
        "en": "Image has no text alternative: add an alt attribute (alt=\"\" if it is purely decorative).",
        "hi": "छवि का कोई पाठ विकल्प नहीं है: alt विशेषता जोड़ें (केवल सजावटी हो तो alt=\"\")।",
    }},
)
def image_missing_alt(doc):
    """Images without an alt attribute or another accessible name.

    What it checks:
        Every `<img>` that is not hidden from assistive technology has an `alt` attribute, or a name from
        `aria-label`/`aria-labelledby`/`title`, or `role="presentation"`/`role="none"`.
    Why it matters:
        A screen reader announces an image with no alternative by its file name, or skips it with no hint
        that information was there. Decorative images need `alt=""` so they are skipped on purpose.
    Example:
        <img src="/images/minister-visit-2026.jpg">
    Use instead:
        <img src="/images/minister-visit-2026.jpg" alt="The Minister inaugurates the Jal Bhawan in Pune">
        <img src="/images/divider.svg" alt="">
    References:
        - WCAG 2.2 SC 1.1.1 Non-text Content: https://www.w3.org/WAI/WCAG22/Understanding/non-text-content
        - GIGW 3.0 guideline 5.2.1 (text alternatives)
        - ACT rule 23a2a8 (image has accessible name)
    """
    for img in doc.all("img"):
        if img.get("alt") is not None or doc.is_hidden(img):
            continue
        if (img.get("role") or "").strip() in ("presentation", "none"):
            continue
        if doc.name(img):
            continue
        yield Violation(img)


@page_rule(
    code="IMG002", name="image-alt-is-file-name", impact="serious", wcag=("1.1.1",), gigw=("GIGW-5.2.1",),
    messages={"default": {
        "en": "Image alt text \"{alt}\" is a file name or a placeholder word, not a description.",
        "hi": "छवि का alt पाठ \"{alt}\" फ़ाइल का नाम या निरर्थक शब्द है, विवरण नहीं।",
    }},
)
def image_alt_not_descriptive(doc):
    """Images whose alt text is a file name or a placeholder word such as "image" or "photo".

    What it checks:
        The `alt` of an `<img>`, `<area>` or `<input type="image">` is not a file name (`DSC_0042.JPG`,
        `banner.png`) and not a word that only says it is an image ("image", "photo", "logo", "चित्र").
    Why it matters:
        Such alt text passes a presence check but tells a blind visitor nothing about what the image shows.
    Example:
        <img src="dsc0042.jpg" alt="DSC0042.JPG">
        <img src="emblem.svg" alt="logo">
    Use instead:
        <img src="emblem.svg" alt="State Emblem of India">
    References:
        - WCAG 2.2 SC 1.1.1 Non-text Content
        - WCAG technique F30: text alternatives that are not alternatives (file names, placeholders)
        - GIGW 3.0 guideline 5.2.1
    """
    for el in doc.all("img", "area", "input"):
        if el.tag == "input" and (el.get("type") or "").lower() != "image":
            continue
        alt = (el.get("alt") or "").strip()
        if not alt or doc.is_hidden(el):
            continue
        if _FILE_NAME.match(alt) or alt.lower().strip(".:- ") in _PLACEHOLDER_WORDS:
            yield Violation(el, params={"alt": alt[:80]})
