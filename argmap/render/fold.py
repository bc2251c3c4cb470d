"""Fold a wide map into a page's proportions: how many ranks each edge of ``dot`` spans.

``dot`` puts every level of an argument on one rank, so a claim with many
reasons, each with reasons of its own, comes out as a band many times wider
than high: scaled onto a page, its text prints too small to read.
Graphviz's remedy for wide, shallow trees is ``unflatten``, which lengthens
some edges (``minlen``) so that leaves stack. This module does the same for
whole branches, and picks the lengths so that the drawing gets close to a
page's proportions.

Every card's branch (its *block*) can be drawn in several shapes. A card's
children's blocks stand side by side in columns, in the file's order; a
block may stand below the one before it, in the same column, as long as the
column stays within a given depth (its edge then spans the ranks above it
and runs beside the blocks it passes). A column holds one branch, two, or
up to three single cards. For each depth, a block takes the narrowest width
its children allow, and only the shapes that no other shape beats in both
width and depth are kept. At the main claims, the shape whose drawing is
estimated to fit the page largest is chosen.

The order of reading stays the file's: columns left to right, and within a
column top to bottom.

Card sizes are estimated from the text: the exact sizes are known only once
Graphviz has laid the map out, and the estimate is close enough to choose
among shapes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

from argmap.model import ArgumentMap, Direction, Statement
from argmap.roles import Role
from argmap.theme import Theme, attribution_line, wrap_text

__all__ = ["LANDSCAPE_PAGE", "READABLE", "card_size", "fold_ranks"]

_MM = 72.0 / 25.4
# The printable area (10 mm margins) that landscape A4 (297 x 210 mm) and
# landscape Letter (279.4 x 215.9 mm) have in common, in points.
LANDSCAPE_PAGE = ((279.4 - 20.0) * _MM, (210.0 - 20.0) * _MM)

# Widths in ems of Arial's narrow, wide, capital and other letters: within a few
# per cent of Graphviz's measure for lines of prose.
_EMS = {
    **dict.fromkeys("iljtfI.,;:'!|()[] r-", 0.28),
    **dict.fromkeys("mwMW", 0.8),
    **dict.fromkeys("ABCDEFGHJKLNOPQRSTUVXYZ0123456789", 0.62),
}
_OTHER_EMS = 0.52
_BOLD = 1.1  # bold and italic Arial run about a tenth wider than regular
_LINE = 1.2  # line height, in font sizes
_MARGIN = (0.12 * 72.0, 0.08 * 72.0)  # the cards' Graphviz margin, as dot.py sets it
_SPACING = 2.0  # the label table's cell spacing
_JUNCTION = 0.09 * 72.0
_TITLE_SIZE = 16.0  # the map title's font size, as dot.py sets it
# Card text this size or larger on the page reads comfortably: a map that
# prints so unfolded is left as it is.
READABLE = 6.5
_WORTHWHILE = 1.1  # a fold must print the text at least this much larger
_LEAVES = 3  # single cards stacked in one column at most


def _text_width(line: str, size: float) -> float:
    """An estimate of a line's width in Arial, in points."""
    ems = _EMS.get
    return sum(ems(char, _OTHER_EMS) for char in line) * size


def card_size(statement: Statement, theme: Theme, *, badge: bool = False) -> tuple[float, float]:
    """A card's estimated width and height in points, as ``dot.statement_label`` draws it."""
    wrap = theme.wrap_width
    cells: list[tuple[list[str], float, float]] = []  # lines, font size, width factor
    if badge:
        cells.append((["? UNDECIDED"], theme.title_size, _BOLD))
    if statement.title:
        cells.append((wrap_text(statement.title, wrap), theme.title_size, _BOLD))
    cells.append((wrap_text(statement.text, wrap) or [" "], theme.font_size, 1.0))
    attribution = statement.attribution
    line = attribution_line(attribution.speaker, attribution.date) if attribution else None
    if line:
        width = round(wrap * theme.font_size / theme.attribution_size)
        cells.append((wrap_text(line, width), theme.attribution_size, _BOLD))
    widest = max(
        _text_width(text, size) * factor for lines, size, factor in cells for text in lines
    )
    height = sum(len(lines) * size * _LINE for lines, size, _ in cells)
    spacing = _SPACING * (len(cells) + 1)
    return widest + 2 * (_MARGIN[0] + _SPACING), height + 2 * _MARGIN[1] + spacing


@dataclass(frozen=True)
class _Shape:
    """One way to draw a block: its width across the ranks, its depth in ranks, and how.

    ``plan`` has, for each child in order, the index of the child's shape and
    how many ranks further down than the first rank below this card it starts.
    """

    width: float
    depth: int
    plan: tuple[tuple[int, int], ...]


class _Folder:
    """The blocks of one map and the shapes each can take."""

    def __init__(
        self, children: Mapping[str, list[str]], across: Mapping[str, float], gap: float
    ) -> None:
        self.children = children
        self.across = across  # each card's size across the ranks
        self.gap = gap  # between neighbours on a rank (Graphviz's nodesep)
        self.shapes: dict[str, list[_Shape]] = {}

    def shape_all(self, roots: list[str], cap: int) -> None:
        """Shapes for every block below ``roots``, children before parents (no recursion)."""
        order: list[str] = []
        stack = list(roots)
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(self.children.get(node, ()))
        for node in reversed(order):
            self.shapes[node] = self._shapes_of(node, cap)

    def _shapes_of(self, node: str, cap: int) -> list[_Shape]:
        """For each depth up to ``cap``, the narrowest arrangement of the children's blocks."""
        kids = self.children.get(node, [])
        own = self.across.get(node, _JUNCTION)
        if not kids:
            return [_Shape(own, 1, ())]
        fronts = [self.shapes[kid] for kid in kids]
        low = max(front[0].depth for front in fronts)
        high = max(low, min(cap, sum(front[-1].depth for front in fronts)))
        picks = [0] * len(kids)
        candidates: list[_Shape] = []
        for depth in range(low, high + 1):
            for i, front in enumerate(fronts):  # the narrowest shape no deeper than ``depth``
                while picks[i] + 1 < len(front) and front[picks[i] + 1].depth <= depth:
                    picks[i] += 1
            candidates.append(
                self._columns(own, [f[p] for f, p in zip(fronts, picks, strict=True)], picks, depth)
            )
        return _front(candidates)

    def _columns(self, own: float, shapes: list[_Shape], picks: list[int], depth: int) -> _Shape:
        """The children's blocks in columns no deeper than ``depth``.

        A column holds one block, or two (the second below the first), or up
        to ``_LEAVES`` single cards (as ``unflatten`` staggers leaves). A block
        below another has its edge run beside the ones above: the column is a
        gap wider for each. Deeper stacks of whole branches would make
        staircases of long parallel edges.
        """
        plan: list[tuple[int, int]] = []
        widths: list[float] = []
        column: list[_Shape] = []
        column_depth = 0
        for shape, pick in zip(shapes, picks, strict=True):
            fits = column and column_depth + shape.depth <= depth
            leaves = all(s.depth == 1 for s in column) and shape.depth == 1
            if fits and (len(column) == 1 or (leaves and len(column) < _LEAVES)):
                plan.append((pick, column_depth))
                column.append(shape)
                column_depth += shape.depth
                widths[-1] = max(s.width for s in column) + self.gap * (len(column) - 1)
                continue
            plan.append((pick, 0))
            widths.append(shape.width)
            column, column_depth = [shape], shape.depth
        deepest = max(offset + shape.depth for (_, offset), shape in zip(plan, shapes, strict=True))
        total = sum(widths) + self.gap * (len(widths) - 1)
        return _Shape(max(own, total), 1 + deepest, tuple(plan))


def _front(candidates: list[_Shape]) -> list[_Shape]:
    """The shapes no other shape beats in both width and depth, shallowest (widest) first."""
    kept: list[_Shape] = []
    for shape in sorted(candidates, key=lambda s: (s.depth, s.width)):
        if not kept or shape.width < kept[-1].width - 0.5:
            kept.append(shape)
    return kept


def fold_ranks(
    argument_map: ArgumentMap,
    theme: Theme,
    page: tuple[float, float],
    junctions: Collection[str],
    *,
    sizes: Mapping[str, tuple[float, float]] | None = None,
    badges: bool = False,
) -> dict[tuple[str, str], int]:
    """The ``minlen`` of every edge (tail, head) that folding lengthens; 1 is left out.

    Nothing is folded when the plain drawing, fitted to ``page`` (its width
    and height in points), prints the card text at ``READABLE`` points or
    more, or when no fold prints it a tenth larger. ``junctions`` are the
    relations drawn through a junction point (``dot.junction_relations``);
    ``sizes`` are card sizes in points if known, else estimated.
    """
    children, roots = _tree(argument_map, junctions)
    if not roots:
        return {}
    sizes = dict(sizes or {})
    for statement in argument_map.statements:
        if statement.id not in sizes:
            sizes[statement.id] = card_size(statement, theme, badge=badges)
    sideways = Direction(argument_map.layout.direction) in (
        Direction.LEFT_TO_RIGHT,
        Direction.RIGHT_TO_LEFT,
    )
    across = {name: size[1 if sideways else 0] for name, size in sizes.items()}
    along = {name: size[0 if sideways else 1] for name, size in sizes.items()}
    folder = _Folder(children, across, theme.node_gap * 72.0)
    folder.shape_all(roots, cap=3 * _height(children, roots))
    title = _TITLE_SIZE * _LINE + 8.0 if argument_map.title else 0.0  # above the drawing
    rank_gap = theme.rank_gap * 72.0

    def scale(ranks: Mapping[str, int], blocks: float) -> float:
        across_size, along_size = _estimate(folder, ranks, blocks, along, rank_gap)
        width, height = (along_size, across_size) if sideways else (across_size, along_size)
        return min(page[0] / width, page[1] / (height + title))

    plain = scale(_plain_ranks(children, roots), _plain_width(folder, roots))
    if theme.font_size * plain >= READABLE:
        return {}  # it prints well as it is
    best: tuple[float, dict[str, int]] | None = None
    page_across = (page[1], page[0]) if sideways else page
    for choice in _likely(folder, roots, along, rank_gap, page_across):
        blocks = sum(folder.shapes[root][choice[root]].width for root in roots)
        folded = scale(_ranks(folder, roots, choice), blocks + folder.gap * (len(roots) - 1))
        if best is None or folded > best[0] * 1.001:
            best = (folded, choice)
    if best is None or best[0] < plain * _WORTHWHILE:
        return {}
    return _minlens(folder, roots, best[1])


def _tree(
    argument_map: ArgumentMap, junctions: Collection[str]
) -> tuple[dict[str, list[str]], list[str]]:
    """Each node's children in reading order, as ``dot.py`` declares them; and the main claims.

    A junction's children are its premises, then whatever undercuts it. A
    node reached twice keeps the first parent that reached it.
    """
    below: dict[str, list[str]] = {}
    for relation in argument_map.relations:
        if relation.id in junctions:
            below.setdefault(relation.target, []).append(relation.id)
        else:
            below.setdefault(relation.target, []).append(relation.premises[0])
    for relation in argument_map.relations:
        if relation.id in junctions:
            below[relation.id] = list(relation.premises) + below.get(relation.id, [])
    roles = argument_map.roles()
    roots = [s.id for s in argument_map.statements if roles[s.id] is Role.MAIN_CLAIM]
    children: dict[str, list[str]] = {}
    seen = set(roots)
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        kids = [kid for kid in dict.fromkeys(below.get(node, ())) if kid not in seen]
        seen.update(kids)
        children[node] = kids
        stack.extend(reversed(kids))
    return children, roots


def _height(children: Mapping[str, list[str]], roots: list[str]) -> int:
    """The number of ranks of the unfolded drawing."""
    deepest, stack = 0, [(root, 1) for root in roots]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((kid, depth + 1) for kid in children.get(node, ()))
    return deepest


def _root_choices(folder: _Folder, roots: list[str]) -> list[dict[str, int]]:
    """For each depth, every main claim's narrowest shape no deeper than it."""
    fronts = {root: folder.shapes[root] for root in roots}
    low = max(front[0].depth for front in fronts.values())
    high = max(front[-1].depth for front in fronts.values())
    choices: list[dict[str, int]] = []
    for depth in range(low, high + 1):
        choice = {
            root: max(i for i, shape in enumerate(front) if shape.depth <= depth)
            for root, front in fronts.items()
        }
        if not choices or choice != choices[-1]:
            choices.append(choice)
    return choices


def _likely(
    folder: _Folder,
    roots: list[str],
    along: Mapping[str, float],
    rank_gap: float,
    page: tuple[float, float],
    count: int = 4,
) -> list[dict[str, int]]:
    """The few choices that fit the page best by a rough measure: blocks' width, mean rank.

    The finer estimate looks at every card, so it is kept for these.
    """
    rank = sum(along.values()) / max(len(along), 1) + rank_gap
    rough: list[tuple[float, int, dict[str, int]]] = []
    for choice in _root_choices(folder, roots):
        shapes = [folder.shapes[root][choice[root]] for root in roots]
        width = sum(shape.width for shape in shapes) + folder.gap * (len(shapes) - 1)
        depth = max(shape.depth for shape in shapes)
        rough.append((min(page[0] / width, page[1] / (depth * rank)), len(rough), choice))
    rough.sort(key=lambda item: (-item[0], item[1]))
    return [choice for _, _, choice in sorted(rough[:count], key=lambda item: item[1])]


def _walk(
    folder: _Folder, roots: list[str], choice: Mapping[str, int]
) -> Iterator[tuple[str, _Shape, int]]:
    """(node, its shape, its rank) for every node, the main claims at rank 0."""
    stack = [(root, choice[root], 0) for root in roots]
    while stack:
        node, index, rank = stack.pop()
        shape = folder.shapes[node][index]
        yield node, shape, rank
        for kid, (pick, offset) in zip(folder.children.get(node, ()), shape.plan, strict=True):
            stack.append((kid, pick, rank + 1 + offset))


def _ranks(folder: _Folder, roots: list[str], choice: Mapping[str, int]) -> dict[str, int]:
    return {node: rank for node, _, rank in _walk(folder, roots, choice)}


def _plain_ranks(children: Mapping[str, list[str]], roots: list[str]) -> dict[str, int]:
    """Every node's rank in the unfolded drawing: its depth below the main claims."""
    ranks: dict[str, int] = {}
    stack = [(root, 0) for root in roots]
    while stack:
        node, rank = stack.pop()
        ranks[node] = rank
        stack.extend((kid, rank + 1) for kid in children.get(node, ()))
    return ranks


def _plain_width(folder: _Folder, roots: list[str]) -> float:
    """The width of the unfolded blocks: children side by side under every card."""
    order: list[str] = []
    stack = list(roots)
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(folder.children.get(node, ()))
    width: dict[str, float] = {}
    for node in reversed(order):
        kids = folder.children.get(node, ())
        below = sum(width[kid] for kid in kids) + folder.gap * (len(kids) - 1)
        width[node] = max(folder.across.get(node, _JUNCTION), below)
    return sum(width[root] for root in roots) + folder.gap * (len(roots) - 1)


def _estimate(
    folder: _Folder,
    ranks: Mapping[str, int],
    blocks: float,
    along: Mapping[str, float],
    rank_gap: float,
) -> tuple[float, float]:
    """The drawing's estimated size across and along the ranks, in points.

    Across, the blocks' columns overestimate what ``dot`` draws (it slides a
    block below a neighbour's when their ranks do not meet) and the fullest
    rank underestimates it (groups' boxes keep their members together); the
    mean of the two is within about a tenth on the sample maps.
    """
    count = max(ranks.values()) + 1
    filled = [0.0] * count
    members = [0] * count
    deep = [0.0] * count
    for node, rank in ranks.items():
        filled[rank] += folder.across.get(node, _JUNCTION)
        members[rank] += 1
        deep[rank] = max(deep[rank], along.get(node, _JUNCTION))
    for node, rank in ranks.items():  # an edge spanning ranks has a point on each
        for kid in folder.children.get(node, ()):
            for passed in range(rank + 1, ranks[kid]):
                members[passed] += 1
    fullest = max(f + folder.gap * (m - 1) for f, m in zip(filled, members, strict=True))
    return (fullest + blocks) / 2, sum(deep) + rank_gap * (count - 1)


def _minlens(
    folder: _Folder, roots: list[str], choice: Mapping[str, int]
) -> dict[tuple[str, str], int]:
    lengths: dict[tuple[str, str], int] = {}
    for node, shape, _ in _walk(folder, roots, choice):
        for kid, (_, offset) in zip(folder.children.get(node, ()), shape.plan, strict=True):
            if offset:
                lengths[(kid, node)] = 1 + offset
    return lengths
