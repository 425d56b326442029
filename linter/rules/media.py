"""Audio, video and moving content (WCAG 1.4.2, 2.2.2, 1.2.2; GIGW 5.2.13, 5.2.25, 5.2.3)."""
from __future__ import annotations

import re

from ._aria import not_rendered, page_index
from .registry import Violation, page_rule

_AUDIO_FILE = re.compile(r"\.(mp3|wav|mid|midi|ogg|oga|m4a|aac|wma)(\?|#|$)", re.I)
_AUTOPLAY_PARAM = re.compile(r"[?&]autoplay=(1|true)\b", re.I)
_MUTE_PARAM = re.compile(r"[?&](mute|muted)=(1|true)\b", re.I)


def _on(el, attr: str) -> bool:
    value = el.get(attr)
    return value is not None and value.strip().lower() not in ("false", "0", "no", "off")


@page_rule(
    code="MED001", name="media-autoplay-audio", impact="serious", wcag=("1.4.2",), gigw=("GIGW-5.2.13",),
    messages={
        "default": {
            "en": "<{tag}> starts playing sound by itself and offers no control to stop it; remove autoplay, "
                  "start it muted, or show the player's controls.",
            "hi": "<{tag}> अपने आप ध्वनि चलाना शुरू कर देता है और उसे रोकने का कोई नियंत्रण नहीं है; autoplay हटाएँ, "
                  "इसे म्यूट करके शुरू करें, या प्लेयर के नियंत्रण दिखाएँ।",
        },
        "embed": {
            "en": "The embedded player is asked to autoplay with sound; check that it can be paused, or start it "
                  "muted (mute=1).",
            "hi": "एम्बेड किए गए प्लेयर को ध्वनि के साथ अपने आप चलने को कहा गया है; जाँचें कि उसे रोका जा सकता है, या "
                  "उसे म्यूट करके (mute=1) शुरू करें।",
        },
    },
)
def media_autoplay_audio(doc):
    """Sound that starts by itself with no way to stop it.

    What it checks:
        `<audio autoplay>` and `<video autoplay>` that are not `muted` have `controls`; `<bgsound>` is never
        used; `<embed>`/`<object>` of an audio file are not set to start automatically. Embedded players
        (`<iframe>`) asked to autoplay without muting are reported for review.
    Why it matters:
        Sound that starts on its own talks over the screen reader, so a blind visitor cannot hear the page
        well enough to find the control that stops it. A national anthem or a speech playing on the home
        page is the usual case.
    Example:
        <audio src="/media/welcome-message.mp3" autoplay></audio>
        <bgsound src="anthem.mid">
    Use instead:
        <audio src="/media/welcome-message.mp3" controls></audio>
    References:
        - WCAG 2.2 SC 1.4.2 Audio Control; failure F23
        - ACT rule 80f0bf (audio or video avoids automatically playing audio)
        - GIGW 3.0 guideline 5.2.13
    """
    for el in doc.all("audio", "video", "bgsound", "embed", "object", "iframe"):
        if el.tag == "iframe" and not_rendered(el):
            continue  # a frame that is not rendered does not load; hidden <audio> and plugins still play
        if any(anc.tag in ("template", "noscript") for anc in el.iterancestors()):
            continue
        tag = el.tag
        if tag in ("audio", "video"):
            if el.get("autoplay") is not None and el.get("muted") is None and el.get("controls") is None:
                yield Violation(el, params={"tag": tag})
        elif tag == "bgsound":
            yield Violation(el, params={"tag": tag})
        elif tag in ("embed", "object"):
            source = el.get("src") or el.get("data") or ""
            params_on = any((p.get("name") or "").strip().lower() in ("autostart", "autoplay") and _on(p, "value")
                            for p in el if p.tag == "param")
            if _AUDIO_FILE.search(source) and (_on(el, "autostart") or _on(el, "autoplay") or params_on):
                yield Violation(el, params={"tag": tag})
        else:
            source = el.get("src") or ""
            if _AUTOPLAY_PARAM.search(source) and not _MUTE_PARAM.search(source):
                yield Violation(el, "embed", outcome="needs-review")


def _pause_control_for(doc, marquee) -> bool:
    """Some script on the page calls stop() on this marquee by its id (a pause button)."""
    ident = marquee.get("id")
    if not ident:
        return False
    for el in page_index(doc).with_onclick:
        code = el.get("onclick") or ""
        if ident in code and "stop" in code:
            return True
    for script in doc.all("script"):
        code = script.text or ""
        if ident in code and ".stop()" in code:
            return True
    return False


@page_rule(
    code="MED002", name="marquee-or-blink", impact="serious", wcag=("2.2.2",), gigw=("GIGW-5.2.25",),
    messages={
        "default": {
            "en": "<{tag}> moves or blinks with no way to pause it; replace it with a static list of the latest "
                  "items (or a ticker with a visible pause button).",
            "hi": "<{tag}> बिना रोकने के विकल्प के चलता या टिमटिमाता है; इसकी जगह नवीनतम सूचनाओं की स्थिर सूची दें "
                  "(या दिखने वाले विराम बटन वाला टिकर)।",
        },
        "review": {
            "en": "<{tag}> moves, but a control on the page seems to stop it; check that it can be paused from the "
                  "keyboard and that the control is labelled.",
            "hi": "<{tag}> चलता है, पर पृष्ठ पर कोई नियंत्रण इसे रोकता प्रतीत होता है; जाँचें कि इसे कीबोर्ड से रोका जा "
                  "सकता है और नियंत्रण का नाम है।",
        },
    },
)
def marquee_or_blink(doc):
    """Scrolling `<marquee>` and blinking `<blink>` text.

    What it checks:
        The page has no rendered `<marquee>` (unless it does not move: `scrollamount="0"`) and no `<blink>`. A
        marquee that a control on the page stops (an `onclick` or script calling `.stop()` on its id) is
        reported for review; pausing only on mouse hover does not count, because keyboard users cannot hover.
    Why it matters:
        Moving text cannot be read by many people with low vision, dyslexia or attention disorders, and it
        pulls attention away from everything else on the page. "What's new" marquees are among the most
        common defects on Indian government home pages, and `<marquee>` is obsolete HTML.
    Example:
        <marquee onmouseover="this.stop()" onmouseout="this.start()">Recruitment notice 2026 ...</marquee>
    Use instead:
        <section aria-labelledby="whats-new"><h2 id="whats-new">What's new</h2>
          <ul><li><a href="/recruitment/2026/">Recruitment notice 2026</a></li></ul></section>
    References:
        - WCAG 2.2 SC 2.2.2 Pause, Stop, Hide; failures F16 and F47
        - GIGW 3.0 guideline 5.2.25 (moving, blinking or scrolling content can be paused)
    """
    for el in doc.all("marquee", "blink"):
        if not_rendered(el):
            continue
        if el.tag == "marquee" and (el.get("scrollamount") or "").strip() == "0":
            continue
        if el.tag == "marquee" and _pause_control_for(doc, el):
            yield Violation(el, "review", {"tag": el.tag}, outcome="needs-review")
        else:
            yield Violation(el, params={"tag": el.tag})


def _has_caption_track(video) -> bool:
    for track in video.iter("track"):
        kind = (track.get("kind") or "subtitles").strip().lower()
        if kind in ("captions", "subtitles") and (track.get("src") or "").strip():
            return True
    return False


@page_rule(
    code="MED003", name="video-missing-captions", impact="critical", wcag=("1.2.2",), gigw=("GIGW-5.2.3",),
    messages={
        "default": {
            "en": "Video has no captions track; add <track kind=\"captions\" srclang=\"...\" src=\"...vtt\"> (in "
                  "English and Hindi where the video is bilingual).",
            "hi": "वीडियो में कैप्शन ट्रैक नहीं है; <track kind=\"captions\" srclang=\"...\" src=\"...vtt\"> जोड़ें "
                  "(द्विभाषी वीडियो हो तो अंग्रेज़ी और हिंदी दोनों में)।",
        },
        "review": {
            "en": "Video has no captions track; if it has sound (speech or meaningful audio), add captions.",
            "hi": "वीडियो में कैप्शन ट्रैक नहीं है; यदि इसमें ध्वनि (वाणी या अर्थपूर्ण ऑडियो) है तो कैप्शन जोड़ें।",
        },
    },
)
def video_missing_captions(doc):
    """Videos without a captions track.

    What it checks:
        Every rendered `<video>` that shows its `controls` and does not start `muted` has a `<track>` of kind
        `captions` or `subtitles` with a `src`. Videos without controls (players driven by script) or that
        start muted may have no sound, so they are reported for review; captions burned into the picture
        also satisfy the requirement and need a human to confirm. Embedded players (YouTube) are checked in
        the browser, not here.
    Why it matters:
        Deaf and hard-of-hearing visitors follow a minister's address, a scheme explainer or a press briefing
        only through captions. Captions also help everyone watching without sound.
    Example:
        <video src="/media/jal-jeevan-explainer.mp4" controls></video>
    Use instead:
        <video src="/media/jal-jeevan-explainer.mp4" controls>
          <track kind="captions" srclang="hi" src="/media/jal-jeevan-explainer.hi.vtt" label="हिन्दी">
          <track kind="captions" srclang="en" src="/media/jal-jeevan-explainer.en.vtt" label="English">
        </video>
    References:
        - WCAG 2.2 SC 1.2.2 Captions (Prerecorded); technique H95
        - GIGW 3.0 guideline 5.2.3
    """
    for video in doc.all("video"):
        if not_rendered(video) or _has_caption_track(video):
            continue
        if video.get("muted") is not None and video.get("controls") is None:
            continue  # background video: no sound reaches the visitor
        if video.get("controls") is not None and video.get("muted") is None:
            yield Violation(video)
        else:
            yield Violation(video, "review", outcome="needs-review")
