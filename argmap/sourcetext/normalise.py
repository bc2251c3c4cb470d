"""Text as a reader compares it: the same words, whatever the typography.

A quote is checked against its source after both are normalised the same
way: runs of whitespace (line breaks, tabs, no-break spaces) become one
space; curly, low and angle quotation marks become ``'`` and ``"``; every
dash (en, em, minus, ``--``) becomes ``-``, with the spaces around it
dropped, since typesetters differ about them; a hyphen between two letters
is dropped (self-reliance, selfreliance), since text taken from a PDF cannot
tell a compound broken at a line's end from a word hyphenated there, and so
is a hyphen that ends a line before a letter ("pil-", "lars": pillars); soft
hyphens, zero-width spaces, directional marks and the Arabic tatweel are
dropped; the ligatures ﬁ, ﬂ, ﬀ, ﬃ, ﬄ and ﬆ, Arabic presentation forms and
full-width Latin letters and digits are their ordinary letters; and the
text is composed (NFC): letters with their combining marks, Hangul jamo
into syllables, two-part Indic vowels.
Nothing else changes: case, punctuation and otherwise spelling must match.

The normalised text keeps, for each of its characters, the offset of the
character it came from, so that a passage found in it can be shown (and
highlighted) in the original.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass, field

__all__ = ["NormalisedText", "normalise", "normalised"]

SINGLE_QUOTES = "‘’‚‛′`´ʼ׳"
DOUBLE_QUOTES = "“”„‟″«»〝〞״"
DASHES = "‐‑‒–—―−⸺⸻﹘﹣－"
# Soft hyphen, zero-width space, left-to-right and right-to-left marks and
# embeddings, word joiner, isolates, byte order mark: invisible in print.
INVISIBLE = "\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
# Arabic presentation forms (in text taken from a PDF) and full-width Latin letters,
# digits and signs: forms of ordinary letters, read as those (NFKC).
COMPATIBLE = "\ufb50-\ufdff\ufe70-\ufefe\uff01-\uff5e"

_SPACE = rf"[\s{INVISIBLE}]"
_TYPOGRAPHY = (
    # A hyphen between letters, or at a line's end with a letter after the break.
    r"(?P<hyphen>(?<=[^\W\d_])[-\u2010\u2011](?:[^\S\r\n]*(?:\r\n?|\n)[^\S\r\n]*)?(?=[^\W\d_]))"
    rf"|{_SPACE}*[{DASHES}]{_SPACE}*"  # a dash and the spaces around it
    rf"|{_SPACE}+-{{1,3}}{_SPACE}*|-{{1,3}}{_SPACE}+|-{{2,3}}"  # hyphens typed as dashes
    rf"|{_SPACE}{{2,}}|[^\S ]|[{INVISIBLE}]"  # whitespace other than one space
    rf"|[{SINGLE_QUOTES}{DOUBLE_QUOTES}]"
    r"|[\ufb00-\ufb06]"  # ligatures that text taken from a PDF often keeps
)
_SPECIAL = re.compile(_TYPOGRAPHY)
# The same, and presentation and full-width forms and the tatweel: for the few texts
# that have any (looked for at C speed), since each alternative costs every character.
_OTHER_FORMS = re.compile(f"[{COMPATIBLE}\u0640]")
_SPECIAL_WITH_FORMS = re.compile(rf"{_TYPOGRAPHY}|[{COMPATIBLE}]|\u0640+")
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_HAS_SPACE = re.compile(r"\s")
_COMPATIBLE = re.compile(f"[{COMPATIBLE}]")
_QUOTE_MARK = {**dict.fromkeys(SINGLE_QUOTES, "'"), **dict.fromkeys(DOUBLE_QUOTES, '"')}


@dataclass(frozen=True)
class NormalisedText:
    """A normalised text and where each of its characters came from.

    ``starts[i]`` is the offset in the original text of the character that
    normalised character ``i`` came from; ``starts[len(text)]`` is the
    original's length, so ``original_span`` works for a span that ends at
    the end. ``joins`` maps each place where a hyphen between letters was
    dropped (``i``: between characters ``i - 1`` and ``i``) to the hyphen's
    offset in the original: the edges of words within a compound, as
    "Israel" is in "US-Israel".
    """

    text: str
    starts: array[int]
    joins: dict[int, int] = field(default_factory=dict)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span that the normalised span ``[start, end)`` came from.

        A span that ends where a hyphen was dropped ends before the hyphen.
        """
        return self.starts[start], self.joins.get(end, self.starts[end])


def normalised(text: str) -> str:
    """``text`` normalised (without the offsets, for quotes and short strings)."""
    composed = _composed(text)
    return _special(composed).sub(_replacement, composed)


def normalise(text: str) -> NormalisedText:
    """``text`` normalised, with the offsets back into it; linear in its length."""
    composed, origin = _compose_with_offsets(text)
    pieces: list[str] = []
    starts = array("q")
    joins: dict[int, int] = {}
    position = 0
    for match in _special(composed).finditer(composed):
        begin, end = match.span()
        pieces.append(composed[position:begin])
        starts.extend(range(position, begin))
        if match.lastgroup == "hyphen":
            joins[len(starts)] = begin
        replacement = _replacement(match)
        pieces.append(replacement)
        starts.extend([begin] * len(replacement))
        position = end
    pieces.append(composed[position:])
    starts.extend(range(position, len(composed)))
    starts.append(len(composed))
    if origin is not None:  # composing changed the offsets: map them back
        starts = array("q", (origin[i] for i in starts))
        joins = {place: origin[hyphen] for place, hyphen in joins.items()}
    return NormalisedText("".join(pieces), starts, joins)


def _special(text: str) -> re.Pattern[str]:
    return _SPECIAL_WITH_FORMS if _OTHER_FORMS.search(text) else _SPECIAL


def _replacement(match: re.Match[str]) -> str:
    if match.lastgroup == "hyphen":
        return ""
    token = match.group()
    if token in _QUOTE_MARK:
        return _QUOTE_MARK[token]
    if token in _LIGATURES:
        return _LIGATURES[token]
    if token[0] == "\u0640":  # a tatweel only stretches a word
        return ""
    # A dash first: the full-width hyphen-minus is a compatibility form too, and a
    # dash's spaces go with it.
    if "-" in token or any(dash in token for dash in DASHES):
        return "-"
    if _COMPATIBLE.match(token):
        return unicodedata.normalize("NFKC", token)
    return " " if _HAS_SPACE.search(token) else ""


def _composed(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _compose_with_offsets(text: str) -> tuple[str, array[int] | None]:
    """NFC, with for each composed character the offset it came from; offsets if anything changed.

    Almost every text is NFC already (checked at C speed). In another, only
    the stretches between spaces and line breaks that are not NFC (nothing
    composes across those) are composed, a cluster at a time: a letter with
    the marks after it, and with the letters that compose with it, as Hangul
    jamo and the two parts of some Indic vowels do.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    origin = array("q")
    done = 0
    for run in _RUN.finditer(text):
        word = run.group()
        if unicodedata.is_normalized("NFC", word):
            continue
        start = run.start()
        pieces.append(text[done:start])
        origin.extend(range(done, start))
        for offset, cluster in _clusters(word):
            pieces.append(cluster)
            origin.extend([start + offset] * len(cluster))
        done = run.end()
    pieces.append(text[done:])
    origin.extend(range(done, len(text)))
    origin.append(len(text))
    return "".join(pieces), origin


_RUN = re.compile(r"[^ \n]+")


def _clusters(word: str) -> list[tuple[int, str]]:
    """The word in NFC, cut where composing it cuts nothing: (offset in the word, composed) pairs.

    A cut falls before a character without a combining class that composes
    with nothing before it. Should the pieces not add up to the word's NFC
    (a mark in a letter's decomposition moving past another), the word is
    one piece.
    """
    pieces: list[tuple[int, str]] = []
    start = 0
    for index in range(1, len(word) + 1):
        if index < len(word):
            char = word[index]
            if unicodedata.combining(char):
                continue
            head = word[start:index]
            alone = unicodedata.normalize("NFC", char)
            if (
                unicodedata.combining(alone[0])
                or unicodedata.normalize("NFC", head + char)
                != unicodedata.normalize("NFC", head) + alone
            ):
                continue
        pieces.append((start, unicodedata.normalize("NFC", word[start:index])))
        start = index
    if "".join(piece for _, piece in pieces) != unicodedata.normalize("NFC", word):
        return [(0, unicodedata.normalize("NFC", word))]
    return pieces
