"""Shared helper for the WCAG page-rule family tests: run one rule on an HTML snippet."""
from __future__ import annotations

from kasauti.linter.engines.static import check_document
from kasauti.linter.html import Document
from kasauti.linter.model import FetchedPage
from kasauti.linter.rules import get_rule

URL = "https://jalsanrakshan.gov.in/section/page/"


def page(body: str, head: str = "", lang: str = "en") -> str:
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Test page | Ministry of Jal '
            f"Shakti, Government of India</title>{head}</head><body>{body}</body></html>")


def outcomes(code: str, html: str, url: str = URL, headers: dict | None = None) -> list[tuple[str, str]]:
    """(outcome, message_id) of every finding of rule `code` on the page, in order."""
    fetched = FetchedPage(url=url, final_url=url, status=200, headers=headers or {}, content_type="text/html")
    findings = check_document(Document(html, url, fetched), [get_rule(code)])
    return [(f.outcome, f.message_id) for f in findings]
