"""Driving the editor with the mouse and the keyboard the way a person does.

Keys go to ``QApplication.focusWidget()``, as a user's keyboard does.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from argmap.gui.clipboard import Branch
from argmap.model import Relation, RelationKind, Statement

NO_MODIFIER = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


def view_point(window, scene_point: QPointF) -> QPoint:
    return window.view.mapFromScene(scene_point)


def card_centre(window, statement_id: str) -> QPointF:
    return window.scene.statement_items[statement_id].pos()


def handle_point(window, statement_id: str) -> QPointF:
    item = window.scene.statement_items[statement_id]
    return item.mapToScene(item.handle_centre())


def show_card(window, statement_id: str) -> None:
    window.view.centerOn(window.scene.statement_items[statement_id])


def click(window, scene_point: QPointF, modifiers=NO_MODIFIER) -> None:
    QTest.mouseClick(window.view.viewport(), LEFT, modifiers, view_point(window, scene_point))


def double_click(window, scene_point: QPointF) -> None:
    QTest.mouseDClick(window.view.viewport(), LEFT, NO_MODIFIER, view_point(window, scene_point))


def drag(window, start: QPointF, end: QPointF, modifiers=NO_MODIFIER, steps: int = 6) -> None:
    """Press at ``start``, move in a few steps, release at ``end`` (scene coordinates)."""
    viewport = window.view.viewport()
    a, b = view_point(window, start), view_point(window, end)
    QTest.mousePress(viewport, LEFT, modifiers, a)
    for i in range(1, steps + 1):
        point = QPoint(a.x() + (b.x() - a.x()) * i // steps, a.y() + (b.y() - a.y()) * i // steps)
        QTest.mouseMove(viewport, point)
    QTest.mouseRelease(viewport, LEFT, modifiers, b)


def typed(text: str) -> None:
    """Type into whatever has the keyboard focus, as a user's keyboard does."""
    for char in text:
        QTest.keyClick(QApplication.focusWidget(), char)


def add_a_reason(window, text: str = "A reason typed here") -> None:
    """Insert on the selected claim adds a reason; the text goes where the focus is."""
    window.activateWindow()
    window.view.setFocus()
    window.scene.select_only(["claim"])
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Insert)
    typed(text)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def pasted_chain(size: int, *, reverse: bool = False) -> Branch:
    """A branch to paste: ``size`` statements, each a reason for the one before.

    ``reverse`` lists each relation before the one its target hangs from.
    """
    statements = [Statement(id=f"p{i}", text=f"Pasted reason {i}") for i in range(size)]
    relations = [
        Relation(id=f"q{i}", kind=RelationKind.SUPPORT, premises=[f"p{i}"], target=f"p{i - 1}")
        for i in range(1, size)
    ]
    if reverse:
        relations.reverse()
    return Branch(statements, relations, [], {"p0": RelationKind.SUPPORT})


def keys(key, modifiers=NO_MODIFIER) -> None:
    """A key pressed on whatever has the keyboard focus."""
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


def focus_on(window, widget) -> None:
    """Click into ``widget``: it has the keyboard."""
    window.activateWindow()
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    window.qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def as_shown(tooltip: str) -> str:
    """The text a tooltip shows: Qt reads one that looks like HTML as HTML."""
    document = QTextDocument()
    if GuiQt.mightBeRichText(tooltip):
        document.setHtml(tooltip)
    else:
        document.setPlainText(tooltip)
    return document.toPlainText()


def on_canvas(window, *statement_ids: str) -> None:
    """The canvas has the keyboard, with these cards selected."""
    window.activateWindow()
    window.view.setFocus()
    window.qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    window.scene.select_only(list(statement_ids))
