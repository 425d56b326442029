"""`kasauti audit site/ --engines static,axe` on the reference site and a fresh `kasauti new --defaults` site.

    .venv/bin/python bench/sites_audit.py [--engines static,axe] [--sites reference,new]

Both are git-committed projects built with `mkdocs build --strict`; the built folder is audited by the CLI as a
ministry's CI would (the axe engine serves the folder on 127.0.0.1 and runs the npm-pinned axe-core 4.14.1 in
headless Chromium on every page). Prints, per site: pages, violations and needs-review findings by engine and
rule, the site and GIGW 3.0 scores, the gate verdict and the wall time. Targets (issue 3): no violation, GIGW
score 100.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.themes.sitefactory import build, new_site_project, reference_project  # noqa: E402

BUILDERS = {"reference": reference_project, "new": new_site_project}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="static,axe")
    parser.add_argument("--sites", default="reference,new")
    args = parser.parse_args()
    rows = ["| site | engines | pages | violations | needs review | site score | GIGW score | gate | seconds |",
            "|---|---|---|---|---|---|---|---|---|"]
    ok = True
    with tempfile.TemporaryDirectory(prefix="kasauti-sites-audit-") as tmp:
        for name in args.sites.split(","):
            folder = BUILDERS[name](Path(tmp) / name)
            built = build(folder)
            if built.returncode:
                print(built.stderr[-3000:])
                return 2
            started = time.perf_counter()
            run = subprocess.run([sys.executable, "-m", "kasauti.cli", "audit", "site/", "--engines", args.engines,
                                  "--quiet", "--format", "json", "--output", "report.json"],
                                 cwd=folder, capture_output=True, text=True, timeout=3600)
            seconds = time.perf_counter() - started
            if run.returncode > 1:
                print(run.stderr[-3000:])
                return 2
            report = json.loads((folder / "report.json").read_text("utf-8"))
            findings = report["findings"]
            violations = Counter((f["engine"], f["rule"]) for f in findings if f["outcome"] == "violation")
            reviews = Counter((f["engine"], f["rule"]) for f in findings if f["outcome"] == "needs-review")
            gigw = (report["gigw_sections"].get("overall") or {}).get("score")
            passed = report["gate"]["passed"]
            ok &= passed and not violations and gigw == 100
            print(f"{name}: {len(report['pages'])} pages, {sum(violations.values())} violations {dict(violations)}, "
                  f"{sum(reviews.values())} needs review {dict(reviews)}, score {report['score']}, GIGW {gigw}, "
                  f"browser errors {report['stats'].get('browser_errors')}, {seconds:.0f} s")
            rows.append(f"| {name} | {args.engines} | {len(report['pages'])} | {sum(violations.values())} | "
                        f"{sum(reviews.values())} ({', '.join(f'{r} {n}' for (_, r), n in reviews.most_common(3))}) | "
                        f"{report['score']} | {gigw} | {'passed' if passed else 'FAILED'} | {seconds:.0f} |")
    print("\n" + "\n".join(rows))
    print(f"\nno violation and GIGW 100 on every site: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
