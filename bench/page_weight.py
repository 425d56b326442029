"""Home-page weight on first visit, Kasauti against stock Material: every resource Chromium requests, gzip.

    .venv/bin/python bench/page_weight.py [--site SITE_DIR] [--page hi/]

Without --site it builds, in one run: the bilingual test project of tests/themes/sitefactory.py with the
Kasauti theme + plugin, the reference site (mkdocs.yml + content/), a fresh `kasauti new --defaults` site, and
two peers with stock Material (`theme: material`, its defaults, so Google Fonts included): the same bilingual
test project with mkdocs-static-i18n, and a near-empty English page. Each built folder is served on
127.0.0.1; headless Chromium with an empty profile loads the home page (and the Hindi home page) and waits until
no new resource has started for 1.5 s; every request reaching the local server is logged (the search worker's
included) and each file is gzip-compressed (level 6, what web servers use) from the built folder. Third-party
requests are the requests of the tab (Chromium's network log) to any other origin, failed ones included (there
is no network: everything off loopback goes to a proxy that answers 502), plus preconnects to other origins. Targets (issue 3): <= 120 KB gzip in total for the home
page and zero third-party requests.
"""
from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.themes.browser import network_logged_chromium, outside_world, serve, tab_requests  # noqa: E402
from tests.themes.sitefactory import (build, commit_all, new_site_project, reference_project,  # noqa: E402
                                      write_project)

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


PRECONNECTS = """return [...document.querySelectorAll('link[rel~=preconnect], link[rel~=dns-prefetch]')]
  .map(l => l.href).filter(h => !h.startsWith(location.origin));"""


def measure(site: Path, page: str = "") -> dict:
    served: list = []
    with outside_world() as (flags, _proxied), serve(site, served) as base, \
            network_logged_chromium(extra_flags=flags) as driver:
        driver.get(base + page)
        driver.execute_async_script(COLLECT)
        requested = tab_requests(driver)
        preconnects = driver.execute_script(PRECONNECTS)
    # Same-origin bytes from the server's log (it also sees the search worker's requests); other origins from
    # the tab's network log, failed requests included, plus connections the page opens ahead (preconnect).
    third_party = sorted({url for url in requested if url.startswith(("http:", "https:")) and not url.startswith(base)}
                         | {f"preconnect {url}" for url in preconnects})
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


def near_empty_material(folder: Path) -> Path:
    (folder / "docs").mkdir(parents=True)
    (folder / "docs/index.md").write_text("# Hello\n\nA near-empty page.\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: Near-empty\ntheme:\n  name: material\n", encoding="utf-8")
    commit_all(folder)
    return folder


SITES = {  # label -> (project builder, is Kasauti)
    "Kasauti test project (bilingual)": (lambda f: write_project(f), True),
    "Kasauti reference site": (reference_project, True),
    "Kasauti `kasauti new --defaults`": (new_site_project, True),
    "stock Material + i18n, same project": (
        lambda f: write_project(f, theme="material", kasauti_plugin=False, theme_config={"name": "material"}), False),
    "stock Material, near-empty page": (near_empty_material, False),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build all the sites above)")
    parser.add_argument("--page", default="", help="page path under the site, e.g. hi/ (default: home)")
    args = parser.parse_args()
    if args.site:
        result = measure(args.site, args.page)
        report(f"{args.site}/{args.page}", result)
        verdict = result["gzip"] <= BUDGET_KB * 1024 and not result["third_party"]
        print(f"budget {BUDGET_KB} KB gzip, zero third-party: {'PASS' if verdict else 'FAIL'}")
        return 0 if verdict else 1
    table = ["| site | page | requests | KB raw | KB gzip | third-party requests |", "|---|---|---|---|---|---|"]
    ok = True
    with tempfile.TemporaryDirectory(prefix="kasauti-weight-") as tmp:
        for index, (label, (make, is_kasauti)) in enumerate(SITES.items()):
            folder = make(Path(tmp) / f"site{index}")
            built = build(folder, strict=False)
            if built.returncode:
                print(built.stderr[-2000:])
                return 2
            pages = [""] + (["hi/"] if (folder / "site/hi/index.html").is_file() else [])
            for page in pages:
                result = measure(folder / "site", page)
                report(f"{label} /{page}", result)
                table.append(f"| {label} | /{page} | {len(result['rows'])} | {result['raw'] / 1024:.1f} | "
                             f"{result['gzip'] / 1024:.1f} | {len(result['third_party'])} |")
                if is_kasauti and page == "":
                    ok &= result["gzip"] <= BUDGET_KB * 1024 and not result["third_party"]
    print("\n" + "\n".join(table))
    print(f"\nKasauti home pages within {BUDGET_KB} KB gzip with zero third-party requests: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
