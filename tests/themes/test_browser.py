"""The built Kasauti site in real headless Chromium, served on 127.0.0.1: axe-core on every page (light and
high-contrast), keyboard operation of the header, language switcher, accessibility controls, search, navigation
and footer, reflow at 320 px, on-demand search, and zero third-party requests."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from .browser import chromium, describe, run_axe, serve
from .sitefactory import build, write_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FALLBACK_PAGE = "---\ntranslation: fallback\n---\n# Old circular\n\nKept for reference.\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = write_project(tmp_path_factory.mktemp("kasauti-browser"),
                           extra_pages={"notices/old-circular.md": FALLBACK_PAGE})
    result = build(folder)
    assert result.returncode == 0, result.stderr
    return folder / "site"


@pytest.fixture(scope="module")
def served(built):
    requests: list = []
    with serve(built, requests) as base:
        yield base, requests


def page_paths(site: Path) -> list[str]:
    paths = []
    for html in sorted(site.rglob("index.html")):
        rel = str(html.parent.relative_to(site))
        paths.append("" if rel == "." else rel + "/")
    return paths


# ---- axe-core ---------------------------------------------------------------------------------------------
def _axe_pages(base: str, paths: list[str], contrast: str | None, dark: bool = False) -> list[str]:
    problems = []
    with chromium() as session:
        driver = session.driver
        if dark:
            session.cdp("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        driver.get(base + "404.html")
        if contrast:
            driver.execute_script("localStorage.setItem('kasauti.contrast', arguments[0])", contrast)
        for path in paths:
            driver.get(base + path)
            if contrast:
                assert driver.execute_script("return document.documentElement.dataset.kasautiContrast") == contrast
            violations = run_axe(driver)
            if violations:
                problems.append(f"/{path}:\n{describe(violations)}")
    return problems


@pytest.mark.parametrize("contrast", [None, "high"], ids=["light", "high-contrast"])
def test_axe_finds_no_violation_on_any_page(built, served, contrast):
    base, _ = served
    paths = page_paths(built)
    assert len(paths) >= 40
    halves = [paths[0::2], paths[1::2]]  # two browsers, one per core
    with ThreadPoolExecutor(2) as pool:
        problems = sum(pool.map(lambda part: _axe_pages(base, part, contrast), halves), [])
    assert problems == [], "\n".join(problems)


def test_axe_finds_no_violation_in_dark_mode(served):
    base, _ = served
    problems = _axe_pages(base, ["", "hi/", "website-policies/privacy-policy/", "sitemap/"], None, dark=True)
    assert problems == [], "\n".join(problems)


def test_axe_finds_no_violation_on_a_phone_with_the_menu_open(served):
    base, _ = served
    with chromium(360, 740) as session:
        driver = session.driver
        for path in ("", "hi/website-policies/"):
            driver.get(base + path)
            driver.find_element("css selector", "button[data-kasauti-toggle=drawer]").click()
            time.sleep(0.4)
            violations = run_axe(driver)
            assert violations == [], describe(violations)


# ---- keyboard ---------------------------------------------------------------------------------------------
FOCUS_STATE = """
const el = document.activeElement;
const style = getComputedStyle(el);
const box = el.getBoundingClientRect();
return {
  text: (el.innerText || el.value || el.getAttribute('aria-label') || el.placeholder || '').trim().slice(0, 60),
  tag: el.tagName.toLowerCase(), id: el.id, cls: String(el.className),
  area: el.closest('.kasauti-utility') ? 'utility' : el.closest('.kasauti-identity') ? 'identity'
      : el.closest('.md-search') ? 'search' : el.closest('.md-sidebar--primary') ? 'nav'
      : el.closest('.md-sidebar--secondary') ? 'toc' : el.closest('article') ? 'content'
      : el.closest('footer') ? 'footer' : el.classList.contains('kasauti-skip') ? 'skip' : 'other',
  visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
           && style.visibility !== 'hidden' && box.right > 0 && box.left < innerWidth,
  outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  lang: el.getAttribute('lang'), hreflang: el.getAttribute('hreflang'),
};
"""


def tab_through(driver, presses: int) -> list[dict]:
    """Tab from the top of a freshly loaded page; the focus state after each press."""
    driver.refresh()
    stops = []
    for _ in range(presses):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        stops.append(driver.execute_script(FOCUS_STATE))
        if stops[-1]["area"] == "footer" and "National Portal" in stops[-1]["text"]:
            break
    return stops


def test_keyboard_reaches_every_region_in_order_with_visible_focus(served):
    base, _ = served
    with chromium() as session:
        driver = session.driver
        driver.get(base)
        stops = tab_through(driver, 120)
    areas = [s["area"] for s in stops]
    assert stops[0]["area"] == "skip" and stops[0]["text"] == "Skip to main content"
    texts = [s["text"] for s in stops]
    for expected in ("Screen Reader Access", "A−: Decrease text size", "A: Normal text size",
                     "A+: Increase text size", "High contrast", "हिन्दी"):
        assert any(t.replace("\n", "").startswith(expected.split(":")[0]) for t in texts), (expected, texts)
    switch = next(s for s in stops if s["hreflang"])
    assert switch["hreflang"] == "hi" and switch["lang"] == "hi"
    order = ["skip", "utility", "identity", "search", "nav", "content", "footer"]
    firsts = [areas.index(area) for area in order]
    assert firsts == sorted(firsts), areas
    assert "National Portal of India" in texts[-1]
    hidden = [s for s in stops if not s["visible"]]
    assert hidden == [], hidden  # nothing focusable is off screen or in a closed drawer
    unringed = [s for s in stops if not s["outline"]]
    assert unringed == [], unringed


def test_skip_link_moves_focus_to_the_content(served):
    base, _ = served
    with chromium() as session:
        driver = session.driver
        driver.get(base + "about/")  # breadcrumbs, then content links, inside the skip target
        ActionChains(driver).send_keys(Keys.TAB).perform()
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        time.sleep(0.2)
        assert driver.execute_script("return document.activeElement.id") == "main-content"
        ActionChains(driver).send_keys(Keys.TAB).perform()
        assert driver.execute_script("return !!document.activeElement.closest('#main-content')")


def test_text_size_and_contrast_work_from_the_keyboard_and_persist(served):
    base, _ = served
    with chromium() as session:
        driver = session.driver
        driver.get(base)
        size = lambda: driver.execute_script("return parseFloat(getComputedStyle(document.documentElement).fontSize)")
        normal = size()
        larger = driver.find_element("css selector", "[data-kasauti-text-size=larger]")
        larger.send_keys(Keys.ENTER)
        larger.send_keys(Keys.ENTER)
        assert size() == pytest.approx(normal * 1.25)
        time.sleep(0.1)
        assert "125%" in driver.find_element("css selector", "[data-kasauti-status]").get_attribute("textContent")
        contrast = driver.find_element("css selector", "[data-kasauti-contrast-toggle]")
        contrast.send_keys(Keys.SPACE)
        assert contrast.get_attribute("aria-pressed") == "true"
        background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(0, 0, 0)"
        driver.get(base + "hi/help/")  # another page, another language: both settings are remembered
        assert size() == pytest.approx(normal * 1.25)
        assert driver.find_element("css selector", "[data-kasauti-contrast-toggle]").get_attribute("aria-pressed") == "true"
        assert driver.execute_script("return document.documentElement.scrollWidth") <= 1280
        driver.find_element("css selector", "[data-kasauti-text-size=normal]").click()
        driver.find_element("css selector", "[data-kasauti-contrast-toggle]").click()
        driver.refresh()
        assert size() == pytest.approx(normal)
        assert driver.execute_script("return document.documentElement.dataset.kasautiContrast") is None


def test_menu_button_opens_and_closes_the_drawer_by_keyboard_on_a_phone(served):
    base, _ = served
    with chromium(320, 640) as session:
        driver = session.driver
        driver.get(base + "about/")
        stops = tab_through(driver, 12)
        assert not any(s["area"] == "nav" for s in stops)  # the closed drawer is out of the tab order
        menu = driver.find_element("css selector", "button[data-kasauti-toggle=drawer]")
        assert menu.is_displayed() and menu.get_attribute("aria-expanded") == "false"
        menu.send_keys(Keys.ENTER)
        time.sleep(0.4)
        assert menu.get_attribute("aria-expanded") == "true"
        assert driver.execute_script("return !!document.activeElement.closest('.md-sidebar--primary')")
        assert driver.execute_script(FOCUS_STATE)["visible"]
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        time.sleep(0.4)
        assert menu.get_attribute("aria-expanded") == "false"
        assert driver.execute_script("return document.activeElement.dataset.kasautiToggle") == "drawer"


def test_search_loads_on_demand_and_finds_pages_by_keyboard(served):
    base, requests = served
    with chromium(320, 640) as session:
        driver = session.driver
        requests.clear()
        driver.get(base + "hi/")
        time.sleep(1.0)
        loaded = [path for path, _ in requests]
        assert not any("search_index.json" in p or "workers/search" in p for p in loaded), loaded
        button = driver.find_element("css selector", "button[data-kasauti-toggle=search]")
        button.send_keys(Keys.ENTER)
        time.sleep(0.3)
        assert driver.execute_script("return document.activeElement.dataset.mdComponent") == "search-query"
        ActionChains(driver).send_keys("जल").perform()
        deadline = time.time() + 10
        results = []
        while time.time() < deadline and not results:
            results = driver.find_elements("css selector", ".md-search-result__item a")
            time.sleep(0.2)
        assert results, driver.find_element("css selector", ".md-search-result__meta").text
        assert any("search_index.json" in p for p, _ in requests)
        assert not any("wordcut" in p for p, _ in requests)  # no 155 KB Hindi segmenter
        meta = driver.find_element("css selector", ".md-search-result__meta")
        assert meta.get_attribute("aria-live") == "polite" and meta.text
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        time.sleep(0.3)
        assert button.get_attribute("aria-expanded") == "false"


# ---- reflow and requests ----------------------------------------------------------------------------------
@pytest.mark.parametrize("width, height", [(320, 640), (320, 256)], ids=["320px", "400pct-zoom"])
def test_pages_reflow_without_horizontal_scrolling(served, width, height):
    base, _ = served
    with chromium(width, height) as session:
        driver = session.driver
        driver.get(base)
        driver.execute_script("localStorage.setItem('kasauti.text', '3')")  # largest text on top
        for path in ("", "hi/", "website-policies/content-contribution-moderation-approval-policy/", "hi/sitemap/"):
            driver.get(base + path)
            overflow = driver.execute_script(
                "return [document.documentElement.scrollWidth, innerWidth,"
                " [...document.querySelectorAll('header *, footer *')].filter(e => e.getBoundingClientRect().right"
                " > innerWidth + 1 && getComputedStyle(e).position !== 'absolute').map(e => e.className).slice(0, 5)]")
            assert overflow[0] <= overflow[1] and overflow[2] == [], (path, overflow)


def test_no_request_leaves_the_site(served):
    base, requests = served
    with chromium() as session:
        driver = session.driver
        for path in ("", "hi/", "contact/", "hi/website-policies/privacy-policy/"):
            driver.get(base + path)
            time.sleep(0.5)
            urls = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
            assert urls and all(u.startswith(base) for u in urls), urls
    assert all(status in (200, 304) for _, status in requests), [r for r in requests if r[1] not in (200, 304)]


# ---- GIGW 5.4.4 notice ------------------------------------------------------------------------------------
def test_external_link_notice_asks_before_leaving_and_returns_focus(tmp_path):
    folder = write_project(tmp_path / "project", plugin_options={"external_link_notice": True})
    assert build(folder).returncode == 0
    with serve(folder / "site") as base, chromium() as session:
        driver = session.driver
        driver.get(base)
        link = driver.find_element("css selector", 'article a[href="https://example.org/guidelines/"]')
        assert link.get_attribute("data-kasauti-notice") == ""
        portal = driver.find_element("css selector", "a.kasauti-footer__portal")
        assert portal.get_attribute("data-kasauti-notice") is None  # a government site: no notice
        link.send_keys(Keys.ENTER)
        time.sleep(0.2)
        dialog = driver.find_element("css selector", "dialog[data-kasauti-notice-dialog]")
        assert dialog.get_attribute("open") is not None
        assert driver.execute_script("return document.activeElement.dataset.kasautiNoticeCancel") == ""
        go = dialog.find_element("css selector", "[data-kasauti-notice-continue]")
        assert go.get_attribute("href") == "https://example.org/guidelines/"
        assert run_axe(driver) == []
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        time.sleep(0.2)
        assert dialog.get_attribute("open") is None
        assert driver.execute_script("return document.activeElement.getAttribute('href')") == \
            "https://example.org/guidelines/"
        assert len(driver.window_handles) == 1  # nothing was opened
