"""Edit › Undo and Redo: what is being typed becomes a step of its own first.

An inspector field, an outline row or a card being typed into keeps its text
as one undo step before the menu, the toolbar or the shortcut undoes or
redoes: the first Undo then takes back exactly that typing, and Redo gives it
back. (A text field that has the keyboard answers ``Ctrl+Z`` itself, undoing
its own typing, as text fields do.) So Undo is offered while something is
typed even when the map has no step to undo yet: a new map's first typing
can be taken back from the menu and the toolbar too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

if TYPE_CHECKING:
    from argmap.gui.mainwindow import MainWindow

__all__ = ["TYPING_CHECK_MS", "StepAction", "typing_pending", "undo_redo_actions"]

TYPING_CHECK_MS = 250  # how soon Undo is offered for typing when the map has no step yet


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

    def offer_for_typing(self) -> None:
        """Enabled while the map has a step to undo, or something is being typed.

        Typing changes nothing the undo stack sees until it is kept, so while
        there is no step the window looks a few times a second (not at all
        once there is one).
        """
        self._looking = QTimer(self)
        self._looking.setInterval(TYPING_CHECK_MS)
        self._looking.timeout.connect(self._look)
        # A method of this action: the connection ends with it (the stack, going, says
        # it can no longer undo, and is then not to be asked anything).
        self._window.undo_stack.canUndoChanged.connect(self._can_undo)
        self._can_undo(self._window.undo_stack.canUndo())

    def _can_undo(self, can: bool) -> None:
        self.setEnabled(can)
        if can:
            self._looking.stop()
        else:
            self._looking.start()

    def _look(self) -> None:
        window = self._window
        if window.isVisible() and window.has_map():  # else nothing can be typed
            self.setEnabled(window.undo_stack.canUndo() or typing_pending(window))


def undo_redo_actions(window: MainWindow) -> tuple[StepAction, StepAction]:
    """The window's Undo and Redo actions, with their keys."""
    stack = window.undo_stack
    undo = StepAction(window, "&Undo", stack.undo)
    undo.name_after(stack.undoText())
    stack.undoTextChanged.connect(undo.name_after)
    undo.offer_for_typing()
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    redo = StepAction(window, "&Redo", stack.redo)
    redo.name_after(stack.redoText())
    redo.setEnabled(stack.canRedo())
    stack.redoTextChanged.connect(redo.name_after)
    stack.canRedoChanged.connect(redo.setEnabled)
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    return undo, redo


def typing_pending(window: MainWindow) -> bool:
    """Whether a card, an outline row, an inspector field or a Sources cell holds typing
    that the map does not have yet (an editor merely open holds none)."""
    inspector = window.inspector
    return (
        window.editor.inline.pending() is not None
        or inspector.pending_statement_changes() is not None
        or inspector.pending_relation_changes() is not None
        or _typed_in(window.outline.open_editor())
        or _typed_in(window.sources_panel.open_editor())
    )


def _typed_in(editor: QWidget | None) -> bool:
    """Whether the user has typed in a row's or a cell's editor since it opened."""
    if isinstance(editor, QPlainTextEdit):
        return editor.document().isModified()
    return isinstance(editor, QLineEdit) and editor.isModified()
