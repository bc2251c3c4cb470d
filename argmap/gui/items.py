"""Canvas items: statement cards, junction points and relation edges (group boxes: groups.py)."""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from argmap.gui.cards import OVERVIEW_DETAIL, TEXT_DETAIL, CardLayout, measure_card, paint_card
from argmap.gui.evaluation_look import (
    badge_may_stick_out,
    badge_rect,
    card_mark,
    idle_mark,
    on_badge,
    paint_verdict,
)
from argmap.model import Source, Statement
from argmap.roles import Role
from argmap.theme import EdgeStyle, Theme

__all__ = ["EdgeItem", "JunctionItem", "StatementItem"]


class StatementItem(QGraphicsObject):
    """A statement's card. ``statement_id`` names the statement it shows."""

    HANDLE_RADIUS = 6.0

    def __init__(
        self,
        statement: Statement,
        role: Role,
        theme: Theme,
        sources: dict[str, Source] | None = None,
    ) -> None:
        super().__init__()
        self.statement_id = statement.id
        self.role = role
        self.theme = theme
        self.highlighted = False
        self.drop_target = False  # another card or a connection is about to land here
        self._bounds = QRectF()
        self._bounds_for: CardLayout | None = None
        self._narrow = False  # narrower than Evaluate mode's widest badge
        self.hovered = False
        self.handle_side = "top"  # the side facing what the statement argues for
        self.card: CardLayout = measure_card(statement, theme)
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
        )
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        # The tooltip's text is made when first wanted: most cards of a big map are never
        # hovered, and making 10,000 of them would slow its opening.
        self._tip_from: tuple[Statement, dict[str, Source]] | None = (statement, sources or {})

    def set_role(self, role: Role) -> None:
        """A new role changes only the colours, not the size."""
        if role is not self.role:
            self.role = role
            self.update()

    def update_statement(
        self, statement: Statement, role: Role, sources: dict[str, Source]
    ) -> None:
        """Re-measure after an edit; the tooltip shows the quote and its source."""
        self.prepareGeometryChange()
        self.card = measure_card(statement, self.theme)
        self.role = role
        self._tip_from = (statement, sources)
        self.update()

    @property
    def size(self) -> tuple[float, float]:
        return self.card.width, self.card.height

    def boundingRect(self) -> QRectF:
        # Qt asks for this thousands of times on a large map; make it once per size.
        if self._bounds_for is not self.card:
            margin = self.HANDLE_RADIUS + 2.0
            self._bounds = QRectF(
                -self.card.width / 2 - margin,
                -self.card.height / 2 - margin,
                self.card.width + 2 * margin,
                self.card.height + 2 * margin,
            )
            self._bounds_for = self.card
            self._narrow = badge_may_stick_out(self.card.width, margin)
        if self._narrow and (verdict := self.verdict()) is not None:  # Evaluate mode's badge
            return self._bounds.united(badge_rect(self.card.width, self.card.height, verdict))
        return self._bounds

    def prepare_mark_change(self) -> None:
        """Evaluate mode is about to change this card's mark: on a narrow card, its bounds."""
        self.boundingRect()
        if self._narrow:
            self.prepareGeometryChange()

    def card_rect(self) -> QRectF:
        """The card's outline in scene coordinates."""
        return QRectF(
            self.pos().x() - self.card.width / 2,
            self.pos().y() - self.card.height / 2,
            self.card.width,
            self.card.height,
        )

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)  # the handle overlaps the card; keep both solid
        path.addRect(
            QRectF(-self.card.width / 2, -self.card.height / 2, self.card.width, self.card.height)
        )
        centre = self.handle_centre()
        path.addEllipse(centre, self.HANDLE_RADIUS + 2, self.HANDLE_RADIUS + 2)
        verdict = self.verdict()
        if verdict is not None:  # the badge sticks out above the card, and can be clicked
            path.addRect(badge_rect(self.card.width, self.card.height, verdict))
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        if detail < OVERVIEW_DETAIL and not (
            self.highlighted or self.drop_target or self.isSelected()
        ):
            # The whole of a large map: a card is a few pixels, a block in its role's colour.
            w, h = self.card.width, self.card.height
            painter.fillRect(
                QRectF(-w / 2, -h / 2, w, h), QColor(self.theme.card(self.role).border)
            )
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(-self.card.width / 2, -self.card.height / 2)
        paint_card(
            painter,
            self.card,
            self.role,
            self.theme,
            selected=self.isSelected(),
            highlighted=self.highlighted,
            detail=detail,
        )
        painter.translate(self.card.width / 2, self.card.height / 2)
        verdict = self.verdict()
        if verdict is not None:
            paint_verdict(painter, self.card.width, self.card.height, verdict)
        if self.drop_target:
            painter.setPen(QPen(QColor("#1a73e8"), 3.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            w, h = self.card.width, self.card.height
            painter.drawRoundedRect(QRectF(-w / 2 - 5, -h / 2 - 5, w + 10, h + 10), 8, 8)
        if self.hovered or self.isSelected():
            painter.setPen(QPen(QColor("#1a73e8"), 1.5))
            painter.setBrush(QColor("#ffffff"))
            painter.drawEllipse(
                self.handle_centre(), self.HANDLE_RADIUS - 1, self.HANDLE_RADIUS - 1
            )

    def verdict(self) -> str | None:
        """The evaluated label Evaluate mode shows on this card, if it is on."""
        return card_mark(self.scene(), self.statement_id)

    def on_badge(self, local: QPointF) -> bool:
        """Whether ``local`` is on the evaluated label's badge (a click cycles acceptance)."""
        return on_badge(self.card.width, self.card.height, self.verdict(), local)

    def handle_centre(self) -> QPointF:
        """The connector handle: drag from it to another card to connect the two."""
        half_w, half_h = self.card.width / 2, self.card.height / 2
        return {
            "top": QPointF(0, -half_h),
            "bottom": QPointF(0, half_h),
            "left": QPointF(-half_w, 0),
            "right": QPointF(half_w, 0),
        }[self.handle_side]

    def on_handle(self, local: QPointF) -> bool:
        centre = self.handle_centre()
        return math.hypot(local.x() - centre.x(), local.y() - centre.y()) <= self.HANDLE_RADIUS + 2

    def set_drop_target(self, on: bool) -> None:
        if on != self.drop_target:
            self.drop_target = on
            self.update()

    def toolTip(self) -> str:
        self._make_tooltip()
        return super().toolTip()

    def _make_tooltip(self) -> None:
        if self._tip_from is not None:
            statement, sources = self._tip_from
            self._tip_from = None
            self.setToolTip(_tooltip(statement, sources))

    def hoverEnterEvent(self, event) -> None:
        self._make_tooltip()  # before the scene asks for it, on the hover that follows
        self.hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverMoveEvent(self, event) -> None:
        cursor = (
            Qt.CursorShape.CrossCursor
            if self.on_handle(event.pos())
            else Qt.CursorShape.ArrowCursor
        )
        self.setCursor(cursor)
        super().hoverMoveEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.update()


def _tooltip(statement: Statement, sources: dict[str, Source]) -> str:
    """The quote, who said it and the source, as text: Qt would render HTML in a tooltip,
    so a quote with ``<img src=…>`` in it is escaped, shown as the characters it is."""
    text = _tooltip_text(statement, sources)
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""


def _tooltip_text(statement: Statement, sources: dict[str, Source]) -> str:
    attribution = statement.attribution
    if not attribution:
        return ""
    parts = []
    if attribution.quote:
        parts.append(f"“{attribution.quote}”")
    who = ", ".join(p for p in (attribution.speaker, attribution.date) if p)
    if who:
        parts.append(f"— {who}")
    if attribution.source and attribution.source in sources:
        source = sources[attribution.source]
        parts.append(
            ", ".join(p for p in (source.author, source.title, source.publisher, source.date) if p)
        )
    return "\n".join(parts)


class JunctionItem(QGraphicsItem):
    """Where co-premises meet, and where an undercut strikes an inference."""

    RADIUS = 3.5

    def __init__(self, relation_id: str, colour: str) -> None:
        super().__init__()
        self.relation_id = relation_id
        self.colour = QColor(colour)
        self.setZValue(0.5)

    def boundingRect(self) -> QRectF:
        r = self.RADIUS + 1
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        painter.drawEllipse(QPointF(0, 0), self.RADIUS, self.RADIUS)


class EdgeItem(QGraphicsItem):
    """One drawn piece of a relation: premise → target, premise → junction or junction → target."""

    ARROW = 9.0
    # Counts every change of any edge's line, or of which edges a scene has: what is drawn
    # beside the edges (group titles) looks again when this has moved on.
    moves = 0

    def __init__(
        self, relation_id: str, tail: str, head: str, style: EdgeStyle, *, arrow: bool
    ) -> None:
        super().__init__()
        self.relation_id = relation_id
        self.tail = tail
        self.head = head
        self.edge_id = ""  # the name of this piece in Graphviz's layout
        self.key: tuple = ()  # what the scene compares to keep an unchanged edge
        self.style = style
        self.arrow = arrow
        self._path = QPainterPath()
        self._tip: tuple[QPointF, QPointF] | None = None  # (from, to) for the arrowhead
        self._bounds = QRectF()
        self.setZValue(0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)

    def set_geometry(
        self, path: QPainterPath, tip_from: QPointF | None, tip_to: QPointF | None
    ) -> None:
        tip = (tip_from, tip_to) if tip_from is not None and tip_to is not None else None
        if tip == self._tip and path == self._path:
            return  # unchanged: no repaint (an edit elsewhere must not redraw the whole map)
        EdgeItem.moves += 1
        self.prepareGeometryChange()
        self._path = path
        self._tip = tip
        rect = path.boundingRect()
        if tip:  # the arrowhead's point may lie beyond the path (a zero-size rect unites as none)
            x, y = tip[1].x(), tip[1].y()
            if not rect.contains(tip[1]):
                left, top = min(rect.left(), x), min(rect.top(), y)
                rect = QRectF(left, top, max(rect.right(), x) - left, max(rect.bottom(), y) - top)
        self._bounds = rect.adjusted(-self.ARROW, -self.ARROW, self.ARROW, self.ARROW)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def path(self) -> QPainterPath:
        """The line drawn (without its arrowhead), in the item's coordinates."""
        return self._path

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return stroker.createStroke(self._path)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        colour = QColor(self.style.colour)
        if detail < OVERVIEW_DETAIL and not self.isSelected():
            painter.setPen(QPen(colour, 0))  # a hairline: cheapest to draw, still shows the shape
            painter.drawPath(self._path)
            return
        far = detail < TEXT_DETAIL
        painter.setRenderHint(
            QPainter.RenderHint.Antialiasing, not far
        )  # a whole large map draws fast
        width = self.style.width + (1.5 if self.isSelected() else 0.0)
        line = Qt.PenStyle.DashLine if self.style.dashed else Qt.PenStyle.SolidLine
        # Evaluate mode: an argument that weighs nothing is faint, one that does not apply dotted.
        applies = idle_mark(self.scene(), self.relation_id)
        if applies is not None:
            colour.setAlphaF(0.35)
            width = max(width - 0.6, 0.8)
            line = line if applies else Qt.PenStyle.DotLine
        pen = QPen(colour, width, line)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        if self.arrow and self._tip and not far:
            self._paint_arrowhead(painter, colour, pen, *self._tip)

    def _paint_arrowhead(
        self, painter: QPainter, colour: QColor, line: QPen, start: QPointF, tip: QPointF
    ) -> None:
        """The head at ``tip``, pointing away from ``start``.

        Where the drawn path stops short of the head (a laid-out curve ends at
        Graphviz's arrow base), the gap is closed in the line's own pen: a
        dashed objection stays dashed right up to its bar.
        """
        dx, dy = tip.x() - start.x(), tip.y() - start.y()
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        tee = self.style.arrowhead == "tee"
        joint = (
            QPointF(tip.x() - ux * 2, tip.y() - uy * 2)
            if tee
            else QPointF(tip.x() - ux * self.ARROW, tip.y() - uy * self.ARROW)
        )
        end = self._path.currentPosition()
        if math.hypot(joint.x() - end.x(), joint.y() - end.y()) > 0.5:
            painter.setPen(line)
            painter.drawLine(end, joint)
        painter.setPen(QPen(colour, self.style.width + 0.6))
        if tee:
            half = self.ARROW * 0.75
            painter.drawLine(
                QPointF(joint.x() - uy * half, joint.y() + ux * half),
                QPointF(joint.x() + uy * half, joint.y() - ux * half),
            )
            return
        back = joint
        half = self.ARROW * 0.45
        painter.setBrush(QBrush(colour))
        painter.drawPolygon(
            QPolygonF(
                [
                    tip,
                    QPointF(back.x() - uy * half, back.y() + ux * half),
                    QPointF(back.x() + uy * half, back.y() - ux * half),
                ]
            )
        )
