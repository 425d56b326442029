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


# ---- a fleet of small sites, with varied defects and faults, served on 127.0.0.1 (fleet-mode tests) ----------
import csv as _csv  # noqa: E402 - the fleet part below is additive to the page generator above
import http.server as _http_server  # noqa: E402
import selectors as _selectors  # noqa: E402
import socket as _socket  # noqa: E402
import threading as _threading  # noqa: E402
import time as _time  # noqa: E402
from dataclasses import dataclass as _dataclass, field as _field  # noqa: E402

MINISTRIES = ["Ministry of Jal Shakti", "Ministry of Rural Development", "Ministry of Health and Family Welfare",
              "Ministry of Education", "Ministry of Railways", "Department of Posts", "Ministry of Agriculture",
              "Ministry of Finance", "Department of Science and Technology", "Ministry of Culture"]
STATES = ["Maharashtra", "Tamil Nadu", "Uttar Pradesh", "Kerala", "Assam", "Punjab", "Gujarat", "Odisha", "Delhi",
          "Karnataka", "Bihar", "Ladakh"]
CATEGORIES = ["ministry", "department", "state portal", "district", "scheme", "PSU"]
DEFECTS = ("img-alt", "no-lang", "no-title", "heading-skip", "form-label", "empty-link", "no-skip-link",
           "table-headers", "no-policies")
# Faults and how many sites of a fleet of 200 get each (the rest are healthy, with 0-4 defects).
FLEET_FAULTS = {"refused": 6, "dns": 4, "tls": 4, "slow": 3, "http-500": 5, "http-404": 4, "redirect-loop": 4,
                "not-html": 4, "robots-blocked": 4, "http-403": 3}
# The survey status each kind of site must end with.
EXPECTED_STATUS = {"healthy": "ok", "refused": "connect", "dns": "dns", "tls": "tls", "slow": "timeout",
                   "http-500": "http-error", "http-404": "http-error", "redirect-loop": "redirect-loop",
                   "not-html": "not-html", "robots-blocked": "robots-blocked", "http-403": "http-error"}


@_dataclass
class FleetSite:
    index: int
    kind: str  # "healthy" or a key of FLEET_FAULTS
    defects: tuple[str, ...] = ()
    ministry: str = ""
    state: str = ""
    category: str = ""
    port: int = 0
    url: str = ""

    @property
    def expected_status(self) -> str:
        return EXPECTED_STATUS[self.kind]


def fleet_plan(count: int = 200, seed: int = 11) -> list[FleetSite]:
    """`count` sites: the faults of FLEET_FAULTS scaled to count, the rest healthy with random defects."""
    rng = random.Random(seed)
    kinds: list[str] = []
    for kind, n in FLEET_FAULTS.items():
        kinds += [kind] * max(1, round(n * count / 200))
    kinds += ["healthy"] * (count - len(kinds))
    rng.shuffle(kinds)
    sites = []
    for index, kind in enumerate(kinds):
        defects = tuple(sorted(rng.sample(DEFECTS, rng.randint(0, 4)))) if kind == "healthy" else ()
        sites.append(FleetSite(index, kind, defects, rng.choice(MINISTRIES), rng.choice(STATES),
                               rng.choice(CATEGORIES)))
    return sites


def fleet_page(site: FleetSite, path: str) -> str:
    """A small ministry-like page with the site's defects."""
    d = set(site.defects)
    name = f"{site.ministry} portal {site.index}"
    title = "" if "no-title" in d else f"<title>{'Home' if path == '/' else path.strip('/').title()} | {name}</title>"
    lang = "" if "no-lang" in d else ' lang="en"'
    skip = "" if "no-skip-link" in d else '<a href="#main">Skip to main content</a>'
    img = ('<img src="/emblem.png" width="40" height="60">' if "img-alt" in d else
           '<img src="/emblem.png" alt="State Emblem of India" width="40" height="60">')
    heading = "<h4>Latest updates</h4>" if "heading-skip" in d else "<h2>Latest updates</h2>"
    form = ('<form role="search" action="/search/"><input name="q" type="search"><button>Search</button></form>'
            if "form-label" in d else
            '<form role="search" action="/search/"><label for="q">Search</label><input id="q" name="q" type="search">'
            '<button>Search</button></form>')
    empty_link = '<a href="/about/"><img src="/arrow.png" alt=""></a>' if "empty-link" in d else ""
    table = ("<table><tr><td>Scheme</td><td>Date</td></tr><tr><td>Jal Jeevan</td><td>01-11-2026</td></tr></table>"
             if "table-headers" in d else
             "<table><caption>Schemes</caption><tr><th scope=\"col\">Scheme</th><th scope=\"col\">Date</th></tr>"
             "<tr><td>Jal Jeevan</td><td>01-11-2026</td></tr></table>")
    policies = "" if "no-policies" in d else "".join(
        f'<li><a href="/{p}/">{p.replace("-", " ").title()}</a></li>'
        for p in ("copyright-policy", "privacy-policy", "hyperlinking-policy", "terms-and-conditions"))
    return (f"<!doctype html><html{lang}><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
            f"content=\"width=device-width, initial-scale=1\">{title}</head><body>{skip}<header>{img}"
            f"<p>{name}, Government of India</p>{form}</header><nav aria-label=\"Main\"><ul>"
            f"<li><a href=\"/\">Home</a></li><li><a href=\"/about/\">About us</a></li>"
            f"<li><a href=\"/schemes/\">Schemes</a></li><li><a href=\"/contact/\">Contact us</a></li></ul></nav>"
            f"<main id=\"main\"><h1>{name}</h1><p>{site.ministry} serves citizens of {site.state}.</p>{heading}"
            f"<p>Notices and circulars for the {site.category} are published here.</p>{table}{empty_link}</main>"
            f"<footer><ul>{policies}</ul><p>Last updated: 24-11-2026</p></footer></body></html>")


class _FleetHandler(_http_server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - quiet
        pass

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)

    def send(self, status: int, body: bytes | str = b"", content_type: str = "text/html; charset=utf-8",
             headers: dict | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _dispatch(self) -> None:
        fleet: FleetServer = self.server  # type: ignore[assignment]
        site = fleet.by_port.get(self.connection.getsockname()[1])
        if site is None:
            self.send(404, "no such site")
            return
        path = self.path.split("?", 1)[0]
        fleet.record(site.index, self.command, path)
        if fleet.latency:
            _time.sleep(fleet.latency)
        try:
            self._answer(fleet, site, path)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _answer(self, fleet: "FleetServer", site: FleetSite, path: str) -> None:
        kind = site.kind
        if kind == "slow":
            if fleet.stop_event.wait(fleet.slow_seconds):
                return
            self.send(200, fleet_page(site, path))
            return
        if path == "/robots.txt":
            if kind == "robots-blocked":
                self.send(200, "User-agent: *\nDisallow: /\n", "text/plain")
            else:
                self.send(200, "User-agent: *\nAllow: /\n", "text/plain")
            return
        if path == "/sitemap.xml":
            self.send(404, "<!doctype html><title>Not found</title><h1>Not found</h1>")
            return
        if kind == "http-500":
            self.send(500, "<!doctype html><title>Server error</title><h1>Internal server error</h1>")
        elif kind == "http-404" and path == "/":
            self.send(404, "<!doctype html><title>Not found</title><h1>Not found</h1>")
        elif kind == "redirect-loop":
            self.send(302, b"", headers={"Location": "/loop/" if path == "/" else "/"})
        elif kind == "not-html" and path == "/":
            self.send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf")
        elif kind == "http-403":
            self.send(403, "<!doctype html><title>Forbidden</title><h1>Access denied</h1>")
        elif path.endswith(".png"):
            self.send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        elif path in ("/", "/about/", "/schemes/", "/contact/") or path.rstrip("/").endswith("-policy") \
                or path == "/terms-and-conditions/":
            self.send(200, fleet_page(site, path))
        else:
            self.send(404, "<!doctype html><html lang=\"en\"><title>Not found</title><h1>Not found</h1></html>")

    do_GET = do_HEAD = _dispatch


class FleetServer:
    """Every site of a fleet plan on its own 127.0.0.1 port, served by one thread-per-connection server.

    Sites of kind "refused" get a port nothing listens on; "dns" an unresolvable .invalid host; "tls" an https://
    URL on a port that speaks plain HTTP. `hits` records (time, site index, method, path) of every request.
    """

    def __init__(self, sites: list[FleetSite], *, slow_seconds: float = 6.0, latency: float = 0.0):
        self.sites = sites
        self.slow_seconds = slow_seconds
        self.latency = latency  # seconds added to every answer (to make a survey last long enough to kill it)
        self.by_port: dict[int, FleetSite] = {}
        self.listeners: list[_socket.socket] = []
        self.reserved: list[_socket.socket] = []  # ports of "refused" sites
        self.hits: list[tuple[float, int, str, str]] = []
        self.lock = _threading.Lock()
        self.stop_event = _threading.Event()
        self.selector = _selectors.DefaultSelector()
        self.thread = _threading.Thread(target=self._serve, daemon=True, name="fleet-server")

    def record(self, index: int, method: str, path: str) -> None:
        with self.lock:
            self.hits.append((_time.monotonic(), index, method, path))

    def home_hits(self, index: int, since: float = 0.0) -> int:
        with self.lock:
            return sum(1 for at, i, method, path in self.hits if i == index and path == "/" and at >= since)

    def requests_of(self, index: int, since: float = 0.0) -> int:
        with self.lock:
            return sum(1 for at, i, *_ in self.hits if i == index and at >= since)

    def start(self) -> "FleetServer":
        for site in self.sites:
            if site.kind == "dns":
                site.url = f"http://portal-{site.index}.kasauti-fleet.invalid/"
                continue
            sock = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
            sock.setsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", 0))
            site.port = sock.getsockname()[1]
            if site.kind == "refused":
                # Bound but not listening: connections are refused, and no later site can take the port.
                self.reserved.append(sock)
                site.url = f"http://127.0.0.1:{site.port}/"
                continue
            sock.listen(64)
            sock.setblocking(False)
            self.listeners.append(sock)
            self.by_port[site.port] = site
            self.selector.register(sock, _selectors.EVENT_READ)
            scheme = "https" if site.kind == "tls" else "http"
            site.url = f"{scheme}://127.0.0.1:{site.port}/"
        self.thread.start()
        return self

    def _serve(self) -> None:
        while not self.stop_event.is_set():
            for key, _ in self.selector.select(timeout=0.2):
                try:
                    conn, addr = key.fileobj.accept()
                except (BlockingIOError, OSError):
                    continue
                conn.setblocking(True)
                _threading.Thread(target=self._handle, args=(conn, addr), daemon=True).start()

    def _handle(self, conn: _socket.socket, addr) -> None:
        conn.settimeout(30)
        try:
            _FleetHandler(conn, addr, self)
        except Exception:  # noqa: BLE001 - a client that went away
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def write_csv(self, path: Path, *, extra_rows: list[list[str]] = ()) -> Path:
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = _csv.writer(handle)
            writer.writerow(["url", "ministry/department", "state", "category"])
            for site in self.sites:
                writer.writerow([site.url, site.ministry, site.state, site.category])
            for row in extra_rows:
                writer.writerow(row)
        return path

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(timeout=5)
        for sock in self.listeners:
            try:
                self.selector.unregister(sock)
            except (KeyError, ValueError):
                pass
            sock.close()
        for sock in self.reserved:
            sock.close()
        self.selector.close()

    def __enter__(self) -> "FleetServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
