"""Random editing through the editor's gestures: nothing breaks, and undo and redo are exact.

A hypothesis state machine makes sequences of the edits a user makes (add a
reason, objection or co-premise, type, delete, move, turn an arrow around,
cut, copy, paste, group, ungroup, rename a group, undo, redo) on a real
window. Whatever the sequence, no exception escapes; undoing everything gives
back the map as it was opened, and redoing everything the map as it was at
the end.
"""

from __future__ import annotations

import pytest
from conftest import small_map
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from argmap.gui import MainWindow
from argmap.model import ArgumentMap, RelationKind

pytestmark = pytest.mark.gui

TEXTS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    str.strip
)


class RandomEdits(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        QGuiApplication.clipboard().clear()  # each sequence starts with nothing copied
        self.window = MainWindow()
        self.window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
        self.window.show_map(small_map(), None)
        self.original = self.window.current_map().model_copy(deep=True)
        self.editor = self.window.editor

    # -- what a user does ----------------------------------------------------

    def _statements(self) -> list[str]:
        return [s.id for s in self.window.current_map().statements]

    def _pick(self, data: st.DataObject) -> str | None:
        statements = self._statements()
        return data.draw(st.sampled_from(statements)) if statements else None

    @rule(data=st.data(), kind=st.sampled_from(list(RelationKind)), text=TEXTS)
    def add_and_type(self, data, kind, text):
        target = self._pick(data)
        if target is None:
            return
        self.window.scene.select_only([target])
        new = self.editor.add_premise(kind, edit=False)
        if new is not None:
            self.editor.set_text(new, text)

    @rule(data=st.data())
    def add_co_premise(self, data):
        premise = self._pick(data)
        if premise is not None:
            self.window.scene.select_only([premise])
            self.editor.add_co_premise(edit=False)

    @rule(data=st.data(), text=TEXTS, field=st.sampled_from(["text", "note", "title"]))
    def type_into_a_field(self, data, text, field):
        statement = self._pick(data)
        if statement is not None:
            self.editor.set_fields(statement, **{field: text})

    @rule(data=st.data())
    def delete(self, data):
        statement = self._pick(data)
        if statement is not None:
            self.window.scene.select_only([statement])
            self.editor.delete_selection()

    @rule(data=st.data(), dx=st.integers(-50, 50), dy=st.integers(-50, 50))
    def move(self, data, dx, dy):
        statement = self._pick(data)
        if statement is not None:
            self.window.scene.select_only([statement])
            self.editor.nudge(dx, dy)

    @rule(data=st.data())
    def turn_an_arrow_around(self, data):
        relations = [r.id for r in self.window.current_map().relations]
        if relations:
            self.editor.toggle_relation_kind(data.draw(st.sampled_from(relations)))

    @rule(data=st.data(), how=st.sampled_from(["copy", "cut"]))
    def copy_or_cut(self, data, how):
        statement = self._pick(data)
        if statement is not None:
            self.window.scene.select_only([statement])
            if how == "copy":
                self.editor.copy_selection()
            else:
                self.editor.cut_selection()

    @rule(data=st.data())
    def paste(self, data):
        target = self._pick(data)
        self.window.scene.select_only([target] if target else [])
        self.editor.paste()

    @rule(data=st.data(), title=TEXTS)
    def group(self, data, title):
        statements = self._statements()
        if statements:
            chosen = data.draw(st.lists(st.sampled_from(statements), min_size=1, unique=True))
            self.window.scene.select_only(chosen)
            self.editor.groups.group_selection(title)

    @rule(data=st.data())
    def ungroup(self, data):
        statement = self._pick(data)
        if statement is not None:
            self.window.scene.select_only([statement])
            self.editor.groups.ungroup_selection()

    @rule(data=st.data(), title=TEXTS)
    def rename_a_group(self, data, title):
        statement = self._pick(data)
        if statement is not None:
            self.window.scene.select_only([statement])
            self.editor.groups.rename_group(title)

    @rule()
    def undo(self):
        self.window.undo_stack.undo()

    @rule()
    def redo(self):
        self.window.undo_stack.redo()

    @rule()
    def let_the_canvas_catch_up(self):
        self.window.scene.flush()

    # -- what must hold --------------------------------------------------------

    @invariant()
    def the_map_would_load_again(self):
        current = self.window.current_map()
        ArgumentMap.model_validate(current.model_dump(mode="json", exclude_none=True))

    def teardown(self) -> None:
        stack = self.window.undo_stack
        while stack.canRedo():
            stack.redo()
        final = self.window.current_map().model_copy(deep=True)
        while stack.canUndo():
            stack.undo()
        assert self.window.current_map() == self.original
        while stack.canRedo():
            stack.redo()
        assert self.window.current_map() == final
        stack.setClean()
        self.window.close()
        self.window.deleteLater()


TestRandomEdits = RandomEdits.TestCase
TestRandomEdits.settings = settings(
    max_examples=50,
    stateful_step_count=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
