"""Autosave and recovery: unsaved work survives a crash, and comes back when asked for."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import ROOT, small_map, wait_for_layout
from gui_helpers import add_a_reason, typed
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from argmap.files import dumps_map, load_map, save_map
from argmap.gui import MainWindow
from argmap.gui.autosave import (
    MAX_SECONDS,
    encode_record,
    left_behind,
    read_record,
    recovery_folder,
)
from argmap.gui.preferences import PreferencesDialog
from argmap.gui.recovery import Choice, Recovery

pytestmark = pytest.mark.gui


def recovery_files() -> list[Path]:
    return sorted(recovery_folder().glob("*.recovery.json"))


def lose_focus(window) -> None:
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowDeactivate))


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def left_by_a_dead_process(argument_map, path: Path | None, name: str = "crashed") -> Path:
    """A recovery file as an argmap that was killed leaves it."""
    folder = recovery_folder()
    folder.mkdir(parents=True, exist_ok=True)
    data = json.loads(encode_record(argument_map, path, None, datetime.now(UTC)))
    data["pid"] = dead_pid()
    file = folder / f"{name}.recovery.json"
    file.write_text(json.dumps(data))
    return file


def edited(argument_map, text: str = "Recovered reason"):
    changed = argument_map.model_copy(deep=True)
    changed.title = text
    return changed


# -- autosave --------------------------------------------------------------------


def test_an_unchanged_map_writes_no_recovery_file(window):
    lose_focus(window)
    assert recovery_files() == []


def test_unsaved_changes_are_autosaved_when_the_window_loses_focus(window):
    add_a_reason(window)
    lose_focus(window)
    (file,) = recovery_files()
    record = read_record(file)
    assert record.map == window.current_map()
    assert record.path == window.document.path
    assert record.pid == os.getpid()


def edit_card_inline(window, statement_id):
    """Select a card on the canvas and open its inline editor with F2, as a user does."""
    window.activateWindow()
    window.view.setFocus()
    window.scene.select_only([statement_id])
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)


def test_text_still_being_typed_on_a_card_is_autosaved_without_becoming_an_edit(window):
    edit_card_inline(window, "narrow")
    typed("Typed before the crash")
    lose_focus(window)
    (file,) = recovery_files()
    assert read_record(file).map.statement("narrow").text == "Typed before the crash"
    assert window.editor.inline.is_open()
    assert window.undo_stack.count() == 0


@pytest.fixture
def ending_signals_restored():
    """The process's own SIGTERM/SIGHUP handling and wake-up socket, as they were."""
    import signal

    from argmap.gui import ending
    from argmap.gui.ending import ENDING_SIGNALS

    before = {number: signal.getsignal(number) for number in ENDING_SIGNALS}
    yield
    signal.set_wakeup_fd(-1)
    for number, handler in before.items():
        signal.signal(number, handler)
    for reader, writer, notifier in ending._kept:
        notifier.deleteLater()
        reader.close()
        writer.close()
    ending._kept.clear()


@pytest.mark.skipif(not hasattr(os, "kill") or sys.platform == "win32", reason="needs SIGTERM")
def test_asked_to_end_the_editor_keeps_the_typing_for_the_next_start(
    window, ending_signals_restored
):
    """Logging out sends SIGTERM: what is typed goes to the recovery file, then argmap quits."""
    import signal

    from argmap.gui.ending import keep_work_when_ended

    ended = []
    keep_work_when_ended(QApplication.instance(), quit_app=ended.append)
    edit_card_inline(window, "narrow")
    typed("Typed before logging out")
    assert recovery_files() == []
    os.kill(os.getpid(), signal.SIGTERM)
    window.qtbot.waitUntil(lambda: bool(ended), timeout=5000)
    assert ended == [128 + signal.SIGTERM]
    (file,) = recovery_files()
    assert read_record(file).map.statement("narrow").text == "Typed before logging out"


def test_a_source_title_still_being_typed_in_its_cell_is_autosaved(window):
    window.sources_dock.show()
    table = window.sources_panel.table
    table.setFocus()
    table.setCurrentCell(0, 0)
    table.editItem(table.item(0, 0))
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(QApplication.focusWidget(), "Israel Hayom interview")
    lose_focus(window)
    (file,) = recovery_files()
    assert read_record(file).map.sources[0].title == "Israel Hayom interview"
    assert window.undo_stack.count() == 0  # still only typed: nothing kept as an edit yet


def test_a_field_still_being_typed_in_the_inspector_is_autosaved(window):
    window.scene.select_only(["narrow"])
    window.inspector.note_edit.setFocus()
    typed("A note not yet committed")
    lose_focus(window)
    (file,) = recovery_files()
    assert read_record(file).map.statement("narrow").note == "A note not yet committed"
    assert window.current_map().statement("narrow").note is None


def test_a_text_still_being_typed_in_the_outline_is_autosaved(window):
    """F2 in the outline edits a statement's whole text: a crash while typing it there
    loses it no more than on the card."""
    window.activateWindow()
    window.scene.select_only(["narrow"])
    window.outline_dock.show()
    window.outline.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    assert window.outline.open_editor() is not None
    typed("Typed in the outline")
    lose_focus(window)
    (file,) = recovery_files()
    assert read_record(file).map.statement("narrow").text == "Typed in the outline"
    assert window.outline.open_editor() is not None  # still typing: not committed under it
    assert window.undo_stack.count() == 0


def test_typing_on_a_card_cancelled_with_escape_leaves_nothing_to_recover(window):
    edit_card_inline(window, "narrow")
    typed("Typed then cancelled")
    lose_focus(window)
    assert len(recovery_files()) == 1
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))  # the user comes back
    window.activateWindow()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not window.editor.inline.is_open()
    lose_focus(window)
    assert recovery_files() == []


def test_typing_in_the_inspector_deleted_again_leaves_nothing_to_recover(window):
    window.scene.select_only(["narrow"])
    window.inspector.note_edit.setFocus()
    typed("abc")
    lose_focus(window)
    assert len(recovery_files()) == 1
    for _ in "abc":
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backspace)
    lose_focus(window)
    assert recovery_files() == []


def test_a_field_of_an_arrow_still_being_typed_in_the_inspector_is_autosaved(window):
    window.inspector.show_relation("r-freedom")
    window.inspector.relation_quote_edit.setFocus()
    typed("A quote not yet committed")
    lose_focus(window)
    (file,) = recovery_files()
    recovered = read_record(file).map.relation("r-freedom").attribution
    assert recovered is not None
    assert recovered.quote == "A quote not yet committed"
    assert window.current_map().relation("r-freedom").attribution is None


def test_a_weight_still_being_typed_in_the_inspector_is_autosaved(window):
    window.inspector.show_relation("r-freedom")
    box = window.inspector.relation_evaluation.weight_box
    box.setFocus()
    box.selectAll()
    typed("0.4")
    lose_focus(window)
    (file,) = recovery_files()
    assert read_record(file).map.relation("r-freedom").weight == 0.4
    assert window.current_map().relation("r-freedom").weight is None


def test_unsaved_changes_are_autosaved_when_the_application_goes_to_the_background(window):
    add_a_reason(window)
    QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    assert len(recovery_files()) == 1


def test_unsaved_changes_are_autosaved_by_the_timer_at_the_interval_set(qtbot, tmp_path):
    path = tmp_path / "map.argmap"
    save_map(small_map(), path)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.settings.setValue("autosave/seconds", 1)
    window.autosave.restart_timer()
    window.show()
    wait_for_layout(qtbot, window)
    add_a_reason(window, "Written by the timer")
    qtbot.waitUntil(lambda: len(recovery_files()) == 1, timeout=10_000)
    assert "Written by the timer" in recovery_files()[0].read_text()
    window.undo_stack.setClean()  # nothing left to lose: the window closes without asking


def test_the_recovery_file_is_never_next_to_the_map(window):
    add_a_reason(window)
    lose_focus(window)
    assert recovery_files()[0].parent != window.document.path.parent
    assert sorted(p.name for p in window.document.path.parent.iterdir()) == ["treaty.argmap"]


def test_the_recovery_file_follows_later_changes(window):
    add_a_reason(window, "First")
    lose_focus(window)
    add_a_reason(window, "Second")
    lose_focus(window)
    (file,) = recovery_files()
    assert any(s.text == "Second" for s in read_record(file).map.statements)


def test_saving_removes_the_recovery_file(window):
    add_a_reason(window)
    lose_focus(window)
    assert window.files.save()
    assert recovery_files() == []


def test_undoing_back_to_the_saved_state_removes_the_recovery_file(window):
    add_a_reason(window)
    lose_focus(window)
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert recovery_files() == []


def test_closing_and_discarding_removes_the_recovery_file(window):
    add_a_reason(window)
    lose_focus(window)
    assert window.close()  # the fixture answers "Discard"
    assert recovery_files() == []


def test_cancelling_the_close_keeps_the_recovery_file(window, monkeypatch):
    add_a_reason(window)
    lose_focus(window)
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert len(recovery_files()) == 1
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)


def test_a_recovery_file_of_a_running_argmap_is_not_offered(window):
    add_a_reason(window)
    lose_focus(window)
    assert left_behind() == []


def test_a_failed_autosave_says_so_and_the_map_stays_unsaved(window, tmp_path):
    from argmap.gui import autosave

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the recovery folder should be")
    autosave.set_recovery_folder(blocked)
    add_a_reason(window)
    assert not window.autosave.save_now()
    assert "Autosave failed" in window.statusBar().currentMessage()
    assert not window.undo_stack.isClean()


# -- recovery ------------------------------------------------------------------------


def start(qtbot, choice: Choice, path: Path | None = None) -> tuple[MainWindow, Recovery, list]:
    """A first window, as ``run_editor`` makes it, whose recovery questions get ``choice``."""
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    recovery = Recovery(window)
    asked = []

    def answer(record):
        asked.append(record)
        return choice

    recovery.ask = answer
    recovery.offer()
    for opened in [window, *recovery.windows]:
        qtbot.addWidget(opened)
        # Closing at the end of a test discards the recovered work instead of asking.
        opened.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
        if opened.has_map():
            wait_for_layout(qtbot, opened)
    return window, recovery, asked


def test_a_recovery_file_names_the_map_by_its_whole_path(tmp_path, monkeypatch):
    """The next start may be in another folder: "notes.argmap" would name another file."""
    monkeypatch.chdir(tmp_path)
    data = json.loads(encode_record(small_map(), Path("notes.argmap"), None, datetime.now(UTC)))
    assert data["path"] == str(tmp_path / "notes.argmap")


def test_a_recovery_file_that_cannot_be_read_is_reported_once_and_kept_aside(qtbot):
    folder = recovery_folder()
    folder.mkdir(parents=True, exist_ok=True)
    damaged = folder / f"{dead_pid()}-cut.recovery.json"
    damaged.write_text('{"format": "argmap-recovery", "map": "{\\"format\\": \\"arg')
    window = MainWindow()
    qtbot.addWidget(window)
    reported: list = []
    for _ in range(2):  # two starts
        recovery = Recovery(window)
        recovery.ask = lambda record: Choice.LATER
        recovery.report_damaged = reported.append
        recovery.offer()
    assert [[file for file, _ in files] for files in reported] == [[damaged]]
    assert not damaged.exists()
    assert damaged.with_name(damaged.name + ".damaged").exists()  # the bytes are kept


def test_restore_opens_the_recovered_map_unsaved_with_its_file_remembered(qtbot, tmp_path):
    path = tmp_path / "treaty.argmap"
    save_map(small_map(), path)
    file = left_by_a_dead_process(edited(small_map()), path)
    window, recovery, asked = start(qtbot, Choice.RESTORE)
    assert [r.file for r in asked] == [file]
    assert window.current_map() == edited(small_map())
    assert window.document.path == path
    assert not window.undo_stack.isClean()
    assert window.isWindowModified()
    assert recovery.windows == []


def test_the_recovered_notice_goes_when_another_map_is_opened(qtbot, tmp_path, monkeypatch):
    """The notice "Recovered …: not saved yet" is about the restored map, not the next."""
    path = tmp_path / "treaty.argmap"
    save_map(small_map(), path)
    left_by_a_dead_process(edited(small_map()), path)
    window, _, _ = start(qtbot, Choice.RESTORE)
    assert "Recovered" in window.statusBar().currentMessage()
    other = tmp_path / "other.argmap"
    save_map(small_map(), other)
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    assert window.files.open_file(other)
    assert "Recovered" not in window.statusBar().currentMessage()


def test_restore_replaces_the_old_recovery_file_with_this_processs_own(qtbot, tmp_path):
    file = left_by_a_dead_process(edited(small_map()), None)
    start(qtbot, Choice.RESTORE)
    assert not file.exists()
    (mine,) = recovery_files()
    assert read_record(mine).pid == os.getpid()
    assert read_record(mine).map == edited(small_map())


def test_saving_a_restored_map_asks_before_replacing_its_file(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "treaty.argmap"
    save_map(small_map(), path)
    left_by_a_dead_process(edited(small_map()), path)
    window, _, _ = start(qtbot, Choice.RESTORE)
    questions = []
    monkeypatch.setattr(
        window.watch, "ask_overwrite", lambda p, never_read: questions.append(never_read) or False
    )
    assert not window.files.save()
    assert questions == [True]
    assert load_map(path) == small_map()
    monkeypatch.setattr(window.watch, "ask_overwrite", lambda p, never_read: True)
    assert window.files.save()
    assert load_map(path) == edited(small_map())


def test_a_restored_map_whose_file_is_gone_saves_it_again_without_asking(qtbot, tmp_path):
    path = tmp_path / "gone.argmap"
    left_by_a_dead_process(edited(small_map()), path)
    window, _, _ = start(qtbot, Choice.RESTORE)
    assert window.files.save()
    assert load_map(path) == edited(small_map())


def test_show_both_puts_the_saved_file_and_the_recovered_map_side_by_side(qtbot, tmp_path):
    path = tmp_path / "treaty.argmap"
    save_map(small_map(), path)
    left_by_a_dead_process(edited(small_map()), path)
    window, recovery, _ = start(qtbot, Choice.SHOW_BOTH)
    (other,) = recovery.windows
    assert window.current_map() == small_map()
    assert window.undo_stack.isClean()
    assert other.current_map() == edited(small_map())
    assert other.document.path == path
    assert not other.undo_stack.isClean()
    assert other.isVisible()


def test_restoring_while_another_map_is_open_uses_a_new_window(qtbot, tmp_path):
    mine = tmp_path / "mine.argmap"
    save_map(small_map(), mine)
    left_by_a_dead_process(edited(small_map()), tmp_path / "theirs.argmap")
    window, recovery, _ = start(qtbot, Choice.RESTORE, path=mine)
    (other,) = recovery.windows
    assert window.document.path == mine
    assert window.current_map() == small_map()
    assert other.current_map() == edited(small_map())


def test_discard_deletes_the_recovery_file(qtbot, tmp_path):
    file = left_by_a_dead_process(edited(small_map()), None)
    window, _, _ = start(qtbot, Choice.DISCARD)
    assert not file.exists()
    assert not window.has_map()


def test_deciding_later_keeps_the_recovery_file_for_the_next_start(qtbot, tmp_path):
    file = left_by_a_dead_process(edited(small_map()), None)
    window, _, asked = start(qtbot, Choice.LATER)
    assert [r.file for r in asked] == [file]
    assert file.exists()
    assert not window.has_map()
    assert [r.file for r in left_behind()] == [file]


def test_each_recovery_file_gets_its_own_question(qtbot, tmp_path):
    left_by_a_dead_process(edited(small_map(), "One"), None, "one")
    left_by_a_dead_process(edited(small_map(), "Two"), None, "two")
    window, recovery, asked = start(qtbot, Choice.RESTORE)
    assert sorted(r.map.title for r in asked) == ["One", "Two"]
    titles = sorted(w.current_map().title for w in [window, *recovery.windows])
    assert titles == ["One", "Two"]


def test_the_recovery_question_offers_show_both_only_when_there_is_a_saved_file(qtbot, tmp_path):
    path = tmp_path / "treaty.argmap"
    save_map(small_map(), path)
    left_by_a_dead_process(edited(small_map()), path, "saved")
    left_by_a_dead_process(edited(small_map()), None, "untitled")
    window = MainWindow()
    qtbot.addWidget(window)
    buttons = {}

    def read_the_buttons_and_close(name: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        buttons[name] = [b.text() for b in box.buttons()]
        box.reject()  # Escape: decide later

    for record in left_behind():
        name = record.file.name.removesuffix(".recovery.json")
        QTimer.singleShot(0, lambda name=name: read_the_buttons_and_close(name))
        assert Recovery(window).ask(record) is Choice.LATER
    assert "Show &both" in buttons["saved"]
    assert "Show &both" not in buttons["untitled"]
    assert all("&Restore" in b and "&Discard" in b for b in buttons.values())


# -- the real thing: a process killed, a new one started --------------------------------


def test_work_typed_before_a_crash_is_restored_at_the_next_start(tmp_path):
    """The editor is killed (SIGKILL) after an autosave; the next start restores the work."""
    home = tmp_path / "home"
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")},
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "PYTHONPATH": str(ROOT),
    }
    path = tmp_path / "treaty.argmap"
    save_map(small_map(), path)
    driver = str(Path(__file__).with_name("recovery_driver.py"))
    edited_report, errors = tmp_path / "edited.json", tmp_path / "stderr.txt"
    with errors.open("w") as stderr:
        first = subprocess.Popen(
            [sys.executable, driver, "edit", str(path), str(edited_report)],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        typed_map = _wait_for_autosave(first, edited_report, home / "data", errors)
    finally:
        first.kill()  # SIGKILL: no chance to clean up
        first.wait()
    assert path.read_text() == dumps_map(small_map())  # nothing was saved over the file
    restored_report = tmp_path / "restored.json"
    with subprocess.Popen(
        [sys.executable, driver, "restore", str(restored_report)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as second:
        _, second_errors = second.communicate(timeout=120)
    assert second.returncode == 0, second_errors
    report = json.loads(restored_report.read_text())
    assert report["asked"] == [str(path)]
    (window,) = report["windows"]
    assert window["map"] == typed_map
    assert "Typed just before the crash" in window["map"]
    assert window["path"] == str(path)
    assert window["modified"]
    (file,) = report["files"]  # the dead process's file gave way to the new one's
    assert file.startswith(f"{second.pid}-")


def _wait_for_autosave(process, report: Path, data: Path, errors: Path) -> str:
    """The map as typed, once a recovery file holds it (the process must not end first)."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the editor ended early:\n{errors.read_text()}")
        if report.exists():
            typed_map = json.loads(report.read_text())["map"]
            for file in data.rglob("*.recovery.json"):
                if json.loads(file.read_text())["map"] == typed_map:
                    return typed_map
        time.sleep(0.05)
    pytest.fail("no recovery file with the typed map appeared")


# -- preferences -------------------------------------------------------------------


def test_preferences_set_the_autosave_interval_and_restart_the_timer(window):
    dialog = PreferencesDialog(window)
    dialog.autosave.setValue(15)
    dialog.accept()
    assert window.autosave.seconds() == 15
    assert window.autosave.timer.interval() == 15_000


def test_preferences_change_the_autosave_interval_of_every_window(window, qtbot):
    other = MainWindow()
    qtbot.addWidget(other)
    other.show()
    dialog = PreferencesDialog(window)
    dialog.autosave.setValue(5)
    dialog.accept()
    assert other.autosave.timer.interval() == 5_000


def test_an_autosave_interval_longer_than_a_timer_holds_is_the_longest_one(window):
    window.settings.setValue("autosave/seconds", 3_000_000_000)
    window.autosave.restart_timer()
    assert window.autosave.seconds() == MAX_SECONDS
    assert window.autosave.timer.interval() == MAX_SECONDS * 1000


def test_preferences_can_turn_the_autosave_timer_off(window):
    dialog = PreferencesDialog(window)
    dialog.autosave.setValue(0)
    assert dialog.autosave.text() == "Off"
    dialog.accept()
    assert not window.autosave.timer.isActive()


def test_preferences_refuse_a_graphviz_program_that_does_not_exist(window):
    dialog = PreferencesDialog(window)
    dialog.program.setText("/no/such/dot")
    dialog.accept()
    assert dialog.problem.isVisibleTo(dialog)
    assert "/no/such/dot" in dialog.problem.text()
    assert window.settings.value("graphviz/program", "") == ""


def test_preferences_choose_the_graphviz_for_exports(window, monkeypatch):
    from argmap.render.engine import configure_program, find_engine

    monkeypatch.delenv("ARGMAP_DOT", raising=False)
    dialog = PreferencesDialog(window)
    dialog.program.setText(sys.executable)  # any program that exists
    try:
        dialog.accept()
        assert find_engine().executable == sys.executable
    finally:
        configure_program(None)


def test_preferences_are_on_the_edit_menu_even_without_a_map(window):
    window.show_start_page()
    assert window.named_actions["preferences"].isEnabled()
