"""Baselines: a committed file of known findings, so CI fails only on new ones.

The file lists violation fingerprints with a count (the same fingerprint can legitimately occur more than once,
e.g. two identical unlabelled icons on a page) plus rule/url/message for humans reviewing the diff. Entries are
sorted, so re-creating an unchanged baseline produces an identical file.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .fingerprint import normalise_path
from .model import Finding, Outcome

BASELINE_VERSION = 1


class BaselineError(Exception):
    pass


@dataclass(frozen=True)
class BaselineEntry:
    fingerprint: str
    rule: str
    path: str
    message: str
    count: int = 1


@dataclass
class Comparison:
    new: list[Finding] = field(default_factory=list)  # not in the baseline: these fail the gate
    known: list[Finding] = field(default_factory=list)  # in the baseline: shown, do not fail
    fixed: list[BaselineEntry] = field(default_factory=list)  # in the baseline, gone now: the baseline can shrink


def entries_from(findings: list[Finding]) -> list[BaselineEntry]:
    violations = [f for f in findings if f.outcome == Outcome.VIOLATION.value]
    counts = Counter(f.fingerprint for f in violations)
    first: dict[str, Finding] = {}
    for f in violations:
        first.setdefault(f.fingerprint, f)
    entries = [BaselineEntry(fp, f.rule, normalise_path(f.url), f.message, counts[fp]) for fp, f in first.items()]
    return sorted(entries, key=lambda e: (e.rule, e.path, e.fingerprint))


def render(entries: list[BaselineEntry], target: str) -> str:
    data = {
        "schema_version": BASELINE_VERSION, "tool": "kasauti", "target": target,
        "findings": [{"fingerprint": e.fingerprint, "rule": e.rule, "path": e.path, "count": e.count,
                      "message": e.message} for e in entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load(path: Path) -> list[BaselineEntry]:
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("schema_version") != BASELINE_VERSION:
        raise BaselineError(f"{path} is not a Kasauti baseline (schema_version {BASELINE_VERSION})")
    try:
        return [BaselineEntry(e["fingerprint"], e.get("rule", ""), e.get("path", ""), e.get("message", ""),
                              int(e.get("count", 1))) for e in data["findings"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise BaselineError(f"{path}: malformed entry ({exc})") from exc


def compare(findings: list[Finding], entries: list[BaselineEntry]) -> Comparison:
    """Split current violations into new and known (counting multiplicity) and list fixed baseline entries."""
    budget = Counter({e.fingerprint: e.count for e in entries})
    seen: Counter = Counter()
    result = Comparison()
    for f in findings:
        if f.outcome != Outcome.VIOLATION.value:
            continue
        seen[f.fingerprint] += 1
        (result.known if seen[f.fingerprint] <= budget[f.fingerprint] else result.new).append(f)
    result.fixed = [e for e in entries if seen[e.fingerprint] < e.count]
    return result
