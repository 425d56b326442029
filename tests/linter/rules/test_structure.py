"""Structure rules: bypass mechanisms that each satisfy WCAG 2.4.1 on their own."""
from __future__ import annotations

import pytest

from .wcag_helpers import outcomes, page

MENU = '<div class="menu"><a href="/">Home</a> <a href="/about/">About</a> <a href="/rti/">RTI</a></div>'


@pytest.mark.parametrize("body", [
    MENU + "<main><p>Content</p></main>",
    MENU + "<div><h2>Tenders</h2><p>Content</p></div>",
    '<a href="#c">Skip to main content</a>' + MENU + '<div id="c"><p>Content</p></div>',
    '<a href="#c">मुख्य सामग्री पर जाएं</a>' + MENU + '<div><a name="c"></a><p>Content</p></div>',
    '<div role="main">' + MENU + "</div>",
])
def test_any_one_bypass_mechanism_suffices(body):
    assert outcomes("STR001", page(body)) == []


def test_page_without_any_mechanism_fails_and_tiny_pages_are_skipped():
    assert outcomes("STR001", page(MENU + "<div><b>Tenders</b></div>")) == [("violation", "default")]
    assert outcomes("STR001", page('<p>Moved. <a href="/new/">Go to the new page</a></p>')) == []


def test_redirect_stub_needs_no_main_landmark():
    stub = page("<p>Redirecting...</p>", head='<meta http-equiv="refresh" content="0; url=/en/">')
    assert outcomes("STR002", stub) == []
    assert outcomes("STR002", page("<p>Content</p>")) == [("violation", "default")]
