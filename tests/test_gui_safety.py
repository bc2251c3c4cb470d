"""No edit can lose typing or leave a map that will not load again."""

from __future__ import annotations

import pytest
from conftest import small_map, wait_for_layout
from gui_helpers import card_centre, drag
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from argmap.files import load_map
from argmap.gui.clipboard import branch_from_mime

pytestmark = pytest.mark.gui

PDF_TEXT = "Page one ends here.\x0cPage two\x0bgoes on\x00."


def test_text_typed_inline_is_saved_even_if_the_editor_is_still_open(window):
    window.scene.select_only(["claim"])
    window.editor.edit_text("claim")
    QTest.keyClicks(window.view.viewport(), "Unfinished")
    assert window.editor.inline.is_open()
    assert window.save_to(window.document.path)
    assert load_map(window.document.path).statement("claim").text == "Unfinished"


def test_a_field_still_being_typed_in_the_inspector_is_saved(window):
    window.scene.select_only(["claim"])
    window.inspector.speaker_edit.setText("Yitzhak Rabin")  # no Enter, focus still there
    assert window.save_to(window.document.path)
    assert load_map(window.document.path).statement("claim").attribution.speaker == "Yitzhak Rabin"


def test_closing_with_only_unfinished_typing_still_asks(window, monkeypatch):
    asked = []
    monkeypatch.setattr(
        window, "ask_save_changes", lambda: asked.append(1) or QMessageBox.StandardButton.Cancel
    )
    window.scene.select_only(["claim"])
    window.inspector.title_edit.setText("New title")
    assert not window.close()
    assert asked


def test_pasted_page_breaks_and_control_characters_are_cleaned_and_the_map_reloads(window):
    window.scene.select_only(["claim"])
    window.inspector.text_edit.setPlainText(PDF_TEXT)
    window.inspector.quote_edit.setPlainText(PDF_TEXT)
    window.inspector.commit_pending()
    window.editor.set_text("deterrence", PDF_TEXT)
    assert window.save_to(window.document.path)
    reloaded = load_map(window.document.path)
    assert reloaded.statement("claim").text == "Page one ends here.\nPage two\ngoes on."
    assert reloaded.statement("claim").attribution.quote == reloaded.statement("claim").text
    assert reloaded.statement("deterrence").text == reloaded.statement("claim").text


def test_plain_text_with_control_characters_pastes_as_clean_statements():
    mime = QMimeData()
    mime.setText(f"First paragraph\x07\n\n{PDF_TEXT}")
    branch = branch_from_mime(mime)
    assert [s.text for s in branch.statements] == [
        "First paragraph",
        "Page one ends here.\nPage two\ngoes on.",
    ]


def test_an_empty_clipboard_pastes_nothing(window, monkeypatch):
    monkeypatch.setattr(QGuiApplication.clipboard(), "mimeData", lambda *args: None)
    assert window.editor.paste() == []
    assert window.current_map() == small_map()


def test_a_card_cannot_become_co_premise_of_an_argument_for_itself(window, monkeypatch):
    # "narrow" objects to "freedom": joining "freedom" to that objection would make it argue
    # against itself.
    monkeypatch.setattr(window, "choose_drop", lambda dragged, target, pos: "co-premise")
    messages = []
    window.editor.message.connect(messages.append)
    window.editor.drop_onto("freedom", "narrow", "co-premise")
    assert window.current_map() == small_map()
    assert window.undo_stack.count() == 0
    assert messages
    assert "itself" in messages[-1]


def test_rubber_band_then_delete_removes_cards_and_arrows_without_errors(window):
    window.view.fit_map()
    rect = window.scene.itemsBoundingRect()
    drag(
        window,
        rect.topLeft() - QPointF(20, 20),
        rect.bottomRight() + QPointF(20, 20),
        Qt.KeyboardModifier.ShiftModifier,
    )
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    window.qtbot.wait(50)
    assert window.current_map().statements == []
    assert window.errors == []
    window.undo_stack.undo()
    assert window.current_map() == small_map()


def test_undoing_the_addition_of_a_relation_shown_in_the_inspector_clears_it(window):
    relation = window.editor.connect_statements("credible", "claim", "support")
    window.inspector.show_relation(relation)
    window.undo_stack.undo()
    assert window.inspector.relation_id is None
    assert window.inspector.currentIndex() == 0


def test_dropping_a_pinned_card_whose_argument_is_undercut_moves_it_without_errors(
    window, monkeypatch
):
    monkeypatch.setattr(window, "choose_drop", lambda dragged, target, pos: "reason")
    window.editor.add_undercut("r-freedom", edit=False)
    wait_for_layout(window.qtbot, window)
    window.view.fit_map()
    drag(window, card_centre(window, "freedom"), card_centre(window, "freedom") + QPointF(30, 30))
    wait_for_layout(window.qtbot, window)
    window.view.fit_map()
    drag(window, card_centre(window, "freedom"), card_centre(window, "credible"))
    wait_for_layout(window.qtbot, window)
    relations = window.current_map().relations
    assert any(r.premises == ["freedom"] and r.target == "credible" for r in relations)
    assert not any(r.premises == ["freedom"] and r.target == "claim" for r in relations)


def test_an_editor_that_quits_leaves_a_branch_another_argmap_copied_on_the_clipboard(window):
    from argmap.gui.app import release_clipboard
    from argmap.gui.clipboard import MIME_TYPE

    clipboard = QGuiApplication.clipboard()
    theirs = QMimeData()  # as a branch cut in another argmap reads here
    theirs.setData(MIME_TYPE, window.current_map().model_dump_json().encode())
    clipboard.setMimeData(theirs)
    try:
        release_clipboard()
        assert clipboard.mimeData().hasFormat(MIME_TYPE)
    finally:
        clipboard.clear()
    window.scene.select_only(["narrow"])
    assert window.editor.copy_selection()
    release_clipboard()  # what this editor copied goes with it
    left = clipboard.mimeData()
    assert left is None or not left.hasFormat(MIME_TYPE)
