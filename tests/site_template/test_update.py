"""`copier update`: a site rendered from a tagged template version takes in a newer version, keeping the
ministry's own edits. Uses a throwaway Git copy of the template, so the test controls both versions."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from kasauti.site_template import TEMPLATE_DIR, render_site, update_site
from tests.site_template.conftest import git

PRIVACY = "content/website-policies/privacy-policy.md"
NEW_SECTION = (
    "\n## Children's privacy\n\nWe do not knowingly collect information from children. A parent may ask us to "
    "delete such information by writing to [{{ wim_email }}](mailto:{{ wim_email }}).\n"
)
MINISTRY_EDIT = "The Ministry also runs a helpline for farmers on 1800-180-1551."


@pytest.fixture
def template_repo(tmp_path) -> Path:
    """A Git repository holding a copy of the template, tagged v1."""
    repo = tmp_path / "template"
    repo.mkdir()
    shutil.copy2(TEMPLATE_DIR / "copier.yml", repo / "copier.yml")
    shutil.copytree(TEMPLATE_DIR / "template", repo / "template")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "template v1")
    git(repo, "tag", "v1")
    return repo


def test_update_keeps_ministry_edits_and_brings_template_changes(tmp_path, template_repo):
    site = render_site(tmp_path / "site", {"wim_email": "wim@ministry.gov.in", "launch_date": "01-04-2026"},
                       template=template_repo, vcs_ref="v1")
    answers = yaml.safe_load((site / ".copier-answers.yml").read_text("utf-8"))
    assert answers["_commit"] == "v1"
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "site created from template v1")

    # The ministry adapts a page and commits it.
    about = site / "content/about/index.md"
    about.write_text(about.read_text("utf-8") + "\n" + MINISTRY_EDIT + "\n", encoding="utf-8")
    git(site, "commit", "-q", "-am", "describe the helpline")

    # The template gains a section in the privacy policy and is tagged v2.
    policy = template_repo / "template" / (PRIVACY + ".jinja")
    policy.write_text(policy.read_text("utf-8") + NEW_SECTION, encoding="utf-8")
    git(template_repo, "commit", "-q", "-am", "privacy policy: children's privacy")
    git(template_repo, "tag", "v2")

    # Update to the latest tag, changing one answer at the same time (a new Web Information Manager email).
    update_site(site, {"wim_email": "new.wim@ministry.gov.in"})

    assert MINISTRY_EDIT in about.read_text("utf-8"), "the ministry's edit was lost"
    privacy = (site / PRIVACY).read_text("utf-8")
    assert "## Children's privacy" in privacy, "the template change did not arrive"
    assert "mailto:new.wim@ministry.gov.in" in privacy
    assert "wim@ministry.gov.in" not in privacy.replace("new.wim@ministry.gov.in", "")
    assert "<<<<<<<" not in privacy and "<<<<<<<" not in about.read_text("utf-8")
    answers = yaml.safe_load((site / ".copier-answers.yml").read_text("utf-8"))
    assert answers["_commit"] == "v2"
    assert answers["wim_email"] == "new.wim@ministry.gov.in"
    assert answers["launch_date"] == "01-04-2026"  # stored answers are reused, not re-asked or re-defaulted


def test_clashing_edits_are_marked_as_conflicts_not_silently_dropped(tmp_path, template_repo):
    site = render_site(tmp_path / "site", {"launch_date": "01-04-2026", "languages": "en"},
                       template=template_repo, vcs_ref="v1")
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "site")
    help_page = site / "content/help.md"
    help_page.write_text(help_page.read_text("utf-8").replace("# Help", "# Help for visitors"), encoding="utf-8")
    git(site, "commit", "-q", "-am", "ministry renames the heading")

    template_help = template_repo / "template/content/help.md.jinja"
    template_help.write_text(template_help.read_text("utf-8").replace("# Help", "# Help and support"),
                             encoding="utf-8")
    git(template_repo, "commit", "-q", "-am", "template renames the heading")
    git(template_repo, "tag", "v2")

    update_site(site, vcs_ref="v2")
    merged = help_page.read_text("utf-8")
    assert "<<<<<<<" in merged and ">>>>>>>" in merged
    assert "# Help for visitors" in merged and "# Help and support" in merged
