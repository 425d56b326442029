"""robots.txt as a policy object (RFC 9309 via protego).

How a robots.txt answer is read: 2xx - parse the rules; 4xx - no rules, everything allowed; 5xx (and 429) or
no answer at all - the site is treated as fully disallowed, as the RFC requires, because a server in trouble
must not be crawled harder. Crawl-delay and Sitemap lines are exposed for the throttle and the frontier.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from protego import Protego

log = logging.getLogger("kasauti.crawl.robots")
MAX_ROBOTS_BYTES = 512_000  # RFC 9309: parse at least the first 500 KiB


@dataclass
class RobotsRules:
    """The rules of one origin."""

    verdict: str  # "rules" | "allow-all" | "disallow-all"
    reason: str = ""
    parser: Protego | None = None
    crawl_delay: float | None = None
    sitemaps: list[str] = field(default_factory=list)
    fetch_error: str | None = None  # error kind when robots.txt got no answer at all (dns, connect, tls, timeout)

    @classmethod
    def from_response(cls, status: int | None, text: str | None, user_agent: str) -> "RobotsRules":
        if status is None:
            return cls("disallow-all", "robots.txt could not be fetched")
        if status == 429 or status >= 500:
            return cls("disallow-all", f"robots.txt answered {status}: the site is treated as disallowed")
        if status >= 400 or not (200 <= status < 300):
            return cls("allow-all", f"robots.txt answered {status}: no rules")
        try:
            parser = Protego.parse((text or "")[:MAX_ROBOTS_BYTES])
        except Exception as exc:  # noqa: BLE001 - a robots.txt protego cannot read has no usable rules
            log.warning("robots.txt could not be parsed (%s); treating as no rules", exc)
            return cls("allow-all", f"robots.txt unreadable: {exc}")
        token = product_token(user_agent)
        delay = parser.crawl_delay(token)
        rate = parser.request_rate(token)
        if rate is not None and rate.requests:  # Request-rate: n/seconds is a delay of seconds/n
            delay = max(delay or 0.0, rate.seconds / rate.requests)
        return cls("rules", "", parser, float(delay) if delay is not None else None,
                   [s.strip() for s in parser.sitemaps if s and s.strip()])

    def allows(self, url: str, user_agent: str) -> bool:
        if self.verdict == "allow-all":
            return True
        if self.verdict == "disallow-all":
            return False
        try:
            return bool(self.parser.can_fetch(url, product_token(user_agent)))
        except Exception:  # noqa: BLE001 - protego on a pathological pattern: be polite, do not fetch
            return False


def product_token(user_agent: str) -> str:
    """'Kasauti/0.1 (+https://...)' -> 'Kasauti': the name robots.txt groups are matched against."""
    return (user_agent.split("/", 1)[0].split() or ["*"])[0]


class RobotsPolicy:
    """Rules per origin, filled by the crawler as robots.txt files arrive. Switched off: everything allowed."""

    def __init__(self, user_agent: str, enabled: bool = True):
        self.user_agent = user_agent
        self.enabled = enabled
        self._rules: dict[str, RobotsRules] = {}
        self._lock = threading.Lock()

    def known(self, origin: str) -> bool:
        return origin in self._rules

    def get(self, origin: str) -> RobotsRules | None:
        return self._rules.get(origin)

    def store(self, origin: str, rules: RobotsRules) -> RobotsRules:
        with self._lock:
            self._rules[origin] = rules
        return rules

    def allows(self, origin: str, url: str) -> tuple[bool, str]:
        """(allowed, reason when not). Unknown origins are allowed: the crawler fetches robots.txt first."""
        if not self.enabled:
            return True, ""
        rules = self._rules.get(origin)
        if rules is None or rules.allows(url, self.user_agent):
            return True, ""
        return False, rules.reason or "disallowed by robots.txt"
