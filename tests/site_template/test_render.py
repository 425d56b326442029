"""Rendering the copier template: mandatory pages, answers reaching config and pages, validation of answers."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kasauti.site_template import MANDATORY_PAGES, TEMPLATE_DIR, render_site
from tests.site_template.conftest import CUSTOM_ANSWERS
from tests.site_template.markdown_lint import check_site_config, lint_site

POLICY_PAGES = [page for page in MANDATORY_PAGES if page.startswith("website-policies/")]


def config_of(site: Path) -> dict:
    return yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))


def text_files(site: Path):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".yml", ".css", ".txt", ""):
            yield path


@pytest.mark.parametrize("page", MANDATORY_PAGES)
def test_defaults_render_every_mandatory_page_in_english_and_hindi(default_site, page):
    english = default_site / "content" / page
    hindi = english.with_name(english.name.replace(".md", ".hi.md"))
    assert english.is_file(), f"missing {page}"
    assert hindi.is_file(), f"missing Hindi version of {page}"


def test_defaults_write_a_complete_answers_file(default_site):
    answers = yaml.safe_load((default_site / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert Path(answers["_src_path"]) == TEMPLATE_DIR
    copier_questions = yaml.safe_load((TEMPLATE_DIR / "copier.yml").read_text(encoding="utf-8"))
    asked = {name for name, spec in copier_questions.items()
             if not name.startswith("_") and not (isinstance(spec, dict) and spec.get("when") is False)}
    # department_hi is only asked when there is a department; everything else must be recorded for updates
    assert asked - {"department_hi"} <= set(answers), asked - set(answers)
    assert answers["languages"] == ["en", "hi"]


def test_rendered_files_contain_no_unrendered_template_syntax(default_site):
    leftovers = [str(p) for p in text_files(default_site) if re.search(r"\{\{|\{%|%\}|\}\}", p.read_text("utf-8"))]
    assert leftovers == []
    assert not list(default_site.rglob("*.jinja"))


def test_rendered_markdown_passes_the_source_checks(default_site):
    assert lint_site(default_site / "content") == []


def test_rendered_config_follows_the_kasauti_contract(default_site):
    assert check_site_config(default_site / "mkdocs.yml") == []


def test_rendered_site_has_readme_gitignore_and_requirements(default_site):
    assert "copier update" in (default_site / "README.md").read_text("utf-8")
    assert "site/" in (default_site / ".gitignore").read_text("utf-8").splitlines()
    requirements = (default_site / "requirements.txt").read_text("utf-8")
    assert re.search(r"^kasauti\b", requirements, re.M)


def test_custom_answers_reach_the_configuration(custom_site):
    config = config_of(custom_site)
    kasauti = config["extra"]["kasauti"]
    assert config["site_url"] == "https://tatiya.gov.in/"  # bare host normalised to an https URL
    assert kasauti["ministry"] == {"en": "Ministry of Coastal Affairs", "hi": "तटीय मामले मंत्रालय"}
    assert kasauti["department"] == {"en": "Department of Fisheries Outreach", "hi": "मत्स्य संपर्क विभाग"}
    assert kasauti["content_owner"]["hi"] == "तटीय मामले मंत्रालय, भारत सरकार"
    assert kasauti["wim"] == {"name": "Dr. Leela Fernandes", "designation": "Joint Secretary (Digital)",
                              "email": "wim.coastal@tatiya.gov.in", "phone": "+91-832-241-1100"}
    assert kasauti["address"]["en"] == "Sagar Bhawan, Panaji, Goa 403001"
    assert kasauti["feedback_endpoint"] == "https://forms.tatiya.gov.in/feedback"
    hindi = next(lang for lang in config["plugins"][1]["i18n"]["languages"] if lang["locale"] == "hi")
    assert hindi["site_name"] == "तटीय मामले मंत्रालय, भारत सरकार"
    assert "#005f73" in (custom_site / "content/stylesheets/brand.css").read_text("utf-8")


@pytest.mark.parametrize("page", POLICY_PAGES + ["accessibility-statement.md", "feedback.md", "contact.md"])
def test_custom_answers_fill_the_policy_and_contact_pages(custom_site, page):
    english = (custom_site / "content" / page).read_text("utf-8")
    hindi = (custom_site / "content" / page.replace(".md", ".hi.md")).read_text("utf-8")
    assert "Ministry of Coastal Affairs" in english
    assert "तटीय मामले मंत्रालय" in hindi
    assert "Ministry of Public Services" not in english  # no default answer leaks into a customised site


@pytest.mark.parametrize("page", ["website-policies/privacy-policy.md", "website-policies/copyright-policy.md",
                                  "accessibility-statement.md", "contact.md"])
def test_web_information_manager_contact_is_on_the_pages_that_need_it(custom_site, page):
    for variant in (page, page.replace(".md", ".hi.md")):
        text = (custom_site / "content" / variant).read_text("utf-8")
        assert "mailto:wim.coastal@tatiya.gov.in" in text, variant
    assert "डॉ. लीला फ़र्नांडिस" in (custom_site / "content/accessibility-statement.hi.md").read_text("utf-8")


def test_feedback_form_posts_to_the_configured_endpoint(custom_site, default_site):
    custom = (custom_site / "content/feedback.md").read_text("utf-8")
    assert 'action="https://forms.tatiya.gov.in/feedback" method="post"' in custom
    assert 'action="mailto:' not in custom
    fallback = (default_site / "content/feedback.hi.md").read_text("utf-8")
    assert 'action="mailto:wim@example.gov.in?subject=Website%20feedback"' in fallback


def test_custom_site_passes_the_source_checks(custom_site):
    assert lint_site(custom_site / "content") == []
    assert check_site_config(custom_site / "mkdocs.yml") == []


def test_english_only_site_drops_hindi_pages_and_configuration(tmp_path):
    site = render_site(tmp_path / "site", {"languages": "en"})  # the CLI's `--data languages=en` form
    assert not list(site.rglob("*.hi.md"))
    assert (site / "content/website-policies/privacy-policy.md").is_file()
    config = config_of(site)
    locales = [lang["locale"] for lang in config["plugins"][1]["i18n"]["languages"]]
    assert locales == ["en"]
    assert {"kasauti": {"enabled": True, "check_translations": False}} in config["plugins"]


def test_answers_file_supplies_answers_and_data_overrides_it(tmp_path):
    answers = tmp_path / "answers.yml"
    answers.write_text(yaml.safe_dump({**CUSTOM_ANSWERS, "_src_path": "/elsewhere", "_commit": "v9"},
                                      allow_unicode=True), encoding="utf-8")
    site = render_site(tmp_path / "site", {"wim_email": "new.wim@tatiya.gov.in"}, answers_file=answers)
    kasauti = config_of(site)["extra"]["kasauti"]
    assert kasauti["ministry"]["en"] == "Ministry of Coastal Affairs"
    assert kasauti["wim"]["email"] == "new.wim@tatiya.gov.in"
    recorded = yaml.safe_load((site / ".copier-answers.yml").read_text("utf-8"))
    assert Path(recorded["_src_path"]) == TEMPLATE_DIR  # private keys of the old file are not carried over


@pytest.mark.parametrize(("answer", "message"), [
    ({"primary_colour": "#ffcc00"}, "1.51:1 contrast"),
    ({"primary_colour": "#777777"}, "4.48:1 contrast"),  # just under the 4.5:1 minimum
    ({"primary_colour": "blue"}, "six-digit hex colour"),
    ({"wim_email": "wim at ministry"}, "valid email"),
    ({"domain": "http://ministry.gov.in/"}, "HTTPS"),
    ({"languages": ["hi"]}, "English must stay selected"),
    ({"feedback_endpoint": "http://forms.example.in/"}, "must be an https:// address"),
    ({"launch_date": "2026-11-24"}, "DD-MM-YYYY"),
    ({"ministry_name_en": "  "}, "English name is required"),
])
def test_invalid_answers_are_rejected_before_anything_is_written(tmp_path, answer, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        render_site(tmp_path / "site", answer)
    assert not (tmp_path / "site" / "mkdocs.yml").exists()


def test_darkest_acceptable_grey_passes_the_contrast_check(tmp_path):
    site = render_site(tmp_path / "site", {"primary_colour": "#767676", "languages": "en"})  # 4.54:1
    assert config_of(site)["extra"]["kasauti"]["primary_colour"] == "#767676"


def test_existing_site_is_not_overwritten_without_permission(tmp_path):
    site = render_site(tmp_path / "site", {"languages": "en"})
    edited = site / "content/help.md"
    edited.write_text("# Help\n\nOur own help text.\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        render_site(site, {"languages": "en"})
    assert "Our own help text." in edited.read_text("utf-8")
    render_site(site, {"languages": "en"}, overwrite=True)
    assert "Our own help text." not in edited.read_text("utf-8")
