"""The shapes a branch of a map can take when ``dot`` draws it folded.

Every card's branch (its *block*) can be drawn in several shapes. A card's
children's blocks stand side by side in columns, in the file's order; a
block may stand below the one before it, in the same column, as long as the
column stays within a given depth (its edge then spans the ranks above it
and runs beside the blocks it passes). A column holds one branch, two, or
up to three single cards; a block stands below one of another group only
when neither group goes on in a later column. For each depth, a block takes
the narrowest width its children allow, and only the shapes that no other
shape beats in both width and depth are kept. :mod:`argmap.render.fold`
chooses among the main claims' shapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter
from typing import NamedTuple

__all__ = ["JUNCTION", "Folder", "Shape"]

JUNCTION = 0.09 * 72.0  # a junction point's size, in points
_LEAVES = 3  # single cards stacked in one column at most
_NEVER = 1 << 30  # a depth no map reaches


class Shape(NamedTuple):
    """One way to draw a block: its width across the ranks, its depth in ranks, and how.

    ``picks`` has, for each child in order, the index of the child's shape;
    ``offsets`` how many ranks further down than the first rank below this
    card the child starts.
    """

    width: float
    depth: int
    picks: tuple[int, ...]
    offsets: tuple[int, ...]


class Folder:
    """The blocks of one map and the shapes each can take."""

    def __init__(
        self,
        children: Mapping[str, list[str]],
        across: Mapping[str, float],
        gap: float,
        group_of: Mapping[str, str] | None = None,
    ) -> None:
        self.children = children
        self.group_of = group_of or {}  # the group each card (or junction) is drawn in
        self.across = across  # each card's size across the ranks
        self.gap = gap  # between neighbours on a rank (Graphviz's nodesep)
        self.shapes: dict[str, list[Shape]] = {}

    def shape_all(self, order: list[str], cap: int) -> None:
        """Shapes for every block, children before parents: ``order`` lists parents first."""
        shapes, children, across = self.shapes, self.children, self.across
        for node in reversed(order):
            kids = children.get(node)
            own = across.get(node, JUNCTION)
            shapes[node] = self._shapes_of(own, kids, cap) if kids else [Shape(own, 1, (), ())]

    def _shapes_of(self, own: float, kids: list[str], cap: int) -> list[Shape]:
        """For each depth up to ``cap``, the narrowest arrangement of the children's blocks.

        Depths at which nothing would change are skipped: the arrangement
        changes only at the depth where some child's next (narrower, deeper)
        shape is allowed, or where a block that did not fit in a column would.
        """
        fronts = [self.shapes[kid] for kid in kids]
        groups = [self.group_of.get(kid) for kid in kids]
        later = _later_groups(groups) if any(groups) else None
        low = max([front[0].depth for front in fronts])
        high = max(low, min(cap, sum([front[-1].depth for front in fronts])))
        picks = [0] * len(kids)
        blocks = [front[0] for front in fronts]
        moving = [i for i, front in enumerate(fronts) if len(front) > 1]  # shapes left to try
        candidates: list[Shape] = []
        depth = low
        while depth <= high:
            upcoming = high + 1  # the next depth at which some child's shape changes
            if moving:
                still = []
                for i in moving:  # the narrowest shape no deeper than ``depth``
                    front, pick = fronts[i], picks[i]
                    last = len(front) - 1
                    while pick < last and front[pick + 1].depth <= depth:
                        pick += 1
                    picks[i], blocks[i] = pick, front[pick]
                    if pick < last:
                        still.append(i)
                        upcoming = min(upcoming, front[pick + 1].depth)
                moving = still
            width, deepest, offsets, fits_at = _columns(blocks, depth, self.gap, groups, later)
            candidates.append(
                Shape(own if own > width else width, 1 + deepest, tuple(picks), offsets)
            )
            depth = upcoming if upcoming < fits_at else fits_at
        return _front(candidates)


def _columns(
    blocks: list[Shape],
    depth: int,
    gap: float,
    groups: list[str | None],
    later: list[set[str | None]] | None,
) -> tuple[float, int, tuple[int, ...], int]:
    """Blocks in columns no deeper than ``depth``: width, depth, offsets; where that changes.

    A column holds one block, or two (the second below the first), or up
    to ``_LEAVES`` single cards (as ``unflatten`` staggers leaves). A block
    below another has its edge run beside the ones above: the column is a
    gap wider for each. Deeper stacks of whole branches would make
    staircases of long parallel edges. ``groups`` are the blocks' groups and
    ``later`` (None: no block has one) the groups of the blocks after each:
    Graphviz keeps a group in one box, so a block stands below one of
    another group only when neither group goes on in a later column, where
    its box would reach over the other's and pull the blocks out of reading
    order. The last number returned is the least depth at which a block that
    was kept out of a column for its depth would fit: up to there, the same
    blocks are arranged the same way.
    """
    offsets: list[int] = []
    widths: list[float] = []
    count = 0  # blocks in the current column
    widest = 0.0  # the widest of them
    column_depth = 0
    leaves = False  # whether they are all single cards
    deepest = 0
    fits_at = _NEVER
    column_group: str | None = None
    for index, (width, block_depth, _, _) in enumerate(blocks):
        group = groups[index]
        if (
            count
            and (count == 1 or (leaves and block_depth == 1 and count < _LEAVES))
            and (
                later is None
                or group == column_group
                or not (group in later[index] or column_group in later[index])
            )
        ):
            needed = column_depth + block_depth
            if needed <= depth:
                offsets.append(column_depth)
                count += 1
                column_depth = needed
                leaves = leaves and block_depth == 1
                if width > widest:
                    widest = width
                widths[-1] = widest + gap * (count - 1)
                if needed > deepest:
                    deepest = needed
                continue
            if needed < fits_at:
                fits_at = needed
        offsets.append(0)
        widths.append(width)
        count, widest, column_depth, leaves = 1, width, block_depth, block_depth == 1
        column_group = group
        if block_depth > deepest:
            deepest = block_depth
    return sum(widths) + gap * (len(widths) - 1), deepest, tuple(offsets), fits_at


def _later_groups(groups: list[str | None]) -> list[set[str | None]]:
    """For each block, the groups of the blocks after it (None, no group, left out)."""
    later: list[set[str | None]] = []
    seen: set[str | None] = set()
    for group in reversed(groups):
        later.append(set(seen))
        if group is not None:
            seen.add(group)
    later.reverse()
    return later


_DEPTH_WIDTH = itemgetter(1, 0)  # a shape's (depth, width)


def _front(candidates: list[Shape]) -> list[Shape]:
    """The shapes no other shape beats in both width and depth, shallowest (widest) first."""
    kept: list[Shape] = []
    for shape in sorted(candidates, key=_DEPTH_WIDTH):
        if not kept or shape.width < kept[-1].width - 0.5:
            kept.append(shape)
    return kept
