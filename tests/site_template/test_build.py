"""End to end: a site rendered from the template builds with `mkdocs build --strict` (Kasauti theme and plugin)
and its built pages pass `kasauti audit` with the static engine."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kasauti.site_template import MANDATORY_PAGES, render_site
from tests.site_template.conftest import CUSTOM_ANSWERS, git

pytestmark = pytest.mark.slow


def built_path(site_dir: Path, page: str, lang: str) -> Path:
    """Where MkDocs (use_directory_urls) and i18n (Hindi under /hi/) put the HTML for a Markdown page."""
    stem = page[: -len(".md")]
    relative = Path(stem[: -len("index")] if stem.endswith("index") else stem + "/") / "index.html"
    return site_dir / ("hi" if lang == "hi" else "") / relative


def build(site: Path) -> subprocess.CompletedProcess:
    git(site, "init", "-q")  # the revision-date plugin dates pages from Git history
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "site created from the Kasauti template")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built_custom_site(tmp_path_factory) -> Path:
    site = render_site(tmp_path_factory.mktemp("build") / "site", CUSTOM_ANSWERS)
    result = build(site)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.mark.parametrize("page", MANDATORY_PAGES)
def test_every_mandatory_page_is_built_in_both_languages(built_custom_site, page):
    for lang in ("en", "hi"):
        html = built_path(built_custom_site / "site", page, lang)
        assert html.is_file(), f"{page} ({lang}) was not built"
        assert f'lang="{lang}"' in html.read_text("utf-8")[:400]


def test_built_pages_carry_the_answers(built_custom_site):
    site_dir = built_custom_site / "site"
    home = (site_dir / "index.html").read_text("utf-8")
    assert "Ministry of Coastal Affairs" in home
    assert "तटीय मामले मंत्रालय" in (site_dir / "hi/index.html").read_text("utf-8")
    feedback = (site_dir / "feedback/index.html").read_text("utf-8")
    assert 'action="https://forms.tatiya.gov.in/feedback"' in feedback
    sitemap = (site_dir / "sitemap/index.html").read_text("utf-8")
    assert "kasauti:sitemap" not in sitemap  # the plugin replaced the marker with the page list
    assert "website-policies/privacy-policy/" in sitemap


def test_built_site_passes_the_static_audit(built_custom_site):
    result = subprocess.run(
        [sys.executable, "-m", "kasauti.cli", "audit", "site/", "--engines", "static", "--format", "terminal"],
        cwd=built_custom_site, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_english_only_site_builds_strictly(tmp_path):
    site = render_site(tmp_path / "site", {"languages": "en"})
    result = build(site)
    assert result.returncode == 0, result.stderr[-4000:]
    assert (site / "site/website-policies/privacy-policy/index.html").is_file()
    assert not (site / "site/hi").exists()
