"""Edit › Preferences: how often work is autosaved, and which Graphviz draws exports.

Both are stored in the window's ``QSettings`` and take effect at once: the
autosave timer is restarted, and the Graphviz program is handed to
:func:`argmap.render.engine.configure_program`, so exports, the layered
layout and Help › About all use it.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from argmap.gui.autosave import DEFAULT_SECONDS
from argmap.render.engine import configure_program

if TYPE_CHECKING:
    from argmap.gui.mainwindow import MainWindow

__all__ = ["AUTOSAVE_KEY", "GRAPHVIZ_KEY", "PreferencesDialog", "apply_graphviz_setting"]

AUTOSAVE_KEY = "autosave/seconds"
GRAPHVIZ_KEY = "graphviz/program"
MAX_AUTOSAVE_SECONDS = 3600


def apply_graphviz_setting(settings: QSettings) -> None:
    """Hand the chosen Graphviz program (if any) to the export machinery."""
    configure_program(str(settings.value(GRAPHVIZ_KEY, "") or "").strip() or None)


class PreferencesDialog(QDialog):
    """A small form; OK checks the Graphviz program exists before anything is stored."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Preferences")
        self.autosave = QSpinBox()
        self.autosave.setRange(0, MAX_AUTOSAVE_SECONDS)
        self.autosave.setSuffix(" s")
        self.autosave.setSpecialValueText("Off")
        self.autosave.setValue(window.autosave.seconds())
        self.autosave.setToolTip(
            "Unsaved work is copied to a recovery file this often, and whenever"
            " argmap loses the focus. Off: only on losing the focus."
        )
        self.program = QLineEdit(str(window.settings.value(GRAPHVIZ_KEY, "") or ""))
        self.program.setPlaceholderText("Automatic: $ARGMAP_DOT, dot on PATH, else graphviz-pure")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.program, 1)
        row.addWidget(browse)
        program_row = QWidget()
        program_row.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # it names the program typed
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.addRow("&Autosave every:", self.autosave)
        form.addRow("&Graphviz program:", program_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        defaults = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.clicked.connect(self._restore_defaults)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Graphviz program", self.program.text())
        if path:
            self.program.setText(path)

    def _restore_defaults(self) -> None:
        self.autosave.setValue(DEFAULT_SECONDS)
        self.program.clear()

    def accept(self) -> None:
        program = self.program.text().strip()
        if program and not shutil.which(program):
            self.problem.setText(f"No program {program!r} was found, or it cannot be run.")
            self.problem.show()
            self.program.setFocus()
            return
        settings = self.window_.settings
        settings.setValue(AUTOSAVE_KEY, self.autosave.value())
        settings.setValue(GRAPHVIZ_KEY, program)
        apply_graphviz_setting(settings)
        from argmap.gui.mainwindow import MainWindow

        for widget in QApplication.topLevelWidgets():  # every window follows the setting at once
            if isinstance(widget, MainWindow):
                widget.autosave.restart_timer()
        super().accept()
