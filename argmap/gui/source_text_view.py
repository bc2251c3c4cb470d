"""A source's text, read-only, with its quoted passages highlighted.

Each passage is painted in the colours of the statement or arrow quoting it
(an extra selection, so the text itself is never touched); the passage of
the selected one is underlined. Clicking a passage asks for its statement
or arrow to be selected; a selection dragged out of the text carries the
map, the source and the place it came from (:func:`argmap.gui.quoting.passage_mime`).

Python counts characters by code point and Qt by UTF-16 unit: a text with
characters outside the Basic Multilingual Plane (emoji, some CJK) has its
offsets converted both ways.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from argmap.gui.quoting import passage_mime

__all__ = ["Highlight", "SourceTextView"]

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Highlight:
    """A quoted passage: where it is (code points), whose it is, its colours."""

    start: int
    end: int
    element_id: str  # the statement, or the relation (an arrow), quoting it
    fill: str
    border: str


class SourceTextView(QPlainTextEdit):
    elementClicked = Signal(str)  # a statement's or a relation's id

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.source_id: str | None = None
        self.origin: str | None = None  # the map the text belongs to (MapDocument.origin)
        self.text = ""
        self.highlights: list[Highlight] = []
        self.current: str | None = None  # the selected element, whose passage is underlined
        self._astral: list[int] = []  # code-point offsets of characters Qt counts twice
        self._pressed_at: int | None = None

    # -- content -----------------------------------------------------------

    def show_text(self, source_id: str | None, text: str) -> None:
        if source_id == self.source_id and text == self.text:
            return
        self.source_id, self.text = source_id, text
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self.setPlainText(text)

    def set_highlights(self, highlights: list[Highlight], current: str | None) -> None:
        self.highlights = sorted(highlights, key=lambda h: (h.start, h.end))
        self.current = current
        selections = []
        for highlight in self.highlights:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor(highlight.start, highlight.end)
            char_format = QTextCharFormat()
            char_format.setBackground(QColor(highlight.fill))
            if highlight.element_id == current:
                char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                char_format.setUnderlineColor(QColor(highlight.border))
                char_format.setFontWeight(700)
            selection.format = char_format
            selections.append(selection)
        self.setExtraSelections(selections)

    def reveal(self, element_id: str) -> bool:
        """Scroll the element's first passage into the middle of the view, if it has one."""
        for highlight in self.highlights:
            if highlight.element_id == element_id:
                cursor = self._cursor(highlight.end, highlight.end)
                self.setTextCursor(cursor)
                self.centerCursor()
                return True
        return False

    def selected_span(self) -> tuple[int, int] | None:
        """The selected passage as code-point offsets into the text, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self._to_python(cursor.selectionStart()), self._to_python(cursor.selectionEnd())

    def select_span(self, start: int, end: int) -> None:
        self.setTextCursor(self._cursor(start, end))

    def element_at(self, offset: int) -> str | None:
        """Whose passage holds this offset (the shortest, where passages overlap)."""
        holding = [h for h in self.highlights if h.start <= offset < h.end]
        if not holding:
            return None
        return min(holding, key=lambda h: h.end - h.start).element_id

    # -- offsets -----------------------------------------------------------

    def _to_qt(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset)

    def _to_python(self, position: int) -> int:
        """The code-point offset of a Qt position (the inverse of _to_qt)."""
        low, high = 0, len(self.text)
        while low < high:
            middle = (low + high) // 2
            if self._to_qt(middle) < position:
                low = middle + 1
            else:
                high = middle
        return low

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        last = self.document().characterCount() - 1
        cursor.setPosition(min(self._to_qt(start), last))
        cursor.setPosition(min(self._to_qt(end), last), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    # -- mouse and dragging ------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = self.cursorForPosition(event.position().toPoint()).position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed, self._pressed_at = self._pressed_at, None
        released = self.cursorForPosition(event.position().toPoint()).position()
        if event.button() != Qt.MouseButton.LeftButton or pressed != released:
            return
        if self.textCursor().hasSelection():
            return
        element_id = self.element_at(self._to_python(released))
        if element_id is not None:
            self.elementClicked.emit(element_id)

    def createMimeDataFromSelection(self) -> QMimeData:
        span = self.selected_span()
        if span is None or self.source_id is None:
            return super().createMimeDataFromSelection()
        return passage_mime(self.origin, self.source_id, self.text, *span)
