"""A tiny Devanagari font for the Hindi words every English page shows (ministry name, भारत सरकार, the motto,
the language switcher), cut from the self-hosted Noto Sans Devanagari at build time.

Without it every English page would download the full Devanagari font (50 KB) for a dozen words. The subset
keeps the glyph closure of the font's shaping rules for those characters, so conjuncts render correctly; its
unicode-range lists exactly those characters, so any other Devanagari on an English page still falls back to
the full font. Needs fontTools (and brotli for woff2); without them the full font is used and nothing breaks.

Cutting the subset takes about two seconds (the shaping-rule closure), so each subset is kept in the user's
cache folder ($XDG_CACHE_HOME/kasauti/fonts, else ~/.cache/kasauti/fonts), keyed by the source font, the
characters and the fontTools version; a build that finds it there copies it. Deleting the folder is safe.
"""
from __future__ import annotations

import hashlib
import os

THEME_FONTS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "theme", "assets", "kasauti", "fonts")
SOURCE = os.path.join(THEME_FONTS, "noto-sans-devanagari-devanagari-400-normal.woff2")
FAMILY = "Kasauti Identity Devanagari"
MOTTO = "सत्यमेव जयते"


def devanagari_characters(texts) -> str:
    """The distinct Devanagari-range characters (plus joiners) of the given texts, sorted."""
    chars = {ch for text in texts for ch in str(text or "")
             if 0x0900 <= ord(ch) <= 0x097F or ord(ch) in (0x200C, 0x200D, 0x1CD0)}
    return "".join(sorted(chars))


def chrome_texts(identity: dict, language_names) -> list[str]:
    """Hindi text the theme itself puts on every page, whatever the page's language."""
    texts = [MOTTO, "भारत सरकार", *language_names]
    for key in ("ministry", "department", "government"):
        value = identity.get(key)
        texts += list(value.values()) if isinstance(value, dict) else [value]
    return [t for t in texts if t]


def unicode_range(chars: str) -> str:
    return ",".join(f"U+{ord(ch):04X}" for ch in chars)


def file_name(chars: str) -> str:
    # Content-addressed: a changed ministry name gets a new URL, so no stale cached font.
    return f"identity-devanagari-{hashlib.sha1(chars.encode()).hexdigest()[:10]}.woff2"


def available() -> bool:
    try:
        import brotli  # noqa: F401, PLC0415 - needed by fontTools for woff2
        from fontTools import subset  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def cache_path(chars: str) -> str | None:
    """Where the subset for `chars` is cached (None when no cache folder can be named)."""
    try:
        import fontTools  # noqa: PLC0415

        with open(SOURCE, "rb") as handle:
            key = hashlib.sha1(handle.read() + chars.encode() + fontTools.version.encode()).hexdigest()[:16]
    except (ImportError, OSError):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "kasauti", "fonts", f"identity-{key}.woff2")


def write_subset(chars: str, target: str) -> int:
    """Write the woff2 subset for `chars` to `target` (from the cache when it is there); returns its size."""
    import shutil  # noqa: PLC0415

    cached = cache_path(chars)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if cached and os.path.isfile(cached):
        shutil.copyfile(cached, target)
        return os.path.getsize(target)
    size = _cut_subset(chars, target)
    if cached:
        try:  # a read-only or full home folder only costs the next build the two seconds again
            os.makedirs(os.path.dirname(cached), exist_ok=True)
            shutil.copyfile(target, cached + ".tmp")
            os.replace(cached + ".tmp", cached)
        except OSError:
            pass
    return size


def _cut_subset(chars: str, target: str) -> int:
    from fontTools import subset  # noqa: PLC0415

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = []
    options.notdef_outline = True
    options.hinting = False
    font = subset.load_font(SOURCE, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    subset.save_font(font, target, options)
    return os.path.getsize(target)
