"""The Markdown source checks find each seeded mistake, and only those, in an otherwise clean rendered site."""
from __future__ import annotations

import shutil

import yaml

from tests.site_template.markdown_lint import check_site_config, lint_site


def edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_seeded_mistake_is_reported(default_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(default_site, site)
    content = site / "content"
    assert lint_site(content) == []

    edit(content / "help.md", "## Using the keyboard", "#### Using the keyboard")
    edit(content / "help.md", "[Sitemap](sitemap.md)", "[click here](sitemap.md)")
    edit(content / "help.md", '<span lang="hi">हिन्दी</span>', "हिन्दी")
    edit(content / "about/index.md", "(functions.md)", "(function.md)")
    edit(content / "about/index.md", "## In this section", "# In this section")
    (content / "contact.hi.md").unlink()
    edit(content / "feedback.md", '<label for="feedback-phone">', "<label>")
    edit(content / "news/website-launch.md", "**New Delhi,", "![](../images/launch.png) On November 24, 2026, **New Delhi,")
    edit(content / "tenders/index.md", "## How to bid", '<iframe src="https://www.youtube.com/embed/x"></iframe>\n\n## How to bid')
    edit(content / "index.md", "description: >-", "description: broken: yaml:")
    edit(content / "archive/index.hi.md", "# पुरालेख", "# Archive\n\nThis page was never translated into Hindi at all, "
         "so almost every letter on it is Latin rather than Devanagari, which the check must notice.")

    problems = "\n".join(lint_site(content))
    expected = [
        "help.md:", "skips from h2 to h4",
        "'click here' does not say where the link goes",
        "Devanagari 'हिन्दी' outside",
        "link target function.md does not exist",
        "about/index.md: expected exactly one h1, found 2",
        "contact.md: English page without a Hindi version",
        "<input name='phone'> has no <label for=...>",
        "image ../images/launch.png has no alt text",
        "link target ../images/launch.png does not exist",
        "not 'November 24, 2026'",
        "third-party embed",
        "index.md: front matter is not valid YAML",
        "archive/index.hi.md: less than 60% of its letters are Devanagari",
    ]
    missing = [text for text in expected if text not in problems]
    assert missing == [], problems
    assert len(problems.splitlines()) == len(expected) - 1  # "help.md:" and "skips" are the same finding


def test_config_check_reports_nav_and_translation_gaps(default_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(default_site, site)
    config_path = site / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text("utf-8"))
    config["nav"] = [entry for entry in config["nav"] if entry != {"Help": "help.md"}]
    config["nav"].append({"Gallery": "gallery.md"})
    config["theme"]["name"] = "material"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    assert sorted(check_site_config(config_path)) == sorted([
        "theme.name must be kasauti",
        "page help.md is not in nav",
        "nav entry gallery.md has no page",
        "nav label 'Gallery' has no Hindi nav_translation",
    ])
