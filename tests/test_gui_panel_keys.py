"""Editing keys pressed in a panel act on the panel, never on the map behind it.

Delete, Ctrl+A and the clipboard keys are the map's shortcuts on the canvas and
in the outline; in the inspector, the sources panel, the source text and the
history they act on what has the focus there, or do nothing.
"""

from __future__ import annotations

import pytest
from conftest import small_map, wait_for_layout
from gui_helpers import focus_on, keys
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def select_arrow(window, relation_id: str) -> None:
    window.scene.clearSelection()
    next(e for e in window.scene.edge_items if e.relation_id == relation_id).setSelected(True)
    window.qtbot.waitUntil(lambda: window.inspector.relation_id == relation_id)


def show_source_text(window, text: str = "Some source text."):
    argument_map = small_map()
    argument_map.sources[0] = argument_map.sources[0].model_copy(update={"text": text})
    window.show_map(argument_map, None)
    wait_for_layout(window.qtbot, window)
    window.source_text_dock.show()
    window.source_text.show_source("op-ed")
    window.scene.select_only(["claim"])
    window.qtbot.wait(20)
    view = window.source_text.view
    focus_on(window, view)
    return view


def test_delete_in_the_sources_table_removes_the_source_and_keeps_the_selected_card(
    window, monkeypatch
):
    monkeypatch.setattr(window.sources_panel, "confirm_remove", lambda title, count: True)
    window.sources_dock.show()
    window.scene.select_only(["narrow"])
    table = window.sources_panel.table
    focus_on(window, table)
    table.selectRow(0)
    keys(Qt.Key.Key_Delete)
    assert window.document.has_element("narrow")
    assert window.current_map().sources == []
    window.undo_stack.undo()
    assert [s.id for s in window.current_map().sources] == ["op-ed"]


def test_delete_in_the_premises_list_takes_that_premise_out_and_keeps_the_arrow(window):
    select_arrow(window, "r-deter")
    premises = window.inspector.premises_editor.list
    focus_on(window, premises)
    premises.setCurrentRow(1)
    keys(Qt.Key.Key_Delete)
    assert window.current_map().relation("r-deter").premises == ["deterrence"]
    window.undo_stack.undo()
    assert window.current_map().relation("r-deter").premises == ["deterrence", "credible"]


def test_delete_on_the_last_premise_leaves_the_arrow_whole(window):
    select_arrow(window, "r-freedom")
    premises = window.inspector.premises_editor.list
    focus_on(window, premises)
    premises.setCurrentRow(0)
    keys(Qt.Key.Key_Delete)
    assert window.current_map().relation("r-freedom").premises == ["freedom"]


def test_delete_on_a_box_of_the_inspector_deletes_no_card(window):
    window.scene.select_only(["narrow"])
    window.qtbot.waitUntil(lambda: window.inspector.statement_id == "narrow")
    focus_on(window, window.inspector.acceptance_box)
    keys(Qt.Key.Key_Delete)
    keys(Qt.Key.Key_X, CTRL)
    assert window.document.has_element("narrow")


def test_delete_in_the_history_deletes_no_card(window):
    window.history_dock.show()
    window.scene.select_only(["narrow"])
    focus_on(window, window.undo_view)
    keys(Qt.Key.Key_Delete)
    assert window.document.has_element("narrow")


def test_ctrl_c_in_the_source_text_copies_the_selected_passage(window):
    view = show_source_text(window)
    view.select_span(0, 4)
    keys(Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == "Some"


def test_ctrl_a_in_the_source_text_selects_the_whole_text_not_every_card(window):
    view = show_source_text(window)
    keys(Qt.Key.Key_A, CTRL)
    assert view.textCursor().selectedText() == "Some source text."
    assert window.scene.selected_statement_ids() == ["claim"]


def test_delete_in_the_source_text_deletes_no_card(window):
    show_source_text(window)
    keys(Qt.Key.Key_Delete)
    assert window.document.has_element("claim")


def test_shift_insert_in_a_panel_still_adds_an_objection(window):
    window.sources_dock.show()
    window.scene.select_only(["claim"])
    before = len(window.current_map().relations)
    focus_on(window, window.sources_panel.table)
    keys(Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    window.qtbot.waitUntil(lambda: len(window.current_map().relations) == before + 1)
