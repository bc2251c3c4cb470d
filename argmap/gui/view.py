"""The canvas view: zoom with Ctrl+wheel, pan by dragging empty space, Shift-drag to select."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView

__all__ = ["MapView"]

MIN_ZOOM, MAX_ZOOM = 0.005, 6.0  # zooming out stops here, or where the whole map fits
FIT_MARGIN = 30.0  # scene points around the map when it is fitted in the view
READABLE_ZOOM = 0.6  # below this, card text is hard to read
START_ZOOM = 0.9  # a map too big to read whole opens at this zoom, on its main claim


class MapView(QGraphicsView):
    zoomChanged = Signal(float)
    emptyDoubleClicked = Signal(object)  # scene QPointF

    def __init__(self, scene, parent=None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self._panning: QPoint | None = None

    def set_content_rect(self, rect: QRectF) -> None:
        """Let the view scroll a whole window beyond the map on every side.

        The view never centres a map smaller than the window itself (Qt's
        default), which would shift every card whenever the map's extent
        changes; and a card near the edge can always be scrolled to where the
        user expects it.
        """
        if rect.isNull():
            return
        zoom = self.zoom() or 1.0
        w, h = self.viewport().width() / zoom, self.viewport().height() / zoom
        self._content = QRectF(rect)
        self.setSceneRect(rect.adjusted(-w, -h, w, h))

    _content = QRectF()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.set_content_rect(self._content)

    def zoom(self) -> float:
        return self.transform().m11()

    def min_zoom(self) -> float:
        """How far out the view zooms: to MIN_ZOOM, or further when the whole map needs it.

        Never above the current zoom, so zooming out from a fitted large map goes further
        out (or stays), never in.
        """
        floor = min(MIN_ZOOM, self.zoom() or MIN_ZOOM)
        rect = self._content.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        viewport = self.viewport().rect()
        if rect.width() > 0 and rect.height() > 0 and not viewport.isEmpty():
            fit = min(viewport.width() / rect.width(), viewport.height() / rect.height())
            floor = min(floor, fit)
        return floor

    def set_zoom(self, factor: float) -> None:
        factor = max(self.min_zoom(), min(MAX_ZOOM, factor))
        self.scale(factor / self.zoom(), factor / self.zoom())
        self.set_content_rect(self._content)
        self.zoomChanged.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / 1.25)

    def fit_map(self) -> None:
        scene = self.scene()
        extent: QRectF = (
            scene.map_rect() if hasattr(scene, "map_rect") else scene.itemsBoundingRect()
        )
        rect = extent.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.5:
            self.set_zoom(1.5)
        self.set_content_rect(extent)
        self.centerOn(rect.center())  # the margins were too narrow for the new zoom until now
        self.zoomChanged.emit(self.zoom())

    def paintEvent(self, event) -> None:
        """Nothing but the background while a big map waits for its first layout."""
        if getattr(self.scene(), "waiting_for_layout", False):
            painter = QPainter(self.viewport())
            painter.fillRect(event.rect(), self.scene().backgroundBrush())
            return
        super().paintEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape on the canvas deselects, unless an open inline editor took it first."""
        super().keyPressEvent(event)
        escape = (
            event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier
        )
        if escape and not event.isAccepted():
            self.scene().clearSelection()
            event.accept()

    def show_start(self, focus: QGraphicsItem | None, *, corner: bool = False) -> None:
        """How a map opens: fitted if it is then readable, else readable around ``focus``.

        ``corner``: the focus goes near the top-left corner (a tree grows to the
        right and down from its main claim), else near the top middle.
        """
        self.fit_map()
        if focus is None or self.zoom() >= READABLE_ZOOM:
            return
        self.set_zoom(START_ZOOM)
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        card = focus.sceneBoundingRect()
        if corner:
            margin = 40 / self.zoom()
            self.centerOn(
                card.topLeft()
                + QPointF(visible.width() / 2 - margin, visible.height() / 2 - margin)
            )
        else:
            self.centerOn(
                card.center() + QPointF(0, visible.height() * 0.3)
            )  # what argues for it shows

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            self.set_zoom(self.zoom() * (1.15**steps))
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Drag empty space (or use the middle button) to pan; Shift/Ctrl-drag to select."""
        empty = self.itemAt(event.position().toPoint()) is None
        selecting = event.modifiers() & (
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
        )
        left = event.button() == Qt.MouseButton.LeftButton
        if event.button() == Qt.MouseButton.MiddleButton or (empty and left and not selecting):
            if left and self.scene() is not None:
                self.scene().clearFocus()  # a click elsewhere finishes typing in a card
            self._panning = event.position().toPoint()
            self._pan_moved = False
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    _pan_moved = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._panning is not None:
            delta = event.position().toPoint() - self._panning
            self._panning = event.position().toPoint()
            self._pan_moved = self._pan_moved or bool(delta.manhattanLength())
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._panning is not None:
            self._panning = None
            self.viewport().unsetCursor()
            if not self._pan_moved and event.button() == Qt.MouseButton.LeftButton:
                self.scene().clearSelection()  # a click on empty space
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.itemAt(event.position().toPoint()) is None:
            self.emptyDoubleClicked.emit(self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mouseDoubleClickEvent(event)
