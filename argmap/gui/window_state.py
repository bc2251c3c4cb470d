"""The window's size and dock layout: sensible at first, then as the user left them.

The map is what the window is for, so at first the side docks share at most
about 40 % of the width (the canvas keeps at least 60 %); after that the
window comes back the size and shape it was closed in (``QSettings``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt

if TYPE_CHECKING:
    from argmap.gui.mainwindow import MainWindow

__all__ = ["DEFAULT_SIZE", "restore", "save", "size_docks"]

DEFAULT_SIZE = (1280, 820)
OUTLINE_SHARE = 0.16  # of the window's width, at first
INSPECTOR_SHARE = 0.2


def restore(window: MainWindow) -> bool:
    """The size and docks the window was closed with; False when there are none yet."""
    geometry = window.settings.value("window/geometry")
    if not (isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)):
        window.resize(*DEFAULT_SIZE)  # the window manager fits it to a smaller screen
    state = window.settings.value("window/state")
    return isinstance(state, QByteArray) and window.restoreState(state)


def save(window: MainWindow) -> None:
    window.settings.setValue("window/geometry", window.saveGeometry())
    window.settings.setValue("window/state", window.saveState())


def size_docks(window: MainWindow) -> None:
    """The side docks at their first widths: narrow, so the map gets the room."""
    width = window.width()
    window.resizeDocks(
        [window.outline_dock, window.inspector_dock],
        [round(width * OUTLINE_SHARE), round(width * INSPECTOR_SHARE)],
        Qt.Orientation.Horizontal,
    )
