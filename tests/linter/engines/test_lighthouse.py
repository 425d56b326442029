"""The Lighthouse engine: the npm Lighthouse CLI on pages served from 127.0.0.1 with Debian's Chromium (JSON
parsed, four category scores, budgets from config as findings that fail the gate), the machine-wide lock that
keeps two runs apart, sampling, and clear results when node or Lighthouse is missing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kasauti.linter.engines import lighthouse as lh

from .conftest import copy_fixtures

KASAUTI = Path(sys.executable).with_name("kasauti")


@pytest.fixture
def own_lock(tmp_path, monkeypatch):
    """A lock file of this test's own, so that tests never wait on (or block) a real run elsewhere."""
    path = tmp_path / "lighthouse.lock"
    monkeypatch.setenv(lh.LOCK_ENV, str(path))
    return path


# ---- sampling, budgets, command: no browser ---------------------------------------------------------------
def test_sampling_takes_home_then_one_page_per_section_then_other_templates():
    base = "https://jalsanrakshan.gov.in/"
    urls = [base + p for p in ("schemes/jal-jeevan/", "schemes/", "news/2026/dam-drill/", "index.html",
                               "news/", "tenders/t-1.html", "tenders/t-2.html", "about/", "schemes/atal/")]
    assert lh.sample_urls(urls, 1) == [base + "index.html"]
    assert lh.sample_urls(urls, 5) == [base + "index.html", base + "schemes/", base + "news/",
                                       base + "tenders/t-1.html", base + "about/"]
    # second round: the other template (a page inside the section) of each section
    assert lh.sample_urls(urls, 7)[5:] == [base + "schemes/jal-jeevan/", base + "news/2026/dam-drill/"]
    assert lh.sample_urls(urls, 0) == [] and lh.sample_urls([], 3) == []
    assert len(lh.sample_urls(urls, 50)) == len(set(lh.sample_urls(urls, 50)))


def test_budgets_merge_over_defaults_and_reject_typos():
    merged = lh.merge_budgets({"page-weight-kb": 500, "best_practices": 95, "seo": False})
    assert merged["page_weight_kb"] == 500 and merged["best-practices"] == 95 and merged["seo"] is None
    assert merged["requests"] == lh.DEFAULT_BUDGETS["requests"]
    with pytest.raises(ValueError, match="unknown Lighthouse budget 'page_weight'"):
        lh.merge_budgets({"page_weight": 1})
    with pytest.raises(ValueError, match="must be a number"):
        lh.merge_budgets({"requests": "80"})
    options = lh.lighthouse_options_from({"pages": 2, "form-factor": "desktop", "budgets": {"cls": 0.2}},
                                         {"cls": 0.05, "requests": 10})
    assert (options.pages, options.form_factor) == (2, "desktop")
    assert options.budgets["cls"] == 0.2 and options.budgets["requests"] == 10  # [lighthouse.budgets] wins
    with pytest.raises(ValueError, match="form_factor"):
        lh.LighthouseOptions(form_factor="tablet")


def test_budget_findings_fail_only_what_is_over():
    metrics = {"page_weight_kb": 2048.0, "script_kb": 10.0, "font_kb": None, "requests": 81.0, "lcp_ms": 3999.0,
               "cls": 0.25}
    scores = {"performance": 49.0, "accessibility": 100.0, "best-practices": None, "seo": 80.0}
    findings = lh.budget_findings("https://x.gov.in/", metrics, scores, lh.merge_budgets({}))
    got = {(f.rule, f.message_id) for f in findings}
    assert got == {("BUD001", "total"), ("BUD002", "default"), ("BUD004", "default"), ("BUD005", "default")}
    assert all(f.outcome == "violation" and f.engine == "lighthouse" for f in findings)
    [weight] = [f for f in findings if f.rule == "BUD001"]
    assert weight.message == "The page transfers 2048 KB in all, over the budget of 1536 KB."
    off = lh.budget_findings("https://x.gov.in/", metrics, scores, lh.merge_budgets({"page_weight_kb": None}))
    assert "BUD001" not in {f.rule for f in off}


def test_lighthouse_command_uses_the_pinned_cli_and_headless_flags():
    command = lh.lighthouse_command("http://127.0.0.1:1/", lh.LighthouseOptions(), "/tmp/out.json")
    assert command[1].endswith(os.path.join("lighthouse", "cli", "index.js"))
    assert "--output=json" in command and "--only-categories=performance,accessibility,best-practices,seo" in command
    flags = next(c for c in command if c.startswith("--chrome-flags="))
    assert "--headless=new" in flags and "--no-sandbox" in flags
    assert not any(c.startswith("--throttling.") for c in command)  # Lighthouse's own preset by default
    slowed = lh.lighthouse_command("http://127.0.0.1:1/", lh.LighthouseOptions(cpu_slowdown=2.5), "/tmp/out.json")
    assert "--throttling.cpuSlowdownMultiplier=2.5" in slowed
    with pytest.raises(ValueError):
        lh.LighthouseOptions(cpu_slowdown=-1)


def test_cpu_slowdown_calibration_follows_lighthouses_table():
    # Lighthouse's calculator: 1533 -> 4x, 1300 -> 3x, 800 -> 2x, 150 -> 1x, linear in between.
    assert [lh.calibrated_cpu_slowdown(i) for i in (1533, 1300, 1050, 800, 150, 40)] == [4.0, 3.0, 2.5, 2.0, 1.0, 1.0]
    assert lh.calibrated_cpu_slowdown(2000) == 6.0


# ---- one run per machine ----------------------------------------------------------------------------------
def test_machine_lock_keeps_runs_apart_across_threads(own_lock):
    spans: list[tuple[float, float]] = []

    def run():
        with lh.machine_lock(10):
            start = time.monotonic()
            time.sleep(0.3)
            spans.append((start, time.monotonic()))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    spans.sort()
    assert len(spans) == 3 and all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_a_run_waits_for_another_process_and_gives_up_with_a_clear_error(own_lock, fixture_site):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, sys, time\n"
        f"f = open({str(own_lock)!r}, 'a+'); fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True)\n"
        "time.sleep(30)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        events = []
        started = time.monotonic()
        [(url, findings, scores, error)] = list(lh.run_lighthouse(
            [fixture_site + "good.html"], lh.LighthouseOptions(lock_wait=1.5),
            on_event=lambda kind, **data: events.append(kind)))
        assert error.startswith("lock-timeout: another Lighthouse run held") and str(own_lock) in error
        assert (findings, scores) == ([], None)
        assert 1.5 <= time.monotonic() - started < 10
        assert events == ["lighthouse-waiting", "lighthouse-audited"]
    finally:
        holder.kill()
        holder.wait()


def test_missing_node_gives_each_sampled_page_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv(lh.NODE_ENV, str(tmp_path / "no-node"))
    assert lh.find_node() is None
    results = list(lh.run_lighthouse(["http://127.0.0.1:1/", "http://127.0.0.1:1/a/"], lh.LighthouseOptions()))
    assert [r[3].split(":")[0] for r in results] == ["lighthouse-unavailable"] * 2
    assert f"node not found ({lh.NODE_ENV}=" in results[0][3]


# ---- real Lighthouse runs ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def lighthouse_run(fixture_site):
    """One real Lighthouse run on good.html (no meta description), with a page-weight budget it must exceed."""
    url = fixture_site + "good.html"
    options = lh.LighthouseOptions(budgets={"page_weight_kb": 0.5, "requests": 1})
    [(got_url, findings, scores, error)] = list(lh.run_lighthouse([url], options))
    assert got_url == url and error is None
    return findings, scores


@pytest.mark.lighthouse
@pytest.mark.slow
def test_lighthouse_scores_four_categories(lighthouse_run):
    _, scores = lighthouse_run
    assert set(scores) == {"performance", "accessibility", "best-practices", "seo"}
    assert all(isinstance(v, float | int) and 0 <= v <= 100 for v in scores.values())
    assert scores["accessibility"] >= 90  # a clean page


@pytest.mark.lighthouse
@pytest.mark.slow
def test_lighthouse_budgets_and_failed_audits_become_findings(lighthouse_run):
    findings, _ = lighthouse_run
    rules = {f.rule: f for f in findings}
    assert {"BUD001", "BUD002"} <= set(rules)  # over 0.5 KB and over 1 request
    assert rules["BUD001"].outcome == "violation" and rules["BUD001"].gigw == ("PERF-page-weight",)
    assert "over the budget of 0.5 KB" in rules["BUD001"].message
    meta = rules["LH-meta-description"]  # the page has no meta description: a binary SEO audit failed
    assert (meta.outcome, meta.engine, meta.gigw) == ("violation", "lighthouse", ("GIGW-5.1.17", "DBIM-G45"))
    # Lighthouse's accessibility audits are axe-core rules, reported per element by the axe engine: not here.
    assert not [f for f in findings if f.rule in ("LH-color-contrast", "LH-image-alt", "LH-document-title")]


@pytest.mark.lighthouse
@pytest.mark.slow
def test_budgets_from_config_fail_the_gate_from_the_cli(tmp_path):
    site = copy_fixtures(tmp_path / "site", ["good.html"])
    (site / "index.html").write_text((site / "good.html").read_text("utf-8"), "utf-8")
    (tmp_path / "kasauti.toml").write_text(
        'engines = ["static", "lighthouse"]\nselect = ["IMG", "BUD"]\n'
        "[lighthouse]\npages = 1\n[budgets]\nrequests = 1\npage-weight-kb = 0.5\nseo = 101\n", "utf-8")
    out = tmp_path / "report.json"
    done = subprocess.run([str(KASAUTI), "audit", str(site), "--format", "json", "--output", str(out), "--quiet"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 1, done.stderr
    report = json.loads(out.read_text("utf-8"))
    budget = sorted(f["rule"] for f in report["findings"] if f["rule"].startswith("BUD"))
    assert budget == ["BUD001", "BUD002", "BUD008"]
    [sampled] = report["stats"]["lighthouse"]
    assert sampled["error"] is None and set(sampled["scores"]) == set(lh.CATEGORIES)
    assert "127.0.0.1" not in sampled["url"]  # reported under the folder's public URL
    # --select applies to the browser engines too: image rules and budgets only, and images pass here, so the
    # budgets alone fail the gate.
    assert {f["rule"][:3] for f in report["findings"]} == {"BUD"}
    assert report["gate"]["passed"] is False
    assert any("BUD001" in reason and "BUD008" in reason for reason in report["gate"]["reasons"])
