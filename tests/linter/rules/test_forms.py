"""Form rules beyond the fixtures: the autofill grammar (FRM004) and the needs-review outcome of FRM005."""
from __future__ import annotations

import pytest

from kasauti.linter.engines.static import check_html
from kasauti.linter.rules import select_rules
from kasauti.linter.rules.forms import autocomplete_is_valid


@pytest.mark.parametrize("value", [
    "on", "off", "OFF", "name", "email", "Email", "shipping street-address", "section-a billing postal-code",
    "home tel", "work email webauthn", "username webauthn", "section-2 mobile tel-national", "one-time-code",
    "  given-name  ", "current-password",
])
def test_valid_autocomplete_values(value):
    assert autocomplete_is_valid(value)


@pytest.mark.parametrize("value", [
    "nope", "mobile", "tel home", "name email", "section- name", "billing", "webauthn", "home name",
    "section-a", "shipping billing name", "on off", "dob", "pincode", "email webauthn extra",
])
def test_invalid_autocomplete_values(value):
    assert not autocomplete_is_valid(value)


def test_form_element_takes_only_on_or_off():
    assert autocomplete_is_valid("off", on_form=True)
    assert not autocomplete_is_valid("email", on_form=True)


def test_unknown_change_handler_on_a_select_needs_review_and_never_fails():
    page = """<html lang="en"><body><main><h1>Progress</h1>
    <label for="y">Year</label><select id="y" onchange="updateDistricts(this)"><option>2025</option></select>
    <label for="s">State</label><select id="s" onchange="location = this.value"><option>Assam</option></select>
    <label for="v">View</label><select id="v"><option>Table</option></select>
    </main></body></html>"""
    findings = check_html(page, rules=select_rules(["FRM005"]))
    assert [(f.outcome, f.selector) for f in findings] == [("needs-review", "#y"), ("violation", "#s")]
    assert 'onchange="updateDistricts(this)"' in findings[0].message


def test_messages_name_the_control():
    page = '<html lang="hi"><body><input type="email" name="mail" placeholder="ईमेल"><input name="pin"></body></html>'
    by_rule = {f.rule: f for f in check_html(page, rules=select_rules(["FRM001", "FRM002"]), locale="hi")}
    assert '<input type="email" name="mail">' in by_rule["FRM002"].message and "ईमेल" in by_rule["FRM002"].message
    assert '<input name="pin">' in by_rule["FRM001"].message and "लेबल नहीं है" in by_rule["FRM001"].message
