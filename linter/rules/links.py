"""Links that leave government (GIGW 5.4.4) and links that lead nowhere (GIGW 5.4.7)."""
from __future__ import annotations

from ._gigw import host_of, same_host
from ._gigw_site import Failure, site_index, url_key
from ._patterns import EXTERNAL_HINT, is_government_host, normalize
from .registry import Violation, page_rule, site_rule

_EXTERNAL_CLASS = ("external", "ext-link", "extlink", "outbound", "offsite")
_CONTEXT_LEVELS = 4  # ancestors searched for a grouping that says its links are external ("External links")


def _link_hint_text(doc, a) -> str:
    """Everything a link says about itself: accessible name (visually hidden text and icon alt included),
    title, aria-describedby targets, icon alternatives inside it."""
    parts = [doc.name(a), a.get("title") or ""]
    for ident in (a.get("aria-describedby") or "").split():
        target = doc.by_id(ident)
        if target is not None:
            parts.append(doc.text(target, include_hidden=True))
    for icon in a.iter("img", "svg"):
        parts.append(icon.get("alt") or icon.get("aria-label") or icon.get("title") or "")
    return normalize(" ".join(parts))


def _context_says_external(doc, a) -> bool:
    node = a
    for _ in range(_CONTEXT_LEVELS):
        node = node.getparent()
        if node is None or node.tag == "body":
            return False
        label = (node.get("aria-label") or "") + " " + (node.get("title") or "")
        if label.strip() and EXTERNAL_HINT.search(normalize(label)):
            return True
        prev = node.getprevious()
        if prev is not None and prev.tag in ("h2", "h3", "h4", "h5", "h6") and \
                EXTERNAL_HINT.search(normalize(doc.text(prev))):
            return True
    return False


def _page_warns_by_script(doc) -> bool:
    """An inline script that confirms before leaving (the NIC "You are being redirected to an external website"
    dialog bound to every outgoing link): the warning exists, but only a browser can prove it fires."""
    for script in doc.all("script"):
        text = (script.text or "")[:200_000]
        if "confirm(" in text and EXTERNAL_HINT.search(normalize(text)):
            return True
    return False


@page_rule(
    code="LNK004", name="external-link-not-indicated", impact="moderate",
    gigw=("GIGW-5.4.4", "NIC-external-link-icon-and-new-window"),
    messages={
        "default": {
            "en": "This link leaves for a non-government website ({host}) without saying so: add text such as "
                  "\"(external website)\" (it may be visually hidden) or an icon with that alt text.",
            "hi": "यह लिंक बिना बताए एक गैर-सरकारी वेबसाइट ({host}) पर ले जाता है: \"(बाहरी वेबसाइट)\" जैसा पाठ जोड़ें "
                  "(यह दृष्टि से छिपा हो सकता है) या इसी alt पाठ वाला आइकन लगाएँ।",
        },
        "review": {
            "en": "This link to a non-government website ({host}) may be marked only by a style or a script (class "
                  "or confirm dialog): check that the warning is shown and is also available as text.",
            "hi": "गैर-सरकारी वेबसाइट ({host}) का यह लिंक शायद केवल स्टाइल या स्क्रिप्ट (class या पुष्टि संवाद) से "
                  "चिह्नित है: जाँचें कि चेतावनी दिखती है और पाठ के रूप में भी उपलब्ध है।",
        },
    },
)
def external_link_not_indicated(doc):
    """A link to a non-government website that does not say it leaves government.

    What it checks:
        Each visible link to another host that is not a government one (gov.in, nic.in, सरकार.भारत, mygov.in,
        other countries' .gov domains, .int) says that it is external: its accessible name, title,
        aria-describedby text or the alt of an icon inside mentions "external", "opens in a new window/tab",
        "बाहरी", "नई विंडो" and the like, or the list/section around it is labelled "External links". Links
        marked only by a class such as "external", or on pages with a confirm-before-leaving script, are
        reported for review.
    Why it matters:
        GIGW asks sites to make it clear when a link leads outside government, so visitors know the content is
        not the ministry's responsibility; a warning that exists only as a CSS icon is invisible to screen
        readers.
    Example:
        <a href="https://www.example.com/water-report">UN water report</a>
    Use instead:
        <a href="https://www.example.com/water-report" target="_blank" rel="noopener">UN water report
          <span class="visually-hidden">(external website, opens in a new tab)</span></a>
    References:
        - GIGW 3.0 guideline 5.4.4 (indicate links to non-government sites)
        - WCAG 2.2 technique G201 (warn when a link opens a new window)
    """
    script_warns = None
    for a in doc.all("a") + doc.all("area"):
        href = (a.get("href") or "").strip()
        if not href.lower().startswith(("http:", "https:", "//")):
            continue  # relative links stay on the site
        url = doc.resolve(href)
        host = host_of(url or "")
        if not host or same_host(url, doc.url) or is_government_host(host) or doc.is_hidden(a):
            continue
        if EXTERNAL_HINT.search(_link_hint_text(doc, a)) or _context_says_external(doc, a):
            continue
        if "confirm(" in (a.get("onclick") or ""):
            continue
        marked = any(word in f"{a.get('class') or ''} {a.get('rel') or ''}".lower() for word in _EXTERNAL_CLASS)
        if script_warns is None and not marked:
            script_warns = _page_warns_by_script(doc)
        if marked or script_warns:
            yield Violation(a, "review", {"host": host}, outcome="needs-review")
        else:
            yield Violation(a, params={"host": host})


# ---- broken links -----------------------------------------------------------------------------------------
_TRANSIENT_STATUS = {401, 403, 405, 408, 425, 429, 500, 502, 503, 504}  # bot blocking, rate limits, outages
_NETWORK_ERRORS = {"dns", "connect", "tls", "timeout"}


def _why(failure: Failure) -> str:
    if failure.status:
        return f"HTTP {failure.status}"
    return failure.error or "no response"


def _outcome(failure: Failure, internal: bool) -> str:
    """Violation when the link is surely broken. Left for review: answers from other sites that often mean
    "not for robots" or "try later" (401/403/429/5xx), timeouts, and rate limits on the site itself."""
    if failure.status is not None:
        if internal:
            return "needs-review" if failure.status in (429, 503) else "violation"
        return "needs-review" if failure.status in _TRANSIENT_STATUS else "violation"
    return "needs-review" if failure.error == "timeout" else "violation"


def _unverifiable(failure: Failure, site, index) -> bool:
    """A network error on another site when no other site answered at all: the audit ran without internet
    access, so nothing is known about the link."""
    return failure.error in _NETWORK_ERRORS and not index.external_reachable and not site.same_site(failure.url)


@site_rule(
    code="LNK005", name="broken-link", impact="serious", gigw=("GIGW-5.4.7",),
    messages={
        "default": {
            "en": "This link is broken: {target} answered {why}. Fix or remove the link (and redirect moved pages).",
            "hi": "यह लिंक टूटा हुआ है: {target} से उत्तर मिला {why}। लिंक ठीक करें या हटाएँ (और स्थानांतरित पृष्ठों "
                  "को रीडायरेक्ट करें)।",
        },
        "offline": {
            "en": "{count} link(s) to other websites could not be checked: no other website answered during the "
                  "audit (no internet access?). Run the audit again with network access to verify them.",
            "hi": "अन्य वेबसाइटों के {count} लिंक जाँचे नहीं जा सके: ऑडिट के दौरान किसी अन्य वेबसाइट ने उत्तर नहीं दिया "
                  "(इंटरनेट उपलब्ध नहीं?)। इन्हें जाँचने के लिए नेटवर्क के साथ ऑडिट फिर से चलाएँ।",
        },
    },
)
def broken_link(site):
    """A link to a page or file that does not load.

    What it checks:
        Every link on every crawled page whose target was fetched (as a page, document or link check) and
        answered with an HTTP error (4xx/5xx) or not at all (DNS, TLS, timeout); for a built folder, links to
        files the folder does not have. It is reported on the page that holds the link, with the link's
        selector. Failures of other sites that often mean "robots not welcome" or "try later" (401/403/429/5xx,
        timeouts) are left for review; when no other site answered at all (no internet access), one review
        note counts the external links that could not be checked.
    Why it matters:
        Broken links and "page not found" errors are among the most common findings of GIGW audits; they stop
        citizens from reaching forms, notices and documents.
    Example:
        <a href="/schemes/jal-sanchay-2019/">Jal Sanchay 2019 guidelines</a>   (answers 404)
    Use instead:
        <a href="/schemes/jal-sanchay/">Jal Sanchay guidelines</a>   (and a redirect from the old address)
    References:
        - GIGW 3.0 guideline 5.4.7 (no broken links)
    """
    index = site_index(site)
    matched, unverified = set(), set()
    for page in site.pages:
        reported = set()
        own = url_key(page.url)
        for link in page.links:
            if link.selector in reported or not link.url.lower().startswith(("http:", "https:")):
                continue
            if url_key(link.url) == own:
                continue  # a link within the page (skip link, "#top"), even on an error page served with 404
            failure = index.failure(link.url)
            if failure is None:
                continue
            matched.add(url_key(failure.url))
            if _unverifiable(failure, site, index):
                unverified.add(url_key(failure.url))
                continue
            reported.add(link.selector)
            yield _broken(page.url, link.selector, link.url, failure, site)
    # Failures whose link could not be matched (a URL written differently from the crawler's normalised
    # form, or a link in markup the page facts do not list): reported on the referring page without a selector.
    for key, failure in index.failures.items():
        if key in matched or not failure.referrer or failure.kind not in ("link-check", "document", "page"):
            continue
        if _unverifiable(failure, site, index):
            unverified.add(key)
            continue
        yield _broken(failure.referrer, "", failure.url, failure, site)
    if unverified:
        yield Violation(url=site.start_url, message_id="offline", params={"count": len(unverified)},
                        outcome="needs-review", identity="offline")


def _broken(page_url: str, selector: str, target: str, failure: Failure, site) -> Violation:
    return Violation(url=page_url, selector=selector, identity=url_key(target),
                     params={"target": target, "why": _why(failure)},
                     outcome=_outcome(failure, site.same_site(target)))
