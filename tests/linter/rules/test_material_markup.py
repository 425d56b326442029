"""Stock mkdocs-material output must not trip the WCAG page rules (a real `mkdocs build` in a temp folder).

Kasauti's theme extends Material, so any false positive here would land on every page of every site built
with it. Content is written to be clean; what Material itself renders (header, drawer, search, tabs, language
selector, social links, footer, admonitions, content tabs, footnotes, tables) is what is under test.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kasauti.linter.engines.static import check_document
from kasauti.linter.html import Document
from kasauti.linter.rules import all_rules

FAMILIES = ("names", "tables", "frames", "aria", "keyboard", "meta", "media", "structure")
MKDOCS_YML = """\
site_name: Ministry of Jal Shakti
site_url: https://jalshakti.example.gov.in/
repo_url: https://github.com/example/jalshakti-site
edit_uri: edit/main/docs/
theme:
  name: material
  features: [navigation.tabs, navigation.sections, navigation.indexes, navigation.path, navigation.footer,
             navigation.top, search.suggest, content.code.copy, content.action.edit, content.tabs.link, toc.follow]
  palette:
    - scheme: default
      toggle: {icon: material/brightness-7, name: Switch to dark mode}
    - scheme: slate
      toggle: {icon: material/brightness-4, name: Switch to light mode}
extra:
  alternate:
    - {name: English, link: /, lang: en}
    - {name: हिन्दी, link: /hi/, lang: hi}
  social:
    - {icon: fontawesome/brands/x-twitter, link: "https://twitter.com/jalshakti"}
markdown_extensions:
  - tables
  - admonition
  - footnotes
  - attr_list
  - md_in_html
  - def_list
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.highlight
  - pymdownx.tasklist
  - pymdownx.tabbed: {alternate_style: true}
  - toc: {permalink: true}
nav:
  - Home: index.md
  - About:
    - about/index.md
    - Functions: about/functions.md
"""
HOME = """\
# Ministry of Jal Shakti

The Ministry leads the [Jal Jeevan Mission](about/index.md) and the
[functions listed here](about/functions.md).[^1]

| Scheme | Allocation (crore) |
|---|---|
| Jal Jeevan Mission | 67,000 |
| Namami Gange | 3,400 |

!!! note "Tender notice"
    Tender 17 closes on 15 December 2026.

??? info "Older notices"
    None this month.

=== "English"
    Water is life.

=== "Hindi"
    Water is life, in Hindi.

```python
print("jal")
```

## Contact

Write to the Ministry.

[^1]: As notified in 2019.
"""


@pytest.fixture(scope="module")
def material_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("material")
    docs = root / "docs"
    (docs / "about").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    (docs / "index.md").write_text(HOME, "utf-8")
    (docs / "about" / "index.md").write_text("# About\n\nThe Ministry was formed in 2019.\n", "utf-8")
    (docs / "about" / "functions.md").write_text(
        "# Functions\n\n- Drinking water\n- Sanitation\n\nJJM\n:   Jal Jeevan Mission\n\n- [x] Done\n", "utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")], check=True,
                   cwd=root, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return root / "site"


@pytest.mark.slow
def test_stock_material_pages_trigger_no_wcag_page_rule(material_site):
    rules = [r for r in all_rules() if r.family in FAMILIES and not getattr(r.check, "is_site_rule", False)]
    pages = sorted(material_site.rglob("*.html"))
    assert len(pages) >= 4
    problems = []
    for path in pages:
        url = "https://jalshakti.example.gov.in/" + path.relative_to(material_site).as_posix()
        for f in check_document(Document(path.read_bytes(), url), rules):
            problems.append(f"{path.relative_to(material_site)} {f.rule} {f.outcome} {f.selector}: {f.message}")
    assert not problems, "\n".join(problems)
