"""The reference site (repository root: mkdocs.yml + content/) as a rendering of this template.

The policy pages, Help, Feedback, Sitemap, Accessibility Statement and Screen Reader Access pages of the
reference site are exactly what the template renders with `REFERENCE_ANSWERS`, so the two cannot drift apart;
the ministry-specific pages (home, About, schemes, news, tenders, RTI, contact) are written by hand.
After changing one of the shared pages in the template, run `python -m kasauti.site_template.reference` to
copy the new rendering into content/ (a test fails until then).
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from kasauti.site_template import render_site

REFERENCE_ANSWERS = {
    "ministry_name_en": "Ministry of Water Conservation",
    "ministry_name_hi": "जल संरक्षण मंत्रालय",
    "domain": "https://jalsanrakshan.gov.in/",
    "wim_name": "Smt. Anjali Rao",
    "wim_name_hi": "श्रीमती अंजलि राव",
    "wim_designation": "Joint Secretary and Web Information Manager",
    "wim_designation_hi": "संयुक्त सचिव एवं वेब सूचना प्रबंधक",
    "wim_email": "wim-jsm@jalsanrakshan.gov.in",
    "wim_phone": "+91-11-2301-4520",
    "address_en": "Jal Sanrakshan Bhawan, 12 Janpath, New Delhi 110001",
    "address_hi": "जल संरक्षण भवन, 12 जनपथ, नई दिल्ली 110001",
    "launch_date": "01-04-2026",
}

SHARED_PAGES: tuple[str, ...] = tuple(
    f"{stem}{suffix}"
    for stem in (
        "feedback", "help", "sitemap", "accessibility-statement", "screen-reader-access",
        "website-policies/index", "website-policies/copyright-policy", "website-policies/hyperlinking-policy",
        "website-policies/privacy-policy", "website-policies/terms-and-conditions", "website-policies/disclaimer",
        "website-policies/content-archival-policy",
        "website-policies/content-contribution-moderation-approval-policy",
        "website-policies/content-review-policy", "website-policies/contingency-management-plan",
        "website-policies/security-policy", "website-policies/website-monitoring-plan",
    )
    for suffix in (".md", ".hi.md")
)


def render_shared_pages(destination: Path) -> Path:
    """Render the template with the reference answers into `destination`; returns its content/ folder."""
    render_site(destination, REFERENCE_ANSWERS)
    return destination / "content"


def reference_content_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "content"


def main() -> None:
    """Copy the freshly rendered shared pages into the reference site's content/ folder."""
    target = reference_content_dir()
    with tempfile.TemporaryDirectory() as tmp:
        rendered = render_shared_pages(Path(tmp) / "site")
        for page in SHARED_PAGES:
            (target / page).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(rendered / page, target / page)
            print(f"updated content/{page}")


if __name__ == "__main__":
    main()
