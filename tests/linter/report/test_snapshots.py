"""Snapshot of every format on the fixed sample result (review changes with `pytest --snapshot-update`).

Snapshots are stored one file per format under __snapshots__/ so a diff reads like the report itself.
"""
from __future__ import annotations

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension

from kasauti.linter.report import render_csv, render_html, render_json, render_junit, render_sarif, render_terminal

from .conftest import CATALOGUE


def _extension(suffix: str) -> type[SingleFileSnapshotExtension]:
    # bytes, not text mode: CSV's CRLF line ends and every other byte must match exactly
    return type(f"Snapshot_{suffix}", (SingleFileSnapshotExtension,), {"file_extension": suffix})


# The fixed rule catalogue, not the registry: snapshots change when a renderer changes, not when a rule's
# wording does.
CASES = {
    "terminal": (lambda r: render_terminal(r, color=False, width=100, rules=CATALOGUE), "txt"),
    "terminal_hi": (lambda r: render_terminal(r, color=False, width=100, locale="hi", rules=CATALOGUE), "txt"),
    "json": (render_json, "json"),
    "html": (lambda r: render_html(r, rules=CATALOGUE), "html"),
    "html_hi": (lambda r: render_html(r, locale="hi", rules=CATALOGUE), "html"),
    "sarif": (lambda r: render_sarif(r, source_map={"https://jalshakti.example.gov.in/": "site/index.html"},
                                     rules=CATALOGUE), "sarif"),
    "junit": (lambda r: render_junit(r, rules=CATALOGUE), "xml"),
    "csv": (render_csv, "csv"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_report_snapshot(result, snapshot, name):
    render, suffix = CASES[name]
    assert render(result).encode("utf-8") == snapshot(extension_class=_extension(suffix))
