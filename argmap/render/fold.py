"""Fold a wide map to print readably on landscape pages: how many ranks each edge of ``dot`` spans.

``dot`` puts every level of an argument on one rank, so a claim with many
reasons, each with reasons of its own, comes out as a band many times wider
than high: scaled onto a page, its text prints too small to read.
Graphviz's remedy for wide, shallow trees is ``unflatten``, which lengthens
some edges (``minlen``) so that leaves stack. This module does the same for
whole branches, and picks the lengths so that the drawing prints readably
across a landscape page, or as large as it can on one.

Every card's branch (its *block*) can be drawn in several shapes. A card's
children's blocks stand side by side in columns, in the file's order; a
block may stand below the one before it, in the same column, as long as the
column stays within a given depth (its edge then spans the ranks above it
and runs beside the blocks it passes). A column holds one branch, two, or
up to three single cards. For each depth, a block takes the narrowest width
its children allow, and only the shapes that no other shape beats in both
width and depth are kept (:mod:`argmap.render.fold_shapes`). At the main
claims, the shapes whose drawing is
estimated to read at the page's width (its text at ``READABLE`` points or
more, a drawing taller than the page going on over the next) come first, and
of those the one that fits a whole page largest is chosen; where none reads
at that width, the one that fits a page largest.

The order of reading stays the file's: columns left to right, and within a
column top to bottom.

Card sizes are estimated from the lines the cards show, full or titles only
(:mod:`argmap.render.cards`): the exact sizes are known only once Graphviz
has laid the map out, and the estimate is close enough to choose among
shapes.

This runs on every export of a large map, so it is written for speed: at a
thousand statements it costs about as much as building the rest of the DOT.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import NamedTuple

from argmap.model import ArgumentMap, Direction
from argmap.render.cards import CardLines, Cards, CardText, card_size, measure_cards
from argmap.render.fold_shapes import JUNCTION, Folder
from argmap.render.pages import MARGIN, PAPERS
from argmap.roles import Role
from argmap.theme import Theme

__all__ = ["LANDSCAPE_PAGE", "READABLE", "card_size", "drawn_groups", "fold_ranks"]

# The printable area (10 mm margins) that landscape A4 (297 x 210 mm) and
# landscape Letter (279.4 x 215.9 mm) have in common, in points.
LANDSCAPE_PAGE = (
    min(width for width, _ in PAPERS.values()) - 2 * MARGIN,
    min(height for _, height in PAPERS.values()) - 2 * MARGIN,
)

_LINE = 1.2  # line height, in font sizes
_TITLE_SIZE = 16.0  # the map title's font size, as dot.py sets it
# Card text this size or larger on the page reads comfortably: a map that
# prints so unfolded is left as it is.
READABLE = 6.5
_WORTHWHILE = 1.1  # a fold must print the text at least this much larger
_SURE = 1.1  # estimated this much above READABLE, a drawing reads whatever Graphviz makes of it


class _Fit(NamedTuple):
    """How a drawing prints: scaled to the page's width (``across``) or to the whole page.

    ``reads`` is 2 when the card text, at the page's width, is estimated at
    ``READABLE`` with room for the estimate's error (``_SURE``), 1 when it is
    estimated at ``READABLE`` but without that room, 0 below it. Graphviz
    draws the narrowest shapes somewhat wider than estimated: it staggers
    what stands in one column rather than stacking it.
    """

    reads: int
    across: float  # the scale that makes the drawing as wide as the page
    whole: float  # the scale that fits it on one page

    def key(self) -> tuple[int, float]:
        """Reading at the page's width surely, then at all; then the larger print on one page."""
        return self.reads, self.whole

    def better_than(self, other: _Fit, margin: float = 1.001) -> bool:
        if self.reads != other.reads:
            return self.reads > other.reads
        return self.whole > other.whole * margin


def _fit(font_size: float, page: tuple[float, float], width: float, height: float) -> _Fit:
    across = page[0] / width
    printed = font_size * across
    reads = 2 if printed >= READABLE * _SURE else 1 if printed >= READABLE else 0
    return _Fit(reads, across, min(across, page[1] / height))


def fold_ranks(
    argument_map: ArgumentMap,
    theme: Theme,
    page: tuple[float, float],
    junctions: Collection[str],
    *,
    sizes: Mapping[str, tuple[float, float]] | None = None,
    badges: bool = False,
    cards: Cards | str = Cards.FULL,
    texts: Mapping[str, CardText] | None = None,
    roles: Mapping[str, Role] | None = None,
    groups: Mapping[str, str] | None = None,
) -> dict[tuple[str, str], int]:
    """The ``minlen`` of every edge (tail, head) that folding lengthens; 1 is left out.

    A map is folded so that its card text prints at ``READABLE`` points or
    more with the drawing scaled to the width of ``page`` (its width and
    height in points); of the drawings that do, the one that fits the whole
    page largest is taken, so that it prints on as few pages as it can; if
    none does, the one that prints largest on one page. Nothing is folded
    when the plain drawing prints readably on one page, or when no fold
    beats it by a tenth. ``junctions`` are the
    relations drawn through a junction point (``dot.junction_relations``);
    ``sizes`` are card sizes in points if known, else estimated from the
    cards' lines: ``texts`` if given (the labels' own), else wrapped here in
    the ``cards`` style. ``roles`` and ``groups`` (:func:`drawn_groups`) save
    working them out again.
    """
    children, roots, order, depths = _tree(argument_map, junctions, roles or argument_map.roles())
    if not roots:
        return {}
    sizes = _card_sizes(argument_map, theme, sizes, badges, cards, texts or {})
    sideways = Direction(argument_map.layout.direction) in (
        Direction.LEFT_TO_RIGHT,
        Direction.RIGHT_TO_LEFT,
    )
    across = {name: size[1 if sideways else 0] for name, size in sizes.items()}
    along = {name: size[0 if sideways else 1] for name, size in sizes.items()}
    if groups is None:
        groups = drawn_groups(argument_map, junctions)
    folder = Folder(children, across, theme.node_gap * 72.0, groups)
    title = _TITLE_SIZE * _LINE + 8.0 if argument_map.title else 0.0  # above the drawing
    rank_gap = theme.rank_gap * 72.0
    # Aimed at the text's size even for titles-only cards, whose titles are a point
    # larger: that point is a margin for the estimates of the narrower shapes.
    font = theme.font_size

    def fit(across_size: float, along_size: float) -> _Fit:
        width, height = (along_size, across_size) if sideways else (across_size, along_size)
        return _fit(font, page, width, height + title)

    def estimated(ranks: _Ranks, blocks: float) -> _Fit:
        return fit(*_estimate(ranks, blocks, folder.gap, rank_gap))

    plain_ranks = _plain_ranks(folder, order, depths, along)
    plain = estimated(plain_ranks, _plain_width(folder, order, roots))
    if font * plain.whole >= READABLE:
        return {}  # it prints well on one page as it is
    folder.shape_all(order, cap=3 * len(plain_ranks.filled))
    best: tuple[_Fit, dict[str, int]] | None = None
    for choice in _likely(folder, roots, along, rank_gap, fit):
        blocks = sum(folder.shapes[root][choice[root]].width for root in roots)
        folded = estimated(
            _ranks(folder, roots, choice, along), blocks + folder.gap * (len(roots) - 1)
        )
        if best is None or folded.better_than(best[0]):
            best = (folded, choice)
    if best is None or not best[0].better_than(plain, _WORTHWHILE):
        return {}
    return _minlens(folder, roots, best[1])


def _card_sizes(
    argument_map: ArgumentMap,
    theme: Theme,
    known: Mapping[str, tuple[float, float]] | None,
    badges: bool,
    cards: Cards | str,
    texts: Mapping[str, CardText],
) -> dict[str, tuple[float, float]]:
    """Every card's size: as given, else estimated from its lines."""
    sizes = dict(known or {})
    lines = CardLines(theme, cards)
    missing = [s for s in argument_map.statements if s.id not in sizes]
    measured = measure_cards(
        [texts.get(s.id) or lines(s) for s in missing], theme, badge=badges, cards=cards
    )
    sizes.update(zip([s.id for s in missing], measured, strict=True))
    return sizes


def drawn_groups(argument_map: ArgumentMap, junctions: Collection[str]) -> dict[str, str]:
    """The group each card is drawn in, and each junction whose premises all share one.

    ``dot.py`` draws those junctions inside their group's box; folding keeps
    a block from standing below one of another group where the boxes would
    reach over each other (:mod:`argmap.render.fold_shapes`).
    """
    group_of = {sid: g.id for g in argument_map.groups for sid in g.statements}
    for relation in argument_map.relations:
        if relation.id in junctions:
            homes = {group_of.get(p) for p in relation.premises}
            home = homes.pop() if len(homes) == 1 else None
            if home is not None:
                group_of[relation.id] = home
    return group_of


def _tree(
    argument_map: ArgumentMap, junctions: Collection[str], roles: Mapping[str, Role]
) -> tuple[dict[str, list[str]], list[str], list[str], list[int]]:
    """The map as ``dot.py`` declares it: each node's children in reading order (for nodes
    that have any); the main claims; every node below them, parents before children;
    and each of those nodes' depth below the main claims.

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
    roots = [s.id for s in argument_map.statements if roles[s.id] is Role.MAIN_CLAIM]
    children: dict[str, list[str]] = {}
    order: list[str] = []
    depths: list[int] = []
    seen = set(roots)
    stack = [(root, 0) for root in reversed(roots)]
    while stack:
        node, depth = stack.pop()
        order.append(node)
        depths.append(depth)
        under = below.get(node)
        if under is None:  # nothing argues for or against it
            continue
        kids = [kid for kid in dict.fromkeys(under) if kid not in seen]
        if kids:
            seen.update(kids)
            children[node] = kids
            stack.extend((kid, depth + 1) for kid in reversed(kids))
    return children, roots, order, depths


def _root_choices(folder: Folder, roots: list[str]) -> list[dict[str, int]]:
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
    folder: Folder,
    roots: list[str],
    along: Mapping[str, float],
    rank_gap: float,
    fit: Callable[[float, float], _Fit],
    count: int = 4,
) -> list[dict[str, int]]:
    """The few choices that print best by a rough measure: blocks' width, mean rank.

    ``fit`` judges a drawing by its size across and along the ranks. The
    finer estimate looks at every card, so it is kept for these.
    """
    rank = sum(along.values()) / max(len(along), 1) + rank_gap
    rough: list[tuple[tuple[int, float], int, dict[str, int]]] = []
    for choice in _root_choices(folder, roots):
        shapes = [folder.shapes[root][choice[root]] for root in roots]
        width = sum(shape.width for shape in shapes) + folder.gap * (len(shapes) - 1)
        depth = max(shape.depth for shape in shapes)
        rough.append((fit(width, depth * rank).key(), len(rough), choice))
    rough.sort(key=lambda item: (-item[0][0], -item[0][1], item[1]))
    return [choice for _, _, choice in sorted(rough[:count], key=lambda item: item[1])]


class _Ranks(NamedTuple):
    """What stands on each rank of a drawing: how much of it across, how many nodes
    (with the lengthened edges that pass it), and the largest size along the ranks."""

    filled: list[float]
    members: list[int]
    deep: list[float]


def _ranks(
    folder: Folder, roots: list[str], choice: Mapping[str, int], along: Mapping[str, float]
) -> _Ranks:
    """The ranks of the drawing in the chosen shapes, the main claims on the first.

    An edge that folding lengthens has a point on each rank it passes.
    """
    shapes, children, across = folder.shapes, folder.children, folder.across
    count = max(shapes[root][choice[root]].depth for root in roots)
    filled, members, deep = [0.0] * count, [0] * count, [0.0] * count

    stack = [(root, choice[root], 0) for root in roots]
    while stack:
        node, index, rank = stack.pop()
        filled[rank] += across.get(node, JUNCTION)
        members[rank] += 1
        size = along.get(node, JUNCTION)
        if size > deep[rank]:
            deep[rank] = size
        _, _, picks, offsets = shapes[node][index]
        if not picks:
            continue
        below = rank + 1
        for kid, pick, offset in zip(children[node], picks, offsets, strict=True):
            if offset:
                for passed in range(below, below + offset):
                    members[passed] += 1
                stack.append((kid, pick, below + offset))
            else:
                stack.append((kid, pick, below))
    return _Ranks(filled, members, deep)


def _plain_ranks(
    folder: Folder, order: list[str], depths: list[int], along: Mapping[str, float]
) -> _Ranks:
    """The ranks of the unfolded drawing: every node at its depth below the main claims."""
    across = folder.across
    count = max(depths) + 1
    filled, members, deep = [0.0] * count, [0] * count, [0.0] * count
    for node, rank in zip(order, depths, strict=True):
        filled[rank] += across.get(node, JUNCTION)
        members[rank] += 1
        size = along.get(node, JUNCTION)
        if size > deep[rank]:
            deep[rank] = size
    return _Ranks(filled, members, deep)


def _plain_width(folder: Folder, order: list[str], roots: list[str]) -> float:
    """The width of the unfolded blocks: children side by side under every card.

    ``order`` lists every node below ``roots``, parents before children.
    """
    width: dict[str, float] = {}
    for node in reversed(order):
        kids = folder.children.get(node, ())
        below = sum(width[kid] for kid in kids) + folder.gap * (len(kids) - 1)
        width[node] = max(folder.across.get(node, JUNCTION), below)
    return sum(width[root] for root in roots) + folder.gap * (len(roots) - 1)


def _estimate(ranks: _Ranks, blocks: float, gap: float, rank_gap: float) -> tuple[float, float]:
    """The drawing's estimated size across and along the ranks, in points.

    Across, the blocks' columns overestimate what ``dot`` draws (it slides a
    block below a neighbour's when their ranks do not meet) and the fullest
    rank underestimates it (groups' boxes keep their members together); the
    mean of the two is within about a tenth on the sample maps.
    """
    filled, members, deep = ranks
    fullest = max(f + gap * (m - 1) for f, m in zip(filled, members, strict=True))
    return (fullest + blocks) / 2, sum(deep) + rank_gap * (len(deep) - 1)


def _minlens(
    folder: Folder, roots: list[str], choice: Mapping[str, int]
) -> dict[tuple[str, str], int]:
    """The edges the chosen shapes lengthen, with the ranks each spans."""
    children, shapes = folder.children, folder.shapes
    lengths: dict[tuple[str, str], int] = {}
    stack = [(root, choice[root]) for root in roots]
    while stack:
        node, index = stack.pop()
        _, _, picks, offsets = shapes[node][index]
        for kid, pick, offset in zip(children.get(node, ()), picks, offsets, strict=True):
            if offset:
                lengths[(kid, node)] = 1 + offset
            if kid in children:
                stack.append((kid, pick))
    return lengths
