"""Each gesture is one undo step, and undoing it gives back exactly what was there before."""

from __future__ import annotations

import pytest
from conftest import small_map, wait_for_layout
from gui_helpers import keys as key
from gui_helpers import on_canvas, typed
from PySide6.QtCore import Qt

from argmap.files import dumps_map, save_map
from argmap.gui.menus import statement_menu
from argmap.model import ArgumentMap, Attribution, Position, Relation, Statement

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


def test_adding_a_co_premise_and_typing_its_text_is_one_undo_step(window):
    before = dumps_map(window.current_map())
    on_canvas(window, "deterrence")
    key(Qt.Key.Key_Insert, ALT)
    typed("Allies keep their promises")
    key(Qt.Key.Key_Return)
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Add co-premise"
    key(Qt.Key.Key_Z, CTRL)
    assert dumps_map(window.current_map()) == before


def test_a_co_premise_of_a_card_in_a_group_joins_the_group_beside_it(window):
    before = dumps_map(window.current_map())
    on_canvas(window, "freedom")  # in the group "rabin"
    key(Qt.Key.Key_Insert, ALT)
    typed("Allies would have a say")
    key(Qt.Key.Key_Return)
    (added,) = window.scene.selected_statement_ids()
    members = next(g for g in window.document.map.groups if g.id == "rabin").statements
    assert members[members.index("freedom") + 1] == added
    wait_for_layout(window.qtbot, window)
    box = window.scene.group_items["rabin"].rect
    assert box.contains(window.scene.statement_items[added].card_rect())
    key(Qt.Key.Key_Z, CTRL)
    assert dumps_map(window.current_map()) == before


STORED_AS_WRITTEN = [
    pytest.param({"title": "Peres "}, id="title-ending-in-a-space"),
    pytest.param({"title": ""}, id="empty-title"),
    pytest.param({"note": ""}, id="empty-note"),
    pytest.param({"attribution": Attribution(speaker="Shimon Peres ")}, id="speaker-with-space"),
    pytest.param({"attribution": Attribution(quote="")}, id="empty-quote"),
]


def opened(window, path, argument_map: ArgumentMap) -> bytes:
    """``argument_map`` saved at ``path`` and opened in the window; the file's bytes."""
    save_map(argument_map, path)
    window.open_path(path)
    wait_for_layout(window.qtbot, window)
    return path.read_bytes()


@pytest.mark.parametrize("fields", STORED_AS_WRITTEN)
def test_selecting_a_statement_and_saving_leaves_its_file_as_it_was(window, tmp_path, fields):
    path = tmp_path / "as-written.argmap"
    before = opened(window, path, ArgumentMap(statements=[Statement(id="c", text="C", **fields)]))
    on_canvas(window, "c")
    assert window.inspector.statement_id == "c"
    key(Qt.Key.Key_S, CTRL)
    assert window.undo_stack.count() == 0
    assert path.read_bytes() == before


def test_selecting_an_arrow_and_saving_leaves_its_file_as_it_was(window, tmp_path):
    path = tmp_path / "as-written.argmap"
    speaker = Attribution(speaker="Shimon Peres ", date="")
    argument_map = ArgumentMap(
        statements=[Statement(id="c", text="C"), Statement(id="p", text="P")],
        relations=[
            Relation(id="r", kind="support", premises=["p"], target="c", attribution=speaker)
        ],
    )
    before = opened(window, path, argument_map)
    on_canvas(window)
    next(e for e in window.scene.edge_items if e.relation_id == "r").setSelected(True)
    assert window.inspector.relation_id == "r"
    key(Qt.Key.Key_S, CTRL)
    assert window.undo_stack.count() == 0
    assert path.read_bytes() == before


def test_a_field_typed_in_the_inspector_leaves_the_other_fields_as_stored(window, tmp_path):
    statement = Statement(
        id="c", text="C", title="Peres ", attribution=Attribution(speaker="Shimon Peres ")
    )
    opened(window, tmp_path / "as-written.argmap", ArgumentMap(statements=[statement]))
    on_canvas(window, "c")
    window.inspector.date_edit.setFocus()
    typed("1996")
    key(Qt.Key.Key_Tab)
    changed = window.current_map().statement("c")
    assert changed.attribution == Attribution(speaker="Shimon Peres ", date="1996")
    assert changed.title == "Peres "
    assert window.undo_stack.count() == 1


@pytest.mark.parametrize(
    ("statement_id", "modifiers"),
    [pytest.param("claim", NONE, id="reason"), pytest.param("deterrence", ALT, id="co-premise")],
)
def test_escape_on_a_card_just_added_selects_again_the_statement_it_was_added_to(
    window, statement_id, modifiers
):
    before = dumps_map(window.current_map())
    on_canvas(window, statement_id)
    key(Qt.Key.Key_Insert, modifiers)
    key(Qt.Key.Key_Escape)
    assert dumps_map(window.current_map()) == before
    assert window.scene.selected_statement_ids() == [statement_id]
    key(Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    assert window.editor.inline.is_open()


def menu_entry(menu, text: str):
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def test_undo_picked_from_the_menu_while_typing_into_a_new_card_takes_the_card_away(window):
    before = dumps_map(window.current_map())
    on_canvas(window, "claim")
    key(Qt.Key.Key_Insert)
    typed("half typ")
    window.named_actions["undo"].trigger()
    assert dumps_map(window.current_map()) == before
    assert not window.editor.inline.is_open()


def test_delete_picked_from_a_card_menu_while_its_text_is_edited_deletes_the_card(window):
    on_canvas(window, "narrow")
    key(Qt.Key.Key_F2)
    typed("half typ")
    menu_entry(statement_menu(window, "narrow"), "Delete").trigger()
    assert not window.document.has_element("narrow")
    assert not window.editor.inline.is_open()
    key(Qt.Key.Key_Z, CTRL)
    assert window.current_map() == small_map()


def test_a_card_deleted_while_a_menu_has_the_keyboard_takes_its_editor_along(window):
    on_canvas(window, "narrow")
    key(Qt.Key.Key_F2)
    typed("half typ")
    window.inspector.title_edit.setFocus(Qt.FocusReason.PopupFocusReason)  # as a menu takes it
    assert window.editor.inline.is_open()
    window.editor.delete_selection()
    assert not window.editor.inline.is_open()
    assert window.editor.inline.pending() is None


def pinned_map() -> ArgumentMap:
    argument_map = small_map()
    for x, statement_id in enumerate(["freedom", "claim", "narrow"]):
        argument_map.layout.positions[statement_id] = Position(x=100.0 * x, y=50.0)
    return argument_map


def test_undoing_an_unpin_gives_back_the_file_as_it_was(window, tmp_path):
    opened(window, tmp_path / "pinned.argmap", pinned_map())
    before = dumps_map(window.current_map())
    on_canvas(window, "freedom")
    menu_entry(statement_menu(window, "freedom"), "Unpin").trigger()
    assert "freedom" not in window.current_map().layout.positions
    key(Qt.Key.Key_Z, CTRL)
    assert dumps_map(window.current_map()) == before


def test_undoing_the_delete_of_a_pinned_card_gives_back_the_file_as_it_was(window, tmp_path):
    opened(window, tmp_path / "pinned.argmap", pinned_map())
    before = dumps_map(window.current_map())
    on_canvas(window, "freedom")
    key(Qt.Key.Key_Delete)
    assert not window.document.has_element("freedom")
    key(Qt.Key.Key_Z, CTRL)
    assert dumps_map(window.current_map()) == before


def outline_rows(tree, parent=None) -> list:
    """The outline as it shows: each row's text and the rows under it."""
    tree.catch_up()
    parent = parent or tree.invisibleRootItem()
    rows = (parent.child(i) for i in range(parent.childCount()))
    return [(row.text(0), outline_rows(tree, row)) for row in rows]


@pytest.mark.parametrize("keys", [Qt.Key.Key_Delete, Qt.Key.Key_X], ids=["delete", "cut"])
def test_undoing_a_delete_puts_the_outline_rows_back_in_their_order(window, keys):
    on_canvas(window, "freedom")
    before = outline_rows(window.outline)
    key(keys, NONE if keys == Qt.Key.Key_Delete else CTRL)
    assert outline_rows(window.outline) != before
    key(Qt.Key.Key_Z, CTRL)
    assert outline_rows(window.outline) == before
    window.outline.rebuild()
    assert outline_rows(window.outline) == before


def test_undoing_the_delete_of_a_main_claim_puts_its_outline_row_back_first(window, tmp_path):
    claims = [Statement(id="a", text="First claim"), Statement(id="b", text="Second claim")]
    opened(window, tmp_path / "two.argmap", ArgumentMap(statements=claims))
    before = outline_rows(window.outline)
    on_canvas(window, "a")
    key(Qt.Key.Key_Delete)
    assert outline_rows(window.outline) == [("Second claim", [])]
    key(Qt.Key.Key_Z, CTRL)
    assert outline_rows(window.outline) == before


def test_tabbing_through_a_finer_weight_than_the_box_shows_leaves_it_as_stored(window, tmp_path):
    path = tmp_path / "weighted.argmap"
    argument_map = ArgumentMap(
        statements=[Statement(id="c", text="C"), Statement(id="p", text="P")],
        relations=[Relation(id="r", kind="support", premises=["p"], target="c", weight=0.125)],
    )
    before = opened(window, path, argument_map)
    window.evaluate_mode.set_on(True)
    window.inspector.show_relation("r")
    box = window.inspector.relation_evaluation.weight_box
    box.setFocus()
    key(Qt.Key.Key_Tab)  # through the box, typing nothing
    assert window.undo_stack.count() == 0
    key(Qt.Key.Key_S, CTRL)
    assert path.read_bytes() == before


@pytest.mark.parametrize("gesture", [(Qt.Key.Key_Delete, NONE), (Qt.Key.Key_X, CTRL)])
def test_undoing_a_delete_or_cut_selects_the_cards_it_brings_back(window, gesture):
    on_canvas(window, "freedom")
    key(*gesture)
    wait_for_layout(window.qtbot, window)
    assert window.scene.selected_statement_ids() == ["claim"]  # what it argued for
    key(Qt.Key.Key_Z, CTRL)
    wait_for_layout(window.qtbot, window)
    assert window.current_map() == small_map()
    # The card back, not the claim: a second Delete takes the card again, not the whole map.
    assert window.scene.selected_statement_ids() == ["freedom"]
    key(Qt.Key.Key_Y, CTRL)
    wait_for_layout(window.qtbot, window)
    assert window.scene.selected_statement_ids() == ["claim"]
    key(Qt.Key.Key_Z, CTRL)
    wait_for_layout(window.qtbot, window)
    assert window.scene.selected_statement_ids() == ["freedom"]
