"""How much of a source the map quotes: the share of its sentences that quotes touch."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Coverage", "coverage", "sentences"]

# A sentence ends at . ! ? (and their CJK and Arabic forms), after any closing
# quotation marks or brackets, before white space; a blank line ends one too.
# A full stop that ends an abbreviation does not (see _ends_sentence).
_SENTENCE_END = re.compile(r"(?<=[.!?。！？؟…])[\"'”’»)\]]*\s+|\n\s*\n")
# Abbreviations that come before a name: "Mr. Netanyahu" goes on.
_TITLES = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "St",
        "Gen",
        "Sen",
        "Rep",
        "Gov",
        "Lt",
        "Col",
        "Capt",
        "Sgt",
        "Adm",
        "Amb",
        "Pres",
    ]
)


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
        if not _ends_sentence(text, boundary):
            continue
        end = boundary.start() + len(boundary.group().rstrip())  # keep closing marks
        if text[start:end].strip():
            spans.append((start, end))
        start = boundary.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _ends_sentence(text: str, boundary: re.Match[str]) -> bool:
    """Whether a full stop ends its sentence rather than an abbreviation.

    It does not when the next word starts in lower case ("the U.S. to sign",
    "D.C. in August") or when it ends a title or an initial ("Mr. Netanyahu",
    "John F. Kennedy"). Other marks, and blank lines, always end a sentence.
    """
    stop = boundary.start() - 1
    if stop < 0 or text[stop] != "." or boundary.group().count("\n") > 1:
        return True  # not a full stop, or a blank line after it
    following = text[boundary.end() : boundary.end() + 1]
    if following.islower():
        return False
    start = _word_start(text, stop)
    word = text[start:stop].lstrip("\"'“‘«([")
    if word in _TITLES:
        return False
    return not (len(word) == 1 and word.isupper() and _name_goes_on(text, start))


def _word_start(text: str, end: int) -> int:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start


def _name_goes_on(text: str, start: int) -> bool:
    """Whether the capital letter at ``start`` is an initial: "John F. Kennedy", "J. Smith".

    It is when it begins a sentence or follows a capitalised word; after a
    word in lower case ("plan B.") it ends the sentence.
    """
    before = text[:start].rstrip()
    if not before or before[-1] in ".!?":
        return True
    return text[_word_start(text, len(before)) : len(before)][:1].isupper()


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
