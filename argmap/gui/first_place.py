"""Where a card that an edit adds waits until the layout gives it its place.

A first reason under a card goes exactly where the tree will put it: straight
below the card (both centred in slots with the same left edge), so nothing
moves when the layout lands. A later one goes beside the reasons already
there, for the moment the layout takes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from PySide6.QtCore import QPointF

from argmap.gui.cards import CardLayout
from argmap.gui.items import StatementItem
from argmap.layout.tree import exact  # the layout works in 64ths of a point
from argmap.model import Relation
from argmap.theme import Theme

__all__ = ["first_place", "newest_first"]


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
