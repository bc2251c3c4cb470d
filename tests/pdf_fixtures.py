"""Small PDFs written byte by byte: pages of text lines in Helvetica, as a typesetter lays them."""

from __future__ import annotations


def text_pdf(
    pages: list[list[str]], *, title: str | None = None, author: str | None = None
) -> bytes:
    """A PDF whose pages show these lines from the top, one under another (Windows-1252 text)."""
    page_count = len(pages)
    first_page = 4
    info_number = first_page + 2 * page_count
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(page_count))
    bodies: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {page_count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, lines in enumerate(pages):
        content_number = first_page + 2 * index + 1
        bodies.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
            f" /Resources << /Font << /F1 3 0 R >> >> /Contents {content_number} 0 R >>".encode()
        )
        shown = b" ".join(b"(" + _escaped(line) + b") Tj T*" for line in lines)
        stream = b"BT /F1 11 Tf 14 TL 72 740 Td " + shown + b" ET"
        bodies.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    info = []
    if title is not None:
        info.append(b"/Title (" + _escaped(title) + b")")
    if author is not None:
        info.append(b"/Author (" + _escaped(author) + b")")
    bodies.append(b"<< " + b" ".join(info) + b" >>")
    assert len(bodies) == info_number
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(bodies) + 1, info_number)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _escaped(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
