"""Layouts off the GUI thread: Graphviz always, argmap's tree for very large maps.

One layout runs at a time in a worker thread. A request made while one is
running is remembered, and only the newest is started when the worker is
free, so a burst of edits costs at most one extra layout and results never
arrive out of order.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QPointF, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QPainterPath

from argmap.collector import collector_paused
from argmap.errors import ArgmapError
from argmap.gui.cards import card_slot
from argmap.layout import LayoutResult, layout_map, tree_layout
from argmap.model import ArgumentMap
from argmap.render.engine import stop_graphviz
from argmap.theme import Theme

__all__ = ["GRAPHVIZ", "TREE", "LayoutRunner", "PreparedLayout", "edge_paths"]

TREE, GRAPHVIZ = "tree", "graphviz"  # the canvas's layout engines


@dataclass
class PreparedLayout:
    """Graphviz's layout with its edges already made into painter paths (in the worker)."""

    result: LayoutResult
    paths: dict[str, QPainterPath] = field(default_factory=dict)


def edge_paths(result: LayoutResult) -> dict[str, QPainterPath]:
    """Bezier paths for every edge: built off the GUI thread, which then only hands them over."""
    paths = {}
    for edge_id, curve in result.edges.items():
        points = curve.points
        if not points:
            continue
        path = QPainterPath(QPointF(*points[0]))
        for i in range(1, len(points) - 2, 3):
            path.cubicTo(QPointF(*points[i]), QPointF(*points[i + 1]), QPointF(*points[i + 2]))
        paths[edge_id] = path
    return paths


SWITCH_INTERVAL = 0.001  # seconds; Python's default is 0.005
Request = tuple[ArgumentMap, dict[str, tuple[float, float]], Theme, str]


class _Signals(QObject):
    done = Signal(int, object, str)

    def __init__(self) -> None:
        super().__init__()
        self.worker_thread: int | None = None  # the pool's thread, once a job has run


class _Job(QRunnable):
    def __init__(self, generation: int, request: Request, signals: _Signals) -> None:
        super().__init__()
        self.generation = generation
        self.request = request
        self.signals = signals

    def run(self) -> None:
        self.signals.worker_thread = threading.get_ident()
        argument_map, sizes, theme, engine = self.request
        try:
            if engine == TREE:
                result = tree_layout(argument_map, sizes, theme=theme, slot_width=card_slot(theme))
            else:
                result = layout_map(argument_map, sizes, theme=theme)
            with collector_paused():  # painter paths for every edge: many objects, no cycles
                prepared = PreparedLayout(result, edge_paths(result))
            self._report(prepared, "")
        except ArgmapError as error:
            self._report(None, str(error))
        except Exception as error:
            self._report(None, f"layout failed: {error}")

    def _report(self, result: PreparedLayout | None, error: str) -> None:
        """Hand the result to the GUI thread, unless the application has gone meanwhile."""
        with contextlib.suppress(RuntimeError):  # its object was deleted: nobody waits
            self.signals.done.emit(self.generation, result, error)


class LayoutRunner(QObject):
    """Runs the newest layout request; emits ``finished`` or ``failed`` on the GUI thread."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # keep the worker thread: starting one costs milliseconds
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)
        self._generation = 0
        self._running = False
        self._pending: Callable[[], Request] | None = None
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.timeout.connect(self._start_if_idle)
        # The worker's Python (building DOT, reading Graphviz's answer) shares the GIL with
        # the GUI thread; a short switch interval keeps the GUI's waits for it short.
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))

    def request(self, make_request: Callable[[], Request], delay_ms: int = 0) -> None:
        """Ask for a layout; ``make_request`` snapshots the map when the worker is free.

        ``delay_ms`` lets the GUI paint an edit before the worker competes with it,
        and gathers a burst of edits into one layout.
        """
        self._pending = make_request
        if delay_ms > 0:
            self._delay.start(delay_ms)
        elif not self._running:
            self._delay.stop()
            self._start_pending()

    def _start_if_idle(self) -> None:
        if not self._running:
            self._start_pending()

    def forget(self) -> None:
        """Drop the pending request and ignore the running one (the layout was made elsewhere)."""
        self._pending = None
        self._delay.stop()
        self._generation += 1

    def busy(self) -> bool:
        return self._running or self._pending is not None or self._delay.isActive()

    def stop(self, msecs: int = 5000) -> bool:
        """Before the window goes: drop what is pending, kill a running Graphviz, wait.

        A tree layout is in-process and quick; a layered one waits on Graphviz,
        which can take a minute on a large map, so it is killed rather than awaited.
        """
        self.forget()
        if self._signals.worker_thread is not None:
            stop_graphviz(self._signals.worker_thread)
        return self.wait(msecs)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the worker is idle (used by tests and on close)."""
        return self._pool.waitForDone(msecs)

    def _start_pending(self) -> None:
        if self._pending is None:
            return
        request = self._pending()
        self._pending = None
        self._generation += 1
        self._running = True
        self._pool.start(_Job(self._generation, request, self._signals))

    def _on_done(self, generation: int, result: PreparedLayout | None, error: str) -> None:
        self._running = False
        if self._pending is not None:  # a newer request supersedes this result
            if not self._delay.isActive():
                self._start_pending()
            return
        if generation != self._generation:
            return
        if result is None:
            self.failed.emit(error)
        else:
            self.finished.emit(result)
