"""Two hand-written ministry test sites: a GOOD one (GIGW-complete, WCAG-clean, bilingual) and a BAD one —
the good site with seeded defects, each listed with the rule that must find it.

Written by hand in the style of NIC-built portals (not Material), so the linter is tested on markup it did not
generate itself. `write_site(folder, defects=...)` renders either.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

MINISTRY = {"en": "Ministry of Water Conservation", "hi": "जल संरक्षण मंत्रालय"}
GOVT = {"en": "Government of India", "hi": "भारत सरकार"}
SITE_URL = "https://jalsanrakshan.gov.in/"

# path (without language prefix) -> (English title, Hindi title)
PAGES = {
    "": ("Home", "मुखपृष्ठ"),
    "about/": ("About the Ministry", "मंत्रालय के बारे में"),
    "schemes/": ("Schemes", "योजनाएं"),
    "tenders/": ("Tenders", "निविदाएं"),
    "contact/": ("Contact Us", "संपर्क करें"),
    "feedback/": ("Feedback", "प्रतिक्रिया"),
    "help/": ("Help", "सहायता"),
    "sitemap/": ("Sitemap", "साइट मैप"),
    "screen-reader-access/": ("Screen Reader Access", "स्क्रीन रीडर एक्सेस"),
    "accessibility-statement/": ("Accessibility Statement", "सुगम्यता विवरण"),
    "website-policies/": ("Website Policies", "वेबसाइट नीतियां"),
    "website-policies/copyright-policy/": ("Copyright Policy", "कॉपीराइट नीति"),
    "website-policies/hyperlinking-policy/": ("Hyperlinking Policy", "हाइपरलिंकिंग नीति"),
    "website-policies/privacy-policy/": ("Privacy Policy", "गोपनीयता नीति"),
    "website-policies/terms-and-conditions/": ("Terms and Conditions", "नियम एवं शर्तें"),
    "website-policies/disclaimer/": ("Disclaimer", "अस्वीकरण"),
    "website-policies/content-archival-policy/": ("Content Archival Policy", "सामग्री संग्रह नीति"),
    "website-policies/content-contribution-moderation-approval-policy/": (
        "Content Contribution, Moderation and Approval Policy", "सामग्री योगदान, संचालन और अनुमोदन नीति"),
    "website-policies/content-review-policy/": ("Content Review Policy", "सामग्री समीक्षा नीति"),
    "website-policies/contingency-management-plan/": ("Contingency Management Plan", "आकस्मिकता प्रबंधन योजना"),
    "website-policies/security-policy/": ("Security Policy", "सुरक्षा नीति"),
    "website-policies/website-monitoring-plan/": ("Website Monitoring Plan", "वेबसाइट निगरानी योजना"),
}
UI = {
    "en": {"skip": "Skip to main content", "sr": "Screen Reader Access", "search": "Search", "switch": "हिन्दी",
           "updated": "Last updated", "owner": "Content owned by the {m}, {g}. Web Information Manager: Smt. Anjali Rao, Joint Secretary (webmaster-jsm@example.gov.in).",
           "portal": "National Portal of India", "ext": "(external website, opens in a new tab)",
           "main_nav": "Main menu", "footer_nav": "Website policies and help", "emblem": "State Emblem of India"},
    "hi": {"skip": "मुख्य सामग्री पर जाएं", "sr": "स्क्रीन रीडर एक्सेस", "search": "खोजें", "switch": "English",
           "updated": "अंतिम अद्यतन", "owner": "सामग्री का स्वामित्व {m}, {g} के पास है। वेब सूचना प्रबंधक: श्रीमती अंजलि राव, संयुक्त सचिव (webmaster-jsm@example.gov.in)।",
           "portal": "भारत का राष्ट्रीय पोर्टल", "ext": "(बाहरी वेबसाइट, नए टैब में खुलती है)",
           "main_nav": "मुख्य मेनू", "footer_nav": "वेबसाइट नीतियां और सहायता", "emblem": "भारत का राजचिह्न"},
}
BODY = {
    "en": ("The {m} plans and coordinates the conservation of surface water and groundwater across the country, "
           "working with State Governments, Panchayati Raj Institutions and citizens."),
    "hi": "{m} राज्य सरकारों, पंचायती राज संस्थाओं और नागरिकों के साथ मिलकर देश भर में सतही जल और भूजल के संरक्षण की योजना बनाता है।",
}


@dataclass(frozen=True)
class Defect:
    """A seeded defect: `find` is replaced by `replace` on page `path` (language-prefixed, e.g. "about/" or
    "hi/about/"), or a page is dropped when `drop` is set; `rule` must then be reported on `expect_path`."""

    rule: str
    path: str
    find: str = ""
    replace: str = ""
    drop: bool = False
    everywhere: bool = False  # apply find/replace on every page that has `find` (path ignored)
    expect_path: str | None = None  # where the finding is reported ("" = the site's start URL)


def _layout(lang: str, path: str, title: str, content: str) -> str:
    ui = UI[lang]
    m, g = MINISTRY[lang], GOVT[lang]
    prefix = "" if lang == "en" else "hi/"
    other = "hi" if lang == "en" else "en"
    other_prefix = "" if other == "en" else "hi/"
    root = "/" + prefix
    full_title = f"{m}, {g}" if path == "" else f"{title} | {m}, {g}"
    nav = "".join(
        f'<li><a href="/{prefix}{p}">{html.escape(PAGES[p][0 if lang == "en" else 1])}</a></li>'
        for p in ("", "about/", "schemes/", "tenders/", "contact/"))
    footer_links = "".join(
        f'<li><a href="/{prefix}{p}">{html.escape(PAGES[p][0 if lang == "en" else 1])}</a></li>'
        for p in PAGES if p.startswith("website-policies/") or p in (
            "feedback/", "help/", "sitemap/", "accessibility-statement/", "contact/"))
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(full_title)}</title>
<meta name="description" content="{html.escape(BODY[lang].format(m=m))}">
<link rel="alternate" hreflang="{other}" href="{SITE_URL}{other_prefix}{path}">
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<a class="skip-link" href="#main-content">{ui['skip']}</a>
<header class="site-header">
  <div class="utility-bar">
    <a href="/{prefix}screen-reader-access/">{ui['sr']}</a>
    <a href="/{other_prefix}{path}" hreflang="{other}" lang="{other}">{ui['switch']}</a>
  </div>
  <a class="brand" href="{root}">
    <img src="/assets/emblem.svg" alt="{ui['emblem']}" width="40" height="64">
    <span class="ministry">{m}</span> <span class="government">{g}</span>
  </a>
  <form role="search" action="/{prefix}sitemap/">
    <label for="site-search">{ui['search']}</label>
    <input id="site-search" name="q" type="search">
    <button type="submit">{ui['search']}</button>
  </form>
  <nav aria-label="{ui['main_nav']}"><ul>{nav}</ul></nav>
</header>
<main id="main-content">
<h1>{html.escape(title)}</h1>
{content}
</main>
<footer class="site-footer">
  <nav aria-label="{ui['footer_nav']}"><ul>{footer_links}</ul></nav>
  <p>{ui['owner'].format(m=m, g=g)}</p>
  <p><a href="https://www.india.gov.in/" target="_blank" rel="noopener">{ui['portal']} <span class="visually-hidden">{ui['ext']}</span></a></p>
  <p>{ui['updated']}: <time datetime="2026-11-20">20-11-2026</time></p>
</footer>
</body>
</html>
"""


def _content(lang: str, path: str) -> str:
    m = MINISTRY[lang]
    prefix = "" if lang == "en" else "hi/"
    para = f"<p>{BODY[lang].format(m=m)}</p>"
    if path == "" and lang == "en":
        return para + (
            '<h2>Latest documents</h2><ul>'
            f'<li><a href="/documents/annual-report-2025-26.pdf">Annual Report 2025-26 (PDF, 1.4 KB)</a></li>'
            '</ul><h2>In Hindi</h2><p>Our motto is <span lang="hi">जल है तो कल है</span>.</p>'
            '<figure><img src="/assets/check-dam.svg" alt="A check dam holding monsoon water in a dry stream bed">'
            '<figcaption>Check dam built under the Jal Sanchay scheme.</figcaption></figure>')
    if path == "tenders/":
        head = ("Tender", "Closing date", "Document") if lang == "en" else ("निविदा", "अंतिम तिथि", "दस्तावेज़")
        return para + (f'<table><caption>{"Open tenders" if lang == "en" else "खुली निविदाएं"}</caption><thead><tr>'
                       + "".join(f'<th scope="col">{h}</th>' for h in head) +
                       '</tr></thead><tbody><tr><td>Desilting of village ponds, Latur</td><td>15-12-2026</td>'
                       '<td><a href="/documents/tender-notice-17.pdf">Tender notice 17 (PDF, 0.6 KB)</a></td></tr>'
                       '</tbody></table>')
    if path == "contact/":
        return para + ('<address>Jal Bhawan, Sector 7, New Delhi 110001. Phone: <a href="tel:+911123456789">'
                       '011-2345-6789</a></address>')
    if path == "feedback/":
        label = ("Your name", "Email", "Your feedback", "Send feedback") if lang == "en" else (
            "आपका नाम", "ईमेल", "आपकी प्रतिक्रिया", "प्रतिक्रिया भेजें")
        return para + (f'<form action="mailto:feedback@example.gov.in" method="post">'
                       f'<label for="fb-name">{label[0]}</label><input id="fb-name" name="name" autocomplete="name">'
                       f'<label for="fb-email">{label[1]}</label><input id="fb-email" name="email" type="email" autocomplete="email">'
                       f'<label for="fb-text">{label[2]}</label><textarea id="fb-text" name="feedback"></textarea>'
                       f'<button type="submit">{label[3]}</button></form>')
    if path == "sitemap/":
        items = "".join(f'<li><a href="/{prefix}{p}">{html.escape(PAGES[p][0 if lang == "en" else 1])}</a></li>'
                        for p in PAGES)
        return para + f"<ul>{items}</ul>"
    if path == "screen-reader-access/":
        return para + ('<table><caption>Screen readers</caption><thead><tr><th scope="col">Screen reader</th>'
                       '<th scope="col">Website</th><th scope="col">Free or commercial</th></tr></thead><tbody>'
                       '<tr><td>NVDA</td><td>www.nvaccess.org</td><td>Free</td></tr>'
                       '<tr><td>JAWS</td><td>www.freedomscientific.com</td><td>Commercial</td></tr></tbody></table>')
    return para


def pages(lang: str) -> dict[str, str]:
    prefix = "" if lang == "en" else "hi/"
    return {prefix + p: _layout(lang, p, t[0 if lang == "en" else 1], _content(lang, p)) for p, t in PAGES.items()}


def _sitemap_xml(paths: list[str]) -> str:
    urls = "".join(f"<url><loc>{SITE_URL}{p}</loc></url>" for p in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def _pdf(text: str) -> bytes:
    """A tiny valid one-page PDF with real text (so size checks compare against a real file)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R /Lang (en-IN) >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


EMBLEM_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 64"><rect width="40" height="64" fill="#fff"/>'
              '<circle cx="20" cy="22" r="12" fill="#5b3a00"/><rect x="6" y="40" width="28" height="6" fill="#5b3a00"/></svg>')
CSS = (".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
       "body{font-family:sans-serif;color:#1b1b1b;background:#fff}a{color:#0b4f8a}")


def write_site(folder: Path, defects: tuple[Defect, ...] = ()) -> Path:
    """Render the good site, with `defects` applied, as a built static folder."""
    all_pages = {**pages("en"), **pages("hi")}
    for defect in defects:
        if defect.drop:
            all_pages.pop(defect.path, None)
            continue
        if defect.everywhere:
            for key, text in all_pages.items():
                all_pages[key] = text.replace(defect.find, defect.replace)
            continue
        before = all_pages[defect.path]
        if defect.find not in before:
            raise ValueError(f"seeded defect for {defect.rule}: {defect.find!r} not on {defect.path!r}")
        all_pages[defect.path] = before.replace(defect.find, defect.replace, 1)
    for path, text in all_pages.items():
        target = folder / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    (folder / "assets" / "emblem.svg").write_text(EMBLEM_SVG, encoding="utf-8")
    (folder / "assets" / "check-dam.svg").write_text(EMBLEM_SVG, encoding="utf-8")
    (folder / "assets" / "site.css").write_text(CSS, encoding="utf-8")
    (folder / "documents").mkdir(exist_ok=True)
    (folder / "documents" / "annual-report-2025-26.pdf").write_bytes(_pdf("Annual Report 2025-26 " * 40))
    (folder / "documents" / "tender-notice-17.pdf").write_bytes(_pdf("Tender notice 17"))
    (folder / "sitemap.xml").write_text(_sitemap_xml(sorted(all_pages)), encoding="utf-8")
    (folder / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {SITE_URL}sitemap.xml\n", encoding="utf-8")
    return folder
