"""Each gesture is one undo step, and undoing it gives back exactly what was there before."""

from __future__ import annotations

import pytest
from gui_helpers import typed
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from argmap.files import dumps_map

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


def key(key, modifiers=NONE) -> None:
    """A key pressed on whatever has the keyboard focus."""
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


def on_canvas(window, *statement_ids: str) -> None:
    """The canvas has the keyboard, with these cards selected."""
    window.activateWindow()
    window.view.setFocus()
    window.qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    window.scene.select_only(list(statement_ids))


def test_adding_a_co_premise_and_typing_its_text_is_one_undo_step(window):
    before = dumps_map(window.current_map())
    on_canvas(window, "deterrence")
    key(Qt.Key.Key_Insert, ALT)
    typed("Allies keep their promises")
    key(Qt.Key.Key_Return)
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Add co-premise"
    key(Qt.Key.Key_Z, CTRL)
    assert dumps_map(window.current_map()) == before
