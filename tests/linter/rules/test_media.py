"""Media rules: review outcomes for players and tickers the page may control."""
from __future__ import annotations

from .wcag_helpers import outcomes, page


def test_embedded_player_autoplaying_with_sound_is_reviewed():
    html = page('<iframe title="Video" src="https://www.youtube-nocookie.com/embed/x?autoplay=1"></iframe>')
    assert outcomes("MED001", html) == [("needs-review", "embed")]
    muted = html.replace("autoplay=1", "autoplay=1&amp;mute=1")
    assert outcomes("MED001", muted) == []


def test_marquee_with_a_pause_control_is_reviewed():
    html = page('<marquee id="t">News</marquee><button onclick="document.getElementById(\'t\').stop()">Pause'
                "</button>")
    assert outcomes("MED002", html) == [("needs-review", "review")]


def test_video_that_may_have_no_sound_is_reviewed():
    assert outcomes("MED003", page('<video src="a.mp4"></video>')) == [("needs-review", "review")]
    assert outcomes("MED003", page('<video src="a.mp4" muted autoplay loop></video>')) == []
