"""Reporters: pure functions `render_<format>(result, **options) -> str`. The CLI decides where output goes.

Every renderer accepts and ignores options meant for others (so a caller may pass `locale` to all of them).
"""
from __future__ import annotations

from .csv_report import render_csv
from .html_report import render_html
from .json_report import ReportFormatError, load_json, render_json, report_schema
from .junit import render_junit
from .sarif import render_sarif
from .terminal import render_terminal

RENDERERS = {
    "terminal": render_terminal,
    "json": render_json,
    "html": render_html,
    "sarif": render_sarif,
    "junit": render_junit,
    "csv": render_csv,
}

EXTENSIONS = {
    "terminal": ".txt",
    "json": ".json",
    "html": ".html",
    "sarif": ".sarif",
    "junit": ".junit.xml",
    "csv": ".csv",
}

__all__ = ["RENDERERS", "EXTENSIONS", "ReportFormatError", "load_json", "report_schema", "render_csv", "render_html",
           "render_json", "render_junit", "render_sarif", "render_terminal"]
