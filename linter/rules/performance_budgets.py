"""Performance and quality budgets (BUD), measured by Lighthouse on sampled pages.

The limits come from configuration (`[tool.kasauti.budgets]` or `kasauti.toml`), with Kasauti's defaults in
linter/engines/lighthouse.py: GIGW 3.0 sets no numbers, so these are advisory Kasauti budgets (checklist ids
PERF-*), never GIGW failures. They run in the Lighthouse engine (`--engines lighthouse`); the static engine
skips them, and calling one on parsed HTML raises.
"""
from __future__ import annotations

from .registry import page_rule


def _lighthouse_only(code: str):
    raise RuntimeError(f"{code} is measured by Lighthouse (kasauti audit --engines lighthouse), not on parsed HTML")


@page_rule(
    code="BUD001", name="page-weight-over-budget", impact="moderate", engine="lighthouse",
    gigw=("PERF-page-weight",),
    messages={
        "total": {"en": "The page transfers {value} KB in all, over the budget of {budget} KB.",
                  "hi": "पृष्ठ कुल {value} KB डाउनलोड करता है, जो {budget} KB की सीमा से अधिक है।"},
        "script": {"en": "The page transfers {value} KB of JavaScript, over the budget of {budget} KB.",
                   "hi": "पृष्ठ {value} KB JavaScript डाउनलोड करता है, जो {budget} KB की सीमा से अधिक है।"},
        "font": {"en": "The page transfers {value} KB of web fonts, over the budget of {budget} KB.",
                 "hi": "पृष्ठ {value} KB वेब फ़ॉन्ट डाउनलोड करता है, जो {budget} KB की सीमा से अधिक है।"},
    },
)
def page_weight_over_budget(doc):
    """Pages heavier than the page-weight budget (all bytes, JavaScript, or web fonts).

    What it checks:
        Lighthouse loads the page with an empty cache and adds up the bytes transferred: in total (budget
        `page_weight_kb`, default 1536 KB), for scripts (`script_kb`, default 300 KB) and for fonts
        (`font_kb`, default 150 KB).
    Why it matters:
        Many citizens reach government sites on prepaid mobile data and slow networks; every megabyte costs
        them money and time, and a heavy page may never finish loading in a village with a weak signal.
    Example:
        <img src="/banner-original-6000px.png" alt="...">  <!-- 4 MB for a 1200 px banner -->
    Use instead:
        <img src="/banner-1200.webp" srcset="/banner-600.webp 600w, /banner-1200.webp 1200w" alt="...">
    References:
        - Kasauti checklist PERF-page-weight (GIGW 3.0 gives no number; risk Q9, slow connections)
        - DBIM 3.0 image size caps (logos and thumbnails under 100 KB, banners under 500 KB)
    """
    _lighthouse_only("BUD001")


@page_rule(
    code="BUD002", name="too-many-requests", impact="moderate", engine="lighthouse", gigw=("PERF-page-weight",),
    messages={"default": {
        "en": "The page makes {value} network requests, over the budget of {budget}.",
        "hi": "पृष्ठ {value} नेटवर्क अनुरोध करता है, जो {budget} की सीमा से अधिक है।",
    }},
)
def too_many_requests(doc):
    """Pages that make more network requests than the budget.

    What it checks:
        The number of requests Lighthouse records while loading the page with an empty cache, against the
        budget `requests` (default 80).
    Why it matters:
        Each request costs a round trip; on high-latency mobile networks dozens of small scripts, icons and
        trackers delay the page far more than their size suggests.
    Example:
        <script src="/js/jquery.js"></script><script src="/js/slider.js"></script> ... 40 more
    Use instead:
        <script src="/js/site.min.js" defer></script>
    References:
        - Kasauti checklist PERF-page-weight (GIGW 3.0 risk Q9)
    """
    _lighthouse_only("BUD002")


@page_rule(
    code="BUD003", name="largest-paint-over-budget", impact="moderate", engine="lighthouse",
    gigw=("PERF-slow-network",),
    messages={"default": {
        "en": "The main content appears after {value} ms (largest contentful paint), over the budget of {budget} ms.",
        "hi": "मुख्य सामग्री {value} ms बाद दिखती है (largest contentful paint), जो {budget} ms की सीमा से अधिक है।",
    }},
)
def largest_paint_over_budget(doc):
    """Pages whose main content takes longer to appear than the budget (largest contentful paint).

    What it checks:
        Lighthouse's largest contentful paint, on its simulated mobile network and CPU, against the budget
        `lcp_ms` (default 4000 ms).
    Why it matters:
        Until the main text or image appears the visitor sees a blank or half-built page; on slow
        connections many give up before the notice they came for is shown.
    Example:
        <link rel="stylesheet" href="https://fonts.example/css?family=...">  <!-- blocks rendering -->
    Use instead:
        <link rel="preload" href="/fonts/noto-sans.woff2" as="font" type="font/woff2" crossorigin>
    References:
        - Kasauti checklist PERF-slow-network (GIGW 3.0 risk Q9)
        - web.dev: Largest Contentful Paint
    """
    _lighthouse_only("BUD003")


@page_rule(
    code="BUD004", name="layout-shift-over-budget", impact="moderate", engine="lighthouse",
    gigw=("PERF-slow-network",),
    messages={"default": {
        "en": "Content moves while the page loads (cumulative layout shift {value}), over the budget of {budget}.",
        "hi": "पृष्ठ लोड होते समय सामग्री खिसकती है (cumulative layout shift {value}), जो {budget} की सीमा से "
              "अधिक है।",
    }},
)
def layout_shift_over_budget(doc):
    """Pages whose content jumps around while loading more than the budget allows (cumulative layout shift).

    What it checks:
        Lighthouse's cumulative layout shift against the budget `cls` (default 0.1).
    Why it matters:
        Text that moves as late images, fonts and banners arrive makes people lose their place, and taps
        land on the wrong link; it is worst on slow connections, where things arrive late.
    Example:
        <img src="/minister.jpg" alt="The Minister at the launch">
    Use instead:
        <img src="/minister.jpg" alt="The Minister at the launch" width="600" height="400">
    References:
        - Kasauti checklist PERF-slow-network (GIGW 3.0 risk Q9)
        - web.dev: Cumulative Layout Shift
    """
    _lighthouse_only("BUD004")


@page_rule(
    code="BUD005", name="performance-score-below-minimum", impact="moderate", engine="lighthouse",
    gigw=("PERF-slow-network", "PERF-page-weight"),
    messages={"default": {
        "en": "Lighthouse performance score {value} is below the minimum of {budget}.",
        "hi": "Lighthouse प्रदर्शन स्कोर {value} न्यूनतम {budget} से कम है।",
    }},
)
def performance_score_below_minimum(doc):
    """Pages whose Lighthouse performance score is below the configured minimum.

    What it checks:
        The Lighthouse performance category score (0-100, simulated mobile unless `form_factor` is desktop)
        against the budget `performance` (default 50).
    Why it matters:
        The score sums up how soon the page shows content and responds; a low score on the sampled templates
        means every page built from them is slow for citizens on ordinary phones.
    Example:
        <script src="/js/all-plugins.js"></script>  <!-- 900 KB, render-blocking, in <head> -->
    Use instead:
        <script src="/js/site.min.js" defer></script>
    References:
        - Kasauti checklist PERF-slow-network and PERF-page-weight
        - Lighthouse performance scoring (developer.chrome.com/docs/lighthouse/performance/performance-scoring)
    """
    _lighthouse_only("BUD005")


@page_rule(
    code="BUD006", name="accessibility-score-below-minimum", impact="serious", engine="lighthouse",
    wcag=("1.1.1", "1.3.1", "1.4.3", "4.1.2"), gigw=("GIGW-5.2.1", "GIGW-5.2.7", "GIGW-5.2.14", "GIGW-5.2.49"),
    messages={"default": {
        "en": "Lighthouse accessibility score {value} is below the minimum of {budget}.",
        "hi": "Lighthouse सुगम्यता स्कोर {value} न्यूनतम {budget} से कम है।",
    }},
)
def accessibility_score_below_minimum(doc):
    """Pages whose Lighthouse accessibility score is below the configured minimum.

    What it checks:
        The Lighthouse accessibility category score (0-100) against the budget `accessibility` (default 90).
        The score is a weighted share of passed axe-core rules, most of the weight on names and text
        alternatives, structure and contrast; hence the criteria this rule is filed under. Run the axe
        engine for the element-by-element findings behind it.
    Why it matters:
        Many portals track this one number; a template below the minimum carries its failures to every page
        built from it.
    Example:
        <button><img src="/search.svg"></button>
    Use instead:
        <button><img src="/search.svg" alt="Search"></button>
    References:
        - WCAG 2.2 SC 1.1.1, 1.3.1, 1.4.3, 4.1.2; GIGW 3.0 guidelines 5.2.1, 5.2.7, 5.2.14, 5.2.49
        - Lighthouse accessibility scoring (developer.chrome.com/docs/lighthouse/accessibility/scoring)
    """
    _lighthouse_only("BUD006")


@page_rule(
    code="BUD007", name="best-practices-score-below-minimum", impact="moderate", engine="lighthouse",
    gigw=("GIGW-5.3.1.A.a", "GIGW-5.3.1.A.j"),
    messages={"default": {
        "en": "Lighthouse best-practices score {value} is below the minimum of {budget}.",
        "hi": "Lighthouse बेस्ट-प्रैक्टिस स्कोर {value} न्यूनतम {budget} से कम है।",
    }},
)
def best_practices_score_below_minimum(doc):
    """Pages whose Lighthouse best-practices score is below the configured minimum.

    What it checks:
        The Lighthouse best-practices category score (0-100) against the budget `best-practices` (default
        80): HTTPS, no mixed content, no deprecated browser features, no errors in the console, correctly
        sized images and the like.
    Why it matters:
        These failures are the visible signs of outdated libraries and careless hosting, which GIGW's security
        guidelines ask departments to avoid.
    Example:
        <script src="http://cdn.example.com/jquery-1.8.3.min.js"></script>
    Use instead:
        <script src="/js/jquery-3.7.1.min.js"></script>
    References:
        - GIGW 3.0 guidelines 5.3.1 A(a) (current software) and A(j) (encrypted channels)
        - Lighthouse best practices audits
    """
    _lighthouse_only("BUD007")


@page_rule(
    code="BUD008", name="seo-score-below-minimum", impact="minor", engine="lighthouse",
    gigw=("GIGW-5.1.17", "DBIM-G45"),
    messages={"default": {
        "en": "Lighthouse SEO score {value} is below the minimum of {budget}.",
        "hi": "Lighthouse SEO स्कोर {value} न्यूनतम {budget} से कम है।",
    }},
)
def seo_score_below_minimum(doc):
    """Pages whose Lighthouse SEO score is below the configured minimum.

    What it checks:
        The Lighthouse SEO category score (0-100) against the budget `seo` (default 80): a title and meta
        description, crawlable links, a valid robots.txt, descriptive link text, correct hreflang.
    Why it matters:
        Citizens find schemes and forms through search engines; pages that search engines cannot read or
        describe are pages people do not find.
    Example:
        <head><title>Home</title></head>
    Use instead:
        <head><title>Jal Jeevan Mission | Ministry of Jal Shakti</title>
        <meta name="description" content="Tap water to every rural household: guidelines, progress, contacts."></head>
    References:
        - GIGW 3.0 guideline 5.1.17 (title, language and description metadata); DBIM metadata requirement
        - Lighthouse SEO audits
    """
    _lighthouse_only("BUD008")
