"""The editor window: opening, saving, exporting, and protecting unsaved work."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MAPS, small_map, wait_for_layout
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from argmap.files import load_map, save_map
from argmap.formats import write_any
from argmap.gui import MainWindow, window_state
from argmap.model import Attribution

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_a_sample_map_opens_with_one_card_per_statement(qtbot, path):
    window = MainWindow(path)
    qtbot.addWidget(window)
    wait_for_layout(qtbot, window)
    ids = sorted(item.statement_id for item in window.scene.statement_items.values())
    assert ids == sorted(s.id for s in load_map(path).statements)
    assert window.current_map() == load_map(path)
    assert window.windowTitle().startswith(path.name)


def test_cards_are_placed_by_graphviz_without_overlapping(window):
    rects = [item.card_rect() for item in window.scene.statement_items.values()]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.intersects(b)


def test_the_main_claim_is_drawn_above_its_reasons(window):
    items = window.scene.statement_items
    assert items["claim"].pos().y() < items["deterrence"].pos().y()


def test_a_new_map_has_one_main_claim_ready_to_type(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.files.new()
    wait_for_layout(qtbot, window)
    assert [s.text for s in window.current_map().statements] == [""]
    assert window.editor.inline.is_open()
    assert window.undo_stack.isClean()


def test_save_then_reload_gives_the_same_map(window, tmp_path):
    window.editor.set_text("claim", "Edited claim")
    target = tmp_path / "saved.argmap"
    assert window.save_to(target)
    assert load_map(target) == window.current_map()
    assert window.undo_stack.isClean()
    assert not window.isWindowModified()


def test_the_title_marks_unsaved_changes(window):
    assert not window.isWindowModified()
    assert window.status_fields.state_label.text() == "saved"
    window.editor.set_text("claim", "Changed")
    assert window.isWindowModified()
    assert "[*]" in window.windowTitle()
    assert window.status_fields.state_label.text() == "modified"


def test_export_svg_from_the_window(window, tmp_path):
    out = tmp_path / "map.svg"
    assert window.files.export_to(out, "svg", "print", "pinned")
    assert "A treaty would serve" in out.read_text()


def test_the_export_dialog_adds_a_legend_when_asked_and_remembers_it(window, tmp_path, monkeypatch):
    from argmap.gui.file_actions import ExportDialog

    out = tmp_path / "map.dot"

    def accept_with_legend(dialog):
        dialog.format_box.setCurrentText("dot")
        dialog.legend_box.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", accept_with_legend)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.files.export()
    assert "_legend" in out.read_text()
    assert ExportDialog(window, "default").legend_box.isChecked()  # the next export offers it


def test_a_broken_file_shows_a_dialog_and_keeps_the_current_map(window, tmp_path):
    broken = tmp_path / "broken.argmap"
    broken.write_text('{"format": "argmap", "statements": [{"id": "a"}]}')
    before = window.current_map().model_copy(deep=True)
    assert not window.open_path(broken)
    assert "broken.argmap" in window.errors[0]
    assert "statements[0].text" in window.errors[0]
    assert window.current_map() == before


def test_a_broken_file_is_named_once_and_the_place_in_words(window, tmp_path):
    cut = tmp_path / "cut.argmap"
    cut.write_text('{"format": "argmap", "statements": [')
    assert not window.open_path(cut)
    (message,) = window.errors
    assert message.count("cut.argmap") == 1
    assert "line 1, column 37: invalid JSON" in message


def test_a_markdown_outline_is_refused_with_the_formats_the_editor_opens(window):
    outline = window.document.path.with_suffix(".md")
    outline.write_text(write_any(window.current_map(), outline), encoding="utf-8")
    assert not window.open_path(outline)
    (message,) = window.errors
    assert message.startswith("treaty.md is in the Markdown outline format")
    assert message.count("treaty.md") == 1
    assert "--from" not in message
    assert "Argdown: .argdown" in message


def test_a_file_of_no_known_format_is_refused_in_the_editors_words(window, tmp_path):
    notes = tmp_path / "notes.xyz"
    notes.write_text("Shopping: bread, milk\n", encoding="utf-8")
    assert not window.open_path(notes)
    (message,) = window.errors
    assert message.count("notes.xyz") == 1
    assert "--from" not in message
    assert "argmap opens:" in message


def _answer(window, monkeypatch, button):
    asked = []
    monkeypatch.setattr(window, "ask_save_changes", lambda: asked.append(True) or button)
    return asked


def test_closing_with_unsaved_changes_can_be_cancelled(window, monkeypatch):
    window.editor.set_text("claim", "Unsaved")
    asked = _answer(window, monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert asked
    assert window.isVisible()


def test_closing_and_discarding_leaves_the_file_alone(window, monkeypatch):
    before = window.document.path.read_bytes()
    window.editor.set_text("claim", "Unsaved")
    _answer(window, monkeypatch, QMessageBox.StandardButton.Discard)
    assert window.close()
    assert window.document.path.read_bytes() == before


def test_closing_and_saving_writes_the_file(window, monkeypatch):
    window.editor.set_text("claim", "Saved on close")
    _answer(window, monkeypatch, QMessageBox.StandardButton.Save)
    assert window.close()
    assert load_map(window.document.path).statement("claim").text == "Saved on close"


def test_an_unchanged_map_closes_without_asking(window, monkeypatch):
    asked = _answer(window, monkeypatch, QMessageBox.StandardButton.Cancel)
    assert window.close()
    assert not asked


@pytest.fixture
def second_window(qtbot, tmp_path, monkeypatch):
    """Another editor window, on a map of its own, with unsaved changes."""
    path = tmp_path / "second.argmap"
    save_map(small_map(), path)
    other = MainWindow(path)
    qtbot.addWidget(other)
    other.show()
    wait_for_layout(qtbot, other)
    other.editor.set_text("claim", "Unsaved in the second window")
    yield other
    other.scene.runner.wait(10_000)


def test_quit_closes_every_window_asking_about_each_unsaved_map(window, second_window, monkeypatch):
    window.editor.set_text("claim", "Unsaved in the first window")
    asked = _answer(window, monkeypatch, QMessageBox.StandardButton.Discard)
    asked_second = _answer(second_window, monkeypatch, QMessageBox.StandardButton.Discard)
    window.named_actions["quit"].trigger()
    assert (asked, asked_second) == ([True], [True])
    assert not window.isVisible()
    assert not second_window.isVisible()


def test_a_cancel_while_quitting_keeps_that_window_open(window, second_window, monkeypatch):
    _answer(window, monkeypatch, QMessageBox.StandardButton.Discard)
    _answer(second_window, monkeypatch, QMessageBox.StandardButton.Cancel)
    window.named_actions["quit"].trigger()
    assert second_window.isVisible()


def test_opening_remembers_recent_files(window, tmp_path):
    assert str(Path(window.document.path).resolve()) in window.files.recent()


def test_revert_reloads_the_file(window, monkeypatch):
    monkeypatch.setattr(window, "ask_revert", lambda path: True)
    window.editor.set_text("claim", "Temporary")
    window.files.revert()
    assert window.current_map() == small_map()


def test_declining_to_revert_keeps_the_changes(window, monkeypatch):
    monkeypatch.setattr(window, "ask_revert", lambda path: False)
    window.editor.set_text("claim", "Temporary")
    window.files.revert()
    assert window.current_map().statement("claim").text == "Temporary"


def test_a_failed_revert_keeps_the_changes_unsaved(window, monkeypatch):
    monkeypatch.setattr(window, "ask_revert", lambda path: True)
    window.editor.set_text("claim", "Temporary")
    window.document.path.write_text("{ broken", encoding="utf-8")
    window.files.revert()
    assert window.errors
    assert "treaty.argmap" in window.errors[-1]
    assert window.current_map().statement("claim").text == "Temporary"
    assert not window.undo_stack.isClean()  # closing still asks


def test_revert_without_changes_says_there_is_nothing_to_revert(window):
    window.files.revert()
    assert "No unsaved changes" in window.statusBar().currentMessage()


def test_revert_of_a_map_with_no_file_says_so_and_keeps_it(window):
    window.show_map(small_map(), None)
    window.editor.set_text("claim", "Typed into a new map")
    window.files.revert()
    assert "no saved file" in window.statusBar().currentMessage()
    assert window.current_map().statement("claim").text == "Typed into a new map"


def _import_with_one_warning(window, tmp_path, monkeypatch) -> tuple[Path, list]:
    """An Argdown file that reads as the small map with one warning; what the window showed."""
    from argmap.formats.base import ReadResult, warning

    other = tmp_path / "debate.argdown"
    other.write_text("anything", encoding="utf-8")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        window, "show_warnings", lambda *summary_details: shown.append(summary_details)
    )
    monkeypatch.setattr(
        "argmap.formats.read_any",
        lambda path, fmt=None: ReadResult(
            small_map(), [warning("kept as a note", path="node 7", line=3)]
        ),
    )
    return other, shown


def test_a_map_in_another_format_opens_as_an_unsaved_import(window, tmp_path, monkeypatch):
    other, shown = _import_with_one_warning(window, tmp_path, monkeypatch)
    assert window.open_path(other)
    assert window.current_map() == small_map()
    assert window.document.path is None
    assert window.imported_from == other
    assert "debate.argdown (imported)" in window.windowTitle()
    assert window.isWindowModified()
    assert shown
    assert "debate.argdown:3: warning: node 7: kept as a note" in shown[0][1]


def test_a_map_opened_after_an_import_shows_as_unmodified(window, tmp_path):
    imported = tmp_path / "debate.argdown"
    imported.write_text("[Claim]: A treaty serves Israel.\n  + A guarantee deters.\n", "utf-8")
    native = tmp_path / "treaty.argmap"
    save_map(small_map(), native, backup=False)
    assert window.open_path(imported)
    assert window.isWindowModified()  # an import is not saved as .argmap yet
    assert window.open_path(native)
    assert window.undo_stack.isClean()
    assert not window.isWindowModified()
    assert window.status_fields.state_label.text() == "saved"


def test_export_as_writes_another_format(window, tmp_path):
    out = tmp_path / "copy.argmap"
    assert window.files.export_as_to(out, "argmap")
    assert load_map(out) == window.current_map()


def test_group_boxes_hold_their_cards_and_follow_a_moved_card(window):
    box = window.scene.group_items["rabin"]
    for statement_id in ("freedom", "narrow"):
        assert box.rect.contains(window.scene.statement_items[statement_id].card_rect())
    from argmap.model import Position

    card = window.scene.statement_items["narrow"]
    window.editor.pin({"narrow": Position(x=card.pos().x() + 500, y=card.pos().y() + 300)})
    assert box.rect.contains(card.card_rect())


def test_dropping_a_file_on_the_window_opens_it(window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    other = tmp_path / "other.argmap"
    other.write_bytes(MAPS[-1].read_bytes())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.document.path == other
    assert window.current_map() == load_map(other)


def test_an_unexpected_error_shows_a_dialog_and_keeps_the_map(window, monkeypatch, capsys):
    import sys

    from PySide6.QtWidgets import QMessageBox

    from argmap.gui.app import install_error_dialog

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_error_dialog()
    window.editor.set_text("claim", "Unsaved work")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert shown
    assert "boom" in shown[0]
    assert "still open" in shown[0]
    assert window.current_map().statement("claim").text == "Unsaved work"
    assert "RuntimeError: boom" in capsys.readouterr().err


def test_a_large_relayout_lands_in_batches_and_ends_exactly_in_place(qtbot, tmp_path):
    from argmap.gui.scene_layout import APPLY_BATCH

    window = MainWindow(_ternary_tree(tmp_path, APPLY_BATCH * 2 + 10))
    qtbot.addWidget(window)
    turns = []
    window.scene._steps._timer.timeout.connect(lambda: turns.append(1))
    wait_for_layout(qtbot, window)
    assert not turns  # the first layout is put in place at once: the soonest a map is readable
    for item in window.scene.statement_items.values():
        item.setPos(0, 0)  # as if an edit had moved every card
    window.scene.request_layout()
    wait_for_layout(qtbot, window)
    assert len(turns) > 3  # several event-loop turns, not one long freeze
    nodes = window.scene.layout_result.nodes
    for statement_id, item in window.scene.statement_items.items():
        assert (item.pos().x(), item.pos().y()) == (nodes[statement_id].x, nodes[statement_id].y)
    assert all(not edge.boundingRect().isEmpty() for edge in window.scene.edge_items)


def test_the_canvas_draws_a_map_in_the_theme_it_names(window, tmp_path):
    from argmap.theme import get_theme

    dark = small_map()
    dark.layout.theme = "dark"
    path = tmp_path / "dark.argmap"
    save_map(dark, path)
    assert window.open_path(path)
    wait_for_layout(window.qtbot, window)
    assert window.scene.theme is get_theme("dark")
    assert window.scene.backgroundBrush().color().name() == get_theme("dark").background
    window.files.new()
    assert window.scene.theme is get_theme(None)


def test_file_new_opens_the_editor_on_the_empty_main_claim(window):
    window.files.new()
    window.qtbot.waitUntil(window.editor.inline.is_open, timeout=2000)
    assert [s.text for s in window.current_map().statements] == [""]


def test_a_map_too_big_to_read_whole_opens_readable_on_its_main_claim(qtbot, tmp_path):
    from argmap.gui.view import READABLE_ZOOM
    from argmap.model import ArgumentMap, Relation, Statement

    statements = [
        Statement(id=f"s{i}", text=f"Statement number {i} of a long debate") for i in range(60)
    ]
    relations = [
        Relation(id=f"r{i}", kind="support", premises=[f"s{i}"], target="s0") for i in range(1, 60)
    ]
    path = tmp_path / "wide.argmap"
    save_map(ArgumentMap(statements=statements, relations=relations), path)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    wait_for_layout(qtbot, window)
    assert window.view.zoom() >= READABLE_ZOOM
    shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert shown.contains(window.scene.statement_items["s0"].card_rect())


def test_a_small_map_opens_whole(window):
    shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert all(shown.contains(item.card_rect()) for item in window.scene.statement_items.values())


def test_a_layout_that_lands_during_another_supersedes_it_and_every_card_ends_in_its_place(
    qtbot, tmp_path
):
    from argmap.gui.cards import card_slot
    from argmap.gui.layout_runner import PreparedLayout
    from argmap.gui.scene_layout import APPLY_BATCH
    from argmap.layout import tree_layout
    from argmap.model import Position

    window = MainWindow(_ternary_tree(tmp_path, APPLY_BATCH * 3))
    qtbot.addWidget(window)
    wait_for_layout(qtbot, window)
    scene = window.scene
    sizes = {sid: item.size for sid, item in scene.statement_items.items()}

    def layout_with(pinned: dict) -> object:
        moved = window.current_map().model_copy(deep=True)
        moved.layout.positions.update(pinned)
        return tree_layout(moved, sizes, theme=scene.theme, slot_width=card_slot(scene.theme))

    first = layout_with({"s0": Position(x=5000.0, y=0.0)})  # every card moves: it lands in batches
    scene._apply_layout(PreparedLayout(first))
    assert scene._steps.running()
    second = layout_with({"s0": Position(x=5000.0, y=0.0), "s1": Position(x=-4000.0, y=3000.0)})
    scene._apply_layout(PreparedLayout(second))  # only s1's branch differs from the first
    wait_for_layout(qtbot, window)
    for statement_id, item in scene.statement_items.items():
        assert (item.pos().x(), item.pos().y()) == (
            second.nodes[statement_id].x,
            second.nodes[statement_id].y,
        )


def _ternary_tree(tmp_path, n: int):
    """A saved map of ``n`` statements, each arguing for the one a third of its number."""
    from argmap.model import ArgumentMap, Relation, Statement

    statements = [Statement(id=f"s{i}", text=f"Statement {i}") for i in range(n)]
    relations = [
        Relation(id=f"r{i}", kind="support", premises=[f"s{i}"], target=f"s{(i - 1) // 3}")
        for i in range(1, n)
    ]
    path = tmp_path / "large.argmap"
    save_map(ArgumentMap(statements=statements, relations=relations), path)
    return path


def _long_source(window) -> None:
    sources = [*window.current_map().sources]
    window.editor.sources.add()
    source_id = window.current_map().sources[-1].id
    window.editor.sources.set_field(source_id, "title", "A very long title " * 12)
    attribution = window.current_map().statement("claim").attribution
    cited = (attribution or Attribution()).model_copy(update={"source": source_id})
    window.editor.set_fields("claim", attribution=cited)
    assert len(window.current_map().sources) == len(sources) + 1


def test_the_canvas_gets_most_of_a_1280_pixel_window(window, qtbot):
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    window_state.size_docks(window)
    qtbot.wait(50)
    assert window.view.width() >= 0.6 * window.width()


def test_a_long_source_title_does_not_widen_the_inspector(window, qtbot):
    window.resize(1280, 800)
    window_state.size_docks(window)
    qtbot.wait(50)
    width = window.inspector_dock.width()
    _long_source(window)
    window.scene.select_only(["claim"])
    qtbot.wait(50)
    assert window.inspector_dock.width() <= width + 2


def test_the_window_comes_back_as_it_was_closed(window, qtbot, tmp_path):
    window.resize(760, 560)  # within the offscreen platform's 800 × 600 screen
    window.resizeDocks([window.outline_dock], [300], Qt.Orientation.Horizontal)
    qtbot.wait(50)
    outline = window.outline_dock.width()
    window.close()
    again = MainWindow(tmp_path / "treaty.argmap")
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    qtbot.wait(50)
    assert (again.width(), again.height()) == (760, 560)
    assert abs(again.outline_dock.width() - outline) <= 2
    again.close()


def test_the_status_bar_counts_one_statement_in_the_singular(qtbot, monkeypatch):
    window = MainWindow(None)
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    window.files.new()
    assert window.status_fields.counts_label.text() == "1 statement · 0 relations"


def test_a_single_import_warning_is_counted_in_the_singular(window, tmp_path, monkeypatch):
    other, shown = _import_with_one_warning(window, tmp_path, monkeypatch)
    window.open_path(other)
    assert shown[0][0] == "debate.argdown: 1 thing could not be carried over exactly"


def test_the_inspector_shows_a_long_title_from_its_beginning(window):
    window.editor.set_fields(
        "claim", title="A title far longer than the inspector field is wide " * 3
    )
    window.scene.select_only(["narrow"])
    window.scene.select_only(["claim"])
    assert window.inspector.title_edit.cursorPosition() == 0


def test_an_export_is_not_written_over_the_file_the_map_was_opened_from(window):
    path = window.document.path
    before = path.read_bytes()
    assert not window.files.export_to(path, "json")
    assert path.read_bytes() == before
    assert "the file the map was opened from" in window.errors[-1]
