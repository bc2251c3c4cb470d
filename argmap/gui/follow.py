"""Keeping the user's place while the map is laid out again after an edit.

After an edit, the card the user worked on (the *anchor*: the card a reason
was added to, the card being typed in) keeps its place on screen: whatever
the layout does to it in the scene, the views scroll along with it, frame by
frame while the cards glide. A card just added is then brought fully into
view by the smallest scroll that shows it (with a margin), spread over the
same glide, so nothing jumps.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsView

__all__ = ["ViewFollow", "reveal_shift"]

MARGIN = 24.0  # pixels kept between a revealed card and the window's edge


def reveal_shift(viewport: QRectF, rect: QRectF, margin: float = MARGIN) -> QPointF:
    """The smallest shift (viewport pixels) of the content that puts ``rect`` inside ``viewport``.

    A rect larger than the viewport is aligned at its top-left corner, so the
    beginning of a long card is what shows.
    """
    inner = viewport.adjusted(margin, margin, -margin, -margin)
    return QPointF(_axis(inner.left(), inner.right(), rect.left(), rect.right()),
                   _axis(inner.top(), inner.bottom(), rect.top(), rect.bottom()))


def _axis(low: float, high: float, start: float, end: float) -> float:
    if end - start > high - low or start < low:
        return low - start
    if end > high:
        return high - end
    return 0.0


class _Track:
    """One view's part: its scroll position before the edit, and how far it scrolls by the end."""

    def __init__(self, view: QGraphicsView, shift: QPointF) -> None:
        self.view = view
        self.start = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
        self.shift = shift  # pixels to scroll by the end of the glide


class ViewFollow:
    """Scrolls views during a layout glide: the anchor stays put, the new card comes into view."""

    def __init__(self) -> None:
        self._tracks: list[_Track] = []

    def active(self) -> bool:
        return bool(self._tracks)

    def start(
        self,
        views: list[QGraphicsView],
        anchor: tuple[QRectF, QRectF] | None,
        reveal: QRectF | None,
    ) -> None:
        """``anchor``: the anchor card's scene rectangle now and at the end; ``reveal``: the new card's at the end."""
        self._tracks = []
        moved = _anchor_shift(*anchor) if anchor is not None else QPointF(0, 0)
        for view in views:
            if not view.isVisible():
                continue
            transform = view.viewportTransform()
            follow = transform.map(moved) - transform.map(QPointF(0, 0))  # scrolling undoes the anchor's move
            shift = QPointF(follow)
            if reveal is not None:
                end = transform.mapRect(reveal).translated(-follow)
                shift -= reveal_shift(QRectF(view.viewport().rect()), end)
            if not shift.isNull():
                self._tracks.append(_Track(view, shift))

    def frame(self, progress: float) -> None:
        """Scroll each view to where it should be at ``progress`` (0 to 1) of the glide."""
        for track in self._tracks:
            horizontal, vertical = track.view.horizontalScrollBar(), track.view.verticalScrollBar()
            horizontal.setValue(track.start[0] + round(track.shift.x() * progress))
            vertical.setValue(track.start[1] + round(track.shift.y() * progress))

    def finish(self) -> None:
        self.frame(1.0)
        self._tracks = []


def _anchor_shift(now: QRectF, then: QRectF) -> QPointF:
    """How far the anchor moves, judged by whichever of its edges or centre moves least.

    A card that only moves shifts all of them alike; one that grows as it is
    typed in keeps one edge (or its centre) where it was, and that is the
    point the user's eye is on.
    """
    dx = min((then.left() - now.left(), then.center().x() - now.center().x(), then.right() - now.right()), key=abs)
    dy = min((then.top() - now.top(), then.center().y() - now.center().y(), then.bottom() - now.bottom()), key=abs)
    return QPointF(dx, dy)
