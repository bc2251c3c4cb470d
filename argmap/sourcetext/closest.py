"""The passage of a source closest to a quote that is not in it, and what differs.

A quote that is not found is usually a near miss: a word changed, a word
left out without an omission mark, a passage retyped from memory. To name
the passage meant, the quote's rarer words vote for where it would start in
the text (a word index built once per text, the first time a quote is not
found), and only the few best places are compared closely, with RapidFuzz's
best partial alignment; so a megabyte of text costs no more than a
paragraph. The suggestion names the first difference, word by word.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from argmap.sourcetext.normalise import normalise
from argmap.sourcetext.quotes import QuoteIndex, QuotePattern, word_character

__all__ = ["Closest", "closest_passage", "first_difference"]

_WORD = re.compile(r"\w+")
_NORMAL_WORD = re.compile(r"[^ ]+")  # normalised text has single spaces only
COMMON = 2000  # a word this frequent in the text says nothing about where a quote is
CANDIDATES = 4  # places compared closely
SHORTEST_VOTER = 3  # words shorter than this do not vote (articles, particles)


@dataclass(frozen=True)
class Closest:
    """The passage most like a quote: its span in the original text and how alike (0–100)."""

    start: int
    end: int
    passage: str
    score: float


def closest_passage(index: QuoteIndex, pattern: QuotePattern) -> Closest | None:
    """The passage of the indexed text most like the quote, or None if nothing is alike."""
    quote = pattern.plain()
    text = index.normal.text
    if not quote or not text:
        return None
    from rapidfuzz import fuzz  # only when a quote is not found

    best = None
    for low, high in _candidate_windows(index, quote):
        alignment = fuzz.partial_ratio_alignment(quote, text[low:high])
        if alignment is None:
            continue
        if best is None or alignment.score > best[0]:
            best = (alignment.score, low + alignment.dest_start, low + alignment.dest_end)
    if best is None or best[0] == 0:
        return None
    score, start, end = best
    start, end = _matching_words(text, quote, start, end)
    original_start, original_end = index.normal.original_span(start, end)
    return Closest(original_start, original_end, index.original[original_start:original_end], score)


def first_difference(quote: str, passage: str) -> str | None:
    """How the passage differs from the quote, first difference only, word by word.

    The words are compared normalised, so that a curly apostrophe or a dropped
    hyphen is no difference, and named as written: the quote's as its author
    typed them, the passage's as the source has them.
    """
    quoted, found = _words(quote), _words(passage)
    matcher = difflib.SequenceMatcher(
        a=[word for word, _ in quoted], b=[word for word, _ in found], autojunk=False
    )
    for operation, q1, q2, p1, p2 in matcher.get_opcodes():
        ours, theirs = _as_written(quoted[q1:q2]), _as_written(found[p1:p2])
        if operation == "replace":
            return f"the source has “{theirs}” where the quote has “{ours}”"
        if operation == "delete":
            return f"the source does not have “{ours}”"
        if operation == "insert" and 0 < q1 < len(quoted):
            return f"the quote leaves out “{theirs}” (mark an omission with […])"
    return None


def _words(text: str) -> list[tuple[str, str]]:
    """Each word of the normalised text, with the words of ``text`` it came from."""
    normal = normalise(text)
    words = []
    for match in _NORMAL_WORD.finditer(normal.text):
        start, end = normal.original_span(*match.span())
        words.append((match.group(), text[start:end]))
    return words


def _as_written(words: list[tuple[str, str]]) -> str:
    return " ".join(" ".join(written for _, written in words).split())


def _candidate_windows(index: QuoteIndex, quote: str) -> list[tuple[int, int]]:
    """Stretches of the normalised text where the quote may have been meant to be."""
    text = index.normal.text
    span = len(quote)
    if len(text) <= 4 * span + 200:
        return [(0, len(text))]
    positions = _word_positions(index)
    bucket = max(span // 2, 40)
    votes: Counter[int] = Counter()
    for match in _WORD.finditer(quote):
        word = match.group()
        if len(word) < SHORTEST_VOTER:
            continue
        places = positions.get(word, ())
        if len(places) > COMMON:
            continue
        for place in places:
            votes[max(place - match.start(), 0) // bucket] += 1
    return [
        (max(number * bucket - span, 0), min(number * bucket + 2 * span + bucket, len(text)))
        for number, _ in votes.most_common(CANDIDATES)
    ]


def _word_positions(index: QuoteIndex) -> dict[str, list[int]]:
    """Where each word of the normalised text starts, built once per index."""
    if index.word_positions is None:
        positions: dict[str, list[int]] = {}
        for match in _WORD.finditer(index.normal.text):
            positions.setdefault(match.group(), []).append(match.start())
        index.word_positions = positions
    return index.word_positions


def _matching_words(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """The aligned span, from the first to the last word it shares with the quote.

    The alignment has the quote's length, so a quote that adds or leaves out
    words is aligned with a span cut short or running on; the words around
    it are compared one by one to find where the passage really begins and
    ends. A lone shared word far from the others (a stray "the") is not
    taken for the passage's edge.
    """
    margin = len(quote) // 2 + 20
    low, high = _whole_words(text, max(start - margin, 0), min(end + margin, len(text)))
    words = _words_of(text[low:high], low)
    quoted = [word for _, _, word in _words_of(quote)]
    matcher = difflib.SequenceMatcher(a=quoted, b=[w for _, _, w in words], autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    while len(blocks) > 1 and blocks[0].size == 1 and _stray(blocks[0], blocks[1]):
        blocks.pop(0)
    while len(blocks) > 1 and blocks[-1].size == 1 and _stray(blocks[-2], blocks[-1]):
        blocks.pop()
    if not blocks:
        return _whole_words(text, start, end)
    return words[blocks[0].b][0], words[blocks[-1].b + blocks[-1].size - 1][1]


def _stray(first: difflib.Match, second: difflib.Match) -> bool:
    """Whether two matched blocks are much further apart in the text than in the quote."""
    in_quote = second.a - (first.a + first.size)
    in_text = second.b - (first.b + first.size)
    return in_text > 2 * in_quote + 2


def _words_of(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """The words of a short text, with their spans (moved by ``offset``).

    A word is a run of letters and digits with the marks on them: Python's
    ``\\w`` leaves combining marks out, which would cut "पाकिस्तान" into five.
    """
    spans: list[list[int]] = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        while end < len(text) and unicodedata.category(text[end]).startswith("M"):
            end += 1
        if spans and spans[-1][1] == start:  # only marks between: one word
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return [(start + offset, end + offset, text[start:end]) for start, end in spans]


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to word boundaries and trimmed of spaces at its edges."""
    while start > 0 and word_character(text[start - 1]) and word_character(text[start]):
        start -= 1
    while 0 < end < len(text) and word_character(text[end - 1]) and word_character(text[end]):
        end += 1
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end
