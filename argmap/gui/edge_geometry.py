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
    """Needs ``statement_items``, ``junction_items``, ``edge_items``, ``layout_result``,
    ``_edge_paths``, ``document`` and ``_fit_groups`` from the scene."""

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
        return point is not None and math.hypot(point.x() - node.x, point.y() - node.y) <= _SAME_PLACE

    def _place_junctions(self) -> set[str]:
        """Put junction points between their premises and target; returns those that moved."""
        argument_map = self.document.map
        relations = {r.id: r for r in argument_map.relations}
        before = {relation_id: junction.pos() for relation_id, junction in self.junction_items.items()}
        self._position_junctions(relations)
        return {rid for rid, junction in self.junction_items.items() if junction.pos() != before[rid]}

    def _position_junctions(self, relations: dict) -> None:
        for relation_id, junction in self.junction_items.items():
            relation = relations.get(relation_id)
            if relation is None:
                continue  # just deleted: the pending refresh removes its junction
            ends = [*relation.premises, relation.target]
            node = self.layout_result.nodes.get(relation_id) if self.layout_result else None
            if node is not None and all(self._at_layout_place(e) for e in ends if e in self.statement_items):
                junction.setPos(node.x, node.y)
                continue
            premises = [self._node_point(p) for p in relation.premises]
            premises = [p for p in premises if p is not None]
            target = self._node_point(relation.target)
            if not premises or target is None:
                continue
            px = sum(p.x() for p in premises) / len(premises)
            py = sum(p.y() for p in premises) / len(premises)
            junction.setPos(px + (target.x() - px) * 0.6, py + (target.y() - py) * 0.6)

    def _update_all_edges(self) -> None:
        self._fit_groups()
        self._place_junctions()
        for edge in self.edge_items:
            self._update_edge(edge)

    def _update_edges_of_cards(self, statement_ids: set[str]) -> None:
        self._fit_groups()
        moved = statement_ids | self._place_junctions()
        for edge in self.edge_items:
            if edge.tail in moved or edge.head in moved:
                self._update_edge(edge)

    def _update_edges_of(self, statement_id: str) -> None:
        self._fit_groups()
        self._place_junctions()
        for edge in self.edge_items:
            if statement_id in (edge.tail, edge.head) or edge.tail in self.junction_items or edge.head in self.junction_items:
                self._update_edge(edge)

    def _update_edge(self, edge: EdgeItem) -> None:
        curve = self.layout_result.edges.get(edge.edge_id) if self.layout_result else None
        if curve and self._at_layout_place(edge.tail) and self._at_layout_place(edge.head) and curve.points:
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
