"""Keeping the user's place while the map is laid out again after an edit.

After an edit, the card the user worked on (the *anchor*: the card a reason
was added to, the card being typed in) keeps its place on screen: whatever
the layout does to it in the scene, the views scroll along with it, frame by
frame while the cards glide. A card just added is brought fully into view by
the smallest scroll that shows it (with a margin). That scroll is a glide of
its own, started at once: it does not wait for the rest of the map to land
(on a large map that takes several event-loop turns). It begins where the
new card is about to come in at the window's edge, the stretch of map before
that being passed at once (gliding past thousands of pixels of unrelated
cards shows nothing but a blur, and keeps the new card out of sight), and its
first frame is drawn with the edit, so the card comes in at once and slides
into place.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QObject, QPointF, QRectF, QVariantAnimation
from PySide6.QtWidgets import QGraphicsView

__all__ = ["ViewFollow", "reveal_shift"]

MARGIN = 24.0  # pixels kept between a revealed card and the window's edge
REVEAL_MS = 150  # the scroll that brings a new card into view
FRAME_MS = 16  # one frame at 60 Hz: the reveal's first frame is drawn with the edit


def reveal_shift(viewport: QRectF, rect: QRectF, margin: float = MARGIN) -> QPointF:
    """The smallest shift (viewport pixels) of the content that puts ``rect`` inside ``viewport``.

    A rect larger than the viewport is aligned at its top-left corner, so the
    beginning of a long card is what shows.
    """
    inner = viewport.adjusted(margin, margin, -margin, -margin)
    return QPointF(
        _axis(inner.left(), inner.right(), rect.left(), rect.right()),
        _axis(inner.top(), inner.bottom(), rect.top(), rect.bottom()),
    )


def _axis(low: float, high: float, start: float, end: float) -> float:
    if end - start > high - low or start < low:
        return low - start
    if end > high:
        return high - end
    return 0.0


class _Track:
    """One view's part: its scroll position before the edit, and how far it scrolls by the end."""

    def __init__(self, view: QGraphicsView, follow: QPointF, reveal: QPointF) -> None:
        self.view = view
        self.start = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
        self.follow = follow  # pixels to scroll as the anchor moves (with the cards' glide)
        self.reveal = reveal  # pixels to scroll to show the new card (its own glide)

    def place(self, follow: float, reveal: float) -> None:
        shift = self.follow * follow + self.reveal * reveal
        self.view.horizontalScrollBar().setValue(self.start[0] + round(shift.x()))
        self.view.verticalScrollBar().setValue(self.start[1] + round(shift.y()))


class ViewFollow(QObject):
    """Scrolls views during a layout glide: the anchor stays put, the new card comes into view."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tracks: list[_Track] = []
        self._follow = 0.0  # progress of the anchor part, 0 to 1 (the cards' glide)
        self._reveal = 0.0  # progress of the reveal part, 0 to 1 (its own animation)
        self._anchoring = False  # the anchor part waits for the layout to land
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(REVEAL_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._reveal_step)
        self._animation.finished.connect(self._reveal_done)

    def active(self) -> bool:
        """The views are still being scrolled (the layout is landing, or a new card is revealed)."""
        return bool(self._tracks)

    def revealing(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def start(
        self,
        views: list[QGraphicsView],
        anchor: tuple[QRectF, QRectF] | None,
        reveal: QRectF | None,
    ) -> None:
        """Keep ``anchor`` (scene rects now and at the end) in place; show ``reveal`` at the end."""
        self._animation.stop()
        self._tracks = []
        moved = _anchor_shift(*anchor) if anchor is not None else QPointF(0, 0)
        for view in views:
            if not view.isVisible():
                continue
            transform = view.viewportTransform()
            follow = transform.map(moved) - transform.map(
                QPointF(0, 0)
            )  # scrolling undoes the anchor's move
            shift = QPointF(0, 0)
            if reveal is not None:
                end = transform.mapRect(reveal).translated(-follow)
                viewport = QRectF(view.viewport().rect())
                shift = -reveal_shift(viewport, end)
                skip = _approach(viewport, end, shift)
                if not skip.isNull():  # at once to where the card comes in at the edge
                    _scroll_by(view, skip)
                    shift -= skip
            if not (follow.isNull() and shift.isNull()):
                self._tracks.append(_Track(view, follow, shift))
        self._follow = self._reveal = 0.0
        self._anchoring = any(not track.follow.isNull() for track in self._tracks)
        if any(not track.reveal.isNull() for track in self._tracks):
            self._animation.start()
            self._animation.setCurrentTime(FRAME_MS)  # the first frame now, not a frame late
        else:
            self._reveal = 1.0

    def frame(self, progress: float) -> None:
        """Follow the anchor to ``progress`` (0 to 1) of the cards' glide."""
        self._follow = progress
        self._place()

    def land(self) -> None:
        """The layout has landed: the anchor is where it ends; a reveal under way goes on."""
        self._anchoring = False
        self._follow = 1.0
        self._place()
        self._drop_if_done()

    def finish(self) -> None:
        """Everything to its end at once (the map is rebuilt, or the user takes over)."""
        self._animation.stop()
        self._follow = self._reveal = 1.0
        self._place()
        self._tracks = []
        self._anchoring = False

    def _place(self) -> None:
        for track in self._tracks:
            track.place(self._follow, self._reveal)

    def _reveal_step(self, value: object) -> None:
        self._reveal = float(value)  # type: ignore[arg-type]
        self._place()

    def _reveal_done(self) -> None:
        self._reveal = 1.0
        self._place()
        self._drop_if_done()

    def _drop_if_done(self) -> None:
        if not self._anchoring and not self.revealing():
            self._tracks = []


def _approach(viewport: QRectF, card: QRectF, scroll: QPointF) -> QPointF:
    """The part of ``scroll`` (view pixels) after which ``card`` is about to enter ``viewport``."""
    return QPointF(
        _gap(viewport.left(), viewport.right(), card.left(), card.right(), scroll.x()),
        _gap(viewport.top(), viewport.bottom(), card.top(), card.bottom(), scroll.y()),
    )


def _gap(low: float, high: float, start: float, end: float, scroll: float) -> float:
    if scroll > 0:
        return float(max(0, int(start - high)))
    if scroll < 0:
        return -float(max(0, int(low - end)))
    return 0.0


def _scroll_by(view: QGraphicsView, shift: QPointF) -> None:
    horizontal, vertical = view.horizontalScrollBar(), view.verticalScrollBar()
    horizontal.setValue(horizontal.value() + round(shift.x()))
    vertical.setValue(vertical.value() + round(shift.y()))


def _anchor_shift(now: QRectF, then: QRectF) -> QPointF:
    """How far the anchor moves, judged by whichever of its edges or centre moves least.

    A card that only moves shifts all of them alike; one that grows as it is
    typed in keeps one edge (or its centre) where it was, and that is the
    point the user's eye is on.
    """
    dx = min(
        (
            then.left() - now.left(),
            then.center().x() - now.center().x(),
            then.right() - now.right(),
        ),
        key=abs,
    )
    dy = min(
        (
            then.top() - now.top(),
            then.center().y() - now.center().y(),
            then.bottom() - now.bottom(),
        ),
        key=abs,
    )
    return QPointF(dx, dy)
