"""The Help menu's windows: the keyboard shortcuts, the map legend, and About.

The shortcut sheet is read from the window's own actions, so it can never
disagree with what the keys do; the legend is drawn with the canvas's real
card and edge items in the map's theme, so it shows exactly what the map shows.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QPointF, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence, QPainterPath
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHeaderView,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap import __version__
from argmap.gui.items import EdgeItem, StatementItem
from argmap.model import Statement
from argmap.roles import Role
from argmap.theme import Theme

if TYPE_CHECKING:
    from argmap.gui.mainwindow import MainWindow

__all__ = ["ShortcutsDialog", "about_text", "legend_scene", "shortcut_rows", "show_about"]


def shortcut_rows(window: MainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every action with a shortcut: the menus', then the canvas's."""
    rows: list[tuple[str, str, str]] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            rows += _menu_rows(_plain(top.text()), menu)
    for action in window.view.actions():
        rows += _action_rows("Canvas", action)
    return rows


def _menu_rows(title: str, menu: QMenu) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            rows += _menu_rows(f"{title} › {_plain(action.text())}", sub)
        else:
            rows += _action_rows(title, action)
    return rows


def _action_rows(title: str, action: QAction) -> list[tuple[str, str, str]]:
    keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
    keys = [k for k in keys if k]
    return [(title, _plain(action.text()), ", ".join(keys))] if keys else []


def _plain(text: str) -> str:
    """A menu text without its mnemonic marker."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut, as a table."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard Shortcuts")
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(["Where", "Command", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 520)


LEGEND_ROLES = (
    (Role.MAIN_CLAIM, "Main claim: what the map is about"),
    (Role.REASON, "Reason: argues for the statement its arrow points to"),
    (Role.OBJECTION, "Objection: argues against it"),
    (Role.REBUTTAL, "Rebuttal: an objection to an objection"),
)


def legend_scene(theme: Theme) -> QGraphicsScene:
    """A card for each role and an arrow for each relation, drawn by the canvas's own items."""
    scene = QGraphicsScene()
    y = 0.0
    for number, (role, words) in enumerate(LEGEND_ROLES):
        name = role.value.capitalize()
        card = StatementItem(Statement(id=f"legend-{number}", text=name), role, theme)
        card.setFlags(card.flags() & ~card.GraphicsItemFlag.ItemIsMovable)
        card.setPos(card.card.width / 2, y + card.card.height / 2)
        scene.addItem(card)
        _caption(scene, words, 240, y + card.card.height / 2)
        y += card.card.height + 16
    for attack, words in ((False, "Supports (a reason)"), (True, "Attacks (an objection)")):
        edge = EdgeItem("legend", "a", "b", theme.edge(attack), arrow=True)
        path = QPainterPath(QPointF(10, y + 10))
        path.lineTo(QPointF(200, y + 10))
        edge.set_geometry(path, QPointF(10, y + 10), QPointF(200, y + 10))
        scene.addItem(edge)
        _caption(scene, words, 240, y + 10)
        y += 34
    return scene


def _caption(scene: QGraphicsScene, text: str, x: float, middle: float) -> None:
    caption = QGraphicsSimpleTextItem(text)
    caption.setPos(x, middle - caption.boundingRect().height() / 2)
    scene.addItem(caption)


def show_legend(window: MainWindow) -> QDialog:
    dialog = QDialog(window)
    dialog.setWindowTitle("Map Legend")
    scene = legend_scene(window.scene.theme)
    scene.setParent(dialog)
    view = QGraphicsView(scene, dialog)
    view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.resize(640, 420)
    dialog.show()
    return dialog


def about_text() -> str:
    """Version, Qt, and the Graphviz that exports go through."""
    try:
        from argmap.render.engine import find_engine

        engine = find_engine()
        graphviz = f"{'graphviz-pure' if engine.is_pure else 'Graphviz'} ({engine.executable})"
    except Exception as error:  # any failure to find it is worth showing, not raising
        graphviz = f"none found: {error}"
    return (
        f"<h3>argmap {html.escape(__version__)}</h3>"
        "<p>Map a debate: claims, reasons, objections, and who said them.</p>"
        f"<p>Qt {html.escape(qVersion())}, PySide6 {html.escape(PySide6.__version__)}<br>"
        f"Graphviz for exports: {html.escape(graphviz)}</p>"
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, "About argmap", about_text())
