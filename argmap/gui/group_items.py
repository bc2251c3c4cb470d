"""A group's box on the canvas, and its title, which keeps clear of the edges.

An edge from a card in a group to a card outside it, above, leaves through
the top of the group's box, where the title stands. The title therefore
takes the first place along the top, from the left, that no edge crosses; if
there is none (a narrow box, or a long edge running along its top), the place
that the fewest cross. The title is an item of its own, drawn above the edges
on a patch of the box's colour, so that an edge it cannot avoid passes behind
it instead of through its letters.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from argmap.gui.items import EdgeItem
from argmap.theme import Theme

__all__ = ["GroupItem", "GroupTitle"]

_CLEAR = 4.0  # room kept between a title and an edge that passes it
_LINE = 2.0  # an edge's width, as far as titles keep clear of it
_PATCH = 2.0  # how far the patch behind a title reaches beyond its letters


class GroupItem(QGraphicsItem):
    """A group's box behind its cards, as in the export; its title is a :class:`GroupTitle`.

    A group that one box cannot hold without enclosing other cards is drawn
    as a tinted band behind each of its cards instead (``set_bands``).
    """

    PADDING = 14.0
    BAND = 6.0  # how far a band reaches beyond its card

    def __init__(self, group_id: str, title: str, theme: Theme) -> None:
        super().__init__()
        self.group_id = group_id
        self.theme = theme
        self.rect = QRectF()
        self.bands: list[QRectF] = []
        self.label = GroupTitle(self, title)
        self.setZValue(-1)

    @property
    def title(self) -> str:
        return self.label.title

    @title.setter
    def title(self, title: str) -> None:
        if title != self.label.title:
            self.label.title = title
            self.label.look_again()

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self.label.prepareGeometryChange()
        self.rect = rect
        self.bands = []
        self.label.look_again()

    def set_bands(self, cards: list[QRectF]) -> None:
        """One tinted band per card; the title goes above the first."""
        self.prepareGeometryChange()
        self.label.prepareGeometryChange()
        self.bands = [card.adjusted(-self.BAND, -self.BAND, self.BAND, self.BAND) for card in cards]
        self.rect = QRectF()
        for band in self.bands:
            self.rect = band if self.rect.isNull() else self.rect.united(band)
        self.label.look_again()

    def title_band(self) -> QRectF:
        """The strip along the box's top (above the first band) that the title stands in."""
        height = self.theme.font_size + 4
        if self.bands:
            first = self.bands[0]
            return QRectF(first.left() + 4, first.top() - height, max(first.width(), 200), height)
        return QRectF(self.rect.left() + 8, self.rect.top() + 3, self.rect.width() - 16, height)

    def title_rect(self) -> QRectF:
        """Where the title's letters are (see :class:`GroupTitle`)."""
        return self.label.ink()

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        # The title comes and goes with its box: into the scene, out of it, shown, hidden.
        if change == QGraphicsItem.GraphicsItemChange.ItemSceneHasChanged:
            if self.label.scene() is not None:
                self.label.scene().removeItem(self.label)
            if value is not None:
                value.addItem(self.label)  # type: ignore[attr-defined]
        elif change == QGraphicsItem.GraphicsItemChange.ItemVisibleHasChanged:
            self.label.setVisible(bool(value))
        return super().itemChange(change, value)

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-1, -1, 1, 1)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        for band in self.bands or [self.rect]:
            path.addRect(band)
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(self.theme.group_border), 1.0))
        painter.setBrush(QColor(self.theme.group_fill))
        for band in self.bands or [self.rect]:
            painter.drawRoundedRect(band, 6, 6)


class GroupTitle(QGraphicsItem):
    """A group box's title: above the edges, below junctions and cards; never takes a click.

    Its place is worked out when it is drawn after a change, so that a map's
    many boxes off screen cost nothing while it is edited.
    """

    def __init__(self, box: GroupItem, title: str) -> None:
        super().__init__()
        self.box = box
        self.title = title
        self._ink: QRectF | None = None  # where the letters go; None: to be worked out
        self._moves = -1  # EdgeItem.moves when the place was worked out
        self._shown = title  # the title, shortened with "…" if the box is too narrow
        self.setZValue(0.25)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def look_again(self) -> None:
        """The box or the title changed: the title's place is worked out again when drawn."""
        self._ink = None
        self.update()

    def font(self) -> QFont:
        font = QFont(self.box.theme.font_family)
        font.setPixelSize(round(self.box.theme.font_size))
        return font

    def boundingRect(self) -> QRectF:
        return self.box.title_band().adjusted(-_PATCH, -_PATCH, _PATCH, _PATCH)

    def shape(self) -> QPainterPath:
        return QPainterPath()  # nothing to hit: clicks go to the edges and the box below

    def ink(self) -> QRectF:
        """The rectangle the letters take (in scene coordinates).

        Looked at again when edges have moved since: only titles that are drawn
        then (Qt draws what the edges' moves uncovered or covered) pay for it.
        """
        if self._ink is None or self._moves != EdgeItem.moves:
            self._moves = EdgeItem.moves
            band = self.box.title_band()
            metrics = QFontMetricsF(self.font())
            self._shown = metrics.elidedText(self.title, Qt.TextElideMode.ElideRight, band.width())
            ink = metrics.tightBoundingRect(self._shown)
            top = band.top() + metrics.ascent() + ink.top()
            width = metrics.horizontalAdvance(self._shown)
            strip = QRectF(band.left(), top, band.width(), ink.height())
            left = band.left() + _best_offset(band.width(), width, self._crossings(strip))
            self._ink = QRectF(left, top, width, ink.height())
        return self._ink

    def _crossings(self, strip: QRectF) -> list[tuple[float, float]]:
        """Where edges cross ``strip``, as spans from its left end, widened by ``_CLEAR``."""
        scene = self.scene()
        if scene is None or strip.isEmpty():
            return []
        area = QPainterPath()
        area.addRect(strip)
        stroker = QPainterPathStroker()
        stroker.setWidth(_LINE)
        spans = []
        for item in scene.items(strip, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if isinstance(item, EdgeItem) and item.isVisible():
                line = stroker.createStroke(item.mapToScene(item.path()))
                crossing = line.intersected(area).boundingRect()
                if not crossing.isEmpty():
                    left = crossing.left() - strip.left()
                    spans.append((left - _CLEAR, left + crossing.width() + _CLEAR))
        return sorted(spans)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        theme = self.box.theme
        before = self._ink
        ink = self.ink()
        if before is not None and ink != before:
            self.update()  # moved: drawn whole in its new place, and cleared from the old
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        # Above the first band the title stands on the canvas; in a box, on the box.
        painter.setBrush(QColor(theme.background if self.box.bands else theme.group_fill))
        painter.drawRoundedRect(ink.adjusted(-_PATCH, -_PATCH, _PATCH, _PATCH), 2, 2)
        painter.setFont(self.font())
        painter.setPen(QColor(theme.attribution_colour))
        baseline = self.box.title_band().top() + QFontMetricsF(self.font()).ascent()
        painter.drawText(QPointF(ink.left(), baseline), self._shown)


def _best_offset(room: float, width: float, spans: list[tuple[float, float]]) -> float:
    """Where a title ``width`` wide goes in ``room``: the first place, from the left, that
    none of ``spans`` (sorted, from the left end) reaches; else the one that fewest reach."""
    room_left = max(room - width, 0.0)
    candidates = sorted({0.0, room_left, *(right for _, right in spans if right < room_left)})
    best, fewest = 0.0, len(spans) + 1
    for offset in candidates:
        reached = sum(1 for left, right in spans if left < offset + width and right > offset)
        if reached < fewest:
            best, fewest = offset, reached
            if not reached:
                break
    return best
