"""The rule registry: rules declare their metadata on a decorator; it is validated at import.

A page rule is a function `check(doc: Document) -> Iterable[Violation]`. A site rule is a function
`check(site: Site) -> Iterable[Violation]`, optionally with `collect(doc) -> value` which runs on every page
during the page pass and whose small result is kept in `site.collected(code)` (so site rules never need all
parsed pages in memory at once).

The docstring is the documentation, in fixed sections (see DOC_SECTIONS); `kasauti explain CODE` prints it and
the rule reference pages are generated from it.
"""
from __future__ import annotations

import inspect
import re
import string
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from ..model import ENGINES, IMPACTS, SCOPES, Outcome
from ..standards import WCAG22, WCAG_OBSOLETE, gigw_checklist

LOCALES = ("en", "hi")
DOC_SECTIONS = ("What it checks", "Why it matters", "Example", "Use instead", "References")
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{1,4}[0-9]{3}$")  # IMG001, I18N001
NAME_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
STATUSES = ("stable", "preview")

# Renamed rules keep working in --select/--ignore/config: old name -> code.
RENAMED: dict[str, str] = {}


@dataclass(frozen=True)
class Violation:
    """What a rule yields. For page rules `element` locates it; site and document rules give `url` (and may
    give `element_selector`/`snippet` taken during collection)."""

    element: Any = None
    message_id: str = "default"
    params: Mapping[str, Any] = field(default_factory=dict)
    outcome: str = Outcome.VIOLATION.value
    url: str | None = None
    selector: str | None = None
    snippet: str | None = None
    identity: str | None = None  # for fingerprints when there is no element (e.g. the missing page's kind)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    impact: str
    wcag: tuple[str, ...]
    gigw: tuple[str, ...]
    engine: str
    scope: str
    status: str
    since: str
    messages: Mapping[str, Mapping[str, str]]
    check: Callable[..., Iterable[Violation]]
    collect: Callable[..., Any] | None = None
    live_only: bool = False  # needs a real HTTP response (headers, TLS): skipped for built-folder audits
    home_only: bool = False  # page rule that applies to the site's home page only
    content_only: bool = False  # page rule about content (dates, ownership): skipped on error pages (404.html)

    @property
    def family(self) -> str:
        return self.check.__module__.rsplit(".", 1)[-1]

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    def sections(self) -> dict[str, str]:
        return parse_doc_sections(self.doc)

    def message(self, message_id: str, locale: str = "en", params: Mapping[str, Any] | None = None) -> str:
        catalogue = self.messages.get(message_id) or {}
        template = catalogue.get(locale) or catalogue.get("en") or message_id
        try:
            return template.format(**(params or {}))
        except (KeyError, IndexError, ValueError):
            return template


def parse_doc_sections(doc: str) -> dict[str, str]:
    """Split a rule docstring into its sections ("Heading:" on a line of its own)."""
    sections: dict[str, list[str]] = {"summary": []}
    current = "summary"
    for line in doc.splitlines():
        heading = line.strip().rstrip(":")
        if line.strip().endswith(":") and heading in DOC_SECTIONS and not line.startswith(" "):
            current = heading
            sections[current] = []
            continue
        sections[current].append(line)
    return {k: inspect.cleandoc("\n".join(v)) for k, v in sections.items()}


_REGISTRY: dict[str, Rule] = {}


def _validate(rule: Rule) -> None:
    problems = []
    if not CODE_PATTERN.match(rule.code):
        problems.append(f"code {rule.code!r} is not PREFIX+3 digits")
    if rule.code in _REGISTRY:
        problems.append(f"code {rule.code} registered twice")
    if not NAME_PATTERN.match(rule.name):
        problems.append(f"name {rule.name!r} is not kebab-case")
    if any(r.name == rule.name for r in _REGISTRY.values()):
        problems.append(f"name {rule.name} registered twice")
    if rule.impact not in IMPACTS:
        problems.append(f"impact {rule.impact!r}")
    if rule.engine not in ENGINES:
        problems.append(f"engine {rule.engine!r}")
    if rule.scope not in SCOPES:
        problems.append(f"scope {rule.scope!r}")
    if rule.status not in STATUSES:
        problems.append(f"status {rule.status!r}")
    for sc in rule.wcag:
        if sc not in WCAG22 and sc not in WCAG_OBSOLETE:
            problems.append(f"unknown WCAG criterion {sc}")
    checklist = gigw_checklist()
    for gid in rule.gigw:
        if gid not in checklist:
            problems.append(f"unknown GIGW id {gid}")
    if not rule.wcag and not rule.gigw:
        problems.append("maps to neither WCAG nor GIGW")
    if not rule.messages:
        problems.append("no messages")
    for mid, texts in rule.messages.items():
        for locale in LOCALES:
            if not texts.get(locale):
                problems.append(f"message {mid!r} lacks {locale}")
        fields = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in texts.values()]
        if fields and any(f != fields[0] for f in fields):
            problems.append(f"message {mid!r} has different placeholders per locale")
    sections = parse_doc_sections(rule.doc)
    for heading in DOC_SECTIONS:
        if not sections.get(heading):
            problems.append(f"docstring lacks section {heading!r}")
    if not sections.get("summary"):
        problems.append("docstring lacks a summary line")
    if problems:
        raise ValueError(f"rule {rule.code} ({rule.name}): " + "; ".join(problems))


def _register(scope_default: str, **meta):
    def decorate(func):
        rule = Rule(
            code=meta["code"],
            name=meta["name"],
            impact=meta["impact"],
            wcag=tuple(meta.get("wcag", ())),
            gigw=tuple(meta.get("gigw", ())),
            engine=meta.get("engine", "static"),
            scope=meta.get("scope", scope_default),
            status=meta.get("status", "stable"),
            since=meta.get("since", "0.1.0"),
            messages=meta["messages"],
            check=func,
            collect=meta.get("collect"),
            live_only=meta.get("live_only", False),
            home_only=meta.get("home_only", False),
            content_only=meta.get("content_only", False),
        )
        _validate(rule)
        _REGISTRY[rule.code] = rule
        func.rule = rule
        return func

    return decorate


def page_rule(**meta):
    """Register a rule over one parsed page: `def check(doc) -> Iterable[Violation]`."""
    return _register("page", **meta)


def site_rule(**meta):
    """Register a rule over the whole site: `def check(site) -> Iterable[Violation]` (scope site or document)."""
    meta.setdefault("scope", "site")
    rule_decorator = _register("site", **meta)

    def decorate(func):
        func.is_site_rule = True
        return rule_decorator(func)

    return decorate


def is_site_rule(rule: Rule) -> bool:
    return getattr(rule.check, "is_site_rule", False)


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code (importing the families registers them)."""
    from . import load_families  # noqa: PLC0415 - import cycle: families import this module

    load_families()
    return sorted(_REGISTRY.values(), key=lambda r: r.code)


def get_rule(code_or_name: str) -> Rule | None:
    rules = {r.code: r for r in all_rules()}
    key = RENAMED.get(code_or_name, code_or_name)
    if key.upper() in rules:
        return rules[key.upper()]
    for rule in rules.values():
        if rule.name == key:
            return rule
    return None


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Rules chosen by code, code prefix (e.g. IMG) or name; `ignore` wins over `select`."""

    def matches(rule: Rule, patterns: list[str]) -> bool:
        for pattern in patterns:
            pattern = RENAMED.get(pattern, pattern)
            if rule.name == pattern or rule.code.startswith(pattern.upper()):
                return True
        return False

    select, ignore = list(select), list(ignore)
    chosen = [r for r in all_rules() if not select or matches(r, select)]
    return [r for r in chosen if not matches(r, ignore)]
