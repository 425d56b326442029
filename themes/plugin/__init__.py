"""The kasauti MkDocs plugin: the build-time half of the Kasauti theme.

Small hooks that call plain functions in this package:
- on_config: per-language UI strings for the theme, identity checks (GIGW 5.1.2, 5.4.1)
- on_files: mandatory GIGW pages and translations (once per build, in the default language)
- on_page_content: download labels "(PDF, 1.2 MB)", external-link marks, document budget, one h1 per page
- on_page_context: the HTML sitemap, the language switcher, footer links, last-updated date, page metadata
- on_post_build: completes the search index for Material's search UI, writes the Markdown source map

Problems are warnings through the plugin logger, so `mkdocs build --strict` fails on them; a configuration the
theme cannot render raises PluginError.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import checks, fonts, languages, links, metadata, search_index, sitemap, sourcemap
from .config import KasautiConfig

__all__ = ["KasautiConfig", "KasautiPlugin"]

log = get_plugin_logger("kasauti")

# Footer and utility-bar links: context key -> default-language source page.
STANDARD_PAGES = {
    "home": "index.md",
    "about": "about/index.md",
    "policies": "website-policies/index.md",
    "help": "help.md",
    "contact": "contact.md",
    "feedback": "feedback.md",
    "sitemap": "sitemap.md",
    "accessibility": "accessibility-statement.md",
    "screen_reader": "screen-reader-access.md",
    "terms": "website-policies/terms-and-conditions.md",
    "privacy": "website-policies/privacy-policy.md",
    "copyright": "website-policies/copyright-policy.md",
    "hyperlinking": "website-policies/hyperlinking-policy.md",
    "disclaimer": "website-policies/disclaimer.md",
}

MATERIAL_SKIP = re.compile(r'<a href="[^"]*" class="md-skip">.*?</a>', re.DOTALL)

# Runs after mkdocs-static-i18n (priority -100), which sets the language being built and the file alternates.
AFTER_I18N = -110


class KasautiPlugin(BasePlugin[KasautiConfig]):
    def __init__(self):
        super().__init__()
        self.files_by_url: dict = {}
        self.pages_by_source: dict = {}
        self.site_host: str | None = None
        self.site_path = "/"
        self.undated_warned = False
        self.nav: Navigation | None = None
        self.identity_font: dict | None = None
        self.identity_font_bytes: tuple[str, bytes] | None = None  # (characters, woff2), reused across builds
        self.default_404: str | None = None  # the default language's error page, kept at the site root
        self.source_pages: dict = {}  # page URL -> {"source": Markdown path, "lines": [[key, line], ...]}
        self.source_files: dict = {}  # document URL -> source path

    # ---- configuration -------------------------------------------------------------------------------
    @event_priority(AFTER_I18N)
    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        identity = config.extra.get("kasauti")
        if identity is not None and not isinstance(identity, dict):
            raise PluginError("extra.kasauti must be a mapping (ministry, government, wim, ...), see themes/README.md")
        if self.config.document_size_budget_mb < 0:
            raise PluginError("kasauti: document_size_budget_mb cannot be negative")
        languages.apply_ui_language(config)
        if config.site_url:
            parts = urlsplit(config.site_url)
            self.site_host = parts.hostname
            self.site_path = parts.path if parts.path.endswith("/") else parts.path + "/"
        if languages.is_first_build(config):
            self.undated_warned = False
            self.default_404 = None
            self.source_pages, self.source_files = {}, {}
            for problem in checks.identity_problems(dict(config.extra)):
                log.warning(problem)
            self.identity_font = self._identity_font(config)
        return config

    def _identity_font(self, config: MkDocsConfig) -> dict | None:
        names = [lang.name for lang in languages.site_languages(config)]
        chars = fonts.devanagari_characters(fonts.chrome_texts(config.extra.get("kasauti") or {}, names))
        if not chars:
            return None
        if not fonts.available():
            log.info("fontTools is not installed: English pages load the full Devanagari font for the header")
            return None
        return {"family": fonts.FAMILY, "file": f"assets/kasauti/fonts/{fonts.file_name(chars)}",
                "range": fonts.unicode_range(chars), "chars": chars}

    # ---- site-wide checks ----------------------------------------------------------------------------
    @event_priority(AFTER_I18N)
    def on_files(self, files: Files, config: MkDocsConfig):
        if not self.config.enabled:
            return files
        self.files_by_url = {file.url: file for file in files}
        self.pages_by_source = {languages.source_key(file): file for file in files.documentation_pages()}
        if self.config.source_map:
            extensions = tuple(f".{ext.lower().lstrip('.')}" for ext in self.config.download_extensions)
            self.source_files.update({file.url: _project_path(file.abs_src_path, config)
                                      for file in files if file.abs_src_path and file.url.lower().endswith(extensions)})
        if languages.is_first_build(config):
            self._check_site(config)
        return files

    def _check_site(self, config: MkDocsConfig) -> None:
        for path in checks.missing_required_pages(config.docs_dir, self.config.required_pages):
            log.warning(f"GIGW: the mandatory page '{path}' is missing from {config.docs_dir}")
        if self.config.check_translations:
            codes = [lang.code for lang in languages.site_languages(config)]
            for path, lang in checks.missing_translations(config.docs_dir, codes[0], codes[1:]):
                log.warning(f"GIGW 5.4.6: '{path}' has no '{lang}' version; add it or set "
                            f"'translation: fallback' in its front matter")

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files):
        self.nav = nav
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        # Page titles are known only now, after every page was read: name each folder section after its
        # index page, so an automatic navigation reads "वेबसाइट नीतियां" on Hindi pages, not "Website policies".
        if self.config.enabled and self.nav is not None and not config.nav:
            sitemap.title_sections_from_index_pages(self.nav.items)
        return env

    # ---- one page ------------------------------------------------------------------------------------
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return html
        if self.config.source_map and page.file.abs_src_path:
            # Before the links are rewritten: the map's keys are computed from the Markdown's own HTML.
            self.source_pages[page.url] = {
                "source": _project_path(page.file.abs_src_path, config),
                "lines": [list(pair) for pair in sourcemap.map_lines(html, page.file.content_string)],
            }
        lang = languages.current_language(config)
        settings = links.LinkSettings(
            page_url=page.url,
            site_host=self.site_host,
            site_path=self.site_path,
            files_by_url=self.files_by_url,
            download_extensions=frozenset(ext.lower().lstrip(".") for ext in self.config.download_extensions),
            mark_external=self.config.mark_external_links,
            new_tab=self.config.external_links_new_tab,
            notice=self.config.external_link_notice,
            government_domains=tuple(self.config.government_domains),
            language=lang,
        )
        html, report = links.rewrite_links(html, settings)
        where = page.file.src_uri
        for href in report.missing_documents:
            log.warning(f"GIGW 5.1.6: {where} links to the document '{href}', which is not in the site")
        budget = self.config.document_size_budget_mb * 1024 * 1024
        for href, _path, size in report.documents:
            if budget and size > budget:
                log.warning(f"GIGW 5.1.6: {where} links to '{href}' ({size / 1048576:.1f} MB), over the "
                            f"{self.config.document_size_budget_mb} MB document budget")
        if self.config.check_single_h1 and checks.count_h1(html) > 1:
            log.warning(f"{where} has {checks.count_h1(html)} <h1> headings; a page has exactly one")
        text_lang = languages.page_language(page, config)
        if text_lang != lang:
            # A fallback page shows default-language text inside a page of another language (WCAG 3.1.2).
            html = f'<div lang="{text_lang}">{html}</div>'
        return html

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav: Navigation):
        if not self.config.enabled:
            return context
        if languages.source_key(page.file) == "sitemap.md" or self.config.sitemap_marker in (page.content or ""):
            page.content, found = sitemap.insert_sitemap(page.content or "", self.config.sitemap_marker, nav, page)
            if not found:
                log.warning(f"{page.file.src_uri}: the sitemap page has no '{self.config.sitemap_marker}' marker "
                            f"for the generated sitemap")
        context["kasauti"] = self._page_context(page, config)
        return context

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        # Static templates (404.html) get the footer links and language homes too.
        if self.config.enabled and "kasauti" not in context:
            context["kasauti"] = self._site_context(config)
        return context

    def _site_context(self, config: MkDocsConfig) -> dict:
        lang = languages.current_language(config)
        site_links = {key: file.url for key, source in STANDARD_PAGES.items()
                      if (file := self.pages_by_source.get(source)) is not None}
        homes = [languages.Alternate(l.code, l.name, l.link, l.code == lang) for l in languages.site_languages(config)]
        current_home = next((alt.url for alt in homes if alt.current), "")
        return {
            "lang": lang,
            "links": site_links,
            "home_url": site_links.get("home", current_home),
            "alternates": homes,
            "external_link_notice": self.config.external_link_notice,
            "identity_font": self.identity_font,
        }

    def _page_context(self, page: Page, config: MkDocsConfig) -> dict:
        context = self._site_context(config)
        lang = context["lang"]
        context["alternates"] = languages.page_alternates(page, config)
        date, _source = metadata.last_updated(page)
        if date is None:
            if "git-revision-date-localized" not in config.plugins and not self.undated_warned:
                self.undated_warned = True
                log.warning("GIGW 5.1.5: pages have no last-updated date; add the git-revision-date-localized "
                            "plugin or `last_updated` front matter (the build date is shown meanwhile)")
            date = dt.date.today()
        context["last_updated"] = {"iso": date.isoformat(), "display": metadata.display_date(date, lang)}
        if self.config.metadata:
            others = [alt.lang for alt in context["alternates"] if not alt.current]
            context["og"] = metadata.open_graph(page, config, lang, others)
            if page.is_homepage or languages.source_key(page.file) == "index.md":
                context["jsonld"] = metadata.government_organization(config, lang, languages.default_language(config))
        return context

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig):
        # mkdocs-static-i18n renders the one 404.html of the site once per language, each over the last, so the
        # root error page would be in the last language built. Keep the default language's at the root and
        # put each other language's beside its pages (hi/404.html), for hosts that serve per-folder 404s.
        if not self.config.enabled or template_name != "404.html":
            return output
        lang = languages.current_language(config)
        if lang == languages.default_language(config) or self.default_404 is None:
            self.default_404 = output
            return output
        link = next((l.link for l in languages.site_languages(config) if l.code == lang), f"{lang}/")
        target = os.path.join(config.site_dir, link, "404.html")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(output)
        return self.default_404

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig):
        # Material's own skip link ("Skip to content", present only on pages with headings) would come before
        # the theme's; the theme's is the one skip link, first in the tab order on every page.
        if self.config.enabled:
            output = MATERIAL_SKIP.sub("", output, count=1)
        return output

    # ---- after the build -----------------------------------------------------------------------------
    @event_priority(AFTER_I18N)
    def on_post_build(self, config: MkDocsConfig):
        if not self.config.enabled:
            return
        search_index.complete_search_index(config.site_dir, keep_segmented=self.config.search_hindi_stemmer)
        if self.identity_font:
            self._write_identity_font(config.site_dir)
        if self.config.source_map:
            # Written after every language's build, each time with all the pages built so far.
            root = os.path.relpath(_project_dir(config), config.site_dir).replace(os.sep, "/")
            with open(os.path.join(config.site_dir, sourcemap.MAP_NAME), "w", encoding="utf-8") as handle:
                handle.write(sourcemap.render_map(self.source_pages, self.source_files,
                                                  site_url=config.site_url or "", root=root))

    def _write_identity_font(self, site_dir: str) -> None:
        target = os.path.join(site_dir, self.identity_font["file"])
        if os.path.isfile(target):
            return
        chars = self.identity_font["chars"]
        if self.identity_font_bytes is None or self.identity_font_bytes[0] != chars:
            fonts.write_subset(chars, target)
            with open(target, "rb") as handle:
                self.identity_font_bytes = (chars, handle.read())
        else:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(self.identity_font_bytes[1])


def _project_dir(config: MkDocsConfig) -> str:
    """The folder of mkdocs.yml: source paths in the source map are relative to it (the repository root)."""
    return os.path.dirname(os.path.abspath(config.config_file_path or os.path.join(config.docs_dir, "..", "x")))


def _project_path(path: str, config: MkDocsConfig) -> str:
    return os.path.relpath(path, _project_dir(config)).replace(os.sep, "/")
