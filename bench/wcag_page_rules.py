"""Per-page cost of the WCAG page-rule families: links/buttons, tables, frames, ARIA, keyboard, meta, media and
structure (issue 2 figures).

    .venv/bin/python bench/wcag_page_rules.py [--repeat 300] [--no-material]

Pages: a typical ~30 KB NIC-style ministry page (tests/sitegen.py plus a news list with "Read more" links, a
layout table, a map iframe and a video), and a stock mkdocs-material page built on the spot with `mkdocs build`
(skipped with --no-material). For each page it times parsing into a Document, each rule on a freshly parsed
Document (per-document caches are not reused between samples), and all the rules together on one Document.
CPU time (time.process_time) medians, so other processes on the machine disturb the figures less.
The peer, measured in the same run on the same HTML: BeautifulSoup(html, "lxml") parsing alone, the floor a
bs4-based checker pays before running any rule.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bs4 import BeautifulSoup  # noqa: E402

from kasauti.linter.engines.static import check_document, split_rules  # noqa: E402
from kasauti.linter.html import Document  # noqa: E402
from kasauti.linter.rules import all_rules  # noqa: E402
from tests.sitegen import page_html  # noqa: E402

FAMILIES = ("names", "tables", "frames", "aria", "keyboard", "meta", "media", "structure")
URL = "https://jalshakti.gov.in/news/notice-3.html"

EXTRA = """<h2>What's new</h2><ul class="news">{news}</ul>
<table width="100%" class="layout"><tr><td><a href="/rti/"><img src="/i/rti.png" alt="Right to Information"></a></td>
<td><a href="/grievance/"><img src="/i/pg.png" alt="Public grievances"></a></td></tr>
<tr><td><a href="/tenders/"><img src="/i/t.png" alt="Tenders"></a></td><td><a href="/jobs/"><img src="/i/j.png"
alt="Recruitment"></a></td></tr></table>
<h2>Where to find us</h2><iframe src="https://www.openstreetmap.org/export/embed.html" title="Map: Shram Shakti Bhawan"
width="600" height="300"></iframe>
<video controls src="/media/address.mp4"><track kind="captions" srclang="en" src="/media/address.vtt"></video>"""


def typical_page() -> str:
    rng = random.Random(11)
    html = page_html(3, 100, rng)
    news = "".join(f'<li>Notice {i}: revised guidelines for district water plans <a href="/news/{i}/">Read more'
                   f'<span class="visually-hidden"> about notice {i}</span></a></li>' for i in range(25))
    more = page_html(4, 100, rng).split('<main id="main">', 1)[1].split("</main>", 1)[0]
    more = more.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return html.replace("</main>", EXTRA.format(news=news) + more + "</main>")


def material_page(tmp: Path) -> str | None:
    """The Functions page of a stock mkdocs-material site (nav tabs, sections, search, footer, social links)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "linter" / "rules"))
    from test_material_markup import HOME, MKDOCS_YML  # noqa: PLC0415 - the same site the regression test builds

    docs = tmp / "docs"
    (docs / "about").mkdir(parents=True)
    (tmp / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    (docs / "index.md").write_text(HOME, "utf-8")
    (docs / "about" / "index.md").write_text("# About\n\nFormed in 2019.\n", "utf-8")
    (docs / "about" / "functions.md").write_text("# Functions\n\n- Drinking water\n- Sanitation\n", "utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=tmp, capture_output=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    page = tmp / "site" / "index.html"
    return page.read_text("utf-8") if done.returncode == 0 and page.exists() else None


def per_call(func, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.process_time()
        func()
        samples.append(time.process_time() - start)
    return statistics.median(samples) * 1000


def bench(label: str, html: str, repeat: int, rules) -> None:
    doc = Document(html, URL)
    print(f"\n{label}: {len(html.encode()) / 1024:.1f} KB, {sum(1 for _ in doc.root.iter())} nodes, "
          f"{len(doc.all('a'))} links")
    t_bs4 = per_call(lambda: BeautifulSoup(html, "lxml"), repeat)
    t_parse = per_call(lambda: Document(html, URL), repeat)
    print(f"  peer  BeautifulSoup(html, 'lxml') parse : {t_bs4:7.3f} ms")
    print(f"  Kasauti Document parse                 : {t_parse:7.3f} ms")
    costs = []
    for rule in rules:
        fresh = iter([Document(html, URL) for _ in range(repeat)])
        costs.append((per_call(lambda: list(rule.check(next(fresh))), repeat), rule))
    for cost, rule in sorted(costs, key=lambda c: -c[0])[:8]:
        print(f"  {rule.code:8s} {rule.name:32s}: {cost:7.3f} ms")
    print(f"  ... {len(rules) - 8} more rules: {sum(c for c, _ in sorted(costs, key=lambda c: -c[0])[8:]):.3f} ms")
    together = iter([Document(html, URL) for _ in range(repeat)])
    t_all = per_call(lambda: check_document(next(together), rules), repeat)
    print(f"  all {len(rules)} rules together (shared caches)  : {t_all:7.3f} ms "
          f"(sum of separate runs {sum(c for c, _ in costs):.3f} ms)")
    print(f"  these rules = {t_all / t_parse:.2f}x a Kasauti parse, {t_all / t_bs4:.2f}x a bs4 parse; "
          f"{t_all / 5:.0%} of the 5 ms per-page budget for all rules")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--no-material", action="store_true")
    args = parser.parse_args()
    rules, _ = split_rules(r for r in all_rules() if r.family in FAMILIES)
    bench("typical NIC-style page", typical_page(), args.repeat, rules)
    if not args.no_material:
        with tempfile.TemporaryDirectory() as tmp:
            html = material_page(Path(tmp))
        if html:
            bench("stock mkdocs-material page", html, args.repeat, rules)
        else:
            print("\n(mkdocs build failed: Material page skipped)")


if __name__ == "__main__":
    main()
