"""Fingerprints survive cosmetic change (generated class names, reordered siblings, white space, host)."""
from __future__ import annotations

from kasauti.linter.engines.static import check_html
from kasauti.linter.fingerprint import normalise_path
from kasauti.linter.rules import get_rule

PAGE = """<html lang="en"><head><title>Gallery | Ministry</title></head><body><main class="{cls}">
{first}
{second}
</main></body></html>"""
A = '<img src="/img/dam.jpg">'
B = '<p>Monsoon   storage</p>'


def prints(html: str, url: str = "https://jalsanrakshan.gov.in/gallery/") -> set[str]:
    return {f.fingerprint for f in check_html(html, url, rules=[get_rule("IMG001")])}


def test_fingerprint_survives_cosmetic_changes():
    base = prints(PAGE.format(cls="content css-1x9ab2c", first=A, second=B))
    assert len(base) == 1
    assert prints(PAGE.format(cls="content sc-bdVaJa", first=B, second=A)) == base  # reordered, generated class
    assert prints(PAGE.format(cls="content", first="  " + A + "\n\n", second=B)) == base  # white space
    assert prints(PAGE.format(cls="content", first=A, second=B), "http://www.jalsanrakshan.gov.in/gallery/index.html") == base


def test_fingerprint_changes_when_the_problem_changes():
    base = prints(PAGE.format(cls="content", first=A, second=B))
    assert prints(PAGE.format(cls="content", first='<img src="/img/other.jpg">', second=B)) != base
    assert prints(PAGE.format(cls="content", first=A, second=B), "https://jalsanrakshan.gov.in/news/") != base


def test_normalise_path():
    assert normalise_path("https://x.gov.in/a/index.html") == "/a"
    assert normalise_path("https://x.gov.in/a/?b=2&a=1#top") == "/a?a=1&b=2"
    assert normalise_path("") == "/"
