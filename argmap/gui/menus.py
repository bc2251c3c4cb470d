"""Context menus for cards, edges and empty canvas, and the menu shown when a card is dropped.

Menus are built by functions that return them unshown, so tests can trigger
their actions the way a click would. An entry that the window also offers
shows the window's keyboard shortcut beside it (read from the window's
action, so the two never disagree), as desktop menus do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from argmap.gui.plain_text import menu_text
from argmap.model import RelationKind
from argmap.roles import Role

if TYPE_CHECKING:
    from argmap.gui.mainwindow import MainWindow

__all__ = ["canvas_menu", "drop_menu", "relation_menu", "statement_menu"]


def _entry(
    menu: QMenu, window: MainWindow, text: str, slot: Callable[[], object], shortcut_of: str = ""
) -> QAction:
    """An entry; ``shortcut_of`` names the window's action whose keys it shows."""
    action = menu.addAction(text, slot)
    same = window.named_actions.get(shortcut_of)
    if same is not None:
        action.setShortcuts(same.shortcuts())
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # only while the menu is open
    return action


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def statement_menu(window: MainWindow, statement_id: str) -> QMenu:
    """What can be done to a card: add premises, edit, clipboard, delete, unpin."""
    editor = window.editor
    argument_map = window.current_map()
    role = argument_map.roles().get(statement_id)
    menu = QMenu(window)
    _entry(
        menu, window, "Add &Reason", lambda: editor.add_premise(RelationKind.SUPPORT), "add_reason"
    )
    _entry(
        menu,
        window,
        "Add &Objection",
        lambda: editor.add_premise(RelationKind.ATTACK),
        "add_objection",
    )
    if role in (Role.OBJECTION, Role.REBUTTAL):
        menu.addAction("Add Re&buttal", lambda: editor.add_premise(RelationKind.ATTACK))
    if role is not Role.MAIN_CLAIM:
        _entry(menu, window, "Add Co-pre&mise", editor.add_co_premise, "add_co_premise")
    menu.addSeparator()
    _entry(menu, window, "&Edit Text", lambda: editor.edit_text(statement_id), "edit_text")
    menu.addSeparator()
    _entry(menu, window, "Cu&t", editor.cut_selection, "cut")
    _entry(menu, window, "&Copy", editor.copy_selection, "copy")
    _entry(menu, window, "&Paste", editor.paste, "paste")
    menu.addSeparator()
    if statement_id in argument_map.layout.positions:
        menu.addAction("&Unpin", lambda: editor.unpin([statement_id]))
    _entry(menu, window, "&Delete", editor.delete_selection, "delete")
    return menu


def relation_menu(window: MainWindow, relation_id: str) -> QMenu:
    """What can be done to an edge: flip its kind, undercut it, delete it."""
    editor = window.editor
    relation = window.current_map().relation(relation_id)
    menu = QMenu(window)
    flip = (
        "Turn Support into &Attack"
        if relation.kind == RelationKind.SUPPORT
        else "Turn Attack into &Support"
    )
    _entry(menu, window, flip, lambda: editor.toggle_relation_kind(relation_id), "toggle_kind")
    menu.addAction("Add &Rebuttal of This Inference", lambda: editor.add_undercut(relation_id))
    menu.addSeparator()
    menu.addAction("&Delete Relation", lambda: editor.delete_relations({relation_id}))
    return menu


def canvas_menu(window: MainWindow, point: QPointF) -> QMenu:
    editor = window.editor
    menu = QMenu(window)
    menu.addAction("&New Statement Here", lambda: editor.add_statement_at(point))
    _entry(menu, window, "&Paste", editor.paste, "paste")
    menu.addSeparator()
    _entry(menu, window, "&Fit Map", window.view.fit_map, "fit")
    return menu


def drop_menu(window: MainWindow, dragged: str, target: str) -> QMenu:
    """Asked when a card is dropped onto another: what should the dragged statement become?"""
    argument_map = window.current_map()
    statement = argument_map.statement(target)
    name = menu_text(_short(statement.title or statement.text or target))
    menu = QMenu(window)
    for how, text in (
        ("reason", f"Reason for “{name}”"),
        ("objection", f"Objection to “{name}”"),
        ("co-premise", f"Co-premise with “{name}”"),
    ):
        action = menu.addAction(text)
        action.setData(how)
    co_premise = menu.actions()[-1]
    co_premise.setEnabled(any(target in r.premises for r in argument_map.relations))
    return menu
