"""Website policies GIGW 3.0 asks for (5.4.3, 5.3.3) and the statements NIC templates add.

Every rule here is a site rule: a policy exists when some page links to it by name (English or Hindi) or by
URL, or a crawled page is titled so; see `_gigw_site` for the exact test. GIGW requires the citizen-facing
policies (privacy, copyright, hyperlinking, terms) to be *published*; the others (CMAP, archival, review,
contingency, security, monitoring) must be *defined and approved* in the Website Quality Manual, which a
crawler cannot see, so their absence from the site is reported as needs-review.
"""
from __future__ import annotations

from ._gigw_site import missing_messages, missing_page, page_kinds
from .registry import site_rule


@site_rule(
    code="POL001", name="privacy-policy-missing", impact="moderate", gigw=("GIGW-5.4.3.f", "GIGW-5.3.3"),
    collect=page_kinds,
    messages=missing_messages(
        "Privacy Policy", "गोपनीयता नीति",
        "Publish a Privacy Policy saying what personal data the site collects (forms, logs, cookies, analytics) and "
        "link it from every page.",
        "गोपनीयता नीति प्रकाशित करें जिसमें बताया गया हो कि साइट कौन-सा व्यक्तिगत डेटा एकत्र करती है (फ़ॉर्म, लॉग, "
        "कुकी, एनालिटिक्स), और हर पृष्ठ से उसका लिंक दें।"),
)
def privacy_policy_missing(site):
    """The site publishes no Privacy Policy.

    What it checks:
        Some crawled page links to a page named "Privacy Policy"/"गोपनीयता नीति" (or whose URL ends in `/privacy-
        policy/`), or a crawled page is titled so (title, h1, or an h2/h3 of a combined policies page).
    Why it matters:
        GIGW requires the citizen-facing policies to be published; the Privacy Policy tells visitors what personal
        data the site collects and how it is used.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <footer><a href="/website-policies/privacy-policy/">Privacy Policy</a></footer>
    References:
        - GIGW 3.0 guideline 5.4.3 (website policies: privacy)
        - GIGW 3.0 guideline 5.3.3 (security and privacy policies)
    """
    yield from missing_page(site, "privacy", outcome="violation")


@site_rule(
    code="POL002", name="copyright-policy-missing", impact="moderate", gigw=("GIGW-5.4.3.a",), collect=page_kinds,
    messages=missing_messages(
        "Copyright Policy", "कॉपीराइट नीति",
        "Publish a Copyright Policy (may the material be reproduced, with what acknowledgement, except third-party "
        "content) and link it from the footer.",
        "कॉपीराइट नीति प्रकाशित करें (सामग्री का पुनरुत्पादन किन शर्तों पर और किस आभार के साथ किया जा सकता है, "
        "तृतीय पक्ष की सामग्री को छोड़कर) और पाद भाग से उसका लिंक दें।"),
)
def copyright_policy_missing(site):
    """The site publishes no Copyright Policy.

    What it checks:
        Some crawled page links to a page named "Copyright Policy"/"कॉपीराइट नीति" (or whose URL ends in
        `/copyright-policy/`), or a crawled page is titled so (title, h1, or an h2/h3 of a combined policies page).
    Why it matters:
        GIGW requires a Copyright Policy so that people know whether and how they may reproduce the site's material.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <footer><a href="/website-policies/copyright-policy/">Copyright Policy</a></footer>
    References:
        - GIGW 3.0 guideline 5.4.3 (website policies: copyright)
    """
    yield from missing_page(site, "copyright", outcome="violation")


@site_rule(
    code="POL003", name="hyperlinking-policy-missing", impact="moderate", gigw=("GIGW-5.4.3.e",), collect=page_kinds,
    messages=missing_messages(
        "Hyperlinking Policy", "हाइपरलिंकिंग नीति",
        "Publish a Hyperlinking Policy (links to and from other sites, how external links are marked) and link it "
        "from the footer.",
        "हाइपरलिंकिंग नीति प्रकाशित करें (अन्य साइटों से और अन्य साइटों के लिंक, बाहरी लिंक कैसे चिह्नित होते हैं) "
        "और पाद भाग से उसका लिंक दें।"),
)
def hyperlinking_policy_missing(site):
    """The site publishes no Hyperlinking Policy.

    What it checks:
        Some crawled page links to a page named "Hyperlinking Policy"/"हाइपरलिंकिंग नीति" (or whose URL ends in
        `/hyperlinking-policy/`), or a crawled page is titled so (title, h1, or an h2/h3 of a combined policies
        page).
    Why it matters:
        GIGW requires a Hyperlinking Policy that governs links to and from other websites; the checks for external
        links (GIGW 5.4.4) follow from it.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <footer><a href="/website-policies/hyperlinking-policy/">Hyperlinking Policy</a></footer>
    References:
        - GIGW 3.0 guideline 5.4.3 (website policies: hyperlinking) and 5.4.4
    """
    yield from missing_page(site, "hyperlinking", outcome="violation")


@site_rule(
    code="POL004", name="terms-and-conditions-missing", impact="moderate",
    gigw=("GIGW-5.4.3.g", "GIGW-5.1.18.home.j"),
    collect=page_kinds,
    messages=missing_messages(
        "Terms and Conditions", "नियम एवं शर्तें",
        "Publish Terms and Conditions of use and link them from the home page and the footer.",
        "उपयोग के नियम एवं शर्तें प्रकाशित करें और मुखपृष्ठ तथा पाद भाग से उनका लिंक दें।"),
)
def terms_and_conditions_missing(site):
    """The site publishes no Terms and Conditions.

    What it checks:
        Some crawled page links to a page named "Terms and Conditions"/"Terms of Use"/"नियम एवं शर्तें" (or whose
        URL ends in `/terms-and-conditions/`), or a crawled page is titled so (title, h1, or an h2/h3 of a combined
        policies page).
    Why it matters:
        GIGW lists Terms and Conditions among the minimum content of the home page; it is the instrument GIGW
        prefers to a blanket disclaimer.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <footer><a href="/website-policies/terms-and-conditions/">Terms and Conditions</a></footer>
    References:
        - GIGW 3.0 guideline 5.4.3 (website policies: terms and conditions) and 5.1.18 (home page)
    """
    yield from missing_page(site, "terms", outcome="violation")


@site_rule(
    code="POL005", name="disclaimer-missing", impact="minor", gigw=("NIC-no-blanket-disclaimer",), collect=page_kinds,
    messages=missing_messages(
        "Disclaimer", "अस्वीकरण",
        "Audit labs and NIC templates expect one; keep it to the accuracy of your own content (GIGW advises against "
        "disclaiming other government sites).",
        "लेखा-परीक्षक और NIC टेम्पलेट इसकी अपेक्षा करते हैं; इसे अपनी सामग्री की सटीकता तक सीमित रखें (GIGW अन्य "
        "सरकारी साइटों की सामग्री से पल्ला झाड़ने के विरुद्ध सलाह देता है)।"),
)
def disclaimer_missing(site):
    """The site has no Disclaimer page (a convention, not a GIGW requirement).

    What it checks:
        Some crawled page links to a page named "Disclaimer"/"अस्वीकरण" (or whose URL ends in `/disclaimer/`), or a
        crawled page is titled so (title, h1, or an h2/h3 of a combined policies page).
    Why it matters:
        GIGW 3.0 does not require a Disclaimer and warns against disowning other government sites; NIC templates and
        audit labs still expect a short one about the site's own content. Reported as minor.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <footer><a href="/website-policies/disclaimer/">Disclaimer</a></footer>
    References:
        - NIC/S3WaaS website policies convention; GIGW 3.0 risk Q5 (no blanket disclaimers)
    """
    yield from missing_page(site, "disclaimer", outcome="violation")


@site_rule(
    code="POL006", name="content-archival-policy-missing", impact="minor", gigw=("GIGW-5.4.3.c",), collect=page_kinds,
    messages=missing_messages(
        "Content Archival Policy", "सामग्री संग्रह नीति",
        "GIGW requires the policy to be defined and approved; check it is in the Website Quality Manual and, as NIC "
        "sites do, publish it.",
        "GIGW के अनुसार यह नीति परिभाषित और अनुमोदित होनी चाहिए; जाँचें कि यह वेबसाइट गुणवत्ता नियमावली में है और, "
        "NIC साइटों की तरह, इसे प्रकाशित करें।"),
)
def content_archival_policy_missing(site):
    """The site publishes no Content Archival Policy (review: it must at least exist in the Website Quality Manual).

    What it checks:
        Some crawled page links to a page named "Content Archival Policy"/"सामग्री संग्रह नीति" (or whose URL ends
        in `/content-archival-policy/`), or a crawled page is titled so (title, h1, or an h2/h3 of a combined
        policies page).
    Why it matters:
        GIGW requires a Content Archival Policy (what is archived when, and for how long) to be defined and
        approved. Publishing it is NIC practice, not a GIGW requirement, so its absence from the site is reported
        for review rather than as a violation.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <footer><a href="/website-policies/content-archival-policy/">Content Archival Policy</a></footer>
    References:
        - GIGW 3.0 guideline 5.4.3 (website policies: content archival)
    """
    yield from missing_page(site, "cap", outcome="needs-review")


@site_rule(
    code="POL007", name="accessibility-statement-missing", impact="moderate", gigw=("NIC-accessibility-statement",),
    collect=page_kinds,
    messages=missing_messages(
        "Accessibility Statement", "सुगम्यता विवरण",
        "Publish an Accessibility Statement: the standard you meet (GIGW 3.0, WCAG 2.1/2.2 AA), accessibility "
        "features, known limitations and whom to contact.",
        "सुगम्यता विवरण प्रकाशित करें: आप किस मानक का पालन करते हैं (GIGW 3.0, WCAG 2.1/2.2 AA), सुगम्यता सुविधाएँ,"
        " ज्ञात सीमाएँ और किससे संपर्क करें।"),
)
def accessibility_statement_missing(site):
    """The site publishes no Accessibility Statement.

    What it checks:
        Some crawled page links to a page named "Accessibility Statement"/"सुगम्यता विवरण" (or whose URL ends in
        `/accessibility-statement/`), or a crawled page is titled so (title, h1, or an h2/h3 of a combined policies
        page).
    Why it matters:
        Not in the GIGW 3.0 text, but NIC templates and audit labs expect it: it tells disabled visitors what to
        expect from the site and whom to tell when something does not work.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <footer><a href="/accessibility-statement/">Accessibility Statement</a></footer>
    References:
        - NIC/S3WaaS convention: Accessibility Statement (checklist id NIC-accessibility-statement)
    """
    yield from missing_page(site, "accessibility_statement", outcome="violation")


@site_rule(
    code="POL008", name="cmap-policy-missing", impact="minor", gigw=("GIGW-5.4.3.b",), collect=page_kinds,
    messages=missing_messages(
        "Content Contribution, Moderation and Approval (CMAP) policy", "सामग्री योगदान, संचालन और अनुमोदन (CMAP) नीति",
        "GIGW requires the policy to be defined and approved; check it is in the Website Quality Manual and, as NIC "
        "sites do, publish it.",
        "GIGW के अनुसार यह नीति परिभाषित और अनुमोदित होनी चाहिए; जाँचें कि यह वेबसाइट गुणवत्ता नियमावली में है और, "
        "NIC साइटों की तरह, इसे प्रकाशित करें।"),
)
def cmap_policy_missing(site):
    """The site publishes no CMAP policy (review: it must at least exist in the Website Quality Manual).

    What it checks:
        Some crawled page links to a page named "Content Contribution, Moderation and Approval"/"CMAP" (or whose URL
        ends in `/cmap/`), or a crawled page is titled so (title, h1, or an h2/h3 of a combined policies page).
    Why it matters:
        GIGW requires a policy for who contributes, moderates and approves content. Publishing it is NIC practice,
        not a GIGW requirement, so its absence from the site is reported for review.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <footer><a href="/website-policies/cmap/">Content Contribution, Moderation and Approval Policy</a></footer>
    References:
        - GIGW 3.0 guideline 5.4.3 (website policies: CMAP)
    """
    yield from missing_page(site, "cmap", outcome="needs-review")


@site_rule(
    code="POL009", name="content-review-policy-missing", impact="minor", gigw=("GIGW-5.4.3.d",), collect=page_kinds,
    messages=missing_messages(
        "Content Review Policy", "सामग्री समीक्षा नीति",
        "GIGW requires the policy to be defined and approved; check it is in the Website Quality Manual and, as NIC "
        "sites do, publish it.",
        "GIGW के अनुसार यह नीति परिभाषित और अनुमोदित होनी चाहिए; जाँचें कि यह वेबसाइट गुणवत्ता नियमावली में है और, "
        "NIC साइटों की तरह, इसे प्रकाशित करें।"),
)
def content_review_policy_missing(site):
    """The site publishes no Content Review Policy (review: it must at least exist in the Website Quality Manual).

    What it checks:
        Some crawled page links to a page named "Content Review Policy"/"सामग्री समीक्षा नीति" (or whose URL ends in
        `/content-review-policy/`), or a crawled page is titled so (title, h1, or an h2/h3 of a combined policies
        page).
    Why it matters:
        GIGW requires a Content Review Policy (how often each kind of content is reviewed). Publishing it is NIC
        practice, not a GIGW requirement, so its absence from the site is reported for review.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <footer><a href="/website-policies/content-review-policy/">Content Review Policy</a></footer>
    References:
        - GIGW 3.0 guideline 5.4.3 (website policies: content review)
    """
    yield from missing_page(site, "crp", outcome="needs-review")


@site_rule(
    code="POL010", name="contingency-plan-missing", impact="minor", gigw=("GIGW-5.4.3.i", "GIGW-5.3.3"),
    collect=page_kinds,
    messages=missing_messages(
        "Contingency Management Plan", "आकस्मिकता प्रबंधन योजना",
        "GIGW requires the plan to be defined and approved; check it is in the Website Quality Manual and, as NIC "
        "sites do, publish it.",
        "GIGW के अनुसार यह योजना परिभाषित और अनुमोदित होनी चाहिए; जाँचें कि यह वेबसाइट गुणवत्ता नियमावली में है और,"
        " NIC साइटों की तरह, इसे प्रकाशित करें।"),
)
def contingency_plan_missing(site):
    """The site publishes no Contingency Management Plan (review: it must exist in the Website Quality Manual).

    What it checks:
        Some crawled page links to a page named "Contingency Management Plan"/"आकस्मिकता प्रबंधन योजना" (or whose
        URL ends in `/contingency-management-plan/`), or a crawled page is titled so (title, h1, or an h2/h3 of a
        combined policies page).
    Why it matters:
        GIGW requires a plan for keeping the site available through defacement, data loss and disasters. Publishing
        it is NIC practice, not a GIGW requirement, so its absence is reported for review.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <footer><a href="/website-policies/contingency-management-plan/">Contingency Management Plan</a></footer>
    References:
        - GIGW 3.0 guideline 5.4.3 (contingency management plan) and 5.3.3
    """
    yield from missing_page(site, "contingency", outcome="needs-review")


@site_rule(
    code="POL011", name="security-policy-missing", impact="minor", gigw=("GIGW-5.4.3.j", "GIGW-5.3.3"),
    collect=page_kinds,
    messages=missing_messages(
        "Security Policy", "सुरक्षा नीति",
        "GIGW requires the policy to be defined and approved; check it is in the Website Quality Manual and, as NIC "
        "sites do, publish it.",
        "GIGW के अनुसार यह नीति परिभाषित और अनुमोदित होनी चाहिए; जाँचें कि यह वेबसाइट गुणवत्ता नियमावली में है और, "
        "NIC साइटों की तरह, इसे प्रकाशित करें।"),
)
def security_policy_missing(site):
    """The site publishes no Security Policy (review: it must at least exist in the Website Quality Manual).

    What it checks:
        Some crawled page links to a page named "Security Policy"/"सुरक्षा नीति" (or whose URL ends in `/security-
        policy/`), or a crawled page is titled so (title, h1, or an h2/h3 of a combined policies page).
    Why it matters:
        GIGW requires a Security Policy to be defined and approved. Publishing it is NIC practice, not a GIGW
        requirement, so its absence from the site is reported for review.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <footer><a href="/website-policies/security-policy/">Security Policy</a></footer>
    References:
        - GIGW 3.0 guideline 5.4.3 (security policy) and 5.3.3
    """
    yield from missing_page(site, "security_policy", outcome="needs-review")


@site_rule(
    code="POL012", name="monitoring-plan-missing", impact="minor", gigw=("GIGW-5.4.3.h",), collect=page_kinds,
    messages=missing_messages(
        "Website Monitoring Plan", "वेबसाइट निगरानी योजना",
        "GIGW requires the plan to be defined and approved; check it is in the Website Quality Manual and, as NIC "
        "sites do, publish it.",
        "GIGW के अनुसार यह योजना परिभाषित और अनुमोदित होनी चाहिए; जाँचें कि यह वेबसाइट गुणवत्ता नियमावली में है और,"
        " NIC साइटों की तरह, इसे प्रकाशित करें।"),
)
def monitoring_plan_missing(site):
    """The site publishes no Website Monitoring Plan (review: it must at least exist in the Website Quality Manual).

    What it checks:
        Some crawled page links to a page named "Website Monitoring Plan"/"वेबसाइट निगरानी योजना" (or whose URL ends
        in `/website-monitoring-plan/`), or a crawled page is titled so (title, h1, or an h2/h3 of a combined
        policies page).
    Why it matters:
        GIGW requires a plan for monitoring the site's performance, security, broken links and feedback. Publishing
        it is NIC practice, not a GIGW requirement, so its absence is reported for review.
    Example:
        <footer><a href="/contact/">Contact Us</a></footer>
    Use instead:
        <footer><a href="/website-policies/website-monitoring-plan/">Website Monitoring Plan</a></footer>
    References:
        - GIGW 3.0 guideline 5.4.3 (website monitoring plan)
    """
    yield from missing_page(site, "monitoring_plan", outcome="needs-review")
