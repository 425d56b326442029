"""Sites rendered once per test session from the copier template (rendering takes about a second each)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kasauti.site_template import render_site

CUSTOM_ANSWERS = {
    "ministry_name_en": "Ministry of Coastal Affairs",
    "ministry_name_hi": "तटीय मामले मंत्रालय",
    "department_en": "Department of Fisheries Outreach",
    "department_hi": "मत्स्य संपर्क विभाग",
    "domain": "tatiya.gov.in",
    "wim_name": "Dr. Leela Fernandes",
    "wim_name_hi": "डॉ. लीला फ़र्नांडिस",
    "wim_designation": "Joint Secretary (Digital)",
    "wim_designation_hi": "संयुक्त सचिव (डिजिटल)",
    "wim_email": "wim.coastal@tatiya.gov.in",
    "wim_phone": "+91-832-241-1100",
    "address_en": "Sagar Bhawan, Panaji, Goa 403001",
    "address_hi": "सागर भवन, पणजी, गोवा 403001",
    "primary_colour": "#005f73",
    "feedback_endpoint": "https://forms.tatiya.gov.in/feedback",
    "launch_date": "15-01-2027",
}


def git(cwd: Path, *args: str) -> str:
    """Run git with a fixed identity (tests must not depend on the machine's git config)."""
    result = subprocess.run(
        ["git", "-c", "user.name=Kasauti Test", "-c", "user.email=test@kasauti.invalid",
         "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=cwd, check=True, capture_output=True, text=True,
    )
    return result.stdout


@pytest.fixture(scope="session")
def default_site(tmp_path_factory) -> Path:
    return render_site(tmp_path_factory.mktemp("defaults") / "site", defaults=True)


@pytest.fixture(scope="session")
def custom_site(tmp_path_factory) -> Path:
    return render_site(tmp_path_factory.mktemp("custom") / "site", CUSTOM_ANSWERS, defaults=True)
