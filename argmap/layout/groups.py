"""Group boxes for the tree layout, or bands where one box would enclose other cards.

A group is drawn as one box around its cards (and its subgroups' boxes) when
that box touches no card outside the group; otherwise each of its cards gets a
tinted band, and ``argmap validate`` says so.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from argmap.model import ArgumentMap, Group

if TYPE_CHECKING:
    from argmap.layout.tree import _Plan

__all__ = ["GROUP_LABEL", "GROUP_PADDING", "group_boxes"]

GROUP_PADDING = 10.0  # between a group's box and its cards
GROUP_LABEL = 20.0  # room for the group's title above its cards
Rect = tuple[float, float, float, float]  # left, top, right, bottom


def group_boxes(
    argument_map: ArgumentMap, plan: _Plan
) -> tuple[dict[str, tuple[float, float, float, float]], dict[str, tuple[str, ...]]]:
    """Boxes of the groups one box can hold, and the members of the rest.

    A box is (left, top, width, height); the rest are drawn on bands, so only
    their members are needed.
    """
    forest = plan.forest
    cards = {forest.ids[v]: plan.scene_rect(v) for v in range(forest.statement_count)}
    by_id = {g.id: g for g in argument_map.groups}
    children: dict[str, list[str]] = {}
    for group in argument_map.groups:
        if group.parent in by_id and group.parent != group.id:
            children.setdefault(group.parent, []).append(group.id)
    boxes: dict[str, Rect | None] = {}
    members: dict[str, set[str]] = {}
    for group in argument_map.groups:
        _box(group.id, by_id, children, cards, boxes, members, 0)
    index = _CardIndex(cards)
    clusters: dict[str, tuple[float, float, float, float]] = {}
    bands: dict[str, tuple[str, ...]] = {}
    for group in argument_map.groups:
        rect = boxes.get(group.id)
        if rect is None:
            continue
        inside = members[group.id]
        if index.any_outside(rect, inside):
            bands[group.id] = tuple(sorted(inside))
        else:
            left, top, right, bottom = rect
            clusters[group.id] = (left, top, right - left, bottom - top)
    return clusters, bands


def _box(
    group_id: str,
    by_id: dict[str, Group],
    children: dict[str, list[str]],
    cards: dict[str, Rect],
    boxes: dict[str, Rect | None],
    members: dict[str, set[str]],
    depth: int,
) -> Rect | None:
    """A group's box around its cards and its subgroups' boxes, with room for its title."""
    if group_id in boxes:
        return boxes[group_id]
    boxes[group_id] = None  # a group that contains itself stops here
    members[group_id] = found = {s for s in by_id[group_id].statements if s in cards}
    parts = [cards[s] for s in found]
    if depth < 32:
        for child in children.get(group_id, []):
            inner = _box(child, by_id, children, cards, boxes, members, depth + 1)
            found |= members.get(child, set())
            if inner is not None:
                parts.append(inner)
    if parts:
        boxes[group_id] = (
            min(p[0] for p in parts) - GROUP_PADDING,
            min(p[1] for p in parts) - GROUP_PADDING - GROUP_LABEL,
            max(p[2] for p in parts) + GROUP_PADDING,
            max(p[3] for p in parts) + GROUP_PADDING,
        )
    return boxes[group_id]


class _CardIndex:
    """Cards sorted by their left edge: those under a box are found by bisection, not a scan."""

    def __init__(self, rects: dict[str, Rect]) -> None:
        self.cards = sorted((r[0], r[1], r[2], r[3], name) for name, r in rects.items())
        self.lefts = [card[0] for card in self.cards]
        self.widest = max((card[2] - card[0] for card in self.cards), default=0.0)

    def any_outside(self, rect: Rect, inside: set[str]) -> bool:
        """Whether a card not in ``inside`` overlaps ``rect``."""
        x1, y1, x2, y2 = rect
        start = bisect_left(self.lefts, x1 - self.widest)
        end = bisect_left(self.lefts, x2)
        for _left, b1, a2, b2, name in self.cards[start:end]:
            if x1 < a2 and b1 < y2 and y1 < b2 and name not in inside:
                return True
        return False
