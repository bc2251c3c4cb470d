"""Undo commands: the only way the editor changes a map.

One command per user gesture (a gesture that changes several things pushes
its commands inside one macro, assembled by :class:`~argmap.gui.editing.MapEditor`).
Nudging the same cards with the arrow keys merges into one step
(``mergeWith``), as in Qt's undo framework examples.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtGui import QUndoCommand

from argmap.errors import ArgmapError
from argmap.grouping import drop_emptied
from argmap.gui.document import MapDocument
from argmap.gui.map_command import MapCommand
from argmap.gui.map_tree import argued_for
from argmap.model import ArgumentMap, Group, Position, Relation, Source, Statement, clean_text

__all__ = [
    "AddCoPremiseCommand",
    "AddElementsCommand",
    "EditRefused",
    "EditRelationCommand",
    "EditStatementCommand",
    "MoveStatementsCommand",
    "RemoveElementsCommand",
    "SetGroupsCommand",
    "SetSourcesCommand",
    "branch_of",
]


class EditRefused(ArgmapError):
    """An edit that would leave the map unable to load again; nothing was changed."""


def checked_fields(current: BaseModel, fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` with typed text cleaned, refused if the result would not load again.

    Edits skip pydantic's validation (``model_copy``) for speed, so this is
    where a pasted control character or a statement made its own premise is
    stopped, before the command is pushed and anything has changed.
    """
    cleaned = {name: _clean(value) for name, value in fields.items()}
    data = current.model_dump()
    data.update({k: v.model_dump() if isinstance(v, BaseModel) else v for k, v in cleaned.items()})
    try:
        new = type(current).model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise EditRefused(f"{where}: {first['msg'].removeprefix('Value error, ')}") from None
    if isinstance(new, Relation):
        if new.target in new.premises:
            raise EditRefused(f"statement {new.target!r} cannot be a premise for itself")
        if len(set(new.premises)) != len(new.premises):
            raise EditRefused("a statement cannot be listed twice as a premise")
    # What validation made of them: a kind is stored as a RelationKind, never as its string.
    return {name: getattr(new, name) for name in cleaned}


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, BaseModel):
        changed = {k: _clean(v) for k, v in vars(value).items() if isinstance(v, str | list)}
        return value.model_copy(update=changed)
    return value


_MOVE_ID = 2  # commands that may merge share an id (Qt's undo framework)
_FIRST_TEXT_ID = 3  # a new card's first text joins the step that added the card


class AddElementsCommand(MapCommand):
    """Add statements and the relations that connect them (new reason, paste, connect).

    Undone, it selects what the new statements were added to, so that the user is
    back where they were working; redone, it selects the new statements again.
    """

    def __init__(
        self,
        document: MapDocument,
        statements: list[Statement],
        relations: list[Relation],
        text: str,
        positions: dict[str, Position] | None = None,
    ) -> None:
        super().__init__(text)
        self.document = document
        self.statements = list(statements)
        self.relations = relations
        self.positions = positions or {}
        self.origin, self.added_to_origin = _origin(document, self.statements, relations)
        self._pushed = False  # the first redo is the push: the editor selects then

    def id(self) -> int:
        return _FIRST_TEXT_ID if len(self.statements) == 1 else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """The text typed into the card just added: adding and typing it are one step."""
        if not isinstance(other, EditStatementCommand) or not other.first_text:
            return False
        if other.statement_id != self.statements[0].id or set(other.new) != {"text"}:
            return False
        self.statements[0] = self.statements[0].model_copy(update=other.new)
        return True

    def apply(self) -> None:
        for statement in self.statements:
            self.document.insert_statement(len(self.document.map.statements), statement)
        for relation in self.relations:
            self.document.insert_relation(len(self.document.map.relations), relation)
        if self.positions:
            self.document.set_positions(dict(self.positions))
        if self._pushed and self.origin:
            self.document.want_selection(self.added_to_origin)
        self._pushed = True

    def revert(self) -> None:
        self._show_origin()
        self._remove()

    def _show_origin(self) -> None:
        """Before the new statements go: what the user worked on is selected and shown again
        (the scene selects it once the undo is done)."""
        if self.origin:
            self.document.want_selection(self.origin)

    def _remove(self) -> None:
        for relation in reversed(self.relations):
            self.document.remove_relation(relation.id)
        for statement in reversed(self.statements):
            self.document.remove_statement(statement.id)


class AddCoPremiseCommand(AddElementsCommand):
    """A new statement joining a relation's premises, right after one of them.

    One command, not a macro of two: the text typed into the new card then
    joins this step as it joins any other new card's (``mergeWith``).
    """

    def __init__(
        self, document: MapDocument, statement: Statement, relation_id: str, after: str
    ) -> None:
        super().__init__(document, [statement], [], "Add co-premise")
        self.origin, self.added_to_origin = [after], [statement.id]
        self.relation_id = relation_id
        self.old_premises = list(document.relation(relation_id).premises)
        self.new_premises = list(self.old_premises)
        self.new_premises.insert(self.old_premises.index(after) + 1, statement.id)
        # In the group of the premise it argues with, so that the two stand side by side.
        self.old_groups = [
            g.model_copy(update={"statements": list(g.statements)}) for g in document.map.groups
        ]
        self.new_groups = _joined(self.old_groups, after, statement.id)

    def apply(self) -> None:
        super().apply()
        self.document.update_relation(self.relation_id, premises=list(self.new_premises))
        if self.new_groups is not None:
            self.document.set_groups(self.new_groups)

    def revert(self) -> None:
        self._show_origin()
        self.document.update_relation(self.relation_id, premises=list(self.old_premises))
        self._remove()
        if self.new_groups is not None:
            self.document.set_groups(self.old_groups)


def _origin(
    document: MapDocument, statements: list[Statement], relations: list[Relation]
) -> tuple[list[str], list[str]]:
    """The statements already in the map that new ``statements`` argue about, and those
    of the new ones that argue about them."""
    added = {s.id for s in statements}
    origin: list[str] = []
    premises: list[str] = []
    for relation in relations:
        new = [p for p in relation.premises if p in added]
        if not new or relation.target in added:
            continue
        try:
            document.statement_index(relation.target)
        except KeyError:  # an undercut argues about an inference
            continue
        origin += [relation.target] if relation.target not in origin else []
        premises += [p for p in new if p not in premises]
    return origin, premises


def _joined(groups: list[Group], member: str, newcomer: str) -> list[Group] | None:
    """The groups with ``newcomer`` right after ``member`` in its group; None if it has none."""
    for index, group in enumerate(groups):
        if member in group.statements:
            statements = list(group.statements)
            statements.insert(statements.index(member) + 1, newcomer)
            joined = list(groups)
            joined[index] = group.model_copy(update={"statements": statements})
            return joined
    return None


def branch_of(argument_map: ArgumentMap, statement_ids: set[str]) -> tuple[set[str], set[str]]:
    """The statements and relations that go when ``statement_ids`` are deleted.

    A statement goes with them when everything it argues for goes (it hangs
    only from the deleted part); a relation goes when its target goes or it
    loses all its premises.
    """
    statements = set(statement_ids)
    relations: set[str] = set()
    changed = True
    while changed:
        changed = False
        for relation in argument_map.relations:
            if relation.id in relations:
                continue
            if (
                relation.target in statements
                or relation.target in relations
                or all(p in statements for p in relation.premises)
            ):
                relations.add(relation.id)
                changed = True
        uses: dict[str, list[Relation]] = {}
        for relation in argument_map.relations:
            for premise in relation.premises:
                uses.setdefault(premise, []).append(relation)
        for statement in argument_map.statements:
            used = uses.get(statement.id, [])
            if statement.id not in statements and used and all(r.id in relations for r in used):
                statements.add(statement.id)
                changed = True
    return statements, relations


class RemoveElementsCommand(MapCommand):
    """Delete statements with the branch that hangs only from them, and relations.

    A group left with nothing in it goes too, and then a group that held only it.
    ``after`` is what the first statement deleted argued for, where the editor goes
    on: a redo selects it again, and an undo the statements deleted, in their order.
    """

    def __init__(
        self,
        document: MapDocument,
        statement_ids: Iterable[str],
        relation_ids: set[str] | None = None,
        text: str = "Delete",
    ) -> None:
        super().__init__(text)
        self.document = document
        argument_map = document.map
        self.chosen = list(dict.fromkeys(statement_ids))
        self.after = argued_for(argument_map, self.chosen)
        self._pushed = False  # the first redo is the push: the editor selects then
        statements, relations = branch_of(argument_map, set(self.chosen))
        relations |= relation_ids or set()
        statements, more = (
            branch_of(argument_map, statements) if relation_ids else (statements, set())
        )
        relations |= more
        # Undercuts of removed relations go too.
        grew = True
        while grew:
            grew = False
            for relation in argument_map.relations:
                if relation.id not in relations and relation.target in relations:
                    relations.add(relation.id)
                    grew = True
        self.statement_ids = [s.id for s in argument_map.statements if s.id in statements]
        self.relation_ids = [r.id for r in argument_map.relations if r.id in relations]
        self.trimmed = {
            r.id: list(r.premises)
            for r in argument_map.relations
            if r.id not in relations and any(p in statements for p in r.premises)
        }
        self._removed_relations: list[tuple[int, Relation]] = []
        self._removed_statements: list[tuple] = []
        self._pin_order: list[str] | None = None  # the pins' order, when a pinned card goes
        self._emptied_groups: list[Group] | None = None  # the groups before emptied ones went

    def apply(self) -> None:
        self._pin_order = _pin_order(self.document, self.statement_ids)
        for relation_id, premises in self.trimmed.items():
            kept = [p for p in premises if p not in self.statement_ids]
            self.document.update_relation(relation_id, premises=kept)
        self._removed_relations = [
            self.document.remove_relation(r) for r in reversed(self.relation_ids)
        ]
        self._removed_statements = [
            self.document.remove_statement(s) for s in reversed(self.statement_ids)
        ]
        self._drop_emptied_groups()
        if self._pushed and self.after:
            self.document.want_selection(self.after)
        self._pushed = True

    def _drop_emptied_groups(self) -> None:
        """The groups the statements were in that hold nothing now go (and parents left so)."""
        lost_members = {
            group_id for *_, memberships in self._removed_statements for group_id, _ in memberships
        }
        groups = self.document.map.groups
        kept = drop_emptied(groups, lost_members)
        self._emptied_groups = None
        if len(kept) != len(groups):
            self._emptied_groups = [
                g.model_copy(update={"statements": list(g.statements)}) for g in groups
            ]
            self.document.set_groups(kept)

    def revert(self) -> None:
        if self._emptied_groups is not None:  # back first: the statements go back into them
            self.document.set_groups(self._emptied_groups)
        for index, statement, position, memberships in reversed(self._removed_statements):
            self.document.restore_statement(index, statement, position, memberships)
        for index, relation in reversed(self._removed_relations):
            self.document.insert_relation(index, relation)
        for relation_id, premises in self.trimmed.items():
            self.document.update_relation(relation_id, premises=premises)
        if self._pin_order is not None:
            self.document.order_positions(self._pin_order)
        if self.chosen:
            self.document.want_selection(self.chosen)


def _pin_order(document: MapDocument, statement_ids: Iterable[str]) -> list[str] | None:
    """The order of the pins, if any of these statements is pinned (undo puts it back)."""
    pins = document.map.layout.positions
    return list(pins) if any(s in pins for s in statement_ids) else None


class EditStatementCommand(MapCommand):
    """Change fields of a statement (the inspector commits a field when the user leaves it)."""

    def __init__(
        self,
        document: MapDocument,
        statement_id: str,
        fields: dict[str, Any],
        *,
        first_text: bool = False,
    ) -> None:
        names = ", ".join(fields)
        super().__init__(f"Edit {names}")
        self.document = document
        self.statement_id = statement_id
        current = document.map.statements[document.statement_index(statement_id)]
        self.old = {name: getattr(current, name) for name in fields}
        self.new = checked_fields(current, fields)
        self.first_text = first_text  # typed into a card just added: joins that step

    def id(self) -> int:
        return _FIRST_TEXT_ID if self.first_text else -1

    def apply(self) -> None:
        self.document.update_statement(self.statement_id, **self.new)

    def revert(self) -> None:
        self.document.update_statement(self.statement_id, **self.old)


class EditRelationCommand(MapCommand):
    """Change a relation's kind, premises or attribution."""

    def __init__(
        self, document: MapDocument, relation_id: str, fields: dict[str, Any], text: str
    ) -> None:
        super().__init__(text)
        self.document = document
        self.relation_id = relation_id
        current = document.map.relations[document.relation_index(relation_id)]
        self.old = {name: getattr(current, name) for name in fields}
        self.new = checked_fields(current, fields)

    def apply(self) -> None:
        self.document.update_relation(self.relation_id, **self.new)

    def revert(self) -> None:
        self.document.update_relation(self.relation_id, **self.old)


class MoveStatementsCommand(MapCommand):
    """Pin cards at new places (or unpin them); nudges of the same cards merge."""

    def __init__(
        self,
        document: MapDocument,
        new: Mapping[str, Position | None],
        *,
        text: str = "Move",
        merge: bool = False,
    ) -> None:
        super().__init__(text)
        self.document = document
        positions = document.map.layout.positions
        self.old = {statement_id: positions.get(statement_id) for statement_id in new}
        self.new = dict(new)
        self.merge = merge
        unpinned = [statement_id for statement_id, place in new.items() if place is None]
        self.pin_order = _pin_order(document, unpinned)

    def id(self) -> int:
        return _MOVE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MoveStatementsCommand) or set(other.new) != set(self.new):
            return False
        self.new = dict(other.new)
        return True

    def apply(self) -> None:
        self.document.set_positions(dict(self.new))

    def revert(self) -> None:
        self.document.set_positions(dict(self.old))
        if self.pin_order is not None:
            self.document.order_positions(self.pin_order)


class SetSourcesCommand(MapCommand):
    """Replace the source list (add, edit or remove a source)."""

    def __init__(self, document: MapDocument, sources: list[Source], text: str) -> None:
        super().__init__(text)
        self.document = document
        self.old = list(document.map.sources)
        self.new = list(sources)

    def apply(self) -> None:
        self.document.set_sources(self.new)

    def revert(self) -> None:
        self.document.set_sources(self.old)


class SetGroupsCommand(MapCommand):
    """Replace the group list (group, ungroup, rename): undo puts back exactly what was."""

    def __init__(self, document: MapDocument, groups: list[Group], text: str) -> None:
        super().__init__(text)
        self.document = document
        self.old = [
            g.model_copy(update={"statements": list(g.statements)}) for g in document.map.groups
        ]
        self.new = list(groups)

    def apply(self) -> None:
        self.document.set_groups(self.new)

    def revert(self) -> None:
        self.document.set_groups(self.old)
