"""Where a page's time goes in the axe engine: wall time per page in each stage, with one browser.

    .venv/bin/python bench/axe_stages.py [--pages 30]

Serves a generated ministry site (tests/sitegen.py) on 127.0.0.1 and audits its first --pages pages with the
axe engine (`audit_urls`, concurrency 1), timing the engine's own calls: page load (WebDriver.get), axe.run (one
round trip that also cuts the results down and adds Kasauti paths; `inject` only runs on pages with frames),
turning results into findings, and the browser checks (BRW001-BRW006: layout, keyboard, contrast). The stages nest (PageAudit._audit holds the others). The starting point for the throughput target of
bench/axe_throughput.py.
"""
from __future__ import annotations

import argparse
import collections
import functools
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.axe_throughput import page_urls, serve  # noqa: E402
from kasauti.linter.engines import axe  # noqa: E402
from tests.sitegen import generate_site  # noqa: E402


def timed(cls, name: str, totals: dict) -> None:
    """Replace cls.name by a wrapper that adds its wall time to totals["Class.name"]."""
    original = getattr(cls, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            totals[f"{cls.__name__}.{name}"] += time.perf_counter() - start

    setattr(cls, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30)
    args = parser.parse_args()
    from selenium.webdriver.remote.webdriver import WebDriver  # noqa: PLC0415

    totals: dict[str, float] = collections.defaultdict(float)
    pinned = axe._axe_class()
    axe._axe_class = lambda: pinned  # one class, so that its timed methods are the ones the engine calls
    for cls, names in ((axe.PageAudit, ("_audit", "_axe_findings")), (pinned, ("inject", "run")),
                       (axe.BrowserChecks, ("contrast", "run", "layout", "keyboard")), (WebDriver, ("get",))):
        for name in names:
            timed(cls, name, totals)
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate_site(Path(tmp) / "site", max(args.pages + 10, 40))
        server, base = serve(folder)
        try:
            urls = page_urls(folder, base)[: args.pages]
            start = time.perf_counter()
            pages = list(axe.audit_urls(urls, axe.AxeOptions(concurrency=1)))
            wall = time.perf_counter() - start
        finally:
            server.shutdown()
    errors = sum(1 for p in pages if p.error)
    print(f"{len(pages)} pages ({errors} errors) in {wall:.1f} s: {wall / len(pages) * 1000:.0f} ms per page "
          f"(browser start included); {sum(len(p.findings) for p in pages) / len(pages):.0f} findings per page")
    for key, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {key:32s} {seconds / len(pages) * 1000:6.0f} ms per page")


if __name__ == "__main__":
    main()
