"""Starting the editor: the Qt application, and a safety net for unexpected errors."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from argmap import __version__
from argmap.gui.display_check import ensure_display

__all__ = ["install_error_dialog", "run_editor"]


def install_error_dialog() -> None:
    """Unexpected exceptions end in a dialog, not a crash: the map stays open and savable."""

    def hook(kind, error, trace) -> None:
        text = "".join(traceback.format_exception(kind, error, trace))
        sys.stderr.write(text)
        parent = QApplication.activeWindow()
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Unexpected error",
            f"Something went wrong: {error}\n\n"
            "Your map is still open; save it under a new name to be safe.",
            parent=parent,
        )
        box.setDetailedText(text)
        box.exec()

    sys.excepthook = hook


def release_clipboard() -> None:
    """Drop a branch this process copied before Qt shuts down.

    Qt owns the QMimeData we hand to the clipboard; with some platform
    plugins its deletion at shutdown races Python's and crashes on exit.
    A branch another argmap copied is left alone: closing one editor must
    not empty the clipboard a card was just cut to in another.
    """
    from argmap.gui.clipboard import made_here

    app = QApplication.instance()
    if isinstance(app, QApplication) and made_here(app.clipboard().mimeData()):
        app.clipboard().clear()


def run_editor(path: str | None = None) -> int:
    """Open a window on ``path`` (or a new map) and run until it closes.

    Exits with status 2 and an explanation first when Qt could not open a
    window here (no display, or X11 libraries missing), instead of letting
    Qt abort the process with a misleading message.
    """
    ensure_display()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("argmap")
    app.setOrganizationName("argmap")
    app.setApplicationVersion(__version__)
    install_error_dialog()
    from argmap.gui.ending import keep_work_when_ended
    from argmap.gui.mainwindow import MainWindow
    from argmap.gui.recovery import Recovery

    window = MainWindow(Path(path).absolute() if path else None)  # as a recovery file keeps it
    window.show()
    recovery = Recovery(window)  # once per start: work that an argmap which died left behind
    QTimer.singleShot(0, recovery.offer)
    if isinstance(app, QApplication):  # logging out: the work goes to the recovery file first
        keep_work_when_ended(app)
    status = app.exec()
    release_clipboard()
    return status
