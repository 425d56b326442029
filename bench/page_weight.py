"""Home-page weight of a Kasauti site on first visit: every resource Chromium requests, gzip-compressed.

    .venv/bin/python bench/page_weight.py [--site SITE_DIR] [--page hi/]

Without --site it builds the bilingual test project of tests/themes/sitefactory.py twice, with the Kasauti
theme + plugin and with stock Material + i18n (the peer), and measures both home pages. The built folder is
served on 127.0.0.1; headless Chromium with an empty profile loads the page and waits for the network to be
idle; every request reaching the local server is logged (the search worker's included) and each file is
gzip-compressed (level 6, what web servers use) from the built folder; URLs of any other origin, from the
Resource Timing API, count as third-party requests. Targets (issue 3): <= 120 KB gzip in total and zero third-party requests.
"""
from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.themes.browser import chromium, serve  # noqa: E402
from tests.themes.sitefactory import build, write_project  # noqa: E402

BUDGET_KB = 120
COLLECT = """
const done = arguments[arguments.length - 1];
const settle = () => {
  const entries = performance.getEntriesByType('resource').map(e => e.name);
  done([location.href, ...entries]);
};
// Wait until no new resource has started for 1.5 s (fonts, search index and worker load after 'load').
let count = -1;
const poll = () => {
  const now = performance.getEntriesByType('resource').length;
  if (now === count) settle(); else { count = now; setTimeout(poll, 1500); }
};
if (document.readyState === 'complete') poll(); else addEventListener('load', poll);
"""


def measure(site: Path, page: str = "") -> dict:
    served: list = []
    with serve(site, served) as base, chromium() as session:
        session.driver.get(base + page)
        seen = session.driver.execute_async_script(COLLECT)
    # Same-origin bytes from the server's log (it also sees the search worker's requests, which the page's
    # Resource Timing does not); other origins from Resource Timing, since they never reach our server.
    third_party = [url for url in seen if not url.startswith(base)]
    rows = []
    for path, status in served:
        local = site / unquote(urlsplit(path).path.lstrip("/"))
        if local.is_dir():
            local = local / "index.html"
        if status != 200 or not local.is_file():
            rows.append((f"{path} [{status}]", 0, 0))
            continue
        raw = local.read_bytes()
        rows.append((path, len(raw), len(gzip.compress(raw, compresslevel=6))))
    return {"rows": rows, "third_party": third_party,
            "raw": sum(r[1] for r in rows), "gzip": sum(r[2] for r in rows)}


def report(name: str, result: dict) -> None:
    print(f"\n{name}: {len(result['rows'])} requests, {result['raw'] / 1024:.1f} KB raw, "
          f"{result['gzip'] / 1024:.1f} KB gzip, {len(result['third_party'])} third-party")
    for path, raw, gz in sorted(result["rows"], key=lambda r: -r[2]):
        print(f"  {gz / 1024:7.1f} KB gzip  {raw / 1024:7.1f} KB raw  {path}")
    for url in result["third_party"]:
        print(f"  THIRD-PARTY {url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build the test project)")
    parser.add_argument("--page", default="", help="page path under the site, e.g. hi/ (default: home)")
    args = parser.parse_args()
    if args.site:
        result = measure(args.site, args.page)
        report(f"{args.site}/{args.page}", result)
    else:
        with tempfile.TemporaryDirectory(prefix="kasauti-weight-") as tmp:
            results = {}
            for label, theme, plugin in (("kasauti", "kasauti", True), ("stock material + i18n", "material", False)):
                folder = write_project(Path(tmp) / theme, theme=theme, kasauti_plugin=plugin)
                built = build(folder, strict=False)
                if built.returncode:
                    print(built.stderr[-2000:])
                    return 2
                results[label] = measure(folder / "site", args.page)
                report(label, results[label])
            result = results["kasauti"]
            peer = results["stock material + i18n"]
            print(f"\nKasauti home page: {result['gzip'] / 1024:.1f} KB gzip vs stock Material "
                  f"{peer['gzip'] / 1024:.1f} KB ({result['gzip'] / peer['gzip']:.2f}x); third-party requests: "
                  f"{len(result['third_party'])} vs {len(peer['third_party'])}")
    verdict = result["gzip"] <= BUDGET_KB * 1024 and not result["third_party"]
    print(f"budget {BUDGET_KB} KB gzip, zero third-party: {'PASS' if verdict else 'FAIL'} "
          f"({result['gzip'] / 1024:.1f} KB, {len(result['third_party'])} third-party)")
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
