"""Desktop conventions: a toolbar, a Help menu, shortcuts shown where commands are offered."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPointF, Qt, qVersion
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel

from argmap import __version__
from argmap.gui.export_dialog import ExportDialog
from argmap.gui.help import ShortcutsDialog, about_text, legend_scene, shortcut_rows
from argmap.gui.items import EdgeItem, StatementItem
from argmap.gui.menus import canvas_menu, drop_menu, relation_menu, statement_menu
from argmap.roles import Role

pytestmark = pytest.mark.gui


def _keys(action) -> list[str]:
    return [k.toString() for k in action.shortcuts()]


def _plain(text: str) -> str:
    return text.replace("&", "")


def test_the_card_menu_shows_the_shortcuts_of_the_edit_menu(window):
    menu = statement_menu(window, "freedom")
    by_text = {_plain(a.text()): a for a in menu.actions() if a.text()}
    assert _keys(by_text["Add Reason"]) == _keys(window.named_actions["add_reason"])
    assert _keys(by_text["Add Objection"]) == _keys(window.named_actions["add_objection"])
    assert _keys(by_text["Delete"]) == ["Del"]
    assert _keys(by_text["Copy"]) == _keys(window.named_actions["copy"])


def test_the_edge_and_canvas_menus_show_their_shortcuts_too(window):
    edge = {_plain(a.text()): a for a in relation_menu(window, "r-deter").actions()}
    assert _keys(next(a for t, a in edge.items() if t.startswith("Turn"))) == ["Ctrl+T"]
    canvas = {_plain(a.text()): a for a in canvas_menu(window, QPointF(0, 0)).actions()}
    assert _keys(canvas["Fit Map"]) == ["Ctrl+0"]


def test_the_shortcut_sheet_lists_every_shortcut_the_window_answers_to(window):
    rows = shortcut_rows(window)
    listed = {(command, keys) for _, command, keys in rows}
    assert ("Add Reason", "Ins, Ctrl+Return") in listed
    assert ("Turn Support ⇄ Attack", "Ctrl+T") in listed
    assert ("Select what it argues for", "Up") in listed  # the canvas's own keys too
    every = [
        action
        for action in window.named_actions.values()
        if action.shortcuts() and _plain(action.text())
    ]
    assert {_plain(a.text()) for a in every} <= {command for _, command, _ in rows}


def test_the_shortcut_sheet_follows_a_changed_shortcut(window):
    window.named_actions["fit"].setShortcut(QKeySequence("Ctrl+9"))
    assert ("View", "Fit Map", "Ctrl+9") in shortcut_rows(window)


def test_help_keyboard_shortcuts_opens_the_sheet(window, monkeypatch):
    shown = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda self: shown.append(self.table.rowCount()))
    window.named_actions["shortcuts"].trigger()
    assert shown
    assert shown[0] == len(shortcut_rows(window))


def test_the_legend_draws_each_role_and_each_arrow_with_the_maps_theme(window):
    theme = window.scene.theme
    scene = legend_scene(theme)
    cards = [i for i in scene.items() if isinstance(i, StatementItem)]
    assert {c.role for c in cards} == {Role.MAIN_CLAIM, Role.REASON, Role.OBJECTION, Role.REBUTTAL}
    edges = [i for i in scene.items() if isinstance(i, EdgeItem)]
    assert sorted(e.style.dashed for e in edges) == [theme.support.dashed, theme.attack.dashed]


def test_about_names_the_version_qt_and_the_graphviz_used():
    text = about_text()
    assert __version__ in text
    assert qVersion() in text
    assert "graphviz" in text.lower()


def test_the_toolbar_offers_the_main_commands_with_icons_and_can_be_hidden(window, qtbot):
    toolbar = window.toolbar
    commands = [_plain(a.text()) for a in toolbar.actions() if not a.isSeparator()]
    assert commands[:5] == ["New", "Open…", "Save", "Add Reason", "Add Objection"]
    assert {"Fit Map", "Export…"} <= set(commands)
    assert all(not a.icon().isNull() for a in toolbar.actions() if not a.isSeparator())
    toolbar.toggleViewAction().trigger()
    assert not toolbar.isVisible()


def test_a_toolbar_button_adds_a_reason_to_the_selected_card(window):
    window.scene.select_only(["claim"])
    before = len(window.current_map().statements)
    button = window.toolbar.widgetForAction(window.named_actions["add_reason"])
    button.click()
    assert len(window.current_map().statements) == before + 1
    assert window.editor.inline.is_open()
    assert QApplication.focusWidget() is None or QApplication.focusWidget() is window.view


def test_the_legend_window_opens_from_the_help_menu(window):
    window.named_actions["legend"].trigger()
    dialogs = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]
    assert any(d.windowTitle() == "Map Legend" for d in dialogs)
    for dialog in dialogs:
        dialog.close()


def test_help_contents_key_is_the_standard_one(window):
    keys = window.named_actions["shortcuts"].shortcuts()
    assert keys
    assert keys == QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents)


def test_no_key_is_bound_to_two_commands(window):
    owners: dict[str, list[str]] = {}
    for _, command, keys in shortcut_rows(window):
        for key in keys.split(", "):
            owners.setdefault(key, []).append(command)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def _mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` (``&&`` is a literal ampersand), lower case."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_every_mnemonic_in_the_export_dialog_is_its_own(window):
    dialog = ExportDialog(window, "default")
    texts = [
        w.text() for w in (*dialog.findChildren(QLabel), *dialog.findChildren(QAbstractButton))
    ]
    # Qt on GNOME and KDE labels the standard buttons "&OK" and "&Cancel".
    owners: dict[str, list[str]] = {"o": ["&OK"], "c": ["&Cancel"]}
    for text in texts:
        letter = _mnemonic(text)
        if letter is not None and text not in ("&OK", "&Cancel"):
            owners.setdefault(letter, []).append(text)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    assert len(owners) >= 10  # format, theme, cards, layout, legend, fold, pages, labels


def test_every_mnemonic_in_each_menu_is_its_own(window):
    """In an open menu a letter picks its item at once: two items of one letter do not."""
    clashes = {}
    for entry in window.menuBar().actions():
        owners: dict[str, list[str]] = {}
        for action in entry.menu().actions():
            letter = _mnemonic(action.text())
            if letter is not None and not action.isSeparator():
                owners.setdefault(letter, []).append(action.text())
        clashes.update({k: v for k, v in owners.items() if len(v) > 1})
    assert clashes == {}


@pytest.mark.parametrize("which", ["statement", "relation", "canvas", "drop"])
def test_every_mnemonic_in_each_context_menu_is_its_own(window, which):
    made = {
        "statement": lambda: statement_menu(window, "narrow"),
        "relation": lambda: relation_menu(window, "r-freedom"),
        "canvas": lambda: canvas_menu(window, QPointF(0, 0)),
        "drop": lambda: drop_menu(window, "narrow", "claim"),
    }
    owners: dict[str, list[str]] = {}
    for action in made[which]().actions():
        letter = _mnemonic(action.text())
        if letter is not None and not action.isSeparator():
            owners.setdefault(letter, []).append(action.text())
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_alt_and_the_legends_letter_ticks_the_legend(window, qtbot):
    dialog = ExportDialog(window, "default")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.format_box.setFocus()
    letter = _mnemonic(dialog.legend_box.text())
    assert letter is not None
    assert not dialog.legend_box.isChecked()
    QTest.keyClick(QApplication.focusWidget(), letter, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.legend_box.isChecked)  # a mnemonic clicks, as a click is shown
