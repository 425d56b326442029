"""Static audit throughput and memory on a generated ministry site (issue 2 figures).

    .venv/bin/python bench/static_throughput.py [--pages 500,2000]

For each size: generates the site, runs `kasauti audit <folder> --engines static` as a subprocess, and reports
pages/s and the peak RSS of the whole process tree (main + workers, sampled every 20 ms). The peer, measured in
the same run on the same pages: parsing alone with BeautifulSoup(html, "lxml") in one process — the floor a
bs4-based linter starts from before running any rule.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.sitegen import generate_site  # noqa: E402

KASAUTI = Path(sys.executable).with_name("kasauti")


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_audit(folder: Path, report: Path) -> tuple[float, int, dict]:
    start = time.perf_counter()
    proc = psutil.Popen([str(KASAUTI), "audit", str(folder), "--engines", "static", "--format", "json",
                         "--output", str(report), "--quiet", "--fail-on", "critical"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc))
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"audit failed ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
    return elapsed, peak, json.loads(report.read_text("utf-8"))


def bs4_parse(folder: Path) -> float:
    from bs4 import BeautifulSoup

    files = sorted(folder.rglob("*.html"))
    start = time.perf_counter()
    for path in files:
        BeautifulSoup(path.read_bytes(), "lxml")
    return len(files) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", default="500,2000")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.pages.split(",")):
            folder = generate_site(Path(tmp) / f"site-{n}", n)
            size_kb = sum(p.stat().st_size for p in folder.rglob("*.html")) / n / 1024
            elapsed, peak, report = run_audit(folder, Path(tmp) / f"report-{n}.json")
            audited = len(report["pages"])
            peer = bs4_parse(folder)
            rows.append((n, size_kb, audited, elapsed, audited / elapsed, peak / 2**20, peer,
                         len(report["findings"])))
    print(f"{'pages':>6} {'KB/page':>8} {'audited':>8} {'seconds':>8} {'pages/s':>8} {'peak RSS MB':>12} "
          f"{'bs4 parse-only pages/s':>23} {'ratio':>6} {'findings':>9}")
    for n, kb, audited, secs, rate, rss, peer, nfind in rows:
        print(f"{n:>6} {kb:>8.1f} {audited:>8} {secs:>8.2f} {rate:>8.1f} {rss:>12.1f} {peer:>23.1f} "
              f"{rate / peer:>6.2f} {nfind:>9}")
    print("target: >= 200 pages/s on 2 cores; memory flat as the site grows (compare peak RSS rows)")


if __name__ == "__main__":
    main()
