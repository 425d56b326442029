"""Crawler-trap guards: refuse URLs that look like an endless generated space before fetching them.

Each guard is cheap and local to the URL plus a few counters: a path segment repeated three or more times
(relative links that nest forever: /a/b/a/b/a/...), too many distinct query strings on one path (facets,
session ids, ?page=N forever), over-long URLs, and calendar links that walk out of any plausible date range
(/events/2026/12/ -> /events/2027/01/ -> ... or ?month=13).
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from urllib.parse import parse_qsl, urlsplit

_YEAR = re.compile(r"^(1[89]\d\d|2\d\d\d)$")
_MONTH = re.compile(r"^\d{1,2}$")
_DATE_VALUE = re.compile(r"^(1[89]\d\d|2\d\d\d)[-/.]?(0[1-9]|1[0-2])(?:[-/.]?\d\d)?$")  # 2026-11, 20261105
_YEAR_KEYS = {"year", "yr", "yyyy"}
_MONTH_KEYS = {"month", "mon", "mm"}
_DAY_KEYS = {"day", "dd"}
_CALENDAR_KEYS = _YEAR_KEYS | _MONTH_KEYS | _DAY_KEYS | {
    "date", "week", "cal", "calendar", "ym", "yyyymm", "from", "to", "start", "end", "event_date", "tribe-bar-date"}
_DIGITS = re.compile(r"\d+")


class TrapGuard:
    def __init__(self, max_repeated_segment: int = 3, max_query_variants: int = 50, max_url_length: int = 2000,
                 years_back: int = 30, years_ahead: int = 1, max_calendar_pages: int = 100,
                 today: date | None = None):
        self.max_repeated_segment = max_repeated_segment
        self.max_query_variants = max_query_variants
        self.max_url_length = max_url_length
        year = (today or date.today()).year
        self.first_year, self.last_year = year - years_back, year + years_ahead
        self.max_calendar_pages = max_calendar_pages
        self._query_variants: Counter[str] = Counter()
        self._calendar_pages: Counter[str] = Counter()

    def check(self, url: str) -> str | None:
        """Reason the (new, normalised) URL is refused, else None. Counts it when it passes."""
        if len(url) > self.max_url_length:
            return f"URL longer than {self.max_url_length} characters"
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if segments:
            segment, count = Counter(segments).most_common(1)[0]
            if count >= self.max_repeated_segment:
                return f"path segment {segment!r} repeated {count} times"
        reason = self._calendar_reason(segments, parts.query)
        if reason:
            return reason
        calendar_like = self._looks_like_calendar(segments, parts.query)
        if calendar_like:
            template = _DIGITS.sub("#", parts.path + "?" + parts.query)
            if self._calendar_pages[template] >= self.max_calendar_pages:
                return f"more than {self.max_calendar_pages} calendar pages of the form {template}"
        if parts.query:
            if self._query_variants[parts.path] >= self.max_query_variants:
                return f"more than {self.max_query_variants} query variants of {parts.path}"
            self._query_variants[parts.path] += 1
        if calendar_like:
            self._calendar_pages[_DIGITS.sub("#", parts.path + "?" + parts.query)] += 1
        return None

    def _year_ok(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    def _calendar_reason(self, segments: list[str], query: str) -> str | None:
        for i, segment in enumerate(segments):
            if _YEAR.match(segment):
                year = int(segment)
                month = segments[i + 1] if i + 1 < len(segments) else ""
                if _MONTH.match(month) and not self._year_ok(year):
                    return f"calendar path year {year} outside {self.first_year}-{self.last_year}"
                if _MONTH.match(month) and not 1 <= int(month) <= 12:
                    return f"calendar path month {month} out of range"
        for key, value in parse_qsl(query, keep_blank_values=True):
            key = key.lower()
            if key not in _CALENDAR_KEYS or not value:
                continue
            value = value.strip()
            if key in _MONTH_KEYS and value.isascii() and value.isdigit() and not 1 <= int(value) <= 12:
                return f"calendar query {key}={value} out of range"
            if key in _DAY_KEYS and value.isascii() and value.isdigit() and not 1 <= int(value) <= 31:
                return f"calendar query {key}={value} out of range"
            if key in _YEAR_KEYS and value.isascii() and value.isdigit() and not self._year_ok(int(value)):
                return f"calendar query {key}={value} outside {self.first_year}-{self.last_year}"
            match = _DATE_VALUE.match(value)
            if match and not self._year_ok(int(match.group(1))):
                return f"calendar query {key}={value} outside {self.first_year}-{self.last_year}"
        return None

    @staticmethod
    def _looks_like_calendar(segments: list[str], query: str) -> bool:
        if any(_YEAR.match(s) for s in segments):
            return True
        return any(k.lower() in _CALENDAR_KEYS for k, _ in parse_qsl(query))
