"""The page rules of the images, language, titles, headings and forms families stay silent on what
mkdocs-material itself renders (drawer and search toggles, palette radios, content tabs, permalinks, admonitions,
code blocks), in English and in Hindi: a real `mkdocs build` of a small bilingual-style site."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kasauti.linter.engines.static import check_html
from kasauti.linter.rules import select_rules

FAMILIES = ["IMG", "LANG", "TTL", "HDG", "FRM"]

PAGES = {
    "en": {
        "index.md": """
            # Ministry of Jal Shakti

            Welcome to the website of the Ministry. [हिन्दी](/hi/){ lang=hi hreflang=hi }

            ## Schemes

            The motto is <span lang="hi">हर घर जल</span>.

            ### Jal Jeevan Mission

            !!! note "Note"
                Figures are as on 31 March 2026.

            === "English"

                Water is life.

            === "<span lang='hi'>हिन्दी</span>"

                <p lang="hi">जल ही जीवन है।</p>

            ```python
            print("नमस्ते")
            ```
        """,
        "about.md": "# About us\n\n## Functions\n\n| Scheme | Year |\n|---|---|\n| Jal Jeevan Mission | 2019 |\n",
    },
    "hi": {
        "index.md": """
            # जल शक्ति मंत्रालय

            मंत्रालय की वेबसाइट में आपका स्वागत है। [English](/en/){ lang=en hreflang=en }

            ## योजनाएँ

            जल जीवन मिशन (JJM) और स्वच्छ भारत मिशन (SBM-G)।

            !!! note "ध्यान दें"
                आँकड़े 31 मार्च 2026 तक के हैं।

            === "हिन्दी"

                जल ही जीवन है।

            === "English"

                <p lang="en">Water is life and we must save every drop of it.</p>
        """,
        "about.md": "# हमारे बारे में\n\n## कार्य\n\nमंत्रालय के कार्य।\n",
    },
}


def build(tmp_path: Path, language: str) -> Path:
    root = tmp_path / language
    docs = root / "docs"
    docs.mkdir(parents=True)
    for name, text in PAGES[language].items():
        (docs / name).write_text(textwrap.dedent(text).strip() + "\n", "utf-8")
    site_name = "Ministry of Jal Shakti, Government of India" if language == "en" else "जल शक्ति मंत्रालय, भारत सरकार"
    (root / "mkdocs.yml").write_text(textwrap.dedent(f"""
        site_name: "{site_name}"
        site_url: https://jalshakti.example.gov.in/{language}/
        theme:
          name: material
          language: {language}
          palette:
            - scheme: default
              toggle: {{icon: material/brightness-7, name: {"Switch to dark mode" if language == "en" else "गहरा रंग"}}}
            - scheme: slate
              toggle: {{icon: material/brightness-4, name: {"Switch to light mode" if language == "en" else "हल्का रंग"}}}
          features: [navigation.tabs, navigation.sections, search.suggest, content.code.copy, content.tabs.link]
        markdown_extensions:
          - toc: {{permalink: true}}
          - admonition
          - attr_list
          - md_in_html
          - tables
          - pymdownx.superfences
          - pymdownx.tabbed: {{alternate_style: true}}
        plugins: [search]
    """), "utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
                    "-d", str(root / "site")], check=True, capture_output=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return root / "site"


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "hi"])
def test_material_output_is_clean(tmp_path, language):
    site = build(tmp_path, language)
    rules = select_rules(FAMILIES)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 3
    problems = []
    for path in pages:
        for finding in check_html(path.read_text("utf-8"), url=f"https://jalshakti.example.gov.in/{path.name}",
                                  rules=rules):
            if finding.outcome == "violation":
                problems.append(f"{path.relative_to(site)} {finding.rule} {finding.selector}: {finding.message}")
    assert not problems, "\n".join(problems)
