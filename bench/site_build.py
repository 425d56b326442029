"""Build time of a 1,000-page bilingual site: Kasauti theme + plugin against stock Material + i18n.

    .venv/bin/python bench/site_build.py [--pages 1000] [--runs 3] [--quiet-load 0.5]

Both projects have the same pages (tests/themes/sitefactory.py: the mandatory GIGW pages plus generated
section pages with tables, document links and external links, each in English and Hindi), the same plugins
(search, i18n, git-revision-date-localized) and are git repositories with one commit. The only differences:
`theme: kasauti` and the kasauti plugin, against `theme: material`. Each build is a fresh `mkdocs build`
subprocess, Kasauti and Material interleaved so that machine noise hits both alike. Two figures per build:
wall time, and CPU time (user + system of the build and its children, e.g. the revision-date plugin's git
workers), which a machine shared with other work disturbs much less. Before each build the bench waits (up to
--max-wait s) until fewer than --quiet-load cores are busy (a 1 s CPU sample). The figure is the median of --runs
builds; the spread is min-max of the per-round ratios. Target (issue 3): at most 1.2x stock.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.themes.browser import wait_for_quiet  # noqa: E402
from tests.themes.sitefactory import build, write_large_project  # noqa: E402

TARGET_RATIO = 1.2


def timed_build(folder: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `mkdocs build`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = build(folder, strict=False, timeout=1800)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise SystemExit(f"build failed in {folder}:\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="built pages in all, both languages")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quiet-load", type=float, default=0.5,
                        help="busy cores below which a run starts; 0: do not wait for a quiet machine")
    parser.add_argument("--max-wait", type=float, default=120)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kasauti-build-bench-") as tmp:
        projects = {
            "kasauti": write_large_project(Path(tmp) / "kasauti", args.pages),
            "material": write_large_project(Path(tmp) / "material", args.pages, theme="material",
                                            kasauti_plugin=False),
        }
        sources = len(list((projects["kasauti"] / "docs").rglob("*.md")))
        print(f"{sources} Markdown sources ({args.pages} pages target), {args.runs} builds each, interleaved",
              flush=True)
        times: dict[str, list[tuple[float, float, float]]] = {name: [] for name in projects}
        for round_ in range(args.runs):
            for name, folder in projects.items():
                load = wait_for_quiet(args.quiet_load, args.max_wait) if args.quiet_load else os.getloadavg()[0]
                wall, cpu = timed_build(folder)
                times[name].append((wall, cpu, load))
                print(f"  round {round_ + 1} {name:9s} wall {wall:6.1f} s  cpu {cpu:6.1f} s  (busy cores {load:.1f})",
                      flush=True)
        pages = {name: len(list((folder / "site").rglob("index.html"))) for name, folder in projects.items()}
    results = {}
    for index, measure in ((0, "wall"), (1, "cpu")):
        medians = {name: statistics.median(t[index] for t in runs) for name, runs in times.items()}
        rounds = [k[index] / m[index] for k, m in zip(times["kasauti"], times["material"])]
        results[measure] = (medians["kasauti"] / medians["material"], min(rounds), max(rounds), medians)
    for name in times:
        print(f"  {name:9s} {pages[name]} HTML pages; median wall {results['wall'][3][name]:6.1f} s, "
              f"median CPU {results['cpu'][3][name]:6.1f} s")
    for measure, (ratio, low, high, _) in results.items():
        print(f"Kasauti / stock Material, {measure} time: {ratio:.2f}x (per-round {low:.2f}-{high:.2f}x; "
              f"target <= {TARGET_RATIO}x): {'PASS' if ratio <= TARGET_RATIO else 'FAIL'}")
    return 0 if results["wall"][0] <= TARGET_RATIO and results["cpu"][0] <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
