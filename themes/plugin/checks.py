"""GIGW build checks. Each returns problem messages; the plugin logs them as warnings (so `mkdocs build --strict`
fails). `kasauti audit site/` checks the same things on the built site, for sites built without the plugin."""
from __future__ import annotations

import os
import re

from mkdocs.utils import meta as front_matter

H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)
FALLBACK_VALUES = {"fallback", "none", "not-required", False}


def _read_front_matter(path: str) -> dict:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return front_matter.get_data(handle.read())[1] or {}
    except (OSError, UnicodeDecodeError):
        return {}


def _suffixed(path: str, lang: str) -> str:
    stem, ext = os.path.splitext(path)
    return f"{stem}.{lang}{ext}"


def _language_suffix(path: str, languages: set[str]) -> str | None:
    suffixes = os.path.basename(path).split(".")
    return suffixes[-2] if len(suffixes) > 2 and suffixes[-2] in languages else None


def missing_required_pages(docs_dir: str, required: list[str]) -> list[str]:
    """Mandatory pages with no default-language source (`contact.md`); translations are checked separately."""
    return [path for path in required if not os.path.isfile(os.path.join(docs_dir, path))]


def missing_translations(docs_dir: str, default_lang: str, other_langs: list[str]) -> list[tuple[str, str]]:
    """(page, language) for every default-language page without that language's version and without
    `translation: fallback` in its front matter."""
    if not other_langs:
        return []
    languages = set(other_langs) | {default_lang}
    problems = []
    for folder, dirs, names in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.endswith(".md"):
                continue
            path = os.path.relpath(os.path.join(folder, name), docs_dir).replace(os.sep, "/")
            suffix = _language_suffix(path, languages)
            if suffix is not None and suffix != default_lang:
                continue
            base = path if suffix is None else path.replace(f".{suffix}.md", ".md")
            absent = [lang for lang in other_langs if not os.path.isfile(os.path.join(docs_dir, _suffixed(base, lang)))]
            if absent and _read_front_matter(os.path.join(folder, name)).get("translation") not in FALLBACK_VALUES:
                problems += [(path, lang) for lang in absent]
    return problems


def count_h1(content: str) -> int:
    return len(H1.findall(content))


def identity_problems(extra: dict) -> list[str]:
    """GIGW identity facts the theme shows on every page (5.1.2 ownership, 5.4.1 Web Information Manager)."""
    identity = extra.get("kasauti")
    problems = []
    if not identity:
        return ["extra.kasauti is not set: the header and footer cannot name the ministry (GIGW 5.1.2)"]
    if not identity.get("ministry"):
        problems.append("extra.kasauti.ministry is not set: the header cannot name the ministry (GIGW 5.1.2)")
    wim = identity.get("wim") or {}
    if not (wim.get("name") and (wim.get("email") or wim.get("phone"))):
        problems.append("extra.kasauti.wim needs a name and an email or phone: GIGW 5.4.1 asks for the Web "
                        "Information Manager's contact details on the site")
    if not (identity.get("content_owner") or identity.get("ministry")):
        problems.append("extra.kasauti.content_owner is not set (GIGW 5.1.2 ownership statement)")
    return problems
