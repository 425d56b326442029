"""The copier template that `kasauti new` renders into a new bilingual ministry website.

`TEMPLATE_DIR` is the copier template root (it holds `copier.yml`; the files rendered into a site live in its
`template/` subdirectory). `render_site()` is the one entry point the CLI needs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

TEMPLATE_DIR = Path(__file__).resolve().parent

# Pages every rendered site (and the reference site) has, in English; each also exists as `<page>.hi.md`
# when Hindi is one of the site's languages.
MANDATORY_PAGES: tuple[str, ...] = (
    "index.md",
    "about/index.md",
    "about/functions.md",
    "about/organisation.md",
    "about/whos-who.md",
    "schemes/index.md",
    "news/index.md",
    "tenders/index.md",
    "rti/index.md",
    "acts-and-rules/index.md",
    "archive/index.md",
    "contact.md",
    "feedback.md",
    "help.md",
    "sitemap.md",
    "accessibility-statement.md",
    "screen-reader-access.md",
    "website-policies/index.md",
    "website-policies/copyright-policy.md",
    "website-policies/hyperlinking-policy.md",
    "website-policies/privacy-policy.md",
    "website-policies/terms-and-conditions.md",
    "website-policies/disclaimer.md",
    "website-policies/content-archival-policy.md",
    "website-policies/content-contribution-moderation-approval-policy.md",
    "website-policies/content-review-policy.md",
    "website-policies/contingency-management-plan.md",
    "website-policies/security-policy.md",
    "website-policies/website-monitoring-plan.md",
)


def render_site(
    destination: str | Path,
    data: dict[str, Any] | None = None,
    defaults: bool = True,
    overwrite: bool = False,
    *,
    template: str | Path = TEMPLATE_DIR,
    vcs_ref: str | None = None,
    answers_file: str | Path | None = None,
    quiet: bool = True,
) -> Path:
    """Render a new ministry site into `destination` and return its path.

    `data` answers copier's questions (see copier.yml), e.g. `{"ministry_name_en": "Ministry of ..."}`; with
    `defaults=True` every other question takes its default instead of being asked, so the call never prompts.
    `answers_file` is a YAML file of answers (e.g. another site's `.copier-answers.yml`); `data` wins over it.
    `template` and `vcs_ref` let a site be rendered from a Git checkout or URL of the template at a given tag,
    which is what makes a later `copier update` possible (copier updates only sites whose template source is
    versioned in Git). `languages` may be given as "en,hi" (the CLI's `--data languages=en,hi`).
    """
    import copier  # imported here so `import kasauti.site_template` stays cheap for the CLI

    destination = Path(destination)
    if not overwrite and destination.is_dir() and any(destination.iterdir()):
        # copier would otherwise ask file by file; a new site belongs in a new or empty folder
        raise FileExistsError(f"{destination} is not empty; choose a new folder or allow overwriting")
    answers = _read_answers(Path(answers_file)) if answers_file else {}
    answers.update(data or {})
    if isinstance(answers.get("languages"), str) and not answers["languages"].lstrip().startswith("["):
        # `--data languages=en,hi` from the command line: copier itself wants a YAML list
        answers["languages"] = [code.strip() for code in answers["languages"].split(",") if code.strip()]
    copier.run_copy(
        str(template),
        destination,
        data=answers,
        vcs_ref=vcs_ref,
        defaults=defaults,
        overwrite=overwrite,
        quiet=quiet,
        unsafe=False,  # the template runs no tasks and loads no extensions; never allow it to
    )
    return destination


def update_site(
    destination: str | Path,
    data: dict[str, Any] | None = None,
    *,
    vcs_ref: str | None = None,
    quiet: bool = True,
) -> Path:
    """Bring a rendered site up to a newer template version (`vcs_ref`, default: the latest tag).

    Wraps `copier update`: the site must be a Git repository with a clean working tree, rendered from a
    Git-versioned template. Copier re-renders the old and new template versions with the stored answers and
    applies only the difference, so the ministry's own edits survive; clashing lines get inline conflict markers.
    `data` changes answers (e.g. a new Web Information Manager) at the same time.
    """
    import copier

    destination = Path(destination)
    copier.run_update(
        destination,
        data=dict(data or {}),
        vcs_ref=vcs_ref,
        defaults=True,  # keep every stored answer; never prompt
        overwrite=True,  # an update always rewrites files; copier still merges the ministry's edits in
        conflict="inline",
        quiet=quiet,
        unsafe=False,
    )
    return destination


def _read_answers(path: Path) -> dict[str, Any]:
    """Answers from a YAML file, without copier's private `_src_path`/`_commit` keys."""
    import yaml

    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: expected a mapping of question names to answers")
    return {key: value for key, value in loaded.items() if not str(key).startswith("_")}
