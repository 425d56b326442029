"""The survey's CSV: columns, normalisation, duplicates and bad rows reported with line numbers."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from kasauti.linter.fleet.sites import SitesFileError, load_sites, normalise_site_url, parse_sites, site_id, site_slug


def test_columns_aliases_and_normalisation():
    text = ("URL,Ministry/Department,State,Category\n"
            "HTTPS://Jalshakti.GOV.in:443/index.html,Ministry of Jal Shakti,Delhi,ministry\n"
            "rural.nic.in,Ministry of Rural Development, Bihar ,department\n"
            "http://127.0.0.1:8080/portal/,  Test   Dept ,,\n")
    sites = parse_sites(text).sites
    assert [s.url for s in sites] == ["https://jalshakti.gov.in/index.html", "https://rural.nic.in/",
                                      "http://127.0.0.1:8080/portal/"]
    assert [s.line for s in sites] == [2, 3, 4]
    assert sites[1].state == "Bihar" and sites[2].ministry == "Test Dept" and sites[2].category == ""
    other = parse_sites("website,department\nhttps://a.gov.in/,Department of Posts\n").sites[0]
    assert other.ministry == "Department of Posts" and other.state == ""


def test_duplicates_and_bad_rows_are_reported_with_line_numbers():
    text = ("url,ministry\n"
            "https://a.gov.in/,A\n"
            "ftp://files.gov.in/,B\n"
            "\n"
            "https://A.gov.in:443/,A again\n"
            ",no url\n"
            "mailto:webmaster@gov.in,C\n"
            "https://exa mple.gov.in/,D\n"
            "https://b.gov.in/,B\n")
    result = parse_sites(text)
    assert [s.url for s in result.sites] == ["https://a.gov.in/", "https://b.gov.in/"]
    assert [(p.line, p.kind) for p in result.problems] == [(3, "invalid"), (5, "duplicate"), (6, "invalid"),
                                                            (7, "invalid"), (8, "invalid")]
    assert "line 2" in str(result.duplicates[0]) and "ftp" in result.errors[0].message


def test_unusable_files(tmp_path):
    with pytest.raises(SitesFileError, match="empty"):
        parse_sites("")
    with pytest.raises(SitesFileError, match="no url column"):
        parse_sites("ministry,state\nA,B\n")
    with pytest.raises(SitesFileError, match="no usable site.*line 2"):
        parse_sites("url\nnot a url\n")
    with pytest.raises(SitesFileError, match="cannot read"):
        load_sites(tmp_path / "missing.csv")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("url,ministry\nhttps://a.gov.in/,Minist\xe8re\n".encode("latin-1"))
    with pytest.raises(SitesFileError, match="not UTF-8"):
        load_sites(bad)


def test_spreadsheet_bom_hindi_and_stable_ids(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_bytes("\ufeffurl,ministry/department,state\nhttps://jalshakti.gov.in/,जल शक्ति मंत्रालय,दिल्ली\n"
                     .encode("utf-8"))
    listing = load_sites(path)
    assert listing.sites[0].ministry == "जल शक्ति मंत्रालय" and len(listing.sha256) == 64
    assert listing.sites[0].site_id == site_id("https://jalshakti.gov.in/") == load_sites(path).sites[0].site_id
    assert site_slug("http://127.0.0.1:8080/a/b/").startswith("127.0.0.1-8080-a-b-")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_either_parses_or_says_why(text):
    try:
        result = parse_sites(text)
    except SitesFileError:
        return
    for site in result.sites:
        assert normalise_site_url(site.url) == site.url  # normal form is stable
        assert site.url.startswith(("http://", "https://"))
    assert len({s.url for s in result.sites}) == len(result.sites)
