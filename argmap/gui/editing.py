"""Editing gestures turned into undo commands: add, type, delete, connect, move, navigate."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QUndoStack

from argmap.gui.commands import (
    AddElementsCommand,
    EditRelationCommand,
    EditStatementCommand,
    MoveStatementsCommand,
    RemoveElementsCommand,
)
from argmap.gui.document import MapDocument
from argmap.gui.inline_editor import InlineEditor
from argmap.gui.scene import MapScene
from argmap.model import Position, Relation, RelationKind, Statement

__all__ = ["MapEditor"]


class MapEditor(QObject):
    """What the keyboard shortcuts, menus and mouse gestures do to the map."""

    message = Signal(str)

    def __init__(self, document: MapDocument, scene: MapScene, undo_stack: QUndoStack) -> None:
        super().__init__()
        self.document = document
        self.scene = scene
        self.undo_stack = undo_stack
        self.inline = InlineEditor(self)
        self.inline.committed.connect(self.set_text)
        scene.cardsMoved.connect(self.pin)

    # -- adding ------------------------------------------------------------

    def add_premise(self, kind: RelationKind, *, edit: bool = True) -> str | None:
        """A new reason (support) or objection (attack) for the selected statement."""
        selected = self.scene.selected_statement_ids()
        if len(selected) != 1:
            self.message.emit("Select one statement to add a reason or objection to it.")
            return None
        target = selected[0]
        statement = Statement(id=self.document.new_id("s"), text="")
        relation = Relation(
            id=self.document.new_id("r"),
            kind=kind,
            premises=[statement.id],
            target=target,
        )
        label = "Add reason" if kind == RelationKind.SUPPORT else "Add objection"
        self.undo_stack.push(AddElementsCommand(self.document, [statement], [relation], label))
        self._select_and_edit(statement.id, edit)
        return statement.id

    def add_statement_at(self, point: QPointF | None = None, *, edit: bool = True) -> str:
        """A free statement (a new main claim) where the user double-clicked."""
        statement = Statement(id=self.document.new_id("s"), text="")
        positions = {}
        if point is not None:
            positions[statement.id] = Position(x=round(point.x(), 1), y=round(point.y(), 1))
        self.undo_stack.push(
            AddElementsCommand(self.document, [statement], [], "Add statement", positions)
        )
        self._select_and_edit(statement.id, edit)
        return statement.id

    def connect(self, premise: str, target: str, kind: RelationKind) -> str | None:
        """A relation from one card to another (drag from the connector handle)."""
        if premise == target:
            return None
        for relation in self.document.map.relations:
            if relation.premises == [premise] and relation.target == target:
                self.message.emit("These statements are already connected.")
                return None
        relation = Relation(id=self.document.new_id("r"), kind=kind, premises=[premise], target=target)
        label = "Connect as reason" if kind == RelationKind.SUPPORT else "Connect as objection"
        self.undo_stack.push(AddElementsCommand(self.document, [], [relation], label))
        return relation.id

    def _select_and_edit(self, statement_id: str, edit: bool) -> None:
        self.scene.select_only([statement_id])
        if edit:
            self.edit_text(statement_id)

    # -- changing ----------------------------------------------------------

    def edit_text(self, statement_id: str | None = None) -> None:
        """Open the inline editor on a card (F2 or double-click)."""
        if statement_id is None:
            selected = self.scene.selected_statement_ids()
            if not selected:
                return
            statement_id = selected[0]
        item = self.scene.statement_items.get(statement_id)
        if item is not None:
            self.inline.open(item, self.document.map.statement(statement_id).text)

    def set_text(self, statement_id: str, text: str) -> None:
        if self.document.has_element(statement_id):
            self.undo_stack.push(EditStatementCommand(self.document, statement_id, {"text": text}))

    def set_fields(self, statement_id: str, *, merge: bool = False, **fields) -> None:
        self.undo_stack.push(EditStatementCommand(self.document, statement_id, fields, merge=merge))

    def toggle_relation_kind(self, relation_id: str) -> None:
        relation = self.document.map.relation(relation_id)
        new = RelationKind.ATTACK if relation.kind == RelationKind.SUPPORT else RelationKind.SUPPORT
        text = "Turn support into attack" if new == RelationKind.ATTACK else "Turn attack into support"
        self.undo_stack.push(EditRelationCommand(self.document, relation_id, {"kind": new}, text))

    def delete_selection(self) -> None:
        """Delete selected cards with the branch hanging only from them, and selected edges."""
        statements = set(self.scene.selected_statement_ids())
        relations = {e.relation_id for e in self.scene.edge_items if e.isSelected()}
        if not statements and not relations:
            return
        self.undo_stack.push(RemoveElementsCommand(self.document, statements, relations))

    def pin(self, positions: dict[str, Position]) -> None:
        """Cards dragged by the user stay where they were put."""
        text = "Move statement" if len(positions) == 1 else f"Move {len(positions)} statements"
        self.undo_stack.push(MoveStatementsCommand(self.document, dict(positions), text=text))

    def nudge(self, dx: float, dy: float) -> None:
        new = {}
        for statement_id in self.scene.selected_statement_ids():
            item = self.scene.statement_items[statement_id]
            new[statement_id] = Position(x=round(item.pos().x() + dx, 1), y=round(item.pos().y() + dy, 1))
        if new:
            self.undo_stack.push(MoveStatementsCommand(self.document, new, text="Nudge", merge=True))

    def unpin_all(self) -> None:
        """Forget every hand-placed position (re-layout everything)."""
        pinned = dict.fromkeys(self.document.map.layout.positions)
        if pinned:
            self.undo_stack.push(MoveStatementsCommand(self.document, pinned, text="Re-layout"))
        self.scene.request_layout()

    # -- moving the selection ----------------------------------------------

    def navigate(self, direction: str) -> None:
        """Arrow keys: up to the target, down to the first premise, left/right to siblings."""
        selected = self.scene.selected_statement_ids()
        argument_map = self.document.map
        if not selected:
            claims = argument_map.main_claims()
            if claims:
                self.scene.select_only([claims[0].id])
            return
        current = selected[0]
        relations = argument_map.relations
        relation_of = next((r for r in relations if current in r.premises), None)
        target = self._statement_target(relation_of.target) if relation_of else None
        if direction == "up" and target:
            self.scene.select_only([target])
        elif direction == "down":
            children = [p for r in relations if r.target == current for p in r.premises]
            if children:
                self.scene.select_only([children[0]])
        elif direction in ("left", "right") and relation_of is not None:
            siblings = [p for r in relations if r.target == relation_of.target for p in r.premises]
            if len(siblings) > 1:
                index = siblings.index(current) + (1 if direction == "right" else -1)
                self.scene.select_only([siblings[index % len(siblings)]])
        for statement_id in self.scene.selected_statement_ids():
            self.scene.statement_items[statement_id].ensureVisible()

    def _statement_target(self, target: str) -> str | None:
        relations = {r.id: r for r in self.document.map.relations}
        seen = set()
        while target in relations and target not in seen:
            seen.add(target)
            target = relations[target].target
        return target if target in self.scene.statement_items else None
