"""Keyboard rules: what is a violation and what is left for review."""
from __future__ import annotations

from .wcag_helpers import outcomes, page


def test_click_handler_without_navigation_is_reviewed():
    assert outcomes("KBD002", page('<span onclick="window.print()">Print</span>')) == [("needs-review", "review")]


def test_navigation_to_a_target_also_linked_is_reviewed_not_failed():
    html = page('<div onclick="location.href=\'/rti/\'">RTI</div><a href="/rti/">Right to Information</a>')
    assert outcomes("KBD002", html) == [("needs-review", "review")]
    html = page('<div onclick="location.href=\'/rti/\'">RTI</div>')
    assert outcomes("KBD002", html) == [("violation", "default")]


def test_roving_tabindex_and_active_descendant_widgets_pass():
    html = page('<div role="radiogroup" aria-label="Size"><span role="radio" aria-checked="true" tabindex="0">S'
                '</span><span role="radio" aria-checked="false" tabindex="-1">M</span></div>'
                '<ul role="tree" tabindex="0" aria-label="Files"><li role="treeitem">Reports</li></ul>')
    assert outcomes("KBD003", html) == []


def test_tabindex_parsing_follows_browsers():
    html = page('<a href="/" tabindex="1">a</a><a href="/" tabindex="0">b</a><a href="/" tabindex="x1">c</a>'
                '<a href="/" tabindex="2.5">d</a>')
    assert [o for o, _ in outcomes("KBD001", html)] == ["violation", "violation"]
