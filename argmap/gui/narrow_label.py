"""A label showing the user's words in a dock, which never makes the dock wider.

A word-wrapping label asks for the width of its longest word: one long word
(a URL, a title typed without spaces) would widen the dock, and with it the
window, past the screen. This label takes the width the dock gives it; a word
longer than that is cut at the edge, and the tooltip holds the whole text.
Both show the words as typed, never as HTML, unless the label is made for
HTML (whose maker escapes the user's words in it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from argmap.gui.plain_text import plain_tooltip

__all__ = ["NarrowLabel"]


class NarrowLabel(QLabel):
    def __init__(self, text: str = "", *, html: bool = False) -> None:
        super().__init__()
        self._html = html
        self.setTextFormat(Qt.TextFormat.RichText if html else Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text if self._html else plain_tooltip(text))
