"""The keyboard goes where the user expects: typed text lands in the card being made.

Every key here goes to ``QApplication.focusWidget()``, as a user's keyboard
does; a test that picked its own widget would hide exactly these bugs.
"""

from __future__ import annotations

import pytest
from gui_helpers import focus_on, keys, on_canvas, typed
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_claim_typed_after_file_new_lands_in_the_claim_not_the_inspector(window):
    window.scene.select_only(["claim"])
    focus_on(window, window.inspector.note_edit)
    keys(Qt.Key.Key_N, CTRL)
    window.qtbot.waitUntil(window.editor.inline.is_open)
    typed("Treaties deter")
    keys(Qt.Key.Key_Return)
    (claim,) = window.current_map().statements
    assert claim.text == "Treaties deter"
    assert claim.note is None


def test_a_note_being_typed_is_kept_when_insert_adds_a_reason(window):
    window.scene.select_only(["claim"])
    focus_on(window, window.inspector.note_edit)
    typed("check the date")
    steps = window.undo_stack.count()
    keys(Qt.Key.Key_Insert)
    assert window.current_map().statement("claim").note == "check the date"
    assert window.undo_stack.count() == steps + 2  # the note, then the new reason
    assert window.editor.inline.is_open()
    typed("A new reason")
    keys(Qt.Key.Key_Return)
    assert any(s.text == "A new reason" for s in window.current_map().statements)


def test_a_title_being_typed_is_kept_as_its_own_step_when_f3_finds_the_next_match(window):
    on_canvas(window)
    keys(Qt.Key.Key_F, CTRL)
    typed("treaty")
    keys(Qt.Key.Key_Return)  # the first match, the claim, is selected
    focus_on(window, window.inspector.title_edit)
    window.inspector.title_edit.selectAll()
    typed("My new title")
    steps = window.undo_stack.count()
    keys(Qt.Key.Key_F3)
    assert window.scene.selected_statement_ids() != ["claim"]
    assert window.current_map().statement("claim").title == "My new title"
    assert window.undo_stack.count() == steps + 1


def test_a_speaker_being_typed_for_an_arrow_is_kept_when_ctrl_t_turns_it_around(window):
    on_canvas(window)
    next(e for e in window.scene.edge_items if e.relation_id == "r-freedom").setSelected(True)
    focus_on(window, window.inspector.relation_speaker_edit)
    typed("Yitzhak Rabin")
    steps = window.undo_stack.count()
    keys(Qt.Key.Key_T, CTRL)
    relation = window.current_map().relation("r-freedom")
    assert relation.kind == "support"
    assert relation.attribution.speaker == "Yitzhak Rabin"
    assert window.inspector.relation_speaker_edit.text() == "Yitzhak Rabin"
    assert window.undo_stack.count() == steps + 2  # the speaker, then the turn


def test_typing_in_the_inspector_is_kept_when_a_menu_command_selects_other_cards(window):
    window.scene.select_only(["claim"])
    focus_on(window, window.inspector.title_edit)
    window.inspector.title_edit.selectAll()
    typed("Pact")
    select_all = next(a for a in window.actions() if a.text() == "Select A&ll")
    select_all.trigger()  # picked from the Edit menu: the title field never lost the keyboard
    assert window.inspector.statement_id is None
    assert window.current_map().statement("claim").title == "Pact"


def test_the_toolbars_undo_takes_back_the_note_being_typed_first(window):
    window.scene.select_only(["claim"])
    window.editor.set_fields("claim", title="Pact")
    focus_on(window, window.inspector.note_edit)
    typed("check the date")
    window.named_actions["undo"].trigger()  # the toolbar's Undo leaves the keyboard in the note
    claim = window.current_map().statement("claim")
    assert (claim.title, claim.note) == ("Pact", None)
    assert window.inspector.note_edit.toPlainText() == ""
    assert window.undo_stack.redoText() == "Edit note"
    window.named_actions["undo"].trigger()
    assert window.inspector.title_edit.text() == "Treaty"


def test_undo_is_offered_for_typing_before_the_map_has_a_step(window):
    undo = window.named_actions["undo"]
    assert not window.undo_stack.canUndo()
    assert not undo.isEnabled()
    window.scene.select_only(["claim"])
    focus_on(window, window.inspector.note_edit)
    typed("check the date")
    window.qtbot.waitUntil(undo.isEnabled, timeout=3000)
    undo.trigger()  # from the toolbar: takes back the typing
    assert window.inspector.note_edit.toPlainText() == ""
    assert window.current_map().statement("claim").note is None
    window.qtbot.waitUntil(lambda: not undo.isEnabled(), timeout=3000)
    assert window.undo_stack.canRedo()


def test_a_note_being_typed_stays_when_an_undo_changes_the_statement_shown(window):
    window.scene.select_only(["claim"])
    window.editor.set_fields("claim", title="Pact")
    focus_on(window, window.inspector.note_edit)
    typed("check the date")
    window.undo_stack.undo()  # not Edit › Undo, which keeps the note first
    assert window.inspector.title_edit.text() == "Treaty"
    assert window.inspector.note_edit.toPlainText() == "check the date"
    on_canvas(window, "claim")
    claim = window.current_map().statement("claim")
    assert (claim.title, claim.note) == ("Treaty", "check the date")


def test_f2_opens_the_card_with_the_text_being_typed_for_it_in_the_inspector(window):
    window.scene.select_only(["narrow"])
    focus_on(window, window.inspector.text_edit)
    window.inspector.text_edit.selectAll()
    typed("Rewritten")
    keys(Qt.Key.Key_F2)
    assert window.current_map().statement("narrow").text == "Rewritten"
    assert window.editor.inline.text_item().toPlainText() == "Rewritten"


def test_a_note_being_typed_is_kept_before_a_paste_from_the_menu(window):
    window.scene.select_only(["narrow"])
    window.editor.copy_selection()
    window.scene.select_only(["claim"])
    focus_on(window, window.inspector.note_edit)
    typed("check the date")
    window.named_actions["paste"].trigger()
    window.undo_stack.undo()  # the paste
    assert window.current_map().statement("claim").note == "check the date"


def test_escape_on_a_card_just_added_leaves_no_empty_card_behind(window):
    before = window.current_map().model_copy(deep=True)
    window.scene.select_only(["claim"])
    focus_on(window, window.view)
    keys(Qt.Key.Key_Insert)
    assert window.editor.inline.is_open()
    keys(Qt.Key.Key_Escape)
    assert window.current_map() == before
    assert all(s.text for s in window.current_map().statements)


def test_escape_after_typing_into_a_card_just_added_keeps_the_card(window):
    window.scene.select_only(["claim"])
    focus_on(window, window.view)
    keys(Qt.Key.Key_Insert)
    keys(Qt.Key.Key_Escape)
    window.scene.select_only(["claim"])
    keys(Qt.Key.Key_Insert)
    typed("Kept")
    keys(Qt.Key.Key_Return)
    count = len(window.current_map().statements)
    keys(Qt.Key.Key_F2)
    keys(Qt.Key.Key_Escape)  # cancels the edit, not the card: it was typed into
    assert len(window.current_map().statements) == count


def test_adding_a_reason_and_typing_it_is_one_undo_step(window):
    before = window.current_map().model_copy(deep=True)
    window.scene.select_only(["claim"])
    focus_on(window, window.view)
    keys(Qt.Key.Key_Insert)
    typed("Deterrence works")
    keys(Qt.Key.Key_Return)
    assert any(s.text == "Deterrence works" for s in window.current_map().statements)
    keys(Qt.Key.Key_Z, CTRL)
    assert window.current_map() == before  # no empty card left behind
    keys(Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert any(s.text == "Deterrence works" for s in window.current_map().statements)


def test_editing_the_new_card_again_is_a_step_of_its_own(window):
    window.scene.select_only(["claim"])
    focus_on(window, window.view)
    keys(Qt.Key.Key_Insert)
    typed("First")
    keys(Qt.Key.Key_Return)
    steps = window.undo_stack.count()
    keys(Qt.Key.Key_F2)
    typed("Second")
    keys(Qt.Key.Key_Return)
    assert window.undo_stack.count() == steps + 1
    keys(Qt.Key.Key_Z, CTRL)
    assert any(s.text == "First" for s in window.current_map().statements)


def test_a_new_objection_says_what_to_type(window):
    window.scene.select_only(["claim"])
    focus_on(window, window.view)
    keys(Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    assert window.editor.inline.placeholder() == "Type an objection to it"


def _outline_order(window) -> list[str]:
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    from argmap.gui.outline import ID_ROLE

    order = []
    iterator = QTreeWidgetItemIterator(window.outline)
    while iterator.value():
        order.append(iterator.value().data(0, ID_ROLE))
        iterator += 1
    return order


def test_f2_in_the_outline_edits_the_statement_selected_on_the_canvas(window):
    window.outline.setCurrentItem(window.outline.rows("freedom")[0])  # a row clicked earlier
    on_canvas(window, "narrow")
    focus_on(window, window.outline)
    keys(Qt.Key.Key_F2)
    keys(Qt.Key.Key_End, CTRL)
    typed(" (edited)")
    keys(Qt.Key.Key_Return)
    assert window.current_map().statement("narrow").text.endswith(" (edited)")
    assert not window.current_map().statement("freedom").text.endswith(" (edited)")


def test_down_in_the_outline_goes_to_the_row_below_the_one_selected_on_the_canvas(window):
    order = _outline_order(window)
    on_canvas(window, "credible")
    focus_on(window, window.outline)
    keys(Qt.Key.Key_Down)
    assert window.scene.selected_statement_ids() == [order[order.index("credible") + 1]]


def test_escape_in_an_inspector_field_drops_what_was_typed_there(window):
    window.scene.select_only(["claim"])
    title = window.inspector.title_edit
    focus_on(window, title)
    typed(" and more")
    keys(Qt.Key.Key_Escape)
    assert title.text() == window.current_map().statement("claim").title
    keys(Qt.Key.Key_Tab)  # leaving the field keeps nothing: nothing was left typed
    assert window.undo_stack.count() == 0


def test_escape_in_an_arrow_s_quote_drops_what_was_typed_there(window):
    from argmap.gui.undo_actions import typing_pending

    window.scene.clearSelection()
    edge = next(e for e in window.scene.edge_items if e.relation_id == "r-freedom")
    edge.setSelected(True)
    quote = window.inspector.relation_quote_edit
    focus_on(window, quote)
    typed("hands tied")
    assert typing_pending(window)
    keys(Qt.Key.Key_Escape)
    assert quote.toPlainText() == ""
    assert not typing_pending(window)
