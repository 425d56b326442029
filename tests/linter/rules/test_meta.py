"""Meta rules: the Refresh response header and parsing edge cases."""
from __future__ import annotations

import pytest

from kasauti.linter.rules.meta import _refresh

from .wcag_helpers import outcomes, page


def test_refresh_header_counts_like_the_meta_tag():
    html = page("<main><h1>Home</h1></main>")
    assert outcomes("META001", html, headers={"refresh": "120"}) == [("violation", "reload")]
    assert outcomes("META001", html, headers={"refresh": "0; url=/new/"}) == []


@pytest.mark.parametrize("content,expected", [
    ("300", (300, "")), ("5; url=/new/", (5, "/new/")), ("5;URL='/new/'", (5, "/new/")),
    ("5, url=/x", (5, "/x")), ("3.9; url=/x", (3, "/x")), (" 0 ", (0, "")), ("soon", None), ("", None),
])
def test_refresh_content_parsing(content, expected):
    assert _refresh(content) == expected


def test_zoom_settings_that_allow_zoom_pass():
    html = page("", head='<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=5">')
    assert outcomes("META002", html) == []
    html = page("", head='<meta name="viewport" content="user-scalable=yes, maximum-scale=0.9">')
    assert outcomes("META002", html) == [("violation", "maximum")]
