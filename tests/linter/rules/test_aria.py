"""ARIA rules: review outcomes, value types, and agreement with the WAI-ARIA tables."""
from __future__ import annotations

import pytest

from kasauti.linter.rules._aria import ABSTRACT_ROLES, ATTRIBUTES, CONCRETE_ROLES, value_is_valid

from .wcag_helpers import outcomes, page


def test_css_hidden_component_is_reviewed_not_failed():
    html = page('<div class="modal fade" aria-hidden="true"><button type="button">Close</button></div>')
    assert outcomes("ARIA003", html) == [("needs-review", "review")]


def test_partly_missing_or_script_created_references_are_reviewed():
    html = page('<span id="a">Name</span><input aria-labelledby="a b">'
                '<button aria-controls="menu-1" aria-expanded="false">Menu</button>'
                '<div role="listbox" tabindex="0" aria-label="x" aria-activedescendant="opt-9"></div>')
    assert [o for o, _ in outcomes("ARIA005", html)] == ["needs-review"] * 3


def test_describedby_with_every_id_missing_is_a_violation():
    html = page('<input aria-label="PIN" aria-describedby="pin-help">')
    assert outcomes("ARIA005", html) == [("violation", "description")]


def test_misspelt_attribute_gets_a_suggestion():
    html = page('<input aria-labeledby="x"><span id="x">Date</span>')
    assert outcomes("ARIA002", html) == [("violation", "typo")]


@pytest.mark.parametrize("attr,value,valid", [
    ("aria-expanded", "True", True), ("aria-expanded", "yes", False), ("aria-checked", "mixed", True),
    ("aria-level", "+2", True), ("aria-level", "2.5", False), ("aria-valuenow", "-.5", True),
    ("aria-valuenow", "1e3", True), ("aria-valuenow", "ten", False), ("aria-relevant", "additions  text", True),
    ("aria-relevant", "additions changes", False), ("aria-live", "", True), ("aria-label", "anything", True),
])
def test_value_types(attr, value, valid):
    assert value_is_valid(attr, value) is valid


def test_role_and_attribute_tables_are_disjoint_and_complete_for_aria_1_2():
    assert not ABSTRACT_ROLES & CONCRETE_ROLES
    for role in ("button", "navigation", "tabpanel", "treegrid", "switch", "doc-toc", "graphics-symbol"):
        assert role in CONCRETE_ROLES
    for attr in ("aria-labelledby", "aria-describedby", "aria-errormessage", "aria-rowindextext", "aria-modal"):
        assert attr in ATTRIBUTES
