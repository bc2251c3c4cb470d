"""How Evaluate mode draws a label: a badge on the card's top edge and a border around it.

Each label differs in three ways, so none depends on colour alone: a symbol
and a word (✓ IN, ✗ OUT, ? UNDECIDED), a border style (thick solid, dashed,
dotted) and a colour from a palette colour-blind readers tell apart (blue,
vermillion, grey, of different lightness for greyscale prints).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

__all__ = ["BADGE_HEIGHT", "LOOKS", "badge_rect", "on_badge", "paint_verdict"]

BADGE_HEIGHT = 16.0
_BADGE_FONT_SIZE = 8.5


@dataclass(frozen=True)
class Look:
    badge: str
    colour: str
    border_width: float
    border_style: Qt.PenStyle


LOOKS = {
    "in": Look("✓ IN", "#0b5394", 3.0, Qt.PenStyle.SolidLine),
    "out": Look("✗ OUT", "#c2410c", 2.0, Qt.PenStyle.DashLine),
    "undecided": Look("? UNDECIDED", "#6b6b6b", 2.0, Qt.PenStyle.DotLine),
}
_FONT: QFont | None = None


def _font() -> QFont:
    global _FONT
    if _FONT is None:
        _FONT = QFont()
        _FONT.setPointSizeF(_BADGE_FONT_SIZE)
        _FONT.setBold(True)
    return _FONT


def badge_rect(width: float, height: float, verdict: str) -> QRectF:
    """Where the badge sits, in card coordinates (origin at the card's centre).

    It straddles the top edge at the right, inside the item's margin, so it
    changes neither the card's size nor the layout.
    """
    text_width = QFontMetricsF(_font()).horizontalAdvance(LOOKS[verdict].badge)
    badge_width = text_width + 12.0
    right = width / 2 - 10.0
    return QRectF(right - badge_width, -height / 2 - BADGE_HEIGHT / 2, badge_width, BADGE_HEIGHT)


def paint_verdict(painter: QPainter, width: float, height: float, verdict: str) -> None:
    """The border and badge of ``verdict``, painter at the card's centre."""
    look = LOOKS[verdict]
    colour = QColor(look.colour)
    pen = QPen(colour, look.border_width, look.border_style)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(-width / 2 - 3, -height / 2 - 3, width + 6, height + 6), 8, 8)
    rect = badge_rect(width, height, verdict)
    painter.setPen(QPen(QColor("#ffffff"), 1.0))
    painter.setBrush(colour)
    painter.drawRoundedRect(rect, BADGE_HEIGHT / 2, BADGE_HEIGHT / 2)
    painter.setFont(_font())
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), look.badge)


def on_badge(width: float, height: float, verdict: str | None, point: QPointF) -> bool:
    """Whether ``point`` (card coordinates) falls on the badge of ``verdict``."""
    if verdict is None:
        return False
    return badge_rect(width, height, verdict).adjusted(-2, -2, 2, 2).contains(point)
