"""Transport and header security a visitor's browser can observe (GIGW 5.3.1, 5.3.2): HTTPS, HSTS, baseline
security headers, no mixed content, no version banners, secure cookies.

Header rules are site rules over the response headers of every crawled HTML page (kept in the page facts), and
each reports **once per site**: on the home page when the home page has the problem, otherwise on the first
page that has it, with the number of affected pages. One misconfigured server shows up as one finding, not as
one per page. They only run on live audits (a built folder has no headers).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .registry import Violation, page_rule, site_rule

HSTS_MIN_AGE = 31536000  # one year: Kasauti's default (GIGW names HSTS without a value)
_MAX_AGE = re.compile(r"max-age\s*=\s*\"?(\d+)", re.I)
_VERSION = re.compile(r"\d+\.\d+|/\s*v?\d|\s\d+(?:\s|$|\()")
_BANNER_HEADERS = ("server", "x-powered-by", "x-aspnet-version", "x-aspnetmvc-version", "x-generator",
                   "x-php-version")
_COOKIE_SPLIT = re.compile(r"\n|,\s*(?=[^;,=\s]+=)")
# Preference cookies that front-end scripts must read (language, contrast, text size, consent): HttpOnly
# would break them, GIGW's checklist allows them to be readable.
_FRONTEND_COOKIE = re.compile(r"lang|locale|contrast|font|text-?size|theme|consent|cookie_?notice|accessib", re.I)
_LOOPBACK = ("localhost", "127.0.0.1", "::1")


def _pages_where(site, problem) -> list:
    """HTML pages (status < 400) for which problem(page) is true, the home page first."""
    home = site.home
    pages = [p for p in site.pages if (p.status or 200) < 400]
    pages.sort(key=lambda p: p is not home)
    return [p for p in pages if problem(p)]


def _once(site, problem, message_id: str = "default", params=None, outcome: str = "violation"):
    """One violation for the site when any page has the problem, reported on the home page when it has it."""
    hit = _pages_where(site, problem)
    if hit:
        values = dict(params(hit[0]) if params else {})
        values["pages"] = len(hit)
        yield Violation(url=hit[0].url, message_id=message_id, params=values, outcome=outcome,
                        identity=message_id)


def _https(page) -> bool:
    return page.url.lower().startswith("https:")


@site_rule(
    code="SEC001", name="https-not-used", impact="serious", engine="http", gigw=("GIGW-5.3.2.dev.g",), live_only=True,
    messages={"default": {
        "en": "Pages are served over plain HTTP ({pages} crawled page(s), e.g. this one): serve the whole site over "
              "HTTPS and redirect every http:// address to https:// with a 301.",
        "hi": "पृष्ठ सादे HTTP पर दिए जा रहे हैं ({pages} जाँचे गए पृष्ठ, जैसे यह): पूरी साइट HTTPS पर दें और हर "
              "http:// पते को 301 के साथ https:// पर रीडायरेक्ट करें।",
    }},
)
def https_not_used(site):
    """Pages served over plain HTTP.

    What it checks:
        Every crawled page ended up (after redirects) on an `https://` address. Reported once for the site.
    Why it matters:
        Over plain HTTP anyone on the network path can read or change what citizens see and submit; GIGW
        requires HTTP to be disabled or redirected and HTTPS enforced.
    Example:
        http://jalsanrakshan.gov.in/ -> 200 OK (no redirect)
    Use instead:
        http://jalsanrakshan.gov.in/ -> 301 Location: https://jalsanrakshan.gov.in/
    References:
        - GIGW 3.0 guideline 5.3.2, developer action (g): HTTPS enforced, HSTS
    """
    yield from _once(site, lambda p: not _https(p))


@site_rule(
    code="SEC002", name="hsts-missing", impact="moderate", engine="http", gigw=("GIGW-5.3.2.dev.g",), live_only=True,
    messages={
        "default": {
            "en": "HTTPS responses carry no Strict-Transport-Security header, or one with max-age=0 ({pages} "
                  "page(s)): send \"Strict-Transport-Security: max-age=31536000; includeSubDomains\".",
            "hi": "HTTPS उत्तरों में Strict-Transport-Security हेडर नहीं है या उसका max-age शून्य है ({pages} पृष्ठ): "
                  "\"Strict-Transport-Security: max-age=31536000; includeSubDomains\" भेजें।",
        },
        "short": {
            "en": "Strict-Transport-Security has max-age={age} seconds ({pages} page(s)); at least one year "
                  "(31536000) is advised so browsers keep using HTTPS between visits.",
            "hi": "Strict-Transport-Security में max-age={age} सेकंड है ({pages} पृष्ठ); कम से कम एक वर्ष (31536000) "
                  "की सलाह दी जाती है ताकि ब्राउज़र हर बार HTTPS का ही उपयोग करें।",
        },
    },
)
def hsts_missing(site):
    """HTTPS pages without HTTP Strict Transport Security.

    What it checks:
        Every page served over HTTPS sends `Strict-Transport-Security` with a `max-age` above zero. A max-age
        under one year is reported for review. Pages on plain HTTP are SEC001's concern (browsers ignore HSTS
        there).
    Why it matters:
        Without HSTS the first request of every visit can still go out over HTTP and be intercepted; GIGW names
        HSTS explicitly.
    Example:
        HTTP/1.1 200 OK (no Strict-Transport-Security)
    Use instead:
        Strict-Transport-Security: max-age=31536000; includeSubDomains
    References:
        - GIGW 3.0 guideline 5.3.2, developer action (g)
        - RFC 6797 (HTTP Strict Transport Security)
    """
    def age(page) -> int | None:
        match = _MAX_AGE.search(page.headers.get("strict-transport-security", ""))
        return int(match.group(1)) if match else None

    missing = list(_once(site, lambda p: _https(p) and not age(p)))
    if missing:
        yield from missing
        return
    yield from _once(site, lambda p: _https(p) and (age(p) or 0) < HSTS_MIN_AGE, "short",
                     lambda p: {"age": age(p)}, outcome="needs-review")


def _csp(page) -> str:
    return page.headers.get("content-security-policy", "")


def _meta_csp(doc) -> bool | None:
    """Collector: True when the page declares a CSP in <meta http-equiv> (counts for SEC003, not for SEC005)."""
    for meta in doc.all("meta"):
        if (meta.get("http-equiv") or "").strip().lower() == "content-security-policy" and meta.get("content"):
            return True
    return None


@site_rule(
    code="SEC003", name="csp-missing", impact="minor", engine="http", gigw=("SEC-headers-baseline",), live_only=True,
    collect=_meta_csp,
    messages={"default": {
        "en": "No Content-Security-Policy ({pages} page(s)): send a policy such as \"default-src 'self'; "
              "frame-ancestors 'self'\" to limit where scripts and other content may load from.",
        "hi": "Content-Security-Policy नहीं है ({pages} पृष्ठ): \"default-src 'self'; frame-ancestors 'self'\" जैसी "
              "नीति भेजें ताकि स्क्रिप्ट और अन्य सामग्री केवल अनुमत स्रोतों से लोड हो।",
    }},
)
def csp_missing(site):
    """Pages without a Content Security Policy.

    What it checks:
        Every page sends a `Content-Security-Policy` header or declares one in
        `<meta http-equiv="Content-Security-Policy">` (report-only policies do not count).
    Why it matters:
        A CSP is the main defence against injected scripts (defacement, skimming of form data). GIGW 3.0 does
        not name it, so Kasauti reports it as an advisory baseline.
    Example:
        HTTP/1.1 200 OK (no Content-Security-Policy)
    Use instead:
        Content-Security-Policy: default-src 'self'; frame-ancestors 'self'
    References:
        - OWASP Secure Headers Project; Kasauti checklist SEC-headers-baseline (advisory)
        - GIGW 3.0 guideline 5.3.1 (secure the application)
    """
    with_meta = set(site.collected("SEC003"))
    yield from _once(site, lambda p: not _csp(p) and p.url not in with_meta)


@site_rule(
    code="SEC004", name="x-content-type-options-missing", impact="minor", engine="http",
    gigw=("SEC-headers-baseline",), live_only=True,
    messages={"default": {
        "en": "No \"X-Content-Type-Options: nosniff\" header ({pages} page(s)): send it so browsers do not guess "
              "content types (an uploaded file must not run as a script).",
        "hi": "\"X-Content-Type-Options: nosniff\" हेडर नहीं है ({pages} पृष्ठ): इसे भेजें ताकि ब्राउज़र सामग्री का "
              "प्रकार अनुमान से तय न करें (अपलोड की गई फ़ाइल स्क्रिप्ट की तरह न चले)।",
    }},
)
def x_content_type_options_missing(site):
    """Pages without X-Content-Type-Options: nosniff.

    What it checks:
        Every page sends `X-Content-Type-Options: nosniff`.
    Why it matters:
        Without it a browser may treat an uploaded document or image as HTML or script. Advisory baseline: GIGW
        3.0 does not name the header.
    Example:
        HTTP/1.1 200 OK (no X-Content-Type-Options)
    Use instead:
        X-Content-Type-Options: nosniff
    References:
        - OWASP Secure Headers Project; Kasauti checklist SEC-headers-baseline (advisory)
    """
    yield from _once(site, lambda p: p.headers.get("x-content-type-options", "").strip().lower() != "nosniff")


def _framing_allowed(page) -> bool:
    if "frame-ancestors" in _csp(page).lower():
        return False
    return page.headers.get("x-frame-options", "").strip().upper() not in ("DENY", "SAMEORIGIN")


@site_rule(
    code="SEC005", name="frame-ancestors-missing", impact="minor", engine="http", gigw=("SEC-headers-baseline",),
    live_only=True,
    messages={"default": {
        "en": "Any site may frame these pages ({pages} page(s)): send \"Content-Security-Policy: frame-ancestors "
              "'self'\" (or X-Frame-Options: SAMEORIGIN) to prevent click-jacking.",
        "hi": "कोई भी साइट इन पृष्ठों को फ़्रेम कर सकती है ({pages} पृष्ठ): क्लिक-जैकिंग रोकने के लिए "
              "\"Content-Security-Policy: frame-ancestors 'self'\" (या X-Frame-Options: SAMEORIGIN) भेजें।",
    }},
)
def frame_ancestors_missing(site):
    """Pages that any other site may embed in a frame.

    What it checks:
        Every page sends a CSP with a `frame-ancestors` directive, or `X-Frame-Options: DENY` or `SAMEORIGIN`.
        (A `<meta>` CSP cannot set frame-ancestors, so only headers count.)
    Why it matters:
        A hostile page can frame the ministry's forms under a transparent layer and trick visitors into clicks
        (click-jacking). Advisory baseline: GIGW 3.0 does not name the header.
    Example:
        HTTP/1.1 200 OK (neither frame-ancestors nor X-Frame-Options)
    Use instead:
        Content-Security-Policy: frame-ancestors 'self'
    References:
        - OWASP Clickjacking Defense; Kasauti checklist SEC-headers-baseline (advisory)
    """
    yield from _once(site, _framing_allowed)


# ---- mixed content (a page rule: it is in the HTML, so built folders are checked too) -------------------------
_SUBRESOURCES = (("img", "src"), ("img", "srcset"), ("script", "src"), ("iframe", "src"), ("frame", "src"),
                 ("source", "src"), ("source", "srcset"), ("video", "src"), ("video", "poster"), ("audio", "src"),
                 ("track", "src"), ("embed", "src"), ("object", "data"), ("form", "action"), ("input", "src"))


def _insecure(value: str | None) -> bool:
    if not value:
        return False
    for candidate in value.split(","):  # srcset lists several URLs
        url = candidate.strip().split(" ", 1)[0]
        if url[:7].lower() == "http://":
            host = (urlsplit(url).hostname or "").lower()
            if host not in _LOOPBACK:  # browsers treat loopback as potentially trustworthy
                return True
    return False


@page_rule(
    code="SEC006", name="mixed-content", impact="serious", gigw=("GIGW-5.3.1.A.j",),
    messages={"default": {
        "en": "This HTTPS page loads {what} over plain HTTP ({url}): use an https:// address (browsers block or "
              "warn about mixed content).",
        "hi": "यह HTTPS पृष्ठ {what} सादे HTTP पर लोड करता है ({url}): https:// पता उपयोग करें (ब्राउज़र मिश्रित "
              "सामग्री को रोकते हैं या चेतावनी देते हैं)।",
    }},
)
def mixed_content(doc):
    """An HTTPS page that loads scripts, styles, images or frames over plain HTTP.

    What it checks:
        On a page with an `https://` address: `src`/`srcset` of images, scripts, frames, media and embeds, the
        `href` of stylesheets and icons, `data` of objects and the `action` of forms do not start with `http://`
        (loopback addresses excepted).
    Why it matters:
        Browsers block mixed scripts, styles and frames (the page breaks) and flag mixed images; anything loaded
        over HTTP can be altered in transit. GIGW requires encrypted communication with third-party services,
        and a form that posts over HTTP sends citizens' data in clear text.
    Example:
        <script src="http://cdn.example.com/jquery.min.js"></script>
    Use instead:
        <script src="https://cdn.example.com/jquery.min.js"></script>
    References:
        - GIGW 3.0 guideline 5.3.1, application security (j): encrypted channels
        - W3C Mixed Content
    """
    if not (doc.url or "").lower().startswith("https:"):
        return
    for tag, attr in _SUBRESOURCES:
        for el in doc.all(tag):
            value = el.get(attr)
            if _insecure(value):
                yield Violation(el, params={"what": _what(tag), "url": value.strip()[:120]})
    for link in doc.all("link"):
        rel = (link.get("rel") or "").lower()
        if any(r in rel for r in ("stylesheet", "icon", "preload", "modulepreload", "manifest")) and \
                _insecure(link.get("href")):
            yield Violation(link, params={"what": _what("link"), "url": link.get("href").strip()[:120]})


def _what(tag: str) -> str:
    return {"img": "an image", "script": "a script", "iframe": "a frame", "frame": "a frame", "source": "media",
            "video": "a video", "audio": "audio", "track": "captions", "embed": "embedded content",
            "object": "embedded content", "form": "a form submission", "input": "an image button",
            "link": "a stylesheet or icon"}.get(tag, tag)


# ---- version banners and cookies ------------------------------------------------------------------------------
def _banners(page) -> list[str]:
    return [f"{name}: {page.headers[name]}" for name in _BANNER_HEADERS
            if name in page.headers and _VERSION.search(page.headers[name])]


@site_rule(
    code="SEC007", name="server-version-disclosed", impact="moderate", engine="http", gigw=("GIGW-5.3.1.A.d",),
    live_only=True,
    messages={"default": {
        "en": "Response headers reveal server software versions ({banner}; {pages} page(s)): hide them (e.g. "
              "server_tokens off in nginx, ServerTokens Prod in Apache, remove X-Powered-By).",
        "hi": "उत्तर हेडर सर्वर सॉफ़्टवेयर के संस्करण बताते हैं ({banner}; {pages} पृष्ठ): इन्हें छिपाएँ (जैसे nginx में "
              "server_tokens off, Apache में ServerTokens Prod, X-Powered-By हटाएँ)।",
    }},
)
def server_version_disclosed(site):
    """Response headers that disclose software versions.

    What it checks:
        The `Server`, `X-Powered-By`, `X-AspNet-Version`, `X-Generator` and similar headers of crawled pages do
        not carry version numbers ("Apache/2.4.41 (Ubuntu)", "PHP/7.4.3", "Microsoft-IIS/10.0"). A bare
        product name ("nginx") passes.
    Why it matters:
        Version numbers tell attackers which known vulnerabilities to try; GIGW requires response headers to be
        obscured.
    Example:
        Server: Apache/2.4.41 (Ubuntu)
        X-Powered-By: PHP/7.4.3
    Use instead:
        Server: Apache
    References:
        - GIGW 3.0 guideline 5.3.1, application security (d); 5.3.2 developer action (j)
    """
    yield from _once(site, _banners, params=lambda p: {"banner": "; ".join(_banners(p))[:200]})


def _cookies(page) -> list[str]:
    raw = page.headers.get("set-cookie", "")
    return [c.strip() for c in _COOKIE_SPLIT.split(raw) if "=" in c.split(";", 1)[0]]


def _cookie_problems(cookie: str) -> list[str]:
    name = cookie.split("=", 1)[0].strip()
    flags = {part.strip().split("=", 1)[0].lower() for part in cookie.split(";")[1:]}
    problems = []
    if "secure" not in flags:
        problems.append("Secure")
    if "httponly" not in flags and not _FRONTEND_COOKIE.search(name):
        problems.append("HttpOnly")
    return problems


@site_rule(
    code="SEC008", name="cookie-insecure", impact="moderate", engine="http", gigw=("GIGW-5.3.1.A.e",), live_only=True,
    messages={"default": {
        "en": "Cookie \"{cookie}\" is set without {flags}: add the missing flag(s) (and SameSite=Lax) so it is "
              "never sent over HTTP or read by scripts.",
        "hi": "कुकी \"{cookie}\" {flags} के बिना सेट की गई है: छूटे हुए फ़्लैग (और SameSite=Lax) जोड़ें ताकि यह कभी "
              "HTTP पर न भेजी जाए और स्क्रिप्ट इसे न पढ़ सकें।",
    }},
)
def cookie_insecure(site):
    """Cookies set over HTTPS without the Secure or HttpOnly flag.

    What it checks:
        Every `Set-Cookie` on an HTTPS page has `Secure` and `HttpOnly`. Preference cookies a front-end script
        must read (language, contrast, text size, consent) may omit HttpOnly. Each cookie name is reported once,
        on the first page that sets it.
    Why it matters:
        Without Secure a session cookie can leak over plain HTTP; without HttpOnly any injected script can steal
        it. GIGW requires both.
    Example:
        Set-Cookie: PHPSESSID=3f2a...; path=/
    Use instead:
        Set-Cookie: PHPSESSID=3f2a...; path=/; Secure; HttpOnly; SameSite=Lax
    References:
        - GIGW 3.0 guideline 5.3.1, application security (e)
    """
    seen = set()
    for page in _pages_where(site, _https):
        for cookie in _cookies(page):
            name = cookie.split("=", 1)[0].strip()
            problems = _cookie_problems(cookie)
            if problems and name not in seen:
                seen.add(name)
                yield Violation(url=page.url, identity=name,
                                params={"cookie": name, "flags": " and ".join(problems)})
