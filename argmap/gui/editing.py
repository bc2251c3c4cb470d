"""Editing gestures turned into undo commands: add, type, delete, connect, move, navigate.

Every gesture the user makes, from the canvas, the menus, the inspector or
the sources panel, is assembled here into exactly one undo step: a gesture
that changes several things pushes its commands inside one macro, closed
even when a command fails halfway (:meth:`MapEditor.gesture`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QGuiApplication, QUndoStack

from argmap.gui.clipboard import (
    branch_from_mime,
    branch_to_mime,
    copy_branch,
    fresh_relation_ids,
    pasteable,
    prepare_paste,
)
from argmap.gui.commands import (
    AddCoPremiseCommand,
    AddElementsCommand,
    EditRefused,
    EditRelationCommand,
    EditStatementCommand,
    MoveStatementsCommand,
    RemoveElementsCommand,
    SetSourcesCommand,
)
from argmap.gui.document import MapDocument
from argmap.gui.group_editing import GroupGestures
from argmap.gui.inline_editor import InlineEditor
from argmap.gui.map_tree import neighbour
from argmap.gui.scene import MapScene
from argmap.gui.source_editing import SourceGestures
from argmap.model import Position, Relation, RelationKind, Statement, clean_text

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
        self.inline.cancelled.connect(self._drop_if_never_typed)
        # What is typed anywhere (a card, an inspector field, an outline row) is kept, as its
        # own undo step, before a new card takes the keyboard: the window sets this.
        self.commit_typing: Callable[[], None] = lambda: None
        self._just_added: tuple[str, int] | None = None  # (card, undo index) while it is new
        self._selected_before: list[str] = []  # what was selected when that card was added
        self.sources = SourceGestures(self)  # adding, citing, editing and removing sources
        self.groups = GroupGestures(self)  # grouping, ungrouping, renaming
        self.inline.committed.connect(self.set_text)
        scene.cardsMoved.connect(self.pin)
        document.mapReset.connect(self.inline.cancel)
        document.statementRemoved.connect(self.inline.forget)

    @contextmanager
    def gesture(self, label: str) -> Iterator[None]:
        """Whatever is pushed inside is one undo step, even if a command fails halfway."""
        self.undo_stack.beginMacro(label)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

    # -- adding ------------------------------------------------------------

    def add_premise(self, kind: RelationKind, *, edit: bool = True) -> str | None:
        """A new reason (support) or objection (attack) for the selected statement."""
        self.commit_typing()
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

    def add_co_premise(self, *, edit: bool = True) -> str | None:
        """A new statement that argues together with the selected one, under the same junction.

        The selected statement's first argument (the one it hangs under) gains
        the new statement as a co-premise, right after it; one undo step.
        """
        self.commit_typing()
        selected = self.scene.selected_statement_ids()
        if len(selected) != 1:
            self.message.emit("Select one reason or objection to add a co-premise to it.")
            return None
        premise = selected[0]
        relation = next((r for r in self.document.map.relations if premise in r.premises), None)
        if relation is None:
            self.message.emit("A main claim argues for nothing: add a reason to it instead.")
            return None
        statement = Statement(id=self.document.new_id("s"), text="")
        self.undo_stack.push(AddCoPremiseCommand(self.document, statement, relation.id, premise))
        self._select_and_edit(statement.id, edit)
        return statement.id

    def add_statement_at(self, point: QPointF | None = None, *, edit: bool = True) -> str:
        """A free statement (a new main claim) where the user double-clicked."""
        self.commit_typing()
        statement = Statement(id=self.document.new_id("s"), text="")
        positions = {}
        if point is not None:
            positions[statement.id] = Position(x=round(point.x(), 1), y=round(point.y(), 1))
        self.undo_stack.push(
            AddElementsCommand(self.document, [statement], [], "Add statement", positions)
        )
        self._select_and_edit(statement.id, edit)
        return statement.id

    def add_undercut(self, relation_id: str, *, edit: bool = True) -> str:
        """A new objection to an inference: it attacks the relation, not its premises."""
        self.commit_typing()
        statement = Statement(id=self.document.new_id("s"), text="")
        relation = Relation(
            id=self.document.new_id("r"),
            kind=RelationKind.ATTACK,
            premises=[statement.id],
            target=relation_id,
        )
        self.undo_stack.push(
            AddElementsCommand(self.document, [statement], [relation], "Add undercut")
        )
        self._select_and_edit(statement.id, edit)
        return statement.id

    def connect_statements(self, premise: str, target: str, kind: RelationKind) -> str | None:
        """A relation from one card to another (drag from the connector handle).

        Dropped on an edge, it is an undercut, which is always an attack.
        """
        if premise == target:
            return None
        if any(r.id == target for r in self.document.map.relations):
            kind = RelationKind.ATTACK
        for relation in self.document.map.relations:
            if relation.premises == [premise] and relation.target == target:
                self.message.emit("These statements are already connected.")
                return None
        relation = Relation(
            id=self.document.new_id("r"), kind=kind, premises=[premise], target=target
        )
        label = "Connect as reason" if kind == RelationKind.SUPPORT else "Connect as objection"
        self.undo_stack.push(AddElementsCommand(self.document, [], [relation], label))
        return relation.id

    def drop_onto(self, statement_id: str, target: str, how: str) -> None:
        """Make a dragged statement a reason for, objection to, or co-premise with another.

        The statement leaves the arguments it made, so dropping moves its branch
        under the new statement; all in one undo step. As a reason or an
        objection it takes an arrow of its own along (one it alone is the
        premise of: the one at that statement, else the first), pointed at the
        new statement, so who said it and the undercuts of it stay. Dropped on a
        statement it already argues for that way, nothing changes.
        """
        argument_map = self.document.map
        if how == "co-premise":
            joined = next((r for r in argument_map.relations if target in r.premises), None)
            if joined is not None and statement_id in joined.premises:
                self.message.emit("It is a co-premise in that argument already.")
                return
            if joined is not None and joined.target == statement_id:
                self.message.emit("A statement cannot be a co-premise of an argument for itself.")
                return
        own = [r for r in argument_map.relations if r.premises == [statement_id]]
        kind = RelationKind.ATTACK if how == "objection" else RelationKind.SUPPORT
        if how != "co-premise" and any(r.target == target and r.kind == kind for r in own):
            self.message.emit(f"It is {_how_it_argues(kind)} that statement already.")
            return
        # The arrow that goes along: the one at this statement already, else the first.
        kept = next((r for r in own if r.target == target), own[0] if own else None)
        shared = [
            r for r in argument_map.relations if statement_id in r.premises and len(r.premises) > 1
        ]
        labels = {
            "reason": "Make reason",
            "objection": "Make objection",
            "co-premise": "Make co-premise",
        }
        with self.gesture(labels[how]):
            for relation in shared:
                kept_premises = [p for p in relation.premises if p != statement_id]
                self.undo_stack.push(
                    EditRelationCommand(
                        self.document, relation.id, {"premises": kept_premises}, "Leave"
                    )
                )
            leaving = {r.id for r in own if how == "co-premise" or r is not kept}
            if leaving:
                self.undo_stack.push(RemoveElementsCommand(self.document, set(), leaving, "Detach"))
            if how == "co-premise":
                joined = next(
                    (r for r in self.document.map.relations if target in r.premises), None
                )
                if joined is not None:
                    premises = [*joined.premises, statement_id]
                    self.undo_stack.push(
                        EditRelationCommand(
                            self.document, joined.id, {"premises": premises}, "Join"
                        )
                    )
                else:
                    self.message.emit(
                        "That statement argues for nothing yet; made it a reason instead."
                    )
                    how, kept = "reason", None
            if how != "co-premise":
                self._point(statement_id, kept, target, kind)
            self.undo_stack.push(
                MoveStatementsCommand(self.document, {statement_id: None}, text="Unpin")
            )
        self.scene.select_only([statement_id])

    def _point(
        self, statement_id: str, arrow: Relation | None, target: str, kind: RelationKind
    ) -> None:
        """The statement's ``arrow`` pointed at ``target`` as ``kind``; a new one without it."""
        if arrow is not None and self.document.has_element(arrow.id):
            fields = {"target": target, "kind": kind}
            self.undo_stack.push(EditRelationCommand(self.document, arrow.id, fields, "Move"))
            return
        relation = Relation(
            id=self.document.new_id("r"), kind=kind, premises=[statement_id], target=target
        )
        self.undo_stack.push(AddElementsCommand(self.document, [], [relation], "Connect"))

    # -- clipboard ---------------------------------------------------------

    def copy_selection(self) -> bool:
        selected = self.scene.selected_statement_ids()
        if not selected:
            return False
        branch = copy_branch(self.document.map, selected)
        QGuiApplication.clipboard().setMimeData(branch_to_mime(branch))
        count = len(branch.statements)
        self.message.emit(f"Copied {count} statement{'s' if count != 1 else ''}.")
        return True

    def cut_selection(self) -> None:
        selected = self.scene.selected_statement_ids()
        if selected and self.copy_selection():
            self._remove(selected, set(), "Cut")

    def paste(self) -> list[str]:
        """Paste a branch; with one statement selected, the pasted branches argue for it.

        A copied statement that argues within the branch (a premise of another
        one copied with it) stays where it was, not linked to the selected card too.
        """
        self.commit_typing()
        branch = branch_from_mime(QGuiApplication.clipboard().mimeData())
        if branch is None or not branch.statements:
            self.message.emit("Nothing to paste.")
            return []
        branch = prepare_paste(self.document.map, branch)
        selected = self.scene.selected_statement_ids()
        relations = list(branch.relations)
        if len(selected) == 1:
            fresh = fresh_relation_ids(
                self.document.map, {r.id for r in relations} | {s.id for s in branch.statements}
            )
            argued = {p for r in relations for p in r.premises}  # inside the branch already
            heads = [root for root in branch.roots if root not in argued] or list(branch.roots)[:1]
            for root in heads:  # a copied cycle has no head: its first statement is linked
                kind = branch.roots[root]
                relations.append(
                    Relation(id=next(fresh), kind=kind, premises=[root], target=selected[0])
                )
        if not pasteable(self.document.map, branch.statements, relations, branch.sources):
            self.message.emit("The clipboard holds a damaged branch; nothing was pasted.")
            return []
        with self.gesture("Paste"):
            if branch.sources:
                sources = [*self.document.map.sources, *branch.sources]
                self.undo_stack.push(SetSourcesCommand(self.document, sources, "Add sources"))
            self.undo_stack.push(
                AddElementsCommand(self.document, branch.statements, relations, "Paste")
            )
        roots = list(branch.roots)
        self.scene.select_only(roots)
        return roots

    def _select_and_edit(self, statement_id: str, edit: bool) -> None:
        """Select a new card, bring it into view and (usually) open its editor.

        Only what is typed into the editor opened here joins the step that added
        the card: a card added without it (a quote) is edited in a step of its own.
        """
        added = (statement_id, self.undo_stack.index())
        self._just_added = None
        selected_before = self.scene.selected_statement_ids()
        self.scene.flush()  # give the new card its place first
        self.scene.select_only([statement_id])
        item = self.scene.statement_items.get(statement_id)
        if item is not None and not self.scene.following():  # else the view is scrolling to it
            item.ensureVisible(item.boundingRect(), 40, 40)
        if edit:
            self.edit_text(statement_id)
            if self.inline.is_open() and self.inline.statement_id == statement_id:
                self._just_added = added
                self._selected_before = [s for s in selected_before if s != statement_id]

    def _drop_if_never_typed(self, statement_id: str) -> None:
        """Escape on a card just added, before anything was typed: it was never wanted.

        What was selected when it was added (what it argued about) is selected again.
        """
        just_added, self._just_added = self._just_added, None
        if just_added != (statement_id, self.undo_stack.index()):
            return
        if (
            self.document.has_element(statement_id)
            and not self.document.statement(statement_id).text
        ):
            self.undo_stack.undo()
            self.scene.select_only(
                [s for s in self._selected_before if self.document.has_element(s)]
            )

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
            self.inline.open(item, self.document.statement(statement_id).text)

    def set_text(self, statement_id: str, text: str) -> None:
        """A card's text; the first text of a card just added joins the step that added it."""
        if not self.document.has_element(statement_id):
            return
        if self.document.statement(statement_id).text == clean_text(text):
            return
        first = self._just_added == (statement_id, self.undo_stack.index())
        self._just_added = None
        try:
            command = EditStatementCommand(
                self.document, statement_id, {"text": text}, first_text=first
            )
        except EditRefused as error:
            self.message.emit(f"Not changed: {error}")
            return
        self.undo_stack.push(command)

    def set_fields(self, statement_id: str, **fields: object) -> None:
        """Change a statement's fields in one undo step; a refused edit is reported, not applied."""
        try:
            command = EditStatementCommand(self.document, statement_id, fields)
        except EditRefused as error:
            self.message.emit(f"Not changed: {error}")
            return
        self.undo_stack.push(command)

    def set_relation_fields(self, relation_id: str, text: str = "Edit relation", **fields) -> None:
        """Change a relation in one undo step; a refused edit is reported, not applied."""
        try:
            command = EditRelationCommand(self.document, relation_id, fields, text)
        except EditRefused as error:
            self.message.emit(f"Not changed: {error}")
            return
        self.undo_stack.push(command)

    def toggle_relation_kind(self, relation_id: str) -> None:
        self.toggle_relation_kinds([relation_id])

    def toggle_relation_kinds(self, relation_ids: Iterable[str]) -> None:
        """Turn each support into an attack and each attack into a support: one undo step.

        The arrows are changed in the map's order, so the step does the same
        thing however the selection was made.
        """
        self.commit_typing()
        wanted = set(relation_ids)
        relations = [r for r in self.document.map.relations if r.id in wanted]
        if not relations:
            return
        label = (
            _toggle_label(relations[0].kind)
            if len(relations) == 1
            else (f"Turn {len(relations)} arrows around")
        )
        with self.gesture(label):
            for relation in relations:
                new = _toggled(relation.kind)
                self.undo_stack.push(
                    EditRelationCommand(
                        self.document, relation.id, {"kind": new}, _toggle_label(relation.kind)
                    )
                )

    def delete_selection(self) -> None:
        """Delete selected cards, the branch hanging only from them and selected edges."""
        relations = {e.relation_id for e in self.scene.edge_items if e.isSelected()}
        if (selected := self.scene.selected_statement_ids()) or relations:
            self._remove(selected, relations, "Delete")

    def _remove(self, selected: list[str], relations: set[str], text: str) -> None:
        """Remove cards and arrows; what the first card argued for is selected next."""
        removal = RemoveElementsCommand(self.document, selected, relations, text)
        self.undo_stack.push(removal)
        if removal.after:
            self.scene.select_only(removal.after)

    def pin(self, positions: dict[str, Position]) -> None:
        """Cards dragged by the user stay where they were put."""
        text = "Move statement" if len(positions) == 1 else f"Move {len(positions)} statements"
        self.undo_stack.push(MoveStatementsCommand(self.document, dict(positions), text=text))

    def nudge(self, dx: float, dy: float) -> None:
        new = {}
        for statement_id in self.scene.selected_statement_ids():
            item = self.scene.statement_items[statement_id]
            new[statement_id] = Position(
                x=round(item.pos().x() + dx, 1), y=round(item.pos().y() + dy, 1)
            )
        if new:
            self.undo_stack.push(
                MoveStatementsCommand(self.document, new, text="Nudge", merge=True)
            )

    def unpin(self, statement_ids: list[str]) -> None:
        """Let Graphviz place these cards again."""
        pinned = {sid: None for sid in statement_ids if sid in self.document.map.layout.positions}
        if pinned:
            self.undo_stack.push(MoveStatementsCommand(self.document, pinned, text="Unpin"))

    def delete_relations(self, relation_ids: set[str]) -> None:
        self.undo_stack.push(
            RemoveElementsCommand(self.document, set(), set(relation_ids), "Delete relation")
        )

    def unpin_all(self) -> None:
        """Forget every hand-placed position (re-layout everything)."""
        pinned = dict.fromkeys(self.document.map.layout.positions)
        if pinned:
            self.undo_stack.push(MoveStatementsCommand(self.document, pinned, text="Re-layout"))
        self.scene.request_layout()

    # -- moving the selection ----------------------------------------------

    def navigate(self, direction: str) -> None:
        """Arrow keys: up to the target, down to the first premise, left/right to siblings.

        The order is the outline's (:mod:`argmap.gui.map_tree`), undercuts included.
        """
        selected = self.scene.selected_statement_ids()
        if not selected:
            claims = self.document.map.main_claims()
            if claims:
                self.scene.select_only([claims[0].id])
            return
        to = neighbour(self.document.map, selected[0], direction)
        if to is not None and to in self.scene.statement_items:
            self.scene.select_only([to])
        for statement_id in self.scene.selected_statement_ids():
            self.scene.statement_items[statement_id].ensureVisible()


def _how_it_argues(kind: RelationKind) -> str:
    return "a reason for" if kind == RelationKind.SUPPORT else "an objection to"


def _toggled(kind: RelationKind) -> RelationKind:
    return RelationKind.ATTACK if kind == RelationKind.SUPPORT else RelationKind.SUPPORT


def _toggle_label(kind: RelationKind) -> str:
    return (
        "Turn support into attack" if kind == RelationKind.SUPPORT else "Turn attack into support"
    )
