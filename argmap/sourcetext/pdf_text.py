"""The words of a PDF, read with pypdf, without the page furniture.

pypdf gives each page's text line by line. What is printed on every page
rather than written, running headers and footers and page numbers, is
recognised as a line near a page's top or bottom that recurs (digits aside)
on at least half the pages, or a line that is only a page number, and
dropped. Lines are joined into paragraphs: a word hyphenated at a line's end
is joined again (keeping the hyphen if the text elsewhere writes the word
with one, as in "well-known"), and a line ends its paragraph when it is
followed by a blank line or ends a sentence well short of the usual line
length. Paragraphs run on across pages.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import warnings
from collections import Counter
from typing import TYPE_CHECKING

from argmap.sourcetext.extract import ExtractedText, SourceTextError, tidy

if TYPE_CHECKING:
    from pypdf import PdfReader

__all__ = ["pdf_text"]

EDGE_LINES = 3  # lines at a page's top and bottom that may be furniture
SHORT_LINE = 0.8  # a line this much shorter than usual that ends a sentence ends its paragraph

_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of)\s*\d{1,4})?", re.IGNORECASE
)
_HYPHEN_END = re.compile(r"(\w+)[-\u00ad\u2010]$")
_SENTENCE_END = re.compile(r"[.!?:…][\"'”’)]*$")


def pdf_text(data: bytes, limit: int) -> ExtractedText:
    """The text of a PDF; stops reading once the text is longer than ``limit`` characters."""
    pages, metadata = _pages(data, limit)
    if not any(line.strip() for page in pages for line in page):
        raise SourceTextError("the PDF has no text layer (is it a scan? run OCR on it first)")
    pages = _without_furniture(pages)
    text = _paragraphs(pages)
    return ExtractedText(tidy(text), **metadata)


def _pages(data: bytes, limit: int) -> tuple[list[list[str]], dict[str, str | None]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # pypdf's notes on repaired files are not for the user
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise SourceTextError("the PDF is protected by a password")
            pages: list[list[str]] = []
            length = 0
            for page in reader.pages:
                text = page.extract_text() or ""
                length += len(text)
                if length > limit:
                    raise SourceTextError(
                        f"the text passes {limit:,} characters by page {len(pages) + 1};"
                        " a source holds up to that (split the document into several sources)"
                    )
                pages.append(text.replace("\t", " ").splitlines())
            return pages, _metadata(reader)
    except SourceTextError:
        raise
    except PdfReadError as error:
        raise SourceTextError(f"the PDF cannot be read: {error}") from None
    except Exception as error:  # pypdf fails on broken files in many ways
        raise SourceTextError(f"the PDF cannot be read ({type(error).__name__}: {error})") from None
    finally:
        pypdf_log.setLevel(level)


def _metadata(reader: PdfReader) -> dict[str, str | None]:
    info = reader.metadata
    if info is None:
        return {}
    date = None
    try:
        created = info.creation_date
        date = created.date().isoformat() if created is not None else None
    except (ValueError, TypeError):
        date = None
    return {
        "title": (info.title or "").strip() or None,
        "author": (info.author or "").strip() or None,
        "date": date,
    }


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def _without_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Pages without running headers, footers and page numbers."""
    edges = [_edge_indexes(page) for page in pages]
    seen: Counter[str] = Counter()
    for page, indexes in zip(pages, edges, strict=True):
        seen.update({_furniture_key(page[i]) for i in indexes})
    recurring = {
        key for key, count in seen.items() if len(pages) >= 2 and count >= max(2, len(pages) / 2)
    }
    cleaned = []
    for page, indexes in zip(pages, edges, strict=True):
        dropped = {
            i
            for i in indexes
            if _furniture_key(page[i]) in recurring or _PAGE_NUMBER.fullmatch(page[i].strip())
        }
        cleaned.append([line for i, line in enumerate(page) if i not in dropped])
    return cleaned


def _edge_indexes(page: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(page) if line.strip()]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))


def _paragraphs(pages: list[list[str]]) -> str:
    lines = [line.strip() for page in pages for line in page]
    lengths = sorted(len(line) for line in lines if line)
    usual = statistics.median(lengths[len(lengths) // 2 :]) if lengths else 0
    hyphenated = _hyphenated_words("\n".join(lines))
    out: list[str] = []
    previous = ""
    for line in lines:
        if not line:
            if previous:
                out.append("\n\n")
            previous = ""
            continue
        if previous:
            joint = _joint(previous, line, usual, hyphenated)
            if joint is None:  # a word hyphenated at the line's end: whole again
                out[-1] = out[-1][:-1]
            out.append(joint or "")
        out.append(line)
        previous = line
    return "".join(out)


def _joint(previous: str, line: str, usual: float, hyphenated: set[str]) -> str | None:
    """What goes between two lines: a space, a blank line, nothing (a compound's hyphen
    stays), or None (the hyphen goes: one word broken across the lines)."""
    head = _HYPHEN_END.search(previous)
    if head and line[:1].islower():
        tail = re.match(r"\w+", line)
        compound = f"{head.group(1)}-{tail.group() if tail else ''}".lower()
        return "" if previous.endswith("-") and compound in hyphenated else None
    if _SENTENCE_END.search(previous) and len(previous) < SHORT_LINE * usual:
        return "\n\n"
    return " "


def _hyphenated_words(text: str) -> set[str]:
    """Words the text writes with a hyphen inside a line (not at a line's end)."""
    return {match.group().lower() for match in re.finditer(r"\w+-\w+", text)}
