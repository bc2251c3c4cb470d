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

from argmap.layout.forest import Forest, build_forest
from argmap.layout.result import EdgeCurve, LayoutResult, NodeBox, Point
from argmap.layout.tidy import tidy_tree
from argmap.model import ArgumentMap, Direction, Position, Statement
from argmap.theme import Theme, attribution_line, get_theme, wrap_text

__all__ = ["GROUP_LABEL", "GROUP_PADDING", "estimate_size", "tree_layout"]

POINTS_PER_INCH = 72.0
ARROW = 9.0  # the arrowhead's length, as the canvas and Graphviz (arrowsize 0.9) draw it
JUNCTION_SIZE = 6.5
GROUP_PADDING = 10.0  # between a group's box and its cards
GROUP_LABEL = 20.0  # room for the group's title above its cards
SLOT_WIDTH = 226.0  # a card as wide as wrapped text; each card is centred in a slot at least this wide
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
    theme = theme or get_theme(None)
    sizes = sizes or {}
    pinned = argument_map.layout.positions if pinned is None else pinned
    forest = build_forest(argument_map)
    frame = _Frame(Direction(argument_map.layout.direction))
    plan = _Plan(forest, argument_map, sizes, theme, frame, slot_width if frame.across else 0.0)
    plan.place()
    plan.pin(pinned)
    plan.settle()
    result = LayoutResult()
    plan.fill_nodes(result)
    _Edges(plan, argument_map).add_to(result)
    _add_groups(argument_map, plan, result)
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


class _Frame:
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
    """Node extents, the tidy placement and the pinned offsets, all in the (breadth, depth) frame."""

    def __init__(
        self,
        forest: Forest,
        argument_map: ArgumentMap,
        sizes: Mapping[str, tuple[float, float]],
        theme: Theme,
        frame: _Frame,
        slot: float,
    ) -> None:
        self.forest = forest
        self.frame = frame
        self.rank_gap = _exact(theme.rank_gap * POINTS_PER_INCH)
        self.node_gap = _exact(theme.node_gap * POINTS_PER_INCH)
        count = forest.statement_count
        n = len(forest.ids)
        self.breadth = [0.0] * (n + 1)  # one more: a virtual root above the main claims
        self.card_breadth = [0.0] * (n + 1)
        self.card_depth = [0.0] * (n + 1)
        statements = argument_map.statements
        for v in range(count):
            size = sizes.get(forest.ids[v])
            if size is None:
                size = estimate_size(statements[v], theme)
            breadth, depth = frame.extent(*size)
            self.card_breadth[v], self.card_depth[v] = _exact(breadth), _exact(depth)
            self.breadth[v] = max(self.card_breadth[v], _exact(slot))
        half = self.rank_gap / 2
        for v in range(count, n):
            self.card_depth[v] = half  # a junction fills the lower half of the gap above its premises
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
        for v in _preorder(children, root):
            below = top[v] + depth[v]
            junction_parent = count <= v < n
            for child in children[v]:
                if v == root:
                    top[child] = 0.0
                elif child >= count:  # a junction: in the lower half of the gap
                    top[child] = below + (0.0 if junction_parent else self.rank_gap / 2)
                else:
                    extra = _new_groups(path[child], path[v] if v < n else ()) * (GROUP_LABEL + GROUP_PADDING)
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
        for v in _preorder([*forest.children, list(forest.roots)], n):
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

    def box(self, v: int) -> tuple[float, float, float, float]:
        """(left, near, right, far) of a card after pinning: near faces what it argues for."""
        return self.boxes[v]

    def settle(self) -> None:
        """Final boxes and junction dots, computed once for everything that reads them."""
        left, top, breadth, card_depth, offset = self.left, self.top, self.breadth, self.card_depth, self.offset
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
        for v in range(forest.statement_count):
            left, near, right, far = self.box(v)
            x, y = self.exact.get(v) or frame.to_scene((left + right) / 2, (near + far) / 2)
            w, h = frame.extent(self.card_breadth[v], self.card_depth[v])
            result.nodes[forest.ids[v]] = NodeBox(forest.ids[v], x, y, w, h)
        for v in range(forest.statement_count, len(forest.ids)):
            b, d = self.junction_point(v)
            x, y = frame.to_scene(b, d)
            result.nodes[forest.ids[v]] = NodeBox(forest.ids[v], x, y, JUNCTION_SIZE, JUNCTION_SIZE)

    def junction_point(self, j: int) -> Point:
        """The dot of a junction: over the middle of its own premises, on its bar."""
        return self.points[j]


def _exact(value: float) -> float:
    """Rounded to 1/64 point: sums of such numbers are exact in binary floating point.

    So a card's place is computed bit for bit the same however the sums run,
    and "unchanged" in the stability contract can mean exactly that.
    """
    return round(value * 64.0) / 64.0


def _preorder(children: list[list[int]], root: int) -> list[int]:
    order: list[int] = []
    stack = [root]
    while stack:
        v = stack.pop()
        order.append(v)
        stack.extend(reversed(children[v]))
    return order


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


class _Edges:
    """Edge curves: tree edges drop straight where they can, cross-links curve."""

    def __init__(self, plan: _Plan, argument_map: ArgumentMap) -> None:
        self.plan = plan
        self.map = argument_map
        self.forest = plan.forest
        self.node = {name: v for v, name in enumerate(plan.forest.ids)}
        self.cross: set[str] = set()
        self.identity = plan.frame.direction == Direction.BOTTOM_TO_TOP  # scene = (breadth, depth)

    def add_to(self, result: LayoutResult) -> None:
        forest, node = self.forest, self.node
        count = forest.statement_count
        for relation in self.map.relations:
            target = node.get(relation.target, -1)
            if target < 0 or (relation.target in forest.junction) != (target >= count):
                continue
            edge_id = f"edge-{relation.id}"
            j = forest.junction.get(relation.id)
            if j is None:
                premise = node.get(relation.premises[0], -1)
                if 0 <= premise < count:
                    self._edge(result, edge_id, premise, target, relation.id, arrow=True)
                continue
            for name in relation.premises:
                premise = node.get(name, -1)
                if 0 <= premise < count:
                    self._edge(result, f"{edge_id}-{name}", premise, j, relation.id, arrow=False)
            self._edge(result, edge_id, j, target, relation.id, arrow=True)
        result.cross_links = frozenset(self.cross)

    def _edge(self, result: LayoutResult, edge_id: str, tail: int, head: int, relation_id: str, *, arrow: bool) -> None:
        forest = self.forest
        tree = forest.parent[tail] == head and forest.home[tail] == relation_id
        if not tree:
            self.cross.add(edge_id)
        start, start_down = self._tail_point(tail, head)
        points, tip = self._route(start, start_down, head, tree, arrow)
        if not self.identity:
            to_scene = self.plan.frame.to_scene
            points = [to_scene(*p) for p in points]
            tip = to_scene(*tip) if tip is not None else None
        result.edges[edge_id] = EdgeCurve(edge_id, forest.ids[tail], forest.ids[head], tuple(points), tip)

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

    def _route(self, start: Point, down: bool, head: int, tree: bool, arrow: bool) -> tuple[list[Point], Point | None]:
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


def _line(a: Point, b: Point) -> list[Point]:
    """A straight segment as one cubic Bézier piece."""
    return [a, (a[0] + (b[0] - a[0]) / 3, a[1] + (b[1] - a[1]) / 3), (a[0] + 2 * (b[0] - a[0]) / 3, a[1] + 2 * (b[1] - a[1]) / 3), b]


def _curve(a: Point, b: Point, bend: float) -> list[Point]:
    """A cubic that leaves ``a`` and reaches ``b`` along the depth axis (an S when offset)."""
    if abs(a[0] - b[0]) < 0.01 and bend == 0.0:
        return _line(a, b)
    pull = abs(b[1] - a[1]) / 2 + bend
    direction = 1.0 if b[1] > a[1] else -1.0
    return [a, (a[0], a[1] + direction * pull), (b[0], b[1] - direction * pull), b]


def _add_groups(argument_map: ArgumentMap, plan: _Plan, result: LayoutResult) -> None:
    """A box per group around its cards and subgroups; a band where a box would hold others."""
    if not argument_map.groups:
        return
    forest = plan.forest
    cards = {forest.ids[v]: _scene_rect(plan, v) for v in range(forest.statement_count)}
    grid = _Grid(cards)
    by_id = {g.id: g for g in argument_map.groups}
    children: dict[str, list[str]] = {}
    for group in argument_map.groups:
        if group.parent in by_id and group.parent != group.id:
            children.setdefault(group.parent, []).append(group.id)
    members: dict[str, set[str]] = {}

    def all_members(group_id: str, depth: int) -> set[str]:
        if group_id in members:
            return members[group_id]
        members[group_id] = set()
        found = {s for s in by_id[group_id].statements if s in cards}
        if depth < 32:
            for child in children.get(group_id, []):
                found |= all_members(child, depth + 1)
        members[group_id] = found
        return found

    boxes: dict[str, tuple[float, float, float, float]] = {}

    def box(group_id: str, depth: int) -> tuple[float, float, float, float] | None:
        if group_id in boxes or depth > 32:
            return boxes.get(group_id)
        parts = [cards[s] for s in by_id[group_id].statements if s in cards]
        parts += [b for c in children.get(group_id, []) if (b := box(c, depth + 1)) is not None]
        if not parts:
            return None
        boxes[group_id] = (
            min(p[0] for p in parts) - GROUP_PADDING,
            min(p[1] for p in parts) - GROUP_PADDING - GROUP_LABEL,
            max(p[2] for p in parts) + GROUP_PADDING,
            max(p[3] for p in parts) + GROUP_PADDING,
        )
        return boxes[group_id]

    for group in argument_map.groups:
        rect = box(group.id, 0)
        if rect is None:
            continue
        inside = all_members(group.id, 0)
        if any(name not in inside for name in grid.touching(rect)):
            result.bands[group.id] = tuple(sorted(inside))
        else:
            left, top, right, bottom = rect
            result.clusters[group.id] = (left, top, right - left, bottom - top)


def _scene_rect(plan: _Plan, v: int) -> tuple[float, float, float, float]:
    left, near, right, far = plan.box(v)
    x1, y1 = plan.frame.to_scene(left, near)
    x2, y2 = plan.frame.to_scene(right, far)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


class _Grid:
    """Cards bucketed in columns, to find those touching a box without scanning them all."""

    COLUMN = 256.0

    def __init__(self, rects: Mapping[str, tuple[float, float, float, float]]) -> None:
        self.rects = rects
        self.columns: dict[int, list[tuple[float, float, float, float, str]]] = {}
        size = self.COLUMN
        columns = self.columns
        for name, (x1, y1, x2, y2) in rects.items():
            entry = (x1, y1, x2, y2, name)
            for column in range(int(x1 // size), int(x2 // size) + 1):
                bucket = columns.get(column)
                if bucket is None:
                    columns[column] = [entry]
                else:
                    bucket.append(entry)

    def touching(self, rect: tuple[float, float, float, float]) -> set[str]:
        x1, y1, x2, y2 = rect
        size = self.COLUMN
        found = set()
        for column in range(int(x1 // size), int(x2 // size) + 1):
            for a1, b1, a2, b2, name in self.columns.get(column, ()):
                if a1 < x2 and x1 < a2 and b1 < y2 and y1 < b2:
                    found.add(name)
        return found


def _set_extent(result: LayoutResult) -> None:
    if not result.nodes:
        return
    left = min(n.x - n.width / 2 for n in result.nodes.values())
    right = max(n.x + n.width / 2 for n in result.nodes.values())
    top = min(n.y - n.height / 2 for n in result.nodes.values())
    bottom = max(n.y + n.height / 2 for n in result.nodes.values())
    result.width, result.height = right - left, bottom - top
