"""The map being edited, wrapped in a QObject that announces every real change.

Only undo commands (:mod:`argmap.gui.commands`) call the mutating methods;
views (canvas, outline, inspector) listen to the signals and never touch the
model directly. Each method changes one thing and emits one signal, so that
undo and redo replay exactly.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

from argmap.model import (
    ArgumentMap,
    Group,
    Position,
    Relation,
    RelationKind,
    Source,
    Statement,
)
from argmap.roles import Role

__all__ = ["MapDocument", "fresh_id"]

# Letters and digits that cannot be misread for one another (no 0/o, 1/l/i).
_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
_ID_LENGTH = 6  # 31**6, about 900 million: two branches' additions practically never meet
# Its own generator, seeded by the system: ids need not be secret, only different from
# another copy's, and a program that seeds the shared one must not make them repeat.
_RANDOM = random.Random()


def fresh_id(prefix: str, taken: Callable[[str], bool]) -> str:
    """``prefix-`` and a short random part, such as ``s-k3f9q2``, for which ``taken`` is false."""
    while True:
        candidate = f"{prefix}-{''.join(_RANDOM.choices(_ID_ALPHABET, k=_ID_LENGTH))}"
        if not taken(candidate):
            return candidate


class MapDocument(QObject):
    statementAdded = Signal(str)
    statementRemoved = Signal(str)
    statementChanged = Signal(str)
    relationAdded = Signal(str)
    relationRemoved = Signal(str)
    relationChanged = Signal(str)
    positionsChanged = Signal(list)
    sourcesChanged = Signal()
    groupsChanged = Signal()
    mapReset = Signal()
    selectionWanted = Signal(list)  # statement ids: what an undo or redo brings back to the user

    def __init__(
        self, argument_map: ArgumentMap | None = None, path: str | Path | None = None
    ) -> None:
        super().__init__()
        self._map = argument_map or ArgumentMap()
        self.path: Path | None = Path(path) if path else None
        # Names this map among all those open, in any argmap: what is dragged out says so.
        self.origin = uuid.uuid4().hex
        self._statement_at: dict[str, int] | None = (
            None  # id -> index, rebuilt after inserts/removals
        )
        self._relation_at: dict[str, int] | None = None
        self._roles: dict[str, Role] | None = None
        self._roles_lent = False  # roles() handed the dictionary out: copy before changing it
        self._targeted: set[str] | None = (
            None  # what relations argue for, once asked (see _targets)
        )

    def content_signals(self) -> tuple[SignalInstance, ...]:
        """What says that a statement, a relation or a source was added, removed or changed."""
        return (
            self.statementAdded,
            self.statementRemoved,
            self.statementChanged,
            self.relationAdded,
            self.relationRemoved,
            self.relationChanged,
            self.sourcesChanged,
        )

    @property
    def map(self) -> ArgumentMap:
        return self._map

    def reset(self, argument_map: ArgumentMap, path: str | Path | None) -> None:
        """Replace the whole map (open, revert, new)."""
        self._map = argument_map
        self.path = Path(path) if path else None
        self.origin = uuid.uuid4().hex
        self._forget_indexes()
        self.mapReset.emit()

    def _forget_indexes(self) -> None:
        self._statement_at = self._relation_at = None
        self._roles = None
        self._targeted = None

    def roles(self) -> dict[str, Role]:
        """Every statement's role, kept until a statement or relation changes (do not modify it).

        The canvas and the outline both ask after every edit; on a large map
        computing them is the biggest part of an edit that changed no relation.
        """
        if self._roles is None:
            self._roles = self._map.roles()
        self._roles_lent = True
        return self._roles

    def _own_roles(self) -> dict[str, Role]:
        """The roles, to change in place: copied first if a caller holds them (copy on write).

        A paste of 10,000 statements changes them 20,000 times; copying the
        whole dictionary each time made it quadratic.
        """
        assert self._roles is not None
        if self._roles_lent:
            self._roles = dict(self._roles)
            self._roles_lent = False
        return self._roles

    def snapshot(self) -> ArgumentMap:
        """A copy for the layout worker, in O(n) without validation.

        Statements and relations cannot be changed in place (the models are
        frozen; edits replace them), so the copy shares them; the containers
        that are mutated (lists, groups, pinned positions) are copied.
        """
        m = self._map
        layout = m.layout.model_copy(update={"positions": dict(m.layout.positions)})
        groups = [g.model_copy(update={"statements": list(g.statements)}) for g in m.groups]
        return m.model_copy(
            update={
                "statements": list(m.statements),
                "relations": list(m.relations),
                "sources": list(m.sources),
                "groups": groups,
                "layout": layout,
            }
        )

    def statement(self, statement_id: str) -> Statement:
        return self._map.statements[self.statement_index(statement_id)]

    def relation(self, relation_id: str) -> Relation:
        return self._map.relations[self.relation_index(relation_id)]

    # -- lookups -----------------------------------------------------------

    def statement_index(self, statement_id: str) -> int:
        if self._statement_at is None:
            self._statement_at = {s.id: i for i, s in enumerate(self._map.statements)}
        return self._statement_at[statement_id]

    def relation_index(self, relation_id: str) -> int:
        if self._relation_at is None:
            self._relation_at = {r.id: i for i, r in enumerate(self._map.relations)}
        return self._relation_at[relation_id]

    def has_element(self, element_id: str) -> bool:
        try:
            self.statement_index(element_id)
        except KeyError:
            try:
                self.relation_index(element_id)
            except KeyError:
                return False
        return True

    def new_id(self, prefix: str) -> str:
        """An id used by no statement or relation: ``prefix-`` and a short random part.

        The part is random, not a count, so that two people adding to copies of a
        map (two git branches) give their additions different ids, and a merge
        keeps both instead of taking them for one element changed on both sides.
        """
        return fresh_id(prefix, self.has_element)

    # -- mutations (for commands only) -------------------------------------

    def insert_statement(self, index: int, statement: Statement) -> None:
        self._map.statements.insert(index, statement)
        if index == len(self._map.statements) - 1 and self._statement_at is not None:
            self._statement_at[statement.id] = index  # appended: the others keep their places
        else:
            self._statement_at = None
        if self._roles is not None:  # it argues for nothing yet: a main claim; nothing else changes
            self._own_roles()[statement.id] = Role.MAIN_CLAIM
        self.statementAdded.emit(statement.id)

    def remove_statement(self, statement_id: str) -> tuple[int, Statement, Position | None, list]:
        """Remove a statement with its pin and group memberships; returns what undo needs."""
        index = self.statement_index(statement_id)
        statement = self._map.statements.pop(index)
        if index == len(self._map.statements) and self._statement_at is not None:
            del self._statement_at[statement_id]  # the last one: the others keep their places
        else:
            self._statement_at = None
        position = self._map.layout.positions.pop(statement_id, None)
        memberships = []
        for group in self._map.groups:
            if statement_id in group.statements:
                memberships.append((group.id, group.statements.index(statement_id)))
                group.statements.remove(statement_id)
        self._roles = None
        self._targeted = None
        self.statementRemoved.emit(statement_id)
        return index, statement, position, memberships

    def restore_statement(
        self, index: int, statement: Statement, position: Position | None, memberships: list
    ) -> None:
        """Undo :meth:`remove_statement` exactly."""
        self._map.statements.insert(index, statement)
        self._forget_indexes()
        if position is not None:
            self._map.layout.positions[statement.id] = position
        groups = {g.id: g for g in self._map.groups}
        for group_id, member_index in memberships:
            if group_id in groups:
                groups[group_id].statements.insert(member_index, statement.id)
        self.statementAdded.emit(statement.id)

    def update_statement(self, statement_id: str, **fields: Any) -> None:
        index = self.statement_index(statement_id)
        current = self._map.statements[index]
        if all(getattr(current, name) == value for name, value in fields.items()):
            return
        self._map.statements[index] = current.model_copy(update=fields)
        self.statementChanged.emit(statement_id)

    def insert_relation(self, index: int, relation: Relation) -> None:
        self._map.relations.insert(index, relation)
        appended = index == len(self._map.relations) - 1
        if appended and self._relation_at is not None:
            self._relation_at[relation.id] = index
        else:
            self._relation_at = None
        self._roles = self._roles_after_append(relation) if appended else None
        if self._targeted is not None:
            self._targeted.add(relation.target)
        self.relationAdded.emit(relation.id)

    def _roles_after_append(self, relation: Relation) -> dict[str, Role] | None:
        """Roles after a relation was added at the end of the file, without recomputing them all.

        Such a relation is no premise's *first* relation, except for premises
        that argued for nothing before (main claims, e.g. a card just added);
        their new role follows from the relation alone, unless something
        argues about them (then every role is computed again).
        """
        roles = self._roles
        if roles is None:
            return None
        changed: dict[str, Role] = {}
        for premise in relation.premises:
            if roles.get(premise) is not Role.MAIN_CLAIM:
                continue  # it had a first relation already: its role stays
            if premise in self._targets():
                return None  # its new role changes the roles of what attacks it
            changed[premise] = self._role_by(relation, roles)
        if not changed:
            return roles
        owned = self._own_roles()
        owned.update(changed)
        return owned

    def _targets(self) -> set[str]:
        """What relations argue for (kept up to date once asked for: adding is the common edit)."""
        if self._targeted is None:
            self._targeted = {r.target for r in self._map.relations}
        return self._targeted

    def _role_by(self, relation: Relation, roles: dict[str, Role]) -> Role:
        if relation.kind == RelationKind.SUPPORT:
            return Role.REASON
        attacked: str | None = relation.target
        if attacked not in roles:  # an undercut answers the argument the inference belongs to
            try:
                premises = self.relation(relation.target).premises
            except KeyError:
                premises = []
            attacked = premises[0] if premises else None
        return (
            Role.REBUTTAL
            if attacked is not None and roles.get(attacked) is Role.OBJECTION
            else Role.OBJECTION
        )

    def remove_relation(self, relation_id: str) -> tuple[int, Relation]:
        index = self.relation_index(relation_id)
        relation = self._map.relations.pop(index)
        if index == len(self._map.relations) and self._relation_at is not None:
            del self._relation_at[relation_id]
        else:
            self._relation_at = None
        self._roles = None
        self._targeted = None
        self.relationRemoved.emit(relation_id)
        return index, relation

    def update_relation(self, relation_id: str, **fields: Any) -> None:
        index = self.relation_index(relation_id)
        current = self._map.relations[index]
        if all(getattr(current, name) == value for name, value in fields.items()):
            return
        self._map.relations[index] = current.model_copy(update=fields)
        self._roles = None
        self._targeted = None
        self.relationChanged.emit(relation_id)

    def set_positions(self, positions: dict[str, Position | None]) -> None:
        """Pin (a Position) or unpin (None) statements."""
        stored = self._map.layout.positions
        changed = []
        for statement_id, position in positions.items():
            if stored.get(statement_id) == position:
                continue
            if position is None:
                stored.pop(statement_id, None)
            else:
                stored[statement_id] = position
            changed.append(statement_id)
        if changed:
            self.positionsChanged.emit(changed)

    def order_positions(self, order: list[str]) -> None:
        """Put the pins back in ``order`` (as the file had them): undo gives back the same file.

        Pinning again adds a pin at the end; nothing on the canvas changes, so no signal.
        """
        stored = self._map.layout.positions
        place = {statement_id: index for index, statement_id in enumerate(order)}
        pins = sorted(stored.items(), key=lambda pin: place.get(pin[0], len(place)))
        stored.clear()
        stored.update(pins)

    def set_sources(self, sources: list[Source]) -> None:
        if sources != self._map.sources:
            self._map.sources = list(sources)
            self.sourcesChanged.emit()

    def want_selection(self, statement_ids: list[str]) -> None:
        """Ask the views to select these statements and show them; the map does not change.

        Sent from inside an undo or redo: a view selects them once the command is done.
        """
        self.selectionWanted.emit(list(statement_ids))

    def set_groups(self, groups: list[Group]) -> None:
        """Replace the groups (copies are stored: removing a statement edits its group in place)."""
        if groups != self._map.groups:
            self._map.groups = [
                g.model_copy(update={"statements": list(g.statements)}) for g in groups
            ]
            self.groupsChanged.emit()
