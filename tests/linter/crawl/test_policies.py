"""Politeness parts on their own: scope, robots rules, throttle timing, Retry-After, trap guards."""
from __future__ import annotations

import random
import threading
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kasauti.linter.crawl.robots import RobotsPolicy, RobotsRules, product_token
from kasauti.linter.crawl.scope import Scope
from kasauti.linter.crawl.throttle import MAX_CRAWL_DELAY, MAX_RETRY_AFTER, HostThrottle, parse_retry_after
from kasauti.linter.crawl.traps import TrapGuard

UA = "Kasauti/0.1.0 (+https://github.com/kasauti/kasauti; accessibility audit)"


# ---- scope -------------------------------------------------------------------------------------------
def test_scope_same_site_includes_www_variant_not_subdomains():
    scope = Scope(["https://ministry.gov.in/"])
    assert scope.same_site("http://www.ministry.gov.in/about/")
    assert scope.same_site("https://ministry.gov.in:8443/x")
    assert not scope.same_site("https://hindi.ministry.gov.in/")
    assert not scope.same_site("https://ministry.gov.in.evil.example/")
    scope.add_site("https://new-ministry.gov.in/")
    assert scope.same_site("https://www.new-ministry.gov.in/")


@pytest.mark.parametrize("include, exclude, url, verdict", [
    ((), (), "https://m.gov.in/a", None),
    (("*/tenders/*",), (), "https://m.gov.in/tenders/2026/", None),
    (("/tenders/*",), (), "https://m.gov.in/tenders/x", None),
    (("/tenders/*",), (), "https://m.gov.in/news/x", "not matched by any include pattern"),
    ((), ("*.php*",), "https://m.gov.in/index.php?id=3", "excluded by '*.php*'"),
    ((), ("/search*",), "https://m.gov.in/search?q=x", "excluded by '/search*'"),
    (("/tenders/*",), ("/tenders/archive/*",), "https://m.gov.in/tenders/archive/1", "excluded by '/tenders/archive/*'"),
])
def test_scope_globs(include, exclude, url, verdict):
    assert Scope(["https://m.gov.in/"], include, exclude).filtered_out(url) == verdict


def test_scope_depth():
    scope = Scope(["https://m.gov.in/"], max_depth=2)
    assert scope.within_depth(2) and not scope.within_depth(3)


# ---- robots ------------------------------------------------------------------------------------------
ROBOTS = """
User-agent: *
Disallow: /private/
Crawl-delay: 2

User-agent: Kasauti
Disallow: /no-kasauti/
Allow: /no-kasauti/ok.html
Crawl-delay: 3

Sitemap: https://m.gov.in/sitemap-index.xml
"""


def test_robots_rules_for_our_group():
    rules = RobotsRules.from_response(200, ROBOTS, UA)
    assert rules.verdict == "rules"
    assert not rules.allows("https://m.gov.in/no-kasauti/page", UA)
    assert rules.allows("https://m.gov.in/no-kasauti/ok.html", UA)
    assert rules.allows("https://m.gov.in/private/x", UA)  # our own group replaces the * group
    assert rules.crawl_delay == 3.0
    assert rules.sitemaps == ["https://m.gov.in/sitemap-index.xml"]


def test_robots_star_group_and_request_rate():
    rules = RobotsRules.from_response(200, "User-agent: *\nDisallow: /private/\nRequest-rate: 1/4\n", UA)
    assert not rules.allows("https://m.gov.in/private/x", UA)
    assert rules.allows("https://m.gov.in/public/", UA)
    assert rules.crawl_delay == 4.0


@pytest.mark.parametrize("status, verdict", [
    (404, "allow-all"), (410, "allow-all"), (401, "allow-all"), (403, "allow-all"),
    (500, "disallow-all"), (503, "disallow-all"), (429, "disallow-all"), (None, "disallow-all"),
])
def test_robots_status_rules(status, verdict):
    rules = RobotsRules.from_response(status, "User-agent: *\nDisallow: /\n", UA)
    assert rules.verdict == verdict
    assert rules.allows("https://m.gov.in/", UA) is (verdict == "allow-all")


def test_robots_policy_switched_off_allows_everything():
    policy = RobotsPolicy(UA, enabled=False)
    policy.store("https://m.gov.in", RobotsRules("disallow-all", "503"))
    assert policy.allows("https://m.gov.in", "https://m.gov.in/x") == (True, "")
    on = RobotsPolicy(UA)
    on.store("https://m.gov.in", RobotsRules("disallow-all", "robots.txt answered 503"))
    assert on.allows("https://m.gov.in", "https://m.gov.in/x") == (False, "robots.txt answered 503")
    assert on.allows("https://other.gov.in", "https://other.gov.in/x") == (True, "")


def test_product_token():
    assert product_token(UA) == "Kasauti"
    assert product_token("") == "*"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.text(st.sampled_from("/abc*$?=&%."), max_size=20))
def test_robots_never_raises_on_random_input(text, path):
    rules = RobotsRules.from_response(200, text, UA)
    assert isinstance(rules.allows("https://m.gov.in/" + path, UA), bool)
    assert rules.crawl_delay is None or rules.crawl_delay >= 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["User-agent: *", "User-agent: Kasauti", "Disallow: /a", "Allow: /a/b",
                                 "Disallow: /*.pdf$", "Crawl-delay: 5", "Crawl-delay: x", "Sitemap: /s.xml",
                                 "Disallow:", "# comment", "garbage line", "Request-rate: 0/0"]), max_size=12))
def test_robots_line_soup_never_raises(lines):
    rules = RobotsRules.from_response(200, "\n".join(lines), UA)
    for path in ("/a", "/a/b", "/x.pdf", "/"):
        assert isinstance(rules.allows("https://m.gov.in" + path, UA), bool)


# ---- throttle ----------------------------------------------------------------------------------------
class FakeClock:
    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_throttle_waits_the_jittered_delay_between_requests_to_one_host():
    clock = FakeClock()
    throttle = HostThrottle(1.0, jitter=0.2, clock=clock, sleep=clock.sleep, rng=random.Random(3))
    starts = []
    for _ in range(50):
        with throttle.slot("m.gov.in"):
            starts.append(clock.now)
            clock.now += 0.1  # the request itself
    gaps = [b - a - 0.1 for a, b in zip(starts, starts[1:])]
    assert min(gaps) >= 0.8 - 1e-9 and max(gaps) <= 1.2 + 1e-9
    assert max(gaps) - min(gaps) > 0.1  # really jittered
    assert clock.sleeps[0] == pytest.approx(gaps[0])


def test_throttle_hosts_are_independent():
    clock = FakeClock()
    throttle = HostThrottle(5.0, clock=clock, sleep=clock.sleep)
    with throttle.slot("a.gov.in"):
        pass
    with throttle.slot("b.gov.in"):
        pass
    assert clock.sleeps == []


def test_crawl_delay_raises_the_delay_and_jitters_only_upwards():
    clock = FakeClock()
    throttle = HostThrottle(0.5, jitter=0.2, clock=clock, sleep=clock.sleep, rng=random.Random(1))
    throttle.set_crawl_delay("m.gov.in", 3)
    assert throttle.delay_for("m.gov.in") == 3
    assert throttle.delay_for("other.gov.in") == 0.5
    assert all(3.0 <= throttle.jittered("m.gov.in") <= 3.6 for _ in range(100))
    throttle.set_crawl_delay("slow.gov.in", 86400)
    assert throttle.delay_for("slow.gov.in") == MAX_CRAWL_DELAY
    throttle.set_crawl_delay("low.gov.in", 0.1)  # cannot lower the configured delay
    assert throttle.delay_for("low.gov.in") == 0.5


def test_crawl_delay_learnt_after_a_request_applies_to_the_very_next_one():
    clock = FakeClock()
    throttle = HostThrottle(0.1, clock=clock, sleep=clock.sleep)
    with throttle.slot("m.gov.in"):  # robots.txt
        clock.now += 0.05
    throttle.set_crawl_delay("m.gov.in", 5)
    with throttle.slot("m.gov.in"):
        pass
    assert clock.sleeps == [pytest.approx(5)]


def test_defer_pushes_the_next_slot_and_is_capped():
    clock = FakeClock()
    throttle = HostThrottle(0.0, clock=clock, sleep=clock.sleep)
    assert throttle.defer("m.gov.in", 7) == 7
    with throttle.slot("m.gov.in"):
        pass
    assert clock.sleeps == [pytest.approx(7)]
    assert throttle.defer("m.gov.in", 10_000) == MAX_RETRY_AFTER


def test_disabled_throttle_does_not_wait_but_still_serialises():
    throttle = HostThrottle(10.0, enabled=False)
    assert throttle.delay_for("m.gov.in") == 0.0
    throttle.set_crawl_delay("m.gov.in", 5)
    assert throttle.delay_for("m.gov.in") == 0.0
    inside, overlap = [0], [False]
    lock = threading.Lock()

    def request():
        with throttle.slot("m.gov.in"):
            with lock:
                inside[0] += 1
                overlap[0] |= inside[0] > 1
            threading.Event().wait(0.01)
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=request) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not overlap[0]


# ---- Retry-After -------------------------------------------------------------------------------------
def test_retry_after_seconds_and_dates():
    now = datetime(2026, 11, 24, 10, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(" 3 ") == 3.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == pytest.approx(90)
    assert parse_retry_after("Tue, 24 Nov 2026 09:00:00 GMT", now) == 0.0  # in the past
    assert parse_retry_after("Tuesday, 24-Nov-26 10:00:30 GMT", now) == pytest.approx(30)  # RFC 850 form
    for bad in (None, "", "soon", "-5", "1.5", "Mon, 99 Foo 2026"):
        assert parse_retry_after(bad, now) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_retry_after_never_raises(value):
    result = parse_retry_after(value)
    assert result is None or result >= 0


# ---- traps -------------------------------------------------------------------------------------------
TODAY = date(2026, 11, 24)


def guard(**kw) -> TrapGuard:
    return TrapGuard(today=TODAY, **kw)


def test_repeated_path_segment_is_a_trap():
    g = guard()
    assert g.check("https://m.gov.in/a/b/a/b/") is None
    assert "repeated 3 times" in g.check("https://m.gov.in/a/b/a/b/a/")


def test_query_variants_per_path_are_limited():
    g = guard(max_query_variants=5)
    assert all(g.check(f"https://m.gov.in/list?page={i}") is None for i in range(5))
    assert "query variants" in g.check("https://m.gov.in/list?page=6")
    assert g.check("https://m.gov.in/other?page=6") is None


def test_long_urls_are_refused():
    assert "longer than 2000" in guard().check("https://m.gov.in/" + "a" * 2000)


@pytest.mark.parametrize("url, trapped", [
    ("https://m.gov.in/events/2026/11/", False),
    ("https://m.gov.in/events/2027/12/", False),
    ("https://m.gov.in/events/2028/01/", True),
    ("https://m.gov.in/events/1990/01/", True),
    ("https://m.gov.in/events/2026/13/", True),
    ("https://m.gov.in/news/2024/05/new-scheme-launched/", False),
    ("https://m.gov.in/calendar?month=12&year=2026", False),
    ("https://m.gov.in/calendar?month=13", True),
    ("https://m.gov.in/calendar?year=2031", True),
    ("https://m.gov.in/calendar?date=2031-01-05", True),
    ("https://m.gov.in/calendar?date=2026-11-05", False),
    ("https://m.gov.in/list?start=1850", False),  # an offset, not a date
    ("https://m.gov.in/docs/2024/report.pdf", False),
])
def test_calendar_guard(url, trapped):
    assert (guard().check(url) is not None) is trapped


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30))
def test_trap_guard_never_raises(path, query):
    from urllib.parse import quote

    reason = guard().check(f"https://m.gov.in/{quote(path)}?month={quote(query)}&year={quote(query)}")
    assert reason is None or isinstance(reason, str)


def test_calendar_template_counter_stops_an_endless_backward_calendar():
    g = guard(max_calendar_pages=24, years_back=100)
    refused = None
    for i in range(200):
        year, month = 2026 - i // 12, 12 - i % 12
        reason = g.check(f"https://m.gov.in/cal/{year}/{month:02d}/")
        if reason:
            refused = i
            break
    assert refused == 24
