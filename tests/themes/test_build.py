"""Real `mkdocs build --strict` runs of a small bilingual project with the Kasauti theme and plugin; the built
HTML is checked for what GIGW and WCAG ask of every page."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from .sitefactory import REPORT_BYTES, TITLES, build, write_project

pytestmark = pytest.mark.slow

OLD_CIRCULAR = """---
translation: fallback
last_updated: 2024-03-15
description: An archived circular that has no Hindi version.
---
# Old circular

This circular is kept for reference.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = write_project(tmp_path_factory.mktemp("kasauti-site"),
                           extra_pages={"notices/old-circular.md": OLD_CIRCULAR})
    result = build(folder)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return folder / "site"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def all_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html"))


def resolve(base_page: str, href: str) -> str:
    """Site-relative path of an href found on the page at `base_page` ("hi/about/")."""
    return urlsplit(urljoin("http://site/" + base_page, href)).path.lstrip("/")


# ---- header -----------------------------------------------------------------------------------------------
FOCUSABLE = ("a[href]", "button", "input", "select", "textarea", "[tabindex]")


def first_focusable(soup: BeautifulSoup):
    for element in soup.body.find_all(True):
        if "md-toggle" in (element.get("class") or []):  # Material's state checkboxes: display:none in its CSS
            continue
        if element.find_parent(attrs={"hidden": True}) or element.has_attr("hidden"):
            continue
        if element.get("tabindex") == "-1":
            continue
        if any(element.name == s or (s.startswith(element.name + "[") and element.has_attr(s[len(element.name) + 1:-1]))
               or (s == "[tabindex]" and element.has_attr("tabindex")) for s in FOCUSABLE):
            return element
    return None


@pytest.mark.parametrize("path, text", [("", "Skip to main content"), ("hi", "मुख्य सामग्री पर जाएं"),
                                        ("website-policies/privacy-policy", "Skip to main content")])
def test_skip_link_is_first_focusable_and_targets_the_content(site, path, text):
    soup = page(site, path)
    first = first_focusable(soup)
    assert first.name == "a" and first.get_text(strip=True) == text
    target = soup.find(id=first["href"].lstrip("#"))
    assert target is not None and target.find("h1") is not None
    assert not soup.select("a.md-skip")  # Material's second skip link is gone


@pytest.mark.parametrize("path, lang, title, home", [("404.html", "en", "Page not found", "/"),
                                                    ("hi/404.html", "hi", "पृष्ठ नहीं मिला", "/hi/")])
def test_error_page_of_each_language_stays_in_its_language(site, path, lang, title, home):
    # mkdocs-static-i18n writes one 404.html per language over the same file; the plugin keeps them apart.
    soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "lxml")
    assert soup.html["lang"] == lang
    assert soup.h1.get_text().startswith(title)
    assert urlsplit(urljoin("http://site/" + path, soup.select_one("main a[href]")["href"])).path == home


def test_every_page_has_landmarks_and_exactly_one_h1(site):
    for html in all_pages(site):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        assert len(soup.find_all("h1")) == 1, html
        assert len(soup.select("body > header")) == 1, html  # one banner
        assert soup.find("main") and soup.select("body footer, .md-container > footer"), html
        assert soup.select_one("nav[aria-label]"), html


@pytest.mark.parametrize("path, alt", [("", "State Emblem of India"), ("hi", "भारत का राजचिह्न")])
def test_emblem_has_proper_alt_and_identity_names_both_languages(site, path, alt):
    soup = page(site, path)
    emblem = soup.select_one("header img.kasauti-identity__emblem")
    assert emblem["alt"] == alt and (site / resolve(path + "/" if path else "", emblem["src"])).is_file()
    identity = soup.select_one(".kasauti-identity__home")
    assert identity.select_one('[lang="hi"]').get_text(strip=True) == "जल संरक्षण मंत्रालय"
    assert identity.select_one('[lang="en"]').get_text(strip=True) == "Ministry of Water Conservation"
    assert "Government of India" in identity.get_text() and "भारत सरकार" in identity.get_text()


@pytest.mark.parametrize("path, lang, other, other_href", [
    ("", "en", "hi", "hi/"),
    ("about", "en", "hi", "hi/about/"),
    ("hi", "hi", "en", ""),
    ("hi/website-policies/privacy-policy", "hi", "en", "website-policies/privacy-policy/"),
])
def test_language_switcher_sets_lang_and_hreflang_and_keeps_the_page(site, path, lang, other, other_href):
    soup = page(site, path)
    assert soup.html["lang"] == lang
    switch = soup.select("a.kasauti-lang")
    assert len(switch) == 1
    link = switch[0]
    assert link["hreflang"] == other and link["lang"] == other
    base = path + "/" if path else ""
    assert resolve(base, link["href"]) == other_href
    assert (site / other_href / "index.html").is_file()


def test_hindi_pages_get_hindi_ui_strings(site):
    soup = page(site, "hi")
    assert soup.select_one(".kasauti-utility__link").get_text(strip=True) == "स्क्रीन रीडर एक्सेस"
    assert soup.select_one("[data-kasauti-contrast-toggle]").get_text(strip=True) == "उच्च कंट्रास्ट"
    assert soup.select_one(".md-search__input")["placeholder"] == "खोज"


def test_screen_reader_access_link_is_in_the_utility_bar(site):
    for path in ("", "contact", "hi/help"):
        link = page(site, path).select_one(".kasauti-utility a.kasauti-utility__link")
        expected = "hi/screen-reader-access/" if path.startswith("hi") else "screen-reader-access/"
        assert resolve(path + "/" if path else "", link["href"]) == expected


def test_accessibility_controls_are_real_buttons(site):
    soup = page(site, "")
    controls = soup.select_one("[data-kasauti-controls]")
    buttons = controls.find_all("button")
    assert [b["data-kasauti-text-size"] for b in buttons[:3]] == ["smaller", "normal", "larger"]
    assert all(b["type"] == "button" for b in buttons)
    assert buttons[3]["aria-pressed"] == "false"
    assert controls.select_one('[role="status"]') is not None


def test_search_dialog_has_a_name_and_a_live_result_count(site):
    soup = page(site, "")
    dialog = soup.select_one('[role="dialog"].md-search')
    assert dialog["aria-label"] == "Search"
    assert soup.select_one(".md-search-result__meta")["aria-live"] == "polite"
    assert soup.select_one("button[data-kasauti-toggle=search]") and soup.select_one("button[data-kasauti-toggle=drawer]")


# ---- footer -----------------------------------------------------------------------------------------------
FOOTER_PAGES = ["website-policies/", "help/", "contact/", "feedback/", "sitemap/", "accessibility-statement/",
                "screen-reader-access/", "website-policies/terms-and-conditions/", "website-policies/privacy-policy/",
                "website-policies/copyright-policy/", "website-policies/hyperlinking-policy/",
                "website-policies/disclaimer/"]


@pytest.mark.parametrize("path, prefix", [("", ""), ("about", ""), ("hi", "hi/"), ("hi/contact", "hi/")])
def test_footer_links_policies_owner_wim_date_and_national_portal(site, path, prefix):
    soup = page(site, path)
    footer = soup.select_one("footer.kasauti-footer")
    targets = [resolve(path + "/" if path else "", a["href"]) for a in footer.select(".kasauti-footer__links a")]
    assert targets == [prefix + p for p in FOOTER_PAGES]
    assert all((site / t / "index.html").is_file() for t in targets)
    text = footer.get_text(" ", strip=True)
    if prefix:
        assert "जल संरक्षण मंत्रालय, भारत सरकार" in text and "वेब सूचना प्रबंधक: Smt. Anjali Rao" in text
        assert "अंतिम अद्यतन: 20 नवंबर 2025" in text
    else:
        assert "owned, maintained and updated by Ministry of Water Conservation, Government of India" in text
        assert "Web Information Manager: Smt. Anjali Rao, Joint Secretary" in text
        assert "Last updated: 20 November 2025" in text
    assert footer.select_one("time")["datetime"] == "2025-11-20"  # the commit date, from git
    assert footer.select_one('a[href="mailto:wim-jsm@example.gov.in"]')
    portal = footer.select_one("a.kasauti-footer__portal")
    assert portal["href"] == "https://www.india.gov.in/" and portal["target"] == "_blank"
    assert portal.select_one(".kasauti-sr-only")


def test_front_matter_date_and_translation_fallback(site):
    english = page(site, "notices/old-circular")
    assert english.select_one("footer time")["datetime"] == "2024-03-15"
    hindi = page(site, "hi/notices/old-circular")  # no .hi.md: the English text under /hi/, marked as English
    assert hindi.html["lang"] == "hi"
    assert hindi.select_one("article > div[lang=en] > h1").get_text(strip=True) == "Old circular"
    assert "15 मार्च 2024" in hindi.select_one("footer time").get_text()


# ---- content: downloads, external links -----------------------------------------------------------------
@pytest.mark.parametrize("path", ["", "hi"])
def test_download_links_carry_format_and_real_size(site, path):
    soup = page(site, path)
    labels = {}
    for meta in soup.select("article a .kasauti-filemeta"):
        link = meta.find_parent("a")
        target = site / resolve(path + "/" if path else "", link["href"])
        assert target.is_file()
        labels[target.name] = (meta.get_text(), target.stat().st_size)
    assert labels == {"annual-report-2024-25.pdf": ("(PDF, 1.2 MB)", REPORT_BYTES),
                      "citizen-charter.pdf": ("(PDF, 40 KB)", 40 * 1024)}


@pytest.mark.parametrize("path, hidden", [("", "(external website, opens in a new tab)"),
                                          ("hi", "(बाहरी वेबसाइट, नए टैब में खुलती है)")])
def test_external_links_are_marked_visually_and_for_screen_readers(site, path, hidden):
    link = page(site, path).select_one('article a[href="https://example.org/guidelines/"]')
    assert "kasauti-external" in link["class"]
    assert link["target"] == "_blank" and "noopener" in link["rel"]
    assert link.select_one(".kasauti-sr-only").get_text(strip=True) == hidden


# ---- sitemaps, metadata ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, prefix", [("en", ""), ("hi", "hi/")])
def test_html_sitemap_lists_every_page_of_its_language(site, lang, prefix):
    base = prefix + "sitemap/"
    soup = page(site, base.rstrip("/"))
    html = str(soup)
    assert "kasauti:sitemap" not in html
    linked = {resolve(base, a["href"]) for a in soup.select(".kasauti-sitemap a")}
    built = {str(p.parent.relative_to(site)).replace(".", "") for p in all_pages(site)}
    built = {b + "/" if b else "" for b in built}
    expected = {b for b in built if (b.startswith("hi/") or b == "hi/") == (lang == "hi")}
    assert linked == expected
    if lang == "hi":
        titles = [a.get_text() for a in soup.select(".kasauti-sitemap a")]
        assert TITLES["contact.md"][1] in titles and TITLES["website-policies/disclaimer.md"][1] in titles
        sections = [ul.find_parent("li").contents[0].strip() for ul in soup.select(".kasauti-sitemap li > ul")]
        # Folder sections are named after their index pages, so they read in Hindi too.
        assert {"मंत्रालय के बारे में", "वेबसाइट नीतियां"} <= set(sections)


def test_sitemap_xml_is_kept_with_language_alternates(site):
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://jalsanrakshan.example.gov.in/hi/contact/" in xml and 'hreflang="hi"' in xml


def test_home_pages_describe_the_ministry_for_machines(site):
    soup = page(site, "")
    assert soup.select_one('meta[property="og:locale"]')["content"] == "en_IN"
    assert soup.select_one('meta[property="og:url"]')["content"] == "https://jalsanrakshan.example.gov.in/"
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "GovernmentOrganization" and data["name"] == "Ministry of Water Conservation"
    assert data["alternateName"] == ["जल संरक्षण मंत्रालय"]
    assert data["parentOrganization"]["name"] == "Government of India"
    assert data["contactPoint"]["email"] == "wim-jsm@example.gov.in"
    hindi = json.loads(page(site, "hi").select_one('script[type="application/ld+json"]').string)
    assert hindi["name"] == "जल संरक्षण मंत्रालय" and hindi["inLanguage"] == "hi"
    circular = page(site, "notices/old-circular")
    assert circular.select_one('meta[property="og:description"]')["content"].startswith("An archived circular")
    assert not circular.select_one('script[type="application/ld+json"]')


# ---- zero third-party requests --------------------------------------------------------------------------
LOCAL_HOSTS = {"jalsanrakshan.example.gov.in"}  # the site's own host (canonical and og:url)
CSS_URL = re.compile(r"""url\(\s*['"]?(?P<url>[^'")]+)|@import\s+['"](?P<imp>[^'"]+)""")


def remote(url: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.hostname not in LOCAL_HOSTS


def test_no_third_party_resources_in_html_css_or_our_scripts(site):
    offenders = []
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        for element in soup.find_all(src=True):
            if remote(element["src"]):
                offenders.append((html, element["src"]))
        for element in soup.find_all("link", href=True):
            if remote(element["href"]):
                offenders.append((html, element["href"]))
        for element in soup.find_all(["form"], action=True):
            if remote(element["action"]):
                offenders.append((html, element["action"]))
        for style in soup.find_all("style"):
            offenders += [(html, m.group("url") or m.group("imp")) for m in CSS_URL.finditer(style.get_text())
                          if remote(m.group("url") or m.group("imp"))]
        for script in soup.find_all("script", src=False):
            if script.get("type") != "application/ld+json":
                offenders += [(html, u) for u in re.findall(r"https?://[^\s\"'<>]+", script.get_text())]
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        offenders += [(css, m.group("url") or m.group("imp")) for m in CSS_URL.finditer(text)
                      if remote(m.group("url") or m.group("imp"))]
    kasauti_js = site / "assets" / "kasauti" / "kasauti.js"
    offenders += [(kasauti_js, u) for u in re.findall(r"https?://[^\s\"'<>]+", kasauti_js.read_text())]
    assert offenders == []


def test_fonts_are_self_hosted_with_their_licence(site):
    fonts = site / "assets" / "kasauti" / "fonts"
    names = {p.name for p in fonts.iterdir()}
    assert {"noto-sans-latin-400-normal.woff2", "noto-sans-devanagari-devanagari-700-normal.woff2",
            "OFL.txt"} <= names
    css = (site / "assets" / "kasauti" / "kasauti.css").read_text()
    assert "fonts.googleapis" not in css and "fonts/noto-sans-latin-400-normal.woff2" in css
    identity = page(site, "").find("style", string=re.compile("Kasauti Identity Devanagari"))
    if identity is not None:  # fontTools present: the header's Hindi uses a per-site subset
        font = re.search(r'url\("([^"]+)"\)', identity.string).group(1)
        assert (site / font).stat().st_size < 20_000


# ---- GIGW build checks: each problem fails a strict build ------------------------------------------------
def strict_build(tmp_path, **kwargs):
    folder = write_project(tmp_path / "project", **kwargs)
    return build(folder)


@pytest.mark.parametrize("kwargs, message", [
    ({"omit": ("contact.md", "contact.hi.md")}, "mandatory page 'contact.md' is missing"),
    ({"omit": ("website-policies/privacy-policy.hi.md",)}, "'website-policies/privacy-policy.md' has no 'hi' version"),
    ({"plugin_options": {"document_size_budget_mb": 1}}, "over the 1 MB document budget"),
    ({"extra_pages": {"notices/gone.md": "---\ntranslation: fallback\n---\n# Gone\n\n[Circular](../documents/gone.pdf)\n"}},
     "links to the document '../documents/gone.pdf', which is not in the site"),
    ({"extra_pages": {"two.md": "---\ntranslation: fallback\n---\n# One\n\n# Two\n"}}, "has 2 <h1> headings"),
    ({"extra_pages": {"sitemap.md": "# Sitemap\n\nNo marker here.\n"}}, "has no '<!-- kasauti:sitemap -->' marker"),
])
def test_gigw_problem_fails_the_strict_build(tmp_path, kwargs, message):
    result = strict_build(tmp_path, **kwargs)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr


def test_fallback_front_matter_satisfies_the_translation_check(tmp_path):
    fallback = "---\ntranslation: fallback\n---\n# Tenders\n\nOnly in English for now.\n"
    result = strict_build(tmp_path, extra_pages={"tenders.md": fallback})
    assert result.returncode == 0, result.stderr


def test_a_configuration_the_theme_cannot_render_is_a_plugin_error(tmp_path):
    folder = write_project(tmp_path / "project")
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("  kasauti:\n    ministry:")
    (folder / "mkdocs.yml").write_text(config[:start] + "  kasauti: just a string\n", encoding="utf-8")
    result = build(folder)
    assert result.returncode != 0 and "extra.kasauti must be a mapping" in result.stderr


def test_disabled_plugin_leaves_pages_alone(tmp_path):
    folder = write_project(tmp_path / "project", plugin_options={"enabled": False})
    result = build(folder, strict=False)
    assert result.returncode == 0, result.stderr
    soup = page(folder / "site", "")
    assert not soup.select(".kasauti-filemeta") and not soup.select(".kasauti-external")
    assert soup.select_one("img.kasauti-identity__emblem")["alt"] == "State Emblem of India"  # the theme still works
