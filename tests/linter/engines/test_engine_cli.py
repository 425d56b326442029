"""`kasauti audit --engines ...` end to end, as a user runs it: a built folder served on 127.0.0.1 for the
browser, findings merged and reported under the folder's public URLs; a missing Chromium, chromedriver, axe-core
or node is a clear message and exit code 2 while `--engines static` still works."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import copy_fixtures

KASAUTI = Path(sys.executable).with_name("kasauti")
PAGES = ["axe-violations.html", "frame-inner.html", "brw001-bad.html", "good.html", "dispute.html"]


def run(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(KASAUTI), "audit", *args], capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = copy_fixtures(tmp_path_factory.mktemp("engine-cli") / "site", PAGES)
    (folder / "index.html").write_text((folder / "good.html").read_text("utf-8"), "utf-8")
    return folder


@pytest.fixture(scope="module")
def axe_report(site) -> dict:
    """One `--engines static,axe` audit of the folder (shared by the tests below)."""
    out = site.parent / "axe.json"
    done = run(str(site), "--engines", "static,axe", "--base-url", "https://jalsanrakshan.gov.in/",
               "--format", "json", "--output", str(out), "--quiet", cwd=site.parent)
    assert done.returncode == 1, done.stderr  # the fixture pages have violations: the gate fails
    return json.loads(out.read_text("utf-8"))


@pytest.mark.browser
@pytest.mark.slow
def test_folder_audit_combines_static_axe_and_browser_checks(axe_report):
    assert axe_report["engines"] == ["static", "axe"]
    findings = axe_report["findings"]
    engines = {f["engine"] for f in findings}
    assert {"static", "axe"} <= engines
    # Reported under the folder's public URL, never the 127.0.0.1 the browser used.
    assert all(f["url"].startswith("https://jalsanrakshan.gov.in/") for f in findings)
    by_page = {}
    for f in findings:
        if f["outcome"] in ("violation", "needs-review"):
            by_page.setdefault(f["url"].rsplit("/", 1)[-1], set()).add(f["rule"])
    assert {"IMG001", "BTN001", "image-alt", "color-contrast"} <= by_page["axe-violations.html"]  # #stamp
    assert "BRW001" in by_page["brw001-bad.html"]
    # The static IMG001 and axe image-alt on #emblem are one finding.
    emblem = [f for f in findings if f["url"].endswith("/axe-violations.html") and f["selector"] == "#emblem"
              and f["outcome"] == "violation"]
    assert [f["rule"] for f in emblem] == ["IMG001"]
    assert emblem[0]["data"]["also_found_by"] == "axe:image-alt"
    # The static violation axe contradicts (a control hidden by CSS) is needs-review.
    [hidden] = [f for f in findings if f["rule"] == "FRM001" and f["url"].endswith("/dispute.html")]
    assert hidden["outcome"] == "needs-review"
    assert axe_report["stats"]["browser_errors"] == 0
    assert "BRW001" in axe_report["stats"]["rules_run"] and "BRW005" in axe_report["stats"]["rules_run"]


@pytest.mark.parametrize(("variable", "engines", "message", "then_static"), [
    ("KASAUTI_CHROMIUM", "static,axe", "Chromium not found (KASAUTI_CHROMIUM=", True),
    ("KASAUTI_CHROMEDRIVER", "static,axe", "chromedriver not found (KASAUTI_CHROMEDRIVER=", False),
    ("KASAUTI_AXE_SCRIPT", "static,axe", "axe-core not found at KASAUTI_AXE_SCRIPT=", False),
    ("KASAUTI_NODE", "static,lighthouse", "node not found (KASAUTI_NODE=", True),
    ("KASAUTI_LIGHTHOUSE", "lighthouse", "Lighthouse not found at KASAUTI_LIGHTHOUSE=", False),
])
def test_missing_tools_exit_2_with_a_clear_message(site, tmp_path, variable, engines, message, then_static):
    missing = {variable: str(tmp_path / "not-installed")}
    done = run(str(site), "--engines", engines, "--quiet", cwd=tmp_path, env=missing)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert "--engines static needs none of these" in done.stderr
    assert done.stdout == ""  # said before any page was audited; no report
    if not then_static:
        return
    static = run(str(site), "--engines", "static", "--format", "json", "--quiet", cwd=tmp_path, env=missing)
    assert static.returncode == 1, static.stderr  # the static audit runs and its gate fails on the fixtures
    assert json.loads(static.stdout)["engines"] == ["static"]


def test_bad_engine_tables_in_the_config_are_usage_errors(site, tmp_path):
    config = tmp_path / "kasauti.toml"
    config.write_text('engines = ["static", "axe"]\n[axe]\npage-timeout = "soon"\n', "utf-8")
    done = run(str(site), "--config", str(config), "--quiet", cwd=tmp_path)
    assert done.returncode == 2 and "[axe]: page-timeout = 'soon' has the wrong type" in done.stderr
    config.write_text('[budgets]\npage-weight = 100\n', "utf-8")
    done = run(str(site), "--config", str(config), "--engines", "lighthouse", "--quiet", cwd=tmp_path)
    assert done.returncode == 2 and "unknown Lighthouse budget 'page-weight'" in done.stderr


@pytest.mark.browser
@pytest.mark.slow
def test_a_page_the_browser_cannot_audit_is_a_needs_review_finding(tmp_path):
    folder = copy_fixtures(tmp_path / "site", ["good.html"])
    (folder / "index.html").write_text((folder / "good.html").read_text("utf-8"), "utf-8")
    (folder / "hangs.html").write_text('<!doctype html><html lang="en"><head><title>Hangs</title></head><body>'
                                       '<main><h1>Hangs</h1><script>while (true) {}</script></main></body></html>')
    config = tmp_path / "kasauti.toml"
    # 15 s: the pages after the hanging one run in a fresh Chromium, slow to warm up on a loaded CI machine.
    config.write_text("[axe]\npage-timeout = 15\nconcurrency = 1\n", "utf-8")
    out = tmp_path / "report.json"
    done = run(str(folder), "--config", str(config), "--engines", "static,axe", "--format", "json",
               "--output", str(out), "--quiet", "--fail-on", "none", "--fail-on-review", cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # a report is written; the review item fails --fail-on-review
    report = json.loads(out.read_text("utf-8"))
    [missing] = [f for f in report["findings"] if f["rule"] == "BRW007"]
    assert missing["url"].endswith("/hangs.html") and missing["outcome"] == "needs-review"
    assert missing["data"]["engine"] == "axe" and missing["data"]["error"] == "timeout"
    assert "could not audit this page (timeout)" in missing["message"]
    # Only that page: the other two were audited in the browser all the same.
    assert [f["url"] for f in report["stats"]["browser_failures"]] == [missing["url"]]
    assert report["stats"]["pages_audited"] == 3
