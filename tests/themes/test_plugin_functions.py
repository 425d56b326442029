"""The kasauti plugin's plain functions, without a MkDocs build (fast)."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kasauti.themes.plugin import checks, documents, fonts, links, search_index, sitemap


# ---- download labels --------------------------------------------------------------------------------------
@pytest.mark.parametrize("size, text", [
    (0, "0 bytes"), (1023, "1023 bytes"), (1024, "1 KB"), (40 * 1024, "40 KB"), (1_258_291, "1.2 MB"),
    (5 * 1024 * 1024, "5.0 MB"), (3 * 1024 ** 3, "3.0 GB"),
])
def test_human_size_uses_binary_units(size, text):
    assert documents.human_size(size) == text


def test_download_label_names_format_and_size():
    assert documents.download_label("pdf", 1_258_291) == "(PDF, 1.2 MB)"
    assert documents.download_label("docx", 2048) == "(DOCX, 2 KB)"


@pytest.mark.parametrize("text, labelled", [
    ("Annual report (PDF, 1.2 MB)", True),
    ("वार्षिक रिपोर्ट (पीडीएफ, 300 केबी)", True),
    ("Annual report", False),
    ("Report for 2024 (final)", False),
])
def test_existing_label_is_recognised(text, labelled):
    assert documents.has_label(text) is labelled


@given(st.integers(min_value=0, max_value=2 ** 40))
def test_every_size_gives_a_label_the_existing_label_pattern_accepts(size):
    assert documents.has_label(documents.download_label("pdf", size))


# ---- link rewriting -----------------------------------------------------------------------------------------
def _settings(tmp_path, **overrides):
    report = tmp_path / "report.pdf"
    report.write_bytes(b"x" * 1_258_291)
    files = {"documents/report.pdf": SimpleNamespace(abs_src_path=str(report))}
    values = dict(page_url="hi/about/", site_host="ministry.gov.in", site_path="/", files_by_url=files,
                  download_extensions=frozenset({"pdf"}), language="en")
    values.update(overrides)
    return links.LinkSettings(**values)


def test_relative_download_link_gets_real_format_and_size(tmp_path):
    html, report = links.rewrite_links('<p><a href="../../documents/report.pdf">Annual report</a></p>',
                                       _settings(tmp_path))
    assert html == ('<p><a href="../../documents/report.pdf">Annual report '
                    '<span class="kasauti-filemeta">(PDF, 1.2 MB)</span></a></p>')
    assert report.documents[0][2] == 1_258_291 and not report.missing_documents


def test_download_already_labelled_is_left_alone(tmp_path):
    source = '<a href="../../documents/report.pdf">Annual report (PDF, 1.2 MB)</a>'
    html, report = links.rewrite_links(source, _settings(tmp_path))
    assert html == source and len(report.documents) == 1


def test_missing_document_is_reported_not_labelled(tmp_path):
    source = '<a href="../../documents/gone.pdf">Old circular</a>'
    html, report = links.rewrite_links(source, _settings(tmp_path))
    assert html == source
    assert report.missing_documents == ["../../documents/gone.pdf"]


def test_absolute_link_to_own_site_is_a_download_not_external(tmp_path):
    source = '<a href="https://ministry.gov.in/documents/report.pdf">Report</a>'
    html, report = links.rewrite_links(source, _settings(tmp_path))
    assert "(PDF, 1.2 MB)" in html and "kasauti-external" not in html and report.external == 0


def test_external_link_is_marked_for_eyes_and_screen_readers(tmp_path):
    html, report = links.rewrite_links('<a href="https://example.org/x" title="t">Partner</a>',
                                       _settings(tmp_path))
    assert 'class="kasauti-external"' in html
    assert 'target="_blank"' in html and 'rel="noopener noreferrer"' in html
    assert '<span class="kasauti-sr-only"> (external website, opens in a new tab)</span></a>' in html
    assert "data-kasauti-notice" not in html and report.external == 1


def test_external_link_text_follows_page_language_and_keeps_existing_class(tmp_path):
    html, _ = links.rewrite_links('<a class="button" href="https://example.org/">साझेदार</a>',
                                  _settings(tmp_path, language="hi", new_tab=False))
    assert 'class="button kasauti-external"' in html
    assert "(बाहरी वेबसाइट)" in html and "target=" not in html


def test_notice_only_for_non_government_hosts(tmp_path):
    settings = _settings(tmp_path, notice=True, government_domains=("gov.in", "nic.in"))
    html, _ = links.rewrite_links('<a href="https://example.org/">A</a> <a href="https://www.india.gov.in/">B</a>'
                                  ' <a href="https://evilgov.in/">C</a>', settings)
    first, second, third = html.split("</a>")[:3]
    assert "data-kasauti-notice" in first
    assert "data-kasauti-notice" not in second
    assert "data-kasauti-notice" in third  # "evilgov.in" is not under gov.in


def test_links_that_are_neither_downloads_nor_external_are_untouched(tmp_path):
    source = ('<a href="#section">Jump</a><a href="mailto:a@gov.in">Mail</a><a href="../contact/">Contact</a>'
              '<a class="headerlink" href="https://example.org/">¶</a>')
    html, report = links.rewrite_links(source, _settings(tmp_path))
    assert html == source and report.external == 0


@given(st.text(max_size=200))
def test_rewriting_never_fails_on_arbitrary_text(tmp_path_factory, text):
    settings = _settings(tmp_path_factory.mktemp("doc"))
    html, _ = links.rewrite_links(f'<a href="{text}">{text}</a>', settings)
    assert isinstance(html, str)


# ---- HTML sitemap ---------------------------------------------------------------------------------------
def test_sitemap_marker_is_found_with_or_without_paragraph_and_spacing():
    pattern = sitemap.marker_pattern("<!-- kasauti:sitemap -->")
    for text in ("<!-- kasauti:sitemap -->", "<p><!--kasauti:sitemap--></p>", "<p>\n<!--  kasauti:sitemap -->\n</p>"):
        assert pattern.fullmatch(text)
    assert not pattern.search("<!-- kasauti:sitemaps -->")


# ---- site checks ----------------------------------------------------------------------------------------
def _docs(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return str(tmp_path)


def test_missing_required_pages_lists_absent_default_language_sources(tmp_path):
    docs = _docs(tmp_path, {"index.md": "# Home", "contact.hi.md": "# संपर्क"})
    assert checks.missing_required_pages(docs, ["index.md", "contact.md"]) == ["contact.md"]


def test_missing_translations_respects_fallback_front_matter(tmp_path):
    docs = _docs(tmp_path, {
        "index.md": "# Home", "index.hi.md": "# मुखपृष्ठ",
        "news/item.md": "# News",
        "tenders.md": "---\ntranslation: fallback\n---\n# Tenders",
        "only-hindi.hi.md": "# केवल हिंदी",
    })
    assert checks.missing_translations(docs, "en", ["hi"]) == [("news/item.md", "hi")]


def test_identity_problems_name_what_is_missing():
    assert checks.identity_problems({}) and "extra.kasauti" in checks.identity_problems({})[0]
    problems = checks.identity_problems({"kasauti": {"ministry": {"en": "Ministry of X"}, "wim": {"name": "A"}}})
    assert len(problems) == 1 and "wim" in problems[0]
    assert checks.identity_problems({"kasauti": {"ministry": "M", "wim": {"name": "A", "email": "a@gov.in"}}}) == []


def test_count_h1():
    assert checks.count_h1('<h1 id="a">A</h1><h2>B</h2><h1>C</h1><h10>') == 2


# ---- search index ---------------------------------------------------------------------------------------
def test_search_index_gets_material_settings_and_no_segmenter_language(tmp_path):
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"config": {"lang": ["en", "hi"], "separator": "[\\s\\-]+"}, "docs": []}))
    assert search_index.complete_search_index(str(tmp_path))
    config = json.loads(path.read_text())["config"]
    assert config["lang"] == ["en"] and config["pipeline"] == ["stopWordFilter"]
    assert set(config["fields"]) == {"title", "text", "tags"}
    assert not search_index.complete_search_index(str(tmp_path))  # idempotent


def test_search_index_keeps_hindi_when_the_site_opts_in(tmp_path):
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"config": {"lang": ["en", "hi"]}, "docs": []}))
    search_index.complete_search_index(str(tmp_path), keep_segmented=True)
    assert json.loads(path.read_text())["config"]["lang"] == ["en", "hi"]


# ---- identity font --------------------------------------------------------------------------------------
def test_identity_characters_are_the_devanagari_of_the_header():
    texts = fonts.chrome_texts({"ministry": {"en": "Ministry", "hi": "जल मंत्रालय"}}, ["English", "हिन्दी"])
    chars = fonts.devanagari_characters(texts)
    assert "ज" in chars and "ह" in chars and "स" in chars  # ministry, language name, motto
    assert not any(ch.isascii() for ch in chars)
    assert fonts.unicode_range("जल") == "U+091C,U+0932"
    assert fonts.file_name(chars) != fonts.file_name(chars + "क")


@pytest.mark.skipif(not fonts.available(), reason="fontTools and brotli are not installed")
def test_identity_subset_is_small_and_covers_every_character(tmp_path):
    from fontTools.ttLib import TTFont

    chars = fonts.devanagari_characters(["जल संरक्षण मंत्रालय", fonts.MOTTO])
    target = tmp_path / "identity.woff2"
    size = fonts.write_subset(chars, str(target))
    assert size < 20_000  # the full face is 50 KB
    cmap = TTFont(str(target)).getBestCmap()
    assert all(ord(ch) in cmap for ch in chars)


@pytest.mark.skipif(not fonts.available(), reason="fontTools and brotli are not installed")
def test_identity_subset_is_cut_once_then_copied_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    chars = fonts.devanagari_characters(["भारत सरकार"])
    cut = []
    monkeypatch.setattr(fonts, "_cut_subset", lambda c, t, real=fonts._cut_subset: cut.append(c) or real(c, t))
    first = fonts.write_subset(chars, str(tmp_path / "a.woff2"))
    second = fonts.write_subset(chars, str(tmp_path / "b.woff2"))
    assert cut == [chars] and first == second
    assert (tmp_path / "a.woff2").read_bytes() == (tmp_path / "b.woff2").read_bytes()
    assert fonts.cache_path(chars).startswith(str(tmp_path / "cache" / "kasauti" / "fonts"))
    assert fonts.cache_path(chars) != fonts.cache_path(chars + "क")
