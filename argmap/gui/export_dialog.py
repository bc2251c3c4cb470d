"""The export dialog: format, theme, cards, layout, legend, folding, pages (``argmap export``)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout

from argmap.render.cards import Cards
from argmap.render.export import LayoutMode
from argmap.theme import THEMES

__all__ = ["AS_SHOWN", "ExportDialog"]

AS_SHOWN = "shown"  # the export dialog's "as shown in the editor"


class ExportDialog(QDialog):
    """Format, theme, cards, layout, legend and folding for an export (as ``argmap export``)."""

    def __init__(self, parent, theme: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        form = QFormLayout(self)
        self.format_box = QComboBox()
        self.format_box.addItems(["svg", "png", "pdf", "html", "dot", "json"])
        self.theme_box = QComboBox()
        self.theme_box.addItems(list(THEMES))
        self.theme_box.setCurrentText(theme if theme in THEMES else "default")
        self.layout_box = QComboBox()
        self.layout_box.addItem("As shown in the editor", AS_SHOWN)
        self.layout_box.addItem("Tree (the editor's layout)", LayoutMode.TREE.value)
        self.layout_box.addItem("Graphviz, layered", LayoutMode.AUTO.value)
        self.layout_box.addItem("Graphviz, with cards placed by hand kept", LayoutMode.PINNED.value)
        self.cards_box = QComboBox()
        self.cards_box.addItem("Full text", Cards.FULL.value)
        self.cards_box.addItem("Titles only", Cards.TITLES.value)
        self.cards_box.setToolTip(
            "Titles only: each card shows its title and speaker, so that a large map"
            " prints readably on one page"
        )
        remembered = self.cards_box.findData(
            parent.settings.value("export/cards", Cards.FULL.value)
        )
        self.cards_box.setCurrentIndex(max(remembered, 0))
        form.addRow("&Format", self.format_box)
        form.addRow("&Theme", self.theme_box)
        form.addRow("Car&ds", self.cards_box)
        self.legend_box = QCheckBox("Add a le&gend of roles and arrows")
        self.legend_box.setChecked(parent.settings.value("export/legend", False, type=bool))
        self.fold_box = QCheckBox("Fold a &wide map to print readably on landscape pages")
        self.fold_box.setToolTip(
            "Graphviz's layered layout: stack branches of a map much wider than high,"
            " so it prints larger on a landscape page"
        )
        self.fold_box.setChecked(parent.settings.value("export/fold", True, type=bool))
        form.addRow("&Layout", self.layout_box)
        form.addRow("", self.legend_box)
        form.addRow("", self.fold_box)
        self.layout_box.currentIndexChanged.connect(self._layout_changed)
        self._layout_changed()
        # A PDF on one page the map's size, or across landscape pages as wide as the paper.
        self.pages_box = QComboBox()
        self.pages_box.addItem("One page, the size of the map", None)
        self.pages_box.addItem("A4 pages, landscape", "a4")
        self.pages_box.addItem("Letter pages, landscape", "letter")
        self.pages_box.setToolTip(
            "The drawing as wide as the paper, going on over as many pages as it takes"
        )
        self.pages_box.setCurrentIndex(
            max(self.pages_box.findData(parent.settings.value("export/pages", None)), 0)
        )
        form.addRow("&Pages", self.pages_box)
        self.format_box.currentTextChanged.connect(self._format_changed)
        self._format_changed(self.format_box.currentText())
        # Evaluated labels on the cards (and in an HTML page's panel), as Evaluate mode shows them.
        self.evaluate_box = QCheckBox("Show each statement's e&valuated label")
        self.evaluate_box.setChecked(parent.evaluate_mode.on)
        form.addRow("", self.evaluate_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _format_changed(self, output_format: str) -> None:
        """Pages are for a PDF."""
        self.pages_box.setEnabled(output_format == "pdf")

    def pages(self) -> str | None:
        """The paper chosen for a PDF's pages, None for one page (or another format)."""
        data = self.pages_box.currentData()
        return data if self.pages_box.isEnabled() and data else None

    def _layout_changed(self) -> None:
        """Only Graphviz's own layered layout folds; the others place every card themselves."""
        self.fold_box.setEnabled(self.layout_box.currentData() == LayoutMode.AUTO.value)
