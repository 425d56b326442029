"""CSV: one row per finding, for spreadsheets and ticket imports.

The column order is part of the contract. Multi-valued cells (WCAG, GIGW ids) are joined with ";". A cell
that starts with = + - @ (or a tab or carriage return) is prefixed with a single quote, so a spreadsheet shows
page text instead of running it as a formula (CSV injection).
"""
from __future__ import annotations

import csv
import io
from typing import Any

from ..model import Finding, SiteResult
from ..scoring import finding_sort_key

COLUMNS = ("rule", "name", "outcome", "impact", "scope", "url", "selector", "message", "wcag", "gigw", "engine",
           "fingerprint")
MULTI_SEPARATOR = ";"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(cell: str) -> str:
    """The cell as a spreadsheet must show it: never a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _row(finding: Finding) -> list[str]:
    cells = []
    for column in COLUMNS:
        value = getattr(finding, column)
        if isinstance(value, tuple):
            value = MULTI_SEPARATOR.join(value)
        cells.append(defuse(str(value)))
    return cells


def render_csv(result: SiteResult, **_: Any) -> str:
    """The CSV report (header row, then findings in the JSON report's order; CRLF line ends per RFC 4180)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for finding in sorted(result.findings, key=finding_sort_key):
        writer.writerow(_row(finding))
    return buffer.getvalue()
