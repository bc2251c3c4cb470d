"""Edge curves for the tree layout: tree edges drop straight where they can, cross-links curve.

A cross-link's curve goes around the cards in its way (:mod:`argmap.layout.detour`)
and meets its cards off their middles, where the tree's own edges meet them.
Curves are made when first asked for: the canvas asks only for the edges of
cards that moved, the exporter (Graphviz routes its own) for none, so a big
map's layout does not pay for ten thousand curves nobody draws.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from argmap.layout.detour import CardGrid
from argmap.layout.result import EdgeCurve, Point
from argmap.model import ArgumentMap, Direction

if TYPE_CHECKING:
    from argmap.layout.tree import _Plan

__all__ = ["ARROW", "JUNCTION_SIZE", "TreeEdges"]

ARROW = 9.0  # the arrowhead's length, as the canvas and Graphviz (arrowsize 0.9) draw it
JUNCTION_SIZE = 6.5
PORT_INSET = 16.0  # an extra curve meets a card at least this far from its corners
Spec = tuple[int, int, bool, bool]  # tail, head, a tree edge, has an arrowhead


class TreeEdges(Mapping[str, EdgeCurve]):
    """Every relation's edges by id (``edge-R``, ``edge-R-PREMISE`` through a junction)."""

    def __init__(self, plan: _Plan, argument_map: ArgumentMap) -> None:
        self.plan = plan
        self.forest = plan.forest
        self.identity = plan.frame.direction == Direction.BOTTOM_TO_TOP  # scene = (breadth, depth)
        self._specs = self._collect(argument_map)
        self._made: dict[str, EdgeCurve] = {}
        self._grid: CardGrid | None = None  # the cards, for routing cross-links around them
        self.cross_links = frozenset(
            edge_id for edge_id, spec in self._specs.items() if not spec[2]
        )

    def __getitem__(self, edge_id: str) -> EdgeCurve:
        curve = self._made.get(edge_id)
        if curve is None:
            curve = self._made[edge_id] = self._make(edge_id, *self._specs[edge_id])
        return curve

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    def _collect(self, argument_map: ArgumentMap) -> dict[str, Spec]:
        forest = self.forest
        node = {name: v for v, name in enumerate(forest.ids)}
        count = forest.statement_count
        parent, home = forest.parent, forest.home
        specs: dict[str, Spec] = {}
        for relation in argument_map.relations:
            target = node.get(relation.target, -1)
            if target < 0 or (relation.target in forest.junction) != (target >= count):
                continue
            edge_id = f"edge-{relation.id}"
            j = forest.junction.get(relation.id)
            if j is None:
                premise = node.get(relation.premises[0], -1)
                if 0 <= premise < count:
                    tree = parent[premise] == target and home[premise] == relation.id
                    specs[edge_id] = (premise, target, tree, True)
                continue
            for name in relation.premises:
                premise = node.get(name, -1)
                if 0 <= premise < count:
                    tree = parent[premise] == j and home[premise] == relation.id
                    specs[f"{edge_id}-{name}"] = (premise, j, tree, False)
            specs[edge_id] = (j, target, parent[j] == target, True)
        return specs

    def _make(self, edge_id: str, tail: int, head: int, tree: bool, arrow: bool) -> EdgeCurve:
        start, start_down = self._tail_point(tail, head)
        points, tip = self._route(start, start_down, head, tree, arrow)
        if not tree:  # an extra curve: around the cards in its way
            if self._grid is None:
                self._grid = CardGrid(self.plan.boxes[: self.forest.statement_count])
            count = self.forest.statement_count
            ends = (tail if tail < count else -1, head if head < count else -1)
            leave = None if ends[0] < 0 else (0.0, 1.0 if start_down else -1.0)
            arrive = None if tip is None else _direction(points[-1], tip)
            slide = (
                self._span(ends[0]),
                self._span(ends[1]) if arrive is not None and arrive[0] == 0.0 else None,
            )
            end = points[-1]
            points = self._grid.around(points, ends, leave, arrive, slide)
            if tip is not None:  # the arrowhead moves with the end
                tip = (tip[0] + points[-1][0] - end[0], tip[1] + points[-1][1] - end[1])
        if not self.identity:
            to_scene = self.plan.frame.to_scene
            points = [to_scene(*p) for p in points]
            tip = to_scene(*tip) if tip is not None else None
        ids = self.forest.ids
        return EdgeCurve(edge_id, ids[tail], ids[head], tuple(points), tip)

    def _span(self, v: int) -> tuple[float, float] | None:
        """Where along a card's side an extra curve may meet it: off its rounded corners."""
        if v < 0:
            return None
        left, _, right, _ = self.plan.box(v)
        inset = min(PORT_INSET, (right - left) / 2)
        return left + inset, right - inset

    def _tail_point(self, tail: int, head: int) -> tuple[Point, bool]:
        """Where an edge leaves its tail: the side facing its head. True: it leaves downwards."""
        plan = self.plan
        if tail >= self.forest.statement_count:
            return plan.junction_point(tail), False
        left, near, right, far = plan.box(tail)
        head_depth = self._head_depth(head)
        if head_depth > far:
            return ((left + right) / 2, far), True
        return ((left + right) / 2, near), False

    def _head_depth(self, head: int) -> float:
        if head >= self.forest.statement_count:
            return self.plan.junction_point(head)[1]
        _, near, _, far = self.plan.box(head)
        return (near + far) / 2

    def _route(
        self, start: Point, down: bool, head: int, tree: bool, arrow: bool
    ) -> tuple[list[Point], Point | None]:
        plan = self.plan
        sb, sd = start
        if head >= self.forest.statement_count:  # into a junction's dot
            jb, jd = plan.junction_point(head)
            if tree and not arrow and abs(jd - sd) > 0.01:  # a premise up to its bar, then along it
                return [*_line((sb, sd), (sb, jd)), *_line((sb, jd), (jb, jd))[1:]], None
            side = 1.0 if sb > jb else -1.0
            if abs(sb - jb) < JUNCTION_SIZE:  # straight below or above the dot
                toward = 1.0 if sd > jd else -1.0
                tip = (jb, jd + toward * JUNCTION_SIZE / 2)
                end = (jb, tip[1] + toward * ARROW) if arrow else tip
                return _curve((sb, sd), end, 0.0), (tip if arrow else None)
            tip = (jb + side * JUNCTION_SIZE / 2, jd)  # an undercut lands beside the dot
            end = (tip[0] + side * ARROW, jd) if arrow else tip
            c1 = (sb, sd + (jd - sd) * 0.5)
            c2 = (end[0] + side * abs(sb - end[0]) * 0.4, jd)
            return [(sb, sd), c1, c2, end], (tip if arrow else None)
        left, near, right, far = plan.box(head)
        inset = min(12.0, (right - left) / 2)
        if down:  # up the tree: from the tail's far side to the head's near side
            tip = (min(max(sb, left + inset), right - inset) if tree else (left + right) / 2, near)
            end = (tip[0], near - ARROW) if arrow else tip
        else:
            tip = (min(max(sb, left + inset), right - inset) if tree else (left + right) / 2, far)
            end = (tip[0], far + ARROW) if arrow else tip
        bend = 0.0 if tree else 40.0
        return _curve(start, end, bend), (tip if arrow else None)


def _direction(a: Point, b: Point) -> Point | None:
    """The unit vector from a to b (None when they are one point)."""
    length = ((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5
    return None if length < 1e-6 else ((b[0] - a[0]) / length, (b[1] - a[1]) / length)


def _line(a: Point, b: Point) -> list[Point]:
    """A straight segment as one cubic Bézier piece."""
    return [
        a,
        (a[0] + (b[0] - a[0]) / 3, a[1] + (b[1] - a[1]) / 3),
        (a[0] + 2 * (b[0] - a[0]) / 3, a[1] + 2 * (b[1] - a[1]) / 3),
        b,
    ]


def _curve(a: Point, b: Point, bend: float) -> list[Point]:
    """A cubic that leaves ``a`` and reaches ``b`` along the depth axis (an S when offset)."""
    if abs(a[0] - b[0]) < 0.01 and bend == 0.0:
        return _line(a, b)
    pull = abs(b[1] - a[1]) / 2 + bend
    direction = 1.0 if b[1] > a[1] else -1.0
    return [a, (a[0], a[1] + direction * pull), (b[0], b[1] - direction * pull), b]
