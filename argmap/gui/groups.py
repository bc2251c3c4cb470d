"""Where group boxes go on the canvas: around their cards, as Graphviz clusters do in the export."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF

from argmap.gui.items import GroupItem, StatementItem
from argmap.model import Group

__all__ = ["group_rects"]

_MAX_DEPTH = 32  # nesting beyond this is certainly a mistake in the file


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
