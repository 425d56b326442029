"""The two real sites of issue 3 in headless Chromium, served on 127.0.0.1: the reference ministry site
(mkdocs.yml + content/) and a fresh `kasauti new --defaults` site. axe-core (npm-pinned) finds nothing on any
of their pages; the keyboard reaches and operates every control on them; Lighthouse mobile scores their home
pages 100 for accessibility, best practices and SEO and at least 95 for performance (the reference site's through
ci/lighthouse/lighthouserc.json, in tests/ci/test_templates.py, which asserts the same on the same pages)."""
from __future__ import annotations

import dataclasses
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from .browser import chromium, describe, rerun_slowdown, run_axe, serve, wait_for_quiet
from .sitefactory import build, built_page_paths, new_site_project, reference_project
from .test_browser import FOCUS_STATE, tab_through

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SITES = ("reference", "new")
BUILDERS = {"reference": reference_project, "new": new_site_project}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    sites = {}
    for name in SITES:
        folder = BUILDERS[name](tmp_path_factory.mktemp(f"real-{name}") / name)
        result = build(folder)
        assert result.returncode == 0, result.stderr[-4000:]
        sites[name] = folder / "site"
    return sites


@pytest.fixture(scope="module")
def served(built):
    with serve(built["reference"], compress=True) as reference, serve(built["new"], compress=True) as new:
        yield {"reference": reference, "new": new}


def _axe_pages(base: str, paths: list[str], contrast: str | None = None, dark: bool = False) -> list[str]:
    problems = []
    with chromium() as session:
        driver = session.driver
        if dark:
            session.cdp("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        if contrast:
            driver.get(base + "404.html")
            driver.execute_script("localStorage.setItem('kasauti.contrast', arguments[0])", contrast)
        for path in paths:
            driver.get(base + path)
            violations = run_axe(driver)
            if violations:
                problems.append(f"/{path}:\n{describe(violations)}")
    return problems


@pytest.mark.parametrize("name", SITES)
def test_axe_finds_no_violation_on_any_page(built, served, name):
    paths = built_page_paths(built[name])
    assert len(paths) >= 60 and "" in paths and "hi/" in paths
    halves = [paths[0::2], paths[1::2]]  # two browsers, one per core
    with ThreadPoolExecutor(2) as pool:
        problems = sum(pool.map(lambda part: _axe_pages(served[name], part), halves), [])
    assert problems == [], "\n".join(problems)
    with chromium() as session:  # the same harness does see a violation when there is one
        session.driver.get(served[name])
        session.driver.execute_script("const img = document.createElement('img');"
                                      "img.src = 'assets/kasauti/emblem.svg'; document.querySelector('main').append(img)")
        assert "image-alt" in {v["id"] for v in run_axe(session.driver)}


SAMPLE = ["", "hi/", "news/", "hi/tenders/", "rti/", "feedback/", "sitemap/", "website-policies/privacy-policy/"]


@pytest.mark.parametrize("name", SITES)
def test_axe_finds_no_violation_in_high_contrast_and_dark_mode(served, name):
    problems = _axe_pages(served[name], SAMPLE, contrast="high") + _axe_pages(served[name], SAMPLE, dark=True)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("name", SITES)
def test_keyboard_reaches_every_region_and_operates_the_controls(served, name):
    base = served[name]
    with chromium() as session:
        driver = session.driver
        driver.get(base)
        stops = tab_through(driver, 160)
        areas = [s["area"] for s in stops]
        assert stops[0]["area"] == "skip" and stops[0]["text"] == "Skip to main content"
        order = ["skip", "utility", "identity", "search", "nav", "content", "footer"]
        firsts = [areas.index(area) for area in order]
        assert firsts == sorted(firsts), areas
        assert "National Portal of India" in stops[-1]["text"]
        assert [s for s in stops if not s["visible"] or not s["outline"]] == []
        # Operate them from the keyboard: text size, contrast, search, then the language switcher.
        driver.refresh()
        larger = driver.find_element("css selector", "[data-kasauti-text-size=larger]")
        larger.send_keys(Keys.ENTER)
        assert driver.execute_script("return document.documentElement.dataset.kasautiText") is not None
        contrast = driver.find_element("css selector", "[data-kasauti-contrast-toggle]")
        contrast.send_keys(Keys.SPACE)
        assert contrast.get_attribute("aria-pressed") == "true"
        contrast.send_keys(Keys.SPACE)
        driver.find_element("css selector", "[data-kasauti-text-size=normal]").send_keys(Keys.ENTER)
        query = driver.find_element("css selector", "[data-md-component=search-query]")
        query.send_keys("policy")
        deadline = time.time() + 15
        while time.time() < deadline and not driver.find_elements("css selector", ".md-search-result__item a"):
            time.sleep(0.2)
        assert driver.find_elements("css selector", ".md-search-result__item a")
        query.send_keys(Keys.ESCAPE)
        switch = driver.find_element("css selector", "a[hreflang=hi]")
        switch.send_keys(Keys.ENTER)
        deadline = time.time() + 10
        while time.time() < deadline and driver.execute_script("return document.documentElement.lang") != "hi":
            time.sleep(0.1)
        assert driver.current_url == base + "hi/"
        assert driver.execute_script(FOCUS_STATE)["tag"] in ("body", "a")


# ---- Lighthouse ---------------------------------------------------------------------------------------------
TARGETS = {"accessibility": 100, "best-practices": 100, "seo": 100, "performance": 95}
# Performance (TBT is measured CPU time x 4) depends on the machine: each run waits (up to 2 min) for a quiet
# machine, and the best of up to 3 runs counts (Lighthouse CI's "optimistic" aggregation). Lighthouse's 4x CPU
# slowdown is tuned for a host of benchmarkIndex ~1500; on a slower one (CI runners score ~1100) the runs after
# the first use the slowdown Lighthouse's calculator gives for that host, so they emulate the same phone, never
# a slower one - and never more lenient than 4x.
RUNS = 3
LAYOUT_SHIFT_MAX = 0.01  # CLS does not depend on load: nothing on these pages moves once painted


@pytest.mark.lighthouse
@pytest.mark.parametrize("name", ["new"])  # "reference": test_lighthouse_ci_config_passes_on_the_reference_site
def test_lighthouse_mobile_scores_of_the_home_pages(built, name):
    from kasauti.linter.engines import lighthouse

    assert lighthouse.check_environment() == []
    options = lighthouse.LighthouseOptions(timeout=180)
    with serve(built[name], compress=True, cache_seconds=31536000) as base:
        # The home page (English, the default language) is held to all four targets; the Hindi home page to
        # accessibility, best practices and SEO (its performance is measured in bench/lighthouse_sites.py).
        for path, perf_target in (("", TARGETS["performance"]), ("hi/", None)):
            runs = []
            for _ in range(RUNS if perf_target else 1):
                load = wait_for_quiet() if perf_target else os.getloadavg()[0]
                report, error = lighthouse.run_one(base + path, options)
                assert error is None, error
                scores = lighthouse.category_scores(report)
                index = report["environment"]["benchmarkIndex"]
                runs.append((scores, round(load, 1), index, options.cpu_slowdown or 4))
                # Accessibility, best practices and SEO do not depend on load: 100 on every run.
                assert all(scores[c] == 100 for c in ("accessibility", "best-practices", "seo")), (path, runs)
                shift = report["audits"]["cumulative-layout-shift"]["numericValue"]
                assert shift <= LAYOUT_SHIFT_MAX, (path, shift, report["audits"]["layout-shifts"].get("details"))
                if perf_target is None or scores["performance"] >= perf_target:
                    break
                options = dataclasses.replace(options, cpu_slowdown=rerun_slowdown(report))
            if perf_target is not None:
                assert max(s["performance"] for s, *_ in runs) >= perf_target, (path, runs)
