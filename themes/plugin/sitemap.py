"""The HTML sitemap page (GIGW 5.2.31): the site's navigation of one language as nested lists."""
from __future__ import annotations

import html
import re

from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url


def marker_pattern(marker: str) -> re.Pattern:
    """The marker as written, tolerating the <p> Markdown may wrap around it and spacing inside the comment."""
    inner = re.escape(marker.strip().removeprefix("<!--").removesuffix("-->").strip())
    return re.compile(rf"(?:<p>\s*)?<!--\s*{inner}\s*-->(?:\s*</p>)?")


def _items(items, page_url: str) -> str:
    out = []
    for item in items:
        if isinstance(item, Section):
            children = _items(item.children, page_url)
            out.append(f"<li>{html.escape(item.title or '')}{children}</li>")
        elif isinstance(item, Page):
            href = get_relative_url(item.url, page_url) if item.url else get_relative_url("", page_url)
            out.append(f'<li><a href="{html.escape(href)}">{html.escape(item.title or item.url)}</a></li>')
        elif isinstance(item, Link):
            out.append(f'<li><a href="{html.escape(item.url)}">{html.escape(item.title or item.url)}</a></li>')
    return f"<ul>{''.join(out)}</ul>" if out else ""


def title_sections_from_index_pages(items) -> None:
    """Give each section of an automatic navigation the title of its index page (its folder name otherwise)."""
    for item in items:
        if isinstance(item, Section):
            title_sections_from_index_pages(item.children)
            index = next((child for child in item.children if isinstance(child, Page) and child.is_index), None)
            if index is not None and index.title:
                item.title = index.title


def render_sitemap(nav: Navigation, page: Page) -> str:
    return f'<div class="kasauti-sitemap">{_items(nav.items, page.url)}</div>'


def insert_sitemap(content: str, marker: str, nav: Navigation, page: Page) -> tuple[str, bool]:
    """(new content, whether the marker was found)."""
    pattern = marker_pattern(marker)
    if not pattern.search(content):
        return content, False
    return pattern.sub(lambda _: render_sitemap(nav, page), content, count=1), True
