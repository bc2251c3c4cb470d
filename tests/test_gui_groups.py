"""Grouping cards on the canvas: Ctrl+G, Ctrl+Shift+G, Rename Group; each one undo step."""

from __future__ import annotations

import pytest
from conftest import small_map, wait_for_layout
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog

from argmap.model import Group

pytestmark = pytest.mark.gui


@pytest.fixture
def answer(monkeypatch):
    """The title typed into the dialog (None: the user cancels)."""
    answers: dict[str, str | None] = {"title": "Deterrence case"}

    def get_text(parent, caption, label, text=""):
        title = answers["title"]
        return (title or "", title is not None)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return answers


def press(window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    window.activateWindow()
    window.view.setFocus()
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def group_titles(window) -> dict[str, str]:
    return {g.id: g.title for g in window.current_map().groups}


def test_ctrl_g_groups_the_selected_cards_under_the_title_typed(window, answer):
    window.scene.select_only(["deterrence", "credible"])
    press(window, Qt.Key.Key_G, CTRL)
    new = window.current_map().groups[-1]
    assert (new.title, new.statements) == ("Deterrence case", ["deterrence", "credible"])
    wait_for_layout(window.qtbot, window)
    assert new.id in window.scene.groups.items  # a box is drawn for it
    assert window.undo_stack.count() == 1


def test_undoing_a_grouping_restores_the_groups_exactly(window, answer):
    window.scene.select_only(["narrow", "credible"])  # "narrow" was in the Rabin era group
    press(window, Qt.Key.Key_G, CTRL)
    assert window.current_map().groups[0].statements == ["freedom"]
    window.undo_stack.undo()
    assert window.current_map() == small_map()
    wait_for_layout(window.qtbot, window)
    assert sorted(window.scene.groups.items) == ["rabin"]


def test_cancelling_the_title_groups_nothing(window, answer):
    answer["title"] = None
    window.scene.select_only(["deterrence"])
    press(window, Qt.Key.Key_G, CTRL)
    assert window.current_map() == small_map()
    assert window.undo_stack.count() == 0


def test_ctrl_shift_g_takes_cards_out_of_their_group(window, answer):
    window.scene.select_only(["freedom", "narrow"])
    press(window, Qt.Key.Key_G, CTRL_SHIFT)
    assert window.current_map().groups == []  # the Rabin era group was left empty
    wait_for_layout(window.qtbot, window)
    assert window.scene.groups.items == {}
    window.undo_stack.undo()
    assert window.current_map() == small_map()


def test_deleting_every_card_of_a_group_takes_the_group_away(window):
    window.scene.select_only(["freedom"])  # its rebuttal "narrow" goes with it: all Rabin era
    press(window, Qt.Key.Key_Delete)
    assert window.current_map().groups == []
    wait_for_layout(window.qtbot, window)
    assert window.scene.groups.items == {}
    window.undo_stack.undo()
    assert window.current_map() == small_map()


def test_a_group_that_held_only_a_group_a_delete_emptied_goes_too_and_undo_restores_both(window):
    nested = small_map()
    nested.groups = [
        Group(id="deter", title="Deterrence", statements=["deterrence"]),
        Group(id="oslo", title="Oslo years"),
        Group(id="rabin", title="Rabin era", statements=["freedom", "narrow"], parent="oslo"),
        Group(id="todo", title="To sort"),  # empty in the file: not this delete's doing
    ]
    window.show_map(nested, None)
    window.scene.select_only(["freedom"])
    press(window, Qt.Key.Key_Delete)
    assert [g.id for g in window.current_map().groups] == ["deter", "todo"]
    window.undo_stack.undo()
    assert window.current_map() == nested
    window.undo_stack.redo()
    assert [g.id for g in window.current_map().groups] == ["deter", "todo"]


def test_rename_group_retitles_the_group_of_the_selected_card(window, answer):
    answer["title"] = "Oslo years"
    window.scene.select_only(["narrow"])
    window.named_actions["rename_group"].trigger()
    assert group_titles(window) == {"rabin": "Oslo years"}
    wait_for_layout(window.qtbot, window)
    assert window.scene.groups.items["rabin"].title == "Oslo years"
    window.undo_stack.undo()
    assert group_titles(window) == {"rabin": "Rabin era"}


def test_grouping_with_nothing_selected_says_what_to_do(window, answer):
    window.scene.select_only([])
    messages = []
    window.editor.message.connect(messages.append)
    press(window, Qt.Key.Key_G, CTRL)
    assert messages == ["Select the statements to group."]
    assert window.undo_stack.count() == 0


def test_a_grouped_map_saves_and_loads_with_its_new_group(window, answer, tmp_path):
    from argmap.files import load_map

    window.scene.select_only(["gimmick"])
    press(window, Qt.Key.Key_G, CTRL)
    path = tmp_path / "grouped.argmap"
    assert window.save_to(path)
    assert load_map(path).groups == window.current_map().groups


def _edges_through(scene, rect):
    """The edges whose line (as drawn, without arrowheads) passes through ``rect``."""
    from PySide6.QtGui import QPainterPathStroker

    from argmap.gui.items import EdgeItem

    stroker = QPainterPathStroker()
    stroker.setWidth(1.6)
    return [
        item
        for item in scene.items(rect)
        if isinstance(item, EdgeItem)
        and item.isVisible()
        and stroker.createStroke(item.mapToScene(item.path())).intersects(rect)
    ]


def _seed(window, start: str):
    from conftest import MAPS, showing

    return showing(window, next(path for path in MAPS if path.name.startswith(start)))


def _boxes(window):
    return [item for item in window.scene.group_items.values() if item.isVisible()]


def _assert_in_the_best_place(window, box) -> None:
    """No place along the top of the box is crossed by fewer edges than the title's."""
    title, band = box.title_rect(), box.title_band()
    assert band.left() <= title.left()
    assert title.right() <= band.right() + 0.5
    crossed = len(_edges_through(window.scene, title))
    probes = [title.translated(band.left() + x - title.left(), 0) for x in range(0, 2000, 2)]
    inside = [probe for probe in probes if probe.right() <= band.right()]
    elsewhere = [len(_edges_through(window.scene, probe)) for probe in inside]
    assert crossed <= min(elsewhere, default=0), box.title


@pytest.mark.parametrize("start", ["israel", "us-saudi"])
def test_a_group_title_stands_where_the_fewest_edges_cross_the_top_of_its_box(window, start):
    _seed(window, start)
    assert _boxes(window)
    for box in _boxes(window):
        _assert_in_the_best_place(window, box)


def test_group_titles_find_their_place_again_when_a_dragged_card_moves_edges(window):
    from gui_helpers import card_centre, drag, show_card

    _seed(window, "israel")
    main_claim = window.current_map().statements[0].id
    show_card(window, main_claim)
    start = card_centre(window, main_claim)
    drag(window, start, start + QPointF(400, 0))
    assert card_centre(window, main_claim) != start  # the edges to it moved, the boxes did not
    for box in _boxes(window):
        _assert_in_the_best_place(window, box)


def test_a_group_title_makes_way_for_an_edge_and_goes_back_to_its_corner_when_it_goes(window):
    _seed(window, "israel")
    box = next(b for b in _boxes(window) if b.title.startswith("How the motives changed"))
    title, band = box.title_rect(), box.title_band()
    corner = title.translated(band.left() - title.left(), 0)
    edges = _edges_through(window.scene, corner)  # where the title would stand
    assert edges
    assert _edges_through(window.scene, title) == []
    window.scene.clearSelection()
    edges[0].setSelected(True)
    window.editor.delete_selection()  # the arrow goes
    wait_for_layout(window.qtbot, window)
    box = window.scene.group_items[box.group_id]  # wherever the layout puts it now
    assert box.title_rect().left() == box.title_band().left()


def test_an_edge_a_title_cannot_avoid_passes_behind_it_and_still_takes_a_click(window):
    from PySide6.QtTest import QTest

    _seed(window, "israel")
    crossed = [(b, _edges_through(window.scene, b.title_rect())) for b in _boxes(window)]
    box, edges = next((b, e) for b, e in crossed if e)
    title = box.title_rect()
    assert all(edge.zValue() < box.label.zValue() for edge in edges)
    assert box.label.zValue() < min(card.zValue() for card in window.scene.statement_items.values())
    edge = edges[0]
    path = edge.mapToScene(edge.path())
    point = next(
        p for p in (path.pointAtPercent(i / 2000) for i in range(2001)) if title.contains(p)
    )
    window.view.centerOn(point)
    window.scene.clearSelection()
    QTest.mouseClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=window.view.mapFromScene(point)
    )
    assert edge.isSelected()


def test_a_title_longer_than_its_box_is_shortened_to_fit(window, answer):
    answer["title"] = "A title much longer than the box around the Rabin era cards " * 3
    window.scene.select_only(["narrow"])
    window.named_actions["rename_group"].trigger()
    wait_for_layout(window.qtbot, window)
    box = window.scene.group_items["rabin"]
    assert box.title == answer["title"].strip()
    assert box.title_rect().right() <= box.title_band().right() + 0.5


def test_grouping_cards_of_a_group_and_of_its_subgroup_nests_in_that_group(window, answer):
    window.scene.select_only(["narrow"])
    answer["title"] = "Narrow treaty"
    press(window, Qt.Key.Key_G, CTRL)  # a subgroup of "Rabin era"
    before = window.current_map()
    window.scene.select_only(["freedom", "narrow"])  # both in the "Rabin era" box
    answer["title"] = "Freedom of action"
    press(window, Qt.Key.Key_G, CTRL)
    groups = {g.title: g for g in window.current_map().groups}
    assert groups["Freedom of action"].parent == "rabin"
    assert groups["Freedom of action"].statements == ["freedom", "narrow"]
    assert "Rabin era" in groups
    window.undo_stack.undo()
    assert window.current_map() == before


def test_rename_group_with_cards_of_two_subgroups_retitles_the_group_holding_both(window, answer):
    window.scene.select_only(["narrow"])
    answer["title"] = "Narrow treaty"
    press(window, Qt.Key.Key_G, CTRL)
    window.scene.select_only(["freedom"])
    answer["title"] = "Freedom"
    press(window, Qt.Key.Key_G, CTRL)  # "Rabin era" now holds only its two subgroups
    window.scene.select_only(["freedom", "narrow"])
    answer["title"] = "Oslo years"
    window.named_actions["rename_group"].trigger()
    titles = {g.id: g.title for g in window.current_map().groups}
    assert titles["rabin"] == "Oslo years"
    assert sorted(titles.values()) == ["Freedom", "Narrow treaty", "Oslo years"]


def test_rename_group_with_cards_of_unrelated_groups_says_so_and_renames_nothing(window, answer):
    before = window.current_map()
    window.scene.select_only(["narrow", "claim"])  # one in a group, one in none
    messages = []
    window.editor.message.connect(messages.append)
    window.named_actions["rename_group"].trigger()
    assert window.current_map() == before
    assert messages
    assert "all in one group" in messages[-1]
