"""Another program changes, replaces, removes or locks the open file: the editor notices."""

from __future__ import annotations

import os

import pytest
from conftest import small_map, wait_for_layout
from gui_helpers import add_a_reason, typed
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from argmap.files import dumps_map, load_map, save_map
from argmap.gui.change_bar import BarMode, compare_maps
from argmap.model import Statement

pytestmark = pytest.mark.gui


def theirs():
    """The map as another program rewrote it: a new title and one more statement."""
    changed = small_map()
    changed.title = "Changed elsewhere"
    changed.statements.append(Statement(id="their-new", text="Added by someone else"))
    return changed


def rewrite_in_place(path, argument_map) -> None:
    """As an editor that writes into the same file does."""
    path.write_text(dumps_map(argument_map), encoding="utf-8")


def bar_shows(window, mode: BarMode) -> None:
    window.qtbot.waitUntil(
        lambda: window.watch.bar.mode is mode and window.watch.bar.isVisible(), timeout=10_000
    )


def click(button) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


# -- nothing unsaved: reload ---------------------------------------------------------


def test_a_file_changed_on_disk_with_nothing_unsaved_is_reloaded(window):
    rewrite_in_place(window.document.path, theirs())
    window.qtbot.waitUntil(lambda: window.current_map() == theirs(), timeout=10_000)
    assert window.undo_stack.isClean()
    assert not window.watch.bar.isVisible()
    wait_for_layout(window.qtbot, window)
    assert "their-new" in window.scene.statement_items


def test_a_file_replaced_by_an_atomic_save_is_followed_change_after_change(window):
    path = window.document.path
    save_map(theirs(), path)  # a new file renamed over the old one: a new inode
    window.qtbot.waitUntil(lambda: window.current_map() == theirs(), timeout=10_000)
    again = theirs()
    again.title = "Changed a second time"
    save_map(again, path)
    window.qtbot.waitUntil(lambda: window.current_map().title == again.title, timeout=10_000)


def test_a_reload_keeps_the_selection_and_the_view(window):
    window.scene.select_only(["deterrence"])
    window.view.set_zoom(1.3)
    window.view.centerOn(window.scene.statement_items["deterrence"])
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    rewrite_in_place(window.document.path, theirs())
    window.qtbot.waitUntil(lambda: window.current_map() == theirs(), timeout=10_000)
    wait_for_layout(window.qtbot, window)
    assert window.scene.selected_statement_ids() == ["deterrence"]
    assert window.view.zoom() == pytest.approx(1.3)
    after = window.view.mapToScene(window.view.viewport().rect().center())
    assert (after - centre).manhattanLength() < 2
    assert window.inspector.statement_id == "deterrence"


def test_our_own_save_is_not_taken_for_a_change_by_someone_else(window):
    add_a_reason(window, "Mine, not saved")
    assert window.files.save()
    add_a_reason(window, "After saving")
    steps = window.undo_stack.count()
    window.watch.check()
    assert window.undo_stack.count() == steps
    assert not window.watch.bar.isVisible()


def test_a_file_touched_but_not_changed_is_not_reloaded(window):
    add_a_reason(window, "Mine, not saved")
    assert window.files.save()
    os.utime(window.document.path, (0, 0))
    window.undo_stack.undo()  # something to lose, were the map reloaded
    window.watch.check()
    assert not window.watch.bar.isVisible()
    assert window.undo_stack.canRedo()


def test_a_file_that_changed_into_something_unreadable_is_not_reloaded(window):
    before = window.current_map()
    window.document.path.write_text("{ half written")
    bar_shows(window, BarMode.UNREADABLE)
    assert window.current_map() is before
    assert "cannot be read" in window.watch.bar.label.text()


# -- unsaved changes: the bar -------------------------------------------------------------


def test_a_change_on_disk_with_unsaved_changes_shows_the_bar_and_keeps_mine(window):
    add_a_reason(window, "Mine, not saved")
    mine = window.current_map().model_copy(deep=True)
    rewrite_in_place(window.document.path, theirs())
    bar_shows(window, BarMode.CHANGED)
    assert window.current_map() == mine
    assert not window.undo_stack.isClean()
    assert "treaty.argmap" in window.watch.bar.label.text()
    bar = window.watch.bar
    offered = [b.text() for b in bar.findChildren(QPushButton) if b.isVisible()]
    assert offered == ["&Reload (lose my changes)", "&Keep mine", "Save mine &as…", "&Compare"]


def test_a_file_made_unreadable_while_mine_is_unsaved_is_said_to_be_unreadable(window):
    add_a_reason(window, "Mine, not saved")
    mine = window.current_map().model_copy(deep=True)
    window.document.path.write_text('{"format": "argmap", "version": 1, "statements": [')
    bar_shows(window, BarMode.UNREADABLE)
    assert "cannot be read" in window.watch.bar.label.text()
    offered = [b.text() for b in window.watch.bar.findChildren(QPushButton) if b.isVisible()]
    assert "&Reload (lose my changes)" not in offered
    assert "&Compare" not in offered
    assert window.current_map() == mine


def test_typing_not_yet_committed_counts_as_an_unsaved_change(window):
    window.activateWindow()
    window.view.setFocus()
    window.scene.select_only(["claim"])
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    window.qtbot.waitUntil(window.editor.inline.is_open)
    typed(" indeed")
    rewrite_in_place(window.document.path, theirs())
    bar_shows(window, BarMode.CHANGED)
    assert window.current_map().statement("claim").text.endswith(" indeed")


def test_a_source_title_not_yet_committed_counts_as_an_unsaved_change(window):
    window.sources_dock.show()
    table = window.sources_panel.table
    table.setFocus()
    table.editItem(table.item(0, 0))
    editor = table.indexWidget(table.currentIndex())
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "Israel Hayom interview")
    rewrite_in_place(window.document.path, theirs())
    bar_shows(window, BarMode.CHANGED)
    assert window.current_map().sources[0].title == "Israel Hayom interview"


def test_reload_in_the_bar_drops_my_changes_for_the_file(window):
    add_a_reason(window, "Mine, not saved")
    rewrite_in_place(window.document.path, theirs())
    bar_shows(window, BarMode.CHANGED)
    click(window.watch.bar.reload_button)
    assert window.current_map() == theirs()
    assert window.undo_stack.isClean()
    assert not window.watch.bar.isVisible()


def test_keep_mine_hides_the_bar_and_a_later_save_replaces_the_file_without_asking(
    window, monkeypatch
):
    add_a_reason(window, "Mine, not saved")
    rewrite_in_place(window.document.path, theirs())
    bar_shows(window, BarMode.CHANGED)
    click(window.watch.bar.keep_button)
    assert not window.watch.bar.isVisible()
    asked = []
    monkeypatch.setattr(window.watch, "ask_overwrite", lambda *a, **k: asked.append(a) or False)
    assert window.files.save()
    assert asked == []
    assert load_map(window.document.path) == window.current_map()


def test_save_mine_as_writes_a_new_file_and_leaves_theirs(window, monkeypatch, tmp_path):
    add_a_reason(window, "Mine, not saved")
    original = window.document.path
    rewrite_in_place(original, theirs())
    bar_shows(window, BarMode.CHANGED)
    elsewhere = tmp_path / "mine.argmap"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(elsewhere), ""))
    )
    click(window.watch.bar.save_as_button)
    assert load_map(elsewhere) == window.current_map()
    assert load_map(original) == theirs()
    assert window.document.path == elsewhere
    assert not window.watch.bar.isVisible()


def test_compare_lists_the_statements_added_removed_and_changed(window):
    window.editor.set_text("freedom", "It would limit freedom of action a great deal")
    add_a_reason(window, "Only mine")
    changed = theirs()
    changed.statements = [s for s in changed.statements if s.id != "gimmick"]
    changed.relations = [r for r in changed.relations if r.id != "r-gimmick"]
    rewrite_in_place(window.document.path, changed)
    bar_shows(window, BarMode.CHANGED)
    click(window.watch.bar.compare_button)
    dialog = window.watch.compare_dialog
    assert dialog is not None
    assert dialog.isVisible()
    mine_only = [s.id for s in window.current_map().statements if s.text == "Only mine"]
    assert dialog.listed("Only in yours") == ["gimmick", *mine_only]  # in map order
    assert dialog.listed("Only on disk") == ["their-new"]
    assert dialog.listed("Changed") == ["freedom"]
    assert not dialog.isModal()


def compare_after_their_change(window):
    """A reason added here, the file changed elsewhere, and the bar's Compare clicked."""
    add_a_reason(window, "Only mine")
    rewrite_in_place(window.document.path, theirs())
    bar_shows(window, BarMode.CHANGED)
    click(window.watch.bar.compare_button)
    dialog = window.watch.compare_dialog
    assert dialog is not None
    return dialog


def test_the_comparison_follows_edits_and_closes_on_reload(window):
    dialog = compare_after_their_change(window)
    window.editor.set_text("freedom", "Edited while the comparison is open")
    window.qtbot.waitUntil(lambda: "freedom" in dialog.listed("Changed"), timeout=3000)
    click(window.watch.bar.reload_button)
    assert not dialog.isVisible()  # what it compared is no longer shown


def test_compare_twice_shows_one_dialog_with_the_file_as_it_is_now(window):
    first = compare_after_their_change(window)
    changed = theirs()
    changed.statements = [s for s in changed.statements if s.id != "gimmick"]
    changed.relations = [r for r in changed.relations if r.id != "r-gimmick"]
    rewrite_in_place(window.document.path, changed)
    click(window.watch.bar.compare_button)
    assert window.watch.compare_dialog is first
    assert "gimmick" in first.listed("Only in yours")


def test_comparing_two_maps_counts_relations_too():
    mine, other = small_map(), small_map()
    other.relations = other.relations[1:]
    changes = compare_maps(mine, other)
    assert changes.relations == (1, 0, 0)
    assert (changes.added, changes.removed, changes.changed) == ([], [], [])


def test_comparing_two_maps_names_the_other_parts_that_differ():
    mine, other = small_map(), small_map()
    assert compare_maps(mine, other).is_empty()
    other.title = "Changed elsewhere"
    other.sources[0].title = "Retitled elsewhere"
    changes = compare_maps(mine, other)
    assert changes.others == ["the title", "the sources"]
    assert not changes.is_empty()


def test_compare_says_when_only_the_sources_changed_on_disk(window):
    add_a_reason(window, "Only mine")
    changed = small_map()
    changed.sources[0].title = "Retitled elsewhere"
    rewrite_in_place(window.document.path, changed)
    bar_shows(window, BarMode.CHANGED)
    click(window.watch.bar.compare_button)
    dialog = window.watch.compare_dialog
    assert dialog is not None
    assert dialog.listed("Only on disk") == []
    assert dialog.listed("Changed") == []
    assert "Also different: the sources." in dialog.summary.text()


def test_saving_over_a_file_changed_since_it_was_read_asks_first(window, monkeypatch):
    add_a_reason(window, "Mine, not saved")
    path = window.document.path
    rewrite_in_place(path, theirs())  # no waiting for the watcher: the save looks itself
    asked = []
    monkeypatch.setattr(
        window.watch, "ask_overwrite", lambda p, never_read: asked.append(never_read) or False
    )
    assert not window.files.save()
    assert asked == [False]
    assert load_map(path) == theirs()
    assert not window.undo_stack.isClean()
    monkeypatch.setattr(window.watch, "ask_overwrite", lambda p, never_read: True)
    assert window.files.save()
    assert load_map(path) == window.current_map()


# -- deleted, moved, read-only -----------------------------------------------------------


def test_a_deleted_file_is_reported_and_save_puts_it_back(window):
    path = window.document.path
    path.unlink()
    bar_shows(window, BarMode.MISSING)
    assert "deleted or moved" in window.watch.bar.label.text()
    click(window.watch.bar.save_button)
    assert load_map(path) == window.current_map()
    assert not window.watch.bar.isVisible()


def test_a_file_whose_folder_is_gone_too_is_reported_with_save_as_only(window):
    import shutil

    folder = window.document.path.parent
    shutil.rmtree(folder)
    bar_shows(window, BarMode.MISSING)
    assert "its folder" in window.watch.bar.label.text()
    assert not window.watch.bar.save_button.isVisible()  # Save cannot put it back there
    assert window.watch.bar.save_as_button.isVisible()


def test_a_moved_file_is_reported_and_the_map_stays_open(window):
    path = window.document.path
    before = window.current_map()
    path.rename(path.with_name("moved.argmap"))
    bar_shows(window, BarMode.MISSING)
    assert window.current_map() is before


def test_a_file_put_back_after_being_deleted_is_followed_again(window):
    path = window.document.path
    text = path.read_text()
    path.unlink()
    bar_shows(window, BarMode.MISSING)
    path.write_text(text)
    window.qtbot.waitUntil(lambda: not window.watch.bar.isVisible(), timeout=10_000)
    rewrite_in_place(path, theirs())
    window.qtbot.waitUntil(lambda: window.current_map() == theirs(), timeout=10_000)


def test_a_read_only_file_is_not_replaced_and_save_offers_another_name(
    window, monkeypatch, tmp_path
):
    path = window.document.path
    before = path.read_bytes()
    os.chmod(path, 0o444)
    add_a_reason(window, "Mine, not saved")
    reasons = []
    monkeypatch.setattr(
        window.files, "ask_save_elsewhere", lambda reason: reasons.append(reason) or False
    )
    assert not window.files.save()
    assert path.read_bytes() == before
    assert "read-only" in reasons[0]
    elsewhere = tmp_path / "copy.argmap"
    monkeypatch.setattr(window.files, "ask_save_elsewhere", lambda reason: True)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(elsewhere), ""))
    )
    assert window.files.save()
    assert load_map(elsewhere) == window.current_map()
    assert path.read_bytes() == before


def test_a_backup_that_cannot_be_kept_is_shown_in_the_status_bar(window):
    path = window.document.path
    path.with_name(path.name + "~").mkdir()
    add_a_reason(window, "Mine, not saved")
    assert window.files.save()
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Saved {path}")
    assert "could not be kept as treaty.argmap~" in message
    assert load_map(path) == window.current_map()


def test_the_view_does_not_jump_when_a_map_is_opened_normally(window):
    """Only a reload keeps the view: opening a file still shows the map from its start."""
    window.view.set_zoom(3.0)
    window.view.centerOn(QPointF(5000, 5000))
    assert window.open_path(window.document.path)
    wait_for_layout(window.qtbot, window)
    assert window.view.zoom() != pytest.approx(3.0)


def test_a_long_file_name_in_the_bar_does_not_widen_the_window(window):
    width = window.width()
    window.watch.bar.show_missing("a" * 400 + ".argmap")
    window.qtbot.wait(1)
    assert window.width() == width
    assert window.watch.bar.label.toolTip().startswith("<b>aaaa")


def test_a_file_name_with_angle_brackets_is_shown_as_written(window):
    window.watch.bar.show_missing("<i>odd</i>.argmap")
    assert "&lt;i&gt;odd&lt;/i&gt;.argmap" in window.watch.bar.label.text()


def test_the_comparison_with_the_file_on_disk_follows_a_save_over_it(window, monkeypatch):
    add_a_reason(window, "Only mine")
    rewrite_in_place(window.document.path, theirs())
    bar_shows(window, BarMode.CHANGED)
    click(window.watch.bar.compare_button)
    dialog = window.watch.compare_dialog
    assert dialog.listed("Only on disk") == ["their-new"]
    monkeypatch.setattr(window.watch, "ask_overwrite", lambda p, never_read: True)
    assert window.files.save()  # the file on disk is this map now
    assert dialog.listed("Only on disk") == []
    assert dialog.listed("Only in yours") == []
    assert dialog.changes.is_empty()
