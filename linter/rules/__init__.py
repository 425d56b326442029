"""Rule families. Each module registers its rules on import; `load_families` imports them all."""
from __future__ import annotations

import importlib
import pkgutil

from .registry import Rule, Violation, all_rules, get_rule, page_rule, select_rules, site_rule

__all__ = ["Rule", "Violation", "all_rules", "get_rule", "page_rule", "select_rules", "site_rule", "load_families"]

_LOADED = False


def load_families() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    for module in pkgutil.iter_modules(__path__):
        if module.name not in ("registry", "common", "patterns") and not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
