"""A source's text from a file: plain text, Markdown, HTML or PDF.

The kind of file is told by its name (``.txt``, ``.md``, ``.html``,
``.pdf``, …) or, for other names, by its first bytes. Each kind has its own
reader; all of them return the words as a reader sees them, paragraphs
separated by blank lines, and whatever the file says of its title, author
and date. What cannot be read is a :class:`~argmap.errors.MapFileError`
that names the file and says why.

Limits: files of up to ``MAX_SOURCE_FILE_BYTES`` are read (a larger one is
refused at once, before reading), and a text of up to
:data:`argmap.model.MAX_SOURCE_TEXT` characters is kept (a PDF stops being
read as soon as its text passes that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from argmap.errors import MapFileError, Problem
from argmap.files import read_text_file
from argmap.model import MAX_SOURCE_TEXT, clean_text

__all__ = [
    "KINDS",
    "MAX_SOURCE_FILE_BYTES",
    "ExtractedText",
    "extract_file",
    "extract_string",
    "kind_of",
    "tidy",
]

MAX_SOURCE_FILE_BYTES = 32 * 1024 * 1024
KINDS: dict[str, tuple[str, ...]] = {
    "text": (".txt", ".text"),
    "markdown": (".md", ".markdown", ".mdown", ".mkd"),
    "html": (".html", ".htm", ".xhtml"),
    "pdf": (".pdf",),
}


@dataclass(frozen=True)
class ExtractedText:
    """A document's text and what the document says about itself (None where it says nothing)."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


class SourceTextError(Exception):
    """Raised by a reader with the reason a file cannot be read; the file is named by the caller."""


def extract_file(path: str | Path) -> ExtractedText:
    """The text of a file, by its kind; a MapFileError naming the file if it cannot be read."""
    path = Path(path)
    data = _read(path)
    kind = kind_of(path, data)
    try:
        extracted = _extract(kind, path, data)
    except SourceTextError as error:
        raise MapFileError(path, [Problem("", str(error))]) from None
    if not extracted.text.strip():
        raise MapFileError(path, [Problem("", f"the {_kind_name(kind)} holds no text")])
    _check_length(path, extracted.text)
    return extracted


def extract_string(text: str, *, html: bool = False) -> ExtractedText:
    """Text given directly (pasted): tidied, or read as HTML; a ValueError if it is too long.

    Plain text is measured before it is tidied, so that a huge paste is
    refused at once rather than after a pass over all of it.
    """
    if not html:
        _check_length(None, text)
    if html:
        from argmap.sourcetext.html_text import html_text

        extracted = html_text(text)
    else:
        extracted = ExtractedText(tidy(text))
    _check_length(None, extracted.text)
    return extracted


def kind_of(path: Path, data: bytes) -> str:
    """``text``, ``markdown``, ``html`` or ``pdf``: by the file's name, else by its first bytes."""
    suffix = path.suffix.lower()
    for kind, suffixes in KINDS.items():
        if suffix in suffixes:
            return kind
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "html"
    return "text"


def tidy(text: str) -> str:
    """Text fit to store and read: line breaks as ``\\n``, no control characters, no trailing
    spaces, at most one blank line in a row, no blank lines at either end."""
    text = clean_text(text)
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n ").rstrip()


def _read(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise MapFileError(path, [Problem("", "this is a folder, not a file")])
        size = path.stat().st_size
        if size > MAX_SOURCE_FILE_BYTES:
            raise MapFileError(
                path,
                [
                    Problem(
                        "",
                        f"the file is {size / 1_048_576:.1f} MB; argmap reads source files of up to"
                        f" {MAX_SOURCE_FILE_BYTES // 1_048_576} MB",
                    )
                ],
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise MapFileError(path, [Problem("", "no such file")]) from None
    except OSError as error:
        raise MapFileError(path, [Problem("", f"cannot read the file: {error.strerror}")]) from None


def _extract(kind: str, path: Path, data: bytes) -> ExtractedText:
    if kind == "pdf":
        from argmap.sourcetext.pdf_text import pdf_text

        return pdf_text(data, MAX_SOURCE_TEXT)
    if kind == "html":
        from argmap.sourcetext.html_text import decode_html, html_text

        return html_text(decode_html(data))
    text = read_text_file(path, MAX_SOURCE_FILE_BYTES)  # its decoding, with its messages
    if "\x00" in text[:8192]:  # decoded: UTF-16 and UTF-32 text has zero bytes, not characters
        raise SourceTextError("this is a binary file, not text")
    if kind == "markdown":
        from argmap.sourcetext.markdown_text import markdown_text

        return markdown_text(text)
    extracted = ExtractedText(tidy(text))
    first_line = extracted.text.split("\n", 1)[0].strip()
    if 0 < len(first_line) <= 150 and "\n\n" in extracted.text:
        return replace(extracted, title=first_line)  # a short first paragraph: a headline
    return extracted


def _check_length(path: Path | None, text: str) -> None:
    if len(text) > MAX_SOURCE_TEXT:
        reason = (
            f"the text has {len(text):,} characters; a source holds up to {MAX_SOURCE_TEXT:,}"
            " (split the document into several sources)"
        )
        if path is None:
            raise ValueError(reason)
        raise MapFileError(path, [Problem("", reason)])


def _kind_name(kind: str) -> str:
    return {"pdf": "PDF", "html": "HTML page", "markdown": "Markdown file"}.get(kind, "file")
