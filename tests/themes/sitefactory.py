"""Write small real bilingual MkDocs projects that use the Kasauti theme and plugin (tests and benchmarks).

`write_project(folder)` writes mkdocs.yml and docs/ with every mandatory GIGW page in English and Hindi, a few
content pages (an external link, a document download, a nested section) and one real PDF-sized file.
`build(folder)` runs `mkdocs build --strict` in a subprocess and returns the completed process.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from kasauti.themes.plugin.config import REQUIRED_PAGES

MKDOCS = [sys.executable, "-m", "mkdocs"]

IDENTITY = {
    "ministry": {"en": "Ministry of Water Conservation", "hi": "जल संरक्षण मंत्रालय"},
    "government": {"en": "Government of India", "hi": "भारत सरकार"},
    "content_owner": {"en": "Ministry of Water Conservation, Government of India",
                      "hi": "जल संरक्षण मंत्रालय, भारत सरकार"},
    "wim": {"name": "Smt. Anjali Rao", "designation": "Joint Secretary", "email": "wim-jsm@example.gov.in",
            "phone": "+91 11 2345 6789"},
    "address": {"en": "Shram Shakti Bhawan, Rafi Marg, New Delhi 110001",
                "hi": "श्रम शक्ति भवन, रफी मार्ग, नई दिल्ली 110001"},
    "national_portal": "https://www.india.gov.in/",
}

# Titles of the mandatory pages (English, Hindi), keyed by source path.
TITLES = {
    "index.md": ("Home", "मुखपृष्ठ"),
    "about/index.md": ("About the Ministry", "मंत्रालय के बारे में"),
    "contact.md": ("Contact Us", "संपर्क करें"),
    "feedback.md": ("Feedback", "प्रतिक्रिया"),
    "help.md": ("Help", "सहायता"),
    "sitemap.md": ("Sitemap", "साइट मैप"),
    "accessibility-statement.md": ("Accessibility Statement", "सुगम्यता विवरण"),
    "screen-reader-access.md": ("Screen Reader Access", "स्क्रीन रीडर एक्सेस"),
    "website-policies/index.md": ("Website Policies", "वेबसाइट नीतियां"),
    "website-policies/copyright-policy.md": ("Copyright Policy", "कॉपीराइट नीति"),
    "website-policies/hyperlinking-policy.md": ("Hyperlinking Policy", "हाइपरलिंकिंग नीति"),
    "website-policies/privacy-policy.md": ("Privacy Policy", "गोपनीयता नीति"),
    "website-policies/terms-and-conditions.md": ("Terms and Conditions", "नियम एवं शर्तें"),
    "website-policies/disclaimer.md": ("Disclaimer", "अस्वीकरण"),
    "website-policies/content-archival-policy.md": ("Content Archival Policy", "सामग्री संग्रह नीति"),
    "website-policies/content-contribution-moderation-approval-policy.md":
        ("Content Contribution, Moderation and Approval Policy", "सामग्री योगदान, संचालन और अनुमोदन नीति"),
    "website-policies/content-review-policy.md": ("Content Review Policy", "सामग्री समीक्षा नीति"),
    "website-policies/contingency-management-plan.md": ("Contingency Management Plan", "आकस्मिकता प्रबंधन योजना"),
    "website-policies/security-policy.md": ("Security Policy", "सुरक्षा नीति"),
    "website-policies/website-monitoring-plan.md": ("Website Monitoring Plan", "वेबसाइट निगरानी योजना"),
}
assert set(TITLES) == set(REQUIRED_PAGES)

EN_TEXT = ("The Ministry works with States and Union Territories to conserve water, recharge groundwater and "
           "bring safe drinking water to every rural household.")
HI_TEXT = "मंत्रालय जल संरक्षण, भूजल पुनर्भरण और हर ग्रामीण परिवार तक सुरक्षित पेयजल पहुँचाने के लिए राज्यों के साथ काम करता है।"

REPORT_BYTES = 1_258_291  # 1.2 MB in binary units, the label the plugin must print


def _page(title: str, body: str) -> str:
    return f"# {title}\n\n{body}\n"


def _body(path: str, lang: str) -> str:
    text = EN_TEXT if lang == "en" else HI_TEXT
    depth = path.count("/")
    up = "../" * depth
    if path == "sitemap.md":
        return f"{text}\n\n<!-- kasauti:sitemap -->\n"
    if path == "index.md":
        report = "Annual report 2024-25" if lang == "en" else "वार्षिक रिपोर्ट 2024-25"
        news = "Read the [guidelines of the Jal Shakti Abhiyan](https://example.org/guidelines/) on a partner site." \
            if lang == "en" else "साझेदार साइट पर [जल शक्ति अभियान के दिशानिर्देश](https://example.org/guidelines/) पढ़ें।"
        return textwrap.dedent(f"""\
            {text}

            ## {"Latest documents" if lang == "en" else "नवीनतम दस्तावेज़"}

            - [{report}]({up}documents/annual-report-2024-25.pdf)
            - [{"Citizen charter" if lang == "en" else "नागरिक चार्टर"}]({up}documents/citizen-charter.pdf)

            {news}
            """)
    if path == "contact.md":
        return f"{text}\n\nPhone: +91 11 2345 6789. Email: contact-jsm@example.gov.in.\n"
    return text


def write_project(folder: Path, *, omit: tuple[str, ...] = (), extra_pages: dict[str, str] | None = None,
                  plugin_options: dict | None = None, site_url: str = "https://jalsanrakshan.example.gov.in/",
                  theme: str = "kasauti", kasauti_plugin: bool = True, commit: bool = True,
                  theme_config: dict | None = None) -> Path:
    """Write a bilingual project; `omit` leaves out source files (e.g. "contact.md" or "contact.hi.md").
    `theme_config` replaces the theme mapping (e.g. {"name": "material"}: stock Material, Google Fonts and all)."""
    folder = Path(folder)
    docs = folder / "docs"
    for path, (en_title, hi_title) in TITLES.items():
        for lang, title in (("en", en_title), ("hi", hi_title)):
            source = path if lang == "en" else path[:-3] + ".hi.md"
            if source in omit:
                continue
            target = docs / source
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_page(title, _body(path, lang)), encoding="utf-8")
    for source, text in (extra_pages or {}).items():
        target = docs / source
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    documents = docs / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    (documents / "annual-report-2024-25.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * (REPORT_BYTES - 9))
    (documents / "citizen-charter.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * (40 * 1024 - 9))
    plugins: list = [
        "search",
        {"i18n": {"docs_structure": "suffix", "languages": [
            {"locale": "en", "default": True, "name": "English", "build": True},
            {"locale": "hi", "name": "हिन्दी", "build": True}]}},
        {"git-revision-date-localized": {"type": "date", "fallback_to_build_date": True}},
    ]
    if kasauti_plugin:
        plugins.append({"kasauti": {"enabled": True, **(plugin_options or {})}})
    config = {
        "site_name": "Ministry of Water Conservation",
        "site_url": site_url,
        "site_description": "Official website of the Ministry of Water Conservation, Government of India.",
        "theme": theme_config or ({"name": theme, "language": "en"} if theme == "kasauti" else
                                  {"name": theme, "font": False}),
        "plugins": plugins,
        "markdown_extensions": ["attr_list", "toc"],
        "extra": {"kasauti": IDENTITY},
    }
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if commit:
        commit_all(folder)
    return folder


def commit_all(folder: Path, date: str = "2025-11-20T10:00:00+05:30") -> None:
    """A git repository with one commit, so git-revision-date-localized has real dates to read."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Kasauti Tests", "GIT_AUTHOR_EMAIL": "tests@example.gov.in",
           "GIT_COMMITTER_NAME": "Kasauti Tests", "GIT_COMMITTER_EMAIL": "tests@example.gov.in",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    if not (folder / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=folder, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "content", "--allow-empty"], cwd=folder, check=True, env=env)


SECTIONS = ["schemes", "news", "tenders", "circulars", "publications", "events", "acts-and-rules", "rti"]
EN_WORDS = ("water conservation ministry scheme district state rural supply programme report committee annual "
            "budget groundwater irrigation village panchayat monitoring guidelines notification circular").split()
HI_WORDS = "जल संरक्षण मंत्रालय योजना जिला राज्य ग्रामीण आपूर्ति कार्यक्रम रिपोर्ट समिति वार्षिक बजट भूजल सिंचाई गांव".split()


def _generated_page(index: int, lang: str) -> str:
    words = EN_WORDS if lang == "en" else HI_WORDS
    pick = lambda n, k: " ".join(words[(index * 7 + k * 3 + i) % len(words)] for i in range(n))  # noqa: E731
    paragraphs = "\n\n".join(pick(60, k).capitalize() + "." for k in range(5))
    rows = "\n".join(f"| {k + 1} | {pick(5, k)} | [{pick(2, k)}](../../documents/citizen-charter.pdf) |"
                      for k in range(6))
    title = f"{pick(4, 0).capitalize()} {index}"
    return (f"# {title}\n\n{paragraphs}\n\n## {pick(3, 1).capitalize()}\n\n| # | Item | Document |\n"
            f"|---|---|---|\n{rows}\n\nSee the [partner guidelines](https://example.org/{index}/) and the "
            f"[contact page](../../contact.md).\n")


def write_large_project(folder: Path, pages: int, **kwargs) -> Path:
    """A bilingual project of `pages` built pages in all: the mandatory pages plus generated section pages,
    each in English and Hindi (the benchmark site)."""
    folder = Path(folder)
    pairs = max(0, pages // 2 - len(TITLES))
    extra = {}
    for index in range(pairs):
        section = SECTIONS[index % len(SECTIONS)]
        extra[f"{section}/part-{index // 100}/page-{index}.md"] = _generated_page(index, "en")
        extra[f"{section}/part-{index // 100}/page-{index}.hi.md"] = _generated_page(index, "hi")
    return write_project(folder, extra_pages=extra, **kwargs)


def build(folder: Path, *, strict: bool = True, timeout: float = 240) -> subprocess.CompletedProcess:
    args = [*MKDOCS, "build", "--quiet" if not strict else "--strict"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=folder, capture_output=True, text=True, timeout=timeout, env=env)


# ---- the two real sites of issue 3: the reference ministry site and a fresh `kasauti new --defaults` site ----
REPO = Path(__file__).resolve().parents[2]


def reference_project(folder: Path) -> Path:
    """A git-committed copy of the reference site (mkdocs.yml + content/), as a ministry's repository holds it."""
    import shutil  # noqa: PLC0415

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPO / "content", folder / "content")
    commit_all(folder)
    return folder


def new_site_project(folder: Path) -> Path:
    """What `kasauti new FOLDER --defaults` renders, committed."""
    result = subprocess.run([sys.executable, "-m", "kasauti.cli", "new", str(folder), "--defaults"],
                            capture_output=True, text=True, timeout=300)
    if result.returncode:
        raise RuntimeError(f"kasauti new failed: {result.stderr[-2000:]}")
    commit_all(Path(folder))
    return Path(folder)


def built_page_paths(site: Path) -> list[str]:
    """Every built page as a site-relative URL path ("", "about/", "hi/about/" ...), the error pages left out."""
    paths = []
    for html in sorted(Path(site).rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return paths
