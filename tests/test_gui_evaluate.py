"""Evaluate mode in the editor: labels on the cards, badge clicks, "Why?" and settings."""

from __future__ import annotations

import pytest
from conftest import wait_for_layout
from gui_helpers import click, focus_on, keys, show_card, typed
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from argmap.files import load_map
from argmap.formats import read_any
from argmap.gui.evaluation_look import badge_rect
from argmap.model import Acceptance


def turn_on(window) -> None:
    window.activateWindow()
    window.view.setFocus()
    QTest.keyClick(
        window.view,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    window.qtbot.wait(1)


def click_badge(window, statement_id: str) -> None:
    item = window.scene.statement_items[statement_id]
    show_card(window, statement_id)
    rect = badge_rect(item.card.width, item.card.height, item.verdict())
    click(window, item.mapToScene(rect.center()))
    window.qtbot.wait(1)


def test_ctrl_shift_e_shows_a_label_on_every_card(window):
    turn_on(window)
    assert window.evaluate_mode.on
    assert set(window.scene.marks.cards) == {s.id for s in window.document.map.statements}
    assert set(window.scene.marks.cards.values()) <= {"in", "out", "undecided"}


def test_turning_evaluate_off_removes_the_labels(window):
    turn_on(window)
    turn_on(window)
    assert not window.evaluate_mode.on
    assert window.scene.marks.cards == {}


def test_the_toolbar_has_the_evaluate_toggle(window):
    assert window.evaluate_mode.action in window.toolbar.actions()


def test_clicking_a_badge_cycles_acceptance_and_updates_the_label(window):
    turn_on(window)
    assert window.scene.marks.cards["narrow"] == "out"
    click_badge(window, "narrow")
    assert window.document.statement("narrow").acceptance == Acceptance.ACCEPTED
    assert window.evaluate_mode.evaluation.statements["narrow"] == "in"
    click_badge(window, "narrow")
    assert window.document.statement("narrow").acceptance == Acceptance.REJECTED
    assert window.evaluate_mode.evaluation.statements["narrow"] == "out"
    click_badge(window, "narrow")
    assert window.document.statement("narrow").acceptance == Acceptance.UNDECIDED


def test_each_badge_click_is_one_undo_step(window):
    turn_on(window)
    before = window.undo_stack.count()
    click_badge(window, "narrow")
    assert window.undo_stack.count() == before + 1
    window.undo_stack.undo()
    window.qtbot.wait(1)
    assert window.document.statement("narrow").acceptance == Acceptance.UNDECIDED
    assert window.scene.marks.cards["narrow"] == "out"


def test_assuming_every_unchallenged_premise_is_one_undoable_edit(window):
    before = window.undo_stack.count()
    assert window.evaluate_mode.assume_unchallenged() == 4
    window.qtbot.wait(1)
    accepted = {s.id for s in window.document.map.statements if s.acceptance == "accepted"}
    assert accepted == {"deterrence", "credible", "narrow", "gimmick"}
    assert window.undo_stack.count() == before + 1
    assert window.evaluate_mode.on  # the user sees the result at once
    assert window.scene.marks.cards["narrow"] == "accepted"
    assert window.scene.marks.cards["freedom"] == "out"
    window.undo_stack.undo()
    assert not any(s.acceptance == "accepted" for s in window.document.map.statements)


def test_an_undercut_argument_is_drawn_as_weighing_nothing(window):
    window.evaluate_mode.assume_unchallenged()
    window.qtbot.wait(1)
    assert window.scene.marks.idle["r-deter"] is True  # applies, but the gimmick undercuts it
    assert "r-gimmick" not in window.scene.marks.idle


def test_the_inspector_explains_the_selected_statement(window):
    window.evaluate_mode.assume_unchallenged()
    window.qtbot.wait(1)
    window.scene.select_only(["claim"])
    window.qtbot.wait(1)
    why = window.inspector.statement_evaluation.why.text()
    assert why == window.evaluate_mode.evaluation.why("claim").text
    assert "undercut" in why


def test_why_quotes_a_statement_written_like_html_as_typed(window):
    window.editor.set_text("narrow", "A <i>narrow</i> treaty need not limit it")
    window.evaluate_mode.assume_unchallenged()
    window.qtbot.wait(1)
    window.scene.select_only(["freedom"])
    window.qtbot.wait(1)
    why = window.inspector.statement_evaluation.why
    assert "<i>narrow</i>" in why.text()
    assert why.textFormat() == Qt.TextFormat.PlainText


def test_the_inspector_asks_to_turn_evaluation_on_when_it_is_off(window):
    window.scene.select_only(["claim"])
    window.qtbot.wait(1)
    assert "Ctrl+Shift+E" in window.inspector.statement_evaluation.why.text()


def test_the_inspector_sets_a_proof_standard_as_an_undoable_edit(window):
    window.scene.select_only(["claim"])
    window.qtbot.wait(1)
    box = window.inspector.statement_evaluation.standard_box
    box.setCurrentIndex(box.findData("brd"))
    box.activated.emit(box.currentIndex())
    assert window.document.statement("claim").standard == "brd"
    window.undo_stack.undo()
    assert window.document.statement("claim").standard is None


@pytest.mark.parametrize(("weight", "stored"), [(0.5, 0.5), (-0.05, None)])
def test_the_inspector_sets_weighing_and_weight(window, weight, stored):
    window.scene.select_only([])
    window.inspector.show_relation("r-freedom")
    fields = window.inspector.relation_evaluation
    fields.weighing_box.setCurrentIndex(fields.weighing_box.findData("cumulative"))
    fields.weighing_box.activated.emit(fields.weighing_box.currentIndex())
    fields.weight_box.setValue(weight)
    fields.weight_box.editingFinished.emit()
    relation = window.document.relation("r-freedom")
    assert (relation.weighing, relation.weight) == ("cumulative", stored)
    window.undo_stack.undo()
    if stored is not None:
        window.undo_stack.undo()  # the weighing and the weight were set one after the other
    relation = window.document.relation("r-freedom")
    assert (relation.weighing, relation.weight) == (None, None)


DISCARD = QMessageBox.StandardButton.Discard


def _typing_a_weight(window, text: str) -> None:
    window.inspector.show_relation("r-freedom")
    box = window.inspector.relation_evaluation.weight_box
    focus_on(window, box)
    box.selectAll()
    typed(text)


def test_a_weight_still_being_typed_is_saved_by_ctrl_s(window):
    _typing_a_weight(window, "0.4")
    keys(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_map(window.document.path).relation("r-freedom").weight == 0.4


def test_closing_with_a_weight_still_being_typed_asks_to_save_it(window, monkeypatch):
    asked = []
    monkeypatch.setattr(window, "ask_save_changes", lambda: asked.append(True) or DISCARD)
    _typing_a_weight(window, "0.4")
    window.close()
    assert asked == [True]


def test_a_weight_still_being_typed_is_in_an_export(window, tmp_path):
    _typing_a_weight(window, "0.4")
    assert window.files.export_as_to(tmp_path / "map.json", "aif")
    assert read_any(tmp_path / "map.json").map.relation("r-freedom").weight == 0.4


def test_the_toolbars_undo_takes_back_a_weight_being_typed_first(window):
    window.editor.set_relation_fields("r-freedom", kind="support")
    before = window.document.relation("r-freedom").weight
    _typing_a_weight(window, "0.4")
    window.named_actions["undo"].trigger()  # the toolbar's Undo leaves the keyboard in the box
    assert window.document.relation("r-freedom").kind == "support"
    assert window.document.relation("r-freedom").weight == before
    window.named_actions["redo"].trigger()
    assert window.document.relation("r-freedom").weight == 0.4


def test_a_weight_being_typed_stays_when_an_undo_turns_its_arrow_around(window):
    window.editor.set_relation_fields("r-freedom", kind="support")
    _typing_a_weight(window, "0.4")
    window.undo_stack.undo()  # not Edit › Undo, which keeps the weight first
    assert window.document.relation("r-freedom").kind == "attack"
    assert window.inspector.relation_evaluation.weight_box.value() == 0.4
    focus_on(window, window.view)
    assert window.document.relation("r-freedom").weight == 0.4


def test_labels_follow_an_edit_made_elsewhere(window):
    turn_on(window)
    window.editor.set_fields("narrow", acceptance=Acceptance.ACCEPTED)
    window.qtbot.wait(1)
    assert window.evaluate_mode.evaluation.statements["narrow"] == "in"


def test_labels_survive_reopening_the_map(window):
    turn_on(window)
    window.document.reset(window.document.map, window.document.path)
    wait_for_layout(window.qtbot, window)
    assert set(window.scene.marks.cards) == {s.id for s in window.document.map.statements}


def test_cards_with_labels_paint(window):
    window.evaluate_mode.assume_unchallenged()
    window.qtbot.wait(1)
    image = window.view.grab().toImage()
    assert not image.isNull()


def test_a_badge_shows_whether_its_label_is_assumed_so_every_click_changes_it(window):
    window.editor.set_fields("deterrence", acceptance=Acceptance.ACCEPTED)
    window.editor.set_fields("credible", acceptance=Acceptance.ACCEPTED)
    turn_on(window)
    assert window.scene.marks.cards["claim"] == "in"  # follows from the reason
    click_badge(window, "claim")
    assert window.scene.marks.cards["claim"] == "accepted"  # in because you say so
    click_badge(window, "claim")
    assert window.scene.marks.cards["claim"] == "rejected"
    click_badge(window, "claim")
    assert window.scene.marks.cards["claim"] == "in"


def test_labels_are_in_place_as_soon_as_an_undo_is_done(window):
    turn_on(window)
    click_badge(window, "narrow")
    window.undo_stack.undo()  # no event-loop turn: the next paint already shows the change
    assert window.scene.marks.cards["narrow"] == "out"
    window.undo_stack.redo()
    assert window.scene.marks.cards["narrow"] == "accepted"


def test_a_stricter_proof_standard_set_in_the_inspector_changes_the_label(window):
    for statement_id in ("deterrence", "credible", "freedom"):
        window.editor.set_fields(statement_id, acceptance=Acceptance.ACCEPTED)
    window.editor.set_relation_fields("r-freedom", weight=0.4)
    turn_on(window)
    assert window.scene.marks.cards["claim"] == "in"  # 1 against 0.4: more weight
    window.scene.select_only(["claim"])
    window.qtbot.wait(1)
    box = window.inspector.statement_evaluation.standard_box
    box.setCurrentIndex(box.findData("brd"))
    box.activated.emit(box.currentIndex())
    assert window.scene.marks.cards["claim"] == "out"  # 0.4 against is too much doubt
    assert "beyond reasonable doubt" in window.inspector.statement_evaluation.why.text()
    window.undo_stack.undo()
    assert window.scene.marks.cards["claim"] == "in"


def test_the_badge_of_a_narrow_card_is_inside_what_the_card_repaints(window):
    window.editor.set_fields("gimmick", text="No")
    turn_on(window)
    item = window.scene.statement_items["gimmick"]
    badge = badge_rect(item.card.width, item.card.height, item.verdict())
    assert item.boundingRect().contains(badge)
    assert item.sceneBoundingRect().contains(item.mapToScene(badge).boundingRect())


@pytest.mark.parametrize("gesture", ["assume", "badge"])
def test_typing_in_the_inspector_is_its_own_step_before_an_acceptance_changes(window, gesture):
    window.evaluate_mode.set_on(True)
    window.scene.select_only(["credible"])
    focus_on(window, window.inspector.text_edit)
    keys(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    typed(" indeed")
    if gesture == "assume":  # from the View menu, which leaves the keyboard where it was
        window.evaluate_mode.assume_action.trigger()
    else:
        window.evaluate_mode.cycle_acceptance("credible")
    window.qtbot.wait(1)
    credible = window.document.statement("credible")
    assert credible.text == "US guarantees are credible indeed"
    assert credible.acceptance == Acceptance.ACCEPTED
    window.undo_stack.undo()  # the acceptance first, then the typing, in the order done
    credible = window.document.statement("credible")
    assert (credible.text, credible.acceptance) == (
        "US guarantees are credible indeed",
        Acceptance.UNDECIDED,
    )
    window.undo_stack.undo()
    assert window.document.statement("credible").text == "US guarantees are credible"


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_ctrl_shift_m_marks_the_selected_card_as_a_badge_click_does(window):
    window.evaluate_mode.set_on(True)
    window.view.setFocus()
    window.scene.select_only(["narrow"])
    before = Acceptance(window.current_map().statement("narrow").acceptance)
    keys(Qt.Key.Key_M, CTRL_SHIFT)
    after = Acceptance(window.current_map().statement("narrow").acceptance)
    assert after != before
    keys(Qt.Key.Key_M, CTRL_SHIFT)
    keys(Qt.Key.Key_M, CTRL_SHIFT)
    assert Acceptance(window.current_map().statement("narrow").acceptance) == before  # round


def test_ctrl_shift_m_on_several_cards_is_one_undo_step(window):
    window.view.setFocus()
    before = window.current_map().model_copy(deep=True)
    steps = window.undo_stack.count()
    window.scene.select_only(["narrow", "freedom"])
    keys(Qt.Key.Key_M, CTRL_SHIFT)
    assert window.undo_stack.count() == steps + 1
    for sid in ("narrow", "freedom"):
        assert window.current_map().statement(sid).acceptance != before.statement(sid).acceptance
    window.undo_stack.undo()
    assert window.current_map() == before
