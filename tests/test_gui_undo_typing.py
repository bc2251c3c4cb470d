"""Undo and Redo with typing still open: the typing is a step of its own, taken back first.

Undo and Redo picked from the toolbar (or the menu) leave the keyboard where
it is, in an inspector field, an outline row or a card being typed into. What
is typed there becomes an undo step before the undo runs, never while it runs:
a step pushed from inside an undo ends up above the stack's index, in the map
but out of the history, and the map may then pass for unchanged.
"""

from __future__ import annotations

import warnings

import pytest
from conftest import wait_for_layout
from gui_helpers import focus_on, keys, on_canvas, typed
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtTest import QTest

from argmap.gui.commands import EditStatementCommand
from argmap.gui.map_command import MapCommand, command_running
from argmap.model import RelationKind

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier


def click_toolbar(window, name: str) -> None:
    """Click the toolbar's button: a tool button does not take the keyboard."""
    button = window.toolbar.widgetForAction(window.named_actions[name])
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    window.qtbot.wait(1)  # what the undo selects is selected once it is done


def steps(window) -> list[str]:
    stack = window.undo_stack
    return [stack.command(i).text() for i in range(stack.count())]


def note(window, statement_id: str) -> str | None:
    return window.current_map().statement(statement_id).note


def add_a_reason_then_type_a_note(window) -> str:
    """A reason added to the claim (its own step), then a note typed for another card."""
    window.scene.select_only(["claim"])
    window.editor.add_premise(RelationKind.SUPPORT, edit=False)
    wait_for_layout(window.qtbot, window)
    (added,) = window.scene.selected_statement_ids()
    window.scene.select_only(["narrow"])
    focus_on(window, window.inspector.note_edit)
    QTest.keyClicks(window.inspector.note_edit, "typed note")
    return added


def test_undo_from_the_toolbar_takes_back_the_note_being_typed_as_its_own_step(window):
    add_a_reason_then_type_a_note(window)
    click_toolbar(window, "undo")
    stack = window.undo_stack
    assert steps(window) == ["Add reason", "Edit note"]
    assert stack.index() == 1  # the note, and only the note, undone
    assert note(window, "narrow") is None
    assert window.inspector.note_edit.toPlainText() == ""
    assert not stack.isClean()
    assert window.isWindowModified()
    click_toolbar(window, "redo")
    assert (stack.index(), stack.count()) == (2, 2)
    assert note(window, "narrow") == "typed note"
    assert window.inspector.note_edit.toPlainText() == "typed note"


def test_undoing_past_the_typing_takes_the_reason_away_and_selects_the_claim_again(window):
    added = add_a_reason_then_type_a_note(window)
    click_toolbar(window, "undo")
    click_toolbar(window, "undo")
    stack = window.undo_stack
    assert (stack.index(), stack.count()) == (0, 2)
    assert stack.isClean()
    assert not window.document.has_element(added)
    assert note(window, "narrow") is None
    assert window.scene.selected_statement_ids() == ["claim"]
    assert window.inspector.statement_id == "claim"
    click_toolbar(window, "redo")
    assert window.scene.selected_statement_ids() == [added]
    assert note(window, "narrow") is None
    click_toolbar(window, "redo")
    assert note(window, "narrow") == "typed note"
    assert (stack.index(), stack.count()) == (2, 2)


def test_an_undo_that_selects_another_card_keeps_the_typing_as_a_step_after_it(window):
    """An undo run without keeping the typing first (the History list): the selection the
    undo wants comes once it is done, and the typing kept then is a step after it."""
    add_a_reason_then_type_a_note(window)
    window.undo_stack.undo()  # the reason; the note field still has the keyboard
    assert note(window, "narrow") is None  # nothing was pushed inside the undo
    assert window.undo_stack.index() == 0
    window.qtbot.waitUntil(lambda: window.scene.selected_statement_ids() == ["claim"])
    stack = window.undo_stack
    assert steps(window) == ["Edit note"]  # a new step: the reason's redo is gone
    assert (stack.index(), stack.count()) == (1, 1)
    assert note(window, "narrow") == "typed note"
    assert window.isWindowModified()


def test_undo_from_the_toolbar_takes_back_a_title_being_typed_in_the_inspector(window):
    window.editor.set_fields("claim", note="earlier")
    window.scene.select_only(["claim"])
    focus_on(window, window.inspector.title_edit)
    window.inspector.title_edit.selectAll()
    typed("Pact")
    click_toolbar(window, "undo")
    claim = window.current_map().statement("claim")
    assert (claim.title, claim.note) == ("Treaty", "earlier")
    assert window.inspector.title_edit.text() == "Treaty"
    assert window.undo_stack.redoText() == "Edit title"
    click_toolbar(window, "undo")
    assert window.current_map().statement("claim").note is None
    assert window.undo_stack.index() == 0


def test_undo_from_the_toolbar_takes_back_an_outline_row_being_typed(window):
    window.editor.set_fields("claim", note="earlier")
    before = window.current_map().statement("narrow").text
    window.outline.setCurrentItem(window.outline.rows("narrow")[0])
    focus_on(window, window.outline)
    keys(Qt.Key.Key_F2)
    assert window.outline.open_editor() is not None
    keys(Qt.Key.Key_End, CTRL)
    typed(" (edited)")
    click_toolbar(window, "undo")
    assert window.outline.open_editor() is None
    assert window.current_map().statement("narrow").text == before
    assert note(window, "claim") == "earlier"
    assert window.undo_stack.redoText() == "Edit text"
    click_toolbar(window, "redo")
    assert window.current_map().statement("narrow").text == before + " (edited)"


def test_undo_from_the_toolbar_takes_back_a_card_being_typed_into(window):
    window.editor.set_fields("claim", note="earlier")
    before = window.current_map().statement("narrow").text
    on_canvas(window, "narrow")
    keys(Qt.Key.Key_F2)
    keys(Qt.Key.Key_End, CTRL)
    typed(" (edited)")
    click_toolbar(window, "undo")
    assert not window.editor.inline.is_open()
    assert window.current_map().statement("narrow").text == before
    assert note(window, "claim") == "earlier"
    click_toolbar(window, "redo")
    assert window.current_map().statement("narrow").text == before + " (edited)"


def test_ctrl_z_in_a_field_undoes_the_fields_own_typing(window):
    window.editor.set_fields("claim", title="Pact")
    window.scene.select_only(["narrow"])
    focus_on(window, window.inspector.note_edit)
    typed("abc")
    keys(Qt.Key.Key_Z, CTRL)
    assert window.inspector.note_edit.toPlainText() == ""
    assert steps(window) == ["Edit title"]
    assert window.undo_stack.index() == 1
    assert window.current_map().statement("claim").title == "Pact"


def test_the_undo_and_redo_actions_are_named_after_the_step(window):
    undo, redo = window.named_actions["undo"], window.named_actions["redo"]
    assert (undo.text(), undo.isEnabled()) == ("&Undo", False)
    window.scene.select_only(["claim"])
    window.editor.add_premise(RelationKind.SUPPORT, edit=False)
    assert (undo.text(), undo.isEnabled()) == ("&Undo Add reason", True)
    assert (redo.text(), redo.isEnabled()) == ("&Redo", False)
    undo.trigger()
    assert (undo.text(), undo.isEnabled()) == ("&Undo", False)
    assert (redo.text(), redo.isEnabled()) == ("&Redo Add reason", True)


def test_nothing_is_pushed_while_a_command_runs(window):
    """The last guard: a step pushed from inside another is refused, and said so."""
    stack = window.undo_stack
    seen = []

    class Nested(MapCommand):
        def apply(self) -> None:
            seen.append(command_running())
            stack.push(EditStatementCommand(window.document, "claim", {"note": "inside"}))

        def revert(self) -> None:
            pass

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        stack.push(Nested("Outer"))
    assert seen == [True]
    assert not command_running()
    assert steps(window) == ["Outer"]
    assert note(window, "claim") is None
    assert [str(w.message) for w in caught] == [
        "'Edit note' was not done: another change was being made"
    ]
    stack.push(QUndoCommand("Plain"))  # once it is done, steps are taken again
    assert stack.count() == 2
