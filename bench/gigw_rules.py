"""Per-page cost of the GIGW rule families (identity, navigation, policies, freshness, bilingual, documents,
links, content, security), issue 2 figures.

    .venv/bin/python bench/gigw_rules.py [--repeat 200]

Builds a typical 30 KB ministry page (tests/sitegen.py, with a second page's content appended to <main>) and
times, per page: parsing into a Document; each GIGW page rule on a freshly parsed Document (caches are per
document, so nothing is reused between runs); the collectors of the GIGW site rules; and all GIGW page rules
plus collectors together (sharing the per-page caches, as in an audit). Peers measured in the same run on the
same HTML: parsing alone with BeautifulSoup(html, "lxml"), and all the other static page rules together.
CPU time (process_time) with the garbage collector paused while timing; the median of the repeats.
"""
from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bs4 import BeautifulSoup  # noqa: E402

from kasauti.linter.engines.static import check_document, split_rules  # noqa: E402
from kasauti.linter.html import Document  # noqa: E402
from kasauti.linter.rules import all_rules  # noqa: E402
from tests.sitegen import page_html  # noqa: E402

GIGW_FAMILIES = {"identity", "navigation", "policies", "freshness", "bilingual", "documents", "links", "content",
                 "security"}
URL = "https://jalsanrakshan.gov.in/schemes/notice-3.html"


def typical_page() -> str:
    rng = random.Random(7)
    html = page_html(3, 100, rng)
    extra = page_html(4, 100, rng).split('<main id="main">', 1)[1].split("</main>", 1)[0]
    return html.replace("</main>", extra.replace("<h1>", "<h2>").replace("</h1>", "</h2>") + "</main>")


def cpu_ms(work, html: str, repeat: int) -> float:
    """Median CPU milliseconds of work(doc) on a fresh Document (parsing not counted)."""
    times = []
    for _ in range(repeat):
        doc = Document(html, URL)
        gc.disable()
        start = time.process_time()
        work(doc)
        times.append((time.process_time() - start) * 1000)
        gc.enable()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    html = typical_page()
    page_rules, site_rules = split_rules(all_rules())
    mine = [r for r in page_rules if r.family in GIGW_FAMILIES]
    others = [r for r in page_rules if r.family not in GIGW_FAMILIES]
    collectors = [r for r in site_rules if r.family in GIGW_FAMILIES and r.collect]

    def parse_ms(make) -> float:
        times = []
        for _ in range(args.repeat):
            start = time.process_time()
            make()
            times.append((time.process_time() - start) * 1000)
        return statistics.median(times)

    lxml_parse = parse_ms(lambda: Document(html, URL))
    bs4_parse = parse_ms(lambda: BeautifulSoup(html, "lxml"))
    print(f"page: {len(html.encode()) / 1024:.1f} KB, {html.count('<a ')} links; {args.repeat} repeats, median CPU ms")
    print(f"parse into Document (lxml)            {lxml_parse:7.3f}")
    print(f"peer: BeautifulSoup(html, 'lxml')     {bs4_parse:7.3f}")
    print()
    for rule in sorted(mine, key=lambda r: r.code):
        ms = cpu_ms(lambda d, r=rule: check_document(d, [r], is_home=True), html, args.repeat)
        print(f"  {rule.code} {rule.name:38} {ms:7.3f}")
    for rule in sorted(collectors, key=lambda r: r.code):
        if rule.code in ("NAV003",) or not rule.code.startswith(("POL", "NAV")):  # POL/NAV share one collector
            ms = cpu_ms(lambda d, r=rule: r.collect(d), html, args.repeat)
            print(f"  {rule.code} collect{'':31} {ms:7.3f}")
    together = cpu_ms(lambda d: (check_document(d, mine, is_home=True), [r.collect(d) for r in collectors]),
                      html, args.repeat)
    rest = cpu_ms(lambda d: check_document(d, others, is_home=True), html, args.repeat)
    print()
    print(f"GIGW: {len(mine)} page rules + {len(collectors)} collectors together {together:7.3f} ms/page")
    print(f"peer: the other {len(others)} static page rules together  {rest:7.3f} ms/page")
    print(f"ratio GIGW / other rules: {together / rest:.2f};  GIGW / bs4 parse: {together / bs4_parse:.2f}")


if __name__ == "__main__":
    main()
