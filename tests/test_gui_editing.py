"""Editing a map in the window with the keyboard and the mouse, and undoing it."""

from __future__ import annotations

import pytest
from conftest import small_map, wait_for_layout
from gui_helpers import card_centre, click, double_click, drag, handle_point, show_card
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from argmap.files import load_map
from argmap.model import Attribution, RelationKind

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

pytestmark = pytest.mark.gui


def press(window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(window.view.viewport(), key, modifiers)


def type_into_inline_editor(window, text: str) -> None:
    item = window.editor.inline.text_item()
    assert item is not None, "the inline editor is not open"
    for char in text:
        QTest.keyClick(window.view.viewport(), char)


def select(window, statement_id: str) -> None:
    window.view.setFocus()
    window.scene.select_only([statement_id])


def test_insert_adds_a_reason_with_its_editor_open(window):
    select(window, "claim")
    press(window, Qt.Key.Key_Insert)
    (new,) = [
        s
        for s in window.current_map().statements
        if s.id not in {x.id for x in small_map().statements}
    ]
    relation = next(r for r in window.current_map().relations if new.id in r.premises)
    assert relation.kind == RelationKind.SUPPORT
    assert relation.target == "claim"
    assert window.scene.selected_statement_ids() == [new.id]
    assert window.editor.inline.is_open()
    assert window.editor.inline.statement_id == new.id


def test_a_reason_and_an_objection_added_by_keyboard_undo_back_to_the_original(window):
    select(window, "claim")
    press(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    type_into_inline_editor(window, "Deterrence")
    press(window, Qt.Key.Key_Return)
    select(window, "claim")
    press(window, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    type_into_inline_editor(window, "Entrapment")
    press(window, Qt.Key.Key_Return)
    kinds = {
        window.current_map().statement(r.premises[0]).text: r.kind
        for r in window.current_map().relations
    }
    assert kinds["Deterrence"] == RelationKind.SUPPORT
    assert kinds["Entrapment"] == RelationKind.ATTACK
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert window.current_map() == small_map()
    wait_for_layout(window.qtbot, window)
    assert sorted(window.scene.statement_items) == sorted(s.id for s in small_map().statements)


def test_typing_in_the_inline_editor_is_one_undo_step(window):
    select(window, "narrow")
    press(window, Qt.Key.Key_F2)
    type_into_inline_editor(window, "Limited")
    press(window, Qt.Key.Key_Return)
    assert window.current_map().statement("narrow").text == "Limited"
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert window.current_map().statement("narrow").text == small_map().statement("narrow").text


def test_shift_enter_starts_a_new_line_and_escape_cancels(window):
    select(window, "narrow")
    press(window, Qt.Key.Key_F2)
    type_into_inline_editor(window, "a")
    press(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_into_inline_editor(window, "b")
    assert window.editor.inline.text_item().toPlainText() == "a\nb"
    press(window, Qt.Key.Key_Escape)
    assert not window.editor.inline.is_open()
    assert window.current_map() == small_map()
    assert window.undo_stack.count() == 0


def test_a_click_on_empty_canvas_keeps_what_was_typed_and_closes_the_editor(window):
    select(window, "narrow")
    press(window, Qt.Key.Key_F2)
    type_into_inline_editor(window, "Limited")
    corner = window.view.viewport().rect().bottomLeft() + QPoint(5, -5)
    empty = window.view.mapToScene(corner)
    assert window.scene.items(empty) == []
    click(window, empty)
    assert not window.editor.inline.is_open()
    assert window.current_map().statement("narrow").text == "Limited"
    assert window.undo_stack.count() == 1


def test_double_click_on_a_card_edits_it(window):
    show_card(window, "credible")
    double_click(window, card_centre(window, "credible"))
    assert window.editor.inline.is_open()
    assert window.editor.inline.statement_id == "credible"


def test_double_click_on_empty_canvas_adds_a_statement_there(window):
    rect = window.scene.itemsBoundingRect()
    point = QPointF(rect.right() + 20, rect.bottom() + 20)
    window.scene.setSceneRect(rect.adjusted(-400, -400, 400, 400))
    window.view.centerOn(point)
    double_click(window, point)
    added = window.current_map().statements[-1]
    assert added.id not in {s.id for s in small_map().statements}
    pinned = window.current_map().layout.positions[added.id]
    assert abs(pinned.x - point.x()) < 2
    assert abs(pinned.y - point.y()) < 2


def test_dragging_a_card_pins_it_and_the_place_survives_save_and_reload(window, tmp_path):
    show_card(window, "gimmick")
    start = card_centre(window, "gimmick")
    drag(window, start, start + QPointF(-90, 40))
    pinned = window.current_map().layout.positions["gimmick"]
    assert (pinned.x, pinned.y) == pytest.approx((start.x() - 90, start.y() + 40), abs=2)
    assert window.undo_stack.count() == 1
    path = tmp_path / "moved.argmap"
    assert window.save_to(path)
    window.open_path(path)
    wait_for_layout(window.qtbot, window)
    assert card_centre(window, "gimmick") == QPointF(pinned.x, pinned.y)
    assert load_map(path).layout.positions["gimmick"] == pinned


def test_edges_follow_a_dragged_card(window):
    edge = next(e for e in window.scene.edge_items if e.tail == "narrow")
    before = edge.boundingRect()
    show_card(window, "narrow")
    drag(window, card_centre(window, "narrow"), card_centre(window, "narrow") + QPointF(150, 60))
    assert edge.boundingRect() != before


def test_dragging_from_the_handle_connects_two_cards_as_a_reason(window):
    window.view.fitInView(window.scene.itemsBoundingRect())
    drag(window, handle_point(window, "gimmick"), card_centre(window, "narrow"))
    relation = window.current_map().relations[-1]
    assert (relation.premises, relation.target, relation.kind) == (
        ["gimmick"],
        "narrow",
        RelationKind.SUPPORT,
    )
    assert "gimmick" not in window.current_map().layout.positions  # connecting is not moving


def test_shift_drag_from_the_handle_connects_as_an_objection(window):
    window.view.fitInView(window.scene.itemsBoundingRect())
    drag(
        window,
        handle_point(window, "credible"),
        card_centre(window, "freedom"),
        Qt.KeyboardModifier.ShiftModifier,
    )
    relation = window.current_map().relations[-1]
    assert (relation.premises, relation.target, relation.kind) == (
        ["credible"],
        "freedom",
        RelationKind.ATTACK,
    )
    window.undo_stack.undo()
    assert window.current_map() == small_map()


def test_dropping_a_card_onto_another_asks_what_it_becomes(window, monkeypatch):
    asked = []
    monkeypatch.setattr(window, "choose_drop", lambda d, t, p: asked.append((d, t)) or "objection")
    window.view.fitInView(window.scene.itemsBoundingRect())
    drag(window, card_centre(window, "gimmick"), card_centre(window, "claim"))
    assert asked == [("gimmick", "claim")]
    relations = [r for r in window.current_map().relations if "gimmick" in r.premises]
    assert [(r.kind, r.target) for r in relations] == [(RelationKind.ATTACK, "claim")]
    assert "gimmick" not in window.current_map().layout.positions
    window.undo_stack.undo()  # the whole drop is one step
    assert window.current_map() == small_map()


def test_a_card_dropped_as_co_premise_joins_the_linked_reason(window, monkeypatch):
    monkeypatch.setattr(window, "choose_drop", lambda d, t, p: "co-premise")
    window.view.fitInView(window.scene.itemsBoundingRect())
    drag(window, card_centre(window, "narrow"), card_centre(window, "credible"))
    assert window.current_map().relation("r-deter").premises == ["deterrence", "credible", "narrow"]
    assert all(r.id != "r-narrow" for r in window.current_map().relations)


def drop(window, monkeypatch, dragged: str, target: str, how: str) -> None:
    """Drag a card onto another and answer the drop menu with ``how``."""
    monkeypatch.setattr(window, "choose_drop", lambda d, t, p: how)
    wait_for_layout(window.qtbot, window)
    window.view.fitInView(window.scene.itemsBoundingRect())
    drag(window, card_centre(window, dragged), card_centre(window, target))


def test_dropping_a_card_on_the_card_it_already_objects_to_changes_nothing(window, monkeypatch):
    window.editor.set_relation_fields("r-freedom", attribution=Attribution(speaker="Rabin"))
    before = window.current_map().model_copy(deep=True)
    steps = window.undo_stack.count()
    drop(window, monkeypatch, "freedom", "claim", "objection")
    assert window.current_map() == before
    assert window.undo_stack.count() == steps


@pytest.mark.parametrize(("target", "how"), [("deterrence", "objection"), ("claim", "reason")])
def test_a_dropped_card_takes_its_arrow_along_with_who_said_it_and_its_undercuts(
    window, monkeypatch, target, how
):
    window.editor.set_relation_fields("r-freedom", attribution=Attribution(speaker="Rabin"))
    window.editor.add_undercut("r-freedom", edit=False)
    before = window.current_map().model_copy(deep=True)
    drop(window, monkeypatch, "freedom", target, how)
    arrows = window.current_map().relations
    assert [r.id for r in arrows] == [r.id for r in before.relations]
    moved = window.current_map().relation("r-freedom")
    kind = RelationKind.ATTACK if how == "objection" else RelationKind.SUPPORT
    assert (moved.premises, moved.target, moved.kind) == (["freedom"], target, kind)
    assert moved.attribution.speaker == "Rabin"
    assert any(r.target == "r-freedom" for r in arrows)  # the undercut still answers it
    window.undo_stack.undo()  # the whole drop is one step
    assert window.current_map() == before


def test_cancelling_the_drop_menu_changes_nothing(window, monkeypatch):
    monkeypatch.setattr(window, "choose_drop", lambda d, t, p: None)
    window.view.fitInView(window.scene.itemsBoundingRect())
    before = card_centre(window, "gimmick")
    drag(window, before, card_centre(window, "claim"))
    assert window.current_map() == small_map()
    assert card_centre(window, "gimmick") == before


def test_delete_removes_the_branch_and_undo_restores_it(window):
    select(window, "freedom")
    press(window, Qt.Key.Key_Delete)
    ids = {s.id for s in window.current_map().statements}
    assert "freedom" not in ids
    assert "narrow" not in ids
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert window.current_map() == small_map()


def test_ctrl_z_and_ctrl_shift_z_undo_and_redo(window):
    window.editor.set_text("claim", "Changed")
    window.view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.current_map() == small_map()
    QTest.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.current_map().statement("claim").text == "Changed"


def test_arrow_keys_move_along_the_map(window):
    select(window, "narrow")
    press(window, Qt.Key.Key_Up)
    assert window.scene.selected_statement_ids() == ["freedom"]
    press(window, Qt.Key.Key_Up)
    assert window.scene.selected_statement_ids() == ["claim"]
    press(window, Qt.Key.Key_Down)
    assert window.scene.selected_statement_ids() == ["deterrence"]
    press(window, Qt.Key.Key_Right)
    assert window.scene.selected_statement_ids() == ["credible"]


def test_nudges_of_the_same_card_merge_into_one_undo_step(window):
    select(window, "claim")
    start = card_centre(window, "claim")
    for _ in range(3):
        press(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    moved = card_centre(window, "claim")
    assert (moved.x(), moved.y()) == pytest.approx((start.x() + 30, start.y()), abs=0.2)
    assert window.undo_stack.count() == 1


def test_clicking_a_card_selects_it_in_the_outline_and_inspector(window):
    show_card(window, "freedom")
    click(window, card_centre(window, "freedom"))
    assert window.scene.selected_statement_ids() == ["freedom"]
    assert window.outline.selected_ids() == ["freedom"]
    assert window.inspector.statement_id == "freedom"


def test_cards_glide_to_a_new_layout_and_end_exactly_there(window, qtbot):
    moved = []
    window.scene._glide._animation.valueChanged.connect(lambda value: moved.append(float(value)))
    window.editor.set_text(
        "credible", "US guarantees are credible, as decades of cooperation show " * 3
    )
    wait_for_layout(qtbot, window)
    assert moved
    assert moved[-1] == pytest.approx(1.0)
    nodes = window.scene.layout_result.nodes
    for statement_id, item in window.scene.statement_items.items():
        assert (item.pos().x(), item.pos().y()) == pytest.approx(
            (nodes[statement_id].x, nodes[statement_id].y)
        )


def test_roles_follow_every_relation_edit_and_its_undo(window):
    document = window.document
    original = dict(document.roles())
    window.scene.select_only(["claim"])
    new_id = window.editor.add_premise(RelationKind.ATTACK, edit=False)
    assert document.roles()[new_id] == "objection"
    relation = next(r.id for r in window.current_map().relations if new_id in r.premises)
    window.editor.toggle_relation_kind(relation)
    assert document.roles()[new_id] == "reason"
    assert document.roles() == window.current_map().roles()
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert document.roles() == original == window.current_map().roles()


def test_the_inline_editor_follows_its_card_when_the_layout_moves_it(window):
    window.scene.select_only(["claim"])
    new_id = window.editor.add_premise(RelationKind.SUPPORT)
    assert window.editor.inline.is_open()
    wait_for_layout(window.qtbot, window)
    card = window.scene.statement_items[new_id].card_rect()
    editor = window.editor.inline.text_item().sceneBoundingRect()
    assert (editor.left(), editor.top()) == pytest.approx((card.left(), card.top()))
    assert window.editor.inline.is_open()


def test_ctrl_t_on_several_arrows_turns_them_all_in_one_undo_step(window):
    window.view.setFocus()
    window.scene.clearSelection()
    chosen = ["r-narrow", "r-freedom", "r-deter"]  # not in the map's order
    for edge in window.scene.edge_items:
        edge.setSelected(edge.relation_id in chosen)
    before = window.current_map().model_copy(deep=True)
    steps = window.undo_stack.count()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    for relation_id in chosen:
        assert window.current_map().relation(relation_id).kind != before.relation(relation_id).kind
    assert window.undo_stack.count() == steps + 1
    step = window.undo_stack.command(steps)
    order = [r.id for r in before.relations if r.id in chosen]
    assert [step.child(i).relation_id for i in range(step.childCount())] == order
    window.undo_stack.undo()
    assert window.current_map() == before


def test_ctrl_t_on_a_card_turns_the_arrow_it_argues_by(window):
    window.view.setFocus()
    window.scene.select_only(["narrow"])  # as the keyboard leaves it: a card, no arrow
    before = window.current_map().model_copy(deep=True)
    (arrow,) = [r.id for r in before.relations if "narrow" in r.premises]
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.current_map().relation(arrow).kind != before.relation(arrow).kind
    assert [r.id for r in window.current_map().relations if r != before.relation(r.id)] == [arrow]
    window.undo_stack.undo()
    assert window.current_map() == before


def test_ctrl_t_on_a_main_claim_says_there_is_no_arrow_and_changes_nothing(window):
    window.view.setFocus()
    window.scene.select_only(["claim"])
    steps = window.undo_stack.count()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.undo_stack.count() == steps
    assert "no arrow to turn" in window.statusBar().currentMessage()


def test_ctrl_shift_a_goes_from_a_card_to_its_arrow_and_back(window):
    window.view.setFocus()
    window.scene.select_only(["narrow"])
    (arrow,) = [r.id for r in window.current_map().relations if "narrow" in r.premises]
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, CTRL_SHIFT)
    assert window.scene.selected_statement_ids() == []
    assert window.inspector.relation_id == arrow  # its speaker, quote and weight, to edit
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, CTRL_SHIFT)
    assert window.scene.selected_statement_ids() == ["narrow"]


def test_ctrl_shift_a_comes_back_to_the_co_premise_it_started_from(window):
    window.scene.select_only(["narrow"])
    second = window.editor.add_co_premise(edit=False)
    wait_for_layout(window.qtbot, window)
    window.view.setFocus()
    window.scene.select_only([second])
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, CTRL_SHIFT)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, CTRL_SHIFT)
    assert window.scene.selected_statement_ids() == [second]


def test_ctrl_shift_a_from_an_inspector_field_leaves_the_keyboard_on_the_canvas(window):
    from gui_helpers import focus_on

    window.scene.select_only(["narrow"])
    focus_on(window, window.inspector.note_edit)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, CTRL_SHIFT)
    assert window.inspector.relation_id is not None
    assert QApplication.focusWidget() is window.view  # not the arrow's Kind box


def test_ctrl_shift_a_on_a_main_claim_says_it_has_no_arrow(window):
    window.view.setFocus()
    window.scene.select_only(["claim"])
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, CTRL_SHIFT)
    assert window.scene.selected_statement_ids() == ["claim"]
    assert "no arrow" in window.statusBar().currentMessage()


def test_a_gesture_that_fails_halfway_leaves_no_undo_step_open(window):
    window.scene.select_only(["claim"])

    def failing_gesture() -> None:
        with window.editor.gesture("Broken"):
            window.editor.add_premise(RelationKind.SUPPORT, edit=False)
            raise RuntimeError("a command failed")

    with pytest.raises(RuntimeError):
        failing_gesture()
    assert window.undo_stack.canUndo()  # false while a macro is still being composed
    window.undo_stack.undo()
    assert window.current_map() == small_map()


def test_copying_the_premise_of_an_arrow_just_turned_into_an_attack_works(window):
    window.view.setFocus()
    for edge in window.scene.edge_items:
        edge.setSelected(edge.relation_id == "r-narrow")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_map().relation("r-narrow").kind, RelationKind)
    window.scene.select_only(["narrow"])
    assert window.editor.copy_selection()
    window.scene.select_only(["claim"])
    assert window.editor.paste()


def test_an_arrow_turned_with_ctrl_t_stays_selected_to_turn_back_or_go_back_to_its_card(window):
    window.view.setFocus()
    window.scene.select_only(["narrow"])
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, CTRL_SHIFT)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    wait_for_layout(window.qtbot, window)  # the arrow is drawn anew, dashed
    selected = {e.relation_id for e in window.scene.edge_items if e.isSelected()}
    assert selected == {"r-narrow"}
    assert window.inspector.relation_id == "r-narrow"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    wait_for_layout(window.qtbot, window)
    assert window.current_map() == small_map()  # turned back
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, CTRL_SHIFT)
    assert window.scene.selected_statement_ids() == ["narrow"]
