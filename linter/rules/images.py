"""Text alternatives for images and other non-text content (WCAG 1.1.1, GIGW 5.2.1)."""
from __future__ import annotations

import re
from itertools import chain
from urllib.parse import unquote, urlsplit

from .registry import Violation, page_rule

_FILE_NAME = re.compile(r"^[\w\-. ()]+\.(png|jpe?g|gif|svg|webp|bmp|tiff?|ico|avif|heic)$", re.I)
# Names cameras, phones and screenshot tools give files: IMG_2034, DSC0042, PXL_20250101_..., Screenshot 2025-...
_CAMERA_NAME = re.compile(r"^(img|dsc[nf]?|dcim|pxl|mvimg|wp|pict?|sam|gopr|screenshot|screen shot|scan)[\s_-]*\d[\w\s.:-]*$", re.I)
_URL = re.compile(r"^(https?://|www\.|/)\S+$", re.I)
_PLACEHOLDER_WORDS = {
    "image", "img", "photo", "picture", "pic", "graphic", "logo", "icon", "banner", "spacer", "untitled",
    "placeholder", "alt", "default", "thumbnail", "thumb", "blank", "null", "undefined", "none", "image1",
    "alt text", "alttext", "alt tag", "image description", "description", "इमेज", "छवि", "चित्र", "फोटो", "फ़ोटो",
    "तस्वीर", "लोगो", "आइकन", "बैनर",
}
# Punctuation that carries no meaning when read out ("*", "-", "...", "|"); symbols such as "₹", "+" or ">"
# can be a fair alternative for an icon and are left alone.
_ONLY_PUNCTUATION = re.compile("^[\\s.,\\-_*|~`'\":;!?/\\\\()\\[\\]{}…·•–—]+$")


def _file_stem(src: str | None) -> str:
    """The file name of an image URL without extension, lower-cased ("" for data: URLs)."""
    if not src or src.strip().lower().startswith("data:"):
        return ""
    name = unquote(urlsplit(src.strip()).path.rsplit("/", 1)[-1])
    return name.rsplit(".", 1)[0].lower() if "." in name else name.lower()


def alt_problem(alt: str, src: str | None = None) -> bool:
    """True when alt text is a file name, camera/screenshot name, URL, placeholder word, punctuation only, or
    the image's own file name (a slug such as "jal-bhawan-2026")."""
    text = alt.strip()
    if not text:
        return False
    if _FILE_NAME.match(text) or _CAMERA_NAME.match(text) or _URL.match(text) or _ONLY_PUNCTUATION.match(text):
        return True
    if text.lower().strip(".:-_ ") in _PLACEHOLDER_WORDS:
        return True
    stem = _file_stem(src)
    return bool(stem) and " " not in text and text.lower() == stem and bool(re.search(r"[-_\d]", stem))


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
        `banner.png`), a camera or screenshot name (`IMG_2034`, `Screenshot 2025-03-01`), a URL, the image's own
        file name as a slug (`alt="jal-bhawan-2026"` on `jal-bhawan-2026.jpg`), punctuation only (`*`, `-`),
        or a word that only says it is an image ("image", "photo", "logo", "चित्र").
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
    for el in chain(doc.all("img"), doc.all("area"), doc.all("input")):
        if el.tag == "input" and (el.get("type") or "").lower() != "image":
            continue
        alt = (el.get("alt") or "").strip()
        if not alt or doc.is_hidden(el):
            continue
        if alt_problem(alt, el.get("src")):
            yield Violation(el, params={"alt": alt[:80]})


@page_rule(
    code="IMG003", name="input-image-missing-alt", impact="critical", wcag=("1.1.1", "4.1.2"), gigw=("GIGW-5.2.1",),
    messages={"default": {
        "en": "Image button has no text alternative: give the <input type=\"image\"> an alt that says what it does "
              "(e.g. alt=\"Search\").",
        "hi": "छवि बटन का कोई पाठ विकल्प नहीं है: <input type=\"image\"> को ऐसा alt दें जो उसका काम बताए "
              "(जैसे alt=\"खोजें\")।",
    }},
)
def input_image_missing_alt(doc):
    """Image buttons (`<input type="image">`) without a text alternative.

    What it checks:
        Every `<input type="image">` that is not hidden has an accessible name: a non-empty `alt`, or
        `aria-label`, `aria-labelledby` or `title`. An empty `alt=""` does not make an image button
        decorative: it is still a button.
    Why it matters:
        An image button is a submit button drawn as a picture. Without alt text a screen reader says "button"
        or reads the image's URL, and the visitor cannot tell "Search" from "Submit application".
    Example:
        <input type="image" src="/images/go.png">
        <input type="image" src="/images/search.svg" alt="">
    Use instead:
        <input type="image" src="/images/search.svg" alt="Search">
    References:
        - WCAG 2.2 SC 1.1.1 Non-text Content, SC 4.1.2 Name, Role, Value
        - WCAG technique H36 (alt on images used as submit buttons)
        - GIGW 3.0 guideline 5.2.1 (image buttons)
        - ACT rule 59796f (image button has non-empty accessible name)
    """
    for el in doc.all("input"):
        if (el.get("type") or "").strip().lower() != "image" or doc.is_hidden(el):
            continue
        if not doc.name(el):
            yield Violation(el)


def _used_maps(doc) -> dict[str, object]:
    """map name -> the first visible <img>/<object> whose usemap points at it."""
    used: dict[str, object] = {}
    for el in chain(doc.all("img"), doc.all("object")):
        ref = (el.get("usemap") or "").strip()
        if ref.startswith("#") and len(ref) > 1 and not doc.is_hidden(el):
            used.setdefault(ref[1:], el)
    return used


@page_rule(
    code="IMG004", name="area-missing-alt", impact="critical", wcag=("1.1.1", "2.4.4", "4.1.2"), gigw=("GIGW-5.2.1",),
    messages={"default": {
        "en": "Image-map link has no text alternative: give this <area> an alt naming where it leads "
              "(e.g. alt=\"Rajasthan\").",
        "hi": "इमेज-मैप लिंक का कोई पाठ विकल्प नहीं है: इस <area> को ऐसा alt दें जो बताए कि यह कहाँ ले जाता है "
              "(जैसे alt=\"राजस्थान\")।",
    }},
)
def area_missing_alt(doc):
    """Clickable regions of an image map (`<area href>`) without a text alternative.

    What it checks:
        For every `<map>` used by a visible image (`<img usemap="#name">`), each `<area>` with an `href` has an
        accessible name: `alt`, `aria-label`, `aria-labelledby` or `title`. Areas without `href` are not links
        and maps no image uses are never shown, so both are skipped.
    Why it matters:
        Government sites often show a clickable map of India or of a state's districts. Each region is a link;
        without alt text a screen reader announces an unnamed link (or the target URL) for every district.
    Example:
        <img src="/images/india-map.png" alt="Map of India: choose a state" usemap="#states">
        <map name="states"><area shape="poly" coords="..." href="/states/rajasthan/"></map>
    Use instead:
        <map name="states"><area shape="poly" coords="..." href="/states/rajasthan/" alt="Rajasthan"></map>
    References:
        - WCAG 2.2 SC 1.1.1 Non-text Content, SC 2.4.4 Link Purpose, SC 4.1.2 Name, Role, Value
        - WCAG technique H24 (text alternatives for the area elements of image maps)
        - GIGW 3.0 guideline 5.2.1
    """
    maps = doc.all("map")
    if not maps:
        return
    used = _used_maps(doc)
    for map_el in maps:
        name = (map_el.get("name") or map_el.get("id") or "").strip()
        if name not in used:
            continue
        for area in map_el.iter("area"):
            if area.get("href") is None or doc.is_hidden(area):
                continue
            if not doc.name(area):
                yield Violation(area)


_SVG_NOT_IMAGE_ROLES = {"presentation", "none"}


def _control_of(el):
    """The link or button an element sits in, if any (the nearest one)."""
    for anc in el.iterancestors():
        if anc.tag in ("a", "button") or (anc.get("role") or "").split()[:1] in (["link"], ["button"]):
            return anc
    return None


@page_rule(
    code="IMG005", name="svg-image-missing-name", impact="serious", wcag=("1.1.1",), gigw=("GIGW-5.2.1",),
    messages={
        "default": {
            "en": "SVG image (role=\"img\") has no text alternative: add a <title> as its first child, or "
                  "aria-label; if it is decorative, use aria-hidden=\"true\" instead of role=\"img\".",
            "hi": "SVG छवि (role=\"img\") का कोई पाठ विकल्प नहीं है: पहले चाइल्ड के रूप में <title> या aria-label "
                  "जोड़ें; सजावटी हो तो role=\"img\" के बजाय aria-hidden=\"true\" लगाएँ।",
        },
        "only-content": {
            "en": "This SVG icon is the only content of a link or button, which therefore has no name: give the "
                  "<svg> a <title> (or aria-label), or put aria-label on the link/button and aria-hidden on the svg.",
            "hi": "यह SVG आइकन किसी लिंक या बटन की एकमात्र सामग्री है, इसलिए उसका कोई नाम नहीं है: <svg> को <title> "
                  "(या aria-label) दें, या लिंक/बटन पर aria-label और svg पर aria-hidden लगाएँ।",
        },
    },
)
def svg_image_missing_name(doc):
    """Inline SVG images that are exposed as images (or carry a link's meaning) but have no text alternative.

    What it checks:
        An `<svg>` that is not hidden from assistive technology needs a name - a `<title>` child,
        `aria-label` or `aria-labelledby` - when it has `role="img"`, or when it is the only content of a link
        or button that has no other name (no text, `aria-label` or `title`). An svg without a role that is
        merely decoration, or any svg with `aria-hidden="true"` or `role="presentation"`, is fine.
    Why it matters:
        Icon fonts have given way to inline SVG: social-media links, "download", "print" and search buttons are
        often nothing but an svg. With no name, a screen reader announces "link" or "button" and nothing else,
        or reads out the href.
    Example:
        <svg role="img" viewBox="0 0 24 24"><path d="..."/></svg>
        <a href="https://x.com/jalshakti"><svg viewBox="0 0 24 24"><path d="..."/></svg></a>
    Use instead:
        <svg role="img" aria-labelledby="t1" viewBox="0 0 24 24"><title id="t1">Rainfall trend</title>...</svg>
        <a href="https://x.com/jalshakti" aria-label="Ministry on X"><svg aria-hidden="true">...</svg></a>
    References:
        - WCAG 2.2 SC 1.1.1 Non-text Content
        - WCAG technique ARIA6 (aria-label on objects), SVG accessibility API mappings
        - GIGW 3.0 guideline 5.2.1
        - ACT rule 7d6734 (svg element with explicit role has non-empty accessible name)
    """
    for svg in doc.all("svg"):
        if any(anc.tag == "svg" for anc in svg.iterancestors()) or doc.is_hidden(svg):
            continue
        role = (svg.get("role") or "").split()[:1]
        if role and role[0] in _SVG_NOT_IMAGE_ROLES:
            continue
        if doc.name(svg):
            continue
        if role == ["img"] or role == ["graphics-document"]:
            yield Violation(svg)
            continue
        control = _control_of(svg)
        if control is not None and not doc.is_hidden(control) and not doc.name(control):
            yield Violation(svg, "only-content")
