"""Mouse gestures on the canvas that become relations rather than moves.

Dragging from a card's connector handle draws a rubber line; releasing it on
another card (or on an edge, for an undercut) asks for a new relation.
Dropping a whole card onto another asks what the dragged statement should
become. The scene only reports these; the window turns them into commands.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsScene

from argmap.gui.items import EdgeItem, StatementItem

__all__ = ["ConnectionDrag", "edge_at", "statement_at"]


def statement_at(
    scene: QGraphicsScene, point: QPointF, exclude: str | None = None
) -> StatementItem | None:
    """The topmost card under ``point``, other than ``exclude``."""
    for item in scene.items(point):
        if isinstance(item, StatementItem) and item.statement_id != exclude:
            return item
    return None


def edge_at(scene: QGraphicsScene, point: QPointF) -> EdgeItem | None:
    for item in scene.items(point):
        if isinstance(item, EdgeItem):
            return item
    return None


class ConnectionDrag:
    """The rubber line from a card's handle to the cursor while connecting."""

    def __init__(self, scene: QGraphicsScene, source: StatementItem) -> None:
        self.scene = scene
        self.source = source
        start = source.mapToScene(source.handle_centre())
        self.line = QGraphicsLineItem(QLineF(start, start))
        pen = QPen(QColor("#1a73e8"), 2.0, Qt.PenStyle.DashLine)
        self.line.setPen(pen)
        self.line.setZValue(10)
        scene.addItem(self.line)
        self.candidate: StatementItem | None = None

    def move_to(self, point: QPointF) -> None:
        line = self.line.line()
        line.setP2(point)
        self.line.setLine(line)
        candidate = statement_at(self.scene, point, exclude=self.source.statement_id)
        if candidate is not self.candidate:
            if self.candidate is not None:
                self.candidate.set_drop_target(False)
            if candidate is not None:
                candidate.set_drop_target(True)
            self.candidate = candidate

    def finish(self, point: QPointF) -> str | None:
        """Remove the rubber line; the id of the card or relation it was dropped on."""
        if self.candidate is not None:
            self.candidate.set_drop_target(False)
        self.scene.removeItem(self.line)
        card = statement_at(self.scene, point, exclude=self.source.statement_id)
        if card is not None:
            return card.statement_id
        edge = edge_at(self.scene, point)
        if edge is not None:
            return edge.relation_id
        return None
