"""Write small, valid, tagged one-page PDFs for the sample documents of the reference site and the template.

Real ministry sites link many PDFs, and the Kasauti plugin labels each link with format and size, so the demo
sites need real files. They are generated rather than drawn by hand so they stay small, reproducible
(byte-identical on every run) and carry the accessibility basics a PDF checker looks for: a document title
shown in the title bar, a document language, and a structure tree (H1 and P tags) over the visible text.

Only the 14 standard fonts are used, so text must be Latin-1 (Hindi PDFs would need an embedded font and
shaping, which this tiny writer does not attempt).
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
LEFT_MARGIN, TOP = 56, 780
BODY_SIZE, TITLE_SIZE = 11, 16
LINE_GAP = 15
WRAP_COLUMNS = 88  # keeps an 11 pt Helvetica line inside the A4 margins
FIXED_DATE = "D:20261101000000+05'30'"  # fixed so regenerated files are byte-identical


@dataclass(frozen=True)
class SampleDocument:
    """One PDF to generate: where it goes (relative to a documents folder) and what it says."""

    filename: str
    title: str
    paragraphs: tuple[str, ...]
    author: str = "Ministry of Water Conservation"
    subject: str = ""
    lang: str = "en-IN"
    keywords: tuple[str, ...] = field(default_factory=tuple)


def _pdf_string(text: str) -> bytes:
    """A PDF literal string: Latin-1 bytes with the three special characters escaped."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def _content_stream(title: str, paragraphs: tuple[str, ...]) -> tuple[bytes, list[str]]:
    """Page drawing operators, each block wrapped in a marked-content sequence; returns the tag of each MCID."""
    ops: list[bytes] = []
    tags: list[str] = []
    y = TOP

    def block(tag: str, font: str, size: int, lines: list[str]) -> None:
        nonlocal y
        mcid = len(tags)
        tags.append(tag)
        ops.append(f"/{tag} <</MCID {mcid}>> BDC BT /{font} {size} Tf".encode())
        for line in lines:
            ops.append(f"1 0 0 1 {LEFT_MARGIN} {y} Tm ".encode() + _pdf_string(line) + b" Tj")
            y -= LINE_GAP if size == BODY_SIZE else LINE_GAP + 6
        ops.append(b"ET EMC")
        y -= 8

    block("H1", "F2", TITLE_SIZE, textwrap.wrap(title, 60))
    for paragraph in paragraphs:
        block("P", "F1", BODY_SIZE, textwrap.wrap(paragraph, WRAP_COLUMNS))
    if y < 40:
        raise ValueError(f"text of {title!r} does not fit on one A4 page; shorten it")
    return b"\n".join(ops), tags


def build_pdf(doc: SampleDocument) -> bytes:
    """Serialise `doc` as a complete PDF 1.7 file (objects, cross-reference table, trailer)."""
    stream, tags = _content_stream(doc.title, doc.paragraphs)
    # Object numbers: 1 catalog, 2 pages, 3 page, 4-5 fonts, 6 content, 7 struct tree root,
    # 8 Document element, 9 parent tree, 10 info, 11.. one structure element per marked block.
    first_elem = 11
    elem_refs = " ".join(f"{first_elem + i} 0 R" for i in range(len(tags)))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang " + _pdf_string(doc.lang)
        + b" /MarkInfo << /Marked true >> /StructTreeRoot 7 0 R"
        + b" /ViewerPreferences << /DisplayDocTitle true >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}]"
        " /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R"
        " /StructParents 0 /Tabs /S >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
        b"<< /Type /StructTreeRoot /K 8 0 R /ParentTree 9 0 R /ParentTreeNextKey 1 >>",
        f"<< /Type /StructElem /S /Document /P 7 0 R /K [{elem_refs}] >>".encode(),
        f"<< /Nums [0 [{elem_refs}]] >>".encode(),
        b"<< /Title " + _pdf_string(doc.title) + b" /Author " + _pdf_string(doc.author)
        + b" /Subject " + _pdf_string(doc.subject or doc.title)
        + b" /Keywords " + _pdf_string(", ".join(doc.keywords))
        + b" /Creator (Kasauti sample document generator) /Producer (kasauti.site_template.pdfgen)"
        + b" /CreationDate " + _pdf_string(FIXED_DATE) + b" /ModDate " + _pdf_string(FIXED_DATE) + b" >>",
    ]
    objects += [
        f"<< /Type /StructElem /S /{tag} /P 8 0 R /Pg 3 0 R /K {mcid} >>".encode()
        for mcid, tag in enumerate(tags)
    ]

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")  # binary comment marks the file as binary
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 10 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(out)


def write_documents(folder: Path, documents: tuple[SampleDocument, ...]) -> list[Path]:
    """Write every document under `folder`, creating sub-folders; returns the written paths."""
    written = []
    for doc in documents:
        path = folder / doc.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build_pdf(doc))
        written.append(path)
    return written


def main() -> None:
    """Regenerate the committed sample PDFs of the reference site and of the copier template."""
    from kasauti.site_template.sample_documents import REFERENCE_DOCUMENTS, TEMPLATE_DOCUMENTS, targets

    reference_dir, template_dir = targets()
    for folder, documents in ((reference_dir, REFERENCE_DOCUMENTS), (template_dir, TEMPLATE_DOCUMENTS)):
        for path in write_documents(folder, documents):
            print(f"{path}  {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
