"""Browser-only checks (BRW): layout and keyboard behaviour that parsed HTML cannot show.

These rules run in the axe engine (`kasauti audit --engines static,axe`), in a real Chromium: the measuring code
is linter/engines/browser_checks.js, driven by linter/engines/axe.py. They are registered here so that they have
codes, messages in both languages and documentation like every other rule. The static engine skips them (their
engine is "axe"); calling one on a parsed page is a mistake and raises.
"""
from __future__ import annotations

from .registry import page_rule


def _browser_only(code: str):
    raise RuntimeError(f"{code} needs a real browser: it runs in the axe engine (kasauti audit --engines axe), "
                       "not on parsed HTML")


@page_rule(
    code="BRW001", name="content-does-not-reflow", impact="serious", engine="axe", wcag=("1.4.10",),
    gigw=("GIGW-5.2.17", "GIGW-5.1.15"),
    messages={"default": {
        "en": "At a 320 CSS px wide window this element extends to {width} px, so the page ({page} px wide) "
              "has to be scrolled sideways to read it.",
        "hi": "320 CSS px चौड़ी विंडो में यह तत्व {width} px तक फैलता है, इसलिए पृष्ठ ({page} px चौड़ा) पढ़ने "
              "के लिए दाएँ-बाएँ स्क्रॉल करना पड़ता है।",
    }},
)
def content_does_not_reflow(doc):
    """Content that does not reflow into a 320 CSS px wide window and forces horizontal scrolling.

    What it checks:
        The page is laid out in a 320 CSS px wide viewport (what a 1280 px desktop window shows at 400% zoom).
        If the page then scrolls sideways, the outermost elements that stick out past the right edge are
        reported. Content that needs two dimensions (data tables, images, maps, video, code, `pre`) and
        anything inside a container that scrolls or clips on its own are exempt, as WCAG allows.
    Why it matters:
        People with low vision zoom to 400% and read in one column. If lines run off the screen they must
        scroll back and forth for every line, which makes long notices and tender documents unreadable.
    Example:
        <div style="width: 960px">Tender notice ...</div>
    Use instead:
        <div style="max-width: 960px">Tender notice ...</div>
    References:
        - WCAG 2.2 SC 1.4.10 Reflow: https://www.w3.org/WAI/WCAG22/Understanding/reflow
        - GIGW 3.0 guideline 5.2.17 (reflow) and 5.1.15 (responsive design)
        - WCAG failure F102 (content that needs two-dimensional scrolling at 320 px)
    """
    _browser_only("BRW001")


@page_rule(
    code="BRW002", name="text-clipped-when-zoomed", impact="serious", engine="axe", wcag=("1.4.4",),
    gigw=("GIGW-5.2.15",),
    messages={
        "vertical": {
            "en": "At 200% zoom the text in this element is cut off at its bottom edge (it has a fixed height "
                  "and overflow: hidden).",
            "hi": "200% ज़ूम पर इस तत्व का पाठ नीचे से कट जाता है (इसकी ऊँचाई तय है और overflow: hidden है)।",
        },
        "horizontal": {
            "en": "At 200% zoom the text in this element is cut off at its side edge without an ellipsis (it has "
                  "a fixed width and overflow: hidden).",
            "hi": "200% ज़ूम पर इस तत्व का पाठ किनारे से बिना \"…\" के कट जाता है (इसकी चौड़ाई तय है और "
                  "overflow: hidden है)।",
        },
    },
)
def text_clipped_when_zoomed(doc):
    """Text cut off by a fixed-size box with hidden overflow when the page is zoomed to 200%.

    What it checks:
        The page is laid out in a 640 by 512 CSS px viewport, which is what a 1280 by 1024 window shows at
        200% zoom. Text inside an element with `overflow: hidden` (or `clip`) is reported when a line of it is
        cut through by the element's edge: part of a line shows and part does not. Text clipped sideways with
        `text-overflow: ellipsis` is accepted, as are boxes that show whole lines only, boxes that scroll, and
        visually-hidden text (the 1 px "screen reader only" pattern).
    Why it matters:
        Readers who enlarge text lose the words that no longer fit; a cut line gives no hint that more was
        there. Fixed heights on notice boxes and buttons are the usual cause.
    Example:
        <div style="height: 1.5em; overflow: hidden">Applications close on 30 November; late entries ...</div>
    Use instead:
        <div style="min-height: 1.5em">Applications close on 30 November; late entries ...</div>
    References:
        - WCAG 2.2 SC 1.4.4 Resize Text: https://www.w3.org/WAI/WCAG22/Understanding/resize-text
        - GIGW 3.0 guideline 5.2.15 (text resizable to 200%)
        - ACT rule 59br37 (zoomed text node is not clipped with CSS overflow)
    """
    _browser_only("BRW002")


@page_rule(
    code="BRW003", name="focus-not-visible", impact="serious", engine="axe", wcag=("2.4.7",),
    gigw=("GIGW-5.2.33",),
    messages={"default": {
        "en": "Nothing on the page changes when this element receives keyboard focus, so keyboard users cannot "
              "see where they are.",
        "hi": "इस तत्व पर कीबोर्ड फ़ोकस आने पर पृष्ठ पर कुछ नहीं बदलता, इसलिए कीबोर्ड उपयोगकर्ता नहीं देख पाते कि "
              "वे कहाँ हैं।",
    }},
)
def focus_not_visible(doc):
    """Elements in the tab order that show no focus indicator when reached with the Tab key.

    What it checks:
        Kasauti presses Tab through the page (the first 150 stops) and compares each element's look when it
        has focus with its look before: outline, border, box shadow, background, colour, text decoration and
        the same on its pseudo-elements, its first descendants and three ancestors. A change made by a script
        near the element (a class toggled on a parent or neighbour) also counts. An element whose focus
        changes none of these is reported. Stops that look alike before focus and share their tag, id, class,
        style and parent's class (the links of one menu) are measured once and share the verdict.
    Why it matters:
        Keyboard users, and people who cannot use a mouse, must see which link or button will act when they
        press Enter. `outline: none` without a replacement leaves them guessing.
    Example:
        <style>a:focus { outline: none }</style>
        <a href="/schemes/">Schemes</a>
    Use instead:
        <style>a:focus-visible { outline: 3px solid #1d3f8f; outline-offset: 2px }</style>
        <a href="/schemes/">Schemes</a>
    References:
        - WCAG 2.2 SC 2.4.7 Focus Visible: https://www.w3.org/WAI/WCAG22/Understanding/focus-visible
        - GIGW 3.0 guideline 5.2.33 (focus visible)
        - ACT rule oj04fd (element in sequential focus order has visible focus)
    """
    _browser_only("BRW003")


@page_rule(
    code="BRW004", name="keyboard-trap", impact="critical", engine="axe", wcag=("2.1.2",),
    gigw=("GIGW-5.2.22",),
    messages={
        "default": {
            "en": "Keyboard focus is trapped among {count} element(s): neither Tab nor Shift+Tab leaves them, and "
                  "the page names no key that does.",
            "hi": "कीबोर्ड फ़ोकस {count} तत्व(ों) में फँस जाता है: Tab या Shift+Tab से बाहर नहीं निकलता, और पृष्ठ "
                  "बाहर निकलने की कोई कुंजी नहीं बताता।",
        },
        "documented-escape": {
            "en": "Keyboard focus is held among {count} element(s); the key the page names ({keys}) does release "
                  "it. Check that the instruction is visible before the user enters the trap.",
            "hi": "कीबोर्ड फ़ोकस {count} तत्व(ों) में रुकता है; पृष्ठ पर बताई कुंजी ({keys}) से बाहर निकलता है। "
                  "जाँचें कि यह निर्देश फँसने से पहले दिखाई देता है।",
        },
    },
)
def keyboard_trap(doc):
    """Keyboard focus that cannot leave a part of the page (a keyboard trap).

    What it checks:
        When a Tab walk shows scripts pulling focus back (a `focus()` call from a blur handler) or Tab key
        presses being cancelled, Kasauti walks again one Tab at a time, giving scripts time to react. If focus
        keeps cycling among some elements and neither Tab nor Shift+Tab leaves them, it tries the keys the page
        names in its text ("Press Ctrl+M to exit"), also after activating same-page help links inside the trap,
        and Escape. A trap with no working way out is a violation; one with a documented way out needs review.
    Why it matters:
        A keyboard user caught in a trap cannot reach the rest of the page at all, and may have to close the
        browser. It is one of the few failures WCAG says makes a whole page non-conforming.
    Example:
        <button onblur="setTimeout(() => this.focus(), 10)">Subscribe</button>
    Use instead:
        <button>Subscribe</button>
        <!-- dialogs that hold focus must close on Escape and say so -->
    References:
        - WCAG 2.2 SC 2.1.2 No Keyboard Trap: https://www.w3.org/WAI/WCAG22/Understanding/no-keyboard-trap
        - GIGW 3.0 guideline 5.2.22 (no keyboard trap)
        - ACT rule 80af7b (focusable element has no keyboard trap)
    """
    _browser_only("BRW004")


@page_rule(
    code="BRW005", name="orientation-locked", impact="serious", engine="axe", wcag=("1.3.4",),
    gigw=("GIGW-5.2.10", "GIGW-5.1.15"),
    messages={"default": {
        "en": "A CSS orientation media query turns this element by {degrees} degrees in one orientation, so the "
              "page shows sideways unless the device is held one way.",
        "hi": "एक CSS orientation मीडिया क्वेरी इस तत्व को एक अभिविन्यास में {degrees} डिग्री घुमा देती है, इसलिए "
              "डिवाइस को एक ही तरह पकड़े बिना पृष्ठ टेढ़ा दिखता है।",
    }},
)
def orientation_locked(doc):
    """Content that CSS rotates by a quarter turn in one orientation, locking the page to the other one.

    What it checks:
        When the page's style sheets contain `@media (orientation: ...)` rules that set `transform` or
        `rotate`, the elements they style (and `html` and `body`) are measured in a landscape viewport
        (640 by 512 CSS px) and a portrait one (512 by 640). An element whose rotation differs by 90 or 270
        degrees between the two is reported: the page turns its content so that it reads one way up only.
        Rotations that are the same in both orientations, or a full turn, are not a lock.
    Why it matters:
        People who mount a tablet or phone on a wheelchair, or cannot turn it, must be able to read the page
        the way their device is held. A page that rotates itself back forces them to read sideways.
    Example:
        <style>@media (orientation: portrait) { html { transform: rotate(90deg) } }</style>
    Use instead:
        <style>@media (orientation: portrait) { .gallery { grid-template-columns: 1fr } }</style>
    References:
        - WCAG 2.2 SC 1.3.4 Orientation: https://www.w3.org/WAI/WCAG22/Understanding/orientation
        - GIGW 3.0 guideline 5.2.10 (orientation) and 5.1.15 (responsive design)
        - ACT rule b33eff (orientation of the page is not restricted using CSS transforms)
    """
    _browser_only("BRW005")


@page_rule(
    code="BRW006", name="text-contrast-over-background", impact="serious", engine="axe", wcag=("1.4.3",),
    gigw=("GIGW-5.2.14",),
    messages={"default": {
        "en": "Text over a background image or gradient reaches a contrast of only {ratio}:1 for some of its "
              "characters, against any part of the background behind them; {required}:1 is needed.",
        "hi": "पृष्ठभूमि चित्र या ग्रेडिएंट पर लिखे पाठ के कुछ अक्षरों का कंट्रास्ट, उनके पीछे की पृष्ठभूमि के किसी भी "
              "हिस्से से, केवल {ratio}:1 है; {required}:1 आवश्यक है।",
    }},
)
def text_contrast_over_background(doc):
    """Text on a background image or gradient whose contrast is too low everywhere behind some character.

    What it checks:
        axe-core cannot compute the contrast of text drawn over a background image or a gradient and leaves
        it for review. Kasauti makes the text transparent, takes a screenshot of what is behind it, and
        measures each character against every pixel under it, keeping the highest contrast (as ACT rule
        afw4f7 does). A character that stays below 4.5:1 (3:1 for large text) against all of them is a
        violation. When every character reaches the ratio, axe's review item is dropped as resolved; text
        with a shadow, in a translucent element or in a frame stays for review.
    Why it matters:
        Banner photographs and decorative gradients on ministry home pages often carry the most important
        notices. Grey or white text on a busy photo cannot be read by people with low vision or on a phone
        in sunlight.
    Example:
        <p style="color: #aaa; background: linear-gradient(to right, #fff, #00f)">Last date: 30 November</p>
    Use instead:
        <p style="color: #fff; background: linear-gradient(to right, #1d3f8f, #000)">Last date: 30 November</p>
    References:
        - WCAG 2.2 SC 1.4.3 Contrast (Minimum): https://www.w3.org/WAI/WCAG22/Understanding/contrast-minimum
        - GIGW 3.0 guideline 5.2.14 (contrast)
        - ACT rule afw4f7 (text has minimum contrast)
    """
    _browser_only("BRW006")


@page_rule(
    code="BRW007", name="browser-audit-incomplete", impact="moderate", engine="axe", gigw=("GIGW-5.1.13",),
    messages={"default": {
        "en": "The {engine} engine could not audit this page ({error}), so its browser checks did not run; "
              "check the page by hand or audit it again.",
        "hi": "{engine} इंजन इस पृष्ठ की जाँच नहीं कर सका ({error}), इसलिए इसकी ब्राउज़र जाँचें नहीं हुईं; पृष्ठ को "
              "स्वयं जाँचें या फिर से ऑडिट करें।",
    }},
)
def browser_audit_incomplete(doc):
    """A page that axe-core or Lighthouse could not audit: recorded for review, never silently skipped.

    What it checks:
        Nothing in the page itself. When the browser engines are on and a page times out in Chromium, crashes
        the browser, answers with an error to the browser, or makes Lighthouse fail, the page gets this
        needs-review finding naming the engine and the error (`timeout`, `browser-crashed`, `page-error`,
        `engine-error` for a failure of Kasauti's own checks, Lighthouse's `page: CODE`, ...). The
        static rules' results for the page stand; only the browser's checks are missing.
    Why it matters:
        A report that lists no axe violations for a page axe never saw would overstate the site. With
        `--fail-on-review` the gate fails until every page has been audited in full. A page that hangs or
        crashes a current Chromium is also evidence against GIGW 3.0 guideline 5.1.13 (the site works in the
        common browsers), which is why the finding is filed under it.
    Example:
        A page whose script loops forever: the axe engine stops it after its page timeout.
    Use instead:
        Fix the page (or raise `[axe] page_timeout`) and audit again.
    References:
        - WCAG-EM 1.0, step 5 (report the evaluation findings, including what could not be evaluated)
        - GIGW 3.0 guideline 5.1.13 (tested on multiple browsers)
    """
    _browser_only("BRW007")
