"""The GIGW 3.0 checklist ids of every axe-core rule (the pinned axe-core 4.14.1), as a data table.

How the table is made: GIGW 3.0 guidelines 5.2.1-5.2.50 restate the WCAG 2.1 A/AA success criteria one to one,
in order, and `data/gigw3.json` records the criterion of each (its "wcag" field); WCAG 2.2 criteria that GIGW
predates have checklist ids of the form WCAG22-<sc>. So a rule tagged with WCAG criteria maps to the GIGW ids of
those criteria (`derived_gigw`); the tests check that every such row contains them. Rules with no A/AA tag
(axe "best-practice" rules and the AAA ones) are mapped by hand to the guideline whose intent they serve, with
the reason in a comment. A few rows add a GIGW quality (5.1.x) id where that guideline asks for the same thing.

When axe-core is upgraded, `python -m kasauti.linter.engines.axe_gigw` lists rules missing from the table and
rows that disagree with the derivation; the test suite fails until the table is updated.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..standards import gigw_checklist

# axe rule id -> GIGW checklist ids. Comment: the rule's WCAG criteria from its axe tags, or why it maps by hand.
AXE_GIGW: dict[str, tuple[str, ...]] = {
    "accesskeys": ("GIGW-5.2.21",),  # best practice: duplicate access keys break keyboard operation (2.1.1)
    "area-alt": ("GIGW-5.2.30", "GIGW-5.2.49", "GIGW-5.2.1"),  # 2.4.4, 4.1.2; image-map areas are images too
    "aria-allowed-attr": ("GIGW-5.2.49",),  # 4.1.2
    "aria-allowed-role": ("GIGW-5.2.49",),  # best practice: a role the element may not take misstates its role
    "aria-braille-equivalent": ("GIGW-5.2.49",),  # 4.1.2
    "aria-command-name": ("GIGW-5.2.49",),  # 4.1.2
    "aria-conditional-attr": ("GIGW-5.2.49",),  # 4.1.2
    "aria-deprecated-role": ("GIGW-5.2.49",),  # 4.1.2
    "aria-dialog-name": ("GIGW-5.2.49",),  # best practice: a dialog's name (4.1.2)
    "aria-hidden-body": ("GIGW-5.2.7", "GIGW-5.2.49"),  # 1.3.1, 4.1.2
    "aria-hidden-focus": ("GIGW-5.2.49",),  # 4.1.2
    "aria-input-field-name": ("GIGW-5.2.49",),  # 4.1.2
    "aria-meter-name": ("GIGW-5.2.1",),  # 1.1.1
    "aria-progressbar-name": ("GIGW-5.2.1",),  # 1.1.1
    "aria-prohibited-attr": ("GIGW-5.2.49",),  # 4.1.2
    "aria-required-attr": ("GIGW-5.2.49",),  # 4.1.2
    "aria-required-children": ("GIGW-5.2.7",),  # 1.3.1
    "aria-required-parent": ("GIGW-5.2.7",),  # 1.3.1
    "aria-roledescription": ("GIGW-5.2.49",),  # 4.1.2
    "aria-roles": ("GIGW-5.2.49",),  # 4.1.2
    "aria-tab-name": ("GIGW-5.2.49",),  # 4.1.2
    "aria-text": ("GIGW-5.2.49",),  # best practice: role=text hiding focusable content misstates roles (4.1.2)
    "aria-toggle-field-name": ("GIGW-5.2.49",),  # 4.1.2
    "aria-tooltip-name": ("GIGW-5.2.49",),  # 4.1.2
    "aria-treeitem-name": ("GIGW-5.2.49",),  # best practice: a tree item's name (4.1.2)
    "aria-valid-attr-value": ("GIGW-5.2.49",),  # 4.1.2
    "aria-valid-attr": ("GIGW-5.2.49",),  # 4.1.2
    "audio-caption": ("GIGW-5.2.2",),  # 1.2.1 (deprecated in axe)
    "autocomplete-valid": ("GIGW-5.2.11",),  # 1.3.5
    "avoid-inline-spacing": ("GIGW-5.2.19",),  # 1.4.12
    "blink": ("GIGW-5.2.25",),  # 2.2.2
    "button-name": ("GIGW-5.2.49",),  # 4.1.2
    "bypass": ("GIGW-5.2.27",),  # 2.4.1
    "color-contrast-enhanced": ("GIGW-5.2.14",),  # 1.4.6 (AAA): the enhanced form of GIGW's contrast guideline
    "color-contrast": ("GIGW-5.2.14",),  # 1.4.3
    "css-orientation-lock": ("GIGW-5.2.10", "GIGW-5.1.15"),  # 1.3.4; GIGW 5.1.15 asks for responsive design
    "definition-list": ("GIGW-5.2.7",),  # 1.3.1
    "dlitem": ("GIGW-5.2.7",),  # 1.3.1
    "document-title": ("GIGW-5.2.28", "GIGW-5.1.17"),  # 2.4.2; GIGW 5.1.17 asks every page for a proper title
    "duplicate-id-active": ("GIGW-5.2.48",),  # 4.1.1 (obsolete in WCAG 2.2; GIGW still lists it)
    "duplicate-id-aria": ("GIGW-5.2.49",),  # 4.1.2
    "duplicate-id": ("GIGW-5.2.48",),  # 4.1.1 (obsolete in WCAG 2.2; GIGW still lists it)
    "empty-heading": ("GIGW-5.2.32",),  # best practice: headings that describe nothing (2.4.6)
    "empty-table-header": ("GIGW-5.2.7", "GIGW-5.1.19"),  # best practice: header cells must say what they head
    "focus-order-semantics": ("GIGW-5.2.29",),  # best practice: focusable elements need a role (focus order)
    "form-field-multiple-labels": ("GIGW-5.2.45",),  # 3.3.2
    "frame-focusable-content": ("GIGW-5.2.21",),  # 2.1.1
    "frame-tested": ("GIGW-5.2.49",),  # review item: a frame axe could not enter is unchecked for 4.1.2 and more
    "frame-title-unique": ("GIGW-5.2.49",),  # 4.1.2
    "frame-title": ("GIGW-5.2.49",),  # 4.1.2
    "heading-order": ("GIGW-5.2.7", "GIGW-5.2.32"),  # best practice: heading levels convey structure (1.3.1)
    "hidden-content": ("GIGW-5.2.7",),  # review item: content axe could not see is unchecked for structure
    "html-has-lang": ("GIGW-5.2.38", "GIGW-5.1.17"),  # 3.1.1; GIGW 5.1.17 asks every page for a lang attribute
    "html-lang-valid": ("GIGW-5.2.38", "GIGW-5.1.17"),  # 3.1.1
    "html-xml-lang-mismatch": ("GIGW-5.2.38",),  # 3.1.1
    "identical-links-same-purpose": ("GIGW-5.2.30",),  # 2.4.9 (AAA): the strict form of link purpose
    "image-alt": ("GIGW-5.2.1",),  # 1.1.1
    "image-redundant-alt": ("GIGW-5.2.1",),  # best practice: alt text repeating nearby text (1.1.1)
    "input-button-name": ("GIGW-5.2.49",),  # 4.1.2
    "input-image-alt": ("GIGW-5.2.1", "GIGW-5.2.49"),  # 1.1.1, 4.1.2
    "label-content-name-mismatch": ("GIGW-5.2.36",),  # 2.5.3
    "label-title-only": ("GIGW-5.2.45",),  # best practice: a title is not a visible label (3.3.2)
    "label": ("GIGW-5.2.49", "GIGW-5.2.45"),  # 4.1.2; a missing label also fails GIGW's labels guideline (3.3.2)
    "landmark-banner-is-top-level": ("GIGW-5.2.7",),  # best practice: landmark structure (1.3.1)
    "landmark-complementary-is-top-level": ("GIGW-5.2.7",),  # best practice: landmark structure (1.3.1)
    "landmark-contentinfo-is-top-level": ("GIGW-5.2.7",),  # best practice: landmark structure (1.3.1)
    "landmark-main-is-top-level": ("GIGW-5.2.7",),  # best practice: landmark structure (1.3.1)
    "landmark-no-duplicate-banner": ("GIGW-5.2.7",),  # best practice: landmark structure (1.3.1)
    "landmark-no-duplicate-contentinfo": ("GIGW-5.2.7",),  # best practice: landmark structure (1.3.1)
    "landmark-no-duplicate-main": ("GIGW-5.2.7",),  # best practice: landmark structure (1.3.1)
    "landmark-one-main": ("GIGW-5.2.7", "GIGW-5.2.27"),  # best practice: a main landmark to skip to (2.4.1)
    "landmark-unique": ("GIGW-5.2.7",),  # best practice: landmarks told apart by name (1.3.1)
    "link-in-text-block": ("GIGW-5.2.12",),  # 1.4.1
    "link-name": ("GIGW-5.2.30", "GIGW-5.2.49"),  # 2.4.4, 4.1.2
    "list": ("GIGW-5.2.7",),  # 1.3.1
    "listitem": ("GIGW-5.2.7",),  # 1.3.1
    "marquee": ("GIGW-5.2.25",),  # 2.2.2
    "meta-refresh-no-exceptions": ("GIGW-5.2.24",),  # 2.2.4, 3.2.5 (AAA): the strict form of timing adjustable
    "meta-refresh": ("GIGW-5.2.24",),  # 2.2.1
    "meta-viewport-large": ("GIGW-5.2.15", "GIGW-5.1.15"),  # best practice: allow zooming well past 200% (1.4.4)
    "meta-viewport": ("GIGW-5.2.15", "GIGW-5.1.15"),  # 1.4.4; GIGW 5.1.15 asks for responsive design
    "nested-interactive": ("GIGW-5.2.49",),  # 4.1.2
    "no-autoplay-audio": ("GIGW-5.2.13",),  # 1.4.2
    "object-alt": ("GIGW-5.2.1",),  # 1.1.1
    "p-as-heading": ("GIGW-5.2.7",),  # 1.3.1
    "page-has-heading-one": ("GIGW-5.2.7", "GIGW-5.2.32"),  # best practice: a main heading (1.3.1, 2.4.6)
    "presentation-role-conflict": ("GIGW-5.2.49",),  # best practice: presentational role that is ignored (4.1.2)
    "region": ("GIGW-5.2.7", "GIGW-5.2.27"),  # best practice: content outside landmarks is hard to reach (2.4.1)
    "role-img-alt": ("GIGW-5.2.1",),  # 1.1.1
    "scope-attr-valid": ("GIGW-5.2.7", "GIGW-5.1.19"),  # best practice: table header scope (1.3.1)
    "scrollable-region-focusable": ("GIGW-5.2.21",),  # 2.1.1, 2.1.3 (AAA part has no GIGW id)
    "select-name": ("GIGW-5.2.49", "GIGW-5.2.45"),  # 4.1.2; a missing label fails the labels guideline (3.3.2)
    "server-side-image-map": ("GIGW-5.2.21",),  # 2.1.1
    "skip-link": ("GIGW-5.2.27",),  # best practice: a skip link whose target exists (2.4.1)
    "summary-name": ("GIGW-5.2.49",),  # 4.1.2
    "svg-img-alt": ("GIGW-5.2.1",),  # 1.1.1
    "tabindex": ("GIGW-5.2.29",),  # best practice: positive tabindex scrambles focus order (2.4.3)
    "table-duplicate-name": ("GIGW-5.2.7", "GIGW-5.1.19"),  # best practice: caption and summary the same
    "table-fake-caption": ("GIGW-5.2.7", "GIGW-5.1.19"),  # 1.3.1; GIGW 5.1.19 asks for proper table markup
    "target-size": ("WCAG22-2.5.8",),  # 2.5.8 (WCAG 2.2; GIGW 3.0 predates it)
    "td-has-header": ("GIGW-5.2.7", "GIGW-5.1.19"),  # 1.3.1; GIGW 5.1.19 asks for proper table markup
    "td-headers-attr": ("GIGW-5.2.7", "GIGW-5.1.19"),  # 1.3.1; GIGW 5.1.19 asks for proper table markup
    "th-has-data-cells": ("GIGW-5.2.7", "GIGW-5.1.19"),  # 1.3.1; GIGW 5.1.19 asks for proper table markup
    "valid-lang": ("GIGW-5.2.39",),  # 3.1.2
    "video-caption": ("GIGW-5.2.3",),  # 1.2.2
}

_WCAG_TAG = re.compile(r"^wcag(\d)(\d)(\d{1,2})$")


def wcag_from_tags(tags) -> tuple[str, ...]:
    """Success-criterion ids from axe tags: "wcag143" -> "1.4.3", "wcag1410" -> "1.4.10" (level tags such as
    "wcag2aa" are skipped). Principle and guideline numbers are single digits, so the split is unambiguous."""
    found = []
    for tag in tags or ():
        match = _WCAG_TAG.match(tag)
        if match:
            sc = ".".join(match.groups())
            if sc not in found:
                found.append(sc)
    return tuple(found)


@lru_cache(maxsize=1)
def wcag_to_gigw() -> dict[str, str]:
    """WCAG success criterion -> its GIGW checklist id: GIGW-5.2.x for WCAG 2.1 A/AA (each entry's first "wcag"
    criterion), WCAG22-<sc> for criteria new in WCAG 2.2."""
    mapping: dict[str, str] = {}
    for gid, entry in gigw_checklist().items():
        criteria = entry.get("wcag") or []
        if criteria and (gid.startswith("GIGW-5.2.") or gid == f"WCAG22-{criteria[0]}"):
            mapping.setdefault(criteria[0], gid)
    return mapping


def derived_gigw(tags) -> tuple[str, ...]:
    """The GIGW ids that a rule's WCAG tags imply (empty for best-practice and AAA-only rules)."""
    table = wcag_to_gigw()
    return tuple(dict.fromkeys(table[sc] for sc in wcag_from_tags(tags) if sc in table))


def gigw_for_rule(rule_id: str, tags=()) -> tuple[str, ...]:
    """GIGW ids for an axe rule: the table row, else (a rule newer than the table) what its tags imply."""
    return AXE_GIGW.get(rule_id) or derived_gigw(tags)


def table_problems(rules: dict[str, list[str]]) -> list[str]:
    """Disagreements between the table and axe's rule metadata {rule id: tags}; empty when the table is current."""
    problems = []
    checklist = gigw_checklist()
    for rule_id, tags in sorted(rules.items()):
        row = AXE_GIGW.get(rule_id)
        if row is None:
            problems.append(f"{rule_id}: no row (tags {', '.join(tags)})")
            continue
        missing = [g for g in derived_gigw(tags) if g not in row]
        if missing:
            problems.append(f"{rule_id}: row lacks {', '.join(missing)} implied by its WCAG tags")
    for rule_id, row in sorted(AXE_GIGW.items()):
        unknown = [g for g in row if g not in checklist]
        if unknown:
            problems.append(f"{rule_id}: unknown GIGW id(s) {', '.join(unknown)}")
        if not row:
            problems.append(f"{rule_id}: maps to no GIGW id")
    return problems


def main() -> int:  # pragma: no cover - maintenance command
    from .axe import axe_rule_metadata  # noqa: PLC0415

    problems = table_problems(axe_rule_metadata())
    print("\n".join(problems) or "AXE_GIGW covers every rule of the pinned axe-core.")
    return 1 if problems else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
