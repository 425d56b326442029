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

Prints pages/s for both and the ratio; the target is Kasauti >= 2x pa11y-ci.
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
    parser.add_argument("--skip-peer", action="store_true", help="time Kasauti only")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; pages: {args.pages}")
    with tempfile.TemporaryDirectory(prefix="kasauti-bench-") as tmp:
        folder = generate_site(Path(tmp) / "site", args.pages)
        server, base = serve(folder)
        urls = page_urls(folder, base)
        try:
            k_seconds, report = run_kasauti(base, args.pages, Path(tmp) / "kasauti.json")
            failures = report.get("stats", {}).get("browser_failures", [])
            k_pages = len(report["pages"])
            axe_findings = sum(1 for f in report["findings"] if f["engine"] == "axe")
            k_rate = k_pages / k_seconds
            print(f"Kasauti  static+axe+browser checks, concurrency 2: {k_pages} pages in {k_seconds:.1f} s = "
                  f"{k_rate:.2f} pages/s (crawl included; {len(failures)} browser errors, {axe_findings} axe/BRW "
                  f"findings)")
            if args.skip_peer:
                return 0
            if not ensure_pa11y_ci():
                print("pa11y-ci is not installed and could not be (npm missing?); no peer measured")
                return 1
            p_seconds, peer = run_pa11y_ci(urls, Path(tmp))
            errored = sum(1 for issues in peer.get("results", {}).values()
                          if any("message" in i and "code" not in i for i in issues))
            p_pages = peer.get("total", len(urls))
            p_rate = p_pages / p_seconds
            print(f"pa11y-ci axe runner, concurrency 2:                {p_pages} pages in {p_seconds:.1f} s = "
                  f"{p_rate:.2f} pages/s ({errored} pages failed to run)")
            print(f"ratio Kasauti / pa11y-ci: {k_rate / p_rate:.2f}x (target >= 2x)")
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
