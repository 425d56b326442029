"""Generate realistic ministry-site pages in bulk (benchmarks and scale tests).

Pages look like what NIC-built ministry sites serve: a header with emblem and utility bar, a long navigation
menu, a content area with paragraphs, a table, images and document links, and a footer of policy links.
Deterministic for a given seed.
"""
from __future__ import annotations

import random
from pathlib import Path

SECTIONS = ["about", "schemes", "news", "tenders", "rti", "acts-and-rules", "publications", "events"]
WORDS = ("water conservation ministry scheme district state rural supply programme report committee annual budget "
         "groundwater irrigation village panchayat monitoring guidelines notification circular tender citizen "
         "service grievance officer department development project implementation").split()
HINDI = "जल संरक्षण मंत्रालय योजना जिला राज्य ग्रामीण आपूर्ति कार्यक्रम रिपोर्ट समिति वार्षिक बजट भूजल सिंचाई गांव".split()


def _sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


FIXED_PAGES = [f"{s}/" for s in SECTIONS] + [f"website-policies/{p}/" for p in (
    "copyright-policy", "hyperlinking-policy", "privacy-policy", "terms-and-conditions", "disclaimer",
    "content-archival-policy")] + ["contact/", "feedback/", "help/", "sitemap/", "screen-reader-access/", "hi/"]
DOCUMENTS = 20


def _doc_size_kb(k: int) -> int:
    return 10 + 7 * k


def page_html(index: int, total: int, rng: random.Random) -> str:
    """Page `index` of a site whose numbered pages are 1..total-1 (page i lives in SECTIONS[i % 8])."""
    section = SECTIONS[index % len(SECTIONS)]
    title = f"{section.replace('-', ' ').title()} notice {index} | Ministry of Water Conservation, Government of India"
    nav = "".join(f'<li><a href="/{s}/">{s.replace("-", " ").title()}</a></li>' for s in SECTIONS)
    targets = [1 + (index + i * 7) % max(total - 1, 1) for i in range(30)]
    nav += "".join(f'<li><a href="/{SECTIONS[t % 8]}/page-{t}.html">{_sentence(rng, 3)[:-1]}</a></li>'
                   for t in targets)
    paragraphs = "".join(f"<p>{_sentence(rng, 40)} {_sentence(rng, 30)}</p>" for _ in range(12))
    hindi = f'<p lang="hi">{" ".join(rng.choice(HINDI) for _ in range(25))}।</p>'
    rows = "".join(f"<tr><td>{i + 1}</td><td>{_sentence(rng, 6)}</td><td>{rng.randint(1, 28):02d}-11-2026</td>"
                   f'<td><a href="/documents/notice-{(index + i) % DOCUMENTS}.pdf">Download notice {i + 1} '
                   f'(PDF, {_doc_size_kb((index + i) % DOCUMENTS)} KB)</a></td></tr>'
                   for i in range(15))
    images = "".join(f'<figure><img src="/images/photo-{index}-{i}.jpg" alt="{_sentence(rng, 6)[:-1]}" width="300" height="200">'
                     f"<figcaption>{_sentence(rng, 8)}</figcaption></figure>" for i in range(4))
    footer = "".join(f'<li><a href="/website-policies/{p}/">{p.replace("-", " ").title()}</a></li>' for p in (
        "copyright-policy", "hyperlinking-policy", "privacy-policy", "terms-and-conditions", "disclaimer",
        "content-archival-policy"))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><meta name="description" content="{_sentence(rng, 12)}">
<link rel="stylesheet" href="/assets/site.css"></head>
<body><a class="skip" href="#main">Skip to main content</a>
<header><div class="utility"><a href="/screen-reader-access/">Screen Reader Access</a>
<button type="button">A-</button><button type="button">A</button><button type="button">A+</button>
<a href="/hi/" hreflang="hi" lang="hi">हिन्दी</a></div>
<a href="/"><img src="/assets/emblem.svg" alt="State Emblem of India" width="40" height="64"></a>
<p>Ministry of Water Conservation<br>Government of India</p>
<form role="search" action="/search/"><label for="q">Search</label><input id="q" name="q" type="search"><button>Search</button></form>
</header>
<nav aria-label="Main"><ul>{nav}</ul></nav>
<main id="main"><h1>{title.split(' | ')[0]}</h1>{paragraphs}{hindi}{images}
<h2>Documents</h2><table><caption>Notices</caption><thead><tr><th scope="col">No.</th><th scope="col">Subject</th>
<th scope="col">Date</th><th scope="col">Document</th></tr></thead><tbody>{rows}</tbody></table></main>
<footer><ul>{footer}<li><a href="/contact/">Contact Us</a></li><li><a href="/feedback/">Feedback</a></li>
<li><a href="/help/">Help</a></li><li><a href="/sitemap/">Sitemap</a></li></ul>
<p>Content owned by the Ministry of Water Conservation, Government of India. Web Information Manager: Shri A. Kumar.</p>
<p>Last updated: 24-11-2026</p></footer></body></html>
"""


def generate_site(folder: Path, pages: int, seed: int = 7) -> Path:
    """Write `pages` HTML pages under folder: the home page, the pages every page links to (sections, policies,
    help...), then numbered notice pages spread over the sections; every link resolves."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    numbered = max(pages - 1 - len(FIXED_PAGES), 1)
    (folder / "index.html").write_text(page_html(0, numbered + 1, rng), encoding="utf-8")
    for j, fixed in enumerate(FIXED_PAGES[: max(pages - 1, 0)]):
        path = folder / fixed / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_html(j + 1, numbered + 1, rng), encoding="utf-8")
    for i in range(1, numbered + 1):
        path = folder / SECTIONS[i % len(SECTIONS)] / f"page-{i}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_html(i, numbered + 1, rng), encoding="utf-8")
    (folder / "documents").mkdir(exist_ok=True)
    for k in range(DOCUMENTS):
        body = b"%PDF-1.4\n%" + b"0" * (_doc_size_kb(k) * 1024 - 16) + b"\n%%EOF\n"
        (folder / "documents" / f"notice-{k}.pdf").write_bytes(body)
    return folder
