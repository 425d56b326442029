"""The HTML report in real Chromium: axe-core finds nothing, the page reflows at 320 px, focus is visible."""
from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from kasauti.linter.report import render_html

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[3]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="module")
def served_reports():
    """The English and Hindi reports of the sample result, served on 127.0.0.1."""
    from .conftest import sample_result

    folder = Path(tempfile.mkdtemp(prefix="kasauti-report-"))
    result = sample_result()
    (folder / "en.html").write_text(render_html(result), encoding="utf-8")
    (folder / "hi.html").write_text(render_html(result, locale="hi"), encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kasauti-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in (*FLAGS, "--window-size=1280,1024", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                               options=options)
    browser.set_script_timeout(60)
    yield browser
    browser.quit()
    shutil.rmtree(profile, ignore_errors=True)


def run_axe(driver) -> list[dict]:
    driver.execute_script(AXE.read_text("utf-8"))
    return driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']}).then(
            r => done(r.violations.map(v => ({id: v.id, impact: v.impact,
                                              nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}))),
            e => done([{id: 'axe-error', nodes: [String(e)]}]));
    """)


def open_all(driver, url: str) -> None:
    driver.get(url)
    driver.execute_script("document.querySelectorAll('details').forEach(d => { d.open = true; });")


@pytest.mark.parametrize("name", ["en", "hi"])
def test_axe_finds_no_violations(driver, served_reports, name):
    open_all(driver, f"{served_reports}/{name}.html")
    assert driver.execute_script("return document.querySelectorAll('details[open]').length") >= 5
    assert run_axe(driver) == []


@pytest.mark.parametrize("name", ["en", "hi"])
def test_reflows_at_320_css_pixels(driver, served_reports, name):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": True})
    try:
        open_all(driver, f"{served_reports}/{name}.html")
        widths = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1] == 320, widths
        assert run_axe(driver) == []
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_keyboard_focus_is_visible_and_skip_link_works(driver, served_reports):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver.get(f"{served_reports}/en.html")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    focused = driver.execute_script("""
        const el = document.activeElement, style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {text: el.textContent, outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
                top: box.top, visible: box.bottom > 0 && box.right > 0};""")
    assert focused["text"] == "Skip to main content"
    assert focused["outline"] != "none" and focused["width"] >= 2 and focused["visible"]
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    assert driver.execute_script("return document.activeElement.id") == "main"
    # the disclosure widgets are reachable and operable from the keyboard
    summary = driver.execute_script(
        "const s = document.querySelector('details > summary'); s.focus(); return s.parentElement.open")
    assert summary is False
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    assert driver.execute_script("return document.querySelector('details').open") is True
