"""Where edges and junction points go: Graphviz's splines while cards sit where it put them,
straight lines (clipped at the card borders) for cards the user moved.

The scene owns one :class:`EdgeGeometry` and hands it what it works from: the
document, the cards by id and the relation items (edges, junctions and the
index of edges by end); the scene sets ``layout`` and ``paths`` when a
layout lands.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath

from argmap.gui.document import MapDocument
from argmap.gui.items import EdgeItem, JunctionItem, StatementItem
from argmap.gui.layout_runner import edge_paths
from argmap.gui.relation_items import RelationItems
from argmap.layout import EdgeCurve, LayoutResult

__all__ = ["EdgeGeometry", "edge_paths_of"]

_SAME_PLACE = 0.75  # points: an item this close to its laid-out place still uses the spline


class EdgeGeometry:
    """Places junction points and draws edges for the cards where they are now."""

    def __init__(
        self, document: MapDocument, cards: dict[str, StatementItem], relations: RelationItems
    ) -> None:
        self.document = document
        self.cards = cards  # the scene's cards by statement id (the same dict, kept current)
        self.relations = relations
        self.layout: LayoutResult | None = None  # the layout that landed last
        self.paths: dict[str, QPainterPath] = {}  # its edges as paths, made in the worker

    def node_point(self, name: str) -> QPointF | None:
        if name in self.cards:
            return self.cards[name].pos()
        if name in self.relations.junctions:
            return self.relations.junctions[name].pos()
        return None

    def at_layout_place(self, name: str) -> bool:
        if self.layout is None or name not in self.layout.nodes:
            return False
        node = self.layout.nodes[name]
        point = self.node_point(name)
        return (
            point is not None and math.hypot(point.x() - node.x, point.y() - node.y) <= _SAME_PLACE
        )

    def edges_touching(self, names: set[str]) -> set[EdgeItem]:
        """The edges that start or end at any of these cards or junctions (through the index)."""
        index = self.relations.at
        return {edge for name in names for edge in index.get(name, ())}

    def place_junctions(self, near: set[str] | None = None) -> set[str]:
        """Put junction points between their premises and target; returns those that moved.

        ``near``: only the junctions joined to these cards (all when None).
        """
        if near is None:
            junctions = list(self.relations.junctions)
        else:
            touching = self.edges_touching(near)
            junctions = list(
                {n for e in touching for n in (e.tail, e.head) if n in self.relations.junctions}
            )
        moved = set()
        for relation_id in junctions:
            junction = self.relations.junctions[relation_id]
            before = junction.pos()
            self.position_junction(relation_id, junction)
            if junction.pos() != before:
                moved.add(relation_id)
        return moved

    def position_junction(self, relation_id: str, junction: JunctionItem) -> None:
        try:
            relation = self.document.relation(relation_id)
        except KeyError:
            return  # just deleted: the pending refresh removes its junction
        node = self.layout.nodes.get(relation_id) if self.layout else None
        ends = [*relation.premises, relation.target]
        if node is not None and all(self.at_layout_place(e) for e in ends if e in self.cards):
            junction.setPos(node.x, node.y)
            return
        premises = [p for p in (self.node_point(p) for p in relation.premises) if p is not None]
        target = self.node_point(relation.target)
        if not premises or target is None:
            return
        px = sum(p.x() for p in premises) / len(premises)
        py = sum(p.y() for p in premises) / len(premises)
        junction.setPos(px + (target.x() - px) * 0.6, py + (target.y() - py) * 0.6)

    def update_edge(self, edge: EdgeItem, *, placed: bool = False) -> None:
        """Draw an edge: the layout's curve while its ends are where the layout put them.

        ``placed``: the caller knows both ends are (every card just put in place
        from the layout), which spares two lookups per edge on a big map.
        """
        curve = self.layout.edges.get(edge.edge_id) if self.layout else None
        if (
            curve
            and curve.points
            and (placed or (self.at_layout_place(edge.tail) and self.at_layout_place(edge.head)))
        ):
            path = self.paths.get(edge.edge_id)
            if path is None:
                path = edge_paths_of(curve)
            end = QPointF(*curve.points[-1])
            tip = QPointF(*curve.arrow_tip) if curve.arrow_tip else end
            edge.set_geometry(path, end, tip)
            return
        tail, head = self.node_point(edge.tail), self.node_point(edge.head)
        if tail is None or head is None:
            edge.set_geometry(QPainterPath(), None, None)
            return
        start = self.clip(edge.tail, head, tail)
        end = self.clip(edge.head, start, head)
        path = QPainterPath(start)
        path.lineTo(end)
        edge.set_geometry(path, start, end)

    def clip(self, name: str, outside: QPointF, centre: QPointF) -> QPointF:
        """Where the line from ``outside`` to a card's centre crosses the card's border."""
        item = self.cards.get(name)
        if item is None:
            return centre
        half_w, half_h = item.card.width / 2 + 1, item.card.height / 2 + 1
        dx, dy = outside.x() - centre.x(), outside.y() - centre.y()
        if dx == 0 and dy == 0:
            return centre
        scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
        return QPointF(centre.x() + dx * min(scale, 1.0), centre.y() + dy * min(scale, 1.0))


def edge_paths_of(curve: EdgeCurve) -> QPainterPath:
    """The path of one laid-out edge (when the worker did not prepare it)."""
    single = LayoutResult()
    single.edges = {"e": curve}
    return edge_paths(single).get("e", QPainterPath())
