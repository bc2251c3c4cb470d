"""Runs the real editor (``run_editor``) in a process of its own, for the crash test.

``python recovery_driver.py edit MAP REPORT``: open MAP, type a new reason,
write the map as it then is to REPORT, and keep running (autosaving) until
killed. ``python recovery_driver.py restore REPORT``: start with no map,
answer "Restore" to every recovery question, and write what the windows then
show to REPORT. Settings and data go where XDG_CONFIG_HOME and XDG_DATA_HOME
point; the test sets both to a folder of its own.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from argmap.files import dumps_map
from argmap.gui.app import run_editor
from argmap.gui.autosave import recovery_folder
from argmap.gui.mainwindow import MainWindow
from argmap.gui.recovery import Choice, Recovery

TYPED = "Typed just before the crash"


def windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def when_laid_out(action) -> None:
    """Run ``action`` once the first window has a map laid out."""
    found = windows()
    if found and found[0].has_map() and not found[0].scene.settling():
        action(found[0])
    else:
        QTimer.singleShot(20, lambda: when_laid_out(action))


def when_focused(window: MainWindow, action) -> None:
    """Run ``action`` once the canvas has the keyboard focus, as after a click on it."""
    if QApplication.focusWidget() is window.view:
        action()
    else:
        window.activateWindow()
        window.view.setFocus()
        QTimer.singleShot(20, lambda: when_focused(window, action))


def type_a_reason(window: MainWindow, report: Path) -> None:
    """Insert adds a reason to the selected claim; the text goes to whatever has the focus."""
    window.scene.select_only(["claim"])
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Insert)
    for char in TYPED:
        QTest.keyClick(QApplication.focusWidget(), char)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    report.write_text(json.dumps({"map": dumps_map(window.current_map())}))


def edit(path: Path, report: Path) -> int:
    settings = QSettings("argmap", "argmap")
    settings.setValue("autosave/seconds", 1)
    settings.sync()
    QTimer.singleShot(
        0, lambda: when_laid_out(lambda w: when_focused(w, lambda: type_a_reason(w, report)))
    )
    return run_editor(str(path))


def restore(report: Path) -> int:
    asked = []

    def answer(self, record) -> Choice:
        asked.append(str(record.path))
        return Choice.RESTORE

    offer = Recovery.offer

    def offer_then_report(self) -> None:
        offer(self)
        shown = [
            {
                "path": str(w.document.path),
                "modified": not w.undo_stack.isClean(),
                "map": dumps_map(w.current_map()),
            }
            for w in windows()
            if w.has_map()
        ]
        files = sorted(p.name for p in recovery_folder().iterdir())
        report.write_text(json.dumps({"asked": asked, "windows": shown, "files": files}))
        sys.stdout.flush()
        os._exit(0)  # as abruptly as the first one: the restored map is unsaved

    Recovery.ask = answer  # type: ignore[method-assign]
    Recovery.offer = offer_then_report  # type: ignore[method-assign]
    return run_editor(None)


if __name__ == "__main__":
    if sys.argv[1] == "edit":
        sys.exit(edit(Path(sys.argv[2]), Path(sys.argv[3])))
    sys.exit(restore(Path(sys.argv[2])))
