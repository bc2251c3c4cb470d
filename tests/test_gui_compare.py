"""File › Compare With…: the differences as a list, and the list selects on the canvas."""

from __future__ import annotations

import pytest
from conftest import small_map

from argmap.files import save_map
from argmap.gui.compare import CompareDialog
from argmap.model import RelationKind

pytestmark = pytest.mark.gui


def _dialog(window) -> CompareDialog:
    (dialog,) = window.findChildren(CompareDialog)
    return dialog


def _compare_with(window, tmp_path, monkeypatch, other) -> tuple[CompareDialog, list[str]]:
    """File → Compare With… on ``other``, saved to a file the dialog is answered with."""
    path = tmp_path / "other.argmap"
    save_map(other, path, backup=False)
    monkeypatch.setattr(
        "argmap.gui.compare.QFileDialog.getOpenFileName", lambda *a, **k: (str(path), "")
    )
    window.named_actions["compare_with"].trigger()
    dialog = _dialog(window)
    return dialog, _rows(dialog)


def _rows(dialog: CompareDialog) -> list[str]:
    tree = dialog.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_comparing_with_another_file_lists_what_differs(window, tmp_path, monkeypatch):
    other = small_map()
    claim = other.statement("claim").model_copy(update={"text": "Another claim"})
    other = other.model_copy(
        update={"statements": [claim if s.id == "claim" else s for s in other.statements]}
    )
    _, rows = _compare_with(window, tmp_path, monkeypatch, other)
    assert rows == ["changed statement claim"]


def test_selecting_a_row_selects_its_statement(window, tmp_path, monkeypatch):
    other = small_map().model_copy(update={"title": "Other"})
    other = other.model_copy(
        update={
            "statements": [
                s.model_copy(update={"tags": ["x"]}) if s.id == "narrow" else s
                for s in other.statements
            ]
        }
    )
    dialog, rows = _compare_with(window, tmp_path, monkeypatch, other)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(rows.index("changed statement narrow")))
    assert window.scene.selected_statement_ids() == ["narrow"]


def test_comparing_with_the_saved_version_shows_unsaved_edits(window):
    window.scene.select_only(["gimmick"])
    window.named_actions["delete"].trigger()
    window.named_actions["compare_saved"].trigger()
    rows = _rows(_dialog(window))
    assert "removed statement gimmick" in rows[0]
    assert "removed relation r-gimmick" in rows[1]


def test_the_saved_version_of_an_unchanged_map_is_the_same(window):
    window.named_actions["compare_saved"].trigger()
    dialog = _dialog(window)
    assert _rows(dialog) == []
    assert dialog.changes == []


def test_selecting_a_relation_row_selects_its_arrows(window, tmp_path, monkeypatch):
    other = small_map()
    other = other.model_copy(
        update={
            "relations": [
                r.model_copy(update={"kind": RelationKind.SUPPORT}) if r.id == "r-freedom" else r
                for r in other.relations
            ]
        }
    )
    dialog, rows = _compare_with(window, tmp_path, monkeypatch, other)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(rows.index("changed relation r-freedom")))
    selected = [e.relation_id for e in window.scene.edge_items if e.isSelected()]
    assert selected
    assert set(selected) == {"r-freedom"}
    assert window.scene.selected_statement_ids() == []


def test_the_list_follows_edits_made_while_it_is_open(window, tmp_path, monkeypatch):
    dialog, rows = _compare_with(window, tmp_path, monkeypatch, small_map())
    assert rows == []
    window.editor.set_text("narrow", "Edited with the comparison open")
    window.qtbot.waitUntil(lambda: _rows(dialog) == ["changed statement narrow"], timeout=3000)
    assert "1 change since other.argmap" in dialog.heading.text()
    window.undo_stack.undo()
    window.qtbot.waitUntil(lambda: _rows(dialog) == [], timeout=3000)


def test_the_comparison_closes_when_the_map_is_replaced(window, tmp_path, monkeypatch):
    dialog, _ = _compare_with(window, tmp_path, monkeypatch, small_map())
    closed = []
    dialog.destroyed.connect(lambda: closed.append(True))
    window.show_map(small_map(), None)
    window.qtbot.waitUntil(lambda: bool(closed), timeout=3000)


def test_the_row_the_user_is_at_stays_current_as_the_list_follows_edits(
    window, tmp_path, monkeypatch
):
    other = small_map()
    other = other.model_copy(
        update={
            "statements": [
                s.model_copy(update={"text": s.text + " (theirs)"})
                if s.id in ("claim", "narrow")
                else s
                for s in other.statements
            ]
        }
    )
    dialog, rows = _compare_with(window, tmp_path, monkeypatch, other)
    at = rows.index("changed statement narrow")
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(at))
    window.editor.set_text("freedom", "Edited while looking at the list")
    window.qtbot.waitUntil(lambda: "changed statement freedom" in _rows(dialog), timeout=3000)
    assert dialog.tree.currentItem().text(0) == "changed statement narrow"


def test_the_comparison_with_the_saved_version_is_empty_once_the_map_is_saved(window):
    window.editor.set_text("narrow", "Edited, then saved")
    window.named_actions["compare_saved"].trigger()
    dialog = _dialog(window)
    assert _rows(dialog) == ["changed statement narrow"]
    assert window.files.save()
    window.qtbot.waitUntil(lambda: _rows(dialog) == [], timeout=3000)
    assert "the same as treaty.argmap" in dialog.heading.text()
    window.editor.set_text("narrow", "Edited after the save")
    window.qtbot.waitUntil(lambda: _rows(dialog) == ["changed statement narrow"], timeout=3000)
