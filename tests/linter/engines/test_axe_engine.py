"""The axe engine in real headless Chromium on pages served from 127.0.0.1: axe-core results as Kasauti findings,
frames (same-site and cross-site), the four outcomes, merging with the static engine and disputes."""
from __future__ import annotations

from pathlib import Path

import pytest

from kasauti.linter.engines.axe import AxeOptions, axe_run_options, merge_findings
from kasauti.linter.engines.static import check_html

from .conftest import FIXTURES, audit_page

pytestmark = pytest.mark.browser

AXE_HELP = "https://dequeuniversity.com/rules/axe/4.14/"


def _active(findings, rule=None):
    return [f for f in findings if f.outcome in ("violation", "needs-review") and (rule is None or f.rule == rule)]


@pytest.fixture(scope="module")
def violations_page(session, fixture_site, other_site):
    """axe-violations.html with its second frame loaded from the other site; every outcome asked for."""
    url = fixture_site + "axe-violations.html?cross=" + other_site + "frame-inner.html"
    findings, rules = audit_page(session, url, include_passes=True)
    return url, findings, rules


def test_violations_become_findings_with_axe_metadata(violations_page):
    url, findings, _ = violations_page
    image = [f for f in _active(findings, "image-alt") if f.selector == "#emblem"]
    assert len(image) == 1
    image = image[0]
    assert (image.outcome, image.impact, image.engine, image.url) == ("violation", "critical", "axe", url)
    assert image.wcag == ("1.1.1",)  # from the tag wcag111
    assert image.gigw == ("GIGW-5.2.1",)  # from the axe -> GIGW table
    assert image.snippet == '<img src="emblem.png" id="emblem" width="80" height="80">'
    assert image.help_url.startswith(AXE_HELP + "image-alt")
    assert dict(image.data)["axe_selector"] == "#emblem"
    assert image.message.startswith("Images must have alternative text")
    button = _active(findings, "button-name")
    assert [(f.selector, f.impact, f.wcag) for f in button] == [("#empty-button", "critical", ("4.1.2",))]
    assert button[0].fingerprint != image.fingerprint


def test_incomplete_results_are_needs_review(violations_page):
    _, findings, _ = violations_page
    contrast = _active(findings, "color-contrast")
    # Both paragraphs sit on a background image; the screenshot check settles the plain one (#666 on white
    # passes), and the one with a text shadow stays for review as axe left it.
    assert [(f.outcome, f.selector, f.wcag) for f in contrast] == [("needs-review", "#stamp", ("1.4.3",))]
    assert "background image" in dict(contrast[0].data)["summary"]


def test_without_browser_checks_axe_leaves_both_for_review(session, fixture_site):
    findings, _ = audit_page(session, fixture_site + "axe-violations.html", browser_checks=False)
    assert sorted(f.selector for f in _active(findings, "color-contrast")) == ["#stamp", "html > body > main > p:nth-of-type(1)"]


def test_all_four_outcomes_with_include_passes(violations_page):
    _, findings, rules = violations_page
    outcomes = {f.outcome for f in findings}
    assert outcomes == {"violation", "needs-review", "pass", "inapplicable"}
    passed = {f.rule for f in findings if f.outcome == "pass"}
    inapplicable = {f.rule for f in findings if f.outcome == "inapplicable"}
    assert {"document-title", "html-has-lang", "frame-title"} <= passed
    assert {"video-caption", "select-name"} <= inapplicable
    assert not passed & inapplicable
    # One finding per passed/inapplicable rule, no element; every rule that ran is accounted for.
    assert all(f.selector == "" for f in findings if f.outcome in ("pass", "inapplicable"))
    assert passed | inapplicable | {f.rule for f in _active(findings)} == set(rules)


def test_frames_are_audited_same_site_and_cross_site(violations_page):
    _, findings, _ = violations_page
    in_frames = sorted(f.selector for f in _active(findings, "image-alt") if " >>> " in f.selector)
    assert in_frames == ["#cross-site >>> #frame-image", "html > body > main > iframe:nth-of-type(1) >>> #frame-image"]


def test_without_include_passes_only_problems_are_reported(session, fixture_site):
    findings, rules = audit_page(session, fixture_site + "axe-violations.html")
    assert {f.outcome for f in findings} == {"violation", "needs-review"}
    assert len(rules) > 80  # axe still says which rules ran, which the merge needs


def test_run_options_are_json_for_the_bridge():
    run = axe_run_options(AxeOptions())
    assert run["iframes"] is True and run["runOnly"]["type"] == "tag"
    assert "wcag22aa" in run["runOnly"]["values"] and run["resultTypes"] == ["violations", "incomplete"]
    assert "resultTypes" not in axe_run_options(AxeOptions(include_passes=True))


def test_only_media_is_preloaded_unless_experimental_rules_run():
    assert axe_run_options(AxeOptions())["preload"] == {"assets": ["media"]}
    experimental = AxeOptions(run_only=("wcag21aa", "experimental"))
    assert "preload" not in axe_run_options(experimental)  # css-orientation-lock reads the CSSOM


def test_axe_nodes_come_back_cut_down_with_kasauti_paths(session, fixture_site):
    """One round trip returns axe's results cut to what Kasauti reads, each node with its Kasauti path. On a page
    without frames or shadow roots axe computes no selectors: the node's target is the path, which finds it."""
    from kasauti.linter.engines.axe import _axe_class, find_axe_script  # noqa: PLC0415

    if getattr(session, "axe", None) is None:
        session.axe = _axe_class()(session, str(find_axe_script()))
        session.axe.register()
    for page, framed in (("axe-no-frames.html", False), ("axe-violations.html", True)):
        session.driver.get(fixture_site + page)
        results = session.axe.run(axe_run_options(AxeOptions()))
        assert results["__kasauti_checks"] is True
        nodes = [node for rule in results["violations"] for node in rule["nodes"]]
        assert len(nodes) >= 3
        for node in nodes:
            assert set(node) <= {"target", "html", "impact", "failureSummary", "path", "any"}
            assert node["path"], node
            if not framed:
                assert node["target"] == [node["path"]]
            if len(node["target"]) == 1:  # in the top document: the path selects exactly that element
                count = session.driver.execute_script("return document.querySelectorAll(arguments[0]).length",
                                                      node["path"])
                assert count == 1, node


def test_a_clean_page_has_no_axe_or_browser_findings(session, fixture_site):
    findings, _ = audit_page(session, fixture_site + "good.html")
    assert _active(findings) == []


def test_static_and_axe_duplicates_are_merged(session, fixture_site):
    url = fixture_site + "axe-violations.html"
    browser, rules = audit_page(session, url)
    static = check_html((FIXTURES / "axe-violations.html").read_text("utf-8"), url, live=False)
    merged = merge_findings(static, browser, {url: rules})
    on_emblem = [f for f in _active(merged) if f.selector == "#emblem" and "1.1.1" in f.wcag]
    assert [(f.rule, f.engine) for f in on_emblem] == [("IMG001", "static")]
    assert dict(on_emblem[0].data)["also_found_by"] == "axe:image-alt"
    on_button = [f for f in _active(merged) if f.selector == "#empty-button"]
    assert [(f.rule, dict(f.data).get("also_found_by")) for f in on_button] == [("BTN001", "axe:button-name")]
    # The image inside the frame is axe's alone (the static engine reads the top document only).
    assert any(f.rule == "image-alt" and " >>> " in f.selector for f in merged)
    assert len(merged) == len(static) + len(browser) - 2


def test_static_violation_contradicted_by_axe_becomes_needs_review(session, fixture_site):
    url = fixture_site + "dispute.html"
    browser, rules = audit_page(session, url)
    static = check_html((FIXTURES / "dispute.html").read_text("utf-8"), url, live=False)
    [hidden] = [f for f in static if f.rule == "FRM001"]
    assert (hidden.outcome, hidden.selector) == ("violation", "#hidden-by-css")  # static cannot see the CSS
    assert "label" in rules and not _active(browser, "label")
    merged = merge_findings(static, browser, {url: rules})
    [kept] = [f for f in merged if f.rule == "FRM001"]
    assert kept.outcome == "needs-review" and dict(kept.data)["disputed_by"] == "axe:label,select-name"
    # Without the browser's word (the page could not be audited), the static violation stands.
    assert [f.outcome for f in merge_findings(static, [], {}) if f.rule == "FRM001"] == ["violation"]


def test_selectors_match_the_static_engine(session, fixture_site):
    """The browser writes the same kind of selector as the static engine, so merges find their partner."""
    from kasauti.linter.html import Document

    url = fixture_site + "brw003-bad.html"
    doc = Document((FIXTURES / "brw003-bad.html").read_text("utf-8"), url)
    session.driver.get(url)
    from kasauti.linter.engines.axe import CHECKS_JS

    session.driver.execute_script(Path(CHECKS_JS).read_text("utf-8"))
    for element in doc.root.iter():
        if not isinstance(element.tag, str) or element.tag in ("head", "meta", "title", "style"):
            continue
        expected = doc.selector(element)
        got = session.driver.execute_script(
            "return window.__kasauti.path(document.querySelector(arguments[0]));", expected)
        assert got == expected
