"""What every reporter needs: safe text and URLs, message re-rendering, grouping and counting of findings.

Page content (snippets, messages quoting attributes, URLs) is untrusted: it is shown, never executed or
followed. `clean_text` drops characters that XML forbids and that terminals treat as commands; `safe_url`
lets only http(s) URLs become links.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

from ..model import Finding, Outcome, SiteResult

VIOLATION = Outcome.VIOLATION.value
NEEDS_REVIEW = Outcome.NEEDS_REVIEW.value
IMPACT_ORDER = ("critical", "serious", "moderate", "minor")  # worst first, as reports list them
_IMPACT_RANK = {"minor": 1, "moderate": 2, "serious": 3, "critical": 4}

# C0 controls except tab/newline/return, DEL and C1 controls, lone surrogates, U+FFFE/U+FFFF: invalid in XML 1.0,
# parse errors in HTML, and (ESC above all) instructions to a terminal.
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str | None) -> str:
    """Text safe for XML, HTML and terminals: unsafe characters become U+FFFD (visible, never acted on)."""
    return _UNSAFE_CHARS.sub("\ufffd", text or "")


def one_line(text: str | None, limit: int | None = None) -> str:
    """clean_text on one line (white space collapsed), cut to `limit` characters with an ellipsis."""
    line = " ".join(clean_text(text).split())
    if limit is not None and len(line) > limit:
        line = line[: max(limit - 1, 0)] + "…"
    return line


def safe_url(url: str | None) -> str | None:
    """The URL if it may become a link (http or https with a host), else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def rule_label(code: str, name: str) -> str:
    """"IMG001 image-missing-alt"; just the id for engines whose rule id is its name (axe)."""
    return code if not name or name == code else f"{code} {name}"


def impact_rank(impact: str) -> int:
    return _IMPACT_RANK.get(impact, 0)


@lru_cache(maxsize=None)
def known_rule(code: str):
    """The registry's Rule for a code, or None (axe and Lighthouse findings, rules since removed)."""
    from ..rules import get_rule  # noqa: PLC0415 - loading every rule family only when a report needs it

    rule = get_rule(code)
    return rule if rule is not None and rule.code == code else None


RuleLookup = Callable[[str], Any]


def rule_lookup(rules: Mapping[str, Any] | None = None) -> RuleLookup:
    """How a renderer finds rule metadata (docs, message catalogues): the registry by default, or a given
    code -> Rule mapping (e.g. the catalogue of the version that wrote a stored report, or a fixed test set)."""
    if rules is None:
        return known_rule
    return rules.get


def localized_message(finding: Finding, locale: str, result_locale: str,
                      lookup: RuleLookup = known_rule) -> tuple[str, str]:
    """(message, its language). Re-rendered from the rule's catalogue when the report is in another language
    than the audit and the rule and message id are known; otherwise the stored message in the audit's language."""
    if locale != result_locale and finding.message_id:
        rule = lookup(finding.rule)
        if rule is not None and finding.message_id in rule.messages:
            return rule.message(finding.message_id, locale, dict(finding.data)), locale
    return finding.message, result_locale


def violations(result: SiteResult) -> list[Finding]:
    return [f for f in result.findings if f.outcome == VIOLATION]


def impact_counts(findings: list[Finding]) -> dict[str, int]:
    """Violations per impact, worst first, every impact present (0 when none)."""
    counts = {impact: 0 for impact in IMPACT_ORDER}
    for finding in findings:
        if finding.outcome == VIOLATION and finding.impact in counts:
            counts[finding.impact] += 1
    return counts


@dataclass
class RuleGroup:
    """All findings of one rule, for "findings by rule" views."""

    rule: str
    name: str
    impact: str  # worst impact among its violations (or among all findings when none is a violation)
    findings: list[Finding] = field(default_factory=list)
    wcag: tuple[str, ...] = ()
    gigw: tuple[str, ...] = ()
    help_url: str = ""

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.outcome == VIOLATION]

    @property
    def reviews(self) -> list[Finding]:
        return [f for f in self.findings if f.outcome == NEEDS_REVIEW]

    @property
    def pages(self) -> int:
        return len({f.url for f in self.violations})


def group_by_rule(findings: list[Finding], outcomes: tuple[str, ...] = (VIOLATION, NEEDS_REVIEW)) -> list[RuleGroup]:
    """Findings with the given outcomes grouped by rule; worst impact, then most violations, then code first."""
    groups: dict[str, RuleGroup] = {}
    for finding in findings:
        if finding.outcome not in outcomes:
            continue
        group = groups.get(finding.rule)
        if group is None:
            group = groups[finding.rule] = RuleGroup(finding.rule, finding.name, finding.impact, wcag=finding.wcag,
                                                     gigw=finding.gigw, help_url=finding.help_url)
        group.findings.append(finding)
    for group in groups.values():
        ranked = group.violations or group.findings
        group.impact = max(ranked, key=lambda f: impact_rank(f.impact)).impact
        group.wcag = tuple(sorted({sc for f in group.findings for sc in f.wcag}))
        group.gigw = tuple(sorted({g for f in group.findings for g in f.gigw}))
    return sorted(groups.values(), key=lambda g: (-bool(g.violations), -impact_rank(g.impact), -len(g.violations),
                                                  g.rule))


def findings_by_url(findings: list[Finding], outcomes: tuple[str, ...] = (VIOLATION, NEEDS_REVIEW)
                    ) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.outcome in outcomes:
            out.setdefault(finding.url, []).append(finding)
    return out


def rules_run(result: SiteResult) -> list[str]:
    """Codes of the rules that ran (kept by scoring.build_result in stats), else those that produced findings."""
    codes = result.stats.get("rules_run") if isinstance(result.stats, dict) else None
    if isinstance(codes, (list, tuple)) and codes:
        return sorted({str(c) for c in codes} | {f.rule for f in result.findings})
    return sorted({f.rule for f in result.findings})


def tool_version(result: SiteResult) -> str:
    if result.tool_version:
        return result.tool_version
    from kasauti import __version__  # noqa: PLC0415

    return __version__


def format_score(score: float | None) -> str:
    return "—" if score is None else f"{score:.1f}"
