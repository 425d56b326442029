"""CSV: a header row, stable columns, one row per finding, and no formulas for spreadsheets to run."""
from __future__ import annotations

import csv
import io

from kasauti.linter.report import render_csv
from kasauti.linter.report.csv_report import COLUMNS, defuse


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_header_columns_and_rows(result):
    parsed = rows(render_csv(result))
    assert parsed[0] == ["rule", "name", "outcome", "impact", "scope", "url", "selector", "message", "wcag", "gigw",
                         "engine", "fingerprint"] == list(COLUMNS)
    assert len(parsed) == 1 + len(result.findings)
    by_fp = {r[-1]: dict(zip(COLUMNS, r)) for r in parsed[1:]}
    link = by_fp["a1b2c3d4e5f60011"]
    assert link["wcag"] == "2.4.4;4.1.2" and link["gigw"] == "GIGW-5.2.24"
    region = by_fp["a1b2c3d4e5f60007"]
    assert region["message"] == "पृष्ठ की सारी सामग्री लैंडमार्क के भीतर होनी चाहिए"


def test_cells_never_start_a_formula(result):
    for row in rows(render_csv(result))[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert defuse('=HYPERLINK("http://evil.example")') == '\'=HYPERLINK("http://evil.example")'
    assert defuse("@SUM(A1)") == "'@SUM(A1)" and defuse("-1+2") == "'-1+2" and defuse("+91") == "'+91"
    assert defuse("plain = text") == "plain = text"


def test_formula_in_a_message_is_defused(result):
    from dataclasses import replace

    result.findings[0] = replace(result.findings[0], message='=cmd|"/c calc"!A1', selector="@x")
    parsed = rows(render_csv(result))
    cells = {c for r in parsed for c in r}
    assert '\'=cmd|"/c calc"!A1' in cells and "'@x" in cells
