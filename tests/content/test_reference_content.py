"""The reference ministry site (mkdocs.yml + content/): every mandatory page in English and Hindi, accessible
Markdown, a complete navigation, and a strict build with the Kasauti theme."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kasauti.site_template import MANDATORY_PAGES
from tests.site_template.conftest import git
from tests.site_template.markdown_lint import check_site_config, lint_site, markdown_pages

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
CONFIG = REPO / "mkdocs.yml"


@pytest.mark.parametrize("page", MANDATORY_PAGES)
def test_mandatory_page_exists_in_english_and_hindi(page):
    assert (CONTENT / page).is_file()
    assert (CONTENT / page.replace(".md", ".hi.md")).is_file()


def test_sections_have_real_entries():
    pages = {str(p) for p in markdown_pages(CONTENT)}
    schemes = [p for p in pages if p.startswith("schemes/") and p.endswith(".md") and not p.endswith(".hi.md")]
    news = [p for p in pages if p.startswith("news/20") and not p.endswith(".hi.md")]
    assert len(schemes) - 1 >= 2  # besides the index
    assert len(news) >= 3


def test_markdown_passes_the_source_checks():
    assert lint_site(CONTENT) == []


def test_config_follows_the_contract_and_lists_every_page():
    assert check_site_config(CONFIG) == []
    config = yaml.safe_load(CONFIG.read_text("utf-8"))
    assert config["site_url"] == "https://jalsanrakshan.gov.in/"
    assert config["docs_dir"] == "content"
    assert config["extra"]["kasauti"]["ministry"] == {"en": "Ministry of Water Conservation",
                                                       "hi": "जल संरक्षण मंत्रालय"}


def test_about_page_says_the_ministry_is_fictional():
    assert "fictional ministry" in (CONTENT / "about/index.md").read_text("utf-8")
    assert "काल्पनिक मंत्रालय" in (CONTENT / "about/index.hi.md").read_text("utf-8")


def test_screen_reader_page_lists_the_readers_with_their_websites():
    for name in ("screen-reader-access.md", "screen-reader-access.hi.md"):
        text = (CONTENT / name).read_text("utf-8")
        for site in ("https://www.nvaccess.org/", "https://www.freedomscientific.com/", "https://help.gnome.org/",
                     "https://support.apple.com/", "https://support.google.com/"):
            assert f"]({site}" in text, (name, site)


def test_sitemap_page_holds_the_plugin_marker():
    for name in ("sitemap.md", "sitemap.hi.md"):
        text = (CONTENT / name).read_text("utf-8")
        assert text.count("<!-- kasauti:sitemap -->") == 1


def test_feedback_form_controls_are_labelled_and_the_form_works_without_a_server():
    text = (CONTENT / "feedback.md").read_text("utf-8")
    assert 'action="mailto:wim-jsm@jalsanrakshan.gov.in' in text
    for control in ("feedback-name", "feedback-email", "feedback-phone", "feedback-topic", "feedback-message"):
        assert f'<label for="{control}">' in text


@pytest.mark.slow
def test_reference_site_builds_strictly(tmp_path):
    """Build a committed copy (the revision-date plugin warns about files Git does not know)."""
    site = tmp_path / "reference"
    site.mkdir()
    shutil.copy2(CONFIG, site / "mkdocs.yml")
    shutil.copytree(CONTENT, site / "content")
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "reference site")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-4000:]
    built = site / "site"
    assert "Ministry of Water Conservation" in (built / "index.html").read_text("utf-8")
    assert (built / "hi/website-policies/security-policy/index.html").is_file()
    assert (built / "documents/annual-report-2025-26.pdf").is_file()


def test_shared_pages_match_the_template_rendered_with_the_reference_answers(tmp_path):
    from kasauti.site_template.reference import SHARED_PAGES, render_shared_pages

    rendered = render_shared_pages(tmp_path / "site")
    stale = [page for page in SHARED_PAGES
             if (rendered / page).read_text("utf-8") != (CONTENT / page).read_text("utf-8")]
    assert stale == [], "run `python -m kasauti.site_template.reference` to refresh these pages"


@pytest.mark.slow
def test_the_dogfood_gate_fails_the_ci_run_on_a_violation(tmp_path):
    """`make test` ends with `make dogfood` (and .ci/run calls `make test`): the reference site must build
    strictly and audit clean with GIGW 100. Here it runs on a copy with one image that lacks alt text."""
    site = tmp_path / "reference"
    site.mkdir()
    shutil.copy2(CONFIG, site / "mkdocs.yml")
    shutil.copytree(CONTENT, site / "content")
    page = site / "content/about/index.md"
    page.write_text(page.read_text("utf-8") + '\n<img src="../../assets/kasauti/emblem.svg">\n', "utf-8")
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "reference site with a defect")
    result = subprocess.run(["make", "--no-print-directory", "-o", "setup", "dogfood",
                             f"DOGFOOD_CONFIG={site / 'mkdocs.yml'}", f"DOGFOOD_SITE={site / 'site'}",
                             f"DOGFOOD_REPORTS={tmp_path / 'reports'}"],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0, result.stdout[-3000:]
    assert "CI gate: FAILED" in result.stdout and "IMG001" in result.stdout
    assert "Source: " in result.stdout and "content/about/index.md:" in result.stdout, result.stdout[-1500:]
    # A GIGW build check (a page without its Hindi version) fails the step too, before any audit.
    (site / "content/help.hi.md").unlink()
    git(site, "commit", "-q", "-a", "-m", "no Hindi help page")
    result = subprocess.run(["make", "--no-print-directory", "-o", "setup", "dogfood",
                             f"DOGFOOD_CONFIG={site / 'mkdocs.yml'}", f"DOGFOOD_SITE={site / 'site'}",
                             f"DOGFOOD_REPORTS={tmp_path / 'reports'}"],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0 and "'help.md' has no 'hi' version" in result.stderr, result.stderr[-2000:]
    assert "kasauti audit" not in result.stdout  # the step stopped at the build
    makefile = (REPO / "Makefile").read_text("utf-8")
    test_recipe = makefile.split("\ntest: setup\n", 1)[1].split("\n\n", 1)[0]
    assert "pytest" in test_recipe and "dogfood" in test_recipe
    assert "make test" in (REPO / ".ci" / "run").read_text("utf-8")
