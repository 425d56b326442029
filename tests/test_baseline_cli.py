"""Baselines end to end through the CLI: known findings pass, new ones fail, fixed ones are reported."""
from __future__ import annotations

import json

from click.testing import CliRunner

from kasauti.cli import main
from tests.sites.ministry import Defect, write_site

OLD = Defect("IMG001", "about/", "<h1>About the Ministry</h1>", '<h1>About the Ministry</h1><img src="/old.png">')
NEW = Defect("IMG001", "schemes/", "<h1>Schemes</h1>", '<h1>Schemes</h1><img src="/new.png">')
# The same old defect after cosmetic change: generated class names, a reordered sibling, white space.
OLD_RESTYLED = Defect("IMG001", "about/", "<h1>About the Ministry</h1>",
                      '<h1>About the Ministry</h1>\n  <p class="css-9x8y7z">New intro.</p>\n'
                      '<img   class="sc-a1b2c3d"   src="/old.png" >')


def cli(*args):
    return CliRunner().invoke(main, [*args], catch_exceptions=False)


def test_baseline_lets_known_findings_pass_and_fails_on_new_ones(tmp_path):
    baseline = tmp_path / "baseline.json"
    write_site(tmp_path / "v1", (OLD,))
    created = cli("baseline", "create", str(tmp_path / "v1"), "--file", str(baseline), "--quiet")
    assert created.exit_code == 0, created.output
    entries = json.loads(baseline.read_text())["findings"]
    assert [e["rule"] for e in entries] == ["IMG001"]

    # Without the baseline the old defect fails; with it, it passes (and is still reported).
    assert cli("audit", str(tmp_path / "v1"), "--quiet").exit_code == 1
    known = cli("audit", str(tmp_path / "v1"), "--quiet", "--baseline", str(baseline), "--format", "json")
    assert known.exit_code == 0, known.output
    report = json.loads(known.output)
    assert any(f["rule"] == "IMG001" for f in report["findings"])
    assert report["gate"]["baseline"]["known"] == 1

    # Cosmetic change keeps the fingerprint; a genuinely new defect fails and is named.
    write_site(tmp_path / "v2", (OLD_RESTYLED,))
    assert cli("audit", str(tmp_path / "v2"), "--quiet", "--baseline", str(baseline)).exit_code == 0
    write_site(tmp_path / "v3", (OLD, NEW))
    failed = cli("audit", str(tmp_path / "v3"), "--quiet", "--baseline", str(baseline), "--format", "json")
    assert failed.exit_code == 1
    gate = json.loads(failed.output)["gate"]
    assert gate["baseline"]["new"] == 1 and any("1 new violation" in r for r in gate["reasons"])
    assert cli("audit", str(tmp_path / "v3"), "--quiet", "--baseline", str(baseline), "--max-new", "1").exit_code == 0

    # Fixing the old defect is reported so the baseline can shrink; update drops it.
    write_site(tmp_path / "v4")
    fixed = cli("audit", str(tmp_path / "v4"), "--quiet", "--baseline", str(baseline), "--format", "json")
    assert fixed.exit_code == 0 and json.loads(fixed.output)["gate"]["baseline"]["fixed"] == 1
    assert cli("baseline", "update", str(tmp_path / "v4"), "--file", str(baseline), "--quiet").exit_code == 0
    assert json.loads(baseline.read_text())["findings"] == []


def test_a_broken_baseline_file_is_a_usage_error(tmp_path):
    write_site(tmp_path / "site")
    (tmp_path / "baseline.json").write_text("{not json")
    assert cli("audit", str(tmp_path / "site"), "--quiet", "--baseline", str(tmp_path / "baseline.json")).exit_code == 2


def test_rule_and_url_budgets_from_config(tmp_path):
    write_site(tmp_path / "site", (OLD, NEW))
    (tmp_path / "kasauti.toml").write_text('fail-on = "none"\n[rule-budgets]\nIMG001 = 1\n')
    over = cli("audit", str(tmp_path / "site"), "--quiet", "--config", str(tmp_path / "kasauti.toml"), "--format", "json")
    assert over.exit_code == 1
    assert any("rule IMG001: 2" in r for r in json.loads(over.output)["gate"]["reasons"])
    (tmp_path / "kasauti.toml").write_text('fail-on = "none"\nfail-under = 0\n[url-budgets]\n"/about/*" = 0\n'
                                           '[rule-budgets]\nIMG001 = 5\n')
    url = cli("audit", str(tmp_path / "site"), "--quiet", "--config", str(tmp_path / "kasauti.toml"), "--format", "json")
    assert url.exit_code == 1
    assert json.loads(url.output)["gate"]["reasons"] == ["URLs matching '/about/*': 1 violation(s), budget 0"]
