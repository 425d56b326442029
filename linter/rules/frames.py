"""Frames and inline frames (WCAG 4.1.2, 2.4.1; GIGW 5.2.49)."""
from __future__ import annotations

import re

from ._aria import PRESENTATIONAL, explicit_role
from .registry import Violation, page_rule

_PX = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$", re.I)
_STYLE_SIZE = re.compile(r"(?:^|;)\s*(width|height)\s*:\s*(\d+(?:\.\d+)?)\s*(px)?\s*(?:;|$)", re.I)


def _tiny(frame) -> bool:
    """Width and height both at most 1 px (tracking and messaging frames nobody is meant to visit)."""
    size = {}
    for dim in ("width", "height"):
        match = _PX.match(frame.get(dim) or "")
        if match:
            size[dim] = float(match.group(1))
    for dim, value, _ in _STYLE_SIZE.findall(frame.get("style") or ""):
        size[dim.lower()] = float(value)
    return size.get("width", 2) <= 1 and size.get("height", 2) <= 1


@page_rule(
    code="IFR001", name="iframe-missing-title", impact="serious", wcag=("4.1.2",), gigw=("GIGW-5.2.49",),
    messages={"default": {
        "en": "Frame showing \"{src}\" has no accessible name: add a title attribute that says what it contains "
              "(for example title=\"Map of the Ministry's location\").",
        "hi": "\"{src}\" दिखाने वाले फ़्रेम का कोई सुलभ नाम नहीं है: title विशेषता जोड़ें जो बताए कि इसमें क्या है "
              "(जैसे title=\"मंत्रालय के स्थान का नक्शा\")।",
    }},
)
def iframe_missing_title(doc):
    """Frames and iframes without a title or other accessible name.

    What it checks:
        Every visible `<iframe>` and `<frame>` has a non-empty `title`, `aria-label` or `aria-labelledby`.
        Frames hidden from everyone or from assistive technology, frames marked `role="presentation"`, and
        1-pixel tracking frames are skipped.
    Why it matters:
        Screen readers announce a frame by its title when the visitor reaches or lists it. An embedded map,
        YouTube video or grievance form without one is announced as "frame" and a URL, so the visitor has to
        enter it to find out what it is.
    Example:
        <iframe src="https://www.youtube-nocookie.com/embed/abc123"></iframe>
    Use instead:
        <iframe src="https://www.youtube-nocookie.com/embed/abc123"
                title="Video: Hon'ble Minister launches the Catch the Rain campaign"></iframe>
    References:
        - WCAG 2.2 SC 4.1.2 Name, Role, Value; technique H64
        - GIGW 3.0 guideline 5.2.49
        - ACT rule cae760 (iframe has accessible name)
    """
    for frame in doc.all("iframe", "frame"):
        if doc.is_hidden(frame) or explicit_role(frame) in PRESENTATIONAL or _tiny(frame):
            continue
        if not doc.name(frame):
            yield Violation(frame, params={"src": (frame.get("src") or frame.get("srcdoc") or "")[:120]})
