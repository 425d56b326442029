"""Data tables: header cells and their associations (WCAG 1.3.1; GIGW 5.1.19, 5.2.7)."""
from __future__ import annotations

import re

from ..html import collapse, html_integer
from ._aria import PRESENTATIONAL, explicit_role, page_index
from .registry import Violation, page_rule

_SECTIONS = ("thead", "tbody", "tfoot")
_HEADER_ROLES = ("columnheader", "rowheader")
_CONTROLS = ("input", "select", "textarea", "button")
_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "nav", "form", "iframe", "table")
# Class names that table styling libraries put on data tables (Bootstrap, DataTables, NIC portal themes).
_DATA_CLASS = re.compile(r"(^|[\s_-])(table|datatable|data-table|dataTable|grid|tbl)([\s_-]|$)", re.I)
_HEADER_CLASS = re.compile(r"head|title|caption", re.I)


def _rows(table) -> list:
    """The table's own rows (rows of nested tables left out)."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _SECTIONS:
            rows.extend(r for r in child if r.tag == "tr")
    return rows


def _cells(row) -> list:
    return [c for c in row if c.tag in ("td", "th")]


def _span(cell) -> int:
    span = html_integer(cell.get("colspan"))
    return min(span, 1000) if span is not None and span > 0 else 1


def _own_table(el):
    for anc in el.iterancestors("table"):
        return anc
    return None


def _is_header_cell(cell) -> bool:
    return cell.tag == "th" and explicit_role(cell) in (None, *_HEADER_ROLES) or explicit_role(cell) in _HEADER_ROLES


def _bold_only(doc, cell) -> bool:
    """A cell whose whole text is bold: the classic header row drawn with <td><b>...</b></td>."""
    text = doc.text(cell)
    if not text:
        return False
    bold = collapse(" ".join(doc.text(b) for b in cell.iter("b", "strong")))
    return bold == text


def _built_for_layout(table, cells) -> bool:
    """Nested tables, form fields, headings or navigation inside cells: the grid positions page parts."""
    for cell in cells:
        for _ in cell.iterdescendants(*_BLOCKS, *_CONTROLS):
            return True
    return False


def _mostly_decorative(doc, cells) -> bool:
    """Cells mostly empty of text or holding nothing but links (menus, image galleries, header bars)."""
    decorative = 0
    for cell in cells:
        text = doc.text(cell)
        if not text:
            decorative += 1
        elif cell.find(".//a") is not None:
            in_links = collapse(" ".join(doc.text(a) for a in cell.iter("a")))
            decorative += in_links == text
    return decorative * 2 > len(cells)


def _long_text(doc, cells) -> bool:
    """Cells of running prose (layout columns), not data values."""
    return sum(1 for c in cells if len(doc.text(c)) > 150) * 4 > len(cells)


def _marked_as_data(doc, table, rows, cells) -> bool:
    """Markup a layout table never needs: caption/summary/thead/tfoot, cell scope/headers attributes, a border,
    data-table classes, or a bold first row standing in for headers."""
    if explicit_role(table) in ("table", "grid", "treegrid"):
        return True
    if collapse(table.get("summary")) or any(child.tag in ("caption", "thead", "tfoot") for child in table):
        return True
    if (html_integer(table.get("border")) or 0) > 0 or _DATA_CLASS.search(table.get("class") or ""):
        return True
    first = _cells(rows[0])
    if len(first) >= 2 and (all(_bold_only(doc, c) for c in first) or _HEADER_CLASS.search(rows[0].get("class") or "")):
        return True
    return any(c.get("scope") is not None or c.get("headers") is not None for c in cells)


def _is_data_table(doc, table, rows, columns, cells) -> bool | None:
    """True: a data table; False: a layout table; None: cannot tell (review)."""
    if _built_for_layout(table, cells):
        return False
    if _marked_as_data(doc, table, rows, cells):
        return True
    if _mostly_decorative(doc, cells):
        return False
    if (columns >= 5 or len(rows) >= 20) and not _long_text(doc, cells):
        return True  # the size of a real data grid, with short values in its cells
    return None


@page_rule(
    code="TBL001", name="table-missing-headers", impact="serious", wcag=("1.3.1",),
    gigw=("GIGW-5.1.19", "GIGW-5.2.7"),
    messages={
        "default": {
            "en": "Data table ({rows} rows, {columns} columns) has no header cells: mark its headings with "
                  "<th> (and scope=\"col\"/\"row\") instead of ordinary or bold cells.",
            "hi": "डेटा तालिका ({rows} पंक्तियाँ, {columns} स्तंभ) में कोई शीर्षक कोष्ठ नहीं है: शीर्षकों को साधारण या "
                  "बोल्ड कोष्ठ की जगह <th> (और scope=\"col\"/\"row\") से चिह्नित करें।",
        },
        "review": {
            "en": "Table ({rows} rows, {columns} columns) has no header cells: if it holds data, mark its headings "
                  "with <th>; if it only lays out the page, add role=\"presentation\".",
            "hi": "तालिका ({rows} पंक्तियाँ, {columns} स्तंभ) में कोई शीर्षक कोष्ठ नहीं है: यदि इसमें डेटा है तो शीर्षकों "
                  "को <th> से चिह्नित करें; यदि यह केवल पृष्ठ सजाती है तो role=\"presentation\" जोड़ें।",
        },
    },
)
def table_missing_headers(doc):
    """Data tables with no header cells.

    What it checks:
        Every visible `<table>` of at least two rows and two columns that is not marked as a layout table
        (`role="presentation"`/`role="none"`) has at least one `<th>` or `role="columnheader"`/`"rowheader"`
        cell. A violation needs data-table evidence: a caption, summary, `<thead>`, a border, a data-table
        class, a bold first row drawn with `<td><b>`, or five or more columns or twenty or more rows of short
        values. Tables that look like layout (nested tables, form fields or headings in cells, cells mostly
        empty or holding only links) are skipped, and the rest are reported for review.
    Why it matters:
        Screen readers announce the column and row headings as a visitor moves from cell to cell. Without
        `<th>`, a tender list or a budget table becomes a stream of unconnected numbers and dates.
    Example:
        <table border="1">
          <tr><td><b>Tender</b></td><td><b>Closing date</b></td></tr>
          <tr><td>Desilting of village ponds</td><td>15-12-2026</td></tr>
        </table>
    Use instead:
        <table>
          <caption>Open tenders</caption>
          <tr><th scope="col">Tender</th><th scope="col">Closing date</th></tr>
          <tr><td>Desilting of village ponds</td><td>15-12-2026</td></tr>
        </table>
    References:
        - WCAG 2.2 SC 1.3.1 Info and Relationships; techniques H51, H63; failure F91
        - GIGW 3.0 guidelines 5.1.19 (data tables carry header markup) and 5.2.7
    """
    header_roles = {el for el in page_index(doc).with_role if explicit_role(el) in _HEADER_ROLES}
    for table in doc.all("table"):
        role = explicit_role(table)
        if role in PRESENTATIONAL or (role is not None and role not in ("table", "grid", "treegrid")):
            continue
        if doc.is_hidden(table):
            continue
        rows = _rows(table)
        if len(rows) < 2:
            continue
        cells = [c for r in rows for c in _cells(r)]
        if any(c.tag == "th" or c in header_roles for c in cells):
            continue
        columns = max(sum(_span(c) for c in _cells(r)) for r in rows)
        if columns < 2:
            continue
        if header_roles and any(h in header_roles for r in rows for h in r.iter() if h is not r):
            continue  # role=columnheader on an element inside a cell (ARIA grid built on a table)
        verdict = _is_data_table(doc, table, rows, columns, cells)
        params = {"rows": len(rows), "columns": columns}
        if verdict:
            yield Violation(table, params=params)
        elif verdict is None:
            yield Violation(table, "review", params, outcome="needs-review")


def _is_corner(th, table) -> bool:
    """The top-left cell of a table with both column headers and row headers may stay empty."""
    rows = _rows(table)
    if not rows or not _cells(rows[0]) or _cells(rows[0])[0] is not th:
        return False
    return any(_cells(r) and _is_header_cell(_cells(r)[0]) for r in rows[1:])


@page_rule(
    code="TBL002", name="table-header-empty", impact="moderate", wcag=("1.3.1",), gigw=("GIGW-5.1.19",),
    messages={"default": {
        "en": "Table header cell is empty: give it text naming its column or row (it may be visually hidden).",
        "hi": "तालिका का शीर्षक कोष्ठ खाली है: इसमें उसके स्तंभ या पंक्ति का नाम लिखें (यह दृष्टि से छिपा हो सकता है)।",
    }},
)
def table_header_empty(doc):
    """Table header cells with no text.

    What it checks:
        Every visible `<th>` (and `role="columnheader"`/`"rowheader"` element) of a table that is not
        presentational has an accessible name: text, an image with alt text, `aria-label` or `title`. Header
        cells holding only a form control (a "select all" checkbox) pass. The top-left corner cell of a
        two-way table (column headers across the top, row headers down the side) may be empty.
    Why it matters:
        An empty header is announced for every cell beneath it, so a screen reader user hears nothing where
        the column's meaning should be - often the column with the download links or the actions.
    Example:
        <tr><th>Notice</th><th>Date</th><th></th></tr>
    Use instead:
        <tr><th>Notice</th><th>Date</th><th>Download</th></tr>
    References:
        - WCAG 2.2 SC 1.3.1 Info and Relationships; technique H51
        - GIGW 3.0 guideline 5.1.19
    """
    header_roles = [el for el in page_index(doc).with_role if explicit_role(el) in _HEADER_ROLES]
    for th in [*doc.all("th"), *(el for el in header_roles if el.tag != "th")]:
        if th.tag == "th" and explicit_role(th) not in (None, *_HEADER_ROLES):
            continue
        table = _own_table(th)
        if table is not None and explicit_role(table) in PRESENTATIONAL:
            continue
        if doc.is_hidden(th) or doc.name(th) or next(th.iterdescendants(*_CONTROLS, "a"), None) is not None:
            continue
        if table is not None and _is_corner(th, table):
            continue
        yield Violation(th)


@page_rule(
    code="TBL003", name="table-headers-attr-invalid", impact="serious", wcag=("1.3.1",),
    gigw=("GIGW-5.1.19", "GIGW-5.2.7"),
    messages={"default": {
        "en": "The headers attribute names {ids}, which is not a header cell id in this table.",
        "hi": "headers विशेषता {ids} का उल्लेख करती है, जो इस तालिका के किसी शीर्षक कोष्ठ की id नहीं है।",
    }},
)
def table_headers_attr_invalid(doc):
    """Cells whose `headers` attribute points at ids that are not cells of the same table.

    What it checks:
        Each id in the `headers` attribute of a `<td>` or `<th>` belongs to another cell of the same table
        (not to the cell itself, not to an element elsewhere on the page, not to nothing).
    Why it matters:
        Complex tables (a state-wise budget with grouped columns) rely on `headers` to tell screen readers
        which headings belong to a cell. A wrong id silently announces no heading, or the wrong one - often
        after a table was copied from another page and its ids changed.
    Example:
        <th id="allocation">Allocation</th> ... <td headers="alloc">1,200</td>
    Use instead:
        <th id="allocation">Allocation</th> ... <td headers="allocation">1,200</td>
    References:
        - WCAG 2.2 SC 1.3.1 Info and Relationships; technique H43
        - GIGW 3.0 guidelines 5.1.19 and 5.2.7
    """
    for cell in [*doc.all("td"), *doc.all("th")]:
        tokens = (cell.get("headers") or "").split()
        if not tokens or doc.is_hidden(cell):
            continue
        table = _own_table(cell)
        if table is None or explicit_role(table) in PRESENTATIONAL:
            continue
        bad = [t for t in tokens if t == cell.get("id") or not any(
            ref.tag in ("td", "th") and _own_table(ref) is table for ref in doc.ids.get(t, ()))]
        if bad:
            yield Violation(cell, params={"ids": ", ".join(bad)[:120]})
