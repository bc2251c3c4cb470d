"""Menus, dialogs and docks, reached the way a user reaches them."""

from __future__ import annotations

import html

import pytest
from conftest import small_map, wait_for_layout
from gui_helpers import card_centre, drag, show_card, view_point
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QGraphicsItem, QMessageBox

from argmap.files import save_map
from argmap.gui import file_actions
from argmap.gui.menus import drop_menu

pytestmark = pytest.mark.gui


def press(window, sequence: str) -> None:
    window.view.setFocus()
    QTest.keySequence(window.view, QKeySequence(sequence))


def other_map(tmp_path):
    other = small_map()
    other.title = "Another map"
    path = tmp_path / "other.argmap"
    save_map(other, path)
    return path


def test_opening_a_recent_file_with_unsaved_changes_asks_and_cancel_keeps_the_map(
    window, tmp_path, monkeypatch
):
    path = other_map(tmp_path)
    window.files.remember_recent(path)
    window.editor.set_text("claim", "Unsaved edit")
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Cancel)
    next(a for a in window.files.recent_menu.actions() if a.text() == str(path)).trigger()
    assert window.current_map().statement("claim").text == "Unsaved edit"
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    next(a for a in window.files.recent_menu.actions() if a.text() == str(path)).trigger()
    assert window.current_map().title == "Another map"


def recent_entries(window) -> list[str]:
    """What File › Open Recent lists when the File menu is opened."""
    file_menu = window.menuBar().actions()[0].menu()
    file_menu.popup(window.mapToGlobal(window.rect().center()))
    entries = [action.text() for action in window.files.recent_menu.actions()]
    file_menu.hide()
    return entries


def test_open_recent_does_not_offer_a_file_deleted_since_it_was_opened(window, tmp_path):
    path = other_map(tmp_path)
    window.files.remember_recent(path)
    assert str(path) in recent_entries(window)
    path.unlink()
    assert str(path) not in recent_entries(window)
    assert str(window.document.path) in recent_entries(window)


def test_picking_a_recent_file_that_is_gone_takes_it_off_the_list(window, tmp_path):
    path = other_map(tmp_path)
    window.files.remember_recent(path)
    path.unlink()  # while the menu still lists it
    next(a for a in window.files.recent_menu.actions() if a.text() == str(path)).trigger()
    assert "other.argmap is no longer in" in window.errors[-1]
    assert str(path) not in window.files.recent()
    assert str(path) not in [a.text() for a in window.files.recent_menu.actions()]
    assert window.current_map() == small_map()


def test_the_export_dialog_exports_with_the_chosen_theme_and_layout(window, tmp_path, monkeypatch):
    out = tmp_path / "chosen.svg"

    def answer(dialog):
        dialog.format_box.setCurrentText("svg")
        dialog.theme_box.setCurrentText("dark")
        dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("auto"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(file_actions.ExportDialog, "exec", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    press(window, "Ctrl+E")
    svg = out.read_text(encoding="utf-8")
    assert "A treaty would serve" in svg
    from argmap.theme import get_theme

    assert get_theme("dark").background.lower() in svg.lower()


def test_export_pdf_from_the_window_writes_a_pdf(window, tmp_path):
    out = tmp_path / "map.pdf"
    assert window.files.export_to(out, "pdf", None, "pinned")
    assert out.read_bytes().startswith(b"%PDF")


def test_hovering_a_card_shows_its_quote_and_source(window):
    window.editor.set_fields(
        "claim",
        attribution=small_map()
        .statement("deterrence")
        .attribution.model_copy(update={"quote": "a formal guarantee"}),
    )
    tip = window.scene.statement_items["claim"].toolTip()
    assert "a formal guarantee" in tip
    assert "A defense treaty is not the answer" in tip


def test_the_tooltip_qt_shows_on_hover_is_there_once_the_pointer_is_over_the_card(window):
    show_card(window, "deterrence")
    QTest.mouseMove(window.view.viewport(), view_point(window, card_centre(window, "deterrence")))
    item = window.scene.statement_items["deterrence"]
    assert "A defense treaty is not the answer" in QGraphicsItem.toolTip(item)  # what Qt reads


def test_the_history_dock_lists_every_undo_step(window):
    window.editor.set_text("claim", "One")
    window.editor.set_text("deterrence", "Two")
    assert window.undo_view.stack() is window.undo_stack
    assert window.undo_view.model().rowCount() == 3  # the clean state and two edits


def test_ctrl_y_redoes(window):
    window.editor.set_text("claim", "Changed")
    press(window, "Ctrl+Z")
    assert window.current_map() == small_map()
    press(window, "Ctrl+Y")
    assert window.current_map().statement("claim").text == "Changed"


def test_ctrl_l_forgets_pinned_places_and_undo_brings_them_back(window):
    drag(window, card_centre(window, "gimmick"), card_centre(window, "gimmick") + QPointF(80, 40))
    wait_for_layout(window.qtbot, window)
    assert "gimmick" in window.current_map().layout.positions
    press(window, "Ctrl+L")
    assert window.current_map().layout.positions == {}
    press(window, "Ctrl+Z")
    assert "gimmick" in window.current_map().layout.positions


def test_laying_out_unpinned_statements_keeps_pinned_ones(window):
    drag(window, card_centre(window, "gimmick"), card_centre(window, "gimmick") + QPointF(80, 40))
    wait_for_layout(window.qtbot, window)
    pinned = window.current_map().layout.positions["gimmick"]
    action = next(
        a for a in window.actions() if a.text().replace("&", "") == "Lay Out Unpinned Statements"
    )
    action.trigger()
    wait_for_layout(window.qtbot, window)
    item = window.scene.statement_items["gimmick"]
    assert (item.pos().x(), item.pos().y()) == (pinned.x, pinned.y)


def test_a_tag_typed_twice_in_the_inspector_is_kept_once(window):
    from gui_helpers import focus_on, keys, typed

    window.scene.select_only(["deterrence"])
    focus_on(window, window.inspector.tags_edit)
    typed("security, 1990s, security")
    keys(Qt.Key.Key_Return)
    assert window.current_map().statement("deterrence").tags == ["security", "1990s"]


def test_inspector_fields_edit_the_statement(window):
    window.scene.select_only(["deterrence"])
    inspector = window.inspector
    inspector.title_edit.setText("Deterrence")
    inspector.title_edit.editingFinished.emit()
    inspector.tags_edit.setText("security, 1990s")
    inspector.tags_edit.editingFinished.emit()
    inspector.acceptance_box.setCurrentText("accepted")
    inspector.acceptance_box.activated.emit(inspector.acceptance_box.currentIndex())
    inspector.source_box.setCurrentIndex(inspector.source_box.findData("op-ed"))
    inspector.source_box.activated.emit(inspector.source_box.currentIndex())
    statement = window.current_map().statement("deterrence")
    assert statement.title == "Deterrence"
    assert statement.tags == ["security", "1990s"]
    assert statement.acceptance == "accepted"
    assert statement.attribution.source == "op-ed"


def test_the_inspector_turns_a_relation_into_an_attack(window):
    window.inspector.show_relation("r-deter")
    box = window.inspector.kind_box
    box.setCurrentText("attack")
    box.activated.emit(box.currentIndex())
    assert {r.id: r.kind for r in window.current_map().relations}["r-deter"] == "attack"


def test_clicking_a_row_in_the_outline_selects_the_card(window):
    tree = window.outline
    row = next(
        tree.topLevelItem(0).child(i)
        for i in range(tree.topLevelItem(0).childCount())
        if tree.topLevelItem(0).child(i).data(0, Qt.ItemDataRole.UserRole) == "freedom"
    )
    QTest.mouseClick(
        tree.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        tree.visualItemRect(row).center(),
    )
    assert window.scene.selected_statement_ids() == ["freedom"]


def test_the_drop_menu_names_a_statement_with_an_ampersand_as_typed(window):
    window.editor.set_fields("claim", title="Peace & security")
    entries = [entry.iconText() for entry in drop_menu(window, "gimmick", "claim").actions()]
    assert entries[0] == "Reason for “Peace & security”"


def test_a_quote_with_html_in_it_shows_as_text_in_the_tooltip(window):
    quote = '<img src="file:///etc/passwd"> & <b>bold</b>'
    attribution = (
        small_map().statement("deterrence").attribution.model_copy(update={"quote": quote})
    )
    window.editor.set_fields("claim", attribution=attribution)
    tip = window.scene.statement_items["claim"].toolTip()
    assert "<img" not in tip
    assert "<b>" not in tip
    assert html.escape(quote) in tip
