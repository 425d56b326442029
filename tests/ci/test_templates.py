"""The ci/ templates: schema-valid, and the commands they run work here on real sites (good passes, bad fails)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from tests.sites.ministry import Defect, write_site

ROOT = Path(__file__).resolve().parents[2]
CI = ROOT / "ci"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
BROKEN = (Defect("IMG001", "about/", "<h1>About the Ministry</h1>", '<h1>About the Ministry</h1><img src="/x.png">'),)


def check_schema(name: str, path: Path) -> None:
    run = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", name, str(path)],
                         capture_output=True, text=True, env=ENV)
    assert run.returncode == 0, run.stdout + run.stderr


def test_templates_are_schema_valid():
    check_schema("vendor.github-actions", CI / "github" / "action.yml")
    check_schema("vendor.github-workflows", CI / "github" / "example-workflow.yml")
    check_schema("vendor.gitlab-ci", CI / "gitlab" / "kasauti.gitlab-ci.yml")
    run = subprocess.run([str(BIN / "pre-commit"), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                         capture_output=True, text=True, env=ENV)
    assert run.returncode == 0, run.stdout + run.stderr
    lhci = json.loads((CI / "lighthouse" / "lighthouserc.json").read_text())
    assert all("assertions" in entry for entry in lhci["ci"]["assert"]["assertMatrix"])


def test_example_workflow_blocks_deploy_on_the_gate():
    workflow = yaml.safe_load((CI / "github" / "example-workflow.yml").read_text())
    assert workflow["jobs"]["deploy"]["needs"] == "audit"
    steps = workflow["jobs"]["audit"]["steps"]
    assert any(str(s.get("uses", "")).endswith("ci/github@v0") for s in steps)


def _github_audit_step() -> tuple[str, dict]:
    action = yaml.safe_load((CI / "github" / "action.yml").read_text())
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "audit")
    defaults = {k: v.get("default", "") for k, v in action["inputs"].items()}
    env = {k: re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: str(defaults[m.group(1)]), v)
           for k, v in step["env"].items()}
    return step["run"], env


@pytest.mark.parametrize("defects,expected", [((), 0), (BROKEN, 1)], ids=["good", "bad"])
def test_github_action_audit_step_runs_locally(tmp_path, defects, expected):
    write_site(tmp_path / "site", defects)
    script, env = _github_audit_step()
    outputs = tmp_path / "github-output"
    run = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                         env={**ENV, **env, "GITHUB_OUTPUT": str(outputs)}, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr  # the step records the status; the Gate step fails
    reports = tmp_path / env["KASAUTI_REPORT_DIR"]
    assert (reports / "exit-code").read_text().strip() == str(expected)
    for name in ("report.sarif", "report.html", "report.json", "report.junit.xml"):
        assert (reports / name).is_file(), name
    assert json.loads((reports / "report.sarif").read_text())["version"] == "2.1.0"
    text = outputs.read_text()
    assert "score=" in text and f"passed={'true' if expected == 0 else 'false'}" in text


def test_gitlab_template_script_runs_locally(tmp_path):
    write_site(tmp_path / "site", BROKEN)
    template = yaml.safe_load((CI / "gitlab" / "kasauti.gitlab-ci.yml").read_text())
    env = {**ENV, **{k: str(v) for k, v in template["variables"].items()}, "KASAUTI_BUILD": ""}
    script = "\n".join(template[".kasauti-audit"]["script"])
    run = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, capture_output=True, text=True, env=env,
                         timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr  # the seeded defect fails the job
    junit = ET.parse(tmp_path / template[".kasauti-audit"]["artifacts"]["reports"]["junit"])
    assert junit.getroot().iter("failure")


def test_jenkins_audit_stage_runs_locally(tmp_path):
    write_site(tmp_path / "site")
    jenkinsfile = (CI / "jenkins" / "Jenkinsfile").read_text()
    audit_stage = jenkinsfile[jenkinsfile.index("stage('Audit')"):]
    command = re.search(r"sh '(\.venv/bin/kasauti audit [^']+)'", audit_stage).group(1)
    (tmp_path / ".venv").symlink_to(BIN.parent)
    run = subprocess.run(["bash", "-e", "-c", command], cwd=tmp_path, capture_output=True, text=True,
                         env={**ENV, "KASAUTI_TARGET": "site/", "KASAUTI_FAIL_ON": "serious"}, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (tmp_path / "kasauti-reports" / "report.junit.xml").is_file()


# ---- pre-commit hooks: the commands they run --------------------------------------------------------------
@pytest.mark.slow
def test_pre_commit_hooks_build_and_audit_a_site_and_fail_on_a_defect(tmp_path):
    """Each hook's entry + args, run as pre-commit runs them (in the repository root, no file names)."""
    from tests.themes.sitefactory import write_project

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"kasauti-build", "kasauti-audit"}
    for hook in hooks.values():
        assert hook["pass_filenames"] is False and hook["language"] == "python"
        assert re.search(hook["files"], "content/about/index.md") and re.search(hook["files"], "mkdocs.yml")
    project = write_project(tmp_path / "site")

    def run(hook_id: str) -> subprocess.CompletedProcess:
        hook = hooks[hook_id]
        return subprocess.run([str(BIN / hook["entry"]), *hook["args"]], cwd=project, capture_output=True,
                              text=True, env={**ENV, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)

    built = run("kasauti-build")
    assert built.returncode == 0, built.stderr[-2000:]
    audited = run("kasauti-audit")
    assert audited.returncode == 0, audited.stdout[-3000:]
    page = project / "docs" / "help.md"
    page.write_text(page.read_text("utf-8") + '\n<img src="documents/chart.png">\n', "utf-8")
    assert run("kasauti-build").returncode == 0
    failed = run("kasauti-audit")
    assert failed.returncode == 1 and "IMG001" in failed.stdout
    (project / "docs" / "contact.hi.md").unlink()  # a GIGW build check: the strict build itself fails
    broken = run("kasauti-build")
    assert broken.returncode == 1 and "'contact.md' has no 'hi' version" in broken.stderr


# ---- Lighthouse CI config ----------------------------------------------------------------------------------
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse"
LHCI_OPTIONS = {"minScore", "maxScore", "minNumericValue", "maxNumericValue", "maxLength", "aggregationMethod"}
AGGREGATION = {"median": None, "optimistic": max, "pessimistic": min}


def lighthouse_ids() -> tuple[set[str], set[str]]:
    """Category and audit ids of the pinned Lighthouse's default config."""
    config = (LIGHTHOUSE / "core" / "config" / "default-config.js").read_text("utf-8")
    audits = set(re.findall(r"\{id: '([\w-]+)', weight", config))
    categories = set(re.findall(r"^\s{4}'([\w-]+)': \{\n\s+title:", config, flags=re.MULTILINE))
    return categories, audits


def test_lighthouse_ci_assertions_name_real_checks_of_the_pinned_lighthouse():
    lhci = json.loads((CI / "lighthouse" / "lighthouserc.json").read_text())["ci"]
    categories, audits = lighthouse_ids()
    assert {"performance", "accessibility", "best-practices", "seo"} <= categories and "total-byte-weight" in audits
    urls = lhci["collect"]["url"]
    matrix = lhci["assert"]["assertMatrix"]
    for entry in matrix:
        pattern = re.compile(entry["matchingUrlPattern"])
        assert any(pattern.search(url) for url in urls), entry["matchingUrlPattern"]
        for name, assertion in entry["assertions"].items():
            level, options = (assertion, {}) if isinstance(assertion, str) else assertion
            assert level in ("error", "warn", "off")
            assert set(options) <= LHCI_OPTIONS and options.get("aggregationMethod", "median") in AGGREGATION
            if name.startswith("categories:"):
                assert name.split(":", 1)[1] in categories, name
            elif name.startswith("resource-summary:"):
                _, kind, measure = name.split(":")
                assert "resource-summary" in audits and measure in ("count", "size") and kind == "third-party"
            else:
                assert name in audits, f"{name} is not an audit of Lighthouse 13 (renamed or removed?)"
    everywhere = next(e for e in matrix if e["matchingUrlPattern"] == ".*")["assertions"]
    assert everywhere["categories:accessibility"][1]["minScore"] == 1
    assert everywhere["resource-summary:third-party:count"][1]["maxNumericValue"] == 0
    assert set(lhci["collect"]["settings"]["onlyCategories"]) == {"performance", "accessibility", "best-practices",
                                                                   "seo"}


def _value(report: dict, name: str) -> tuple[float | None, float | None]:
    """(score, numeric value) that an LHCI assertion named `name` reads from one Lighthouse report."""
    if name.startswith("categories:"):
        return report["categories"][name.split(":", 1)[1]]["score"], None
    if name.startswith("resource-summary:"):
        _, kind, measure = name.split(":")
        item = next(i for i in report["audits"]["resource-summary"]["details"]["items"] if i["resourceType"] == kind)
        return None, item["requestCount" if measure == "count" else "transferSize"]
    audit = report["audits"][name]
    return audit.get("score"), audit.get("numericValue")


def _verdicts(reports: list[dict], assertions: dict) -> dict[str, tuple[str, bool, list]]:
    """LHCI's assert step over the runs of one URL: name -> (level, passed, values)."""
    import statistics

    verdicts = {}
    for name, assertion in assertions.items():
        level, options = (assertion, {}) if isinstance(assertion, str) else assertion
        if level == "off":
            continue
        pairs = [_value(r, name) for r in reports]
        ok = True
        for key, index, better in (("minScore", 0, max), ("maxScore", 0, min), ("minNumericValue", 1, max),
                                   ("maxNumericValue", 1, min)):
            if key not in options:
                continue
            values = [p[index] for p in pairs if p[index] is not None]
            method = options.get("aggregationMethod", "median")
            if method == "optimistic":  # the best run
                value = better(values)
            elif method == "pessimistic":
                value = min(values) if better is max else max(values)
            else:
                value = statistics.median(values)
            ok &= value >= options[key] if key.startswith("min") else value <= options[key]
        verdicts[name] = (level, ok, pairs)
    return verdicts


@pytest.mark.lighthouse
@pytest.mark.slow
def test_lighthouse_ci_config_passes_on_the_reference_site(tmp_path):
    """What `lhci collect && lhci assert` does with this config, with the pinned Lighthouse: the built
    reference site is served (gzipped), each URL measured up to numberOfRuns times, the assertions applied."""
    from kasauti.linter.engines import browser as browsers
    from kasauti.linter.engines import lighthouse
    from tests.themes.browser import rerun_slowdown, serve, wait_for_quiet
    from tests.themes.sitefactory import build, reference_project

    lhci = json.loads((CI / "lighthouse" / "lighthouserc.json").read_text())["ci"]
    project = reference_project(tmp_path / "reference")
    assert build(project).returncode == 0
    settings = lhci["collect"]["settings"]
    site = project / lhci["collect"]["staticDistDir"]
    failures = []
    with serve(site, compress=True, cache_seconds=31536000) as base:
        for url in lhci["collect"]["url"]:
            local = base + url.split("/", 3)[3]
            assertions = {}
            for entry in lhci["assert"]["assertMatrix"]:
                if re.search(entry["matchingUrlPattern"], url):
                    assertions.update(entry["assertions"])
            reports, slowdown = [], None
            for run in range(lhci["collect"]["numberOfRuns"]):
                output = tmp_path / f"lh-{len(reports)}.json"
                command = ["node", str(LIGHTHOUSE / "cli" / "index.js"), local, "--output=json",
                           f"--output-path={output}", "--quiet", f"--chrome-flags={settings['chromeFlags']}",
                           f"--only-categories={','.join(settings['onlyCategories'])}"]
                if slowdown:  # see tests/themes/test_real_sites.py: a slow host emulates the same phone
                    command.append(f"--throttling.cpuSlowdownMultiplier={slowdown:g}")
                if "categories:performance" in assertions:
                    wait_for_quiet()  # see tests/themes/test_real_sites.py: performance measures machine load too
                with lighthouse.machine_lock(900):
                    done = subprocess.run(command, capture_output=True, text=True, timeout=240,
                                          env={**ENV, "CHROME_PATH": browsers.find_chromium() or ""})
                assert done.returncode == 0 and output.is_file(), done.stderr[-2000:]
                reports.append(json.loads(output.read_text("utf-8")))
                slowdown = rerun_slowdown(reports[-1])
                verdicts = _verdicts(reports, assertions)
                # Two passing runs of three decide every median; an optimistic one needs one passing run.
                if run >= 1 and all(ok for level, ok, _ in verdicts.values() if level == "error"):
                    break
            failures += [(url, name, pairs) for name, (level, ok, pairs) in _verdicts(reports, assertions).items()
                         if level == "error" and not ok]
    assert failures == []
