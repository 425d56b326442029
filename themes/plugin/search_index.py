"""Complete MkDocs' search index for Material's search UI.

Under a theme not named "material", `plugins: [search]` is MkDocs' own search plugin. Its index has the
documents Material's search worker needs but not the `pipeline` and `fields` settings the worker reads, so the
worker would stop at start-up. The missing settings get Material's defaults.

Material's worker also loads a 660 KB word segmenter (wordcut.js, 155 KB gzip) whenever "hi" is among the
search languages, although Hindi separates words with spaces. Unless the site opts in, "hi" is left out of the
index's languages: Hindi words are then matched as typed (no stemming), without that download.
"""
from __future__ import annotations

import json
import os

MATERIAL_DEFAULTS = {
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}


SEGMENTED_LANGUAGES = {"hi", "th"}  # languages for which Material's worker downloads wordcut.js


def complete_search_index(site_dir: str, keep_segmented: bool = False) -> bool:
    """Add Material's settings to site/search/search_index.json when missing, and drop the languages that would
    pull in the word segmenter unless `keep_segmented`; True when the file changed."""
    path = os.path.join(site_dir, "search", "search_index.json")
    if not os.path.isfile(path):
        return False
    with open(path, encoding="utf-8") as handle:
        index = json.load(handle)
    settings = index.setdefault("config", {})
    changed = {key: value for key, value in MATERIAL_DEFAULTS.items() if key not in settings}
    languages = settings.get("lang") or ["en"]
    if not keep_segmented and SEGMENTED_LANGUAGES & set(languages):
        changed["lang"] = [lang for lang in languages if lang not in SEGMENTED_LANGUAGES] or ["en"]
    if not changed:
        return False
    settings.update(changed)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(index, handle, ensure_ascii=False, separators=(",", ":"))
    return True
