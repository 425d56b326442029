"""The frontier: URLs waiting to be fetched, de-duplicated on their normalised form, grouped by host.

Each host has three lanes, served in order: control (robots.txt, sitemaps - they shape what comes next),
pages (breadth-first: FIFO in discovery order), checks (documents and external links: a HEAD each).
"""
from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass

from .urls import host_key

LANES = ("control", "page", "check")
_LANE_OF = {"robots": "control", "sitemap": "control", "page": "page", "document": "check", "link-check": "check"}


@dataclass
class Task:
    url: str  # normalised
    kind: str  # robots | sitemap | page | document | link-check
    depth: int = 0
    referrer: str | None = None
    seq: int = 0
    level: int = 0  # sitemap index nesting

    @property
    def host(self) -> str:
        return host_key(self.url)

    @property
    def lane(self) -> str:
        return _LANE_OF[self.kind]


class Frontier:
    def __init__(self):
        self.seen: set[str] = set()
        self._hosts: dict[str, dict[str, deque[Task]]] = {}
        self._counter = itertools.count()

    def __len__(self) -> int:
        return sum(len(q) for lanes in self._hosts.values() for q in lanes.values())

    def mark_seen(self, url: str) -> bool:
        """True when the URL is new (and is now seen)."""
        if url in self.seen:
            return False
        self.seen.add(url)
        return True

    def push(self, task: Task, front: bool = False) -> None:
        task.seq = task.seq or next(self._counter)
        lanes = self._hosts.setdefault(task.host, {lane: deque() for lane in LANES})
        (lanes[task.lane].appendleft if front else lanes[task.lane].append)(task)

    def hosts(self) -> list[str]:
        return list(self._hosts)

    def pop(self, host: str, pages_ok: bool = True) -> Task | None:
        lanes = self._hosts.get(host)
        if lanes is None:
            return None
        for lane in LANES:
            if lane == "page" and not pages_ok:
                continue
            if lanes[lane]:
                task = lanes[lane].popleft()
                if not any(lanes.values()):
                    del self._hosts[host]
                return task
        return None

    def has_work(self, host: str, pages_ok: bool = True) -> bool:
        lanes = self._hosts.get(host)
        return bool(lanes) and any(lanes[lane] for lane in LANES if pages_ok or lane != "page")

    def drop_pages(self) -> list[Task]:
        """Remove and return every waiting page task (the page budget is spent)."""
        dropped = []
        for host in list(self._hosts):
            lanes = self._hosts[host]
            dropped.extend(lanes["page"])
            lanes["page"].clear()
            if not any(lanes.values()):
                del self._hosts[host]
        return dropped
