"""Edit › Undo and Redo: what is being typed becomes a step of its own first.

An inspector field, an outline row or a card being typed into keeps its text
as one undo step before the menu, the toolbar or the shortcut undoes or
redoes: the first Undo then takes back exactly that typing, and Redo gives it
back. (A text field that has the keyboard answers ``Ctrl+Z`` itself, undoing
its own typing, as text fields do.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from argmap.gui.mainwindow import MainWindow

__all__ = ["StepAction", "undo_redo_actions"]


class StepAction(QAction):
    """Undo or Redo, named after the step it would take (as QUndoStack's own actions are)."""

    def __init__(self, window: MainWindow, prefix: str, step: Callable[[], None]) -> None:
        super().__init__(prefix, window)
        self.prefix = prefix
        self._window = window
        self._step = step
        self.triggered.connect(self._take_step)

    def name_after(self, step_text: str) -> None:
        self.setText(f"{self.prefix} {step_text}" if step_text else self.prefix)

    def _take_step(self) -> None:
        self._window.commit_pending_edits()  # the typing first, as the step this takes back
        self._step()


def undo_redo_actions(window: MainWindow) -> tuple[StepAction, StepAction]:
    """The window's Undo and Redo actions, with their keys."""
    stack = window.undo_stack
    undo = StepAction(window, "&Undo", stack.undo)
    undo.name_after(stack.undoText())
    undo.setEnabled(stack.canUndo())
    stack.undoTextChanged.connect(undo.name_after)
    stack.canUndoChanged.connect(undo.setEnabled)
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    redo = StepAction(window, "&Redo", stack.redo)
    redo.name_after(stack.redoText())
    redo.setEnabled(stack.canRedo())
    stack.redoTextChanged.connect(redo.name_after)
    stack.canRedoChanged.connect(redo.setEnabled)
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    return undo, redo
