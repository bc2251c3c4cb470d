"""How the canvas answers the mouse: dragging cards, dropping one onto another, connecting.

A mixin of :class:`~argmap.gui.scene.MapScene`, kept apart so the scene module
stays about keeping items in step with the document. Like the scene, it
never edits the map: it emits the scene's signals (``cardsMoved``,
``cardDropped``, ``connectRequested``, ``cardDoubleClicked``,
``contextMenuRequested``) for the window to turn into undo commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import QGraphicsSceneMouseEvent

from argmap.gui.gestures import ConnectionDrag, statement_at
from argmap.gui.items import EdgeItem, StatementItem
from argmap.model import Position

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsScene as _SceneBase

    from argmap.gui.animation import LayoutGlide, Steps
else:
    _SceneBase = object

__all__ = ["MouseGestures"]


class MouseGestures(_SceneBase):
    """The scene's part that answers the mouse; what it needs from the scene is declared here."""

    cardsMoved: ClassVar[Signal]
    cardDropped: ClassVar[Signal]
    connectRequested: ClassVar[Signal]
    cardDoubleClicked: ClassVar[Signal]
    badgeClicked: ClassVar[Signal]
    contextMenuRequested: ClassVar[Signal]
    statement_items: dict[str, StatementItem]
    _glide: LayoutGlide
    _steps: Steps

    if TYPE_CHECKING:  # provided by MapScene

        def _update_edges_of_cards(self, statement_ids: set[str]) -> None: ...
        def select_only(self, statement_ids: list[str]) -> None: ...

    _press_positions: dict[str, QPointF]
    _connection: ConnectionDrag | None = None
    _drop_candidate: StatementItem | None = None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._glide.stop()  # a card being grabbed must not keep moving on its own
        self._steps.finish()
        if event.button() == Qt.MouseButton.LeftButton:
            card = statement_at(self, event.scenePos())
            if card is not None and card.on_badge(card.mapFromScene(event.scenePos())):
                self.badgeClicked.emit(card.statement_id)  # Evaluate mode: cycle acceptance
                event.accept()
                return
            if card is not None and card.on_handle(card.mapFromScene(event.scenePos())):
                self._connection = ConnectionDrag(self, card)
                event.accept()
                return
        super().mousePressEvent(event)
        self._press_positions = {
            sid: QPointF(item.pos())
            for sid, item in self.statement_items.items()
            if item.isSelected()
        }

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connection is not None:
            self._connection.move_to(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)
        if self._press_positions:  # cards are being dragged: their edges follow live
            self._update_edges_of_cards(set(self._press_positions))
        if len(self._press_positions) == 1:
            (dragged,) = self._press_positions
            self._set_drop_candidate(statement_at(self, event.scenePos(), exclude=dragged))

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            target = connection.finish(event.scenePos())
            if target is not None:
                attack = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.connectRequested.emit(connection.source.statement_id, target, attack)
            event.accept()
            return
        super().mouseReleaseEvent(event)
        dropped_on = self._drop_candidate
        self._set_drop_candidate(None)
        moved = {
            sid: Position(x=round(item.pos().x(), 1), y=round(item.pos().y(), 1))
            for sid, item in self.statement_items.items()
            if sid in self._press_positions and item.pos() != self._press_positions[sid]
        }
        if dropped_on is not None and len(moved) == 1:
            (dragged,) = moved
            self.statement_items[dragged].setPos(self._press_positions[dragged])  # not a move
            self._update_edges_of_cards({dragged})
            self._press_positions = {}
            self.cardDropped.emit(dragged, dropped_on.statement_id)
            return
        self._press_positions = {}
        if moved:
            self.cardsMoved.emit(moved)

    def _set_drop_candidate(self, item: StatementItem | None) -> None:
        if item is self._drop_candidate:
            return
        if self._drop_candidate is not None:
            self._drop_candidate.set_drop_target(False)
        if item is not None:
            item.set_drop_target(True)
        self._drop_candidate = item

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        card = statement_at(self, event.scenePos())
        if card is not None and event.button() == Qt.MouseButton.LeftButton:
            self.cardDoubleClicked.emit(card.statement_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:
        card = statement_at(self, event.scenePos())
        if card is not None:
            if not card.isSelected():
                self.select_only([card.statement_id])
            self.contextMenuRequested.emit(
                "statement", card.statement_id, event.screenPos(), event.scenePos()
            )
            return
        for item in self.items(event.scenePos()):
            if isinstance(item, EdgeItem):
                self.clearSelection()
                item.setSelected(True)
                self.contextMenuRequested.emit(
                    "relation", item.relation_id, event.screenPos(), event.scenePos()
                )
                return
        self.contextMenuRequested.emit("canvas", "", event.screenPos(), event.scenePos())
