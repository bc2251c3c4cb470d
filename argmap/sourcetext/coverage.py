"""How much of a source the map quotes: the share of its sentences that quotes touch."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Coverage", "coverage", "sentences"]

# A sentence ends at . ! ? (and their CJK and Arabic forms), after any closing
# quotation marks or brackets, before white space; a blank line ends one too.
_SENTENCE_END = re.compile(r"(?<=[.!?。！？؟…])[\"'”’»)\]]*\s+|\n\s*\n")


@dataclass(frozen=True)
class Coverage:
    quoted: int
    total: int

    @property
    def share(self) -> float:
        return self.quoted / self.total if self.total else 0.0

    def describe(self) -> str:
        if not self.total:
            return "no sentences"
        return f"{self.quoted} of {self.total} sentences quoted ({self.share:.0%})"


def sentences(text: str) -> list[tuple[int, int]]:
    """The spans of the text's sentences, without the spaces between them."""
    spans = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        end = boundary.start() + len(boundary.group().rstrip())  # keep closing marks
        if text[start:end].strip():
            spans.append((start, end))
        start = boundary.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def coverage(text: str, quoted: Iterable[tuple[int, int]]) -> Coverage:
    """How many of the text's sentences overlap a quoted span (spans in the text's offsets)."""
    spans = sorted((s, e) for s, e in quoted if e > s)
    sentence_spans = sentences(text)
    count = 0
    index = 0
    for start, end in sentence_spans:
        while index < len(spans) and spans[index][1] <= start:
            index += 1
        # spans are sorted by start; one that starts before this sentence's end may overlap
        probe = index
        while probe < len(spans) and spans[probe][0] < end:
            if spans[probe][1] > start:
                count += 1
                break
            probe += 1
    return Coverage(count, len(sentence_spans))
