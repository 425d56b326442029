"""Page-level meta instructions: timed refresh and zoom blocking (WCAG 2.2.1, 1.4.4; GIGW 5.2.24, 5.2.15)."""
from __future__ import annotations

import re

from .registry import Violation, page_rule

# The delay of a refresh instruction as browsers parse it: leading digits (a fraction is ignored).
_REFRESH_DELAY = re.compile(r"^\s*(\d+)(?:\.\d*)?(?:\s*[;,\s]\s*(?:url\s*=\s*)?(.*))?$", re.I | re.S)
_TWENTY_HOURS = 20 * 60 * 60
_VIEWPORT_PAIR = re.compile(r"([a-z-]+)\s*=\s*([^,;\s]+)", re.I)


def _refresh(content: str) -> tuple[int, str] | None:
    """(delay in seconds, target URL or "") of a refresh instruction; None when browsers would ignore it."""
    match = _REFRESH_DELAY.match(content or "")
    if not match:
        return None
    return int(match.group(1)), (match.group(2) or "").strip().strip("'\"")


@page_rule(
    code="META001", name="meta-refresh", impact="critical", wcag=("2.2.1",), gigw=("GIGW-5.2.24",),
    messages={
        "reload": {
            "en": "The page reloads itself every {delay} seconds; the visitor cannot stop or extend it. Remove the "
                  "refresh, or offer a control to update the content.",
            "hi": "यह पृष्ठ हर {delay} सेकंड में स्वयं पुनः लोड होता है; आगंतुक इसे रोक या बढ़ा नहीं सकता। रिफ़्रेश हटाएँ, "
                  "या सामग्री अद्यतन करने का नियंत्रण दें।",
        },
        "redirect": {
            "en": "The page sends the visitor to \"{url}\" after {delay} seconds; redirect at once (server "
                  "redirect or a delay of 0) or let the visitor follow a link.",
            "hi": "यह पृष्ठ {delay} सेकंड बाद आगंतुक को \"{url}\" पर भेज देता है; तुरंत रीडायरेक्ट करें (सर्वर रीडायरेक्ट "
                  "या 0 विलंब) या आगंतुक को लिंक चुनने दें।",
        },
    },
)
def meta_refresh(doc):
    """Timed page refresh or redirect (`<meta http-equiv="refresh">` or a Refresh header).

    What it checks:
        No `<meta http-equiv="refresh">` (and no `Refresh` HTTP response header) reloads or redirects the page
        after a delay. A delay of 0 (an immediate redirect) passes, and so does a delay of more than 20
        hours, which WCAG treats as no time limit.
    Why it matters:
        A timed reload moves the screen reader back to the top and loses the visitor's place; a timed redirect
        can take the page away before someone who reads slowly, or uses a magnifier, has finished. Home
        pages that refresh every few minutes to update news tickers are a common case.
    Example:
        <meta http-equiv="refresh" content="300">
        <meta http-equiv="refresh" content="5; url=https://jalshakti.gov.in/new-home/">
    Use instead:
        <meta http-equiv="refresh" content="0; url=https://jalshakti.gov.in/new-home/">
        (or a server-side 301 redirect)
    References:
        - WCAG 2.2 SC 2.2.1 Timing Adjustable; failures F40 and F41
        - GIGW 3.0 guideline 5.2.24 (time limits can be turned off, adjusted or extended)
    """
    candidates = [(el, el.get("content")) for el in doc.all("meta")
                  if (el.get("http-equiv") or "").strip().lower() == "refresh"]
    header = (doc.fetched.headers or {}).get("refresh")
    if header is not None:
        candidates.append((doc.root, header))
    for el, content in candidates:
        parsed = _refresh(content)
        if parsed is None:
            continue
        delay, url = parsed
        if 0 < delay <= _TWENTY_HOURS:
            identity = f"refresh={content.strip()[:120]}"
            if url:
                yield Violation(el, "redirect", {"delay": delay, "url": url[:120]}, identity=identity)
            else:
                yield Violation(el, "reload", {"delay": delay}, identity=identity)


def _viewport_settings(content: str) -> dict[str, str]:
    return {k.lower(): v.strip().strip("'\"").lower() for k, v in _VIEWPORT_PAIR.findall(content or "")}


def _number(value: str) -> float | None:
    match = re.match(r"^[+-]?(\d+\.?\d*|\.\d+)", value)
    return float(match.group(0)) if match else None


@page_rule(
    code="META002", name="viewport-zoom-blocked", impact="critical", wcag=("1.4.4",), gigw=("GIGW-5.2.15",),
    messages={
        "scalable": {
            "en": "The viewport meta tag sets user-scalable={value}, which stops visitors zooming the page on "
                  "phones; remove it.",
            "hi": "viewport मेटा टैग user-scalable={value} सेट करता है, जिससे आगंतुक फ़ोन पर पृष्ठ ज़ूम नहीं कर पाते; "
                  "इसे हटाएँ।",
        },
        "maximum": {
            "en": "The viewport meta tag sets maximum-scale={value}, which stops visitors zooming to 200%; remove it "
                  "or set it to at least 2 (5 is better).",
            "hi": "viewport मेटा टैग maximum-scale={value} सेट करता है, जिससे आगंतुक 200% तक ज़ूम नहीं कर पाते; इसे हटाएँ "
                  "या कम से कम 2 (बेहतर 5) रखें।",
        },
    },
)
def viewport_zoom_blocked(doc):
    """Viewport settings that disable or limit pinch zoom.

    What it checks:
        The `<meta name="viewport">` content does not set `user-scalable=no` (or `0`) and does not set a
        `maximum-scale` below 2.
    Why it matters:
        Low-vision visitors on phones pinch to zoom to read; a viewport that forbids it makes small text
        unreadable and is a frequent finding on ministry sites built from mobile templates.
    Example:
        <meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">
    Use instead:
        <meta name="viewport" content="width=device-width, initial-scale=1">
    References:
        - WCAG 2.2 SC 1.4.4 Resize Text
        - ACT rule b4f0c3 (meta viewport allows for zoom)
        - GIGW 3.0 guideline 5.2.15 (text resizable to 200%)
    """
    for meta in doc.all("meta"):
        if (meta.get("name") or "").strip().lower() != "viewport":
            continue
        settings = _viewport_settings(meta.get("content"))
        scalable = settings.get("user-scalable")
        if scalable in ("no", "0"):
            yield Violation(meta, "scalable", {"value": scalable})
            continue
        maximum = _number(settings.get("maximum-scale", ""))
        if maximum is not None and maximum < 2:
            yield Violation(meta, "maximum", {"value": settings["maximum-scale"]})
