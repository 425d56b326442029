"""The JSON report: validates against its published schema, round-trips, and is byte-for-byte deterministic."""
from __future__ import annotations

import json
import random

import jsonschema
import pytest

from kasauti.linter.report import RENDERERS, EXTENSIONS, ReportFormatError, load_json, render_json, report_schema

from .conftest import sample_result


def test_output_validates_against_the_schema(result):
    document = json.loads(render_json(result))
    jsonschema.Draft202012Validator.check_schema(report_schema())
    jsonschema.validate(document, report_schema(), cls=jsonschema.Draft202012Validator)
    assert document["schema_version"] == 1
    assert document["tool"] == {"name": "kasauti", "version": "0.1.0"}
    assert list(document)[:3] == ["schema_version", "tool", "target"]


def test_the_schema_rejects_what_consumers_must_not_receive(result):
    document = json.loads(render_json(result))
    validator = jsonschema.Draft202012Validator(report_schema())
    broken = json.loads(json.dumps(document))
    broken["findings"][0]["impact"] = "catastrophic"
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(document))
    del broken["findings"][0]["fingerprint"]
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(document))
    broken["schema_version"] = 2
    assert not validator.is_valid(broken)


def test_contract_fields_and_types(result):
    document = json.loads(render_json(result))
    finding = document["findings"][0]
    assert list(finding)[:14] == ["rule", "name", "outcome", "impact", "scope", "url", "selector", "snippet",
                                  "message", "wcag", "gigw", "engine", "fingerprint", "help_url"]
    assert isinstance(finding["wcag"], list) and isinstance(finding["data"], dict)
    pages = {p["url"]: p for p in document["pages"]}
    assert pages["https://jalshakti.example.gov.in/tenders/"]["score"] is None
    assert pages["https://jalshakti.example.gov.in/tenders/"]["error"] == "timeout"
    assert set(document["gigw_sections"]) == {"5.1", "5.2", "5.3", "5.4", "overall", "other"}
    assert document["stats"]["rules_run"] == ["IMG001", "IMG002"]
    assert "मुखपृष्ठ" in render_json(result)  # Hindi stays readable, not \\u-escaped


def test_round_trip_is_exact(result):
    text = render_json(result)
    loaded = load_json(text)
    assert loaded == result
    assert render_json(loaded) == text


def test_order_of_findings_and_pages_does_not_change_the_bytes(result):
    text = render_json(result)
    shuffled = sample_result()
    random.Random(3).shuffle(shuffled.findings)
    random.Random(4).shuffle(shuffled.pages)
    shuffled.stats = dict(reversed(list(shuffled.stats.items())))
    assert render_json(shuffled) == text


@pytest.mark.parametrize("text, problem", [
    ("not json", "not JSON"),
    ('{"tool": {"name": "pa11y"}}', "not a Kasauti report"),
    ('{"schema_version": 2, "tool": {"name": "kasauti"}}', "schema version 2"),
    ('{"schema_version": 1, "tool": {"name": "kasauti"}}', "malformed"),
])
def test_load_json_refuses_other_documents(text, problem):
    with pytest.raises(ReportFormatError, match=problem):
        load_json(text)


def test_registry_of_renderers():
    assert set(RENDERERS) == {"terminal", "json", "html", "sarif", "junit", "csv"} == set(EXTENSIONS)
    assert all(ext.startswith(".") for ext in EXTENSIONS.values())
    result = sample_result()
    for name, render in RENDERERS.items():  # every renderer takes (and may ignore) the same options
        assert isinstance(render(result, locale="hi"), str), name
