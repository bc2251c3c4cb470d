"""The status bar's lasting fields: whether the map is saved, how big it is, the zoom."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from argmap.gui.document import MapDocument
from argmap.gui.view import MapView
from argmap.gui.wording import counted

__all__ = ["StatusFields"]


class StatusFields(QObject):
    """Three labels at the right of the status bar, kept up to date from the document and view."""

    def __init__(
        self,
        bar: QStatusBar,
        document: MapDocument,
        view: MapView,
        has_map: Callable[[], bool],
    ) -> None:
        super().__init__(bar)
        self.document = document
        self.has_map = has_map  # no map shown (the start page): the fields are empty
        self.state_label, self.counts_label, self.zoom_label = QLabel(), QLabel(), QLabel()
        for label in (self.state_label, self.counts_label, self.zoom_label):
            bar.addPermanentWidget(label)
        # Counted once after a burst of changes (a paste of thousands), not per change.
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(0)
        self._counts_timer.timeout.connect(self.update_counts)
        view.zoomChanged.connect(self._show_zoom)
        for signal in (
            document.statementAdded,
            document.statementRemoved,
            document.relationAdded,
            document.relationRemoved,
            document.mapReset,
        ):
            signal.connect(self._counts_timer.start)

    def show_state(self, state: str) -> None:
        """'saved', 'modified', 'not saved yet'…; empty without a map."""
        self.state_label.setText(state)

    def update_counts(self) -> None:
        if not self.has_map():
            self.counts_label.setText("")
            return
        argument_map = self.document.map
        self.counts_label.setText(
            f"{counted(len(argument_map.statements), 'statement')}"
            f" · {counted(len(argument_map.relations), 'relation')}"
        )

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom:.0%}")
