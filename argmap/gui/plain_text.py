"""The user's words in labels and tooltips, shown as they were typed.

Qt shows a label's text, and any tooltip, that looks like HTML as HTML: a
statement reading ``Use <h1>big</h1> words`` would show as a heading, and
``A<B and C>D`` would lose letters. Labels of the user's words are plain text,
and tooltips of them are escaped; in a menu entry, an ``&`` marks no shortcut.
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt

__all__ = ["menu_text", "plain_tooltip"]


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip shows it, character for character and line for line.

    Text that Qt would take for HTML is given as HTML that reads as the text;
    any other is given as it is.
    """
    if not Qt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def menu_text(text: str) -> str:
    """``text`` for a menu entry: an ``&`` in it is shown, not taken for a shortcut's mark."""
    return text.replace("&", "&&")
