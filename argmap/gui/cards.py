"""Measuring and painting statement cards with Qt, following the shared theme.

The canvas and the Graphviz export draw the same card: bold title, wrapped
text, italic attribution line, rounded box coloured by role. Sizes measured
here are what Graphviz lays out, so the layout always fits the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from argmap.model import Statement
from argmap.roles import Role
from argmap.theme import Theme, attribution_line, is_rtl

__all__ = ["CardLayout", "breakable", "card_slot", "measure_card", "paint_card"]

TEXT_DETAIL = 0.3  # below this scale, text is drawn as bars
OVERVIEW_DETAIL = 0.06  # below this, a card is a plain block (a whole large map at once)
TEXT_WIDTH = 210.0  # points: the widest a card's text runs before wrapping
LINE_GAP = 3.0
LONG_WORD = 24  # characters: a longer run without spaces gets invisible break points
ZERO_WIDTH_SPACE = "\u200b"


_FONTS: dict[tuple, tuple[QFont, QFontMetricsF]] = {}


def card_slot(theme: Theme) -> float:
    """The widest a card gets (wrapped text and padding): the tree layout's slot width."""
    return TEXT_WIDTH + 2 * theme.card_padding


def _font(theme: Theme, size: float, *, bold: bool = False, italic: bool = False) -> QFont:
    return _font_and_metrics(theme, size, bold=bold, italic=italic)[0]


def _metrics(
    theme: Theme, size: float, *, bold: bool = False, italic: bool = False
) -> QFontMetricsF:
    return _font_and_metrics(theme, size, bold=bold, italic=italic)[1]


def _font_and_metrics(
    theme: Theme, size: float, *, bold: bool, italic: bool
) -> tuple[QFont, QFontMetricsF]:
    """Fonts and their metrics are made once: a large map measures thousands of cards."""
    key = (theme.font_family, size, bold, italic)
    if key not in _FONTS:
        font = QFont(theme.font_family)
        font.setPixelSize(max(1, round(size)))  # one scene unit is one point, as in Graphviz
        font.setBold(bold)
        font.setItalic(italic)
        _FONTS[key] = (font, QFontMetricsF(font))
    return _FONTS[key]


@dataclass(frozen=True)
class CardLayout:
    """Where each part of a card goes, relative to the card's top-left corner."""

    width: float
    height: float
    title_rect: QRectF | None
    text_rect: QRectF
    attribution_rect: QRectF | None
    title: str | None
    text: str
    attribution: str | None
    alignment: Qt.AlignmentFlag


_LONG_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def breakable(text: str) -> str:
    """Words longer than a line (web addresses, hashes) get break points, as export cuts them.

    A zero-width space every ``LONG_WORD`` characters lets Qt wrap there and
    shows nothing, so a card never grows wider than its text column.
    """
    if len(text) <= LONG_WORD:
        return text
    return _LONG_WORD.sub(
        lambda m: ZERO_WIDTH_SPACE.join(
            m.group()[i : i + LONG_WORD] for i in range(0, len(m.group()), LONG_WORD)
        ),
        text,
    )


def _block(metrics: QFontMetricsF, text: str) -> QRectF:
    flags = int(Qt.TextFlag.TextWordWrap)
    return metrics.boundingRect(QRectF(0, 0, TEXT_WIDTH, 100_000), flags, text or " ")


def measure_card(statement: Statement, theme: Theme) -> CardLayout:
    """Lay out a card's text with Qt's font metrics."""
    padding = theme.card_padding
    title_metrics = _metrics(theme, theme.title_size, bold=True)
    text_metrics = _metrics(theme, theme.font_size)
    small_metrics = _metrics(theme, theme.attribution_size, italic=True)
    attribution = statement.attribution
    line = attribution_line(attribution.speaker, attribution.date) if attribution else None
    blocks = []
    title, text = breakable(statement.title or ""), breakable(statement.text)
    if title:
        blocks.append(("title", _block(title_metrics, title)))
    blocks.append(("text", _block(text_metrics, text)))
    if line:
        blocks.append(("attribution", _block(small_metrics, line)))
    inner_width = max(rect.width() for _, rect in blocks)
    rects: dict[str, QRectF] = {}
    y = padding
    for name, rect in blocks:
        rects[name] = QRectF(padding, y, inner_width, rect.height())
        y += rect.height() + LINE_GAP
    alignment = (
        Qt.AlignmentFlag.AlignRight
        if is_rtl(statement.title or statement.text)
        else Qt.AlignmentFlag.AlignLeft
    )
    return CardLayout(
        width=inner_width + 2 * padding,
        height=y - LINE_GAP + padding,
        title_rect=rects.get("title"),
        text_rect=rects["text"],
        attribution_rect=rects.get("attribution"),
        title=title or None,
        text=text,
        attribution=line,
        alignment=alignment,
    )


def paint_card(
    painter: QPainter,
    layout: CardLayout,
    role: Role,
    theme: Theme,
    *,
    selected: bool = False,
    highlighted: bool = False,
    detail: float = 1.0,
) -> None:
    """Draw a card with its top-left corner at the painter's origin.

    ``detail`` is the scale the card is seen at: below ``TEXT_DETAIL`` text
    would be unreadable anyway, so grey bars stand in for it and a whole
    large map paints quickly.
    """
    card = theme.card(role)
    box = QRectF(0, 0, layout.width, layout.height)
    pen = QPen(QColor(card.border), card.border_width)
    if card.dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QColor(card.fill))
    painter.drawRoundedRect(box, theme.corner_radius, theme.corner_radius)
    if highlighted:
        painter.setPen(QPen(QColor("#f5b800"), 4.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(
            box.adjusted(-4, -4, 4, 4), theme.corner_radius + 3, theme.corner_radius + 3
        )
    if selected:
        painter.setPen(QPen(QColor("#1a73e8"), 2.0, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(
            box.adjusted(-3, -3, 3, 3), theme.corner_radius + 2, theme.corner_radius + 2
        )
    if detail < TEXT_DETAIL:
        _paint_text_bars(painter, layout, QColor(card.text))
        return
    flags = int(Qt.TextFlag.TextWordWrap) | int(layout.alignment)
    painter.setPen(QColor(card.text))
    if layout.title_rect is not None and layout.title:
        painter.setFont(_font(theme, theme.title_size, bold=True))
        painter.drawText(layout.title_rect, flags, layout.title)
    painter.setFont(_font(theme, theme.font_size))
    painter.drawText(layout.text_rect, flags, layout.text)
    if layout.attribution_rect is not None and layout.attribution:
        painter.setPen(QColor(theme.attribution_colour if card.text == "#1a1a1a" else card.text))
        painter.setFont(_font(theme, theme.attribution_size, italic=True))
        painter.drawText(layout.attribution_rect, flags, layout.attribution)


def _paint_text_bars(painter: QPainter, layout: CardLayout, colour: QColor) -> None:
    colour.setAlphaF(0.2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    for rect in (layout.title_rect, layout.text_rect, layout.attribution_rect):
        if rect is not None:
            painter.drawRect(rect.adjusted(0, 1, 0, -1))
