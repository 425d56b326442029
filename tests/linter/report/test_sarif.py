"""SARIF 2.1.0: the essentials of the OASIS schema, the constraints the spec adds in prose, and the choices
code scanning depends on (fingerprints, levels, locations)."""
from __future__ import annotations

import json

import jsonschema

from kasauti.linter.report import render_sarif
from kasauti.linter.report.sarif import SARIF_SCHEMA

from .conftest import CATALOGUE

TEXT = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string", "minLength": 1}}}
LEVEL = {"enum": ["none", "note", "warning", "error"]}
# The parts of sarif-schema-2.1.0.json that a log with our shape must satisfy (required properties, enums).
SARIF_ESSENTIALS = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name"],
                    "properties": {
                        "name": {"type": "string"}, "version": {"type": "string"},
                        "informationUri": {"type": "string", "format": "uri"},
                        "rules": {"type": "array", "items": {
                            "type": "object", "required": ["id"],
                            "properties": {
                                "id": {"type": "string"}, "name": {"type": "string"},
                                "shortDescription": TEXT, "fullDescription": TEXT, "help": TEXT,
                                "helpUri": {"type": "string", "format": "uri"},
                                "defaultConfiguration": {"type": "object", "properties": {"level": LEVEL}},
                                "properties": {"type": "object", "properties": {
                                    "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}}},
                            }}},
                    }}}},
                "invocations": {"type": "array", "items": {
                    "type": "object", "required": ["executionSuccessful"],
                    "properties": {"startTimeUtc": {"type": "string", "format": "date-time"},
                                   "endTimeUtc": {"type": "string", "format": "date-time"}}}},
                "results": {"type": "array", "items": {
                    "type": "object", "required": ["message"],
                    "properties": {
                        "ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": -1},
                        "level": LEVEL,
                        "kind": {"enum": ["notApplicable", "pass", "fail", "review", "open", "informational"]},
                        "message": TEXT,
                        "locations": {"type": "array", "items": {"type": "object", "properties": {
                            "physicalLocation": {"type": "object", "required": ["artifactLocation"], "properties": {
                                "artifactLocation": {"type": "object", "required": ["uri"],
                                                     "properties": {"uri": {"type": "string", "minLength": 1}}},
                                "region": {"type": "object", "anyOf": [{"required": ["startLine"]},
                                                                       {"required": ["charOffset"]}],
                                           "properties": {"startLine": {"type": "integer", "minimum": 1},
                                                          "snippet": TEXT}}}},
                            "logicalLocations": {"type": "array", "items": {"type": "object"}},
                        }}},
                        "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
                    }}},
            }}},
    },
}


def load(result, **options):
    return json.loads(render_sarif(result, **options))


def test_log_satisfies_the_schema_essentials(result):
    log = load(result)
    jsonschema.validate(log, SARIF_ESSENTIALS, format_checker=jsonschema.FormatChecker())
    assert log["version"] == "2.1.0" and log["$schema"] == SARIF_SCHEMA
    assert log["$schema"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")


def test_spec_constraints_beyond_the_schema(result):
    run = load(result)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]  # §3.27.6: the index must point at the rule
        if res.get("kind", "fail") != "fail":
            assert res["level"] == "none"  # §3.27.10: level is "none" when kind is not "fail"


def test_levels_kinds_and_fingerprints(result):
    run = load(result)["runs"][0]
    by_fp = {r["partialFingerprints"]["kasauti/v1"]: r for r in run["results"]}
    assert by_fp["a1b2c3d4e5f60001"]["level"] == "error"  # critical
    assert by_fp["a1b2c3d4e5f60005"]["level"] == "error"  # serious
    assert by_fp["a1b2c3d4e5f60007"]["level"] == "warning"  # moderate
    review = by_fp["a1b2c3d4e5f60006"]
    assert review["kind"] == "review" and review["level"] == "none"
    assert "a1b2c3d4e5f60014" not in by_fp  # a pass is not a result
    wanted = [f for f in result.findings if f.outcome in ("violation", "needs-review")]
    assert len(run["results"]) == len(wanted)


def test_rule_descriptors_come_from_the_rule_docs(result):
    rules = {r["id"]: r for r in load(result, rules=CATALOGUE)["runs"][0]["tool"]["driver"]["rules"]}
    img = rules["IMG001"]
    assert img["name"] == "image-missing-alt"
    assert img["shortDescription"]["text"] == "Images without a text alternative."
    assert img["fullDescription"]["text"] == "Every image has an alt attribute."
    assert img["help"]["text"].startswith("Every image has an alt attribute.\n\nScreen readers cannot")
    assert img["helpUri"] == "https://kasauti.github.io/rules/IMG001/"
    assert img["defaultConfiguration"]["level"] == "error"
    assert {"wcag-1.1.1", "GIGW-5.2.1", "accessibility"} <= set(img["properties"]["tags"])
    axe = rules["color-contrast"]  # an engine rule Kasauti does not document itself
    assert axe["helpUri"].startswith("https://dequeuniversity.com/") and "GIGW-5.2.16" in axe["properties"]["tags"]


def test_locations_are_urls_or_repository_files(result):
    home = "https://jalshakti.example.gov.in/"
    run = load(result, source_map={home: "site/index.html"})["runs"][0]
    first = next(r for r in run["results"] if r["partialFingerprints"]["kasauti/v1"] == "a1b2c3d4e5f60001")
    location = first["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "site/index.html"
    assert location["physicalLocation"]["region"]["snippet"]["text"] == '<img src="/emblem.svg">'
    assert location["logicalLocations"] == [{"fullyQualifiedName": "header > img.emblem", "kind": "element"}]
    other = next(r for r in run["results"] if r["partialFingerprints"]["kasauti/v1"] == "a1b2c3d4e5f60004")
    assert other["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "https://jalshakti.example.gov.in/about/"


def test_located_findings_point_at_the_markdown_line_with_the_built_page_related(result):
    from kasauti.linter.report.sources import SourceLocation

    def locate(finding):
        if finding.fingerprint == "a1b2c3d4e5f60001":
            return SourceLocation("content/index.md", 12, "markdown", "site/index.html", 340)
        if finding.fingerprint == "a1b2c3d4e5f60004":
            return SourceLocation("site/about/index.html", 88, "html")
        return None

    log = load(result, locate=locate)
    jsonschema.validate(log, SARIF_ESSENTIALS, format_checker=jsonschema.FormatChecker())
    by_fp = {r["partialFingerprints"]["kasauti/v1"]: r for r in log["runs"][0]["results"]}
    markdown = by_fp["a1b2c3d4e5f60001"]
    physical = markdown["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "content/index.md" and physical["region"] == {"startLine": 12}
    related = markdown["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "site/index.html"
    assert related["region"] == {"startLine": 340, "snippet": {"text": '<img src="/emblem.svg">'}}
    assert markdown["properties"]["source"] == "markdown"
    html = by_fp["a1b2c3d4e5f60004"]["locations"][0]["physicalLocation"]
    assert html["artifactLocation"]["uri"] == "site/about/index.html" and html["region"]["startLine"] == 88
    assert "relatedLocations" not in by_fp["a1b2c3d4e5f60004"]
