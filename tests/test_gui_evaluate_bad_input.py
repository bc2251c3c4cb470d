"""Evaluate mode on input that could trip it: cycles, self-attack, bad weights, a deep chain."""

from __future__ import annotations

import json

import pytest
from evaluation_helpers import build
from gui_helpers import typed
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from argmap.files import save_map
from argmap.gui.document import MapDocument
from argmap.gui.outline import MAX_DEPTH, OutlineTree
from argmap.model import ArgumentMap, Relation, Statement
from argmap.theme import get_theme

pytestmark = pytest.mark.gui


def evaluate_file(window, path) -> None:
    """Open ``path`` in the window and turn Evaluate mode on."""
    assert window.open_path(path)
    window.evaluate_mode.set_on(True)
    window.qtbot.wait(1)


def write_raw(path, statements: list[dict], relations: list[dict]) -> None:
    """A file as another program might write it, with what argmap itself refuses to make."""
    document = {"format": "argmap", "statements": statements, "relations": relations}
    path.write_text(json.dumps(document), encoding="utf-8")


def test_an_undercut_cycle_is_drawn_dotted_and_explained(window, tmp_path):
    path = tmp_path / "cycle.argmap"
    m = build(
        ["claim", ("e", "accepted"), ("a", "accepted"), ("b", "accepted")],
        [
            ("r", "support", "e", "claim"),
            ("u1", "attack", "a", "u2"),
            ("u2", "attack", "b", "u1"),
        ],
    )
    save_map(m, path)
    evaluate_file(window, path)
    assert window.scene.marks.idle == {"u1": False, "u2": False}  # neither applies: dotted
    assert window.scene.marks.cards["claim"] == "in"
    window.scene.select_only([])
    window.inspector.show_relation("u1")
    assert window.inspector.relation_evaluation.why.text().startswith("Does not apply yet")


def test_a_file_where_a_statement_attacks_itself_is_refused_and_the_labels_kept(window, tmp_path):
    window.evaluate_mode.set_on(True)
    before = dict(window.scene.marks.cards)
    path = tmp_path / "self.argmap"
    statements = [{"id": "a", "text": "A"}]
    write_raw(path, statements, [{"id": "r", "kind": "attack", "premises": ["a"], "target": "a"}])
    assert not window.open_path(path)
    assert "cannot be a premise for itself" in window.errors[-1]
    assert window.scene.marks.cards == before


def test_a_statement_cannot_be_connected_to_itself_in_evaluate_mode(window):
    window.evaluate_mode.set_on(True)
    relations = len(window.document.map.relations)
    window.scene.connectRequested.emit("narrow", "narrow", True)
    assert len(window.document.map.relations) == relations


def test_a_file_with_a_weight_outside_zero_to_one_is_refused_naming_the_relation(window, tmp_path):
    path = tmp_path / "heavy.argmap"
    write_raw(
        path,
        [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
        [{"id": "heavy", "kind": "support", "premises": ["a"], "target": "b", "weight": 1.5}],
    )
    assert not window.open_path(path)
    assert "relation 'heavy': weight 1.5 is not between 0 and 1" in window.errors[-1]


def test_a_weight_typed_over_one_in_the_inspector_is_kept_at_one(window):
    window.evaluate_mode.set_on(True)
    window.scene.select_only([])
    window.inspector.show_relation("r-freedom")
    box = window.inspector.relation_evaluation.weight_box
    box.setFocus()
    box.selectAll()
    typed("1.5")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.document.relation("r-freedom").weight == 1.0


def test_an_edit_to_a_weight_over_one_is_refused_naming_the_relation(window):
    messages = []
    window.editor.message.connect(messages.append)
    window.editor.set_relation_fields("r-freedom", weight=1.5)
    assert window.document.relation("r-freedom").weight is None
    assert "r-freedom" in messages[-1]


def chain(count: int) -> ArgumentMap:
    """``count`` statements, each a reason for the next; the first accepted."""
    statements = [Statement(id="s0", text="S0", acceptance="accepted")]
    statements += [Statement(id=f"s{i}", text=f"S{i}") for i in range(1, count)]
    relations = [
        Relation(id=f"r{i}", kind="support", premises=[f"s{i - 1}"], target=f"s{i}")
        for i in range(1, count)
    ]
    return ArgumentMap(statements=statements, relations=relations)


def test_the_outline_of_a_fifty_thousand_deep_chain_nests_no_deeper_than_qt_can_draw(qtbot):
    outline = OutlineTree(MapDocument(chain(50_000)), get_theme(None))
    qtbot.addWidget(outline)
    outline.show()
    deepest = outline.rows("s0")[0]  # s49999 is the main claim, s0 its deepest reason
    depth = 0
    while deepest.parent() is not None:
        deepest, depth = deepest.parent(), depth + 1
    assert depth == MAX_DEPTH
    qtbot.wait(1)  # laid out and painted: a deeper tree overflows Qt's stack here


def test_a_deep_chain_is_labelled_and_a_click_at_its_root_turns_it_all_out(window, tmp_path):
    path = tmp_path / "chain.argmap"
    save_map(chain(5_000), path)
    evaluate_file(window, path)
    assert set(window.evaluate_mode.evaluation.statements.values()) == {"in"}
    window.evaluate_mode.cycle_acceptance("s0")  # accepted -> rejected
    assert window.scene.marks.cards["s0"] == "rejected"
    assert set(window.evaluate_mode.evaluation.statements.values()) == {"out"}
