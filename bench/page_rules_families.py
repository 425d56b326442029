"""Per-page cost of the images, language, titles, headings and forms rule families (issue 2 figures).

    .venv/bin/python bench/page_rules_families.py [--repeat 300]

Builds two typical 30 KB ministry pages (an English page with Hindi parts, and a Hindi page with English
parts, from tests/sitegen.py) and times, per page: parsing into a Document, each rule of these families on a
freshly parsed Document (caches are per document, so nothing is reused between runs), and all of them together.
The peer, measured in the same run on the same HTML: parsing alone with BeautifulSoup(html, "lxml"), the floor a
bs4-based checker pays before running any rule.
"""
from __future__ import annotations

import argparse
import re
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bs4 import BeautifulSoup  # noqa: E402

from kasauti.linter.engines.static import check_document, split_rules  # noqa: E402
from kasauti.linter.html import Document  # noqa: E402
from kasauti.linter.rules import select_rules  # noqa: E402
from tests.sitegen import HINDI, page_html  # noqa: E402

FAMILIES = ["IMG", "LANG", "TTL", "HDG", "FRM"]
URL = "https://jalshakti.gov.in/schemes/notice-3.html"

FORM = """<h2>Feedback</h2><form action="/feedback/" method="post"><fieldset><legend>Your details</legend>
<label for="n">Name</label><input id="n" name="name" autocomplete="name">
<label for="m">Mobile</label><input id="m" type="tel" name="mobile" autocomplete="tel">
<label for="e">Email</label><input id="e" type="email" name="email" autocomplete="email">
<label for="s">State</label><select id="s" name="state"><option>Assam</option><option>Kerala</option></select>
</fieldset><fieldset><legend>Was the page useful?</legend><label><input type="radio" name="u" value="y"> Yes</label>
<label><input type="radio" name="u" value="n"> No</label></fieldset>
<label for="t">Message</label><textarea id="t" name="message"></textarea><button>Send</button></form>"""


def typical_page(hindi: bool) -> str:
    rng = random.Random(11)
    html = page_html(3, 100, rng)
    extra = page_html(4, 100, rng).split("<main id=\"main\">", 1)[1].split("</main>", 1)[0]
    extra = extra.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    if hindi:  # Devanagari takes three bytes a letter: half as much content keeps the page near 30 KB
        extra = extra[: len(extra) // 3].rsplit("</p>", 1)[0] + "</p>"
    html = html.replace("</main>", extra + FORM + "</main>")
    if hindi:
        # The Hindi edition: Hindi prose in place of the English paragraphs, table cells and captions, with
        # the navigation still partly in English (as on many real Hindi pages).
        html = html.replace('<html lang="en">', '<html lang="hi">')
        html = re.sub(r"<p>[^<]*</p>", lambda _: "<p>" + " ".join(rng.choice(HINDI) for _ in range(45)) + "।</p>", html)
        html = re.sub(r"<td>[A-Z][^<]*</td>", lambda _: "<td>" + " ".join(rng.choice(HINDI) for _ in range(6)) + "</td>", html)
        html = re.sub(r"<figcaption>[^<]*</figcaption>",
                      lambda _: "<figcaption>" + " ".join(rng.choice(HINDI) for _ in range(8)) + "</figcaption>", html)
    return html


def per_call(func, repeat: int) -> float:
    """Milliseconds per call: the lower quartile of `repeat` timed calls (robust to other load on the machine)."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.quantiles(samples, n=4)[0] * 1000


def bench(html: str, repeat: int, rules) -> None:
    print(f"\npage: {len(html.encode()) / 1024:.1f} KB, lang={Document(html).lang}")
    t_bs4 = per_call(lambda: BeautifulSoup(html, "lxml"), repeat)
    t_parse = per_call(lambda: Document(html, URL), repeat)
    print(f"  peer  BeautifulSoup(html, 'lxml') parse : {t_bs4:7.3f} ms")
    print(f"  Kasauti Document parse                 : {t_parse:7.3f} ms")
    docs = [Document(html, URL) for _ in range(repeat)]
    total = 0.0
    for rule in rules:
        fresh = iter([Document(html, URL) for _ in range(repeat)])
        cost = per_call(lambda: list(rule.check(next(fresh))), repeat)
        total += cost
        print(f"  {rule.code:8s} {rule.name:32s}: {cost:7.3f} ms")
    together = iter(docs)
    t_all = per_call(lambda: check_document(next(together), rules, is_home=True), repeat)
    print(f"  all {len(rules)} rules together (shared caches)  : {t_all:7.3f} ms "
          f"(sum of separate runs {total:.3f} ms)")
    print(f"  parse + these rules = {t_parse + t_all:.3f} ms = {(t_parse + t_all) / t_bs4:.2f}x a bs4 parse alone")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    rules, _ = split_rules(select_rules(FAMILIES))
    for hindi in (False, True):
        bench(typical_page(hindi), args.repeat, rules)


if __name__ == "__main__":
    main()
