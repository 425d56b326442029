"""Standards tables: WCAG 2.2 success criteria and the GIGW 3.0 checklist ids.

The WCAG table is the list of success criteria of WCAG 2.2 (id, short name, level). The GIGW table is
`data/gigw3.json`, derived from the project's GIGW 3.0 checklist (shared/reference/gigw3.yaml): id, title,
section, level (mandatory/advisory/de-facto) and source.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

# (id, name, level). 4.1.1 Parsing was removed in WCAG 2.2 and is not listed.
_WCAG22 = """
1.1.1|Non-text Content|A
1.2.1|Audio-only and Video-only (Prerecorded)|A
1.2.2|Captions (Prerecorded)|A
1.2.3|Audio Description or Media Alternative (Prerecorded)|A
1.2.4|Captions (Live)|AA
1.2.5|Audio Description (Prerecorded)|AA
1.2.6|Sign Language (Prerecorded)|AAA
1.2.7|Extended Audio Description (Prerecorded)|AAA
1.2.8|Media Alternative (Prerecorded)|AAA
1.2.9|Audio-only (Live)|AAA
1.3.1|Info and Relationships|A
1.3.2|Meaningful Sequence|A
1.3.3|Sensory Characteristics|A
1.3.4|Orientation|AA
1.3.5|Identify Input Purpose|AA
1.3.6|Identify Purpose|AAA
1.4.1|Use of Color|A
1.4.2|Audio Control|A
1.4.3|Contrast (Minimum)|AA
1.4.4|Resize Text|AA
1.4.5|Images of Text|AA
1.4.6|Contrast (Enhanced)|AAA
1.4.7|Low or No Background Audio|AAA
1.4.8|Visual Presentation|AAA
1.4.9|Images of Text (No Exception)|AAA
1.4.10|Reflow|AA
1.4.11|Non-text Contrast|AA
1.4.12|Text Spacing|AA
1.4.13|Content on Hover or Focus|AA
2.1.1|Keyboard|A
2.1.2|No Keyboard Trap|A
2.1.3|Keyboard (No Exception)|AAA
2.1.4|Character Key Shortcuts|A
2.2.1|Timing Adjustable|A
2.2.2|Pause, Stop, Hide|A
2.2.3|No Timing|AAA
2.2.4|Interruptions|AAA
2.2.5|Re-authenticating|AAA
2.2.6|Timeouts|AAA
2.3.1|Three Flashes or Below Threshold|A
2.3.2|Three Flashes|AAA
2.3.3|Animation from Interactions|AAA
2.4.1|Bypass Blocks|A
2.4.2|Page Titled|A
2.4.3|Focus Order|A
2.4.4|Link Purpose (In Context)|A
2.4.5|Multiple Ways|AA
2.4.6|Headings and Labels|AA
2.4.7|Focus Visible|AA
2.4.8|Location|AAA
2.4.9|Link Purpose (Link Only)|AAA
2.4.10|Section Headings|AAA
2.4.11|Focus Not Obscured (Minimum)|AA
2.4.12|Focus Not Obscured (Enhanced)|AAA
2.4.13|Focus Appearance|AAA
2.5.1|Pointer Gestures|A
2.5.2|Pointer Cancellation|A
2.5.3|Label in Name|A
2.5.4|Motion Actuation|A
2.5.5|Target Size (Enhanced)|AAA
2.5.6|Concurrent Input Mechanisms|AAA
2.5.7|Dragging Movements|AA
2.5.8|Target Size (Minimum)|AA
3.1.1|Language of Page|A
3.1.2|Language of Parts|AA
3.1.3|Unusual Words|AAA
3.1.4|Abbreviations|AAA
3.1.5|Reading Level|AAA
3.1.6|Pronunciation|AAA
3.2.1|On Focus|A
3.2.2|On Input|A
3.2.3|Consistent Navigation|AA
3.2.4|Consistent Identification|AA
3.2.5|Change on Request|AAA
3.2.6|Consistent Help|A
3.3.1|Error Identification|A
3.3.2|Labels or Instructions|A
3.3.3|Error Suggestion|AA
3.3.4|Error Prevention (Legal, Financial, Data)|AA
3.3.5|Help|AAA
3.3.6|Error Prevention (All)|AAA
3.3.7|Redundant Entry|A
3.3.8|Accessible Authentication (Minimum)|AA
3.3.9|Accessible Authentication (Enhanced)|AAA
4.1.2|Name, Role, Value|A
4.1.3|Status Messages|AA
"""

WCAG22: dict[str, tuple[str, str]] = {
    sc: (name, level)
    for sc, name, level in (line.split("|") for line in _WCAG22.strip().splitlines())
}
# Criteria that older tools still tag but WCAG 2.2 made obsolete; accepted on findings, not scored as 2.2.
WCAG_OBSOLETE = {"4.1.1": ("Parsing", "A")}

GIGW_SECTIONS = {
    "5.1": "Quality",
    "5.2": "Accessibility",
    "5.3": "Cybersecurity",
    "5.4": "Lifecycle management",
}


def wcag_level(sc: str) -> str | None:
    entry = WCAG22.get(sc) or WCAG_OBSOLETE.get(sc)
    return entry[1] if entry else None


def wcag_name(sc: str) -> str:
    entry = WCAG22.get(sc) or WCAG_OBSOLETE.get(sc)
    return entry[0] if entry else sc


@lru_cache(maxsize=1)
def gigw_checklist() -> dict[str, dict]:
    """GIGW checklist entries keyed by id: {title, section, level, source, scope}."""
    text = resources.files("kasauti.linter").joinpath("data/gigw3.json").read_text("utf-8")
    return {e["id"]: e for e in json.loads(text)["entries"]}


def gigw_section(gigw_id: str) -> str | None:
    """The GIGW 3.0 Section 5 part ("5.1".."5.4") an id belongs to; None for de-facto/other-source ids."""
    if gigw_id not in gigw_checklist() or not gigw_id.startswith("GIGW-5."):
        return None
    key = gigw_id[len("GIGW-"):len("GIGW-") + 3]
    return key if key in GIGW_SECTIONS else None
