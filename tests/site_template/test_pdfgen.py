"""The sample-PDF writer: files are well-formed, tagged, titled and language-marked, and the committed copies
in content/documents/ and the template match what the catalogue generates today."""
from __future__ import annotations

import re

import pytest

from kasauti.site_template.pdfgen import SampleDocument, build_pdf
from kasauti.site_template.sample_documents import REFERENCE_DOCUMENTS, TEMPLATE_DOCUMENTS, targets

REFERENCE_DIR, TEMPLATE_DOCS_DIR = targets()
ALL = [(REFERENCE_DIR, doc) for doc in REFERENCE_DOCUMENTS] + [(TEMPLATE_DOCS_DIR, doc) for doc in TEMPLATE_DOCUMENTS]


def cross_reference_problems(data: bytes) -> list[str]:
    """Check the structure a PDF reader relies on first: header, EOF marker, startxref pointing at the xref
    table, and every xref offset pointing at the start of its object."""
    problems = []
    if not data.startswith(b"%PDF-1."):
        problems.append("no %PDF header")
    if not data.rstrip().endswith(b"%%EOF"):
        problems.append("no %%EOF marker")
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    if data[start:start + 4] != b"xref":
        return problems + [f"startxref {start} does not point at the xref table"]
    first, count = map(int, re.match(rb"xref\s+(\d+) (\d+)\s+", data[start:]).groups())
    table = re.findall(rb"(\d{10}) (\d{5}) ([nf]) ?\r?\n", data[start:])
    if len(table) != count:
        problems.append(f"xref declares {count} entries, has {len(table)}")
    for number, (offset, _, kind) in enumerate(table, start=first):
        if kind == b"n" and not data[int(offset):].startswith(f"{number} 0 obj".encode()):
            problems.append(f"object {number}: xref offset {int(offset)} is wrong")
    return problems


@pytest.mark.parametrize(("folder", "doc"), ALL, ids=[doc.filename for _, doc in ALL])
def test_committed_pdf_matches_the_catalogue(folder, doc):
    path = folder / doc.filename
    assert path.is_file(), f"{path} missing: run `python -m kasauti.site_template.pdfgen`"
    assert path.read_bytes() == build_pdf(doc), f"{path} is stale: run `python -m kasauti.site_template.pdfgen`"


@pytest.mark.parametrize("doc", REFERENCE_DOCUMENTS + TEMPLATE_DOCUMENTS, ids=lambda d: d.filename)
def test_generated_pdf_is_well_formed_and_small(doc):
    data = build_pdf(doc)
    assert cross_reference_problems(data) == []
    assert len(data) < 20_000
    assert build_pdf(doc) == data  # reproducible byte for byte


def test_cross_reference_check_catches_corrupted_files():
    good = build_pdf(REFERENCE_DOCUMENTS[0])
    shifted = good[:9] + b"% an inserted comment shifts every object\n" + good[9:]
    assert any("startxref" in problem for problem in cross_reference_problems(shifted))
    entry = re.findall(rb"\d{10} 00000 n", good)[2]  # object 3's entry, same length when nudged by one byte
    nudged = good.replace(entry, b"%010d 00000 n" % (int(entry[:10]) + 1))
    assert cross_reference_problems(nudged) == ["object 3: xref offset %d is wrong" % (int(entry[:10]) + 1)]


@pytest.mark.parametrize("doc", REFERENCE_DOCUMENTS[:3] + TEMPLATE_DOCUMENTS[:1], ids=lambda d: d.filename)
def test_pdf_reader_sees_title_language_tags_and_text(doc):
    pypdf = pytest.importorskip("pypdf")
    import io

    reader = pypdf.PdfReader(io.BytesIO(build_pdf(doc)), strict=True)
    catalog = reader.trailer["/Root"]
    assert reader.metadata.title == doc.title
    assert catalog["/Lang"] == "en-IN"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    tags = [kid.get_object()["/S"] for kid in catalog["/StructTreeRoot"]["/K"]["/K"]]
    assert tags[0] == "/H1" and set(tags[1:]) == {"/P"}
    text = " ".join(reader.pages[0].extract_text().split())
    assert doc.title.split()[0] in text and doc.paragraphs[-1].split()[-1] in text


def test_text_that_does_not_fit_on_one_page_is_refused():
    long_doc = SampleDocument(filename="x.pdf", title="Too long", paragraphs=("word " * 400,) * 3)
    with pytest.raises(ValueError, match="does not fit"):
        build_pdf(long_doc)


def test_every_reference_document_is_linked_from_a_page():
    pages = "\n".join(p.read_text("utf-8") for p in REFERENCE_DIR.parent.rglob("*.md"))
    unlinked = [doc.filename for doc in REFERENCE_DOCUMENTS if f"documents/{doc.filename})" not in pages]
    assert unlinked == []
