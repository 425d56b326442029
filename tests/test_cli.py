"""The command line: exit codes, usage errors, rules/explain, reports written where asked."""
from __future__ import annotations

import json

from click.testing import CliRunner

from kasauti.cli import main


def run(*args, **kwargs):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kwargs)


def test_rules_and_explain():
    listing = run("rules", "--format", "json")
    assert listing.exit_code == 0
    rules = json.loads(listing.output)
    assert {"code", "name", "impact", "wcag", "gigw", "engine"} <= set(rules[0])
    explained = run("explain", "IMG001")
    assert explained.exit_code == 0 and "What it checks" in explained.output and "WCAG: 1.1.1" in explained.output
    assert run("explain", "image-missing-alt", "--lang", "hi").exit_code == 0
    assert run("explain", "NOPE999").exit_code == 2


def test_usage_errors_exit_2(tmp_path):
    assert run("audit", str(tmp_path / "missing")).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("audit", str(empty))
    assert result.exit_code == 2 and "no HTML" in result.output
    assert run("audit", "https://x.invalid/", "--engines", "static,bogus").exit_code == 2
    assert run("audit", "site", "--format", "json", "--format", "csv", "--output", "x").exit_code == 2
    assert run("audit").exit_code == 2


def test_unknown_config_key_is_a_usage_error(tmp_path):
    (tmp_path / "kasauti.toml").write_text("fail-unde = 90\n")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html></html>")
    result = CliRunner().invoke(main, ["audit", str(tmp_path / "site"), "--config", str(tmp_path / "kasauti.toml")])
    assert result.exit_code == 2 and "fail_unde" in result.output


def test_an_unreachable_site_fails_the_gate_with_the_reason_and_no_made_up_findings(tmp_path):
    import socket

    with socket.socket() as sock:  # a loopback port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    report = tmp_path / "report.json"
    result = run("audit", f"http://127.0.0.1:{port}/", "--format", "json", "--output", str(report), "--quiet",
                 "--timeout", "2")
    assert result.exit_code == 1
    data = json.loads(report.read_text("utf-8"))
    assert data["pages"][0]["error"] == "connect" and data["pages"][0]["score"] is None
    assert data["findings"] == []  # no "Contact page missing" for a site that was never reached
    assert data["score"] == 0 and data["gigw_sections"]["overall"]["score"] is None
    assert "no page could be audited" in result.output
