"""Configuration from `kasauti.toml` or `[tool.kasauti]` in pyproject.toml; command-line options win.

Keys use the long option names with dashes or underscores (`max-pages`, `fail_on`, ...). Unknown keys are an
error, so a typo in a CI config cannot silently switch a gate off.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

KNOWN_KEYS = {
    "engines", "format", "output", "output_dir", "max_pages", "max_depth", "include", "exclude", "delay",
    "concurrency", "timeout", "user_agent", "ignore_robots", "select", "ignore", "fail_under", "fail_on",
    "fail_under_gigw",
    "lang", "base_url", "baseline", "max_new", "fail_on_review", "budgets", "rule_budgets", "url_budgets",
    "lighthouse", "axe",
}


class ConfigError(Exception):
    pass


def find_config(start: Path | None = None) -> Path | None:
    """kasauti.toml, else pyproject.toml with a [tool.kasauti] table, in the folder or its parents."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "kasauti.toml"
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "kasauti" in _read(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    data = _read(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("kasauti", {})
    config = {key.replace("-", "_"): value for key, value in data.items()}
    unknown = sorted(set(config) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(unknown)}")
    return config


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
