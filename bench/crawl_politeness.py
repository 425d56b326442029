"""Crawl politeness, measured from the server's side (issue 2 figures).

    .venv/bin/python bench/crawl_politeness.py [--pages 50] [--delay 0.2]

Serves a generated ministry site on 127.0.0.1 (the pages of tests/sitegen.py, a robots.txt that disallows
/private/, a sitemap.xml listing every page) and crawls it with the given delay. Reported from the server's
request log: requests made (by kind), URLs refused by robots.txt (and requests that reached them: must be 0),
the smallest, mean and largest gap between two requests, the most requests in flight at once, and pages/s.
Peers in the same run: the politeness ceiling 1/delay pages/s, and the same crawl with no delay (the
crawler's own speed: what the delay costs).
"""
from __future__ import annotations

import argparse
import itertools
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kasauti.linter.crawl import CrawlOptions, crawl  # noqa: E402
from tests.linter.crawl.servers import RecordingServer, gaps  # noqa: E402
from tests.sitegen import generate_site  # noqa: E402

PRIVATE = 10  # extra pages under /private/, linked from the home page, disallowed by robots.txt


def site_routes(folder: Path, pages: int) -> dict:
    files = {"/" + p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.html")}
    # Keep the crawl inside the generated pages: links to pages and documents that do not exist are
    # rewritten to existing pages, so every request is a real page fetch.
    existing = sorted("/" if p == "/index.html" else p for p in files)
    pattern = re.compile(rb'href="(/[^"#]*)"')
    substitutes = itertools.cycle(existing)

    def keep_or_substitute(match: re.Match) -> bytes:
        target = match.group(1).decode()
        if target in files or target == "/":
            return match.group(0)
        return f'href="{next(substitutes)}"'.encode()

    routes = {}
    for path, body in files.items():
        body = pattern.sub(keep_or_substitute, body)
        if path == "/index.html":
            body = body.replace(b"</main>", b"".join(b'<a href="/private/p%d.html">Private %d</a>' % (i, i)
                                                     for i in range(PRIVATE)) + b"</main>")
        routes[path] = (lambda data: lambda h: h.send(200, data))(body)
    routes["/"] = routes["/index.html"]
    routes["/robots.txt"] = lambda h: h.send(200, "User-agent: *\nDisallow: /private/\n"
                                             f"Sitemap: {h.server.base}/sitemap.xml\n", "text/plain")
    routes["/sitemap.xml"] = lambda h: h.send(200, "<urlset>" + "".join(
        f"<url><loc>{h.server.base}{p}</loc></url>" for p in existing) + "</urlset>", "application/xml")
    return routes


def measure(routes: dict, delay: float, pages: int) -> dict:
    with RecordingServer(routes) as server:
        started = time.perf_counter()
        # max_pages leaves room for the /private/ links so robots.txt, not the page budget, refuses them
        records = list(crawl([server.url("/")], CrawlOptions(delay=delay, max_pages=pages + PRIVATE,
                                                             check_documents=False, check_links=False)))
        seconds = time.perf_counter() - started
    audited = sum(1 for r in records if r.kind == "page" and r.text)
    spacing = gaps(server.hits)
    return {
        "seconds": seconds, "audited": audited, "requests": len(server.hits),
        "by_kind": Counter(r.kind for r in records if r.error is None),
        "disallowed": sum(1 for r in records if r.error == "robots-disallowed"),
        "disallowed_requested": sum(1 for h in server.hits if h.path.startswith("/private/")),
        "min_gap": min(spacing), "mean_gap": statistics.mean(spacing), "max_gap": max(spacing),
        "max_in_flight": server.max_active, "pages_per_s": audited / seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--delay", type=float, default=0.2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        routes = site_routes(generate_site(Path(tmp) / "site", args.pages), args.pages)
    polite = measure(routes, args.delay, args.pages)
    unthrottled = measure(routes, 0.0, args.pages)
    ceiling = 1 / args.delay
    print(f"site: {args.pages} pages + {PRIVATE} robots-disallowed pages on 127.0.0.1; delay {args.delay} s "
          f"(jitter +-20%)")
    print(f"{'':>14} {'audited':>8} {'requests':>9} {'disallowed':>11} {'reached':>8} {'min gap':>8} "
          f"{'mean gap':>9} {'max gap':>8} {'in flight':>10} {'pages/s':>8} {'seconds':>8}")
    for name, m in (("polite", polite), ("no delay", unthrottled)):
        print(f"{name:>14} {m['audited']:>8} {m['requests']:>9} {m['disallowed']:>11} {m['disallowed_requested']:>8} "
              f"{m['min_gap']:>8.3f} {m['mean_gap']:>9.3f} {m['max_gap']:>8.3f} {m['max_in_flight']:>10} "
              f"{m['pages_per_s']:>8.2f} {m['seconds']:>8.2f}")
    print(f"requests by kind (polite): {dict(polite['by_kind'])}")
    print(f"min gap / delay = {polite['min_gap'] / args.delay:.2f} (>= 0.80 required: jitter floor); "
          f"mean gap / delay = {polite['mean_gap'] / args.delay:.2f}")
    print(f"pages/s vs the politeness ceiling 1/delay = {ceiling:.1f}: ratio {polite['pages_per_s'] / ceiling:.2f}; "
          f"cost of politeness vs no delay: {unthrottled['pages_per_s'] / polite['pages_per_s']:.1f}x slower")
    ok = polite["min_gap"] >= 0.8 * args.delay - 0.005 and polite["disallowed_requested"] == 0 \
        and polite["max_in_flight"] == 1
    print("politeness:", "OK" if ok else "VIOLATED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
