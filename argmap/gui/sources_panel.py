"""The Sources panel: the documents a map quotes, edited in a table.

Every change is one undo step, made by the editor's source gestures
(:mod:`argmap.gui.source_editing`); a cell still being typed in is kept
before a save, an undo, a reload or closing, as the window's other fields
are. Removing a source that statements cite asks first and then clears those
citations, so the map never refers to a source it does not have.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap.gui.document import MapDocument
from argmap.gui.panel_keys import keep_editing_keys, on_delete_key
from argmap.gui.source_editing import SourceGestures
from argmap.gui.wording import counted
from argmap.model import clean_text

__all__ = ["SourcesPanel"]

COLUMNS = (
    ("title", "Title"),
    ("author", "Author"),
    ("publisher", "Publisher"),
    ("date", "Date"),
    ("url", "URL"),
)


class SourcesPanel(QWidget):
    message = Signal(str)

    def __init__(
        self, document: MapDocument, gestures: SourceGestures, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.gestures = gestures
        self.table = QTableWidget(0, len(COLUMNS) + 1)
        self.table.setHorizontalHeaderLabels([label for _, label in COLUMNS] + ["Cited"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.add_button = QPushButton("&Add Source")
        self.remove_button = QPushButton("&Remove")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_source)
        self.remove_button.clicked.connect(self.remove_selected)
        keep_editing_keys(self)  # Delete here removes a source, never the selected card
        on_delete_key(self.table, self.remove_selected)
        self.table.itemChanged.connect(self._cell_edited)
        document.sourcesChanged.connect(self.refresh)
        document.mapReset.connect(self.refresh)
        # A card or an arrow added, removed or changed alters only how often a source is
        # cited: the cells, and one still being typed in, stay as they are. Counted once
        # the change is done: a pasted branch says each of its cards was added.
        self._counts_later = QTimer(self)
        self._counts_later.setSingleShot(True)
        self._counts_later.setInterval(0)
        self._counts_later.timeout.connect(self.refresh_counts)
        for signal in document.content_signals():
            signal.connect(self._counts_later.start)
        self._filling = False
        self.refresh()

    # -- showing -----------------------------------------------------------

    def refresh(self, *_) -> None:
        self._filling = True
        sources = self.document.map.sources
        counts = self.gestures.citation_counts()
        self.table.setRowCount(len(sources))
        for row, source in enumerate(sources):
            for column, (field, _label) in enumerate(COLUMNS):
                item = QTableWidgetItem(getattr(source, field) or "")
                item.setData(Qt.ItemDataRole.UserRole, source.id)
                self.table.setItem(row, column, item)
            cited = QTableWidgetItem(str(counts[source.id]))
            cited.setFlags(cited.flags() & ~Qt.ItemFlag.ItemIsEditable)
            cited.setToolTip(f"id: {source.id}")
            self.table.setItem(row, len(COLUMNS), cited)
        self._filling = False

    def refresh_counts(self, *_) -> None:
        """The Cited column alone, brought up to date."""
        sources = self.document.map.sources
        if self.table.rowCount() != len(sources):
            self.refresh()
            return
        counts = self.gestures.citation_counts()
        self._filling = True
        for row, source in enumerate(sources):
            cited = self.table.item(row, len(COLUMNS))
            if cited is not None:
                cited.setText(str(counts[source.id]))
        self._filling = False

    # -- editing -----------------------------------------------------------

    def _cell_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() >= len(COLUMNS):
            return
        name = COLUMNS[item.column()][0]
        self.set_field(item.row(), name, item.text())

    def edit_current(self) -> None:
        """F2 with the table focused: edit the current cell (never the selected card)."""
        item = self.table.currentItem()
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
            self.table.editItem(item)

    def pending(self) -> tuple[str, str, str] | None:
        """The source, field and text of a cell typed in but not kept yet (for autosave)."""
        editor = self.open_editor()
        item = self.table.currentItem()
        if not isinstance(editor, QLineEdit) or not editor.isModified() or item is None:
            return None
        if item.column() >= len(COLUMNS):
            return None
        name = COLUMNS[item.column()][0]
        return str(item.data(Qt.ItemDataRole.UserRole)), name, clean_text(editor.text()).strip()

    def open_editor(self) -> QWidget | None:
        """The editor of the cell being typed in, if one is open."""
        if self.table.state() != QAbstractItemView.State.EditingState:
            return None
        return self.table.indexWidget(self.table.currentIndex())

    def commit_editing(self) -> None:
        """Keep what is typed in a cell still open (before saving, undoing, closing, reloading)."""
        editor = self.open_editor()
        if editor is not None:
            self.table.commitData(editor)
            self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def set_field(self, row: int, name: str, value: str) -> bool:
        sources = self.document.map.sources
        value = clean_text(value).strip()  # pasted from a PDF: its page breaks and control codes
        if name == "title" and not value:
            self.message.emit("A source needs a title.")
            self.refresh()
            return False
        refused = self.gestures.set_field(sources[row].id, name, value or None)
        if refused is not None:
            self.message.emit(f"Source not changed: {refused}")
            self.refresh()
            return False
        return True

    def add_source(self) -> str:
        """A new source with a placeholder title, its title cell open for typing."""
        source_id = self.gestures.add()
        self.open_title(source_id)
        return source_id

    def open_title(self, source_id: str) -> None:
        """Select a source's row and, when the panel shows, open its title for typing."""
        rows = [s.id for s in self.document.map.sources]
        if source_id not in rows:
            return
        row = rows.index(source_id)
        self.table.setCurrentCell(row, 0)
        if self.isVisible():
            title = self.table.item(row, 0)
            if title is not None:
                self.table.editItem(title)

    def confirm_remove(self, title: str, count: int) -> bool:
        """Ask before removing a cited source (tests answer this themselves)."""
        answer = QMessageBox.warning(
            self,
            "Remove source",
            f"“{title}” is cited {counted(count, 'time')} (by statements or relations). "
            "Remove it and clear those citations?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        sources = self.document.map.sources
        for row in reversed(rows):
            if row < len(sources):
                self.remove_source(sources[row].id)

    def remove_source(self, source_id: str) -> bool:
        source = next(s for s in self.document.map.sources if s.id == source_id)
        citing = self.gestures.citations(source_id)
        if citing and not self.confirm_remove(source.title, len(citing)):
            return False
        self.gestures.remove(source_id)
        return True
