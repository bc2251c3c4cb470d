"""Where a card that an edit adds waits until the layout gives it its place.

A first reason under a card goes exactly where the tree will put it: straight
below the card (both centred in slots with the same left edge), so nothing
moves when the layout lands. A later one goes beside the reasons already
there, for the moment the layout takes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from PySide6.QtCore import QPointF

from argmap.gui.cards import CardLayout
from argmap.gui.items import EdgeItem, StatementItem
from argmap.layout.tree import exact  # the layout works in 64ths of a point
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
    top_down = Direction(argument_map.layout.direction) == Direction.BOTTOM_TO_TOP
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
                    straight_below=len(siblings) <= 1 and offset == 0 and top_down,
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
    *,
    straight_below: bool,
    offset: int,
) -> QPointF:
    """The new ``card``'s place under ``target``, beside ``siblings`` unless ``straight_below``.

    ``offset`` counts the co-premises before it in the same relation.
    """
    below = (
        target.pos().y()
        + exact(target.card.height) / 2
        + exact(theme.rank_gap * 72.0)
        + exact(card.height) / 2
    )
    if straight_below:
        return QPointF(target.pos().x(), below)
    right = max([target.card_rect().right(), *(item.card_rect().right() for item in siblings)])
    return QPointF(
        right + theme.node_gap * 72.0 + card.width / 2 + offset * (card.width + 20), below
    )


def newest_first(relations: list[Relation], wanted: set[str]) -> Iterator[Relation]:
    """Relations that have a premise in ``wanted``, looking from the end (new ones are appended)."""
    left = set(wanted)
    for relation in reversed(relations):
        if not left:
            return
        if left.intersection(relation.premises):
            yield relation
            left.difference_update(relation.premises)
