"""What the kasauti plugin needs from mkdocs-static-i18n: the language being built, the languages of the site,
and each page's translations. mkdocs-static-i18n only reconfigures Material when the theme is literally named
"material", so for the kasauti theme the UI language and the switcher links are set here.
"""
from __future__ import annotations

from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

# Languages Material has UI strings for that Kasauti sites use; others keep the theme's configured language.
MATERIAL_UI_LANGUAGES = {"en", "hi"}


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    link: str  # the language's home, as a site-relative URL ("" or "hi/")
    default: bool


@dataclass(frozen=True)
class Alternate:
    lang: str
    name: str
    url: str  # site-relative
    current: bool


def i18n_plugin(config: MkDocsConfig):
    return config.plugins.get("i18n")


def site_languages(config: MkDocsConfig) -> list[Language]:
    """The built languages, default first; a site without the i18n plugin has one, the theme's."""
    plugin = i18n_plugin(config)
    if plugin is None:
        code = str(config.theme.get("language") or "en")
        return [Language(code, code, "", True)]
    languages = []
    for lang in plugin.config.languages:
        if not lang.build or lang.locale == "null":
            continue
        link = (lang.link or f"/{lang.locale}/").strip("/")
        languages.append(Language(lang.locale, lang.name, f"{link}/" if link else "", bool(lang.default)))
    languages.sort(key=lambda lang: not lang.default)
    return languages


def current_language(config: MkDocsConfig) -> str:
    plugin = i18n_plugin(config)
    if plugin is not None and getattr(plugin, "current_language", None):
        return plugin.current_language
    return site_languages(config)[0].code


def default_language(config: MkDocsConfig) -> str:
    return site_languages(config)[0].code


def is_first_build(config: MkDocsConfig) -> bool:
    """True in the default language's build: site-wide checks run there once, not once per language."""
    return current_language(config) == default_language(config)


def apply_ui_language(config: MkDocsConfig) -> None:
    lang = current_language(config)
    if lang in MATERIAL_UI_LANGUAGES:
        config.theme["language"] = lang


def page_alternates(page: Page, config: MkDocsConfig) -> list[Alternate]:
    """One entry per built language: the same page in that language when it exists, else that language's home."""
    current = current_language(config)
    translations = getattr(page.file, "alternates", {}) or {}
    out = []
    for lang in site_languages(config):
        target = translations.get(lang.code)
        url = target.url if target is not None else lang.link
        out.append(Alternate(lang.code, lang.name, url, lang.code == current))
    return out


def page_language(page: Page, config: MkDocsConfig) -> str:
    """The language the page's text is written in (a fallback page shows default-language text)."""
    return getattr(page.file, "locale", None) or current_language(config)


def source_key(file) -> str:
    """A page's source path without the language suffix (`contact.hi.md` -> `contact.md`)."""
    return getattr(file, "norm_src_uri", None) or file.src_uri
