"""Where edges and junction points go: Graphviz's splines while cards sit where it put them,
straight lines (clipped at the card borders) for cards the user moved.

A mixin of :class:`~argmap.gui.scene.MapScene`, kept apart so the scene module
stays about items and events.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath

from argmap.gui.items import EdgeItem
from argmap.gui.layout_runner import edge_paths
from argmap.layout import LayoutResult

__all__ = ["EdgeGeometry", "edge_paths_of"]

_SAME_PLACE = 0.75  # points: an item this close to its laid-out place still uses the spline


class EdgeGeometry:
    """Needs ``statement_items``, ``junction_items``, ``edge_items``, ``_edges_at`` (card or
    junction name -> its edges), ``layout_result``, ``_edge_paths``, ``document`` and
    ``_fit_groups`` from the scene."""

    def _node_point(self, name: str) -> QPointF | None:
        if name in self.statement_items:
            return self.statement_items[name].pos()
        if name in self.junction_items:
            return self.junction_items[name].pos()
        return None

    def _at_layout_place(self, name: str) -> bool:
        if self.layout_result is None or name not in self.layout_result.nodes:
            return False
        node = self.layout_result.nodes[name]
        point = self._node_point(name)
        return (
            point is not None and math.hypot(point.x() - node.x, point.y() - node.y) <= _SAME_PLACE
        )

    def _edges_touching(self, names: set[str]) -> set[EdgeItem]:
        """The edges that start or end at any of these cards or junctions (through the index)."""
        index = self._edges_at
        return {edge for name in names for edge in index.get(name, ())}

    def _place_junctions(self, near: set[str] | None = None) -> set[str]:
        """Put junction points between their premises and target; returns those that moved.

        ``near``: only the junctions joined to these cards (all when None).
        """
        if near is None:
            junctions = list(self.junction_items)
        else:
            touching = self._edges_touching(near)
            junctions = list(
                {n for e in touching for n in (e.tail, e.head) if n in self.junction_items}
            )
        moved = set()
        for relation_id in junctions:
            junction = self.junction_items[relation_id]
            before = junction.pos()
            self._position_junction(relation_id, junction)
            if junction.pos() != before:
                moved.add(relation_id)
        return moved

    def _position_junction(self, relation_id: str, junction) -> None:
        try:
            relation = self.document.relation(relation_id)
        except KeyError:
            return  # just deleted: the pending refresh removes its junction
        node = self.layout_result.nodes.get(relation_id) if self.layout_result else None
        ends = [*relation.premises, relation.target]
        if node is not None and all(
            self._at_layout_place(e) for e in ends if e in self.statement_items
        ):
            junction.setPos(node.x, node.y)
            return
        premises = [p for p in (self._node_point(p) for p in relation.premises) if p is not None]
        target = self._node_point(relation.target)
        if not premises or target is None:
            return
        px = sum(p.x() for p in premises) / len(premises)
        py = sum(p.y() for p in premises) / len(premises)
        junction.setPos(px + (target.x() - px) * 0.6, py + (target.y() - py) * 0.6)

    def _update_all_edges(self) -> None:
        self._fit_groups()
        self._place_junctions()
        for edge in self.edge_items:
            self._update_edge(edge)

    def _update_edges_of_cards(self, statement_ids: set[str]) -> None:
        """After cards moved: their junctions and the edges at them (not every edge of the map)."""
        self._fit_groups(statement_ids)
        moved = statement_ids | self._place_junctions(statement_ids)
        for edge in self._edges_touching(moved):
            self._update_edge(edge)

    def _update_edges_of(self, statement_id: str) -> None:
        self._update_edges_of_cards({statement_id})

    def _update_edge(self, edge: EdgeItem) -> None:
        curve = self.layout_result.edges.get(edge.edge_id) if self.layout_result else None
        if (
            curve
            and self._at_layout_place(edge.tail)
            and self._at_layout_place(edge.head)
            and curve.points
        ):
            path = self._edge_paths.get(edge.edge_id)
            if path is None:
                path = edge_paths_of(curve)
            end = QPointF(*curve.points[-1])
            tip = QPointF(*curve.arrow_tip) if curve.arrow_tip else end
            edge.set_geometry(path, end, tip)
            return
        start, end = self._node_point(edge.tail), self._node_point(edge.head)
        if start is None or end is None:
            edge.set_geometry(QPainterPath(), None, None)
            return
        start = self._clip(edge.tail, end, start)
        end = self._clip(edge.head, start, end)
        path = QPainterPath(start)
        path.lineTo(end)
        edge.set_geometry(path, start, end)

    def _clip(self, name: str, outside: QPointF, centre: QPointF) -> QPointF:
        """Where the line from ``outside`` to a card's centre crosses the card's border."""
        item = self.statement_items.get(name)
        if item is None:
            return centre
        half_w, half_h = item.card.width / 2 + 1, item.card.height / 2 + 1
        dx, dy = outside.x() - centre.x(), outside.y() - centre.y()
        if dx == 0 and dy == 0:
            return centre
        scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
        return QPointF(centre.x() + dx * min(scale, 1.0), centre.y() + dy * min(scale, 1.0))


def edge_paths_of(curve) -> QPainterPath:
    """The path of one laid-out edge (when the worker did not prepare it)."""
    single = LayoutResult()
    single.edges["e"] = curve
    return edge_paths(single).get("e", QPainterPath())
