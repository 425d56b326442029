"""Fleet throughput: sites/min of a Celery survey with 1 and 2 workers on the same generated fleet (same run of
this script, same machine), per-page costs of the static and axe stages, and a paper estimate for 10,000 sites x
50 pages. Writes bench/results/fleet.md.

    .venv/bin/python bench/fleet_throughput.py [--sites 120] [--pages 5] [--no-axe]

Everything is real: redis-server on a free loopback port, `kasauti worker` subprocesses (one pool process each),
`kasauti survey --broker`, sites served on 127.0.0.1 by tests/sitegen.py's FleetServer (healthy sites only, so the
figure is audit throughput rather than time spent waiting on broken servers). No politeness delay (--delay 0):
the sites are ours; the estimate below adds the 1 s per-host delay back.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
KASAUTI = str(Path(sys.executable).with_name("kasauti"))

from tests.sitegen import FleetServer, fleet_plan  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def kill_group(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    try:
        os.killpg(process.pid, sig)
        process.wait(20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def survey_with_workers(n_workers: int, csv_path: Path, db: Path, broker: str, pages: int, work: Path) -> dict:
    workers = [subprocess.Popen([KASAUTI, "worker", "--broker", broker, "--db", str(db), "-Q", "static", "-c", "1",
                                 "-n", f"bench{n_workers}-{i}@%h"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True) for i in range(n_workers)]
    try:
        time.sleep(4)  # workers connected and waiting (not part of the measurement)
        started = time.monotonic()
        result = subprocess.run([KASAUTI, "survey", str(csv_path), "--db", str(db), "--broker", broker, "--new",
                                 "--delay", "0", "--timeout", "5", "--max-pages", str(pages), "--reports-dir",
                                 str(work / "reports"), "--label", f"{n_workers} worker(s)"],
                                capture_output=True, text=True, timeout=3600)
        wall = time.monotonic() - started
        if result.returncode != 0:
            raise SystemExit(f"survey failed: {result.stderr}")
    finally:
        for process in workers:
            kill_group(process)
    with sqlite3.connect(db) as conn:
        run_id = conn.execute("SELECT run_id FROM runs ORDER BY created_at DESC LIMIT 1").fetchone()[0]
        done, ok, pages_total, seconds = conn.execute(
            "SELECT COUNT(*), SUM(status = 'ok'), SUM(pages_audited), SUM(seconds) FROM results "
            "WHERE run_id = ? AND phase = 'done'", (run_id,)).fetchone()
    return {"workers": n_workers, "sites": done, "ok": ok, "wall": wall, "sites_per_min": done / wall * 60,
            "pages": pages_total, "task_seconds": seconds, "s_per_page": seconds / max(pages_total, 1)}


def axe_per_page(fleet: FleetServer, count: int, pages: int) -> dict | None:
    from kasauti.linter.engines.axe import check_environment  # noqa: PLC0415

    problems = check_environment()
    if problems:
        print("axe not measured:", "; ".join(problems))
        return None
    from kasauti.linter.fleet import browsers  # noqa: PLC0415
    from kasauti.linter.fleet.work import SurveySettings, browser_stage, static_stage  # noqa: PLC0415

    settings = SurveySettings(engines=("static", "axe"), delay=0, timeout=5, max_pages=pages)
    sites = [s for s in fleet.sites if s.kind == "healthy"][:count]
    first = static_stage(sites[0].url, settings)[0]
    started = time.monotonic()
    browser_stage(first, settings)  # includes starting Chromium once
    startup_and_first = time.monotonic() - started
    timed_pages = 0
    started = time.monotonic()
    for site in sites[1:]:
        result = static_stage(site.url, settings)[0]
        timed_pages += sum(1 for p in result.pages if p.error is None)
        browser_stage(result, settings)
    elapsed = time.monotonic() - started
    static_part = 0.0
    for site in sites[1:]:  # subtract the static stage, timed alone
        t = time.monotonic()
        static_stage(site.url, settings)
        static_part += time.monotonic() - t
    browsers.shutdown_browser()
    return {"pages": timed_pages, "s_per_page": (elapsed - static_part) / max(timed_pages, 1),
            "first_site_s": startup_and_first, "chromium_starts": browsers.started}


def estimate(static_s: float, axe_s: float | None) -> str:
    sites, pages = 10_000, 50
    requests = pages + 20  # pages + robots.txt, sitemap, document HEADs, external link checks (capped)
    response = 0.5  # s, a government server's typical answer time from India
    per_site_wall = requests * (1.0 + response)  # politeness: one request at a time per host, 1 s apart
    cpu_site = pages * static_s
    lines = [
        f"- Politeness dominates: {requests} requests per site, one at a time per host, 1 s apart, ~{response} s per "
        f"answer: **~{per_site_wall:.0f} s of wall time per site** whatever the hardware; the static CPU work is "
        f"{pages} x {static_s * 1000:.0f} ms = {cpu_site:.1f} s per site ({cpu_site / per_site_wall:.1%} of the wall).",
        f"- So a static worker process is mostly waiting: one core keeps ~{per_site_wall / cpu_site:.0f} site "
        f"processes busy; memory (~100 MB per process) is the real limit. With 40 processes on a 2-core, 8 GB "
        f"machine: 10,000 x {per_site_wall:.0f} s / 40 = **{sites * per_site_wall / 40 / 3600:.1f} h** for the "
        f"static survey; 10 such machines (400 processes): **{sites * per_site_wall / 400 / 3600:.1f} h**.",
    ]
    if axe_s:
        total = sites * pages * axe_s
        lines.append(
            f"- axe is CPU-bound in Chromium: {sites * pages:,} pages x {axe_s:.2f} s = {total / 3600:.0f} core-hours "
            f"(one browser per core). On 10 machines x 2 cores: **{total / 20 / 3600:.1f} h**; on one 2-core "
            f"machine: {total / 2 / 3600 / 24:.1f} days. The browser stage can run while the static stage of later "
            f"sites is still crawling (separate queues), so the survey takes max(static, axe), not the sum.")
    lines.append("- Lighthouse (one run at a time per machine, ~15 s each) on 3 sampled pages per site: "
                 f"10,000 x 3 x 15 s = {sites * 3 * 15 / 3600:.0f} machine-hours; 10 machines: "
                 f"**{sites * 3 * 15 / 10 / 3600:.1f} h**.")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=120)
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--no-axe", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kasauti-fleet-bench-"))
    load_before = os.getloadavg()
    port = free_port()
    redis = subprocess.Popen([shutil.which("redis-server") or "redis-server", "--port", str(port), "--bind",
                              "127.0.0.1", "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL,
                             start_new_session=True)
    broker = f"redis://127.0.0.1:{port}/0"
    try:
        time.sleep(0.5)
        plan = [s for s in fleet_plan(args.sites * 2, seed=5) if s.kind == "healthy"][: args.sites]
        with FleetServer(plan, latency=0.005) as fleet:
            csv_path = fleet.write_csv(work / "sites.csv")
            db = work / "fleet.sqlite"
            runs = [survey_with_workers(n, csv_path, db, broker, args.pages, work) for n in (1, 2)]
            axe = None if args.no_axe else axe_per_page(fleet, 4, 3)
    finally:
        kill_group(redis, signal.SIGKILL)
    one, two = runs
    load_after = os.getloadavg()
    ratio = two["sites_per_min"] / one["sites_per_min"]
    static_s = one["s_per_page"]
    text = f"""# Fleet throughput

`{' '.join(['.venv/bin/python', 'bench/fleet_throughput.py', *sys.argv[1:]])}` on {platform.node() or 'this machine'}
({os.cpu_count()} cores, Python {platform.python_version()}), {time.strftime('%Y-%m-%d')}. Real redis-server, real
`kasauti worker` subprocesses (queue `static`, one pool process each), `kasauti survey --broker`, {args.sites} generated
healthy sites on 127.0.0.1 (tests/sitegen.py FleetServer, 5 ms server latency), {args.pages} pages each, no politeness
delay. The fleet server, Redis and the survey share the same 2 cores as the workers.

| workers | sites | wall (s) | sites/min | pages | task time per page |
|---|---|---|---|---|---|
| 1 | {one['sites']} | {one['wall']:.1f} | {one['sites_per_min']:.0f} | {one['pages']} | {one['s_per_page'] * 1000:.0f} ms |
| 2 | {two['sites']} | {two['wall']:.1f} | {two['sites_per_min']:.0f} | {two['pages']} | {two['s_per_page'] * 1000:.0f} ms |

**2 workers / 1 worker = {ratio:.2f}x** on 2 cores. The machine is shared: 1-minute load average
{load_before[0]:.2f} before the benchmark and {load_after[0]:.2f} after it; with another process busy on one core,
the second worker has little to gain. Task time per page rising from 1 to 2 workers measures that contention.
"""
    if axe:
        text += (f"\naxe stage (axe-core + browser checks, one long-lived Chromium in this process, started "
                 f"{axe['chromium_starts']} time(s) for {axe['pages']} pages of 3 sites): **{axe['s_per_page']:.2f} s per "
                 f"page** (first site incl. Chromium start: {axe['first_site_s']:.1f} s).\n")
    text += f"""
## Paper estimate: 10,000 sites x 50 pages

Per-page costs from the table above (static: {static_s * 1000:.0f} ms of task time per page, which includes the
crawl on loopback, rules, scoring and writing the reports){'' if not axe else f"; axe: {axe['s_per_page']:.2f} s per page"}.
Assumptions: polite crawling as `kasauti audit` does it (robots.txt, one request at a time per host, 1 s delay),
~0.5 s server answer time, 50 pages + ~20 other requests per site, sites spread over many hosts (the fleet
parallelises across hosts, never within one), workers on separate machines sharing Redis and PostgreSQL.

{estimate(static_s, axe['s_per_page'] if axe else None)}
"""
    out = ROOT / "bench" / "results" / "fleet.md"
    out.write_text(text, encoding="utf-8")
    print(text)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
