"""Offering back the work an argmap that died left in its recovery files.

This happens once per start of the application (``run_editor``), not per
window: the files belong to no window of this process, and a window opened
later (to show a recovered map beside its saved file) must not ask again.
Each file gets its own question; nothing is deleted until the user answers,
and closing the question keeps the file for the next start.
"""

from __future__ import annotations

import contextlib
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMessageBox

from argmap.gui.autosave import DAMAGED_SUFFIX, RecoveryRecord, left_behind

if TYPE_CHECKING:
    from argmap.gui.mainwindow import MainWindow

__all__ = ["Choice", "Recovery"]


class Choice(StrEnum):
    RESTORE = "restore"  # the recovered map, unsaved, in place of nothing
    SHOW_BOTH = "show both"  # the saved file and the recovered map, in two windows
    DISCARD = "discard"  # delete the recovery file
    LATER = "later"  # keep it, and ask again at the next start


class Recovery:
    """Asks about each recovery file left behind, and opens what the user wants back."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.windows: list[MainWindow] = []  # opened here: kept alive while the application runs

    def offer(self) -> None:
        damaged: list[tuple[Path, str]] = []
        records = left_behind(damaged)
        if damaged:
            self.report_damaged(damaged)
        for record in records:
            self.resolve(record, self.ask(record))

    # Dialogs go through this method so tests can answer it.
    def report_damaged(self, damaged: list[tuple[Path, str]]) -> None:
        """Some work cannot be brought back: say which file and why, and where it is kept."""
        lines = [f"{file.name}: {reason}" for file, reason in damaged]
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Recover unsaved work",
            f"{len(damaged)} recovery file{'s' if len(damaged) != 1 else ''} left by an argmap"
            " that closed unexpectedly could not be read, so its work cannot be restored.",
            parent=self.window,
        )
        folder = damaged[0][0].parent
        box.setInformativeText(
            f"It is kept, renamed to end in {DAMAGED_SUFFIX}, in {folder}, and not offered again."
        )
        box.setDetailedText("\n".join(lines))
        box.exec()

    # Dialogs go through this method so tests can answer it.
    def ask(self, record: RecoveryRecord) -> Choice:
        where = str(record.path) if record.path else "a map that was never saved"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Recover unsaved work",
            f"argmap closed unexpectedly with unsaved changes to “{record.map.title}”.",
            parent=self.window,
        )
        when = record.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        box.setInformativeText(f"File: {where}\nLast autosaved: {when}")
        buttons = {Choice.RESTORE: box.addButton("&Restore", QMessageBox.ButtonRole.AcceptRole)}
        if record.path is not None and record.path.exists():
            buttons[Choice.SHOW_BOTH] = box.addButton(
                "Show &both", QMessageBox.ButtonRole.ActionRole
            )
        buttons[Choice.DISCARD] = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton("Decide &later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(buttons[Choice.RESTORE])
        box.setEscapeButton(later)
        box.exec()
        clicked = box.clickedButton()
        return next((choice for choice, b in buttons.items() if b is clicked), Choice.LATER)

    def resolve(self, record: RecoveryRecord, choice: Choice) -> MainWindow | None:
        """Act on the answer; returns the window showing the recovered map, if any."""
        if choice is Choice.DISCARD:
            with contextlib.suppress(OSError):  # cannot be deleted: it is offered again next time
                record.file.unlink(missing_ok=True)
            return None
        if choice is Choice.RESTORE:
            window = self._window_for(record.path)
        elif choice is Choice.SHOW_BOTH:
            saved = self._window_showing(record.path)
            window = self._new_window(beside=saved)
        else:
            return None
        self._restore(window, record)
        return window

    def _restore(self, window: MainWindow, record: RecoveryRecord) -> None:
        """The map as unsaved work; Save goes back to its file, after asking (see file_watch)."""
        window.show_map(record.map, record.path, imported_from=record.imported_from)
        window.undo_stack.resetClean()
        when = record.saved_at.astimezone().strftime("%H:%M")
        notice = f"Recovered the work autosaved at {when}: not saved yet"
        status = window.statusBar()
        status.showMessage(notice, 0)  # until another map takes this one's place

        def replaced() -> None:
            window.document.mapReset.disconnect(replaced)
            if status.currentMessage() == notice:
                status.clearMessage()

        window.document.mapReset.connect(replaced)
        if window.autosave.save_now():  # this process's own copy first, then the old one goes
            with contextlib.suppress(OSError):
                record.file.unlink(missing_ok=True)

    def _window_for(self, path: Path | None) -> MainWindow:
        """The first window if it has nothing to lose (no map, or that file unchanged)."""
        first = self.window
        if not first.has_map():
            return first
        if path is not None and first.document.path == path and first.undo_stack.isClean():
            return first
        return self._new_window(beside=first)

    def _window_showing(self, path: Path | None) -> MainWindow:
        """A window with the saved file open: the first one if it shows it or nothing."""
        first = self.window
        if path is not None and first.document.path == path and first.has_map():
            return first
        window = first if not first.has_map() else self._new_window(beside=first)
        if path is not None:
            window.open_path(path)
        return window

    def _new_window(self, beside: MainWindow) -> MainWindow:
        from argmap.gui.mainwindow import MainWindow

        window = MainWindow()
        self.windows.append(window)
        frame = beside.frameGeometry()
        screen = beside.screen().availableGeometry()
        if frame.right() + frame.width() <= screen.right():
            window.move(frame.topRight())
        else:
            window.move(frame.topLeft() + QPoint(40, 40))  # no room beside it: just below
        window.show()
        return window
