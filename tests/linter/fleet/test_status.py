"""The failure taxonomy: every crawler error kind has a survey status; classification of finished audits."""
from __future__ import annotations

from kasauti.linter.crawl.fetch import ERROR_KINDS
from kasauti.linter.fleet.status import ERROR_TO_STATUS, STATUSES, StartRecord, classify


def test_every_crawler_error_kind_maps_to_a_status():
    assert set(ERROR_KINDS) <= set(ERROR_TO_STATUS)
    assert set(ERROR_TO_STATUS.values()) <= set(STATUSES)
    assert {"ok", "dns", "tls", "connect", "timeout", "http-error", "robots-blocked", "not-html", "empty",
            "crashed", "time-limit"} <= set(STATUSES)


def test_classify():
    assert classify(3, StartRecord(status=200)) == ("ok", "")
    assert classify(2, StartRecord(status=500)) == ("ok", "start page: HTTP 500")
    assert classify(0, StartRecord(error="dns", detail="no such host"))[0] == "dns"
    assert classify(0, StartRecord(error="too-many-redirects"))[0] == "redirect-loop"
    assert classify(0, StartRecord(error="http-error"))[0] == "protocol-error"
    assert classify(0, StartRecord(error="robots-disallowed"))[0] == "robots-blocked"
    assert classify(0, StartRecord(status=404)) == ("http-error", "HTTP 404")
    assert classify(0, StartRecord(status=200, resource="document"))[0] == "not-html"
    assert classify(0, None, ["timeout: timed out"])[0] == "timeout"
    assert classify(0, None, ["HTTP 503"])[0] == "http-error"
    assert classify(0, None, [])[0] == "empty"
