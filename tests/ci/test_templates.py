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
    assertions = lhci["ci"]["assert"]["assertions"]
    assert assertions["categories:accessibility"][1]["minScore"] == 1


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
