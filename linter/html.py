"""A parsed HTML page with the indexes and helpers rules share.

Pages are parsed once with lxml's HTML parser (the parser BeautifulSoup would use underneath, without the
per-node Python objects: a typical ministry page parses in about a millisecond, which is what makes a
2,000-page folder audit fast). Everything a rule needs more than once - elements by tag, ids, hidden-ness,
accessible names, selectors - is computed here once and cached.
"""
from __future__ import annotations

import hashlib
import re
from functools import cached_property, lru_cache
from urllib.parse import urljoin, urldefrag

from lxml import etree

from .model import FetchedPage

_WS = re.compile(r"\s+")
# Class names that build tools generate (CSS modules, styled-components, hashes): dropped from stable selectors.
_GENERATED_CLASS = re.compile(r"(^|[-_])([a-z0-9]{5,}[0-9][a-z0-9]*|[a-f0-9]{6,})$|^(css|sc|jsx|svelte|emotion)-", re.I)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
NON_CONTENT_TAGS = {"script", "style", "template", "noscript"}
FOCUSABLE_TAGS = {"a", "button", "input", "select", "textarea", "iframe", "summary", "audio", "video", "object", "embed", "area"}
SNIPPET_MAX = 300


# HTML's "rules for parsing integers": optional white space and sign, then ASCII digits; trailing junk ignored.
# (str.isdigit() would accept "²" or "४", which int() then rejects.)
_HTML_INTEGER = re.compile(r"[ \t\n\f\r]*([-+]?[0-9]+)")


def html_integer(value: str | None) -> int | None:
    """An attribute's integer value as browsers parse it (tabindex, colspan, aria-level); None if invalid."""
    match = _HTML_INTEGER.match(value) if value else None
    return int(match.group(1)) if match else None


def collapse(text: str | None) -> str:
    """Collapse white space and strip; None becomes ""."""
    return _WS.sub(" ", text).strip() if text else ""


# lxml.etree's parser, not lxml.html's: the same libxml2 parse without a Python class lookup for every element
# proxy (about a third of the parse-and-walk cost of a typical page).
_PARSER_BYTES = etree.HTMLParser(encoding="utf-8", remove_comments=True)
_PARSER_TEXT = etree.HTMLParser(remove_comments=True)
_STRING = etree.XPath("string()", smart_strings=False)


def text_content(el) -> str:
    """All text inside an element, script and hidden text included (lxml.html's text_content)."""
    return _STRING(el)


def parse_html(text: str | bytes) -> etree._Element:
    """Parse HTML leniently; an empty or unparseable body becomes an empty <html> element."""
    if isinstance(text, bytes):
        parser = _PARSER_BYTES
    else:
        parser = _PARSER_TEXT
        # lxml refuses str input that carries an XML encoding declaration.
        if text.lstrip()[:5].lower() == "<?xml":
            text = text.split("?>", 1)[-1]
    try:
        root = etree.fromstring(text, parser) if text and str(text).strip() else None
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        return etree.fromstring("<html></html>", _PARSER_TEXT)
    _unnest_void_elements(root)
    return root


# Void elements that libxml2's HTML parser does not know as void: it nests the following content inside them.
_UNKNOWN_VOIDS = ("embed", "track", "source", "wbr", "keygen", "bgsound")


def _unnest_void_elements(root) -> None:
    """Move whatever libxml2 nested inside a void element back after it, as a browser would."""
    for el in root.iter(*_UNKNOWN_VOIDS):
        if len(el) == 0 and not el.text:
            continue
        parent = el.getparent()
        if parent is None:
            continue
        position = parent.index(el) + 1
        children = list(el)
        after = el.tail or ""  # text that really followed the element's (implicit) end
        if children:
            children[-1].tail = (children[-1].tail or "") + after
            el.tail = el.text
        else:
            el.tail = (el.text or "") + after
        el.text = None
        for offset, child in enumerate(children):
            parent.insert(position + offset, child)


class Document:
    """One parsed page: `doc.all("img")`, `doc.by_id("x")`, `doc.name(el)`, `doc.selector(el)` ..."""

    def __init__(self, html: str | bytes, url: str = "", fetched: FetchedPage | None = None):
        self.url = url or (fetched.final_url or fetched.url if fetched else "")
        self.fetched = fetched or FetchedPage(url=self.url, final_url=self.url, status=200, content_type="text/html")
        self.root = parse_html(html)
        self._by_tag: dict[str, list] = {}
        self._ids: dict[str, list] = {}
        self._hidden: dict = {}
        for el in self.root.iter():
            tag = el.tag
            if not isinstance(tag, str):  # processing instructions, entities
                continue
            tag = tag.lower()
            self._by_tag.setdefault(tag, []).append(el)
            ident = el.get("id")
            if ident is not None:
                self._ids.setdefault(ident, []).append(el)
        self.base_url = self._base_url()

    # ---- lookup -------------------------------------------------------------------------------------
    def all(self, *tags: str) -> list:
        """Elements with any of these tag names, in document order when one tag is asked for."""
        if len(tags) == 1:
            return self._by_tag.get(tags[0], [])
        lists = [found for t in tags if (found := self._by_tag.get(t))]
        if len(lists) <= 1:
            return list(lists[0]) if lists else []  # one tag present: already in document order
        found = [el for elements in lists for el in elements]
        found.sort(key=self._order.__getitem__)
        return found

    @cached_property
    def _order(self) -> dict:
        return {el: i for i, el in enumerate(self.root.iter())}

    def memo(self, key, compute):
        """A per-page cache for work several rules share: `doc.memo("headings", lambda: ...)`."""
        cache = self.__dict__.setdefault("_memo", {})
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    def by_id(self, ident: str):
        els = self._ids.get(ident)
        return els[0] if els else None

    @property
    def ids(self) -> dict[str, list]:
        return self._ids

    def with_attr(self, attr: str) -> list:
        return [el for el in self.root.iter() if isinstance(el.tag, str) and el.get(attr) is not None]

    @cached_property
    def body(self):
        bodies = self.all("body")
        return bodies[0] if bodies else self.root

    @cached_property
    def lang(self) -> str | None:
        """The lang attribute on <html> (None when absent; may be "")."""
        return self.root.get("lang") if self.root.tag == "html" else None

    @cached_property
    def title(self) -> str | None:
        """Text of the first <title> in <head>; None when there is none."""
        for t in self.all("title"):
            if not any(a.tag == "svg" for a in t.iterancestors()):
                return collapse(text_content(t))
        return None

    def resolve(self, href: str | None) -> str | None:
        """Absolute URL for an href (fragment kept); None for empty, javascript: and data: hrefs."""
        if href is None:
            return None
        href = href.strip()
        if not href or href.lower().startswith(("javascript:", "data:")):
            return None
        # Only "?..." and "#..." depend on the base's last segment; other references resolve the same from
        # every page of a folder, so the (folder, href) pairs that recur on every page are joined once.
        base = self.base_url if href[0] in "?#" else self.base_url.split("#", 1)[0].split("?", 1)[0]
        if href[0] not in "?#":
            authority = base.find("//")
            if base.find("/", authority + 2 if authority >= 0 else 0) >= 0:
                base = base[: base.rfind("/") + 1]
        return _join(base, href)

    def _base_url(self) -> str:
        for base in self._by_tag.get("base", []):
            if base.get("href"):
                return urljoin(self.url, base.get("href").strip())
        return self.url

    # ---- visibility ----------------------------------------------------------------------------------
    def is_hidden(self, el) -> bool:
        """Hidden from everyone or from assistive technology: hidden, aria-hidden, inline display:none,
        type=hidden, or inside such an element, <template>, <noscript>, <script> or <style>."""
        cached = self._hidden.get(el)
        if cached is not None:
            return cached
        result = self._hidden_self(el)
        if not result:
            parent = el.getparent()
            result = parent is not None and self.is_hidden(parent)
        self._hidden[el] = result
        return result

    @staticmethod
    def _hidden_self(el) -> bool:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in NON_CONTENT_TAGS:
            return True
        if el.get("hidden") is not None or (el.get("aria-hidden") or "").strip().lower() == "true":
            return True
        if tag == "input" and (el.get("type") or "").lower() == "hidden":
            return True
        style = el.get("style")
        return bool(style and _DISPLAY_NONE.search(style))

    def is_focusable(self, el) -> bool:
        """In the sequential focus order by markup (ignores CSS): native focusables and tabindex >= 0."""
        tabindex = html_integer(el.get("tabindex"))
        if tabindex is not None:
            return tabindex >= 0 and el.get("disabled") is None
        tag = el.tag
        if tag not in FOCUSABLE_TAGS or el.get("disabled") is not None:
            return False
        if tag in ("a", "area"):
            return el.get("href") is not None
        if tag == "input":
            return (el.get("type") or "").lower() != "hidden"
        if tag in ("audio", "video"):
            return el.get("controls") is not None
        if tag == "summary":
            parent = el.getparent()
            return parent is not None and parent.tag == "details"
        return True

    # ---- text and names ------------------------------------------------------------------------------
    def text(self, el, include_hidden: bool = False) -> str:
        """Visible text content of an element (script/style and hidden subtrees left out), collapsed."""
        return collapse("".join(self._text_parts(el, include_hidden)))

    def _text_parts(self, el, include_hidden: bool):
        if not isinstance(el.tag, str):
            yield el.tail or ""
            return
        if el.tag in NON_CONTENT_TAGS or (not include_hidden and self._hidden_self(el)):
            yield " " if el.tail else ""
            yield el.tail or ""
            return
        if el.text:
            yield el.text
        for child in el:
            yield from self._text_parts(child, include_hidden)
            if child.tail and isinstance(child.tag, str):
                yield child.tail
        if el.tag in ("br", "p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"):
            yield " "

    def name(self, el, _depth: int = 0) -> str:
        """Accessible name, following the order of the W3C accessible name computation (simplified:
        aria-labelledby, aria-label, native label/alt/caption/legend/title child, content, title).
        A placeholder is not counted as a name here; rules that accept it say so."""
        if _depth > 8:
            return ""
        if _depth == 0:  # several rules and the page facts ask for the same names (every link's, for one)
            names = self.__dict__.setdefault("_names", {})
            found = names.get(el)
            if found is None:
                found = names[el] = self._name(el)
            return found
        return self._name(el, _depth)

    def _name(self, el, _depth: int = 0) -> str:
        labelledby = (el.get("aria-labelledby") or "").split()
        if labelledby and _depth == 0:
            parts = [self._label_text(self.by_id(i), _depth) for i in labelledby if self.by_id(i) is not None]
            joined = collapse(" ".join(parts))
            if joined:
                return joined
        label = collapse(el.get("aria-label"))
        if label:
            return label
        tag = el.tag
        native = self._native_name(el, tag, _depth)
        if native:
            return native
        if self._named_from_content(el):
            content = self._content_name(el, _depth)
            if content:
                return content
        return collapse(el.get("title"))

    def _label_text(self, el, depth: int) -> str:
        """Text of an element referenced by aria-labelledby (hidden referenced elements still count)."""
        if el is None:
            return ""
        return collapse(el.get("aria-label")) or self._content_name(el, depth + 1, include_hidden=True)

    def _native_name(self, el, tag: str, depth: int) -> str:
        if tag in ("img", "area") or (tag == "input" and (el.get("type") or "").lower() == "image"):
            return collapse(el.get("alt"))
        if tag in ("input", "select", "textarea", "meter", "progress", "output"):
            itype = (el.get("type") or "text").lower()
            if tag == "input" and itype in ("submit", "reset", "button"):
                value = collapse(el.get("value"))
                if value:
                    return value
                return {"submit": "Submit", "reset": "Reset"}.get(itype, "")
            return self._label_for(el, depth)
        if tag == "fieldset":
            return self._first_child_text(el, "legend", depth)
        if tag == "table":
            return self._first_child_text(el, "caption", depth)
        if tag == "figure":
            return self._first_child_text(el, "figcaption", depth)
        if tag == "svg":
            for child in el:
                if isinstance(child.tag, str) and child.tag.lower() == "title":
                    return collapse(text_content(child))
        if tag == "button":
            label = self._label_for(el, depth)
            if label:
                return label
        return ""

    def _first_child_text(self, el, child_tag: str, depth: int) -> str:
        for child in el:
            if child.tag == child_tag:
                return self._content_name(child, depth + 1)
        return ""

    def _label_for(self, el, depth: int) -> str:
        parts = []
        ident = el.get("id")
        if ident:
            for label in self._by_tag.get("label", []):
                if label.get("for") == ident:
                    parts.append(self._content_name(label, depth + 1, skip=el))
        for anc in el.iterancestors():
            if anc.tag == "label" and anc.get("for") in (None, ident):
                parts.append(self._content_name(anc, depth + 1, skip=el))
                break
        return collapse(" ".join(p for p in parts if p))

    def labels(self, el) -> list:
        """<label> elements associated with a form control (for= or wrapping)."""
        found = []
        ident = el.get("id")
        if ident:
            found = [lab for lab in self._by_tag.get("label", []) if lab.get("for") == ident]
        for anc in el.iterancestors():
            if anc.tag == "label":
                if anc not in found and anc.get("for") in (None, ident):
                    found.append(anc)
                break
        return found

    _CONTENT_ROLES = {"button", "link", "heading", "tab", "menuitem", "option", "cell", "columnheader",
                      "rowheader", "checkbox", "radio", "switch", "treeitem", "tooltip", "row", "gridcell",
                      "menuitemcheckbox", "menuitemradio", "sectionhead", "term"}
    _CONTENT_TAGS = {"a", "button", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "th", "td", "option",
                     "caption", "legend", "label", "figcaption", "li", "dt", "dd"}

    def _named_from_content(self, el) -> bool:
        role = (el.get("role") or "").split()
        if role:
            return role[0] in self._CONTENT_ROLES
        return el.tag in self._CONTENT_TAGS

    def _content_name(self, el, depth: int, include_hidden: bool = False, skip=None) -> str:
        return collapse(self._content_raw(el, depth, include_hidden, skip))

    def _content_raw(self, el, depth: int, include_hidden: bool, skip) -> str:
        """Name from content, white space kept as written so inline children join like rendered text."""
        parts: list[str] = []
        if el.text:
            parts.append(el.text)
        for child in el:
            if not isinstance(child.tag, str):
                parts.append(child.tail or "")
                continue
            if child is skip or child.tag in NON_CONTENT_TAGS or (not include_hidden and self._hidden_self(child)):
                pass  # a control inside its own label, script/style, hidden content: not part of the name
            elif child.get("aria-label") or child.tag in ("img", "svg", "area") or child.get("role") == "img":
                parts.append(self.name(child, depth + 1))
            else:
                text = self._content_raw(child, depth + 1, include_hidden, skip)
                block = child.tag in ("br", "p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6")
                parts.append(f" {text} " if block else text)
            if child.tail:
                parts.append(child.tail)
        return "".join(parts)

    # ---- locating ------------------------------------------------------------------------------------
    def selector(self, el) -> str:
        """A CSS selector that finds exactly this element: an id when unique, else a tag path with
        :nth-of-type from the nearest uniquely identified ancestor."""
        # Memoised per element: the links of a page share their ancestors' paths (about 70 links a page).
        cache = self.__dict__.setdefault("_selectors", {})
        found = cache.get(el)
        if found is None:
            found = cache[el] = self._selector(el)
        return found

    def _selector(self, node) -> str:
        ident = node.get("id")
        if ident and len(self._ids.get(ident, ())) == 1 and _is_css_ident(ident):
            return f"#{ident}"
        parent = node.getparent()
        if parent is None or not isinstance(parent.tag, str):
            return node.tag.lower()
        return f"{self.selector(parent)} > {self._child_parts(parent)[node]}"

    def _child_parts(self, parent) -> dict:
        """Each element child's selector step ("li" or "li:nth-of-type(3)"), for all children at once: one
        pass per parent instead of a sibling count per child."""
        cache = self.__dict__.setdefault("_child_steps", {})
        steps = cache.get(parent)
        if steps is None:
            children = [child for child in parent if isinstance(child.tag, str)]
            totals: dict[str, int] = {}
            for child in children:
                totals[child.tag] = totals.get(child.tag, 0) + 1
            seen: dict[str, int] = {}
            steps = cache[parent] = {}
            for child in children:
                tag = child.tag
                if totals[tag] == 1:
                    steps[child] = tag.lower()
                else:
                    seen[tag] = seen.get(tag, 0) + 1
                    steps[child] = f"{tag.lower()}:nth-of-type({seen[tag]})"
        return steps

    def stable_path(self, el) -> str:
        """A selector-like path for fingerprints that survives cosmetic change: no sibling indexes,
        generated class names dropped, only landmark-ish ancestors and ids kept."""
        parts = []
        for node in [el, *el.iterancestors()]:
            if not isinstance(node.tag, str):
                continue
            ident = node.get("id")
            if ident and not _GENERATED_CLASS.search(ident):
                parts.append(f"{node.tag}#{ident}")
                break
            if node is el or node.tag in ("header", "nav", "main", "footer", "aside", "form", "table", "body") \
                    or node.get("role"):
                classes = sorted(c for c in (node.get("class") or "").split() if not _GENERATED_CLASS.search(c))
                parts.append(node.tag + "".join(f".{c}" for c in classes[:2]))
        return " ".join(reversed(parts))

    def identity(self, el) -> str:
        """Short text that identifies an element's content for fingerprints (src/href/name/text)."""
        for attr in ("src", "href", "name", "for", "data", "action"):
            value = el.get(attr)
            if value:
                return f"{attr}={value.strip()[:200]}"
        return self.text(el, include_hidden=True)[:200]

    def snippet(self, el) -> str:
        """Outer HTML of the start tag plus a little content, truncated; children cut for long elements."""
        try:
            html = etree.tostring(el, encoding="unicode", method="html", with_tail=False)
        except (ValueError, TypeError):
            return ""
        html = collapse(html)
        return html if len(html) <= SNIPPET_MAX else html[: SNIPPET_MAX - 1] + "…"


@lru_cache(maxsize=1 << 15)
def _join(base: str, href: str) -> str | None:
    try:
        return urljoin(base, href)
    except ValueError:
        return None


def _is_css_ident(value: str) -> bool:
    return bool(re.fullmatch(r"-?[A-Za-z_][A-Za-z0-9_-]*", value))


def short_hash(*parts: str, length: int = 16) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()
    return digest[:length]


def strip_fragment(url: str) -> str:
    return urldefrag(url)[0]
