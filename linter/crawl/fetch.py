"""The fetcher interface and its httpx implementation: one HTTP exchange, never more, never an exception.

A fetcher does a single request and returns what happened as a RawResponse - redirects are *not* followed
here, so the crawler can record every hop, detect loops and apply politeness to each one. Every failure
becomes an error kind from one small taxonomy (ERROR_KINDS) with a human detail message.
"""
from __future__ import annotations

import socket
import ssl
import time
from dataclasses import dataclass, field
from typing import Callable, Protocol

import httpx

from .decode import ACCEPT_ENCODING, BodyDecoder, DecompressionError

# What went wrong, in words a report can group by. A status >= 400 is not an error: it is a status.
ERROR_KINDS = {
    "dns": "the host name does not resolve",
    "connect": "the connection failed or was reset",
    "tls": "the TLS (https) handshake failed",
    "timeout": "no complete answer in time",
    "too-large": "the response is larger than the size limit",
    "redirect-loop": "redirects lead back to a URL already visited",
    "too-many-redirects": "more redirects than allowed",
    "http-error": "the server broke the HTTP protocol",
    "decode": "the body could not be decompressed",
    "not-html": "a page URL served something other than HTML",
    "robots-disallowed": "robots.txt asks crawlers not to fetch it",
    "trap": "refused as a likely crawler trap",
    "invalid-url": "the URL cannot be fetched as written",
}

BodyWanted = Callable[[int, dict], bool]  # (status, lower-cased headers) -> read the body?


@dataclass
class RawResponse:
    """The outcome of one request: a response, or an error kind (and maybe a partial response)."""

    url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names; repeated headers comma-joined
    body: bytes = b""  # decompressed; empty when the body was not wanted
    error: str | None = None
    error_detail: str = ""
    elapsed_ms: float = 0.0
    size: int | None = None  # decompressed bytes read, else Content-Length

    @property
    def content_type(self) -> str:
        return (self.headers.get("content-type") or "").split(";", 1)[0].strip().lower()


class Fetcher(Protocol):
    """What the crawler needs from HTTP. `body` says whether to read the body once headers are known."""

    def fetch(self, url: str, method: str = "GET", headers: dict[str, str] | None = None,
              body: bool | BodyWanted = True) -> RawResponse: ...

    def close(self) -> None: ...


def wants_body(body: bool | BodyWanted, status: int, headers: dict) -> bool:
    return body(status, headers) if callable(body) else bool(body)


class HttpxFetcher:
    """HTTP/1.1 over one thread-safe httpx.Client, streaming with a size cap and a total deadline.

    Decompression is done here rather than by httpx so that output can be bounded per chunk (BodyDecoder):
    httpx would inflate a whole network chunk at once, which for a gzip bomb is already too much.
    """

    def __init__(self, user_agent: str, timeout: float = 20.0, max_bytes: int = 5_000_000, *,
                 verify: bool | ssl.SSLContext = True, max_connections: int = 8):
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.client = httpx.Client(
            http1=True, http2=False, follow_redirects=False, verify=verify, trust_env=True,
            timeout=httpx.Timeout(timeout),
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
            headers={"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING,
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                     "Accept-Language": "en-IN,en;q=0.9,hi;q=0.8"},
        )

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str, method: str = "GET", headers: dict[str, str] | None = None,
              body: bool | BodyWanted = True) -> RawResponse:
        started = time.monotonic()
        # A slow drip answers each read within the timeout but never finishes; the deadline cuts it.
        deadline = started + self.timeout
        result = RawResponse(url=url)
        try:
            with self.client.stream(method, url, headers=headers) as response:
                result.status = response.status_code
                result.headers = {k.lower(): v for k, v in response.headers.items()}
                length = _content_length(result.headers)
                result.size = length
                if method == "HEAD" or not wants_body(body, result.status, result.headers):
                    return result
                if length is not None and length > self.max_bytes:
                    return _fail(result, "too-large", f"Content-Length {length} exceeds the limit of {self.max_bytes} bytes")
                self._read_body(response, result, deadline)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a recorded error kind
            kind, detail = classify_error(exc)
            _fail(result, kind, detail)
        finally:
            result.elapsed_ms = round((time.monotonic() - started) * 1000, 1)
        return result

    def _read_body(self, response: httpx.Response, result: RawResponse, deadline: float) -> None:
        try:
            decoder = BodyDecoder(result.headers.get("content-encoding"))
        except DecompressionError as exc:
            _fail(result, "decode", str(exc))
            return
        chunks: list[bytes] = []
        total = 0
        raw_total = 0
        for raw in response.iter_raw():
            raw_total += len(raw)
            try:
                data = decoder.feed(raw, self.max_bytes - total)
            except DecompressionError as exc:
                _fail(result, "decode", str(exc))
                return
            total += len(data)
            if total > self.max_bytes or raw_total > self.max_bytes:
                result.size = total
                result.body = b"".join(chunks)  # what fitted; callers that cannot use a partial body drop it
                _fail(result, "too-large", f"body exceeds the limit of {self.max_bytes} bytes "
                      f"({raw_total} bytes received{', decompressed' if decoder.coding else ''})")
                return
            chunks.append(data)
            if time.monotonic() > deadline:
                result.size = total
                _fail(result, "timeout", f"body not complete after {self.timeout:g} s ({total} bytes so far)")
                return
        result.body = b"".join(chunks)
        result.size = total


def _fail(result: RawResponse, kind: str, detail: str) -> RawResponse:
    result.error = kind
    result.error_detail = detail
    return result


def _content_length(headers: dict[str, str]) -> int | None:
    value = headers.get("content-length", "").split(",")[0].strip()
    return int(value) if value.isascii() and value.isdigit() else None


def _causes(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def classify_error(exc: BaseException) -> tuple[str, str]:
    """Map an exception from the HTTP stack to (error kind, human detail)."""
    chain = list(_causes(exc))
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        phase = {httpx.ConnectTimeout: "connecting", httpx.ReadTimeout: "waiting for data",
                 httpx.WriteTimeout: "sending", httpx.PoolTimeout: "waiting for a connection"}.get(type(exc), "")
        return "timeout", f"timed out {phase}".strip()
    text = " ".join(str(e) for e in chain)
    if any(isinstance(e, socket.gaierror) for e in chain) or any(
            s in text for s in ("Name or service not known", "nodename nor servname", "getaddrinfo failed",
                                "No address associated with hostname", "Temporary failure in name resolution")):
        return "dns", f"host name lookup failed: {detail}"
    if any(isinstance(e, (ssl.SSLError, ssl.CertificateError)) for e in chain):
        return "tls", f"TLS handshake failed: {detail}"
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return "invalid-url", detail
    if isinstance(exc, httpx.RemoteProtocolError):
        if "without sending" in detail and "response" in detail:
            return "connect", f"the server closed the connection without answering: {detail}"
        return "http-error", f"malformed or incomplete HTTP response: {detail}"
    if isinstance(exc, (httpx.ConnectError, httpx.ReadError, httpx.WriteError, httpx.CloseError)) or any(
            isinstance(e, (ConnectionError, OSError)) for e in chain):
        return "connect", f"connection failed: {detail}"
    if isinstance(exc, httpx.HTTPError):
        return "http-error", f"{type(exc).__name__}: {detail}"
    return "http-error", f"unexpected {type(exc).__name__}: {detail}"
