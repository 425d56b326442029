"""The static engine: runs page rules on one parsed page and site rules over the facts of all pages."""
from __future__ import annotations

import logging
from typing import Iterable

from ..crawl.links import link_targets
from ..fingerprint import fingerprint
from ..html import Document
from ..model import Finding, FetchedPage, Outcome
from ..rules.registry import Rule, Violation, is_site_rule
from ..site import PageFacts, Site, page_facts

log = logging.getLogger("kasauti.static")


def split_rules(rules: Iterable[Rule]) -> tuple[list[Rule], list[Rule]]:
    """(page rules, site rules) among the static/http engine rules."""
    page, site = [], []
    for rule in rules:
        if rule.engine not in ("static", "http"):
            continue
        (site if is_site_rule(rule) else page).append(rule)
    return page, site


def check_document(doc: Document, rules: Iterable[Rule], *, locale: str = "en", is_home: bool = False,
                   live: bool = True) -> list[Finding]:
    """Findings of the page rules on one parsed page."""
    findings: list[Finding] = []
    error_page = (doc.fetched.status or 200) >= 400
    for rule in rules:
        if (rule.home_only and not is_home) or (rule.live_only and not live) or (rule.content_only and error_page):
            continue
        try:
            for violation in rule.check(doc):
                findings.append(_page_finding(rule, doc, violation, locale))
        except Exception as exc:  # one broken rule must not lose the page's other findings
            log.exception("rule %s failed on %s", rule.code, doc.url)
            findings.append(_rule_error(rule, doc.url, exc, locale))
    return findings


def check_html(html: str, url: str = "https://example.gov.in/", rules: Iterable[Rule] | None = None,
               **kwargs) -> list[Finding]:
    """Convenience: run page rules (all by default) on an HTML string."""
    from ..rules import all_rules  # noqa: PLC0415

    page_rules, _ = split_rules(rules if rules is not None else all_rules())
    return check_document(Document(html, url), page_rules, **kwargs)


def page_pass(fetched: FetchedPage, page_rules: list[Rule], site_rules: list[Rule], *, locale: str = "en",
              is_home: bool = False, live: bool = True, targets: bool = False) -> tuple[list[Finding], PageFacts]:
    """Parse a fetched HTML page once, run its page rules, and collect what the site rules need (with
    `targets`, also the links a crawler would follow, for folder audits)."""
    doc = Document(fetched.text or "", fetched.final_url or fetched.url, fetched)
    findings = check_document(doc, page_rules, locale=locale, is_home=is_home, live=live)
    facts = page_facts(doc)
    if targets:
        facts.targets = tuple((link.url, link.tag) for link in link_targets(doc.root, doc.url))
    for rule in site_rules:
        if rule.collect is None:
            continue
        try:
            value = rule.collect(doc)
        except Exception as exc:
            log.exception("collector of %s failed on %s", rule.code, doc.url)
            findings.append(_rule_error(rule, doc.url, exc, locale))
            continue
        if value is not None:
            facts.extra[rule.code] = value
    return findings, facts


def check_site(site: Site, site_rules: Iterable[Rule], *, locale: str = "en") -> list[Finding]:
    findings: list[Finding] = []
    for rule in site_rules:
        if rule.live_only and not site.live:
            continue
        try:
            for violation in rule.check(site):
                findings.append(_site_finding(rule, site, violation, locale))
        except Exception as exc:
            log.exception("site rule %s failed", rule.code)
            findings.append(_rule_error(rule, site.start_url, exc, locale))
    return findings


def _page_finding(rule: Rule, doc: Document, v: Violation, locale: str) -> Finding:
    el = v.element
    selector = v.selector if v.selector is not None else (doc.selector(el) if el is not None else "")
    snippet = v.snippet if v.snippet is not None else (doc.snippet(el) if el is not None else "")
    stable = doc.stable_path(el) if el is not None else selector
    identity = v.identity if v.identity is not None else (doc.identity(el) if el is not None else v.message_id)
    url = v.url or doc.url
    return _finding(rule, v, locale, url, selector, snippet, fingerprint(rule.code, url, stable, identity))


def _site_finding(rule: Rule, site: Site, v: Violation, locale: str) -> Finding:
    url = v.url or site.start_url
    identity = v.identity if v.identity is not None else v.message_id
    fp = fingerprint(rule.code, url, v.selector or "", identity)
    return _finding(rule, v, locale, url, v.selector or "", v.snippet or "", fp)


def _finding(rule: Rule, v: Violation, locale: str, url: str, selector: str, snippet: str, fp: str) -> Finding:
    params = {k: str(val) for k, val in (v.params or {}).items()}
    return Finding(
        rule=rule.code, name=rule.name, outcome=v.outcome, impact=rule.impact, scope=rule.scope, url=url,
        selector=selector, snippet=snippet, message=rule.message(v.message_id, locale, params),
        wcag=rule.wcag, gigw=rule.gigw, engine=rule.engine, fingerprint=fp,
        help_url=f"https://kasauti.github.io/rules/{rule.code}/", message_id=v.message_id,
        data=tuple(sorted(params.items())),
    )


def _rule_error(rule: Rule, url: str, exc: Exception, locale: str) -> Finding:
    text = {"en": "Kasauti could not complete this check ({error}); review by hand.",
            "hi": "कसौटी यह जाँच पूरी नहीं कर सका ({error}); कृपया स्वयं जाँचें।"}
    detail = f"{type(exc).__name__}: {exc}"[:200]
    return Finding(
        rule=rule.code, name=rule.name, outcome=Outcome.NEEDS_REVIEW.value, impact=rule.impact, scope=rule.scope,
        url=url, selector="", snippet="", message=text.get(locale, text["en"]).format(error=detail),
        wcag=rule.wcag, gigw=rule.gigw, engine=rule.engine,
        fingerprint=fingerprint(rule.code, url, "", "rule-error"), message_id="rule-error",
        data=(("error", detail),),
    )
