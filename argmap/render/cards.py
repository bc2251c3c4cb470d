"""What a card in an export shows, as lines: its title, its text and its speaker line.

Cards come in two styles:

* ``full``: the bold title, the whole text and the speaker line, everything
  the map says about a statement. The editor's cards and the HTML page's
  side panel show the same.
* ``titles``: the title and the speaker line; a statement without a title
  shows the first words of its text instead. A map of fifty full cards
  covers most of a landscape page at a readable size and cannot print
  readably on one; titles take a fraction of that room. The SVG keeps each
  statement's whole text in its hover text.

The lines are worked out here once per card: :mod:`argmap.render.dot` draws
them and :mod:`argmap.render.fold` estimates the cards' sizes from them, so
the two cannot disagree about what a card holds.
"""

from __future__ import annotations

import math
import re
from enum import StrEnum
from typing import NamedTuple

from argmap.model import Statement
from argmap.render.dot_text import dot_number, html_lines, html_text
from argmap.theme import (
    Theme,
    attribution_line,
    columns,
    has_wide,
    is_rtl,
    is_wide,
    maybe_wide,
    wrap_text,
)

__all__ = [
    "EVALUATION_BADGES",
    "SHORT_COLUMNS",
    "SHORT_WORDS",
    "TITLE_WRAP",
    "CardLabel",
    "CardLines",
    "CardText",
    "Cards",
    "card_margin",
    "card_size",
    "directed_text",
    "fit_text",
    "measure_card",
    "measure_cards",
    "short_text",
    "spaced_for",
    "statement_label",
    "text_width",
    "wide_cell_width",
]


class Cards(StrEnum):
    """How much of each statement a card of an export shows."""

    FULL = "full"  # title, whole text, speaker line
    TITLES = "titles"  # title (or the text's first words) and speaker line


# A statement without a title shows this many words of its text on a titles-only card,
# and no more columns than this (Chinese and Japanese put no spaces between words).
SHORT_WORDS = 8
SHORT_COLUMNS = 32
# Characters per line of a titles-only card. Narrower than a full card's lines: a
# title of four or five words then takes two short lines, and the drawing, whose
# width is what keeps a large map from printing larger, gets narrower.
TITLE_WRAP = 14
# The room around titles-only cards shrinks with them: Graphviz's node margin (inside
# the border, inches across and down), and nodesep and ranksep (inches) at most.
_MARGINS = {Cards.FULL: (0.12, 0.08), Cards.TITLES: (0.08, 0.05)}
_TITLES_GAPS = (0.15, 0.3)


def card_margin(cards: Cards | str) -> tuple[float, float]:
    """Graphviz's margin inside a card of this style, in inches across and down."""
    return _MARGINS[Cards(cards)]


def spaced_for(theme: Theme, cards: Cards | str) -> Theme:
    """``theme`` with the gaps between cards that suit the card style."""
    if Cards(cards) is not Cards.TITLES:
        return theme
    node_gap, rank_gap = _TITLES_GAPS
    return theme._replace(
        node_gap=min(node_gap, theme.node_gap), rank_gap=min(rank_gap, theme.rank_gap)
    )


class CardText(NamedTuple):
    """A card's lines: bold title, regular text, small italic speaker line (each may be empty)."""

    title: list[str]
    text: list[str]
    attribution: list[str]


def short_text(text: str, words: int = SHORT_WORDS) -> str:
    """The first ``words`` words of ``text``, with "…" if there were more.

    Punctuation that would stand before the ellipsis (a comma, a colon) is
    dropped: "first, second…" rather than "first, second,…". Text with wide
    characters (Chinese, Japanese) is also cut after ``SHORT_COLUMNS`` columns,
    a wide character taking two: such text may have no spaces at all.
    """
    parts = text.split()
    shown = " ".join(parts[:words])
    cut = len(parts) > words
    if has_wide(shown) and columns(shown) > SHORT_COLUMNS:
        shown, cut = _first_columns(shown, SHORT_COLUMNS), True
    if not cut:
        return shown
    return shown.rstrip(",;:–—-、，：；") + "…"


def _first_columns(text: str, room: int) -> str:
    """The start of ``text`` that fits in ``room`` columns, ending before a word it would cut.

    A word of wide characters may be cut anywhere, as a line may break between them.
    """
    used = 0
    for index, char in enumerate(text):
        used += 2 if is_wide(char) else 1
        if used <= room:
            continue
        before = text[index - 1]
        if not (is_wide(char) or is_wide(before) or " " in (char, before)):
            space = text.rfind(" ", 0, index)  # a word of narrow letters is not cut, unless alone
            index = space if space > 0 else index
        return text[:index].rstrip()
    return text


class CardLines:
    """Wraps statements into card lines for one theme and card style (widths worked out once)."""

    def __init__(self, theme: Theme, cards: Cards | str = Cards.FULL) -> None:
        self.titles_only = Cards(cards) is Cards.TITLES
        self.wrap_width = (
            min(TITLE_WRAP, theme.wrap_width) if self.titles_only else theme.wrap_width
        )
        self.attribution_width = round(self.wrap_width * theme.font_size / theme.attribution_size)

    def __call__(self, statement: Statement) -> CardText:
        wrap = self.wrap_width
        attribution = statement.attribution
        line = attribution_line(attribution.speaker, attribution.date) if attribution else None
        small = wrap_text(line, self.attribution_width) if line else []
        title = statement.title
        # A title of spaces wraps to one empty line, which no card draws (Graphviz rejects
        # an empty <b></b>) and no size estimate should count.
        head = _drawn(wrap_text(title, wrap)) if title else []
        if not self.titles_only:
            return CardText(head, wrap_text(statement.text, wrap), small)
        if title:
            return CardText(head, [], small)
        return CardText([], wrap_text(short_text(statement.text), wrap), small)


def _drawn(lines: list[str]) -> list[str]:
    """Wrapped lines, or none when all are empty."""
    return lines if any(lines) else []


# -- labels ------------------------------------------------------------------------

# Badge per evaluated label: a symbol and a word, readable in greyscale and without colour.
EVALUATION_BADGES = {"in": "✓ IN", "out": "✗ OUT", "undecided": "? UNDECIDED"}


def statement_label(statement: Statement, theme: Theme, cards: Cards = Cards.FULL) -> str:
    """The card as an HTML-like label: bold title, wrapped text, italic attribution.

    With ``cards`` "titles", the title (or the text's first words) and the attribution.
    """
    label = CardLabel(theme, cards)
    return label.draw(label.lines(statement), is_rtl(statement.title or statement.text))


class CardLabel:
    """Cards as Graphviz HTML-like labels, for one theme and card style (fonts formatted once)."""

    def __init__(self, theme: Theme, cards: Cards = Cards.FULL) -> None:
        self.lines = CardLines(theme, cards)
        self.sizes = (theme.title_size, theme.font_size, theme.attribution_size)
        self.title_font = f'<font point-size="{dot_number(theme.title_size)}">'
        self.attribution_font = (
            f'<font point-size="{dot_number(theme.attribution_size)}"'
            f' color="{theme.attribution_colour}">'
        )

    def draw(self, text: CardText, rtl: bool, mark: str | None = None) -> str:
        """The label of a card's lines; ``mark`` is its evaluated label, drawn as a badge."""
        align = "right" if rtl else "left"
        cell = f'<tr><td align="{align}" balign="{align}">'
        parts = ['<<table border="0" cellborder="0" cellspacing="2" cellpadding="0">']
        if mark is not None:
            badge = _html_part([EVALUATION_BADGES[mark]], rtl)
            parts.append(f"{cell}{self.title_font}<b>{badge}</b></font></td></tr>")
        title, body, small = text
        # The three parts as one text (no card text holds NUL, which the model refuses),
        # so that what most cards need is told and escaped in one go each.
        whole = "\x00".join(["\n".join(title), "\n".join(body), "\n".join(small)])
        # Rare: most cards are ASCII but for the speaker line, told at once.
        if has_wide(whole):
            title_size, font_size, small_size = self.sizes
            starts = [
                _wide_cell(cell, part, size, bold)
                for part, size, bold in (
                    (title, title_size, True),
                    (body, font_size, False),
                    (small, small_size, True),
                )
            ]
        else:
            starts = [cell] * 3
        if rtl or not _left_to_right(whole) or whole.count("\x00") != 2:
            title_html, body_html, small_html = (_html_part(part, rtl) for part in text)
        else:  # left to right throughout: no line needs a mark
            title_html, body_html, small_html = (
                html_text(whole).replace("\n", "<br/>").split("\x00")
            )
        if title:
            parts.append(f"{starts[0]}{self.title_font}<b>{title_html}</b></font></td></tr>")
        if body or not title:
            parts.append(f"{starts[1]}{body_html or ' '}</td></tr>")
        if small:
            parts.append(f"{starts[2]}{self.attribution_font}<i>{small_html}</i></font></td></tr>")
        parts.append("</table>>")
        return "".join(parts)


def _wide_cell(cell: str, lines: list[str], size: float, bold: bool) -> str:
    """The start of a part's cell, as wide as its lines need if they hold wide characters."""
    width = wide_cell_width(lines, size, bold)
    return cell if width is None else f'{cell[:-1]} width="{width}">'


# Graphviz writes each line of a label as an SVG <text> (or draws it in a PNG) whose base
# direction is left to right: a Hebrew or Arabic line would then show its final "!" or
# number at the wrong end. Each line of a right-to-left part starts with RIGHT-TO-LEFT
# ISOLATE, which makes the line a right-to-left paragraph in browsers, in Graphviz's own
# PNG and in Qt; it ends with the line, so no closing mark is needed. On a right-aligned
# card the other lines start with LEFT-TO-RIGHT ISOLATE: Graphviz may count a mark as a
# little width (an RTL card then has a slightly wider margin on the right), and every
# line of the card is then shifted alike. The size estimates below measure the lines
# without marks: the marks take no room when drawn. Cards without right-to-left text
# are drawn exactly as before.
_RLI, _LRI = "\u2067", "\u2066"


def _html_part(lines: list[str], right_aligned: bool) -> str:
    """A part's lines as label text, marked with their direction where that is needed.

    Most cards are left-aligned and hold no Hebrew or Arabic: their lines need
    no marks, which one look at the part's text tells (the common path of
    every card of an export).
    """
    joined = "\n".join(lines)
    if right_aligned or not _left_to_right(joined):
        return html_lines(_directed(lines, right_aligned))
    return html_text(joined).replace("\n", "<br/>")


def _directed(lines: list[str], right_aligned: bool) -> list[str]:
    """A part's lines, each marked with the part's direction where the marks are needed.

    A left-to-right part's line that starts with a Hebrew or Arabic word would
    be read as a right-to-left line by what guesses a line's direction from its
    first letter (Qt, drawing a PDF): such lines are marked too.
    """
    if is_rtl(" ".join(lines)):
        return [_RLI + line for line in lines]
    if right_aligned:
        return [_LRI + line for line in lines]
    return [_LRI + line if re.search(_RTL, line) else line for line in lines]


def directed_text(text: str) -> str:
    """A plain label's text (a map's or a group's title), marked as a card's lines are.

    Each line of a Hebrew or Arabic title starts with RIGHT-TO-LEFT ISOLATE, so
    its final "?" or "!" stands at its left end; text without right-to-left
    letters is returned as it is.
    """
    if _left_to_right(text):
        return text
    return "\n".join(_directed(text.split("\n"), False))


def _left_to_right(text: str) -> bool:
    """True when ``text`` holds no right-to-left character; for most text told in C at once."""
    if text.isascii():
        return True
    data = text.encode("utf-8", "surrogatepass")
    if not data.translate(None, _NOT_RTL_LEADS) and _RLM not in data:
        return True
    return re.search(_RTL, text) is None


# The first UTF-8 bytes of every right-to-left character but the RIGHT-TO-LEFT MARK
# (U+0590 to U+08FF: D6 to E0; U+FB1D to U+FEFC: EF; beyond U+FFFF: F0). Text with
# dashes, quotes or accents has none of them.
_NOT_RTL_LEADS = bytes(
    code for code in range(256) if not (0xD6 <= code <= 0xE0 or code in (0xEF, 0xF0))
)
_RLM = "\u200f".encode()
# Every right-to-left character (Hebrew, Arabic, Syriac, ..., the RIGHT-TO-LEFT MARK): a
# text this finds nothing in is read left to right throughout. Compiled on first use
# (the re module keeps it): most exports have no such text, and compiling it costs
# a start 0.3 ms.
_RTL = "[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"


# -- estimated sizes ---------------------------------------------------------------

# Widths in hundredths of an em of Arial's narrow, wide, capital and other letters:
# within a few per cent of Graphviz's measure for lines of prose. Whole numbers, so
# a line's width is an exact sum whatever order it is added up in.
_UNITS = {
    **dict.fromkeys("iljtfI.,;:'!|()[] r-", 28),
    **dict.fromkeys("mwMW", 80),
    **dict.fromkeys("ABCDEFGHJKLNOPQRSTUVXYZ0123456789", 62),
}
_OTHER_UNITS = 52
# The same as a table of UTF-8 bytes, so that ``bytes.translate`` and ``sum`` measure
# lines in C, ten times faster than looking up each character: a character's first
# byte counts its width, the bytes that continue it nothing. The line break, which no
# card line holds, becomes 1, so that lines joined by it can be told apart again.
_BYTE_UNITS = bytes(
    [1 if code == 0x0A else _UNITS.get(chr(code), _OTHER_UNITS) for code in range(128)]
    + [0] * 64  # 0x80-0xBF: continuation bytes
    + [_OTHER_UNITS] * 64  # 0xC0-0xFF: the first byte of a character beyond ASCII
)
_BOLD = 1.1  # bold and italic Arial run about a tenth wider than regular
_LINE = 1.2  # line height, in font sizes
_SPACING = 2.0  # the label table's cell spacing


_WIDE_UNITS = 100  # a wide character (Chinese, Japanese, Korean) is drawn a full em wide


def _line_units(lines: list[str]) -> list[int]:
    """Each line's estimated width in Arial, in hundredths of an em."""
    text = "\n".join(lines)
    data = text.encode("utf-8", "surrogatepass")
    joined = data.translate(_BYTE_UNITS)
    units = list(map(sum, joined.split(b"\x01")))
    if len(units) != len(lines):  # a line held a line break after all: measure one by one
        units = [
            sum(line.encode("utf-8", "surrogatepass").translate(_BYTE_UNITS)) for line in lines
        ]
    if maybe_wide(data) and any(map(is_wide, text)):  # the bytes counted them as narrow
        extra = _WIDE_UNITS - _OTHER_UNITS
        units = [
            width + extra * (columns(line) - len(line))
            for width, line in zip(units, lines, strict=True)
        ]
    return units


def wide_cell_width(lines: list[str], size: float, bold: bool = False) -> int | None:
    """The width in points a label cell needs for these lines, if they hold wide characters.

    Graphviz counts a character beyond ASCII as wide as a space per byte of
    its UTF-8 form: a Chinese or Japanese character comes out at about 0.8 em
    where it is drawn 1 em wide, and its card too narrow for its lines.
    Lines without wide characters get None: Graphviz's own measure is right.
    """
    if not any(has_wide(line) for line in lines):
        return None
    return math.ceil(max(_line_units(lines)) / 100 * size * (_BOLD if bold else 1.0))


def text_width(text: str, size: float) -> float:
    """A line's estimated width in points, in regular Arial of ``size`` points."""
    return _line_units([text])[0] / 100 * size


def fit_text(text: str, width: float, size: float) -> str:
    """``text``, shortened with "…" until its estimated width is at most ``width`` points."""
    if text_width(text, size) <= width:
        return text
    cut = len(text)
    while cut > 0 and text_width(text[:cut].rstrip() + "…", size) > width:
        cut -= 1
    return text[:cut].rstrip() + "…" if cut else ""


def measure_cards(
    texts: list[CardText], theme: Theme, *, badge: bool = False, cards: Cards | str = Cards.FULL
) -> list[tuple[float, float]]:
    """Cards' estimated widths and heights in points, from their lines.

    ``badge`` leaves room for the widest evaluation badge above the title;
    ``cards`` is the style, whose margins the cards have.
    All the cards' lines are measured in one go (see ``_BYTE_UNITS``).
    """
    across, down = card_margin(cards)
    margin_x, margin_y = across * 72.0, down * 72.0
    units = _line_units([line for text in texts for part in text for line in part])
    title_size, font_size, small_size = theme.title_size, theme.font_size, theme.attribution_size
    title_scale, text_scale = title_size * _BOLD / 100, font_size / 100
    small_scale = small_size * _BOLD / 100
    first_width, first_height, first_count = 0.0, 0.0, 0
    if badge:
        first_width = max(_line_units(list(EVALUATION_BADGES.values()))) / 100 * title_size * _BOLD
        first_height, first_count = title_size * _LINE, 1
    sizes: list[tuple[float, float]] = []
    end = 0
    for title, body, small in texts:  # each cell written out: this loop runs for every card
        widest, height, count = first_width, first_height, first_count
        if title:
            start, end = end, end + len(title)
            widest = max(widest, max(units[start:end]) * title_scale)
            height += len(title) * title_size * _LINE
            count += 1
        if body:
            start, end = end, end + len(body)
            widest = max(widest, max(units[start:end]) * text_scale)
            height += len(body) * font_size * _LINE
            count += 1
        if small:
            start, end = end, end + len(small)
            widest = max(widest, max(units[start:end]) * small_scale)
            height += len(small) * small_size * _LINE
            count += 1
        sizes.append(
            (
                widest + 2 * (margin_x + _SPACING),
                height + 2 * margin_y + _SPACING * (count + 1),
            )
        )
    return sizes


def measure_card(
    text: CardText, theme: Theme, *, badge: bool = False, cards: Cards | str = Cards.FULL
) -> tuple[float, float]:
    """A card's estimated width and height in points, from its lines."""
    return measure_cards([text], theme, badge=badge, cards=cards)[0]


def card_size(
    statement: Statement, theme: Theme, *, badge: bool = False, cards: Cards | str = Cards.FULL
) -> tuple[float, float]:
    """A card's estimated width and height in points, as ``statement_label`` draws it."""
    return measure_card(CardLines(theme, cards)(statement), theme, badge=badge, cards=cards)
