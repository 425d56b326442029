"""The Markdown source map: lines recovered for the elements Markdown produced, and findings of a real build
reported at the Markdown file and line (SARIF and terminal), theme elements at the built HTML."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from kasauti.linter.report import sources
from kasauti.themes.plugin import sourcemap

from .sitefactory import build, write_project

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]

PAGE = """\
---
title: Water notices
description: "Notices: not a heading"
---
# Water notices

The Ministry publishes notices about water supply
in every district, with [the schedule](schedule.md).

- First item
- Second item
    - Nested item
- First item

| Reference | Title |
|---|---|
| JSM/1 | Pond revival |
| JSM/2 | Well recharge |

!!! note "Before you apply"
    Read the guidelines.

Term
:   Its definition.

For the guidelines [click here](help.md).

    code line
    more code

![Map of the district](images/map.png)

<form action="mailto:x@example.gov.in">
  <label for="notice-name">Your name</label>
  <input id="notice-name" name="name">
</form>

For the forms [click here](forms.md).

## जल संरक्षण

मंत्रालय जल संरक्षण के लिए काम करता है।
"""

EXPECTED = [  # (key, line) in document order
    ("h1:waternotices", 5),
    ("p:theministrypublishesnoticesaboutwatersup", 7),
    ("a:theschedule", 8),
    ("li:firstitem", 10),
    ("li:seconditemnesteditem", 11),
    ("li:nesteditem", 12),
    ("li:firstitem", 13),
    ("table:referencetitlejsm1pondrevivaljsm2wellrec", 15),
    ("tr:referencetitle", 15),
    ("tr:jsm1pondrevival", 17),
    ("tr:jsm2wellrecharge", 18),
    ("p:beforeyouapply", 20),
    ("p:readtheguidelines", 21),
    ("dt:term", 23),
    ("dd:itsdefinition", 24),
    ("p:fortheguidelinesclickhere", 26),
    ("a:clickhere", 26),
    ("pre:codelinemorecode", 28),
    ("img:mapofthedistrict", 31),
    ("label:yourname", 34),
    ("input:id=notice-name", 35),
    ("p:fortheformsclickhere", 38),
    ("a:clickhere", 38),
    ("h2:जलसरकषण", 40),
    ("p:मतरलयजलसरकषणकलएकमकरतह", 42),
]


def fragment(source: str) -> str:
    body = sourcemap._FRONT_MATTER.sub("", source, count=1)
    return markdown.Markdown(extensions=EXTENSIONS).convert(body)


def test_every_element_is_mapped_to_the_line_that_produced_it():
    assert sourcemap.map_lines(fragment(PAGE), PAGE) == EXPECTED


def test_the_same_text_twice_maps_to_two_lines_and_front_matter_is_skipped():
    source = "---\ntitle: Click here\n---\n[Click here](a.md)\n\n[Click here](b.md)\n"
    assert sourcemap.map_lines(fragment(source), source) == [
        ("p:clickhere", 4), ("a:clickhere", 4), ("p:clickhere", 6), ("a:clickhere", 6)]


def test_elements_markdown_did_not_write_get_no_line():
    source = "# Title\n\nText.\n"
    html = fragment(source) + "<p>Added by another plugin</p>"
    assert sourcemap.map_lines(html, source)[-1] == ("p:addedbyanotherplugin", None)


def test_keys_ignore_the_labels_the_plugin_adds_to_links():
    with_label = '<a href="r.pdf">Annual report <span class="kasauti-filemeta">(PDF, 1.2 MB)</span></a>'
    clean, elements = sourcemap.fragment_elements(with_label)
    assert sourcemap.element_words(clean, elements[0]) == "annualreport"


# ---- a real build --------------------------------------------------------------------------------------
DEFECTS = """\
---
description: A page with two seeded problems.
---
# Water notices

The Ministry publishes notices about water supply
in every district.

## Pond revival

Ponds are revived with the help of villages.
<img src="../../documents/pond.svg">

For the guidelines [click here](../../help.md).
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><path d="M0 0h8v8H0z"/></svg>'


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = write_project(tmp_path_factory.mktemp("sourcemap") / "project", commit=False,
                           extra_pages={"notices/water.md": DEFECTS,
                                        "notices/water.hi.md": DEFECTS.replace("# Water notices", "# जल सूचनाएँ")})
    (folder / "docs/documents/pond.svg").write_text(SVG, encoding="utf-8")
    result = build(folder, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder


def audit(folder: Path, *formats: str) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "kasauti.cli", "audit", "site/", "--quiet"]
    for fmt in formats:
        args += ["--format", fmt]
    return subprocess.run([*args, "--output-dir", "reports"] if len(formats) > 1 else args, cwd=folder,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_the_built_site_carries_the_map(project):
    data = json.loads((project / "site" / sourcemap.MAP_NAME).read_text("utf-8"))
    assert data["root"] == ".." and data["site_url"] == "https://jalsanrakshan.example.gov.in/"
    assert data["pages"]["notices/water/"]["source"] == "docs/notices/water.md"
    assert data["pages"]["hi/notices/water/"]["source"] == "docs/notices/water.hi.md"
    assert data["files"]["documents/annual-report-2024-25.pdf"] == "docs/documents/annual-report-2024-25.pdf"
    assert ["img:src=pond.svg", 12] in data["pages"]["notices/water/"]["lines"]


@pytest.mark.slow
def test_built_pages_give_the_keys_the_plugin_recorded(project):
    """The linter recomputes each key from the built page; both sides must agree element for element (the
    sitemap pages get their list after the map is made, so they only add keys)."""
    site = project / "site"
    data = sources.load_source_map(site)
    for url, entry in data["pages"].items():
        page = sources._Page((site / url / "index.html").read_bytes())
        built = [key for _el, (key, _n) in sorted(page._content_keys().items(),
                                                   key=lambda item: page.doc._order[item[0]])]
        recorded = [key for key, _line in entry["lines"]]
        if url.endswith("sitemap/"):
            assert set(recorded) <= set(built), url
        else:
            assert built == recorded, url


@pytest.mark.slow
def test_sarif_points_at_the_markdown_line_and_theme_findings_at_the_built_html(project):
    run = audit(project, "sarif", "terminal", "html")
    assert run.returncode == 1, run.stdout[-3000:] + run.stderr[-2000:]
    results = json.loads((project / "reports/report.sarif").read_text("utf-8"))["runs"][0]["results"]
    at = {}
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        at.setdefault((result["ruleId"], result["properties"]["url"]), []).append(
            (location["artifactLocation"]["uri"], location["region"]["startLine"], result.get("relatedLocations")))
    base = "https://jalsanrakshan.example.gov.in/"
    image = at[("IMG001", base + "notices/water/")]
    assert [(uri, line) for uri, line, _ in image] == [("docs/notices/water.md", 12)]
    related = image[0][2][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "site/notices/water/index.html"
    built_lines = (project / "site/notices/water/index.html").read_text("utf-8").splitlines()
    assert "pond.svg" in built_lines[related["region"]["startLine"] - 1]
    assert [(u, n) for u, n, _ in at[("LNK002", base + "notices/water/")]] == [("docs/notices/water.md", 14)]
    assert [(u, n) for u, n, _ in at[("IMG001", base + "hi/notices/water/")]] == [("docs/notices/water.hi.md", 12)]
    english = sorted((u, n) for u, n, _ in at[("LANG003", base + "hi/notices/water/")])
    assert english == [("docs/notices/water.hi.md", 6), ("docs/notices/water.hi.md", 11)]
    # The terminal and HTML reports say where to fix it, too.
    assert "Source: docs/notices/water.md:12" in run.stdout
    html = (project / "reports/report.html").read_text("utf-8")
    assert "<dt>Source</dt><dd><code>docs/notices/water.md:12</code></dd>" in html


@pytest.mark.slow
def test_findings_on_theme_elements_point_at_the_built_html(project, tmp_path):
    """A finding on the header (not from Markdown) is reported at the built page and the element's line."""
    site = project / "site"
    html = (site / "about/index.html").read_text("utf-8")
    line = next(i for i, text in enumerate(html.splitlines(), 1) if "kasauti-identity" in text)
    from kasauti.linter.html import Document
    from kasauti.linter.model import Finding

    doc = Document(html)
    element = next(el for el in doc.root.iter() if "kasauti-identity" in (el.get("class") or "").split())
    finding = Finding(rule="X", name="x", outcome="violation", impact="minor", scope="page",
                      url="https://jalsanrakshan.example.gov.in/about/", selector=doc.selector(element), snippet="",
                      message="m", wcag=(), gigw=(), engine="static", fingerprint="f")
    found = sources.locator_for(str(site), base=project)(finding)
    assert (found.uri, found.line, found.kind) == ("site/about/index.html", line, "html")
    document = sources.locator_for(str(site), base=project)(
        Finding(**{**finding.__dict__, "url": "https://jalsanrakshan.example.gov.in/documents/citizen-charter.pdf",
                   "selector": "", "scope": "document"}))
    assert (document.uri, document.kind) == ("docs/documents/citizen-charter.pdf", "document")
