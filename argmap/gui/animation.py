"""A short glide of the cards to the places a new layout gives them.

Seeing cards move (rather than jump) lets a reader follow what changed after
an edit. Large maps skip it: moving thousands of items per frame would stall
the GUI more than it helps.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QObject, QPointF, QTimer, QVariantAnimation

from argmap.gui.items import StatementItem

__all__ = ["LayoutGlide", "Steps"]

DURATION_MS = 150
MAX_CARDS = 300


class LayoutGlide(QObject):
    """Moves cards from where they are to their targets; calls ``on_frame`` after each step."""

    def __init__(
        self,
        on_frame: Callable[[], None],
        on_done: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._moves: list[tuple[StatementItem, QPointF, QPointF]] = []
        self._active = False
        self.progress = 0.0  # of the glide under way, 0 to 1
        self._on_frame = on_frame
        self._on_done = on_done
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(DURATION_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._step)
        self._animation.finished.connect(self._finish)

    def running(self) -> bool:
        return self._active

    def start(self, moves: list[tuple[StatementItem, QPointF]], *, scroll: bool = False) -> bool:
        """Glide ``(item, target)`` pairs; False (and nothing done) when there are too many.

        ``scroll``: glide even with no card to move (the view scrolls during it).
        """
        self.stop()
        if len(moves) > MAX_CARDS or not (moves or scroll):
            return False
        self._moves = [(item, QPointF(item.pos()), QPointF(target)) for item, target in moves]
        self._active = True
        self.progress = 0.0
        self._animation.start()
        return True

    def moving(self) -> list[StatementItem]:
        return [item for item, _, _ in self._moves]

    def stop(self) -> None:
        """Jump to the end (the user grabbed a card, or a newer layout arrived)."""
        if self._active:
            self._animation.stop()
            self._step(1.0)
            self._finish()

    def _step(self, value) -> None:
        t = self.progress = float(value)
        for item, start, end in self._moves:
            item.setPos(start + (end - start) * t)
        self._on_frame()

    def _finish(self) -> None:
        if self._active:
            for item, _, end in self._moves:
                item.setPos(end)
            self._moves = []
            self._active = False
            self.progress = 1.0
            self._on_done()


class Steps(QObject):
    """Runs a list of steps one per event-loop turn, so long work never freezes the window.

    ``finish()`` runs whatever is left at once (a newer layout arrived, or the
    user grabbed a card and needs the final positions now).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: list[Callable[[], None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)

    def running(self) -> bool:
        return bool(self._steps)

    def run(self, steps: list[Callable[[], None]]) -> None:
        self.finish()
        self._steps = list(steps)
        self._timer.start()

    def cancel(self) -> None:
        """Drop what is left (the items it would touch are about to go)."""
        self._timer.stop()
        self._steps = []

    def finish(self) -> None:
        self._timer.stop()
        while self._steps:
            self._steps.pop(0)()

    def _next(self) -> None:
        if self._steps:
            self._steps.pop(0)()
        if self._steps:
            self._timer.start()
