"""Consistency with the W3C ACT rules test cases: axe-core alone against Kasauti's combined verdict.

    .venv/bin/python bench/act_rules.py [--corpus /work/shared/corpora/act-rules] [--rules 80af7b,oj04fd]

Serves the corpus folder on 127.0.0.1 (so /test-assets/ resolves), audits every example once in Chromium with
the axe engine (axe-core with Kasauti's default tags, plus the BRW browser checks) and runs the static rules on
each HTML example. Two verdicts per example, from the same run:

  * axe-core alone:  the success criteria of axe's violations;
  * Kasauti:         static violations + axe violations + BRW violations, merged as `kasauti audit` merges them
                     (with the axe rules that ran on the page, so contradicted static violations are disputed).

A tool is consistent with an ACT rule when it flags every failed example with one of the rule's success criteria
and flags no passed or inapplicable example with any of them (rules that map to no criterion are listed, not
scored). Needs-review results do not count as flags. Writes bench/results/act-rules.md and prints the totals.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kasauti.linter.engines.axe import AxeOptions, audit_urls, axe_version, merge_findings  # noqa: E402
from kasauti.linter.engines.static import check_html  # noqa: E402

DEFAULT_CORPUS = Path("/work/shared/corpora/act-rules")
RESULTS = Path(__file__).resolve().parent / "results" / "act-rules.md"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".xml": "application/xml",
                      ".svg": "image/svg+xml"}

    def log_message(self, format, *args):  # noqa: A002
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def flagged(findings) -> set[str]:
    return {sc for f in findings if f.outcome == "violation" for sc in f.wcag}


def flagged_by(findings) -> dict[str, set[str]]:
    """Success criterion -> the rules that flagged it (to explain false flags)."""
    out: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        if f.outcome == "violation":
            for sc in f.wcag:
                out[sc].add(f.rule)
    return out


def score_rules(manifest: dict, verdicts: dict[str, dict[str, set[str]]]) -> list[dict]:
    """Per ACT rule: examples by expectation and, per tool, missed failures and false flags."""
    cases_by_rule = defaultdict(list)
    for case in manifest["cases"]:
        cases_by_rule[case["rule"]].append(case)
    rows = []
    for rule in manifest["rules"]:
        criteria = set(rule["wcag"])
        cases = [c for c in cases_by_rule[rule["id"]] if c["file"] in verdicts]
        row = {"id": rule["id"], "name": rule["name"], "wcag": rule["wcag"],
               "failed": sum(c["expected"] == "failed" for c in cases),
               "others": sum(c["expected"] != "failed" for c in cases), "tools": {}}
        row["false_by"] = defaultdict(int)
        for tool in ("axe", "kasauti"):
            caught = missed = false_flags = 0
            for case in cases:
                hit = bool(verdicts[case["file"]][tool] & criteria)
                if case["expected"] == "failed":
                    caught += hit
                    missed += not hit
                else:
                    false_flags += hit
                    if hit and tool == "kasauti":
                        for rule in {r for sc in criteria for r in verdicts[case["file"]]["by"].get(sc, ())}:
                            row["false_by"][rule] += 1
            row["tools"][tool] = {"caught": caught, "missed": missed, "false": false_flags,
                                  "consistent": bool(criteria) and bool(cases) and not missed and not false_flags}
        rows.append(row)
    return rows


def _lost(row: dict) -> str:
    """A rule id with the Kasauti rules whose flags on passed or inapplicable examples cost it."""
    causes = ", ".join(f"{rule} on {n}" for rule, n in sorted(row["false_by"].items(), key=lambda x: -x[1]))
    return f"{row['id']} (false flags: {causes})" if causes else row["id"]


def render(rows: list[dict], meta: dict) -> str:
    scored = [r for r in rows if r["wcag"]]
    axe_ok = sum(r["tools"]["axe"]["consistent"] for r in scored)
    kas_ok = sum(r["tools"]["kasauti"]["consistent"] for r in scored)
    gained = [r for r in scored if r["tools"]["kasauti"]["consistent"] and not r["tools"]["axe"]["consistent"]]
    lost = [r for r in scored if r["tools"]["axe"]["consistent"] and not r["tools"]["kasauti"]["consistent"]]
    lines = [
        "# ACT rules consistency: axe-core alone vs Kasauti",
        "",
        f"Measured by `bench/act_rules.py` on {meta['date']}: {meta['cases']} examples of {len(rows)} ACT rules "
        f"(corpus commit {meta['commit'][:12]}), axe-core {meta['axe']} with tags {', '.join(meta['tags'])}, "
        f"Chromium headless, {meta['seconds']:.0f} s for the run ({meta['errors']} page errors).",
        "",
        "A tool is *consistent* with a rule when every failed example is flagged with one of the rule's success "
        "criteria and no passed or inapplicable example is flagged with any of them. *Kasauti* is the combined "
        "verdict of `kasauti audit --engines static,axe`: static rules, axe-core and the BRW001-BRW006 browser "
        "checks, merged as the audit merges them (duplicates counted once; a static violation that the "
        "equivalent axe rule contradicts is needs-review). Needs-review results are not flags. Rules that map to no success criterion "
        "cannot be scored this way and are listed last.",
        "",
        "| | consistent rules (of {0} scored) |".format(len(scored)),
        "|---|---|",
        f"| axe-core alone | **{axe_ok}** |",
        f"| Kasauti (static + axe + browser checks) | **{kas_ok}** |",
        "",
        f"Consistent with Kasauti but not axe alone: {', '.join(r['id'] for r in gained) or 'none'}.  ",
        f"Consistent with axe alone but not Kasauti: {', '.join(_lost(r) for r in lost) or 'none'}.",
        "",
        "Columns per tool: failed examples caught / failed examples, and passed or inapplicable examples "
        "wrongly flagged.",
        "",
        "| ACT rule | name | SC | axe caught | axe false | axe | Kasauti caught | Kasauti false | Kasauti |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in sorted(scored, key=lambda r: (not r["tools"]["kasauti"]["consistent"], r["id"])):
        cells = [f"[{row['id']}](https://www.w3.org/WAI/standards-guidelines/act/rules/{row['id']}/)",
                 row["name"].replace("|", "\\|"), ", ".join(row["wcag"])]
        for tool in ("axe", "kasauti"):
            t = row["tools"][tool]
            cells += [f"{t['caught']}/{row['failed']}", str(t["false"]), "✅" if t["consistent"] else "—"]
        lines.append("| " + " | ".join(cells) + " |")
    unscored = [r for r in rows if not r["wcag"]]
    if unscored:
        lines += ["", "Rules with no WCAG success criterion (not scored): " +
                  ", ".join(f"{r['id']} ({r['name']})" for r in unscored) + "."]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rules", default="", help="only these ACT rule ids (comma-separated)")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--details", type=Path, help="also write every example's merged findings here (JSON)")
    args = parser.parse_args()

    manifest = json.loads((args.corpus / "manifest.json").read_text("utf-8"))
    only = {r for r in args.rules.split(",") if r}
    if only:
        manifest["rules"] = [r for r in manifest["rules"] if r["id"] in only]
        manifest["cases"] = [c for c in manifest["cases"] if c["rule"] in only]
    server, base = serve(args.corpus)
    url_to_file = {base + case["file"]: case["file"] for case in manifest["cases"]}
    options = AxeOptions(concurrency=args.concurrency, page_timeout=20, recycle_after=100)
    verdicts: dict[str, dict[str, set[str]]] = {}
    details: dict[str, dict] = {}
    errors = 0
    started = time.perf_counter()
    try:
        for done, page in enumerate(audit_urls(list(url_to_file), options), 1):
            file = url_to_file[page.url]
            errors += bool(page.error)
            static = []
            if file.endswith(".html"):
                html = (args.corpus / file).read_text("utf-8", errors="replace")
                static = [f for f in check_html(html, page.url, live=False) if f.engine in ("static", "http")]
            axe_only = [f for f in page.findings if not f.rule.startswith("BRW")]
            ran = {} if page.error else {page.url: page.axe_rules}
            combined = merge_findings(static, page.findings, ran)
            verdicts[file] = {"axe": flagged(axe_only), "kasauti": flagged(combined), "by": flagged_by(combined)}
            if args.details:
                details[file] = {"error": page.error, "detail": page.detail, "findings": [
                    {"rule": f.rule, "engine": f.engine, "outcome": f.outcome, "wcag": list(f.wcag),
                     "selector": f.selector, "data": dict(f.data)} for f in combined]}
            if done % 100 == 0:
                print(f"  {done}/{len(url_to_file)} examples", file=sys.stderr)
    finally:
        server.shutdown()
    seconds = time.perf_counter() - started
    rows = score_rules(manifest, verdicts)
    meta = {"date": time.strftime("%Y-%m-%d"), "cases": len(verdicts), "commit": manifest.get("commit", ""),
            "axe": axe_version(), "tags": options.run_only, "seconds": seconds, "errors": errors}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render(rows, meta), "utf-8")
    if args.details:
        args.details.write_text(json.dumps(details, indent=1, sort_keys=True), "utf-8")
    scored = [r for r in rows if r["wcag"]]
    axe_ok = sum(r["tools"]["axe"]["consistent"] for r in scored)
    kas_ok = sum(r["tools"]["kasauti"]["consistent"] for r in scored)
    print(f"ACT rules scored: {len(scored)}; consistent: axe-core alone {axe_ok}, Kasauti {kas_ok} "
          f"(+{kas_ok - axe_ok}); {len(verdicts)} examples in {seconds:.0f} s, {errors} page errors")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
