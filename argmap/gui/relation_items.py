"""The canvas items of the relations: edge items and junction points, kept in step with the map.

After an edit only the relations it touched are looked at (and the relations
they attack, whose junction may come or go), so adding a reason to a map of
ten thousand statements costs about what adding one to a small map does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from argmap.gui.items import EdgeItem, JunctionItem
from argmap.model import Relation, RelationKind
from argmap.theme import Theme

__all__ = ["RelationItems"]

Key = tuple[str, str, str, bool, bool]  # edge id, tail, head, attack, has an arrowhead
Lookup = Callable[[str], Relation | None]


class RelationItems:
    """Edge and junction items by relation, and an index of the edges at each card or junction."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.junctions: dict[str, JunctionItem] = {}
        self.at: dict[str, list[EdgeItem]] = {}  # card or junction name -> the edges there
        self._of: dict[str, list[EdgeItem]] = {}  # relation id -> its edges
        self._target_of: dict[str, str] = {}  # relation id -> what it argues for
        self._attackers: dict[str, set[str]] = {}  # id -> relations whose target it is

    @property
    def edges(self) -> list[EdgeItem]:
        return [edge for edges in self._of.values() for edge in edges]

    def clear(self) -> None:
        self.junctions.clear()
        self.at = {}
        self._of = {}
        self._target_of = {}
        self._attackers = {}

    def sync_all(self, relations: list[Relation], theme: Theme) -> list[EdgeItem]:
        """Every relation's items (a new map, or a new theme)."""
        by_id = {r.id: r for r in relations}
        return self.sync(set(by_id) | set(self._of), by_id.get, theme)

    def sync(self, changed: Iterable[str], lookup: Lookup, theme: Theme) -> list[EdgeItem]:
        """Bring the items of the ``changed`` relations in line; returns the edges made."""
        todo = set(changed)
        for relation_id in list(todo):  # first every target, so junctions are known
            old = self._target_of.pop(relation_id, None)
            if old is not None:
                self._attackers.get(old, set()).discard(relation_id)
                todo.add(old)
            relation = lookup(relation_id)
            if relation is not None:
                self._target_of[relation_id] = relation.target
                self._attackers.setdefault(relation.target, set()).add(relation_id)
                todo.add(relation.target)
        added: list[EdgeItem] = []
        for relation_id in todo:
            relation = lookup(relation_id)
            if relation is not None or relation_id in self._of or relation_id in self.junctions:
                added += self._sync_one(relation_id, relation, theme)
        return added

    def _sync_one(
        self, relation_id: str, relation: Relation | None, theme: Theme
    ) -> list[EdgeItem]:
        wanted: list[Key] = []
        junction_colour = None
        if relation is not None:
            attack = relation.kind == RelationKind.ATTACK
            if len(relation.premises) > 1 or self._attackers.get(relation.id):
                junction_colour = theme.edge(attack).colour
                wanted += [
                    (f"edge-{relation.id}-{p}", p, relation.id, attack, False)
                    for p in relation.premises
                ]
                wanted.append((f"edge-{relation.id}", relation.id, relation.target, attack, True))
            else:
                wanted.append(
                    (f"edge-{relation.id}", relation.premises[0], relation.target, attack, True)
                )
        junction = self.junctions.get(relation_id)
        if junction is not None and (
            junction_colour is None or QColor(junction_colour) != junction.colour
        ):
            self.scene.removeItem(self.junctions.pop(relation_id))
        if junction_colour is not None and relation_id not in self.junctions:
            self.junctions[relation_id] = JunctionItem(relation_id, junction_colour)
            self.scene.addItem(self.junctions[relation_id])
        existing = {edge.key: edge for edge in self._of.get(relation_id, [])}
        # An arrow drawn anew (turned from support into attack) stays selected if it was:
        # Ctrl+T twice turns it back, Ctrl+Shift+A goes on from it.
        selected = {edge.edge_id for edge in existing.values() if edge.isSelected()}
        kept, added = [], []
        for key in wanted:
            edge = existing.pop(key, None)
            if edge is None:
                edge_id, tail, head, attack, arrow = key
                edge = EdgeItem(relation_id, tail, head, theme.edge(attack), arrow=arrow)
                edge.edge_id, edge.key = edge_id, key
                self.scene.addItem(edge)
                self._index(edge)
                edge.setSelected(edge_id in selected)
                added.append(edge)
            kept.append(edge)
        for edge in existing.values():
            self._unindex(edge)
            self.scene.removeItem(edge)
        if kept:
            self._of[relation_id] = kept
        else:
            self._of.pop(relation_id, None)
        return added

    def _index(self, edge: EdgeItem) -> None:
        self.at.setdefault(edge.tail, []).append(edge)
        self.at.setdefault(edge.head, []).append(edge)

    def _unindex(self, edge: EdgeItem) -> None:
        for name in (edge.tail, edge.head):
            edges = self.at.get(name)
            if edges is not None and edge in edges:
                edges.remove(edge)
                if not edges:
                    del self.at[name]
