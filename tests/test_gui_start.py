"""The start page: what the window offers when no map is open."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import small_map, wait_for_layout
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from argmap.files import load_map, save_map
from argmap.formats import write_any
from argmap.gui import MainWindow
from argmap.gui.start_page import example_maps

pytestmark = pytest.mark.gui


@pytest.fixture
def empty_window(qtbot, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    window.show()
    window.activateWindow()
    window.qtbot = qtbot
    return window


def test_argmap_without_a_file_shows_the_start_page_not_an_empty_canvas(empty_window):
    assert empty_window.pages.currentWidget() is empty_window.start_page
    assert not empty_window.has_map()
    assert empty_window.windowTitle() == "argmap"


def test_a_file_that_cannot_be_opened_leaves_the_start_page(qtbot, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, title, text: errors.append(text))
    window = MainWindow(tmp_path / "missing.argmap")
    qtbot.addWidget(window)
    assert errors
    assert "missing.argmap" in errors[0]
    assert window.pages.currentWidget() is window.start_page


def test_map_commands_are_greyed_out_on_the_start_page(empty_window):
    names = empty_window.named_actions
    assert not names["save"].isEnabled()
    assert not names["add_reason"].isEnabled()
    assert not names["export"].isEnabled()
    assert names["new"].isEnabled()
    assert names["open"].isEnabled()
    assert names["shortcuts"].isEnabled()


def test_new_map_from_the_start_page_opens_a_claim_ready_to_type(empty_window):
    empty_window.start_page.new_button.click()
    empty_window.qtbot.waitUntil(empty_window.editor.inline.is_open)
    for char in "Treaties deter":
        QTest.keyClick(QApplication.focusWidget(), char)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert [s.text for s in empty_window.current_map().statements] == ["Treaties deter"]
    assert empty_window.named_actions["save"].isEnabled()


def test_the_start_page_lists_recent_files_and_opens_one_with_enter(empty_window, qtbot, tmp_path):
    path = tmp_path / "treaty.argmap"
    save_map(small_map(), path)
    empty_window.open_path(path)
    empty_window.files.close_map()
    assert empty_window.pages.currentWidget() is empty_window.start_page
    recent = empty_window.start_page.recent_list
    assert recent.count() >= 1
    assert str(path.resolve()) in recent.item(0).toolTip()
    recent.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is recent)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert empty_window.has_map()
    assert empty_window.current_map() == small_map()


def test_the_start_page_offers_the_example_maps(empty_window):
    examples = empty_window.start_page.example_list
    shown = [examples.item(i).toolTip() for i in range(examples.count())]
    assert {p.name for p in example_maps()} >= {
        "israel-us-defense-treaty.argmap",
        "us-saudi-defense-pact.argmap",
    }
    assert shown == [str(p) for p in example_maps()]
    examples.itemActivated.emit(examples.item(0))
    wait_for_layout(empty_window.qtbot, empty_window)
    assert empty_window.has_map()
    assert empty_window.current_map() == load_map(example_maps()[0])


@pytest.fixture
def example(empty_window, tmp_path):
    """The start page offers a copy of an example in a folder of the test's own."""
    shipped = tmp_path / "shipped" / "treaty-example.argmap"
    shipped.parent.mkdir()
    save_map(small_map(), shipped)
    empty_window.start_page.set_examples([shipped])
    return shipped


def open_example_with_enter(window, qtbot) -> None:
    examples = window.start_page.example_list
    examples.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is examples)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    wait_for_layout(qtbot, window)


def test_an_example_opens_as_an_untitled_copy_under_its_name(empty_window, example, qtbot):
    open_example_with_enter(empty_window, qtbot)
    assert empty_window.current_map() == small_map()
    assert empty_window.document.path is None
    assert empty_window.windowTitle().startswith("treaty-example (example)")
    assert not empty_window.isWindowModified()
    assert str(example) not in empty_window.files.recent()


def test_saving_an_example_asks_where_and_leaves_the_one_shipped_alone(
    empty_window, example, qtbot, tmp_path, monkeypatch
):
    shipped = example.read_bytes()
    open_example_with_enter(empty_window, qtbot)
    empty_window.editor.set_text("claim", "Changed")
    starts: list[str] = []
    copy = tmp_path / "mine.argmap"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a: starts.append(a[2]) or (str(copy), "")),
    )
    empty_window.view.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert starts == [str(Path.home() / "treaty-example.argmap")]
    assert load_map(copy).statement("claim").text == "Changed"
    assert example.read_bytes() == shipped


def test_close_map_asks_to_save_then_shows_the_start_page(empty_window, monkeypatch):
    empty_window.files.new()
    empty_window.editor.set_text(empty_window.current_map().statements[0].id, "Changed")
    asked = []
    monkeypatch.setattr(
        empty_window,
        "ask_save_changes",
        lambda: asked.append(True) or QMessageBox.StandardButton.Cancel,
    )
    empty_window.files.close_map()
    assert asked
    assert empty_window.has_map()  # cancelled: the map stays
    monkeypatch.setattr(
        empty_window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard
    )
    empty_window.files.close_map()
    assert not empty_window.has_map()


def test_a_new_maps_empty_claim_says_what_to_type_until_typed_into(empty_window):
    empty_window.files.new()
    empty_window.qtbot.waitUntil(empty_window.editor.inline.is_open)
    assert empty_window.editor.inline.placeholder() == "Type the claim you want to examine"
    QTest.keyClick(QApplication.focusWidget(), "T")
    assert empty_window.editor.inline.placeholder() is None


def test_recent_files_that_are_gone_are_not_offered(empty_window, tmp_path):
    kept, gone = tmp_path / "kept.argmap", tmp_path / "gone.argmap"
    for path in (kept, gone):
        save_map(small_map(), path)
        empty_window.files.remember_recent(path)
    gone.unlink()
    empty_window.show_start_page()
    recent = empty_window.start_page.recent_list
    assert [recent.item(i).toolTip() for i in range(recent.count())] == [str(kept.resolve())]


def test_two_recent_files_of_one_name_in_one_folder_are_told_apart(empty_window, tmp_path):
    for path in (tmp_path / "debate.argdown", tmp_path / "debate.argmap"):
        path.write_text(write_any(small_map(), path), encoding="utf-8")
        empty_window.files.remember_recent(path)
    empty_window.show_start_page()
    recent = empty_window.start_page.recent_list
    rows = [recent.item(i).text() for i in range(recent.count())]
    assert [row.split()[0] for row in rows] == ["debate.argmap", "debate.argdown"]


def test_a_recent_file_deleted_while_the_start_page_lists_it_goes_when_picked(
    empty_window, tmp_path, monkeypatch
):
    errors: list[str] = []
    monkeypatch.setattr(empty_window, "show_error", lambda title, text: errors.append(text))
    gone = tmp_path / "gone.argmap"
    save_map(small_map(), gone)
    empty_window.files.remember_recent(gone)
    empty_window.show_start_page()
    gone.unlink()
    recent = empty_window.start_page.recent_list
    recent.itemActivated.emit(recent.item(0))
    assert "gone.argmap is no longer in" in errors[0]
    assert not empty_window.has_map()
    assert str(gone.resolve()) not in empty_window.files.recent()
    assert not recent.isVisible()
