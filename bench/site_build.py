"""Build time of a 1,000-page bilingual site: Kasauti theme + plugin against stock Material + i18n.

    .venv/bin/python bench/site_build.py [--pages 1000] [--runs 3]

Both projects have the same pages (tests/themes/sitefactory.py: the mandatory GIGW pages plus generated
section pages with tables, document links and external links, each in English and Hindi), the same plugins
(search, i18n, git-revision-date-localized) and are git repositories with one commit. The only differences:
`theme: kasauti` and the kasauti plugin, against `theme: material`. Each build is a fresh `mkdocs build`
subprocess; the figure is the median wall time of --runs builds. Target (issue 3): at most 1.2x stock.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.themes.sitefactory import build, write_large_project  # noqa: E402

TARGET_RATIO = 1.2


def timed_builds(folder: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = build(folder, strict=False, timeout=1800)
        times.append(time.perf_counter() - started)
        if result.returncode:
            raise SystemExit(f"build failed in {folder}:\n{result.stderr[-3000:]}")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="built pages in all, both languages")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kasauti-build-bench-") as tmp:
        projects = {
            "kasauti": write_large_project(Path(tmp) / "kasauti", args.pages),
            "material": write_large_project(Path(tmp) / "material", args.pages, theme="material",
                                            kasauti_plugin=False),
        }
        built = len(list((projects["kasauti"] / "docs").rglob("*.md")))
        print(f"{built} Markdown sources ({args.pages} pages target), {args.runs} builds each, interleaved")
        times: dict[str, list[float]] = {name: [] for name in projects}
        for _ in range(args.runs):  # interleave so machine noise hits both alike
            for name, folder in projects.items():
                times[name] += timed_builds(folder, 1)
        pages = {name: len(list((folder / "site").rglob("index.html"))) for name, folder in projects.items()}
    for name, values in times.items():
        print(f"  {name:9s} median {statistics.median(values):6.2f} s  (runs: "
              f"{', '.join(f'{v:.2f}' for v in values)}; {pages[name]} HTML pages)")
    ratio = statistics.median(times["kasauti"]) / statistics.median(times["material"])
    print(f"Kasauti / stock Material build time: {ratio:.2f}x (target <= {TARGET_RATIO}x): "
          f"{'PASS' if ratio <= TARGET_RATIO else 'FAIL'}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
