"""Imported by the in-process runner's fork server before it forks site processes: loads the rule registry,
standards tables, HTTP stack and report templates once, so each site process starts warm (a fork, not a
first run: about 0.4 s of one-off work per site otherwise)."""
from __future__ import annotations

from .. import audit, report, scoring  # noqa: F401
from ..crawl import CrawlOptions
from ..crawl.fetch import HttpxFetcher
from ..html import Document
from ..model import FetchedPage
from ..rules import select_rules
from . import store, work  # noqa: F401


def warm_up() -> None:
    rules = select_rules((), ())
    scoring.checkpoint_totals()
    HttpxFetcher(CrawlOptions().user_agent).close()  # imports and TLS set-up of httpx
    from ..engines.static import page_pass, split_rules  # noqa: PLC0415

    page_rules, site_rules = split_rules(rules)
    html = ('<!doctype html><html lang="en"><head><title>Warm up</title></head><body><main><h1>Warm up</h1>'
            '<p>Text.</p></main></body></html>')
    fetched = FetchedPage(url="http://127.0.0.1/", final_url="http://127.0.0.1/", status=200, text=html,
                          content_type="text/html")
    findings, _facts = page_pass(fetched, page_rules, site_rules, is_home=True)
    Document(html, "http://127.0.0.1/")
    result = scoring.build_result(target="http://127.0.0.1/", pages=[("http://127.0.0.1/", 200, "Warm up", None)],
                                  findings=findings, rules_run=rules, engines=("static",), started="", finished="")
    for fmt in ("json", "html"):
        report.RENDERERS[fmt](result, locale="en")


warm_up()
