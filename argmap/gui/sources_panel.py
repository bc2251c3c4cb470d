"""The Sources panel: the documents a map quotes, edited in a table.

Every change is one undo step. Removing a source that statements cite asks
first and then clears those citations, so the map never refers to a source
it does not have.
"""

from __future__ import annotations

from pydantic import ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap.gui.commands import EditRelationCommand, EditStatementCommand, SetSourcesCommand
from argmap.gui.document import MapDocument
from argmap.model import Source

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
        self, document: MapDocument, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.undo_stack = undo_stack
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
        self.table.itemChanged.connect(self._cell_edited)
        for signal in (
            document.sourcesChanged,
            document.mapReset,
            document.statementChanged,
            document.relationChanged,
        ):
            signal.connect(self.refresh)
        self._filling = False
        self.refresh()

    # -- showing -----------------------------------------------------------

    def citations(self, source_id: str) -> list[str]:
        """Ids of the statements and relations that cite a source."""
        argument_map = self.document.map
        return [
            element.id
            for element in [*argument_map.statements, *argument_map.relations]
            if element.attribution is not None and element.attribution.source == source_id
        ]

    def refresh(self, *_) -> None:
        self._filling = True
        sources = self.document.map.sources
        self.table.setRowCount(len(sources))
        for row, source in enumerate(sources):
            for column, (name, _) in enumerate(COLUMNS):
                item = QTableWidgetItem(getattr(source, name) or "")
                item.setData(Qt.ItemDataRole.UserRole, source.id)
                self.table.setItem(row, column, item)
            cited = QTableWidgetItem(str(len(self.citations(source.id))))
            cited.setFlags(cited.flags() & ~Qt.ItemFlag.ItemIsEditable)
            cited.setToolTip(f"id: {source.id}")
            self.table.setItem(row, len(COLUMNS), cited)
        self._filling = False

    # -- editing -----------------------------------------------------------

    def _cell_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() >= len(COLUMNS):
            return
        name = COLUMNS[item.column()][0]
        self.set_field(item.row(), name, item.text())

    def set_field(self, row: int, name: str, value: str) -> bool:
        sources = list(self.document.map.sources)
        value = value.strip()
        if name == "title" and not value:
            self.message.emit("A source needs a title.")
            self.refresh()
            return False
        try:
            changed = Source.model_validate(
                {**sources[row].model_dump(exclude_none=True), name: value or None}
            )
        except ValidationError as error:
            self.message.emit(f"Source not changed: {error.errors()[0]['msg']}")
            self.refresh()
            return False
        sources[row] = changed
        self.undo_stack.push(SetSourcesCommand(self.document, sources, f"Edit source {name}"))
        return True

    def add_source(self) -> str:
        """A new source with a placeholder title, its title cell open for typing."""
        taken = {s.id for s in self.document.map.sources}
        number = len(taken) + 1
        while f"src-{number}" in taken:
            number += 1
        source = Source(id=f"src-{number}", title="New source")
        self.undo_stack.push(
            SetSourcesCommand(self.document, [*self.document.map.sources, source], "Add source")
        )
        row = len(self.document.map.sources) - 1
        self.table.setCurrentCell(row, 0)
        if self.isVisible():
            self.table.editItem(self.table.item(row, 0))
        return source.id

    def confirm_remove(self, title: str, count: int) -> bool:
        """Ask before removing a cited source (tests answer this themselves)."""
        answer = QMessageBox.warning(
            self,
            "Remove source",
            f"“{title}” is cited by {count} statement(s) or relation(s). "
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
        citing = self.citations(source_id)
        if citing and not self.confirm_remove(source.title, len(citing)):
            return False
        self.undo_stack.beginMacro(f"Remove source “{source.title}”")
        statements = {s.id: s for s in self.document.map.statements}
        relations = {r.id: r for r in self.document.map.relations}
        for element_id in citing:
            element = statements.get(element_id) or relations[element_id]
            attribution = element.attribution.model_copy(update={"source": None})
            if element_id in statements:
                self.undo_stack.push(
                    EditStatementCommand(self.document, element_id, {"attribution": attribution})
                )
            else:
                self.undo_stack.push(
                    EditRelationCommand(
                        self.document, element_id, {"attribution": attribution}, "Uncite"
                    )
                )
        kept = [s for s in self.document.map.sources if s.id != source_id]
        self.undo_stack.push(SetSourcesCommand(self.document, kept, "Remove source"))
        self.undo_stack.endMacro()
        return True
