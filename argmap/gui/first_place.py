"""Where a card that an edit adds waits until the layout gives it its place.

A first reason under a card goes exactly where the tree will put it, in
every reading direction: one rank further from what the card argues for,
its slot starting where the card's slot starts (in a top-down or bottom-up
map, both centred in slots at least a full card wide; sideways, aligned on
the card's leading edge), so nothing moves when the layout lands. A later
one goes beside the reasons already there, for the moment the layout takes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from PySide6.QtCore import QPointF

from argmap.gui.cards import CardLayout, card_slot
from argmap.gui.items import EdgeItem, StatementItem
from argmap.layout.tree import POINTS_PER_INCH, Frame, exact  # the layout works in 64ths
from argmap.model import ArgumentMap, Direction, Relation
from argmap.theme import Theme

__all__ = ["first_place", "newest_first", "place_new_cards"]


def place_new_cards(
    argument_map: ArgumentMap,
    added: set[str],
    cards: Mapping[str, StatementItem],
    edges_at: Mapping[str, list[EdgeItem]],
    theme: Theme,
) -> set[str]:
    """Put the ``added`` cards that have no stored place below what they argue for.

    Returns the ids of those that have a card and no stored place (the ones that
    argue for nothing keep where they are). ``edges_at`` are the edges at each card.
    """
    pending = {sid for sid in added if sid in cards and sid not in argument_map.layout.positions}
    now: set[str] = set()
    frame = Frame(Direction(argument_map.layout.direction))
    for relation in newest_first(argument_map.relations, pending):
        target = cards.get(relation.target)
        siblings = [e for e in edges_at.get(relation.target, ()) if e.head == relation.target]
        for offset, premise in enumerate(relation.premises):
            if premise not in pending or premise in now:
                continue
            place = QPointF(0, 0)
            if target is not None:
                others = [cards.get(e.tail) for e in siblings if e.tail != premise]
                place = first_place(
                    cards[premise].card,
                    target,
                    [item for item in others if item is not None],
                    theme,
                    frame,
                    first=len(siblings) <= 1 and offset == 0,
                    offset=offset,
                )
            cards[premise].setPos(place)
            now.add(premise)
    return pending


def first_place(
    card: CardLayout,
    target: StatementItem,
    siblings: Iterable[StatementItem],
    theme: Theme,
    frame: Frame,
    *,
    first: bool,
    offset: int,
) -> QPointF:
    """The new ``card``'s place under ``target``: where the tree puts it when ``first``,
    else beside ``target`` and ``siblings``.

    "Under" is one rank further from what ``target`` argues for, in the map's
    reading direction. ``offset`` counts the co-premises before it in the same relation.
    """
    card_breadth, card_depth = (exact(e) for e in frame.extent(card.width, card.height))
    b, d = frame.from_scene(target.pos().x(), target.pos().y())
    target_breadth, target_depth = (
        exact(e) for e in frame.extent(target.card.width, target.card.height)
    )
    depth = d + target_depth / 2 + exact(theme.rank_gap * POINTS_PER_INCH) + card_depth / 2
    if first:
        slot = exact(card_slot(theme)) if frame.across else 0.0
        # Both slots start at the same edge; each card is centred in its own.
        breadth = b - max(slot, target_breadth) / 2 + max(slot, card_breadth) / 2
        return QPointF(*frame.to_scene(breadth, depth))
    edge = b + target_breadth / 2
    for item in siblings:
        sb, _ = frame.from_scene(item.pos().x(), item.pos().y())
        edge = max(edge, sb + frame.extent(item.card.width, item.card.height)[0] / 2)
    breadth = (
        edge + theme.node_gap * POINTS_PER_INCH + card_breadth / 2 + offset * (card_breadth + 20)
    )
    return QPointF(*frame.to_scene(breadth, depth))


def newest_first(relations: list[Relation], wanted: set[str]) -> Iterator[Relation]:
    """Relations that have a premise in ``wanted``, looking from the end (new ones are appended)."""
    left = set(wanted)
    for relation in reversed(relations):
        if not left:
            return
        if left.intersection(relation.premises):
            yield relation
            left.difference_update(relation.premises)
