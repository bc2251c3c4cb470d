"""Finding a quote in its source's text, the way an editor's conventions allow.

A quote matches when its words appear in the source in order, after both are
normalised (:mod:`argmap.sourcetext.normalise`), as whole words: a quote and
each part of it between omissions starts and ends where a word of the source
does ("necessary for peace" is not in "unnecessary for peace"; a hyphen
between letters is a word's edge, so "Israel" is in "US-Israel"), except
next to an insertion, which may stand for part of a word (``[T]he``).
Further,

- an omission mark, ``…``, ``...``, ``[…]``, ``[...]`` or ``(…)``, stands for
  any stretch of the source, of any length (the words around it must still
  come in order);
- anything else in square brackets, ``[Netanyahu]``, ``[T]he``, ``[sic]``, is
  an editorial insertion: it stands for at most ``REPLACED_LIMIT`` characters
  of the source (the words it replaces, or none), or as many as it has
  itself, so that a bracketed passage of the source quoted as it is, an
  editor's note longer than that, is found.

The source is normalised once (:class:`QuoteIndex`); each quote is then found
with the C-speed ``str.find``. The parts of a quote between omissions are
placed where they end earliest, which finds a match whenever there is one,
and then pulled as close together as the text allows, so that what the
editor highlights is the passage meant, not a stretch from the first
occurrence of a common word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache

from argmap.sourcetext.normalise import (
    DOUBLE_QUOTES,
    SINGLE_QUOTES,
    NormalisedText,
    normalise,
    normalised,
)

__all__ = [
    "REPLACED_LIMIT",
    "QuoteIndex",
    "QuoteMatch",
    "QuotePattern",
    "index_for",
    "parse_quote",
    "passage_quote",
    "unmarked",
    "whole_words",
    "word_character",
]

REPLACED_LIMIT = 100  # characters of the source that one [insertion] may stand for

_DOTS = r"(?:…|\.(?:\s?\.){2,})"
_MARK = re.compile(rf"(\[\s*{_DOTS}\s*\]|\(\s*{_DOTS}\s*\)|{_DOTS}|\[[^\[\]\n]{{0,200}}\])")

Chunk = tuple[str, ...]  # literals that follow one another, an insertion between each two


@dataclass(frozen=True)
class QuotePattern:
    """A quote as parts to find: chunks in order, any stretch between two chunks.

    ``loose`` says, for each chunk, whether it begins and whether it ends at an
    insertion, where it may start or stop inside a word of the source;
    ``gaps``, for each chunk, how many characters of the source may come
    between each two of its literals (where the quote has an insertion).
    """

    chunks: tuple[Chunk, ...]
    loose: tuple[tuple[bool, bool], ...] = ()
    gaps: tuple[tuple[int, ...], ...] = ()

    def edges(self, index: int) -> tuple[bool, bool]:
        return self.loose[index] if index < len(self.loose) else (False, False)

    def gaps_in(self, index: int) -> tuple[int, ...]:
        if index < len(self.gaps):
            return self.gaps[index]
        return (REPLACED_LIMIT,) * (len(self.chunks[index]) - 1)

    def is_empty(self) -> bool:
        return not self.chunks

    def plain(self) -> str:
        """The quote's own words, without its marks (for comparing with a passage)."""
        return " ".join(" ".join(chunk) for chunk in self.chunks)


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote is in the original text: one span per part between marks."""

    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def parse_quote(quote: str) -> QuotePattern:
    """The parts of a quote, normalised, with its omission and insertion marks read."""
    chunks: list[Chunk] = []
    loose: list[tuple[bool, bool]] = []
    gaps: list[tuple[int, ...]] = []
    current: list[str] = []
    current_gaps: list[int] = []
    after_insertion = starts_loose = False
    inserted = 0  # characters of the insertions since the last literal
    for index, piece in enumerate(_MARK.split(quote)):
        if index % 2 == 0:  # words of the quote
            literal = normalised(piece).strip(" ")
            if literal:
                if not current:
                    starts_loose = after_insertion
                else:  # the source may have the insertion itself, and a space either side
                    current_gaps.append(max(REPLACED_LIMIT, inserted + 2))
                current.append(literal)
                after_insertion = False
                inserted = 0
        elif piece.startswith("[") and not re.fullmatch(rf"\[\s*{_DOTS}\s*\]", piece):
            after_insertion = True  # the next literal follows within REPLACED_LIMIT
            inserted += len(normalised(piece))
        else:  # an omission: what follows may be anywhere after
            if current:
                chunks.append(tuple(current))
                loose.append((starts_loose, after_insertion))
                gaps.append(tuple(current_gaps))
                current, current_gaps = [], []
            after_insertion = False
            inserted = 0
    if current:
        chunks.append(tuple(current))
        loose.append((starts_loose, after_insertion))
        gaps.append(tuple(current_gaps))
    return QuotePattern(tuple(chunks), tuple(loose), tuple(gaps))


def unmarked(quote: str) -> str:
    """The quote as written, each omission and insertion mark made a space: its own words."""
    return _MARK.sub(" ", quote)


class QuoteIndex:
    """A source's text, normalised once, in which any number of quotes are found."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.normal: NormalisedText = normalise(text)
        self._reversed: tuple[str, Container[int]] | None = None
        self._found: dict[str, QuoteMatch | None] = {}
        # Where each word starts, by word: built by the first search for a closest passage.
        self.word_positions: dict[str, list[int]] | None = None

    def find(self, quote: str) -> QuoteMatch | None:
        """Where ``quote`` is, or None; a quote of only marks or spaces is nowhere."""
        if quote not in self._found:
            found = self.find_pattern(parse_quote(quote))
            unwrapped = _unwrapped(quote)
            if found is None and unwrapped is not None:  # “quoted” in the quote, not the text
                found = self.find_pattern(parse_quote(unwrapped))
            self._found[quote] = found
        return self._found[quote]

    def find_pattern(self, pattern: QuotePattern) -> QuoteMatch | None:
        if pattern.is_empty():
            return None
        text = self.normal.text
        placed: list[list[tuple[int, int]]] = []
        floor = 0
        for index, chunk in enumerate(pattern.chunks):
            spans = _earliest_end(
                text, self.normal.joins, chunk, pattern.gaps_in(index), floor, pattern.edges(index)
            )
            if spans is None:
                return None
            placed.append(spans)
            floor = spans[-1][1]
        self._pull_together(pattern, placed)
        return QuoteMatch(
            tuple(self.normal.original_span(s, e) for spans in placed for s, e in spans)
        )

    def _pull_together(self, pattern: QuotePattern, placed: list[list[tuple[int, int]]]) -> None:
        """Move each chunk but the last as late as it can go: the closest reading of the quote.

        Searching the reversed text for a reversed chunk, earliest end first,
        finds the chunk's latest start before the next chunk.
        """
        if len(placed) < 2:
            return
        if self._reversed is None:
            size = len(self.normal.text)
            self._reversed = (
                self.normal.text[::-1],
                frozenset(size - join for join in self.normal.joins),
            )
        text, joins = self._reversed
        size = len(text)
        for index in range(len(placed) - 2, -1, -1):
            reversed_chunk = tuple(literal[::-1] for literal in reversed(pattern.chunks[index]))
            reversed_gaps = tuple(reversed(pattern.gaps_in(index)))
            limit = size - placed[index + 1][0][0]
            loose_start, loose_end = pattern.edges(index)
            spans = _earliest_end(
                text, joins, reversed_chunk, reversed_gaps, limit, (loose_end, loose_start)
            )
            if spans is not None:
                placed[index] = [(size - e, size - s) for s, e in reversed(spans)]


def _unwrapped(quote: str) -> str | None:
    """The quote without the quotation marks around it, if it has a pair."""
    stripped = normalised(quote).strip(" ")
    if len(stripped) > 2 and stripped[0] == stripped[-1] and stripped[0] in "'\"":
        return quote.strip().strip(SINGLE_QUOTES + DOUBLE_QUOTES + "'\"")
    return None


def _earliest_end(
    text: str,
    joins: Container[int],
    chunk: Chunk,
    gaps: tuple[int, ...],
    floor: int,
    loose: tuple[bool, bool],
) -> list[tuple[int, int]] | None:
    """The spans of ``chunk``'s literals, placed at or after ``floor`` to end as early as possible.

    Each occurrence of the last literal, in order, is tried as the end; the
    literals before it are looked for backwards, each within its gap (from
    ``gaps``) of the next. The chunk starts and ends on word boundaries (a place in
    ``joins``, where a hyphen between letters was, is one) unless ``loose``
    says that edge is an insertion. Failures are remembered, so no place is
    searched twice.
    """
    last = chunk[-1]
    loose_start, loose_end = loose
    failed: set[tuple[int, int]] = set()
    position = text.find(last, floor)
    while position != -1:
        end = position + len(last)
        if loose_end or end in joins or _ends_word(text, end, last):
            if len(chunk) == 1:
                if loose_start or position in joins or _starts_word(text, position, last):
                    return [(position, end)]
            else:
                before = _placed_before(
                    text, joins, chunk, gaps, len(chunk) - 2, position, floor, failed, loose_start
                )
                if before is not None:
                    return [*before, (position, end)]
        position = text.find(last, position + 1)
    return None


def _placed_before(
    text: str,
    joins: Container[int],
    chunk: Chunk,
    gaps: tuple[int, ...],
    index: int,
    limit: int,
    floor: int,
    failed: set[tuple[int, int]],
    loose_start: bool,
) -> list[tuple[int, int]] | None:
    """Spans of ``chunk[: index + 1]``, the last ending within ``gaps[index]`` before ``limit``."""
    if index < 0:
        return []
    if (index, limit) in failed:
        return None
    literal = chunk[index]
    low = max(floor, limit - gaps[index] - len(literal))
    position = text.rfind(literal, low, limit)
    while position != -1:
        if index > 0 or loose_start or position in joins or _starts_word(text, position, literal):
            before = _placed_before(
                text, joins, chunk, gaps, index - 1, position, floor, failed, loose_start
            )
            if before is not None:
                return [*before, (position, position + len(literal))]
        position = text.rfind(literal, low, position + len(literal) - 1)
    failed.add((index, limit))
    return None


def _starts_word(text: str, position: int, literal: str) -> bool:
    """Whether ``literal`` at ``position`` does not begin inside a word of ``text``.

    A one-letter prefix that Hebrew and Arabic write joined to the next word
    ("and", "the", "in": וברית, وبرية), with any points it has, may be left
    out of a quote.
    """
    if position == 0 or not _inside_word(text[position - 1], literal[0]):
        return True
    before = position - 1
    while before > 0 and unicodedata.category(text[before]).startswith("M"):
        before -= 1
    return text[before] in _JOINED_PREFIXES and (
        before == 0 or not word_character(text[before - 1])
    )


def _ends_word(text: str, end: int, literal: str) -> bool:
    """Whether ``literal`` ending at ``end`` does not stop inside a word of ``text``."""
    return end >= len(text) or not _inside_word(literal[-1], text[end])


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` widened to the whole words it cuts into, as a quote must hold them.

    A passage selected from inside a word ("eaty would serv") is taken to
    mean the words it touches ("treaty would serve"), a word broken at a
    line's end with a hyphen included; in scripts written without spaces
    every place between letters is a word's edge already.
    """
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if start >= end:
        return start, end
    while True:
        while start > 0 and _inside_word(text[start - 1], text[start]):
            start -= 1
        broken = _line_break_at(text, start)
        if broken is None or broken[0] == start:
            break
        start = broken[0] - 1  # the letter before the hyphen
    while True:
        while end < len(text) and _inside_word(text[end - 1], text[end]):
            end += 1
        broken = _line_break_at(text, end)
        if broken is None or broken[1] == end:
            break
        end = broken[1] + 1  # the letter after the line break
    return start, end


def passage_quote(text: str, start: int, end: int) -> str:
    """The quote a passage of ``text`` makes: its white space single spaces, and a word
    broken at a line's end with a hyphen joined again, its hyphen kept."""
    passage = _LINE_END_HYPHEN.sub("-", text[start:end])
    return " ".join(passage.split())


def _line_break_at(text: str, position: int) -> tuple[int, int] | None:
    """The hyphen and line break of a word broken at ``position`` (their start and end)."""
    low = max(0, position - 40)
    for match in _LINE_END_HYPHEN.finditer(text, low, min(len(text), position + 40)):
        if match.start() <= position <= match.end():
            return match.start(), match.end()
    return None


# A word broken at a line's end: a letter, a hyphen, the line break, a letter.
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u2010\u2011][^\S\n]*\n[^\S\n]*(?=[^\W\d_])")


def word_character(char: str) -> bool:
    """Whether a character is part of a word: a letter, a digit, or a mark on one
    (the vowel signs of Devanagari, Hebrew points, Arabic harakat)."""
    return char.isalnum() or unicodedata.category(char).startswith("M")


def _inside_word(before: str, after: str) -> bool:
    """Whether two neighbouring characters belong to one word.

    Chinese, Japanese, Thai and the like do not put spaces between words:
    there every place between two letters may be a word's edge.
    """
    return (
        word_character(before)
        and word_character(after)
        and not _UNSPACED.match(before)
        and not _UNSPACED.match(after)
    )


# Han, Hiragana, Katakana, Thai, Lao, Myanmar, Khmer: scripts written without spaces.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]"
)
_JOINED_PREFIXES = frozenset("ובהלמשכوفبلك")


@lru_cache(maxsize=8)
def index_for(text: str) -> QuoteIndex:
    """The index of a source's text, kept for the few texts in use (a map's sources)."""
    return QuoteIndex(text)
