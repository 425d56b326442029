"""The terminal report: readable without colour in a CI log, explicit about the gate, immune to markup."""
from __future__ import annotations

from dataclasses import replace

from kasauti.linter.report import render_terminal

from .conftest import CATALOGUE


def test_plain_text_report_for_ci_logs(result):
    text = render_terminal(result, color=False, width=100)
    assert "\x1b" not in text
    assert all(len(line) <= 100 for line in text.splitlines())
    assert "Site score: 46.5 / 100" in text
    assert "Violations: 11 (Critical 3, Serious 7, Moderate 1, Minor 0)   Needs review: 2" in text
    for heading in ("GIGW 3.0 sections", "WCAG 2.2 success criteria", "Rules with the most violations",
                    "Pages with the lowest scores"):
        assert heading in text
    assert "5.2 Accessibility" in text and "All sections" in text
    assert "not audited: timeout" in text
    assert "IMG001 image-missing-alt (Critical, 3)" in text


def test_gate_failure_says_exactly_why(result):
    text = render_terminal(result)
    tail = text[text.index("CI gate: FAILED"):]
    for reason in result.gate["reasons"]:
        assert reason.split(" (rules")[0] in tail
    result.gate = {"passed": True, "reasons": []}
    assert "CI gate: PASSED" in render_terminal(result)
    result.gate = None
    assert "CI gate" not in render_terminal(result)


def test_colour_only_when_asked(result):
    coloured = render_terminal(result, color=True)
    assert "\x1b[" in coloured
    assert "Site score" in coloured


def test_page_text_is_neither_markup_nor_terminal_control(result):
    result.findings[0] = replace(result.findings[0], message="[bold red]fake[/] \x1b[2J\x1b]0;pwned\x07 done",
                                 url="https://jalshakti.example.gov.in/")
    text = render_terminal(result, color=True)
    assert "[bold red]fake[/]" in text  # shown literally, not interpreted by rich
    assert "\x1b[2J" not in text and "\x1b]0" not in text and "\x07" not in text


def test_findings_list_is_capped(result):
    text = render_terminal(result, max_findings=2)
    assert "… and 9 more (see the JSON or HTML report)" in text


def test_hindi_headings_and_messages(result):
    text = render_terminal(result, locale="hi", rules=CATALOGUE)
    assert "साइट स्कोर: 46.5 / 100" in text
    assert "GIGW 3.0 खंड" in text and "5.2 सुगम्यता" in text
    assert "छवि का कोई पाठ विकल्प नहीं है" in text  # IMG001 re-rendered from its catalogue
    assert "CI गेट: विफल" in text


def _gated(result, comparison=None, **options):
    from kasauti.linter.gate import GateOptions, evaluate

    result.gate = evaluate(result, GateOptions(**options), comparison)
    return result


def test_gate_reasons_in_hindi(result):
    text = render_terminal(_gated(result, fail_on="serious", fail_under=90, fail_under_gigw=100), locale="hi",
                           rules=CATALOGUE)
    tail = text[text.index("CI गेट: विफल"):]
    assert "साइट स्कोर 46.5 --fail-under 90 से कम है" in tail
    assert "serious या अधिक गंभीर प्रभाव के 10 उल्लंघन" in tail
    assert "GIGW 3.0 स्कोर" in tail and "--fail-under-gigw 100 से कम है" in tail
    assert "site score" not in tail  # no English sentence left over
    english = render_terminal(result)
    assert "site score 46.5 is below --fail-under 90" in english


def test_baseline_marks_new_and_known_and_lists_fixed(result):
    from kasauti.linter.baseline import BaselineEntry, compare

    violations = [f for f in result.findings if f.outcome == "violation"]
    entries = [BaselineEntry(violations[0].fingerprint, violations[0].rule, "/", violations[0].message),
               BaselineEntry("gone0000gone0000", "LNK002", "/old-page", "Link text says nothing: 'click here'")]
    text = render_terminal(_gated(result, compare(result.findings, entries), fail_on="minor"))
    assert f"{len(violations) - 1} new violation(s) (not in the baseline), 1 known" in text
    assert "1 fixed" in text and "- LNK002 /old-page: Link text says nothing: 'click here'" in text
    assert "[in baseline]" in text and "[new]" in text
    hindi = render_terminal(result, locale="hi", rules=CATALOGUE)
    assert "बेसलाइन" in hindi and "[नया]" in hindi
