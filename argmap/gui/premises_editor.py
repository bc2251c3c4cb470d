"""The premises of a selected relation, in the inspector: see, remove, add co-premises."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from argmap.gui.panel_keys import on_delete_key

__all__ = ["PremisesEditor"]

ID_ROLE = 256  # Qt.ItemDataRole.UserRole


class _CandidateBox(QComboBox):
    """Lists the statements that could join only when opened: a large map has thousands."""

    def __init__(self, fill: Callable[[], list[tuple[str, str]]]) -> None:
        super().__init__()
        self._fill = fill
        # A statement's text can be long: the box must not set the inspector's width.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.reset()

    def reset(self) -> None:
        self.clear()
        self.addItem("Add co-premise…", "")

    def showPopup(self) -> None:
        self.reset()
        for statement_id, label in self._fill():
            self.addItem(label, statement_id)
        super().showPopup()


class PremisesEditor(QWidget):
    """``premisesChanged`` carries the new premise list; the inspector turns it into an edit."""

    premisesChanged = Signal(list)

    def __init__(self, candidates: Callable[[], list[tuple[str, str]]]) -> None:
        super().__init__()
        self.premises: list[str] = []
        self.list = QListWidget()
        self.list.setFixedHeight(80)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Take the selected premise out of this argument")
        self.add_box = _CandidateBox(candidates)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_box, 1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed
        )  # the quote box grows
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.remove_button.clicked.connect(self.remove_selected)
        on_delete_key(self.list, self.remove_selected)
        self.add_box.activated.connect(self._candidate_picked)

    def show_premises(self, premises: list[str], describe: Callable[[str], str]) -> None:
        self.premises = list(premises)
        self.list.clear()
        for premise in premises:
            item = QListWidgetItem(describe(premise))
            item.setData(ID_ROLE, premise)
            self.list.addItem(item)
        self.add_box.reset()
        self._update_buttons()

    def remove_selected(self) -> None:
        """A relation keeps at least one premise: the last one is removed by deleting the arrow."""
        chosen = {item.data(ID_ROLE) for item in self.list.selectedItems()}
        kept = [p for p in self.premises if p not in chosen]
        if chosen and kept:
            self.premisesChanged.emit(kept)

    def add(self, statement_id: str) -> None:
        if statement_id and statement_id not in self.premises:
            self.premisesChanged.emit([*self.premises, statement_id])

    def _candidate_picked(self, index: int) -> None:
        statement_id = self.add_box.itemData(index)
        self.add_box.reset()
        self.add(statement_id)

    def _update_buttons(self) -> None:
        selected = len(self.list.selectedItems())
        self.remove_button.setEnabled(0 < selected < len(self.premises))
