"""Finding fingerprints: rule + normalised URL path + stable selector + text hash.

A fingerprint must survive cosmetic change (generated class names, reordered siblings, white space, a
different host or scheme for the same site) so that baselines fail only on new problems.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from .html import collapse, short_hash


def normalise_path(url: str) -> str:
    """Path plus sorted query, without scheme, host, fragment, trailing index.html or trailing slash."""
    parts = urlsplit(url or "")
    path = parts.path or "/"
    for index in ("index.html", "index.htm"):
        if path.endswith("/" + index):
            path = path[: -len(index)]
    if len(path) > 1:
        path = path.rstrip("/")
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return path + (f"?{query}" if query else "")


def fingerprint(rule: str, url: str, stable_selector: str, identity: str) -> str:
    return short_hash(rule, normalise_path(url), stable_selector, collapse(identity))
