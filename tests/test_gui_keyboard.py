"""Gestures made from the keyboard do what the user sees on the map.

Every key goes to ``QApplication.focusWidget()``, as a user's keyboard does.
"""

from __future__ import annotations

import pytest
from conftest import small_map, wait_for_layout
from gui_helpers import keys, on_canvas, typed
from PySide6.QtCore import Qt

from argmap.model import ArgumentMap, Relation, Statement

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
ARROWS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)


def test_f2_again_while_typing_in_a_card_keeps_what_was_typed_in_one_undo_step(window):
    on_canvas(window, "claim")
    steps = window.undo_stack.count()
    keys(Qt.Key.Key_F2)
    typed("new text")
    keys(Qt.Key.Key_F2)
    assert window.editor.inline.is_open()
    keys(Qt.Key.Key_Return)
    assert window.current_map().statement("claim").text == "new text"
    assert window.undo_stack.count() == steps + 1


def test_f2_on_another_card_keeps_what_was_typed_in_the_first(window):
    on_canvas(window, "claim")
    keys(Qt.Key.Key_F2)
    typed("new text")
    window.scene.select_only(["credible"])
    keys(Qt.Key.Key_F2)
    assert window.current_map().statement("claim").text == "new text"
    assert window.editor.inline.statement_id == "credible"


def test_a_card_pasted_with_its_objection_keeps_the_objection_on_the_copy_only(window):
    on_canvas(window, "freedom", "narrow")
    keys(Qt.Key.Key_C, CTRL)
    on_canvas(window, "credible")
    keys(Qt.Key.Key_V, CTRL)
    argument_map = window.current_map()
    (freedom,) = [
        s.id
        for s in argument_map.statements
        if s.text.endswith("freedom of action") and s.id != "freedom"
    ]
    (narrow,) = [
        s.id for s in argument_map.statements if s.text.startswith("A narrow") and s.id != "narrow"
    ]
    assert [r.target for r in argument_map.relations if narrow in r.premises] == [freedom]
    assert [r.target for r in argument_map.relations if freedom in r.premises] == ["credible"]


def test_the_arrow_keys_reach_an_undercut_where_the_outline_shows_it(window):
    on_canvas(window, "claim")
    keys(Qt.Key.Key_Down)
    seen = window.scene.selected_statement_ids()
    for _ in range(3):
        keys(Qt.Key.Key_Right)
        seen += window.scene.selected_statement_ids()
    assert seen == ["deterrence", "credible", "freedom", "gimmick"]
    keys(Qt.Key.Key_Right)
    assert window.scene.selected_statement_ids() == ["deterrence"]
    keys(Qt.Key.Key_Left)
    keys(Qt.Key.Key_Up)
    assert window.scene.selected_statement_ids() == ["claim"]


def test_every_card_is_reached_from_the_claim_with_the_arrow_keys(window):
    reached, todo = set(), ["claim"]
    while todo:
        statement_id = todo.pop()
        if statement_id in reached:
            continue
        reached.add(statement_id)
        for arrow in ARROWS:
            on_canvas(window, statement_id)
            keys(arrow)
            todo += window.scene.selected_statement_ids()
    assert reached == {s.id for s in window.current_map().statements}


def test_left_and_right_go_between_the_main_claims_and_a_statement_on_its_own(window):
    two_trees = ArgumentMap(
        statements=[
            Statement(id="first", text="First claim"),
            Statement(id="reason", text="A reason for it"),
            Statement(id="second", text="Second claim"),
            Statement(id="note", text="A statement on its own"),
        ],
        relations=[Relation(id="r", kind="support", premises=["reason"], target="first")],
    )
    window.show_map(two_trees, None)
    wait_for_layout(window.qtbot, window)
    on_canvas(window, "first")
    seen = []
    for _ in range(3):
        keys(Qt.Key.Key_Right)
        seen += window.scene.selected_statement_ids()
    assert seen == ["second", "note", "first"]
    keys(Qt.Key.Key_Left)
    assert window.scene.selected_statement_ids() == ["note"]
    keys(Qt.Key.Key_Up)
    assert window.scene.selected_statement_ids() == ["note"]


def test_after_delete_the_card_it_argued_for_is_selected_and_insert_adds_to_it(window):
    on_canvas(window, "narrow")
    keys(Qt.Key.Key_Delete)
    assert window.scene.selected_statement_ids() == ["freedom"]
    keys(Qt.Key.Key_Insert)
    typed("Added after the delete")
    keys(Qt.Key.Key_Return)
    argument_map = window.current_map()
    added = next(s.id for s in argument_map.statements if s.text == "Added after the delete")
    assert [r.target for r in argument_map.relations if added in r.premises] == ["freedom"]


def test_after_cut_the_card_it_argued_for_is_selected_and_paste_puts_it_back_there(window):
    on_canvas(window, "narrow")
    keys(Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert "narrow" not in window.scene.statement_items
    assert window.scene.selected_statement_ids() == ["freedom"]
    keys(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    argument_map = window.current_map()
    pasted = next(
        s.id for s in argument_map.statements if s.text == small_map().statement("narrow").text
    )
    assert [r.target for r in argument_map.relations if pasted in r.premises] == ["freedom"]


def test_deleting_a_main_claim_selects_nothing(window):
    on_canvas(window, "claim")
    keys(Qt.Key.Key_Delete)
    assert window.scene.selected_statement_ids() == []
