"""An in-memory Fetcher for unit tests of crawl logic (scope, robots, frontier, budgets) without sockets.

Routes map a normalised URL to a FakeResponse or to a callable(url, method, headers) returning one. Every
request is logged with its clock time so tests can check what was asked, in what order, how far apart.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from .fetch import BodyWanted, RawResponse, wants_body


@dataclass
class FakeResponse:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=lambda: {"content-type": "text/html; charset=utf-8"})
    error: str | None = None
    error_detail: str = ""


def html(body: str, status: int = 200, **headers: str) -> FakeResponse:
    return FakeResponse(status, body, {"content-type": "text/html; charset=utf-8", **headers})


def redirect(location: str, status: int = 301) -> FakeResponse:
    return FakeResponse(status, b"", {"location": location})


Route = FakeResponse | Callable[[str, str, dict], FakeResponse]


class FakeFetcher:
    def __init__(self, routes: dict[str, Route] | None = None, default: FakeResponse | None = None):
        self.routes: dict[str, Route] = dict(routes or {})
        self.default = default or FakeResponse(404, "<h1>Not found</h1>")
        self.requests: list[tuple[float, str, str]] = []  # (monotonic time, method, url)
        self._lock = threading.Lock()
        self.closed = False

    def fetch(self, url: str, method: str = "GET", headers: dict[str, str] | None = None,
              body: bool | BodyWanted = True) -> RawResponse:
        with self._lock:
            self.requests.append((time.monotonic(), method, url))
        route = self.routes.get(url, self.default)
        answer = route(url, method, headers or {}) if callable(route) else route
        lowered = {k.lower(): v for k, v in answer.headers.items()}
        data = answer.body.encode("utf-8") if isinstance(answer.body, str) else answer.body
        length = lowered.get("content-length", "")
        result = RawResponse(url=url, status=None if answer.error else answer.status, headers=lowered,
                             error=answer.error, error_detail=answer.error_detail,
                             size=int(length) if length.isascii() and length.isdigit() else len(data))
        if answer.error is None and method != "HEAD" and wants_body(body, answer.status, lowered):
            result.body = data
        return result

    def urls(self, method: str | None = None) -> list[str]:
        return [u for _, m, u in self.requests if method is None or m == method]

    def close(self) -> None:
        self.closed = True
