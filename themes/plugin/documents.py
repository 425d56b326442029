"""Download labels: format and real size of a linked document, e.g. "(PDF, 1.2 MB)" (GIGW 5.1.6)."""
from __future__ import annotations

import re

# A label the author already wrote, e.g. "(PDF, 1.2 MB)" or "(पीडीएफ, 300 केबी)"; then the plugin adds none.
EXISTING_LABEL = re.compile(
    r"\(\s*[A-Za-z\u0900-\u097F]{2,8}\s*,\s*\d+(?:[.,]\d+)?\s*(?:bytes|B|KB|kB|MB|GB|बाइट|केबी|एमबी|जीबी)\s*\)",
    re.IGNORECASE,
)


def human_size(size: int) -> str:
    """Binary units as file managers show them: 950 bytes, 12 KB, 1.2 MB."""
    if size < 1024:
        return f"{size} bytes"
    kib = size / 1024
    if kib < 1024:
        return f"{max(1, round(kib))} KB"
    mib = kib / 1024
    if mib < 1024:
        return f"{mib:.1f} MB"
    return f"{mib / 1024:.1f} GB"


def download_label(extension: str, size: int) -> str:
    return f"({extension.upper()}, {human_size(size)})"


def has_label(text: str) -> bool:
    return bool(EXISTING_LABEL.search(text))
