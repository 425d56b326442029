"""WAI-ARIA facts and a per-page attribute index shared by the names, aria, keyboard, tables and structure families.

The role and attribute tables follow WAI-ARIA 1.2 plus the DPUB-ARIA and Graphics-ARIA modules and the few
ARIA 1.3 additions browsers already expose (aria-description, aria-braillelabel, comment, mark, ...): a
value a browser understands must never be reported as invalid.

`page_index(doc)` walks the tree once per page (in C, via one XPath) and keeps the elements that carry
`role`, `tabindex`, `onclick` or any `aria-*` attribute, so eight rules do not each walk the whole page.
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field

from ..html import html_integer

# ---- roles ---------------------------------------------------------------------------------------------
ABSTRACT_ROLES = frozenset(
    "command composite input landmark range roletype section sectionhead select structure widget window".split())
CONCRETE_ROLES = frozenset("""
alert alertdialog application article banner blockquote button caption cell checkbox code columnheader combobox
complementary contentinfo definition deletion dialog directory document emphasis feed figure form generic grid
gridcell group heading img insertion link list listbox listitem log main marquee math menu menubar menuitem
menuitemcheckbox menuitemradio meter navigation none note option paragraph presentation progressbar radio
radiogroup region row rowgroup rowheader scrollbar search searchbox separator slider spinbutton status strong
subscript superscript switch tab table tablist tabpanel term textbox time timer toolbar tooltip tree treegrid
treeitem
comment image mark suggestion sectionheader sectionfooter
graphics-document graphics-object graphics-symbol
doc-abstract doc-acknowledgments doc-afterword doc-appendix doc-backlink doc-biblioentry doc-bibliography
doc-biblioref doc-chapter doc-colophon doc-conclusion doc-cover doc-credit doc-credits doc-dedication doc-endnote
doc-endnotes doc-epigraph doc-epilogue doc-errata doc-example doc-footnote doc-foreword doc-glossary doc-glossref
doc-index doc-introduction doc-noteref doc-notice doc-pagebreak doc-pagefooter doc-pageheader doc-pagelist doc-part
doc-preface doc-prologue doc-pullquote doc-qna doc-subtitle doc-tip doc-toc
""".split())
PRESENTATIONAL = frozenset(("none", "presentation"))

# ---- attributes: name -> (kind, allowed tokens) -------------------------------------------------------
_TRUE_FALSE = frozenset(("true", "false"))
_TRUE_FALSE_UNDEFINED = frozenset(("true", "false", "undefined"))
_TRISTATE = frozenset(("true", "false", "mixed", "undefined"))
BOOLEAN, TOKEN, TOKENS, INTEGER, NUMBER, IDREF, IDREFS, STRING = (
    "true/false", "token", "token list", "integer", "number", "id reference", "id references", "string")

ATTRIBUTES: dict[str, tuple[str, frozenset]] = {
    **{f"aria-{n}": (BOOLEAN, _TRUE_FALSE)
       for n in "atomic busy disabled modal multiline multiselectable readonly required".split()},
    **{f"aria-{n}": (TOKEN, _TRUE_FALSE_UNDEFINED) for n in "expanded hidden selected grabbed".split()},
    **{f"aria-{n}": (TOKEN, _TRISTATE) for n in "checked pressed".split()},
    "aria-autocomplete": (TOKEN, frozenset("inline list both none".split())),
    "aria-current": (TOKEN, frozenset("page step location date time true false".split())),
    "aria-haspopup": (TOKEN, frozenset("false true menu listbox tree grid dialog".split())),
    "aria-invalid": (TOKEN, frozenset("grammar false spelling true".split())),
    "aria-live": (TOKEN, frozenset("assertive off polite".split())),
    "aria-orientation": (TOKEN, frozenset("horizontal vertical undefined".split())),
    "aria-sort": (TOKEN, frozenset("ascending descending none other".split())),
    "aria-relevant": (TOKENS, frozenset("additions removals text all".split())),
    "aria-dropeffect": (TOKENS, frozenset("copy execute link move none popup".split())),
    **{f"aria-{n}": (INTEGER, frozenset())
       for n in "colcount colindex colspan level posinset rowcount rowindex rowspan setsize".split()},
    **{f"aria-{n}": (NUMBER, frozenset()) for n in "valuemax valuemin valuenow".split()},
    "aria-activedescendant": (IDREF, frozenset()),
    **{f"aria-{n}": (IDREFS, frozenset())
       for n in "controls describedby details errormessage flowto labelledby owns actions".split()},
    **{f"aria-{n}": (STRING, frozenset())
       for n in ("label description placeholder roledescription valuetext keyshortcuts braillelabel "
                 "brailleroledescription colindextext rowindextext").split()},
}
IDREF_ATTRIBUTES = tuple(a for a, (kind, _) in ATTRIBUTES.items() if kind in (IDREF, IDREFS))

_INTEGER = re.compile(r"^[+-]?\d+$", re.ASCII)
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$", re.ASCII)


def value_is_valid(attr: str, value: str) -> bool:
    """Whether an aria-* value has the type the attribute takes (empty values count as absent: valid)."""
    kind, allowed = ATTRIBUTES[attr]
    value = value.strip()
    if not value or kind in (STRING, IDREF, IDREFS):
        return True
    if kind in (BOOLEAN, TOKEN):
        return value.lower() in allowed
    if kind == TOKENS:
        return all(token in allowed for token in value.lower().split())
    if kind == INTEGER:
        return bool(_INTEGER.match(value))
    return bool(_NUMBER.match(value))


def role_tokens(el) -> list[str]:
    return (el.get("role") or "").lower().split()


def explicit_role(el) -> str | None:
    """The role a browser applies from the role attribute: the first valid concrete token (None if none)."""
    for token in role_tokens(el):
        if token in CONCRETE_ROLES:
            return token
    return None


def tabindex_value(el) -> int | None:
    """The tabindex as browsers parse it (leading integer, trailing junk ignored); None when absent/invalid."""
    return html_integer(el.get("tabindex"))


# ---- per-page index ------------------------------------------------------------------------------------
_INDEXED = frozenset(("role", "tabindex", "onclick"))


@dataclass
class PageIndex:
    with_role: list = field(default_factory=list)
    with_tabindex: list = field(default_factory=list)
    with_onclick: list = field(default_factory=list)
    aria: list = field(default_factory=list)  # (element, attribute name, value) in document order


_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def page_index(doc) -> PageIndex:
    """Elements carrying role / tabindex / onclick / aria-* attributes, collected once per Document.
    (A plain walk of the attribute dictionaries measured faster than the equivalent XPath.)"""
    cached = _CACHE.get(doc)
    if cached is not None:
        return cached
    index = PageIndex()
    for el in doc.root.iter():
        attrib = el.attrib
        if not attrib or not isinstance(el.tag, str):
            continue
        for name in attrib.keys():
            if name.startswith("aria-"):
                index.aria.append((el, name, attrib[name]))
            elif name in _INDEXED:
                getattr(index, _FIELD[name]).append(el)
    _CACHE[doc] = index
    return index


_FIELD = {"role": "with_role", "tabindex": "with_tabindex", "onclick": "with_onclick"}


def cached(doc, key: str, compute):
    """A per-Document memo for values several rules share (compute(doc) runs once per page)."""
    store = _MEMO.get(doc)
    if store is None:
        store = _MEMO[doc] = {}
    if key not in store:
        store[key] = compute(doc)
    return store[key]


_MEMO: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


# ---- rendering helpers that html.py does not have yet --------------------------------------------------
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_NOT_RENDERED_TAGS = {"template", "noscript", "script", "style"}


def not_rendered(el) -> bool:
    """Not rendered for anyone (so nothing inside can take focus): `hidden`, inline display:none or
    visibility:hidden, <template>/<noscript>, on the element or an ancestor. aria-hidden does NOT count."""
    node = el
    while node is not None:
        if node.tag in _NOT_RENDERED_TAGS or node.get("hidden") is not None or node.get("inert") is not None:
            return True
        style = node.get("style")
        if style and _DISPLAY_NONE.search(style):
            return True
        node = node.getparent()
    return False


def first_focusables(doc, limit: int):
    """The first `limit` elements in the sequential focus order by markup (hidden ones skipped)."""
    found = []
    body = doc.body
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if doc.is_focusable(el) and not doc.is_hidden(el):
            found.append(el)
            if len(found) >= limit:
                break
    return found
