"""argmap's own layout: the map as a tidy tree that stays put while it is edited.

The forest (:mod:`argmap.layout.forest`) says what hangs under what; the tidy
tree (:mod:`argmap.layout.tidy`) places the boxes; this module turns the
result into a :class:`~argmap.layout.result.LayoutResult`: card centres in
the map's reading direction, the user's pinned cards (each carrying its
subtree along), junction bars, edge curves, and group boxes.

The layout is a pure function of (map, card sizes, pinned positions): the
same input always gives the same drawing, and an edit moves only what it has
to. Positions are computed in a frame where the main claims sit at depth 0
and premises grow towards larger depth ("breadth" runs across), then turned
into scene coordinates for the map's direction.
"""

from __future__ import annotations

from collections.abc import Mapping

from argmap.collector import collector_paused
from argmap.layout.edges import JUNCTION_SIZE, TreeEdges
from argmap.layout.forest import Forest, build_forest
from argmap.layout.groups import GROUP_LABEL, GROUP_PADDING, group_boxes
from argmap.layout.result import LayoutResult, NodeBox, Point
from argmap.layout.tidy import preorder, tidy_tree
from argmap.model import ArgumentMap, Direction, Position, Statement
from argmap.theme import Theme, attribution_line, get_theme, wrap_text

__all__ = [
    "GROUP_LABEL",
    "GROUP_PADDING",
    "Frame",
    "estimate_size",
    "exact",
    "tree_layout",
]

POINTS_PER_INCH = 72.0
SLOT_WIDTH = (
    226.0  # a card as wide as wrapped text; each card is centred in a slot at least this wide
)
_ROOT_GAP_FACTOR = 2.0  # main claims stand further apart than siblings


def tree_layout(
    argument_map: ArgumentMap,
    sizes: Mapping[str, tuple[float, float]] | None = None,
    *,
    theme: Theme | None = None,
    pinned: Mapping[str, Position] | None = None,
    slot_width: float = SLOT_WIDTH,
) -> LayoutResult:
    """Lay out the map as a tree; ``sizes`` are card (width, height) in points by statement id.

    Statements missing from ``sizes`` get an estimate from their text.
    ``pinned`` defaults to the map's own stored positions. When the map reads
    top-down or bottom-up, every card is centred in a slot at least
    ``slot_width`` wide (the widest a card gets when its text wraps), so a
    card that grows as it is typed in, or a first reason added under a
    narrow card, pushes nothing aside.
    """
    with collector_paused():
        return _tree_layout(argument_map, sizes or {}, theme or get_theme(None), pinned, slot_width)


def _tree_layout(
    argument_map: ArgumentMap,
    sizes: Mapping[str, tuple[float, float]],
    theme: Theme,
    pinned: Mapping[str, Position] | None,
    slot_width: float,
) -> LayoutResult:
    pinned = argument_map.layout.positions if pinned is None else pinned
    forest = build_forest(argument_map)
    frame = Frame(Direction(argument_map.layout.direction))
    plan = _Plan(forest, argument_map, sizes, theme, frame, slot_width if frame.across else 0.0)
    plan.place()
    plan.pin(pinned)
    plan.settle()
    result = LayoutResult(engine="tree")
    plan.fill_nodes(result)
    edges = TreeEdges(plan, argument_map)
    result.edges, result.cross_links = edges, edges.cross_links
    if argument_map.groups:
        result.clusters, result.bands = group_boxes(argument_map, plan)
    _set_extent(result)
    return result


def estimate_size(statement: Statement, theme: Theme) -> tuple[float, float]:
    """A card's size from its text alone, for layouts made without the editor's fonts."""
    lines = wrap_text(statement.text, theme.wrap_width) or [""]
    width = max(len(line) for line in lines) * theme.font_size * 0.55
    height = len(lines) * theme.font_size * 1.3
    if statement.title:
        title = wrap_text(statement.title, theme.wrap_width)
        width = max(width, max(len(line) for line in title) * theme.title_size * 0.6)
        height += len(title) * theme.title_size * 1.3
    attribution = statement.attribution
    line = attribution_line(attribution.speaker, attribution.date) if attribution else None
    if line:
        height += theme.attribution_size * 1.4
        width = max(width, min(len(line), theme.wrap_width * 1.2) * theme.attribution_size * 0.55)
    return max(width, 40.0) + 18.0, height + 14.0


class Frame:
    """Turns (breadth, depth) into scene (x, y) for a reading direction, and back."""

    def __init__(self, direction: Direction) -> None:
        self.direction = direction
        self.across = direction in (Direction.BOTTOM_TO_TOP, Direction.TOP_TO_BOTTOM)

    def extent(self, width: float, height: float) -> tuple[float, float]:
        """(breadth, depth) of a card of this size."""
        return (width, height) if self.across else (height, width)

    def to_scene(self, b: float, d: float) -> Point:
        direction = self.direction
        if direction == Direction.BOTTOM_TO_TOP:
            return b, d
        if direction == Direction.TOP_TO_BOTTOM:
            return b, -d
        if direction == Direction.LEFT_TO_RIGHT:
            return -d, b
        return d, b

    def from_scene(self, x: float, y: float) -> Point:
        direction = self.direction
        if direction == Direction.BOTTOM_TO_TOP:
            return x, y
        if direction == Direction.TOP_TO_BOTTOM:
            return x, -y
        if direction == Direction.LEFT_TO_RIGHT:
            return y, -x
        return y, x


class _Plan:
    """Node extents, the tidy placement and the pinned offsets, in the (breadth, depth) frame."""

    def __init__(
        self,
        forest: Forest,
        argument_map: ArgumentMap,
        sizes: Mapping[str, tuple[float, float]],
        theme: Theme,
        frame: Frame,
        slot: float,
    ) -> None:
        self.forest = forest
        self.frame = frame
        self.rank_gap = exact(theme.rank_gap * POINTS_PER_INCH)
        self.node_gap = exact(theme.node_gap * POINTS_PER_INCH)
        count = forest.statement_count
        n = len(forest.ids)
        self.breadth = [0.0] * (n + 1)  # one more: a virtual root above the main claims
        self.card_breadth = [0.0] * (n + 1)
        self.card_depth = [0.0] * (n + 1)
        statements = argument_map.statements
        slot = exact(slot)
        across = frame.across
        card_breadth, card_depth, slot_breadth, ids = (
            self.card_breadth,
            self.card_depth,
            self.breadth,
            forest.ids,
        )
        for v in range(count):
            size = sizes.get(ids[v])
            if size is None:
                size = estimate_size(statements[v], theme)
            b, d = size if across else (size[1], size[0])
            b, d = (
                round(b * 64.0) / 64.0,
                round(d * 64.0) / 64.0,
            )  # as exact(), inlined: 10,000 cards
            card_breadth[v], card_depth[v] = b, d
            slot_breadth[v] = max(slot, b)
        half = self.rank_gap / 2
        for v in range(count, n):
            self.card_depth[v] = (
                half  # a junction fills the lower half of the gap above its premises
            )
        self.group_path = _group_paths(argument_map, forest)
        self.depth = self.card_depth
        self.top = [0.0] * (n + 1)
        self.left = [0.0] * (n + 1)
        self.offset: list[Point] = [(0.0, 0.0)] * n
        self.gap = [self.node_gap] * (n + 1)
        self.boxes: list[tuple[float, float, float, float]] = []
        self.points: dict[int, Point] = {}
        self.exact: dict[int, Point] = {}  # pinned cards: their stored centres, to the bit

    def place(self) -> None:
        forest = self.forest
        n = len(forest.ids)
        root = n
        children = [*forest.children, list(forest.roots)]
        top, depth, count = self.top, self.depth, forest.statement_count
        top[root], depth[root] = -1.0, 1.0
        self.gap[root] = self.node_gap * _ROOT_GAP_FACTOR
        path = self.group_path
        for v in preorder(children, root):
            below = top[v] + depth[v]
            junction_parent = count <= v < n
            for child in children[v]:
                if v == root:
                    top[child] = 0.0
                elif child >= count:  # a junction: in the lower half of the gap
                    top[child] = below + (0.0 if junction_parent else self.rank_gap / 2)
                else:
                    extra = _new_groups(path[child], path[v] if v < n else ()) * (
                        GROUP_LABEL + GROUP_PADDING
                    )
                    top[child] = below + (0.0 if junction_parent else self.rank_gap) + extra
        self.left = tidy_tree(children, root, self.breadth, top, depth, self.gap)

    def pin(self, pinned: Mapping[str, Position]) -> None:
        """Move each pinned card to its stored place, and its unpinned subtree along with it."""
        if not pinned:
            return
        forest = self.forest
        index = {sid: v for v, sid in enumerate(forest.ids[: forest.statement_count])}
        own: dict[int, Point] = {}
        for statement_id, position in pinned.items():
            v = index.get(statement_id)
            if v is not None:
                self.exact[v] = (position.x, position.y)
                b, d = self.frame.from_scene(position.x, position.y)
                cb, cd = self.centre(v)
                own[v] = (b - cb, d - cd)
        if not own:
            return
        offset = self.offset
        n = len(forest.ids)
        for v in preorder([*forest.children, list(forest.roots)], n):
            if v == n:
                continue
            moved = own.get(v)
            if moved is None:
                parent = forest.parent[v]
                moved = offset[parent] if parent >= 0 else (0.0, 0.0)
            offset[v] = moved
            for child in forest.children[v]:
                offset[child] = moved

    def centre(self, v: int) -> Point:
        """A card's (or junction's) centre before pinning: the middle of its slot."""
        return self.left[v] + self.breadth[v] / 2, self.top[v] + self.card_depth[v] / 2

    def scene_rect(self, v: int) -> tuple[float, float, float, float]:
        """A card's (left, top, right, bottom) in the scene."""
        left, near, right, far = self.boxes[v]
        if self.frame.direction == Direction.BOTTOM_TO_TOP:
            return left, near, right, far
        x1, y1 = self.frame.to_scene(left, near)
        x2, y2 = self.frame.to_scene(right, far)
        return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)

    def box(self, v: int) -> tuple[float, float, float, float]:
        """(left, near, right, far) of a card after pinning: near faces what it argues for."""
        return self.boxes[v]

    def settle(self) -> None:
        """Final boxes and junction dots, computed once for everything that reads them."""
        left, top, breadth, card_depth, offset = (
            self.left,
            self.top,
            self.breadth,
            self.card_depth,
            self.offset,
        )
        card_breadth = self.card_breadth
        boxes = []
        for v in range(len(self.forest.ids)):
            ob, od = offset[v]
            b = left[v] + ob + (breadth[v] - card_breadth[v]) / 2  # centred in its slot
            d = top[v] + od
            boxes.append((b, d, b + card_breadth[v], d + card_depth[v]))
        self.boxes = boxes
        forest = self.forest
        count = forest.statement_count
        points: dict[int, Point] = {}
        for j in range(count, len(forest.ids)):
            name = forest.ids[j]
            premises = [c for c in forest.children[j] if c < count and forest.home[c] == name]
            if premises:
                first, last = boxes[premises[0]], boxes[premises[-1]]
                points[j] = ((first[0] + first[2] + last[0] + last[2]) / 4, boxes[j][1])
            else:
                points[j] = (boxes[j][0], boxes[j][1])
        self.points = points

    def fill_nodes(self, result: LayoutResult) -> None:
        forest, frame = self.forest, self.frame
        nodes, ids, boxes, exact = result.nodes, forest.ids, self.boxes, self.exact
        if frame.direction == Direction.BOTTOM_TO_TOP and not exact:  # the common case, quickly
            for v in range(forest.statement_count):
                left, near, right, far = boxes[v]
                name = ids[v]
                nodes[name] = NodeBox(
                    name, (left + right) / 2, (near + far) / 2, right - left, far - near
                )
        else:
            for v in range(forest.statement_count):
                left, near, right, far = boxes[v]
                x, y = exact.get(v) or frame.to_scene((left + right) / 2, (near + far) / 2)
                w, h = frame.extent(right - left, far - near)
                nodes[ids[v]] = NodeBox(ids[v], x, y, w, h)
        for v in range(forest.statement_count, len(forest.ids)):
            b, d = self.junction_point(v)
            x, y = frame.to_scene(b, d)
            result.nodes[forest.ids[v]] = NodeBox(forest.ids[v], x, y, JUNCTION_SIZE, JUNCTION_SIZE)

    def junction_point(self, j: int) -> Point:
        """The dot of a junction: over the middle of its own premises, on its bar."""
        return self.points[j]


def exact(value: float) -> float:
    """Rounded to 1/64 point: sums of such numbers are exact in binary floating point.

    So a card's place is computed bit for bit the same however the sums run,
    and "unchanged" in the stability contract can mean exactly that.
    """
    return round(value * 64.0) / 64.0


def _group_paths(argument_map: ArgumentMap, forest: Forest) -> list[tuple[str, ...]]:
    """Each node's chain of groups, outermost first (empty for ungrouped nodes and junctions)."""
    n = len(forest.ids)
    if not argument_map.groups:
        return [()] * (n + 1)
    by_id = {g.id: g for g in argument_map.groups}
    member: dict[str, str] = {}
    for group in argument_map.groups:
        for statement_id in group.statements:
            member.setdefault(statement_id, group.id)
    paths: list[tuple[str, ...]] = [()] * (n + 1)
    for v in range(forest.statement_count):
        current = member.get(forest.ids[v])
        chain: list[str] = []
        while current is not None and current in by_id and current not in chain and len(chain) < 32:
            chain.append(current)
            current = by_id[current].parent
        paths[v] = tuple(reversed(chain))
    return paths


def _new_groups(child: tuple[str, ...], parent: tuple[str, ...]) -> int:
    """How many group boxes open at ``child`` (its groups that do not hold its parent)."""
    shared = 0
    for a, b in zip(child, parent, strict=False):
        if a != b:
            break
        shared += 1
    return len(child) - shared


def _set_extent(result: LayoutResult) -> None:
    if not result.nodes:
        return
    left = min(n.x - n.width / 2 for n in result.nodes.values())
    right = max(n.x + n.width / 2 for n in result.nodes.values())
    top = min(n.y - n.height / 2 for n in result.nodes.values())
    bottom = max(n.y + n.height / 2 for n in result.nodes.values())
    result.width, result.height = right - left, bottom - top
    result.origin = (left, top)
