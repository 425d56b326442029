"""The Markdown source map: which Markdown file and line produced each element of a page's content.

Python-Markdown keeps no line numbers, so lines are recovered by matching text, in order. For every block-ish
element of the HTML that Markdown produced for a page (headings, paragraphs, list items, table rows and cells,
links, images, form controls, ...) a *key* is computed from the element itself: its tag and the first letters
of its text (letters and digits only, case-folded), or for elements without text an identifying attribute
(an image's alt text or file name, a control's id). The key is then searched for in the Markdown source,
forward from the previous element's position, in a copy of the source reduced the same way (link targets,
HTML tags, attribute lists and punctuation removed). Elements whose key is not found get no line.

The built site carries the result in `kasauti-source-map.json` (see `render_map`); the page HTML is not
changed, so fingerprints and page weight are unaffected. `kasauti audit` reads the map for a built folder,
finds the element of a finding in the built page, computes the same key (`element_key`) and reports the
Markdown file and line (linter/report/sources.py). Everything here is a pure function of strings.
"""
from __future__ import annotations

import bisect
import html
import json
import posixpath
import re

MAP_NAME = "kasauti-source-map.json"
MAP_VERSION = 1
CONTENT_SELECTOR = "article.md-content__inner"  # where the theme puts the Markdown's HTML in a built page
KEY_LENGTH = 40  # normalised characters of text in a key
SHORT_KEY = 6  # keys shorter than this are only looked for close to the previous element
SHORT_WINDOW = 12  # lines

# Table cells and options are left out: they share their row's (select's) line in Markdown.
TEXT_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "dt", "dd", "pre", "blockquote", "table", "a",
             "figcaption", "caption", "summary", "label", "button", "legend")
ATTRIBUTE_TAGS = ("img", "input", "select", "textarea", "iframe", "video", "audio", "object", "embed")
MAPPED_TAGS = frozenset(TEXT_TAGS + ATTRIBUTE_TAGS)
VOID_TAGS = frozenset(("img", "input", "embed", "br", "hr", "wbr", "source", "track", "area", "col", "meta", "link"))
# Text the kasauti plugin adds to links after the map is made; left out of keys on both sides.
GENERATED_CLASSES = ("kasauti-filemeta", "kasauti-sr-only")

_START = re.compile(r"<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\b(?P<attrs>[^>]*)>")
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_NOT_WORD = re.compile(r"[\W_]+")
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*(?:\n|$)", re.DOTALL)
# What a line of Markdown keeps of its text: link and image targets, autolink brackets, attribute lists,
# reference definitions and HTML tags go; the text between them stays.
_MD_TARGET = re.compile(r"\]\((?:<[^>]*>|[^()\s]*(?:\([^()]*\)[^()\s]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_MD_REF = re.compile(r"\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}|\{:[^}]*\}")
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")


def normalise(text: str) -> str:
    """Letters and digits only, case-folded: what survives Markdown's and the browser's reshaping of text."""
    return _NOT_WORD.sub("", text).casefold()


def parse_attrs(attrs: str) -> dict[str, str]:
    found = {}
    for match in _ATTR.finditer(attrs or ""):
        value = next((v for v in match.groups()[1:] if v is not None), "")
        found.setdefault(match.group(1).lower(), html.unescape(value))
    return found


def element_key(tag: str, attrs: dict[str, str], text: str, words: str | None = None) -> str | None:
    """The key of an element: `tag:` plus the start of its normalised text (`words`, when the caller has it
    already), or for elements without text an identifying attribute. None when the element has nothing to be
    recognised by."""
    tag = tag.lower()
    if tag == "img":
        alt = normalise(attrs.get("alt", ""))[:KEY_LENGTH]
        if alt:
            return f"img:{alt}"
        src = posixpath.basename((attrs.get("src") or "").split("?")[0].split("#")[0])
        return f"img:src={src}" if src else None
    if tag in ATTRIBUTE_TAGS:
        for name in ("id", "name", "src", "data"):
            if attrs.get(name):
                return f"{tag}:{name}={attrs[name]}"
        return None
    words = (normalise(text) if words is None else words)[:KEY_LENGTH]
    if len(words) < 2:
        for name in ("id", "name"):
            if attrs.get(name):
                return f"{tag}:{name}={attrs[name]}"
        return None
    return f"{tag}:{words}"


class Element:
    """A mapped element of a fragment: tag, raw attributes, and where its content starts and ends."""

    __slots__ = ("tag", "raw_attrs", "start", "content_start", "end", "_attrs")

    def __init__(self, tag: str, raw_attrs: str, start: int, content_start: int, end: int):
        self.tag, self.raw_attrs = tag, raw_attrs
        self.start, self.content_start, self.end = start, content_start, end
        self._attrs: dict | None = None

    @property
    def attrs(self) -> dict[str, str]:
        if self._attrs is None:
            self._attrs = parse_attrs(self.raw_attrs)
        return self._attrs


_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>")


def fragment_elements(fragment: str) -> tuple[str, list[Element]]:
    """The mapped elements of an HTML fragment (as Python-Markdown writes it), in document order, each with
    the span of its content (nested elements of the same tag matched to their own end tags), and the
    fragment with comments blanked out (what the offsets refer to)."""
    clean = _COMMENT.sub(lambda m: " " * len(m.group(0)), fragment) if "<!--" in fragment else fragment
    elements: list[Element] = []
    open_elements: list[Element] = []
    for match in _ANY_TAG.finditer(clean):
        tag = match.group(2).lower()
        if match.group(1):  # an end tag closes the innermost open element of that tag (and any left open in it)
            for depth in range(len(open_elements) - 1, -1, -1):
                if open_elements[depth].tag == tag:
                    for element in open_elements[depth:]:
                        element.end = match.start()
                    del open_elements[depth:]
                    break
            continue
        if tag not in MAPPED_TAGS:
            continue
        element = Element(tag, match.group(3), match.start(), match.end(), len(clean))
        elements.append(element)
        if tag in VOID_TAGS or tag in ATTRIBUTE_TAGS and tag != "select":
            element.end = match.end()
        else:
            open_elements.append(element)
    return clean, elements


def element_words(fragment: str, element: Element, enough: int = KEY_LENGTH) -> str:
    """Enough of the element's normalised text content for its key: tags removed, entities decoded, without
    the spans the plugin adds later (GENERATED_CLASSES)."""
    if element.end <= element.content_start:
        return ""
    window = 400
    while True:
        stop = min(element.end, element.content_start + window)
        inner = fragment[element.content_start:stop]
        if stop < element.end and inner.rfind("<") > inner.rfind(">"):
            inner = inner[:inner.rfind("<")]  # the window ends inside a tag
        if "kasauti-" in inner:
            inner = re.sub(r'<span class="(?:%s)">.*?</span>' % "|".join(GENERATED_CLASSES), "", inner,
                           flags=re.DOTALL)
        words = normalise(html.unescape(_TAG.sub("", inner)) if "&" in inner else _TAG.sub("", inner))
        if stop >= element.end or len(words) >= enough:
            return words
        window *= 4


class SourceText:
    """A Markdown file reduced to normalised text, with the line each character came from."""

    def __init__(self, source: str):
        self.lines = source.split("\n")
        front = _FRONT_MATTER.match(source)
        self.first_line = source[: front.end()].count("\n") if front else 0  # 0-based index of the body
        chunks, self.starts = [], []
        offset = 0
        for index, line in enumerate(self.lines):
            self.starts.append(offset)
            if index < self.first_line:
                reduced = ""
            else:
                line = _reduce_line(line)
                reduced = normalise(html.unescape(line) if "&" in line else line)
            chunks.append(reduced)
            offset += len(reduced)
        self.stream = "".join(chunks)

    def line_at(self, position: int) -> int:
        """0-based line index of a stream position."""
        return max(bisect.bisect_right(self.starts, position) - 1, 0)


def _reduce_line(line: str) -> str:
    if _REF_DEFINITION.match(line):
        return ""
    line = _AUTOLINK.sub(r"\1", line)
    line = _MD_TARGET.sub("]", line)
    line = _MD_REF.sub("]", line)
    line = _ATTR_LIST.sub("", line)
    return _TAG.sub(" ", line)


def map_lines(fragment: str, source: str) -> list[tuple[str, int | None]]:
    """(key, 1-based line) for every element of `fragment` that has a key, in document order (a key can occur
    more than once); the line is None when the element was not found in its Markdown `source`."""
    text = SourceText(source)
    body = text.starts[text.first_line] if text.first_line < len(text.starts) else 0
    inside, after = body, body  # where an element inside the previous one / a later sibling can start
    line = text.first_line
    found: list[tuple[str, int | None]] = []
    previous_end = -1  # where the last element found ends in the fragment
    clean, elements = fragment_elements(fragment)
    for element in elements:
        words = "" if element.end <= element.content_start else element_words(clean, element)
        key = element_key(element.tag, element.attrs if element.tag in ATTRIBUTE_TAGS or element.tag == "img"
                          or len(words) < 2 else {}, "", words)
        if key is None:
            continue
        hit = _find(text, element, key, inside if element.start < previous_end else after, line)
        if hit is None:
            found.append((key, None))
            continue
        at, line, exact = hit
        inside, after = (at, at + 1) if exact else (at, at)
        previous_end = element.end
        found.append((key, line + 1))
    return found


def _find(text: SourceText, element: Element, key: str, position: int, line: int
          ) -> tuple[int, int, bool] | None:
    """(stream position, line index, whether the position is the element's own text) of the element in the
    source, searching forward: text keys in the reduced text, attribute keys (and an image's file name) in
    the raw lines (the position is then the start of the line)."""
    needle = key.split(":", 1)[1]
    if "=" not in needle:
        at = text.stream.find(needle, position)
        if at >= 0:
            where = text.line_at(at)
            if len(needle) >= SHORT_KEY or where - line <= SHORT_WINDOW:
                return at, where, True
        if element.tag != "img":
            return None
        needle = "src=" + posixpath.basename((element.attrs.get("src") or "").split("?")[0].split("#")[0])
    name, raw = needle.split("=", 1)
    if not raw:
        return None
    window = range(line, min(len(text.lines), line + 400))
    # The attribute as written (id="x", or {#x} in an attribute list) before the bare value, which can also
    # be another element's reference to it (<label for="x">).
    forms = [f'{name}="{raw}"', f"{name}='{raw}'", f"{name}={raw}"] + ([f"#{raw}"] if name == "id" else [])
    for candidates in (forms, [raw]):
        for index in window:
            if any(form in text.lines[index] for form in candidates):
                return max(position, text.starts[index]), index, False
    return None


def render_map(pages: dict[str, dict], files: dict[str, str], *, site_url: str, root: str) -> str:
    """The JSON source map of a built site. `pages`: page URL (site-relative, as MkDocs writes it) ->
    {"source": path relative to the project, "lines": [[key, line], ...]}; `files`: document URL -> source
    path; `root`: the project folder (where mkdocs.yml is) relative to the built site folder."""
    data = {
        "schema_version": MAP_VERSION, "generator": "kasauti", "site_url": site_url, "root": root,
        "content": CONTENT_SELECTOR, "pages": dict(sorted(pages.items())), "files": dict(sorted(files.items())),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
