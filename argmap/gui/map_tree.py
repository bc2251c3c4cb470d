"""The map as the outline shows it: which statements hang under which, in what order.

The outline's rows and the arrow keys on the canvas both follow this order,
so a card is reached by the keyboard where the outline shows it: an undercut
under the statement its attacked inference argues for, after that
inference's premises and the other relations listed before it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelection, QModelIndex
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from argmap.model import ArgumentMap, Relation, RelationKind

__all__ = ["argued_for", "children_of", "neighbour", "row_ranges"]

Children = dict[str, list[tuple[str, RelationKind, str]]]  # premise, kind, relation id


def children_of(argument_map: ArgumentMap) -> Children:
    """Premises under what they argue for (undercuts under the attacked inference's target)."""
    return _children(argument_map, {r.id: r for r in argument_map.relations})


def _children(argument_map: ArgumentMap, relations: dict[str, Relation]) -> Children:
    children: Children = {}
    for relation in argument_map.relations:
        target = _statement_argued_for(relation, relations)
        for premise in relation.premises:
            children.setdefault(target, []).append((premise, relation.kind, relation.id))
    return children


def _statement_argued_for(relation: Relation, relations: dict[str, Relation]) -> str:
    """The relation's target, or for an undercut the target of the inference it attacks."""
    target = relation.target
    seen = set()
    while target in relations and target not in seen:
        seen.add(target)
        target = relations[target].target
    return target


def neighbour(argument_map: ArgumentMap, current: str, direction: str) -> str | None:
    """The statement an arrow key goes to from ``current``: "up", "down", "left" or "right".

    Up goes to what the statement argues for (through an undercut, the
    statement the attacked inference argues for), down to its first child,
    left and right to the previous and next child of the same parent, round
    the end. A statement argued with twice is taken where it first shows.
    Statements that argue for nothing (main claims, a note on its own) are
    siblings in the outline's order at its top level.
    """
    relations = {r.id: r for r in argument_map.relations}
    if direction == "down":
        below = _children(argument_map, relations).get(current, [])
        return below[0][0] if below else None
    if direction not in ("up", "left", "right"):
        return None
    first = next((r for r in argument_map.relations if current in r.premises), None)
    parent = _statement_argued_for(first, relations) if first is not None else None
    if direction == "up":
        return parent
    children = _children(argument_map, relations)
    if parent is None:
        siblings = _top_level(argument_map, children)
    else:
        siblings = [c for c, _, _ in children[parent]]
    if len(siblings) < 2 or current not in siblings:
        return None
    index = siblings.index(current) + (1 if direction == "right" else -1)
    return siblings[index % len(siblings)]


def arguments_by(argument_map: ArgumentMap, statement_ids: Iterable[str]) -> list[str]:
    """The relations (arrows) these statements argue by, as premises, in the map's order."""
    chosen = set(statement_ids)
    return [r.id for r in argument_map.relations if not chosen.isdisjoint(r.premises)]


def argued_for(argument_map: ArgumentMap, statement_ids: list[str]) -> list[str]:
    """What the first of these statements argues for, unless it is one of them too:
    where the keyboard goes on once they are deleted (none for a main claim)."""
    if not statement_ids:
        return []
    up = neighbour(argument_map, statement_ids[0], "up")
    return [up] if up is not None and up not in statement_ids else []


def _top_level(argument_map: ArgumentMap, children: Children) -> list[str]:
    """The outline's top-level rows: the main claims, then the first statement of
    each cycle that no main claim reaches (as the outline heads it with "↻")."""
    heads = [s.id for s in argument_map.main_claims()]
    reached: set[str] = set()

    def reach(start: str) -> None:
        todo = [start]
        while todo:
            statement_id = todo.pop()
            if statement_id not in reached:
                reached.add(statement_id)
                todo += [child for child, _, _ in children.get(statement_id, [])]

    for head in heads:
        reach(head)
    for statement in argument_map.statements:
        if statement.id not in reached:
            heads.append(statement.id)
            reach(statement.id)
    return heads


def row_ranges(tree: QTreeWidget, rows: list[QTreeWidgetItem]) -> QItemSelection:
    """The rows as a selection, neighbours under one parent joined into one range.

    Selecting every row of a big outline then takes a range per parent, not
    one per row: Qt's selection does work in proportion to its ranges.
    """
    by_parent: dict[int, tuple[QModelIndex, set[int]]] = {}
    for row in rows:
        index = tree.indexFromItem(row)
        parent = index.parent()  # its internal id is the parent row's own, unique
        by_parent.setdefault(parent.internalId(), (parent, set()))[1].add(index.row())
    model, last_column = tree.model(), max(tree.columnCount() - 1, 0)
    selection = QItemSelection()
    for parent, numbers in by_parent.values():
        ordered = sorted(numbers)
        start = previous = ordered[0]
        for number in [*ordered[1:], None]:
            if number is not None and number == previous + 1:
                previous = number
                continue
            top, bottom = model.index(start, 0, parent), model.index(previous, last_column, parent)
            selection.select(top, bottom)
            if number is not None:
                start = previous = number
    return selection
