"""What the window shows when no map is open: ways to begin, not an empty canvas.

New map, Open, the files opened recently, the example maps that come with
argmap, and the keyboard shortcuts. It is shown when argmap starts without a
file, when the file it was asked to open cannot be opened, and after File ›
Close.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from argmap.gui.plain_text import plain_tooltip

__all__ = ["StartPage", "example_maps"]

PATH_ROLE = Qt.ItemDataRole.UserRole


def example_maps() -> list[Path]:
    """The example maps shipped with argmap (in the package, or in a source checkout)."""
    here = Path(__file__).resolve().parent.parent
    for folder in (here / "maps", here.parent / "maps"):
        found = sorted(folder.glob("*.argmap"))
        if found:
            return found
    return []


class StartPage(QWidget):
    """``openRequested`` carries the path of a recent file picked, ``exampleRequested`` that
    of an example."""

    openRequested = Signal(Path)
    exampleRequested = Signal(Path)

    def __init__(
        self,
        new: Callable[[], None],
        open_dialog: Callable[[], None],
        shortcuts: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        title = QLabel(
            "<h1>argmap</h1><p>Map a debate: claims, reasons, objections, and who said them.</p>"
        )
        title.setWordWrap(True)
        self.new_button = QPushButton("&New Map")
        self.open_button = QPushButton("&Open…")
        self.shortcuts_button = QPushButton("&Keyboard Shortcuts")
        self.new_button.clicked.connect(new)
        self.open_button.clicked.connect(open_dialog)
        self.shortcuts_button.clicked.connect(shortcuts)
        self.recent_list = self._file_list(self.openRequested.emit)
        self.example_list = self._file_list(self.exampleRequested.emit)
        self.no_recent = QLabel("Maps you open will be listed here.")
        self.no_recent.setEnabled(False)
        buttons = QVBoxLayout()
        for button in (self.new_button, self.open_button, self.shortcuts_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        grid = QGridLayout()
        grid.addLayout(buttons, 0, 0, 4, 1)
        grid.addWidget(QLabel("<b>Open recent</b>"), 0, 1)
        grid.addWidget(self.recent_list, 1, 1)
        grid.addWidget(self.no_recent, 1, 1)
        grid.addWidget(QLabel("<b>Examples</b>"), 2, 1)
        grid.addWidget(self.example_list, 3, 1)
        grid.setColumnStretch(1, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(40, 30, 40, 30)
        column.addWidget(title)
        column.addLayout(grid, 1)
        self.set_examples(example_maps())

    @staticmethod
    def _file_list(picked: Callable[[Path], object]) -> QListWidget:
        files = QListWidget()
        # Enter, or a double click
        files.itemActivated.connect(lambda item: picked(Path(item.data(PATH_ROLE))))
        return files

    def set_recent(self, files: list[str]) -> None:
        """The recent files that are still there (a moved or deleted one is left out)."""
        present = [Path(f) for f in files if Path(f).is_file()]
        self._fill(self.recent_list, present)
        self.recent_list.setVisible(bool(present))
        self.no_recent.setVisible(not present)

    def set_examples(self, files: list[Path]) -> None:
        self._fill(self.example_list, files)

    @staticmethod
    def _fill(files: QListWidget, paths: list[Path]) -> None:
        files.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.name}    —    {path.parent}")  # debate.argdown
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(plain_tooltip(str(path)))
            files.addItem(item)
        if paths:
            files.setCurrentRow(0)
