"""Per-host politeness: one request at a time per host, a jittered delay between them, and server push-back.

The delay runs from the end of one response to the start of the next request, so a slow server gets more
rest, not less. A robots.txt Crawl-delay can only lengthen the delay; Retry-After (429/503) and retry
back-off push the host's next slot later. Clock, sleep and randomness are injectable so the timing rules
are unit-tested without waiting.
"""
from __future__ import annotations

import random
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

MAX_CRAWL_DELAY = 60.0  # a robots.txt asking for more would stall an audit for hours: honour up to this
MAX_RETRY_AFTER = 120.0  # longest wait honoured for one Retry-After


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None when unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # HTTP dates are GMT by definition
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


class HostThrottle:
    """`with throttle.slot(host): fetch(...)` - serialises requests per host and spaces them out."""

    def __init__(self, delay: float, jitter: float = 0.2, *, enabled: bool = True, clock=time.monotonic,
                 sleep=time.sleep, rng: random.Random | None = None):
        self.delay = max(0.0, delay) if enabled else 0.0
        self.jitter = jitter
        self.enabled = enabled
        self._clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._next_at: dict[str, float] = {}
        self._floor: dict[str, float] = {}  # Crawl-delay per host
        self._last_end: dict[str, float] = {}  # when the last response from the host ended

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        """Raise the host's delay to a robots.txt Crawl-delay - starting with the gap after robots.txt itself."""
        if seconds is not None and self.enabled and seconds > 0:
            with self._guard:
                self._floor[host] = min(float(seconds), MAX_CRAWL_DELAY)
                if host in self._last_end:
                    self._next_at[host] = max(self._next_at.get(host, 0.0),
                                              self._last_end[host] + self._floor[host])

    def delay_for(self, host: str) -> float:
        """Base delay for the host before jitter: the configured delay, raised by Crawl-delay."""
        return max(self.delay, self._floor.get(host, 0.0))

    def jittered(self, host: str) -> float:
        base = self.delay_for(host)
        if host in self._floor and self._floor[host] >= self.delay:
            # Crawl-delay is a floor the site asked for: jitter only upwards.
            return base * self._rng.uniform(1.0, 1.0 + self.jitter)
        return base * self._rng.uniform(1.0 - self.jitter, 1.0 + self.jitter)

    def defer(self, host: str, seconds: float, cap: float = MAX_RETRY_AFTER) -> float:
        """Push the host's next slot at least `seconds` (capped) from now; returns the wait applied."""
        wait = max(0.0, min(seconds, cap))
        with self._guard:
            self._next_at[host] = max(self._next_at.get(host, 0.0), self._clock() + wait)
        return wait

    def ready_at(self, host: str) -> float:
        """Clock time at which the host may be asked again (0 when it never has been)."""
        return self._next_at.get(host, 0.0)

    @contextmanager
    def slot(self, host: str):
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._next_at.get(host, 0.0) - self._clock()
            if wait > 0:
                self._sleep(wait)
            try:
                yield
            finally:
                gap = self.jittered(host)
                with self._guard:
                    ended = self._clock()
                    self._last_end[host] = ended
                    self._next_at[host] = max(self._next_at.get(host, 0.0), ended + gap)
