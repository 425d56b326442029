"""Shared reporter helpers: safe links, safe text, language marking, and the UI string tables."""
from __future__ import annotations

import string

import pytest

from kasauti.linter.report.common import clean_text, safe_url
from kasauti.linter.report.html_report import lang_marked
from kasauti.linter.report.i18n import SECTION_NAMES, STRINGS


@pytest.mark.parametrize("url, allowed", [
    ("https://mowr.gov.in/a?b=1", True), ("http://127.0.0.1:8000/", True), ("HTTPS://MOWR.GOV.IN/", True),
    ("javascript:alert(1)", False), ("JavaScript:alert(1)", False), (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False), ("java\nscript:alert(1)", False), ("data:text/html,<script>", False),
    ("vbscript:msgbox", False), ("//evil.example/", False), ("/relative/path", False), ("https:///x", False),
    ("", False), (None, False), ("http://[::1", False),
])
def test_only_http_urls_become_links(url, allowed):
    assert (safe_url(url) is not None) is allowed


def test_clean_text_removes_what_xml_and_terminals_must_not_get():
    assert clean_text("a\x00b\x1b[2Jc\x07d\tе\nf\r") == "a\ufffdb\ufffd[2Jc\ufffdd\tе\nf\r"
    assert clean_text("\ud800x\ufffe") == "\ufffdx\ufffd"
    assert clean_text("मुख्य पृष्ठ \u200d") == "मुख्य पृष्ठ \u200d"
    assert clean_text(None) == ""


def test_lang_marked_wraps_other_scripts_and_escapes_everything():
    assert str(lang_marked('alt "चित्र" <b>', "en")) == 'alt &#34;<span lang="hi">चित्र</span>&#34; &lt;b&gt;'
    assert str(lang_marked("जल शक्ति मंत्रालय", "hi")) == "जल शक्ति मंत्रालय"
    assert str(lang_marked("About us | जल", "hi")) == '<span lang="en">About us</span> | जल'
    assert str(lang_marked("<script>", "hi")) == "&lt;<span lang=\"en\">script</span>&gt;"
    assert 'lang="ta"' in str(lang_marked("தமிழ்நாடு", "en"))


def test_ui_string_tables_are_complete_and_consistent():
    assert set(STRINGS["en"]) == set(STRINGS["hi"])
    for key, english in STRINGS["en"].items():
        fields = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(STRINGS["hi"][key]) if f}, key
    assert set(SECTION_NAMES["en"]) == set(SECTION_NAMES["hi"]) == {"5.1", "5.2", "5.3", "5.4"}
