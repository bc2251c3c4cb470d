"""Grouping cards on the canvas: Ctrl+G, Ctrl+Shift+G, Rename Group; each one undo step."""

from __future__ import annotations

import pytest
from conftest import small_map, wait_for_layout
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog

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
