"""Source-level checks for a Kasauti site's Markdown: the accessibility and GIGW rules an author controls.

Used on the reference site (content/) and on sites rendered from the copier template. The built HTML is
audited separately by the linter; these checks catch the same mistakes earlier, at the Markdown, and name the
file and line. Each check returns a list of human-readable problems (empty = clean).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
VAGUE_LINK_TEXT = {"click here", "here", "read more", "more", "link", "this link", "click", "details",
                   "यहाँ क्लिक करें", "यहां क्लिक करें", "यहाँ", "यहां", "और पढ़ें", "अधिक"}
EMBEDS = re.compile(r"<\s*(iframe|script|embed|object)\b|youtube\.com/embed|maps\.google|google\.com/maps",
                    re.IGNORECASE)
US_DATE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                     r"December)\s+\d{1,2},\s+\d{4}\b")
ISO_DATE = re.compile(r"\b20\d{2}-\d{2}-\d{2}\b")
FORM_CONTROL = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.IGNORECASE)
LABEL_FOR = re.compile(r"<label\b[^>]*\bfor=\"([^\"]+)\"", re.IGNORECASE)
ATTR = re.compile(r"(\w[\w-]*)=\"([^\"]*)\"")


@dataclass(frozen=True)
class Page:
    path: Path  # relative to the docs folder
    meta: dict
    body: str  # Markdown after the front matter, fenced code removed
    body_offset: int  # line number of the body's first line in the file


def read_page(docs_dir: Path, path: Path) -> Page:
    text = (docs_dir / path).read_text(encoding="utf-8")
    meta, offset = {}, 1
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        try:
            meta = yaml.safe_load(text[4:end]) or {}
        except yaml.YAMLError as error:  # MkDocs would silently render broken front matter as text
            meta = {"_yaml_error": str(error).replace("\n", " ")}
        offset = text[: end + 5].count("\n") + 1
        text = text[end + 5:]
    text = re.sub(r"^```.*?^```", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S | re.M)
    return Page(path=path, meta=meta, body=text, body_offset=offset)


def markdown_pages(docs_dir: Path) -> list[Path]:
    return sorted(p.relative_to(docs_dir) for p in docs_dir.rglob("*.md"))


def _lines(page: Page):
    for number, line in enumerate(page.body.splitlines(), start=page.body_offset):
        yield number, line


def check_front_matter(page: Page) -> list[str]:
    if "_yaml_error" in page.meta:
        return [f"{page.path}: front matter is not valid YAML: {page.meta['_yaml_error']}"]
    description = page.meta.get("description")
    if not isinstance(description, str) or len(description.split()) < 4:
        return [f"{page.path}: front matter needs a one-sentence `description` (got {description!r})"]
    return []


def check_headings(page: Page) -> list[str]:
    """One h1, first; levels go down one step at a time (WCAG 1.3.1 / 2.4.6)."""
    problems, levels = [], []
    in_html_comment = False
    for number, line in _lines(page):
        if "<!--" in line and "-->" not in line:
            in_html_comment = True
        if in_html_comment:
            in_html_comment = "-->" not in line
            continue
        match = HEADING.match(line)
        if match:
            level = len(match.group(1))
            if levels and level > levels[-1] + 1:
                problems.append(f"{page.path}:{number}: heading level skips from h{levels[-1]} to h{level}")
            if not levels and level != 1:
                problems.append(f"{page.path}:{number}: the first heading must be an h1")
            levels.append(level)
    if levels.count(1) != 1:
        problems.append(f"{page.path}: expected exactly one h1, found {levels.count(1)}")
    return problems


def check_links(docs_dir: Path, page: Page) -> list[str]:
    """Descriptive link text, alt text on images, and relative links that resolve to a file."""
    problems = []
    for number, line in _lines(page):
        for bang, text, target in LINK.findall(line):
            where = f"{page.path}:{number}"
            if bang and not text.strip():
                problems.append(f"{where}: image {target} has no alt text")
            if not bang and text.strip().lower().rstrip(".") in VAGUE_LINK_TEXT:
                problems.append(f"{where}: link text {text!r} does not say where the link goes")
            parts = urlsplit(target)
            if parts.scheme in ("http", "https"):
                if parts.scheme == "http":
                    problems.append(f"{where}: use https for {target}")
                continue
            if parts.scheme or not parts.path:
                continue  # mailto:, tel:, in-page anchors
            resolved = (docs_dir / page.path.parent / unquote(parts.path)).resolve()
            if not resolved.is_file():
                problems.append(f"{where}: link target {target} does not exist")
    return problems


def check_dates_and_embeds(page: Page) -> list[str]:
    problems = []
    for number, line in _lines(page):
        where = f"{page.path}:{number}"
        if EMBEDS.search(line):
            problems.append(f"{where}: third-party embed or script")
        visible = LINK.sub(lambda m: m.group(2), line)  # dates inside link targets (file names) are fine
        for pattern in (US_DATE, ISO_DATE):
            for found in pattern.finditer(visible):
                problems.append(f"{where}: write dates as DD-MM-YYYY or '24 November 2026', not {found.group(0)!r}")
    return problems


def check_form_labels(page: Page) -> list[str]:
    """Every visible form control has an id with a matching <label for> (WCAG 1.3.1, 3.3.2, 4.1.2)."""
    labelled = set(LABEL_FOR.findall(page.body))
    problems = []
    for tag, attrs in FORM_CONTROL.findall(page.body):
        values = dict(ATTR.findall(attrs))
        if values.get("type") in ("hidden", "submit", "button"):
            continue
        if values.get("id") not in labelled:
            problems.append(f"{page.path}: <{tag} name={values.get('name')!r}> has no <label for=...>")
    return problems


def devanagari_share(text: str) -> float:
    letters = [c for c in text if unicodedata.category(c).startswith("L")]
    if not letters:
        return 0.0
    return sum("\u0900" <= c <= "\u097f" for c in letters) / len(letters)


def check_translations(docs_dir: Path) -> list[str]:
    """Every English page has a Hindi twin (and back), and Hindi pages are written in Devanagari."""
    pages = set(markdown_pages(docs_dir))
    problems = []
    for path in sorted(pages):
        if path.name.endswith(".hi.md"):
            twin = path.with_name(path.name[: -len(".hi.md")] + ".md")
            if twin not in pages:
                problems.append(f"{path}: Hindi page without an English page")
            body = read_page(docs_dir, path).body
            prose = re.sub(r"\([^)]*\)|<[^>]+>|[\w.+-]+@[\w.-]+", " ", body)  # drop URLs, tags, emails
            if devanagari_share(prose) < 0.6:
                problems.append(f"{path}: less than 60% of its letters are Devanagari")
        else:
            twin = path.with_name(path.name[: -len(".md")] + ".hi.md")
            if twin not in pages:
                problems.append(f"{path}: English page without a Hindi version ({twin})")
    return problems


HINDI_SPAN = re.compile(r"<span lang=\"hi\">.*?</span>", re.S)


def check_language_of_parts(page: Page) -> list[str]:
    """Hindi words on an English page sit in <span lang="hi"> so screen readers switch voice (WCAG 3.1.2)."""
    if page.path.name.endswith(".hi.md"):
        return []
    problems = []
    for number, line in _lines(page):
        stray = re.findall(r"[\u0900-\u097f]+", HINDI_SPAN.sub("", line))
        if stray:
            problems.append(f"{page.path}:{number}: Devanagari {stray[0]!r} outside <span lang=\"hi\">")
    return problems


def lint_site(docs_dir: Path) -> list[str]:
    """All checks on every Markdown page under `docs_dir`."""
    problems = check_translations(docs_dir)
    for path in markdown_pages(docs_dir):
        page = read_page(docs_dir, path)
        problems += check_front_matter(page)
        problems += check_headings(page)
        problems += check_links(docs_dir, page)
        problems += check_dates_and_embeds(page)
        problems += check_form_labels(page)
        problems += check_language_of_parts(page)
    return problems


CONTRACT_EXTRA_KEYS = ("ministry", "government", "content_owner", "wim", "address", "national_portal")
CONTRACT_WIM_KEYS = ("name", "designation", "email", "phone")


def _nav_entries(items, titles: list[str], paths: list[str]) -> None:
    for item in items:
        if isinstance(item, str):
            paths.append(item)
        elif isinstance(item, dict):
            for title, value in item.items():
                titles.append(title)
                if isinstance(value, str):
                    paths.append(value)
                else:
                    _nav_entries(value, titles, paths)


def check_site_config(config_path: Path) -> list[str]:
    """mkdocs.yml follows the Kasauti contract, its nav lists exactly the site's English pages, and every
    nav label has a Hindi translation when Hindi is built."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    docs_dir = config_path.parent / config.get("docs_dir", "docs")
    problems = []
    if config.get("theme", {}).get("name") != "kasauti":
        problems.append("theme.name must be kasauti")
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in config.get("plugins", [])]
    for name in ("search", "i18n", "git-revision-date-localized", "kasauti"):
        if name not in plugins:
            problems.append(f"plugin {name} is missing")
    if plugins.index("i18n") > plugins.index("git-revision-date-localized"):
        problems.append("i18n must come before git-revision-date-localized")
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    if i18n.get("docs_structure") != "suffix":
        problems.append("i18n.docs_structure must be suffix")
    languages = {lang["locale"]: lang for lang in i18n.get("languages", [])}
    if not languages.get("en", {}).get("default"):
        problems.append("English must be the default language")
    kasauti = config.get("extra", {}).get("kasauti", {})
    for key in CONTRACT_EXTRA_KEYS:
        if key not in kasauti:
            problems.append(f"extra.kasauti.{key} is missing")
    for key in CONTRACT_WIM_KEYS:
        if not kasauti.get("wim", {}).get(key):
            problems.append(f"extra.kasauti.wim.{key} is missing")

    titles: list[str] = []
    nav_paths: list[str] = []
    _nav_entries(config.get("nav", []), titles, nav_paths)
    english_pages = {str(p) for p in markdown_pages(docs_dir) if not p.name.endswith(".hi.md")}
    for missing in sorted(english_pages - set(nav_paths)):
        problems.append(f"page {missing} is not in nav")
    for extra in sorted(set(nav_paths) - english_pages):
        problems.append(f"nav entry {extra} has no page")
    if len(nav_paths) != len(set(nav_paths)):
        problems.append("nav lists a page twice")
    if "hi" in languages:
        translations = languages["hi"].get("nav_translations") or {}
        for title in titles:
            if title not in translations:
                problems.append(f"nav label {title!r} has no Hindi nav_translation")
    return problems
