"""One test over the whole registry: codes, names, docs, WCAG/GIGW ids and both locales for every rule."""
from __future__ import annotations

import re
import string

from kasauti.linter.rules import all_rules, get_rule, select_rules
from kasauti.linter.rules.registry import DOC_SECTIONS, LOCALES
from kasauti.linter.standards import WCAG22, WCAG_OBSOLETE, gigw_checklist


def test_registry_is_complete_and_consistent():
    rules = all_rules()
    assert len(rules) >= 2
    codes = [r.code for r in rules]
    assert len(codes) == len(set(codes))
    names = [r.name for r in rules]
    assert len(names) == len(set(names))
    checklist = gigw_checklist()
    for rule in rules:
        assert re.fullmatch(r"[A-Z][A-Z0-9]{1,4}\d{3}", rule.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
        assert all(sc in WCAG22 or sc in WCAG_OBSOLETE for sc in rule.wcag), rule.code
        assert all(g in checklist for g in rule.gigw), rule.code
        sections = rule.sections()
        for heading in DOC_SECTIONS:
            assert sections.get(heading), f"{rule.code} lacks docs section {heading}"
        for mid, texts in rule.messages.items():
            for locale in LOCALES:
                assert texts.get(locale), f"{rule.code}:{mid} lacks {locale}"
            placeholders = {frozenset(f for _, f, _, _ in string.Formatter().parse(t) if f) for t in texts.values()}
            assert len(placeholders) == 1, f"{rule.code}:{mid} placeholders differ between locales"
        if "hi" in LOCALES:
            assert any("\u0900" <= ch <= "\u097f" for t in rule.messages.values() for ch in t["hi"]), \
                f"{rule.code} Hindi messages contain no Devanagari"


def test_lookup_by_code_name_and_prefix():
    assert get_rule("IMG001").name == "image-missing-alt"
    assert get_rule("img001").code == "IMG001"
    assert get_rule("image-missing-alt").code == "IMG001"
    assert get_rule("NOPE999") is None
    selected = select_rules(select=["IMG"], ignore=["IMG002"])
    assert {r.code for r in selected} >= {"IMG001"} and "IMG002" not in {r.code for r in selected}
    assert all(r.code.startswith("IMG") for r in selected)


def test_checked_in_rule_reference_is_up_to_date():
    # `kasauti docs` regenerates docs/rules/ from the rule docstrings; a stale page fails CI here.
    from pathlib import Path

    from kasauti.linter.docs import render_rule_pages

    folder = Path(__file__).resolve().parents[2] / "docs" / "rules"
    pages = render_rule_pages()
    stale = sorted(name for name, text in pages.items()
                   if not (folder / name).is_file() or (folder / name).read_text("utf-8") != text)
    extra = sorted(p.name for p in folder.glob("*.md") if p.name not in pages)
    assert not stale and not extra, f"run `kasauti docs`: stale {stale[:5]}, extra {extra[:5]}"
