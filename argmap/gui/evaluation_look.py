"""How Evaluate mode draws a label: a badge on the card's top edge and a border around it.

Each label differs in four ways, so none depends on colour alone: a symbol
and a word (✓ IN, ✗ OUT, ? UNDECIDED), a border style (thick solid, dashed,
dotted), a badge filled dark, left white or filled light grey (which a
greyscale print keeps apart), and a colour from a palette colour-blind
readers tell apart (blue, vermillion, grey). A statement the author accepted
or rejected says so on its badge (✓ IN · accepted), so every click on a
badge, which cycles that choice, changes what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

__all__ = [
    "BADGE_HEIGHT",
    "LOOKS",
    "CanvasMarks",
    "badge_may_stick_out",
    "badge_rect",
    "card_mark",
    "idle_mark",
    "on_badge",
    "paint_verdict",
]

BADGE_HEIGHT = 16.0
_BADGE_FONT_SIZE = 8.5
_BADGE_INSET = 10.0  # from the card's right edge


@dataclass(frozen=True)
class Look:
    """A label's badge text, colour, border, and the badge's fill and text colour."""

    badge: str
    colour: str
    border_width: float
    border_style: Qt.PenStyle
    fill: str
    ink: str


_IN = Look("✓ IN", "#0b5394", 3.0, Qt.PenStyle.SolidLine, "#0b5394", "#ffffff")
_OUT = Look("✗ OUT", "#c2410c", 2.0, Qt.PenStyle.DashLine, "#ffffff", "#c2410c")
# By the marks of argmap.evaluation.Evaluation.marks(): a label, or the author's assumption.
LOOKS = {
    "in": _IN,
    "out": _OUT,
    "undecided": Look("? UNDECIDED", "#6b6b6b", 2.0, Qt.PenStyle.DotLine, "#e4e4e4", "#333333"),
    "accepted": replace(_IN, badge=f"{_IN.badge} · accepted"),
    "rejected": replace(_OUT, badge=f"{_OUT.badge} · rejected"),
}


@dataclass(slots=True)
class CanvasMarks:
    """What Evaluate mode shows on the canvas: empty while the mode is off.

    ``cards``: each statement's mark (a key of ``LOOKS``); ``idle``: the
    relations that carry no weight (drawn faint), each with whether it
    applies at all (dotted when it does not).
    """

    cards: dict[str, str] = field(default_factory=dict)
    idle: dict[str, bool] = field(default_factory=dict)


def card_mark(scene: Any, statement_id: str) -> str | None:
    """The mark Evaluate mode shows on a card of ``scene`` (None: no scene, or the mode off)."""
    marks: CanvasMarks | None = getattr(scene, "marks", None)
    return None if marks is None else marks.cards.get(statement_id)


def idle_mark(scene: Any, relation_id: str) -> bool | None:
    """None for an arrow drawn as usual; else whether its idle argument applies at all."""
    marks: CanvasMarks | None = getattr(scene, "marks", None)
    return None if marks is None else marks.idle.get(relation_id)


_FONT: QFont | None = None


def _font() -> QFont:
    global _FONT
    if _FONT is None:
        _FONT = QFont()
        _FONT.setPointSizeF(_BADGE_FONT_SIZE)
        _FONT.setBold(True)
    return _FONT


_WIDTHS: dict[str, float] = {}  # badge widths by mark, measured once


def _badge_width(verdict: str) -> float:
    width = _WIDTHS.get(verdict)
    if width is None:
        width = QFontMetricsF(_font()).horizontalAdvance(LOOKS[verdict].badge) + 12.0
        _WIDTHS[verdict] = width
    return width


def badge_rect(width: float, height: float, verdict: str) -> QRectF:
    """Where the badge sits, in card coordinates (origin at the card's centre).

    It straddles the top edge at the right, inside the item's margin, so it
    changes neither the card's size nor the layout; on a card narrower than
    the badge it sticks out to the left (see :func:`badge_may_stick_out`).
    """
    badge_width = _badge_width(verdict)
    right = width / 2 - _BADGE_INSET
    return QRectF(right - badge_width, -height / 2 - BADGE_HEIGHT / 2, badge_width, BADGE_HEIGHT)


def badge_may_stick_out(width: float, margin: float) -> bool:
    """Whether some badge is wider than a card of ``width`` with ``margin`` around it.

    Only such narrow cards need a bounding rectangle that depends on their
    mark (and a geometry change when it changes); the others never do.
    """
    widest = max(_badge_width(verdict) for verdict in LOOKS)
    return _BADGE_INSET + widest > width + margin


def paint_verdict(painter: QPainter, width: float, height: float, verdict: str) -> None:
    """The border and badge of ``verdict``, painter at the card's centre."""
    look = LOOKS[verdict]
    colour = QColor(look.colour)
    pen = QPen(colour, look.border_width, look.border_style)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(-width / 2 - 3, -height / 2 - 3, width + 6, height + 6), 8, 8)
    rect = badge_rect(width, height, verdict)
    painter.setPen(QPen(colour, 1.0))
    painter.setBrush(QColor(look.fill))
    painter.drawRoundedRect(rect, BADGE_HEIGHT / 2, BADGE_HEIGHT / 2)
    painter.setPen(QColor(look.ink))
    painter.setFont(_font())
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), look.badge)


def on_badge(width: float, height: float, verdict: str | None, point: QPointF) -> bool:
    """Whether ``point`` (card coordinates) falls on the badge of ``verdict``."""
    if verdict is None:
        return False
    return badge_rect(width, height, verdict).adjusted(-2, -2, 2, 2).contains(point)
