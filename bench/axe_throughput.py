"""Browser-audit throughput: `kasauti audit --engines static,axe --concurrency 2` against pa11y-ci (axe runner,
concurrency 2) on the same served pages, in the same run.

    .venv/bin/python bench/axe_throughput.py [--pages 300] [--skip-peer]

Generates a ministry site (tests/sitegen.py), serves it on 127.0.0.1 from this process, then times:

  * Kasauti: crawls the served site (no delay), static rules, then axe-core + the BRW browser checks in two
    long-lived Chromium sessions (`--concurrency 2`); the time is the whole command, crawl included.
  * pa11y-ci 4.1.1 (bench/peers, installed with PUPPETEER_SKIP_DOWNLOAD=1 and pointed at /usr/bin/chromium
    through chromeLaunchConfig.executablePath): runner axe, concurrency 2, the same page URLs. Its default
    incognito browser context per page makes half the pages fail with this Chromium ("Target.closeTarget: No
    target with given id found"), so the bench sets useIncognitoBrowserContext false, a documented pa11y-ci
    option; every page then gets a result.

Prints pages/s for both and the ratio (the target is Kasauti >= 2x pa11y-ci) and writes
bench/results/axe-throughput.md; `--runs 2` repeats both tools to show the run-to-run spread.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.sitegen import generate_site  # noqa: E402

KASAUTI = Path(sys.executable).with_name("kasauti")
PEERS = Path(__file__).resolve().parent / "peers"
PA11Y_CI = PEERS / "node_modules" / ".bin" / "pa11y-ci"
RESULTS = Path(__file__).resolve().parent / "results" / "axe-throughput.md"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def page_urls(folder: Path, base: str) -> list[str]:
    urls = []
    for path in sorted(folder.rglob("*.html")):
        rel = path.relative_to(folder).as_posix()
        urls.append(base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return urls


def run_kasauti(base: str, pages: int, report: Path) -> tuple[float, dict]:
    command = [str(KASAUTI), "audit", base, "--engines", "static,axe", "--concurrency", "2", "--delay", "0",
               "--max-pages", str(pages), "--format", "json", "--output", str(report), "--quiet",
               "--fail-on", "critical"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"kasauti failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return elapsed, json.loads(report.read_text("utf-8"))


def ensure_pa11y_ci() -> bool:
    if PA11Y_CI.exists():
        return True
    if shutil.which("npm") is None:
        return False
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PEERS, env=env)
    return done.returncode == 0 and PA11Y_CI.exists()


def run_pa11y_ci(urls: list[str], workdir: Path) -> tuple[float, dict]:
    config = {
        "defaults": {
            "runners": ["axe"],
            "concurrency": 2,
            "timeout": 30000,
            "useIncognitoBrowserContext": False,
            "chromeLaunchConfig": {"executablePath": "/usr/bin/chromium",
                                   "args": ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"]},
        },
        "urls": urls,
    }
    config_path = workdir / "pa11y-ci.json"
    config_path.write_text(json.dumps(config), "utf-8")
    started = time.perf_counter()
    done = subprocess.run([str(PA11Y_CI), "--config", str(config_path), "--json"], capture_output=True, text=True,
                          cwd=PEERS)
    elapsed = time.perf_counter() - started
    try:
        return elapsed, json.loads(done.stdout)
    except ValueError:
        raise SystemExit(f"pa11y-ci gave no JSON ({done.returncode}):\n{done.stderr[-3000:]}") from None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=1, help="repeat both tools this many times (spread)")
    parser.add_argument("--skip-peer", action="store_true", help="time Kasauti only")
    parser.add_argument("--output", type=Path, default=RESULTS, help="results table (Markdown)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; pages: {args.pages}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="kasauti-bench-") as tmp:
        folder = generate_site(Path(tmp) / "site", args.pages)
        server, base = serve(folder)
        urls = page_urls(folder, base)
        try:
            if not args.skip_peer and not ensure_pa11y_ci():
                print("pa11y-ci is not installed and could not be (npm missing?); no peer measured")
                return 1
            for run in range(1, args.runs + 1):
                row = {"run": run}
                row["load_k"] = os.getloadavg()[0]
                k_seconds, report = run_kasauti(base, args.pages, Path(tmp) / "kasauti.json")
                failures = report.get("stats", {}).get("browser_failures", [])
                row.update(k_pages=len(report["pages"]), k_seconds=k_seconds, k_errors=len(failures),
                           k_findings=sum(1 for f in report["findings"] if f["engine"] == "axe"))
                row["k_rate"] = row["k_pages"] / k_seconds
                print(f"[{run}] Kasauti  static+axe+browser checks, concurrency 2: {row['k_pages']} pages in "
                      f"{k_seconds:.1f} s = {row['k_rate']:.2f} pages/s (crawl included; {len(failures)} browser "
                      f"errors, {row['k_findings']} axe/BRW findings; load {row['load_k']:.1f})")
                if args.skip_peer:
                    rows.append(row)
                    continue
                row["load_p"] = os.getloadavg()[0]
                p_seconds, peer = run_pa11y_ci(urls, Path(tmp))
                row["p_errors"] = sum(1 for issues in peer.get("results", {}).values()
                                      if any("message" in i and "code" not in i for i in issues))
                row.update(p_pages=peer.get("total", len(urls)), p_seconds=p_seconds)
                row["p_rate"] = row["p_pages"] / p_seconds
                row["ratio"] = row["k_rate"] / row["p_rate"]
                print(f"[{run}] pa11y-ci axe runner, concurrency 2:                {row['p_pages']} pages in "
                      f"{p_seconds:.1f} s = {row['p_rate']:.2f} pages/s ({row['p_errors']} pages failed to run; "
                      f"load {row['load_p']:.1f})")
                print(f"[{run}] ratio Kasauti / pa11y-ci: {row['ratio']:.2f}x (target >= 2x)")
                rows.append(row)
        finally:
            server.shutdown()
    if not args.skip_peer:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(render(rows, args.pages), "utf-8")
        print(f"wrote {args.output}")
    return 0


def render(rows: list[dict], pages: int) -> str:
    ratios = [r["ratio"] for r in rows]
    lines = [
        "# Browser-audit throughput: Kasauti vs pa11y-ci",
        "",
        f"Measured by `bench/axe_throughput.py --pages {pages} --runs {len(rows)}` on {time.strftime('%Y-%m-%d')}, "
        f"{os.cpu_count()} cores shared with other work (the 1-minute load average when each tool started is "
        "given). The same generated ministry site is served on 127.0.0.1 from the bench process for both tools.",
        "",
        "* **Kasauti**: `kasauti audit URL --engines static,axe --concurrency 2 --delay 0`, the whole command: crawl, "
        "static rules, then axe-core 4.14 (WCAG 2.0-2.2 A/AA + best practice) and the BRW001-BRW006 browser "
        "checks in two long-lived Chromium sessions.",
        "* **pa11y-ci 4.1.1** (pa11y 9, its own axe-core 4.11, WCAG 2.0/2.1 A/AA + best practice, no BRW-like "
        "checks), `runners: [axe]`, `concurrency: 2`, Debian's Chromium, given the page URLs (no crawl).",
        "",
        "| run | Kasauti pages | Kasauti s | Kasauti pages/s | load | pa11y-ci pages | pa11y-ci s | pa11y-ci pages/s | "
        "load | ratio |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(f"| {r['run']} | {r['k_pages']} ({r['k_errors']} errors) | {r['k_seconds']:.1f} | "
                     f"{r['k_rate']:.2f} | {r['load_k']:.1f} | {r['p_pages']} ({r['p_errors']} errors) | "
                     f"{r['p_seconds']:.1f} | {r['p_rate']:.2f} | {r['load_p']:.1f} | **{r['ratio']:.2f}x** |")
    lines += ["", f"Ratio over {len(rows)} run(s): {min(ratios):.2f}x to {max(ratios):.2f}x (target: at least 2x)."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
