"""Page metadata: last-updated date, Open Graph tags and schema.org GovernmentOrganization JSON-LD."""
from __future__ import annotations

import datetime as dt
import json

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "hi": ("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"),
}
OG_LOCALES = {"en": "en_IN", "hi": "hi_IN"}
GIT_DATE_KEY = "git_revision_date_localized_raw_iso_date"


def pick(value, lang: str, default_lang: str = "en"):
    """A value from extra.kasauti: plain, or a {en: ..., hi: ...} mapping."""
    if isinstance(value, dict):
        return value.get(lang) or value.get(default_lang) or ""
    return value or ""


def parse_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def last_updated(page: Page) -> tuple[dt.date | None, str]:
    """(date, source): front matter `last_updated` wins over the git date of the page's source file."""
    meta = page.meta or {}
    if "last_updated" in meta:
        return parse_date(meta["last_updated"]), "front matter"
    if GIT_DATE_KEY in meta:
        return parse_date(meta[GIT_DATE_KEY]), "git"
    return None, ""


def display_date(date: dt.date, lang: str) -> str:
    months = MONTHS.get(lang, MONTHS["en"])
    return f"{date.day} {months[date.month - 1]} {date.year}"


def open_graph(page: Page, config: MkDocsConfig, lang: str, other_langs: list[str]) -> dict:
    meta = page.meta or {}
    tags = {
        "og:type": "website",
        "og:site_name": config.site_name,
        "og:title": config.site_name if page.is_homepage else f"{page.title} - {config.site_name}",
        "og:locale": OG_LOCALES.get(lang, lang),
    }
    description = meta.get("description") or config.site_description
    if description:
        tags["og:description"] = str(description)
    if page.canonical_url:
        tags["og:url"] = page.canonical_url
    image = (config.extra.get("kasauti") or {}).get("og_image")
    if image and config.site_url:
        tags["og:image"] = config.site_url.rstrip("/") + "/" + str(image).lstrip("/")
    for other in other_langs:
        tags.setdefault("og:locale:alternate", OG_LOCALES.get(other, other))
    return tags


def government_organization(config: MkDocsConfig, lang: str, default_lang: str) -> str:
    """JSON-LD for the home page: the ministry as a schema.org GovernmentOrganization."""
    identity = config.extra.get("kasauti") or {}
    name = pick(identity.get("ministry"), lang, default_lang) or config.site_name
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": name,
        "inLanguage": lang,
    }
    other_names = [v for k, v in (identity.get("ministry") or {}).items() if k != lang and v] \
        if isinstance(identity.get("ministry"), dict) else []
    if other_names:
        data["alternateName"] = other_names
    if config.site_url:
        data["url"] = config.site_url
    department = pick(identity.get("department"), lang, default_lang)
    if department:
        data["department"] = {"@type": "GovernmentOrganization", "name": department}
    government = pick(identity.get("government"), lang, default_lang)
    if government:
        data["parentOrganization"] = {"@type": "GovernmentOrganization", "name": government}
    address = pick(identity.get("address"), lang, default_lang)
    if address:
        data["address"] = address
    wim = identity.get("wim") or {}
    if wim.get("email") or wim.get("phone"):
        contact = {"@type": "ContactPoint", "contactType": "Web Information Manager"}
        if wim.get("name"):
            contact["name"] = pick(wim.get("name"), lang, default_lang)
        if wim.get("email"):
            contact["email"] = wim["email"]
        if wim.get("phone"):
            contact["telephone"] = wim["phone"]
        data["contactPoint"] = contact
    # "</" cannot appear inside a <script> element; JSON allows escaping the slash.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
