"""Which URLs belong to the audit: the same site, the include/exclude globs, and the depth limit.

"The same site" is the start host with or without a leading www. (ministry.gov.in and www.ministry.gov.in
are one site; hindi.ministry.gov.in is another). A start URL that redirects to another host (http -> https,
bare -> www, old domain -> new) brings that host into scope, since that is where the site now lives.
"""
from __future__ import annotations

from fnmatch import fnmatchcase
from urllib.parse import urlsplit

from .urls import site_host


class Scope:
    def __init__(self, start_urls: list[str] = (), include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
                 max_depth: int = 10):
        self.hosts: set[str] = set()
        self.include = tuple(include)
        self.exclude = tuple(exclude)
        self.max_depth = max_depth
        for url in start_urls:
            self.add_site(url)

    def add_site(self, url_or_host: str) -> None:
        host = site_host(url_or_host)
        if host:
            self.hosts.add(host)

    def same_site(self, url: str) -> bool:
        return site_host(url) in self.hosts

    def filtered_out(self, url: str) -> str | None:
        """Why include/exclude rule the URL out (None when it is in). Globs match the full URL or the path
        (with its query), so both `*/tenders/*` and `/tenders/*` work."""
        if not self.include and not self.exclude:
            return None
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        for pattern in self.exclude:
            if fnmatchcase(url, pattern) or fnmatchcase(path, pattern) or fnmatchcase(parts.path, pattern):
                return f"excluded by {pattern!r}"
        if self.include and not any(fnmatchcase(url, p) or fnmatchcase(path, p) or fnmatchcase(parts.path, p)
                                    for p in self.include):
            return "not matched by any include pattern"
        return None

    def within_depth(self, depth: int) -> bool:
        return depth <= self.max_depth
