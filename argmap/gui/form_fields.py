"""Pieces of the inspector's forms: fields that commit when left, filled and read as text.

What a field holds is read as the map would store it (:func:`edited_attribution`);
filling a form leaves alone the fields still being typed into (:func:`fill`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from argmap.model import Attribution, clean_text

__all__ = [
    "EscapeReverts",
    "OnFocus",
    "SourceBox",
    "TextField",
    "edited_attribution",
    "fill",
    "form_layout",
    "line_text",
    "narrow_box",
    "text_of",
]

TextField = QLineEdit | QPlainTextEdit


class OnFocus(QObject):
    """Calls back when the watched widget gains (or loses) the keyboard focus.

    Plain-text boxes commit when they lose focus, like line edits on Enter.
    """

    def __init__(
        self, callback: Callable[[], None], event: QEvent.Type = QEvent.Type.FocusOut
    ) -> None:
        super().__init__()
        self.callback = callback
        self.wanted = event

    def eventFilter(self, watched, event) -> bool:
        if event.type() == self.wanted:
            self.callback()
        return False


class EscapeReverts(QObject):
    """Escape in a field puts back the text the map holds (``shown()``), dropping the typing.

    With nothing typed, Escape goes on to whatever else it does there.
    """

    def __init__(self, field: TextField, shown: Callable[[], str]) -> None:
        super().__init__(field)
        self.field = field
        self.shown = shown
        field.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.field
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and text_of(self.field) != self.shown()
        ):
            fill({"field": self.field}, {"field": self.shown()}, ())
            return True
        return False


def text_of(field: TextField) -> str:
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()


def fill(fields: dict[str, TextField], texts: dict[str, str], keep: Collection[str]) -> None:
    """Each field's text, but in the fields named in ``keep`` what is typed stays, cursor and all.

    A line shows its text from its beginning: a long title shows how it starts.
    """
    for name, field in fields.items():
        if name in keep:
            continue
        if isinstance(field, QLineEdit):
            field.setText(texts[name])
            field.setCursorPosition(0)
        else:
            field.setPlainText(texts[name])


def line_text(text: str) -> str:
    return clean_text(text).strip()


def edited_attribution(
    current: Attribution | None,
    typed: dict[str, str],
    edited: set[str],
    source: str | None,
    shown_source: str | None,
) -> Attribution | None:
    """``current`` with what the user changed of it; what they left alone is kept as stored."""
    readers = {"speaker": line_text, "quote": clean_text, "date": line_text}
    changes = {name: read(typed[name]) or None for name, read in readers.items() if name in edited}
    if source != shown_source:
        changes["source"] = source
    if not changes:
        return current
    attribution = (current or Attribution()).model_copy(update=changes)
    return None if attribution.is_empty() else attribution


def narrow_box() -> QComboBox:
    """A combo box whose width does not follow its longest entry (a source's long title)."""
    box = QComboBox()
    _narrow(box)
    return box


def _narrow(box: QComboBox) -> None:
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)


class SourceBox(QComboBox):
    """The sources to cite, and last an entry that adds one ("New source…").

    A closed combo box picks the entry an arrow key, a letter or the mouse wheel
    lands on; that last entry is to be picked from the opened list, never stepped
    onto while going through the sources (or scrolling the inspector).
    """

    _FORWARD = (Qt.Key.Key_Down, Qt.Key.Key_End, Qt.Key.Key_PageDown)

    def __init__(self) -> None:
        super().__init__()
        _narrow(self)
        self._stepped_from: int | None = None  # the entry before a key or the wheel moved
        self._forward = False

    def showPopup(self) -> None:
        self._stepped_from = None
        super().showPopup()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._stepped_from, self._forward = self.currentIndex(), event.key() in self._FORWARD
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._stepped_from, self._forward = self.currentIndex(), True
        super().wheelEvent(event)

    def step_off_last(self) -> bool:
        """The last entry was stepped onto, not picked from the list: back off it.

        Going down (an arrow key, End, the wheel) stops at the last source; a
        letter that found the last entry leaves the box where it was.
        """
        if self._stepped_from is None:
            return False
        self.setCurrentIndex(self.count() - 2 if self._forward else self._stepped_from)
        return True


def form_layout(page: QWidget) -> QFormLayout:
    """Labels beside their fields, or above them when the dock is narrow."""
    form = QFormLayout(page)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form
