"""Editing a statement's text in place in the outline.

A row shows the text on one line behind its role marker ("+ ", "− "); the
editor shows the whole text, line breaks included, and nothing else. Enter
keeps the edit, Shift+Enter starts a new line, Escape cancels: the same keys
as on the canvas.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget
from shiboken6 import isValid

__all__ = ["OutlineTextDelegate"]

Index = QModelIndex | QPersistentModelIndex

EDITOR_LINES = 4


class _TextEditor(QPlainTextEdit):
    """A few lines tall; Enter commits, Shift+Enter breaks the line."""

    def __init__(self, parent: QWidget, commit: Callable[[QWidget], None]) -> None:
        super().__init__(parent)
        self._commit = commit
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._commit(self)
            return
        if enter:
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)


class OutlineTextDelegate(QStyledItemDelegate):
    """Edits the statement behind a row; ``textEdited`` carries (statement id, new text)."""

    textEdited = Signal(str, str)

    def __init__(
        self, text_of: Callable[[str], str | None], id_role: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._text_of = text_of  # the statement's current text, None once it is gone
        self._id_role = id_role
        self._editor: _TextEditor | None = None
        self._editing: str | None = None  # the statement whose text the open editor holds

    def open_editor(self) -> QWidget | None:
        """The row editor now open, if any."""
        editor = self._editor
        return editor if editor is not None and isValid(editor) and editor.isVisible() else None

    def pending(self) -> tuple[str, str] | None:
        """(statement id, text) typed in the open row editor and not kept yet, if any."""
        editor = self.open_editor()
        if not isinstance(editor, QPlainTextEdit) or self._editing is None:
            return None
        text = editor.toPlainText()
        return None if self._text_of(self._editing) in (None, text) else (self._editing, text)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        self._editor = _TextEditor(parent, self._finish)
        return self._editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        self._editing = index.data(self._id_role)
        text = self._text_of(self._editing)
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text or "")
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """The row's label is left alone: the map changes, and the outline follows it."""
        statement_id = index.data(self._id_role)
        if not isinstance(editor, QPlainTextEdit):
            return
        text = editor.toPlainText()
        if statement_id and self._text_of(statement_id) not in (None, text):
            self.textEdited.emit(statement_id, text)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = QRect(option.rect)
        rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * EDITOR_LINES + 10))
        editor.setGeometry(rect)

    def _finish(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
