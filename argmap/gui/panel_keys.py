"""Editing keys pressed in a panel act on the panel, never on the map behind it.

The map's Delete, Select All, Cut, Copy and Paste are window-wide shortcuts,
so that they work wherever the canvas or the outline has the focus. Qt asks
the focused widget first (a ``ShortcutOverride`` event) and fires the
shortcut unless the widget claims the key; line edits claim them, but a
table, a list, a button or a read-only text does not, and Delete pressed on a
source's row would delete the selected card. A panel that keeps these keys
gets them as ordinary key presses: a read-only text copies its passage, a
list selects all its rows, a key that means nothing there does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

__all__ = ["keep_editing_keys", "on_delete_key"]

_EDITING = (
    QKeySequence.StandardKey.Delete,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Paste,
)
# The platform also binds Paste to Shift+Ins, which argmap gives to Add Objection
# (main_menus._drop_clashing_bindings): it adds an objection from a panel as Insert
# adds a reason.
_ARGMAPS_OWN = (QKeySequence("Shift+Ins"),)


def _pressed(event: QKeyEvent) -> QKeySequence:
    return QKeySequence(event.keyCombination())


def _is_delete(event: QKeyEvent) -> bool:
    """Delete, or Backspace (the key labelled Delete on a Mac)."""
    backspace = _pressed(event) == QKeySequence(Qt.Key.Key_Backspace)
    return backspace or event.matches(QKeySequence.StandardKey.Delete)


def _is_editing(event: QKeyEvent) -> bool:
    """Whether the key is one the platform binds to deleting, selecting all or the clipboard."""
    if _pressed(event) in _ARGMAPS_OWN:
        return False
    return _is_delete(event) or any(event.matches(key) for key in _EDITING)


class _EditingKeys(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if _is_editing(event):
                event.accept()  # delivered to the focused widget as a key press
                return True
        return False


class _DeleteKey(QObject):
    def __init__(self, action: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self.action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if _is_delete(event):
                self.action()
                return True
        return False


def keep_editing_keys(panel: QWidget) -> None:
    """Delete, Backspace, Select All, Cut, Copy and Paste pressed anywhere in ``panel`` stay there.

    Qt offers a key the focused widget did not claim to each of its parents in
    turn, so watching the panel covers every widget in it.
    """
    panel.installEventFilter(_EditingKeys(panel))


def on_delete_key(widget: QWidget, action: Callable[[], object]) -> None:
    """Delete (or Backspace) in ``widget`` calls ``action``: removing what is selected there."""
    widget.installEventFilter(_DeleteKey(action, widget))
