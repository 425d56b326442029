"""Tables: the layout/data decision and its needs-review middle ground."""
from __future__ import annotations

from .wcag_helpers import outcomes, page


def test_plain_small_table_without_evidence_is_reviewed_not_failed():
    html = page("<main><h1>x</h1><table><tr><td>Phone</td><td>011-2345</td></tr>"
                "<tr><td>Fax</td><td>011-6789</td></tr></table></main>")
    assert outcomes("TBL001", html) == [("needs-review", "review")]


def test_large_grid_is_a_data_table():
    rows = "".join(f"<tr><td>District {i}</td><td>{i * 7}%</td></tr>" for i in range(20))
    assert outcomes("TBL001", page(f"<main><h1>x</h1><table>{rows}</table></main>")) == [("violation", "default")]


def test_nested_layout_tables_are_skipped():
    inner = "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>"
    html = page(f'<table border="1"><tr><td>{inner}</td><td>menu</td></tr><tr><td>x</td><td>y</td></tr></table>')
    # The outer table holds a table (layout); the inner one has no evidence of data: review only.
    assert outcomes("TBL001", html) == [("needs-review", "review")]


def test_corner_cell_may_be_empty_only_in_a_two_way_table():
    two_way = page("<table><tr><th></th><th>2025</th></tr><tr><th>Latur</th><td>82%</td></tr></table>")
    assert outcomes("TBL002", two_way) == []
    one_way = page("<table><tr><th></th><th>2025</th></tr><tr><td>Latur</td><td>82%</td></tr></table>")
    assert outcomes("TBL002", one_way) == [("violation", "default")]


def test_header_bar_and_menu_grids_are_layout():
    bar = ('<table width="100%" border="0" cellpadding="0"><tr><td><img src="e.png" alt="State Emblem of India"></td>'
           '<td><a href="/">Home</a></td><td><a href="/about/">About</a></td><td><a href="/rti/">RTI</a></td>'
           '<td><a href="/hi/" lang="hi">हिन्दी</a></td></tr><tr><td></td><td colspan="4">Ministry of Jal Shakti</td>'
           '</tr></table>')
    assert outcomes("TBL001", page(bar)) == []
    prose = "<p>" + "The Ministry coordinates water conservation across states. " * 4 + "</p>"
    columns = "".join(f"<td>{prose}</td>" for _ in range(5))
    assert outcomes("TBL001", page(f"<table><tr>{columns}</tr><tr>{columns}</tr></table>")) == \
        [("needs-review", "review")]
