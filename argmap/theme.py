"""How a map looks: one theme module for the Graphviz export and the editor's canvas.

Colours are chosen so the four roles stay apart when printed in greyscale
(their fills differ in lightness) and support and attack edges differ in
line style and arrowhead as well as colour, for colour-blind readers.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from argmap.roles import Role

__all__ = [
    "THEMES",
    "CardStyle",
    "EdgeStyle",
    "Theme",
    "attribution_line",
    "columns",
    "get_theme",
    "has_wide",
    "is_rtl",
    "is_wide",
    "maybe_wide",
    "wrap_text",
]


# Named tuples rather than frozen dataclasses: as immutable, and made at every start of
# the command line a millisecond sooner (a dataclass compiles six methods for each).


class CardStyle(NamedTuple):
    """How the cards of one role look: fill, border and text colours, border line."""

    fill: str
    border: str
    text: str = "#1a1a1a"
    border_width: float = 1.2
    dashed: bool = False


class EdgeStyle(NamedTuple):
    """How the arrows of support or of attack look."""

    colour: str
    width: float
    dashed: bool
    arrowhead: str  # a Graphviz arrow shape; the canvas draws the same shape


class Theme(NamedTuple):
    """A map's looks, shared by the Graphviz export and the editor's canvas."""

    name: str
    description: str
    cards: dict[Role, CardStyle]
    support: EdgeStyle
    attack: EdgeStyle
    background: str = "#ffffff"
    ink: str = "black"  # text drawn on the background: the map's title, the legend
    font_family: str = "Arial"
    font_size: float = 11.0
    title_size: float = 12.0
    attribution_size: float = 9.0
    attribution_colour: str = "#4d4d4d"
    group_fill: str = "#f4f4f4"
    group_border: str = "#9e9e9e"
    wrap_width: int = 34  # columns per line of statement text (a wide character takes two)
    card_padding: float = 8.0  # points between the card border and its text
    corner_radius: float = 6.0
    node_gap: float = 0.35  # inches, Graphviz nodesep
    rank_gap: float = 0.55  # inches, Graphviz ranksep

    def card(self, role: Role) -> CardStyle:
        return self.cards[role]

    def edge(self, attack: bool) -> EdgeStyle:
        return self.attack if attack else self.support


_DEFAULT = Theme(
    name="default",
    description="Colour by role; prints legibly in greyscale.",
    cards={
        Role.MAIN_CLAIM: CardStyle(fill="#d6e4f5", border="#1f4e79", border_width=2.4),
        Role.REASON: CardStyle(fill="#e3f1dc", border="#2e7d32"),
        Role.OBJECTION: CardStyle(fill="#f9d9d5", border="#b71c1c", dashed=False),
        Role.REBUTTAL: CardStyle(fill="#fdecc8", border="#c25e00"),
    },
    support=EdgeStyle(colour="#2e7d32", width=1.6, dashed=False, arrowhead="normal"),
    attack=EdgeStyle(colour="#b71c1c", width=1.6, dashed=True, arrowhead="tee"),
)

_PRINT = Theme(
    name="print",
    description="Black and white for photocopies: roles by fill grey and border.",
    cards={
        Role.MAIN_CLAIM: CardStyle(fill="#ffffff", border="#000000", border_width=3.0),
        Role.REASON: CardStyle(fill="#ffffff", border="#000000"),
        Role.OBJECTION: CardStyle(fill="#d9d9d9", border="#000000", dashed=True),
        Role.REBUTTAL: CardStyle(fill="#f0f0f0", border="#000000", border_width=2.0),
    },
    support=EdgeStyle(colour="#000000", width=1.4, dashed=False, arrowhead="normal"),
    attack=EdgeStyle(colour="#000000", width=1.4, dashed=True, arrowhead="tee"),
    attribution_colour="#333333",
    group_fill="#fafafa",
    group_border="#666666",
)

_DARK = Theme(
    name="dark",
    description="Light text on dark cards, for slides with a dark background.",
    cards={
        Role.MAIN_CLAIM: CardStyle(
            fill="#23415f", border="#8fb8e8", text="#f2f2f2", border_width=2.4
        ),
        Role.REASON: CardStyle(fill="#27432a", border="#81c784", text="#f2f2f2"),
        Role.OBJECTION: CardStyle(fill="#4e2323", border="#ef9a9a", text="#f2f2f2"),
        Role.REBUTTAL: CardStyle(fill="#4d3a17", border="#ffcc80", text="#f2f2f2"),
    },
    support=EdgeStyle(colour="#81c784", width=1.6, dashed=False, arrowhead="normal"),
    attack=EdgeStyle(colour="#ef9a9a", width=1.6, dashed=True, arrowhead="tee"),
    background="#1e1e1e",
    ink="#e6e6e6",
    attribution_colour="#c8c8c8",
    group_fill="#2a2a2a",
    group_border="#777777",
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (_DEFAULT, _PRINT, _DARK)}


def get_theme(name: str | None) -> Theme:
    """The theme of that name; unknown names raise a ValueError listing the known ones."""
    if not name:
        return _DEFAULT
    try:
        return THEMES[name]
    except KeyError:
        known = ", ".join(THEMES)
        raise ValueError(f"unknown theme {name!r} (known themes: {known})") from None


# Whitespace other than the plain space; in ASCII, after splitting lines,
# only the tab and the unit separator (U+001F) remain.
_OTHER_SPACE = re.compile(r"[^\S ]")


def wrap_text(text: str, width: int) -> list[str]:
    """Break a statement's text into card lines, keeping the author's own line breaks.

    Lines are filled greedily with whole words; a word longer than a line is
    cut. ``width`` counts columns: a wide character (Chinese, Japanese,
    Korean, most emoji) takes two, as it is drawn about twice as wide as a
    Latin letter, and a paragraph holding one is wrapped by ``_wrap_columns``.
    For any other paragraph the result is exactly what ``textwrap.wrap(paragraph, width,
    break_on_hyphens=False)`` gives for each paragraph, which is what cards
    have always shown, but ordinary prose (words separated by single spaces)
    takes a direct path: ``textwrap`` costs about as much per card as the
    rest of building the export's DOT. Anything else (tabs, runs of spaces,
    leading or trailing spaces, other Unicode spaces) goes to ``textwrap``
    itself, whose handling of those cases defines the result.
    """
    if width < 1:
        raise ValueError(f"invalid width {width!r} (must be > 0)")
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        if (
            not paragraph.isascii()
            and maybe_wide(paragraph.encode("utf-8", "surrogatepass"))
            and any(is_wide(char) and not char.isspace() for char in paragraph)  # not U+3000
        ):
            _wrap_columns(paragraph, width, lines)
        elif not _is_prose(paragraph):
            import textwrap  # only for the rare paragraph that is not plain prose: 5 ms to load

            wrapped = textwrap.wrap(
                paragraph, width=width, break_long_words=True, break_on_hyphens=False
            )
            lines.extend(wrapped or [""])
        elif len(paragraph) <= width:
            lines.append(paragraph)
        else:
            _wrap_words(paragraph, width, lines)
    return lines


def _is_prose(paragraph: str) -> bool:
    """Words separated by single spaces and no other whitespace: what ``_wrap_words`` handles."""
    if "  " in paragraph or paragraph[:1] == " " or paragraph[-1:] == " ":
        return False
    if paragraph.isascii():  # the common case, checked without scanning for Unicode spaces
        return "\t" not in paragraph and "\x1f" not in paragraph
    return _OTHER_SPACE.search(paragraph) is None


def _wrap_words(paragraph: str, width: int, lines: list[str]) -> None:
    """Greedy wrapping of words separated by single spaces, appended to ``lines``.

    Each step looks at the word that crosses the line's end: if it fits on a
    line of its own, the line ends at the space before it; if it is longer
    than any line, it is cut so that the line is exactly full (as textwrap
    does, which may leave the space before it at the end of the line).
    """
    start, end = 0, len(paragraph)
    while end - start > width:
        limit = start + width
        if paragraph[limit] == " ":  # the line is exactly full
            lines.append(paragraph[start:limit])
            start = limit + 1
            continue
        space = paragraph.find(" ", limit)
        word_end = end if space < 0 else space
        cut = paragraph.rfind(" ", start, limit)
        if cut < start or word_end - (cut + 1) > width:  # the word fits on no line
            lines.append(paragraph[start:limit])
            start = limit
        else:
            lines.append(paragraph[start:cut])
            start = cut + 1
    lines.append(paragraph[start:])


# -- wide characters -------------------------------------------------------------

_WIDE = frozenset(("W", "F"))  # East Asian Width: wide and full-width
# Japanese and Chinese line breaking (kinsoku): what may not start a line (closing
# brackets, punctuation, small kana, the prolonged sound mark) and what may not end one.
_NO_LINE_START = frozenset(
    "、。，．：；？！）］｝」』】〕〉》〗〙〟ー々〻ゝゞヽヾ・"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
)
_NO_LINE_END = frozenset("（［｛「『【〔〈《〖〘〝")


# Every wide character (U+1100 and up; from U+2000 to U+2FFF, only U+2300 and up) starts
# in UTF-8 with one of these bytes, or with E2 followed by 8C-BF. They are looked for in
# C, so that text with dashes, quotes or accents is told to hold none at once: deleting
# every other byte leaves nothing, and E2 (the dashes' and quotes' first byte) is a
# literal a regular expression finds quickly. (One expression for both costs a
# thousand cards 1.3 ms, scanning byte by byte; a character class of the wide blocks
# themselves would cost every start 2.5 ms to compile.)
_NOT_WIDE_LEADS = bytes(code for code in range(256) if code != 0xE1 and not 0xE3 <= code <= 0xF0)
_WIDE_AFTER_E2 = re.compile(b"\xe2[\x8c-\xbf]")
_FIRST_WIDE = "\u1100"  # no character before this one is wide


def maybe_wide(data: bytes) -> bool:
    """False when UTF-8 ``data`` certainly holds no wide character."""
    if data.translate(None, _NOT_WIDE_LEADS):
        return True
    return b"\xe2" in data and _WIDE_AFTER_E2.search(data) is not None


def is_wide(char: str) -> bool:
    """True for a character drawn about twice as wide as a Latin letter (CJK, most emoji)."""
    return char >= _FIRST_WIDE and unicodedata.east_asian_width(char) in _WIDE


def has_wide(text: str) -> bool:
    """True when ``text`` holds a wide character; ASCII text is told at once."""
    if text.isascii() or not maybe_wide(text.encode("utf-8", "surrogatepass")):
        return False
    return any(is_wide(char) for char in text)


def columns(text: str) -> int:
    """The columns ``text`` takes: two for each wide character, one for any other."""
    if not has_wide(text):
        return len(text)
    return len(text) + sum(1 for char in text if is_wide(char))


def _wrap_columns(paragraph: str, width: int, lines: list[str]) -> None:
    """Greedy wrapping by columns of a paragraph with wide characters, appended to ``lines``.

    Chinese and Japanese put no spaces between words: a line may break at a
    space, or between two wide characters unless the second may not start a
    line or the first may not end one (``_NO_LINE_START``, ``_NO_LINE_END``).
    Runs of spaces count as one. A piece longer than a line is cut by columns,
    filling the line it starts on, as ``textwrap`` cuts a long word. This is
    a small part of Unicode's line breaking algorithm (UAX #14); the libraries
    that implement all of it need ICU or are not kept up, and cards need no more.
    """
    line, used = "", 0
    for word in paragraph.split():
        spaced = True
        for piece in _pieces(word):
            size = columns(piece)
            gap = 1 if spaced and line else 0
            spaced = False
            if used + gap + size <= width:
                line, used = line + " " * gap + piece, used + gap + size
                continue
            if size > width:  # fill this line (if its first character fits), then go on cutting
                head, piece = _cut(piece, width - used - gap)
                line += " " * gap + head if head else ""
            if line:
                lines.append(line)
            while columns(piece) > width:
                head, piece = _cut(piece, width)
                if not head:  # a wide character on lines one column wide
                    head, piece = piece[:1], piece[1:]
                lines.append(head)
            line, used = piece, columns(piece)
    lines.append(line)


def _pieces(word: str) -> list[str]:
    """A word without spaces, split where a line may break between two wide characters."""
    if not has_wide(word):
        return [word]
    pieces, start = [], 0
    previous_wide = is_wide(word[0])
    for index in range(1, len(word)):
        char = word[index]
        wide = is_wide(char)
        if (
            wide
            and previous_wide
            and char not in _NO_LINE_START
            and word[index - 1] not in _NO_LINE_END
        ):
            pieces.append(word[start:index])
            start = index
        previous_wide = wide
    pieces.append(word[start:])
    return pieces


def _cut(piece: str, room: int) -> tuple[str, str]:
    """``piece`` cut after as many characters as fit in ``room`` columns (maybe none)."""
    used = 0
    for index, char in enumerate(piece):
        used += 2 if is_wide(char) else 1
        if used > room:
            return piece[:index], piece[index:]
    return piece, ""


def is_rtl(text: str) -> bool:
    """True when the first strongly directional character is right-to-left (Hebrew, Arabic)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def attribution_line(speaker: str | None, date: str | None) -> str | None:
    """The italic line under a card's text: '— Rabin, 1990s'."""
    parts = [part for part in (speaker, date) if part]
    return "— " + ", ".join(parts) if parts else None
