"""Real HTTP servers on 127.0.0.1 for crawl tests: a route table, a request log, and hostile behaviours."""
from __future__ import annotations

import http.server
import socket
import struct
import threading
import time
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit


@dataclass
class Hit:
    at: float  # time.monotonic() when the request line arrived
    method: str
    path: str  # path with query
    user_agent: str
    headers: dict


Route = Callable[["Handler"], None]


class Handler(http.server.BaseHTTPRequestHandler):
    server: "RecordingServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - quiet
        pass

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without this, Nagle plus delayed ACK adds ~40 ms to
        # every keep-alive response and the server, not the crawler, would set the pace.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _dispatch(self) -> None:
        self.server.hits.append(Hit(time.monotonic(), self.command, self.path, self.headers.get("User-Agent", ""),
                                    {k.lower(): v for k, v in self.headers.items()}))
        with self.server.lock:
            self.server.active += 1
            self.server.max_active = max(self.server.max_active, self.server.active)
        try:
            route = self.server.routes.get(self.path) or self.server.routes.get(urlsplit(self.path).path)
            if route is None:
                self.send(404, b"<!doctype html><title>Not found</title><h1>Not found</h1>")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True
        finally:
            with self.server.lock:
                self.server.active -= 1

    do_GET = do_HEAD = _dispatch

    # ---- helpers routes use ----
    def send(self, status: int, body: bytes | str = b"", content_type: str = "text/html; charset=utf-8",
             headers: dict | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send(status, b"", headers={"Location": location})

    def reset(self) -> None:
        """Close with a TCP RST and no response at all."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


class RecordingServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, routes: dict[str, Route]):
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes = routes
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.active = 0
        self.max_active = 0  # most requests being answered at once
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self, method: str | None = None) -> list[str]:
        return [h.path for h in self.hits if method is None or h.method == method]

    def __enter__(self) -> "RecordingServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()


def page(title: str, links: list[str] = (), extra: str = "") -> str:
    anchors = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><main><h1>{title}</h1><ul>{anchors}</ul>{extra}</main></body></html>")


def html_route(title: str, links: list[str] = (), status: int = 200, **kw) -> Route:
    body = page(title, links, **kw)
    return lambda h: h.send(status, body)


def text_route(body: str | bytes, content_type: str = "text/plain", status: int = 200, headers=None) -> Route:
    return lambda h: h.send(status, body, content_type, headers)


def gaps(hits: list[Hit]) -> list[float]:
    times = sorted(h.at for h in hits)
    return [b - a for a, b in zip(times, times[1:])]
