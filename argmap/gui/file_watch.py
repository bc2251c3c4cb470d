"""Noticing that another program changed, replaced or removed the open file.

The window remembers the stamp (time, size, hash) of the bytes it last read
or wrote. A file system watcher says when to look again; a save looks again
itself, just before writing. A change with nothing unsaved here is simply
reloaded, keeping the selection and the view; with unsaved changes the bar
above the canvas lets the user choose, and a save never replaces a file that
changed since it was read without asking first.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QPointF, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QMessageBox

from argmap.errors import ArgmapError
from argmap.files import DiskState, FileStamp, disk_state, file_stamp, load_map, load_map_stamped
from argmap.gui.change_bar import ChangeBar, CompareDialog
from argmap.gui.live_compare import keep_current

if TYPE_CHECKING:
    from argmap.gui.mainwindow import MainWindow

__all__ = ["FileWatch", "same_file"]

SETTLE_MS = 150  # a program writing a file sends several events; look once they stop


class FileWatch(QObject):
    """Follows the file of one window's map."""

    written = Signal(Path)  # the map was saved to this file: it holds the map now

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.path: Path | None = None
        self.stamp: FileStamp | None = None  # None: the map was not read from this file
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._soon)
        self.watcher.directoryChanged.connect(self._soon)  # atomic saves, deletions, moves
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.check)
        self._centre: QPointF | None = None  # where the view looked before a reload
        self.compare_dialog: CompareDialog | None = None
        self.bar = ChangeBar()
        layout = window.map_page.layout()
        assert isinstance(layout, QBoxLayout)
        layout.insertWidget(0, self.bar)
        self.bar.reload_button.clicked.connect(lambda: self.reload())
        self.bar.keep_button.clicked.connect(lambda: self.keep_mine())
        self.bar.save_button.clicked.connect(lambda: window.files.save())
        self.bar.save_as_button.clicked.connect(lambda: window.files.save_as())
        self.bar.compare_button.clicked.connect(lambda: self.compare())
        window.document.mapReset.connect(self._map_replaced)
        window.scene.layoutApplied.connect(self._restore_centre)

    # -- what the window tells us ------------------------------------------

    def opened(self, stamp: FileStamp) -> None:
        """The map shown was just read from its file; these were the bytes."""
        self.stamp = stamp

    def saved(self, path: Path, stamp: FileStamp) -> None:
        """The map was written to ``path`` (perhaps a new name): follow that file now."""
        self.stamp = stamp
        self.follow(path)
        self.bar.dismiss()
        dialog = self.compare_dialog
        if dialog is not None and dialog.isVisible():  # the file on disk is this map now
            try:
                dialog.compare_with(load_map(path), path.name, self.window.document.map)
            except ArgmapError:
                dialog.close()
        self.written.emit(path)

    def may_overwrite(self, path: Path) -> bool:
        """Before a save: True unless the file changed since it was read and the user says no."""
        if self.path is None or _real(path) != _real(self.path):
            return True  # a new name: the save dialog asked about replacing it
        if disk_state(path, self.stamp) is not DiskState.CHANGED:
            return True
        return self.ask_overwrite(path, never_read=self.stamp is None)

    # Dialogs go through this method so tests can answer it.
    def ask_overwrite(self, path: Path, *, never_read: bool) -> bool:
        why = (
            "This map was not read from that file (it was recovered after a crash)."
            if never_read
            else "Another program changed it since it was opened here."
        )
        answer = QMessageBox.warning(
            self.window,
            "File changed on disk",
            f"{why}\n\nReplace {path.name} with this map anyway?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    # -- watching ----------------------------------------------------------

    def follow(self, path: Path | None) -> None:
        self.path = path
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        self._arm()

    def _arm(self) -> None:
        """Watch the file and its folder; an atomic rename replaces the file, so add it again."""
        if self.path is None:
            return
        real = _real(self.path)
        wanted = [str(p) for p in (real, real.parent) if p.exists()]
        watched = set(self.watcher.files() + self.watcher.directories())
        missing = [p for p in wanted if p not in watched]
        if missing:
            self.watcher.addPaths(missing)

    def _soon(self, *_: object) -> None:
        self._settle.start()

    def check(self) -> None:
        """Compare the file with what was read or written last, and act on the difference."""
        if self.path is None or not self.window.has_map():
            return
        self._arm()
        state = disk_state(self.path, self.stamp)
        if state is DiskState.SAME:
            self.bar.dismiss()
        elif state is DiskState.MISSING:
            self.bar.show_missing(self.path.name, folder_gone=not self.path.parent.is_dir())
        elif self.stamp is not None:
            self.window.commit_pending_edits()  # typing still open counts as a change here
            if self.window.undo_stack.isClean():
                self.reload()
                return
            try:  # a file that cannot be read is said so, not offered to reload or compare
                load_map(self.path)
            except ArgmapError as error:
                self.bar.show_unreadable(self.path.name, str(error))
                return
            self.bar.show_changed(self.path.name)

    # -- the bar's choices -------------------------------------------------

    def reload(self) -> bool:
        """Show the file as it is now, keeping the selection and what the view looks at."""
        path = self.path
        if path is None:
            return False
        try:
            argument_map, stamp = load_map_stamped(path)
        except ArgmapError as error:
            self.bar.show_unreadable(path.name, str(error))
            return False
        window = self.window
        selected = window.scene.selected_statement_ids()
        viewport = window.view.viewport().rect()
        centre = window.view.mapToScene(viewport.center())
        window.show_map(argument_map, path, keep_view=True)
        self.stamp = stamp
        window.scene.select_only([i for i in selected if i in window.scene.statement_items])
        self._centre = centre
        if not window.scene.settling():
            self._restore_centre()
        window.statusBar().showMessage(f"{path.name} changed on disk: reloaded", 6000)
        return True

    def keep_mine(self) -> None:
        """The user has seen the change and keeps this version: saving will not ask again."""
        if self.path is not None and self.bar.mode is not None:
            self.stamp = file_stamp(self.path) or self.stamp
        self.bar.dismiss()

    def compare(self) -> CompareDialog | None:
        """Which statements differ between this map and the file on disk (a window, not modal)."""
        if self.path is None:
            return None
        try:
            theirs = load_map(self.path)
        except ArgmapError as error:
            self.window.show_error("Cannot compare", str(error))
            return None
        document = self.window.document
        dialog = self.compare_dialog
        if dialog is None:  # one dialog, shown again with the file as it is now
            dialog = CompareDialog(self.window, document.map, theirs, self.path.name)
            keep_current(dialog, document, lambda: dialog.fill(document.map))
            self.compare_dialog = dialog
        else:
            dialog.compare_with(theirs, self.path.name, document.map)
        dialog.show()
        dialog.raise_()
        return dialog

    # -- reacting ----------------------------------------------------------

    def _map_replaced(self) -> None:
        self.stamp = None
        self.bar.dismiss()
        self.follow(self.window.document.path)

    def _restore_centre(self) -> None:
        if self._centre is not None:
            self.window.view.centerOn(self._centre)
            self._centre = None


def same_file(one: Path, other: Path) -> bool:
    """Whether two names are of one file (through symlinks)."""
    return _real(one) == _real(other)


def _real(path: Path) -> Path:
    """The file a path names, through symlinks (saves write through them)."""
    return Path(os.path.realpath(path))
