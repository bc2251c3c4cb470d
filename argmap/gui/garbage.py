"""Keeping Python's cyclic garbage collector from pausing the editor.

A big map keeps hundreds of thousands of Python objects alive (statements,
undo history, canvas items). A full collection walks them all, holding the
GIL for tens of milliseconds, and it starts in whichever thread happens to
allocate: often the layout worker, so the GUI thread waits for it in the
middle of a drag or a keystroke. Once a layout has landed, the objects alive
then are moved out of the collector's reach (``gc.freeze``), so routine
collections only walk what is new. Garbage cycles among frozen objects are
not lost: when the frozen set has doubled since the last full collection,
everything is unfrozen and collected once. That full collection walks every
object (a few hundred milliseconds on a 10,000-statement map), so it waits
until the user has left keyboard and mouse alone for a moment: a pause
nobody sees beats one in the middle of typing. Should the user never pause,
it runs anyway once the frozen set has grown eightfold, so memory stays
bounded.
"""

from __future__ import annotations

import gc
import time
import weakref
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

__all__ = ["collect", "new_map", "settle", "watch_busy"]

FULL_AFTER = 2.0  # a full collection when the frozen set has grown by this factor
AT_ONCE_AFTER = 8.0  # ... and without waiting for the user to pause, by this one
MINIMUM = 50_000  # objects; below this, full collections are cheap enough anyway
DELAY_MS = 1000  # from the layout landing to a due full collection, at the soonest
IDLE_MS = 1500  # no key or mouse input for this long: the user is not watching for a reply
INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.ShortcutOverride,
    }
)

_last_full = 0  # frozen objects after the last full collection
_frozen = 0  # frozen objects now, tallied as they are frozen: counting them walks them all
_due = False
_replaced = False  # another map was open before this one: its leftovers wait in frozen cycles
_busy: weakref.WeakSet[Busy] = weakref.WeakSet()  # what must be at rest for a pause to count


class Busy(Protocol):
    def settling(self) -> bool: ...


def watch_busy(thing: Busy) -> None:
    """A pause counts only while ``thing`` is not settling (a map being laid out is not idle)."""
    _busy.add(thing)


def settle() -> None:
    """Call when the editor has just finished a burst of work and the user is idle."""
    global _last_full, _frozen, _due, _replaced
    if _frozen:
        fresh = sum(len(gc.get_objects(generation)) for generation in range(3))  # only the unfrozen
        gc.freeze()
        # Objects freed since they were frozen still count: a full collection comes a little early.
        _frozen += fresh
    else:  # the first time (a map just opened): all is fresh; listing it costs hundreds of ms
        gc.freeze()
        _frozen = gc.get_freeze_count()
    if not _last_full:  # a map just opened: what is alive now is mostly still in use
        _last_full = max(_frozen, MINIMUM)
        if _replaced and not _due:
            _due = True
            _IdleWait.start()
        _replaced = False
    elif _frozen > FULL_AFTER * _last_full and not _due:
        # The tally also counts frozen objects freed since (a layout's result lives until the
        # next one lands): count them for real (a few ms) before paying for a full collection.
        _frozen = gc.get_freeze_count()
        if _frozen > AT_ONCE_AFTER * _last_full:
            _due = True
            QTimer.singleShot(0, collect)
        elif _frozen > FULL_AFTER * _last_full:
            _due = True
            _IdleWait.start()
    if _due:
        _IdleWait.activity()  # a layout just landed: the pause is counted from here


def new_map() -> None:
    """Call when another map replaces the one shown: its size is the new baseline.

    Growth is measured against the map now open, so opening a big map after a
    small one does not by itself set off a full collection mid-open; what the
    old map left in frozen cycles is reclaimed once the user pauses.
    """
    global _last_full, _replaced
    _last_full = 0
    _replaced = bool(_frozen)


def collect() -> None:
    """Unfreeze and collect everything once, then freeze what survived."""
    global _last_full, _frozen, _due
    _due = False
    _IdleWait.stop()
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _frozen = gc.get_freeze_count()
    _last_full = max(_frozen, MINIMUM)


class _IdleWait(QObject):
    """Runs :func:`collect` once no key or mouse input has come for ``IDLE_MS``.

    It watches input only while a collection is due, and only where input
    arrives: at the top-level windows (``QWindow``), where the platform's
    mouse and keys come in, and at the widget with the keyboard focus, where
    keys are delivered. Each sees a few events a second; a filter on the whole
    application would see thousands while a big map is laid out.
    """

    _instance: _IdleWait | None = None

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._last_input = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._watched: list[QWindow] = []
        self._focus: QWidget | None = None
        app.focusChanged.connect(self._follow_focus)
        self._follow_focus(None, app.focusWidget())
        self.watch_windows()

    def watch_windows(self) -> None:
        """Watch the input of every top-level window there is now (a dialog opened since too)."""
        for window in QGuiApplication.topLevelWindows():
            if window not in self._watched:
                window.installEventFilter(self)
                self._watched.append(window)

    def _follow_focus(self, old: QWidget | None, new: QWidget | None) -> None:
        if self._focus is not None and isValid(self._focus):
            self._focus.removeEventFilter(self)
        self._focus = new
        if new is not None:
            new.installEventFilter(self)

    @classmethod
    def start(cls) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):  # no event loop to wait in: collect soon
            QTimer.singleShot(DELAY_MS, collect)
            return
        if cls._instance is None:
            cls._instance = cls(app)
        cls._instance.watch_windows()
        cls._instance._timer.start(max(DELAY_MS, IDLE_MS))

    @classmethod
    def activity(cls) -> None:
        """Something the user watches just happened: the pause begins again."""
        if cls._instance is not None:
            cls._instance._last_input = time.monotonic()

    @classmethod
    def stop(cls) -> None:
        if cls._instance is not None:
            instance, cls._instance = cls._instance, None
            instance._timer.stop()
            for window in instance._watched:
                if isValid(window):
                    window.removeEventFilter(instance)
            instance._follow_focus(None, None)
            if isinstance(app := QApplication.instance(), QApplication):
                app.focusChanged.disconnect(instance._follow_focus)
            instance.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT:
            self._last_input = time.monotonic()
        return False

    def _check(self) -> None:
        self.watch_windows()
        # A window deleted while its map was laid out can leave its scene's wrapper behind.
        if any(isValid(thing) and thing.settling() for thing in list(_busy)):
            self._last_input = time.monotonic()  # not a pause: a map is still being laid out
        quiet = (time.monotonic() - self._last_input) * 1000
        if quiet >= IDLE_MS:
            collect()
        else:
            self._timer.start(round(IDLE_MS - quiet) + 1)
