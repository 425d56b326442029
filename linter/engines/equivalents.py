"""Static rules and the axe-core rules that test the same requirement, as a data table.

Two uses when `kasauti audit` runs the static engine and the axe engine together (see `axe.merge_findings`):

* **Duplicates.** A static finding and an axe finding about the same element are one problem when they share a
  WCAG success criterion, or when their rules are listed here as equivalent (some axe rules that Kasauti has
  static counterparts for carry no WCAG tag, e.g. `page-has-heading-one`). The static finding is kept.
* **Disputes.** When the equivalent axe rules ran on the page and flagged nothing at all there (no violation, no
  needs-review), axe-core, which sees the rendered page and the browser's accessible names, disagrees with the
  static rule; the static violation is then kept as needs-review, marked `disputed_by`, instead of failing CI.
  A page the browser could not audit keeps every static violation.

A row lists only axe rules whose failure condition is the same as the static rule's (a static rule that is
stricter than any axe rule, such as IMG002 "alt text is a file name" or NAV001 "no skip link", has no row). The
tests check every code against the registry and every axe rule id against the pinned axe-core.
"""
from __future__ import annotations

# static rule code -> axe rule ids that test the same requirement
STATIC_AXE_EQUIVALENTS: dict[str, tuple[str, ...]] = {
    "ARIA001": ("aria-roles",),  # role value is not a WAI-ARIA role
    "ARIA002": ("aria-valid-attr", "aria-valid-attr-value"),  # unknown aria-* attribute or invalid value
    "ARIA003": ("aria-hidden-focus",),  # focusable content inside aria-hidden="true"
    "ARIA005": ("aria-valid-attr-value",),  # aria-labelledby/-describedby/-controls to an id that is not there
    "BTN001": ("button-name", "input-button-name", "aria-command-name"),  # button (or role=button) without a name
    "FRM001": ("label", "select-name"),  # form control without a label
    "FRM004": ("autocomplete-valid",),  # autocomplete token that is not valid
    "HDG001": ("page-has-heading-one",),  # no level-one heading
    "HDG003": ("empty-heading",),  # heading without text
    "IFR001": ("frame-title",),  # iframe without an accessible name
    "IMG001": ("image-alt",),  # img without a text alternative
    "IMG003": ("input-image-alt",),  # input type=image without alt
    "IMG004": ("area-alt",),  # image-map area without alt
    "IMG005": ("svg-img-alt",),  # svg role=img without a name
    "KBD001": ("tabindex",),  # positive tabindex
    "LANG001": ("html-has-lang",),  # no lang on <html>
    "LANG002": ("html-lang-valid",),  # lang on <html> is not a valid language tag
    "LANG004": ("valid-lang",),  # lang on an element is not a valid language tag
    "LNK001": ("link-name", "aria-command-name"),  # link (or role=link) without an accessible name
    "MED001": ("no-autoplay-audio",),  # media that plays sound by itself with no way to stop it
    "MED002": ("marquee", "blink"),  # moving or blinking content that cannot be paused
    "MED003": ("video-caption",),  # video without captions
    "META001": ("meta-refresh",),  # timed refresh or redirect
    "META002": ("meta-viewport",),  # viewport that blocks zooming
    "STR001": ("bypass",),  # no way to bypass repeated blocks
    "STR005": ("list", "listitem"),  # a list with non-item children, or an item outside a list
    "TBL002": ("empty-table-header",),  # header cell without text
    "TBL003": ("td-headers-attr",),  # headers attribute pointing outside the table
    "TTL001": ("document-title",),  # no page title
}


def equivalents(code: str) -> tuple[str, ...]:
    """The axe rules equivalent to a static rule code ("" when it has none)."""
    return STATIC_AXE_EQUIVALENTS.get(code, ())


def static_equivalents() -> dict[str, tuple[str, ...]]:
    """axe rule id -> static rule codes that test the same requirement."""
    reverse: dict[str, list[str]] = {}
    for code, rules in STATIC_AXE_EQUIVALENTS.items():
        for rule in rules:
            reverse.setdefault(rule, []).append(code)
    return {rule: tuple(codes) for rule, codes in reverse.items()}
