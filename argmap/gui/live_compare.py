"""Comparison dialogs that stay true while the map is edited, and go when it is replaced.

Both comparisons (File › Compare With… and the changed-on-disk bar's
Compare) are windows the user keeps open while editing. A list of
differences that no longer holds misleads: after an edit the list is worked
out again (a moment later, so that typing does not redo it at every key),
and when the map is replaced (reloaded from disk, another file opened) the
dialog closes, as what it compared is no longer shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog

from argmap.gui.document import MapDocument

__all__ = ["REFRESH_MS", "keep_current"]

REFRESH_MS = 250


def keep_current(dialog: QDialog, document: MapDocument, refill: Callable[[], None]) -> None:
    """Call ``refill`` shortly after the map changes; close ``dialog`` when it is replaced."""
    timer = QTimer(dialog)  # goes with the dialog, and its connections with it
    timer.setSingleShot(True)
    timer.setInterval(REFRESH_MS)
    timer.timeout.connect(lambda: refill() if dialog.isVisible() else None)  # closed: idle
    for signal in (*document.content_signals(), document.positionsChanged, document.groupsChanged):
        signal.connect(timer.start)
    document.mapReset.connect(dialog.close)
