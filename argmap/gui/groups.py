"""Group boxes on the canvas: around their cards, as Graphviz clusters do in the export.

The scene owns one :class:`GroupBoxes`, which keeps a box item per group and
fits it (or the tinted bands the tree layout asks for) after cards move.
The boxes and their titles are :mod:`argmap.gui.group_items`.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsScene

from argmap.gui.group_items import GroupItem
from argmap.gui.items import StatementItem
from argmap.layout import LayoutResult
from argmap.model import Group
from argmap.theme import Theme

__all__ = ["GroupBoxes", "group_rects"]

_MAX_DEPTH = 32  # nesting beyond this is certainly a mistake in the file


class GroupBoxes:
    """One box item per group with cards, behind them, kept around its cards."""

    def __init__(self, scene: QGraphicsScene, cards: Mapping[str, StatementItem]) -> None:
        self.scene = scene
        self.cards = cards  # the scene's cards by statement id (the same dict, kept current)
        self.items: dict[str, GroupItem] = {}
        self._groups_of: dict[str, set[str]] = {}  # statement -> its groups and their parents

    def rebuild(self, groups: list[Group], theme: Theme) -> None:
        """Items for the map's groups now: new ones added, gone ones removed."""
        wanted = {g.id: g for g in groups}
        self._groups_of = {}
        for group in wanted.values():
            chain: list[str] = []
            current: Group | None = group
            while current is not None and current.id not in chain and len(chain) < _MAX_DEPTH:
                chain.append(current.id)
                current = wanted.get(current.parent) if current.parent else None
            for statement_id in group.statements:
                self._groups_of.setdefault(statement_id, set()).update(chain)
        for group_id in [g for g in self.items if g not in wanted]:
            self.scene.removeItem(self.items.pop(group_id))
        for group_id, group in wanted.items():
            item = self.items.get(group_id)
            if item is None:
                item = self.items[group_id] = GroupItem(group_id, group.title, theme)
                self.scene.addItem(item)
            item.title = group.title

    def fit(
        self,
        groups: list[Group],
        layout: LayoutResult | None,
        font_size: float,
        moved: AbstractSet[str] | None = None,
        also: AbstractSet[str] = frozenset(),
    ) -> None:
        """Wrap each group box around its cards (and its subgroups), so it follows drags.

        ``moved``: only the groups of these cards (and ``also``) need it.
        """
        if not self.items:
            return
        only = None
        if moved is not None:
            only = {g for name in moved for g in self._groups_of.get(name, ())} | also
            if not only:
                return
        clusters = layout.clusters if layout else {}
        bands = layout.bands if layout else {}
        rects = group_rects(groups, self.cards, clusters, font_size, only)
        for group_id, item in self.items.items():
            if only is not None and group_id not in only:
                continue
            if group_id in bands:  # one box would hold other cards: a band behind each card
                cards = [self.cards[s].card_rect() for s in bands[group_id] if s in self.cards]
                item.setVisible(bool(cards))
                item.set_bands(cards)
                continue
            rect = rects.get(group_id, QRectF())
            item.setVisible(not rect.isNull())
            item.set_rect(rect)


def group_rects(
    groups: list[Group],
    cards: Mapping[str, StatementItem],
    clusters: Mapping[str, tuple[float, float, float, float]],
    font_size: float,
    only: set[str] | None = None,
) -> dict[str, QRectF]:
    """Each group's box: the laid-out box grown to hold cards moved out of it.

    Without a layout the box is fitted around the cards (and subgroups) with
    room for the title. Empty groups get a null rectangle. ``only``: just
    these groups (after a few cards moved, on a map with many groups).
    """
    by_id = {g.id: g for g in groups}
    children: dict[str, list[str]] = {}
    for group in groups:
        if group.parent in by_id:
            children.setdefault(group.parent, []).append(group.id)
    fitted: dict[str, QRectF] = {}

    def fit(group_id: str, depth: int) -> QRectF:
        if group_id in fitted or depth > _MAX_DEPTH:
            return fitted.get(group_id, QRectF())
        fitted[group_id] = QRectF()  # guards against a group that contains itself
        rect = QRectF()
        for statement_id in by_id[group_id].statements:
            card = cards.get(statement_id)
            if card is not None:
                rect = _union(rect, card.card_rect())
        for child in children.get(group_id, []):
            rect = _union(rect, fit(child, depth + 1))
        if not rect.isNull():
            laid_out = clusters.get(group_id)
            if laid_out is not None:
                rect = QRectF(*laid_out).united(rect.adjusted(-4, -4, 4, 4))
            else:
                pad = GroupItem.PADDING
                rect = rect.adjusted(-pad, -pad - font_size - 4, pad, pad)
        fitted[group_id] = rect
        return rect

    return {group.id: fit(group.id, 0) for group in groups if only is None or group.id in only}


def _union(a: QRectF, b: QRectF) -> QRectF:
    if a.isNull():
        return QRectF(b)
    return a if b.isNull() else a.united(b)
