"""The Source Text dock: a source's text beside the map, its quoted passages highlighted.

Pick the source in the box, or select a statement or an arrow: the dock
follows to its source and scrolls its passage into view. Quotes on arrows
count as those on cards do, and clicking a passage selects its statement
(or arrow). Selecting words and pressing Ctrl+Shift+Q (Edit › Quote
Selected Passage) makes them a new statement, and dragging them onto a card
makes them a reason for it (Shift: an objection; :mod:`argmap.gui.quoting`).
Dragged into another map, they quote a source there only if it has the same
text; otherwise they come as words citing no source. The line under the
text says how much of it the map quotes. A source gets its text here from a
file or the clipboard, as a new source or for the one shown; each is one
undo step.

The dock refreshes once per event-loop turn however many edits arrive, and
not at all while it is hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from argmap.errors import ArgmapError
from argmap.gui.compare import select_element
from argmap.gui.document import MapDocument
from argmap.gui.items import EdgeItem
from argmap.gui.panel_keys import keep_editing_keys
from argmap.gui.quoting import Passage, PassageDrops, QuoteGestures
from argmap.gui.source_text_view import Highlight, SourceTextView
from argmap.model import Attribution, Relation, RelationKind, Source, Statement
from argmap.roles import Role
from argmap.sourcetext.coverage import coverage
from argmap.sourcetext.quotes import index_for

if TYPE_CHECKING:
    from argmap.gui.mainwindow import MainWindow
    from argmap.sourcetext.extract import ExtractedText
    from argmap.theme import Theme

__all__ = ["SourceTextPanel", "install_source_dock"]

FILE_FILTER = "Documents (*.txt *.md *.markdown *.html *.htm *.pdf);;All files (*)"


class SourceTextPanel(QWidget):
    elementActivated = Signal(str)  # a passage was clicked: select its statement or arrow
    message = Signal(str)

    def __init__(
        self,
        document: MapDocument,
        quotes: QuoteGestures,
        theme: Callable[[], Theme],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.quotes = quotes
        self.theme = theme
        self.source_box = QComboBox()
        self.source_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source_box.setMinimumContentsLength(16)
        self.quote_button = QPushButton("&Quote")
        self.quote_button.setToolTip("Make the selected passage a statement (Ctrl+Shift+Q)")
        self.add_button = QToolButton()
        self.add_button.setText("Add Text")
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setMenu(self._add_menu())
        self.view = SourceTextView()
        self.view.setPlaceholderText(
            "This source holds no text. Add it from a file or the clipboard (Add Text)."
        )
        self.coverage_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.source_box, 1)
        top.addWidget(self.quote_button)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.coverage_label)
        keep_editing_keys(self)  # Ctrl+C copies the passage, Ctrl+A selects the whole text
        self.current_element: str | None = None  # the statement or relation selected
        self.shown: str | None = None  # the id of the source shown
        self.drops: PassageDrops | None = None  # passages dropped on the canvas (the window's)
        # The canvas's selected cards, else arrows (the window sets it): the dock follows it.
        self.selected_elements: Callable[[], list[str]] = list
        self._dirty = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self.source_box.activated.connect(lambda _: self._source_chosen())
        self.quote_button.clicked.connect(self.quote_selection)
        self.view.elementClicked.connect(self.elementActivated)
        for signal in (*document.content_signals(), document.mapReset):
            signal.connect(self.schedule)

    def _add_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction("New Source from &File…", self.add_source_from_file)
        menu.addAction("New Source from &Clipboard", self.add_source_from_clipboard)
        menu.addSeparator()
        menu.addAction("Text of This Source from F&ile…", self.set_text_from_file)
        menu.addAction("Text of This Source from Clip&board", self.set_text_from_clipboard)
        return menu

    # -- showing -----------------------------------------------------------

    def source_id(self) -> str | None:
        """The source shown (None when the map has none)."""
        return self.shown

    def show_source(self, source_id: str) -> None:
        self.shown = source_id
        self.refresh()

    def _source_chosen(self) -> None:
        self.shown = self.source_box.currentData()
        self.refresh()

    def schedule(self, *_) -> None:
        self._dirty = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Sources in the box, the shown source's text, its passages and coverage."""
        self._dirty = False
        source = self._fill_sources()
        text = source.text if source is not None and source.text else ""
        self.view.origin = self.document.origin
        self.view.show_text(source.id if source is not None else None, text)
        self.quote_button.setEnabled(bool(text))
        highlights, missing = self._highlights(source) if source is not None and text else ([], 0)
        self.view.set_highlights(highlights, self.current_element)
        if not text:
            self.coverage_label.setText("")
            return
        summary = coverage(text, ((h.start, h.end) for h in highlights)).describe()
        if missing:
            summary += f" · {missing} quote{'s' if missing != 1 else ''} not found in the text"
        self.coverage_label.setText(summary)

    def _fill_sources(self) -> Source | None:
        sources = self.document.map.sources
        wanted = self.shown
        entries = [(s.title, s.id) for s in sources]
        shown = [
            (self.source_box.itemText(i), self.source_box.itemData(i))
            for i in range(self.source_box.count())
        ]
        if entries != shown:
            blocked = self.source_box.blockSignals(True)
            self.source_box.clear()
            for title, source_id in entries:
                self.source_box.addItem(title, source_id)
            self.source_box.blockSignals(blocked)
        ids = [s.id for s in sources]
        if wanted not in ids:  # the first source with a text, else the first
            with_text = [s.id for s in sources if s.text]
            wanted = with_text[0] if with_text else (ids[0] if ids else None)
        self.shown = wanted
        self.source_box.setCurrentIndex(self.source_box.findData(wanted) if wanted else -1)
        return next((s for s in sources if s.id == wanted), None)

    def _highlights(self, source: Source) -> tuple[list[Highlight], int]:
        """Where each quote of the source is, statements' and arrows' alike, in their colours;
        and how many are not found."""
        assert source.text is not None
        index = index_for(source.text)
        roles = self.document.roles()
        theme = self.theme()
        highlights, missing = [], 0
        elements: list[Statement | Relation] = [
            *self.document.map.statements,
            *self.document.map.relations,
        ]
        for element in elements:
            attribution = element.attribution
            if attribution is None or attribution.source != source.id or not attribution.quote:
                continue
            found = index.find(attribution.quote)
            if found is None:
                missing += 1
                continue
            if isinstance(element, Statement):
                style = theme.card(roles[element.id])
                fill, border = style.fill, style.border
            else:  # its premise's card colour; underlined in the arrow's colour when selected
                role = roles.get(element.premises[0], Role.REASON)
                fill = theme.card(role).fill
                border = theme.edge(element.kind == RelationKind.ATTACK).colour
            highlights += [
                Highlight(start, end, element.id, fill, border) for start, end in found.spans
            ]
        return highlights, missing

    def canvas_selection_changed(self) -> None:
        try:
            selected = self.selected_elements()
        except RuntimeError:  # the canvas is being destroyed with the window
            return
        self.follow_selection(selected)

    def follow_selection(self, element_ids: list[str]) -> None:
        """A statement or an arrow was selected: show its source and scroll to its passage."""
        element_id = element_ids[0] if len(element_ids) == 1 else None
        self.current_element = element_id
        attribution = self._attribution(element_id) if element_id is not None else None
        if attribution is not None and attribution.source in {
            s.id for s in self.document.map.sources
        }:
            self.shown = attribution.source
        if not self.isVisible():
            self._dirty = True
            return
        self.refresh()
        if element_id is not None:
            self.view.reveal(element_id)

    def _attribution(self, element_id: str) -> Attribution | None:
        try:
            return self.document.statement(element_id).attribution
        except KeyError:
            pass
        try:
            return self.document.relation(element_id).attribution
        except KeyError:
            return None

    # -- quoting -----------------------------------------------------------

    def quote_selection(self) -> str | None:
        """The selected passage as a new statement (Ctrl+Shift+Q)."""
        span = self.view.selected_span()
        source_id = self.source_id()
        if span is None or source_id is None:
            self.message.emit(
                "Select a passage in the Source Text panel, then press Ctrl+Shift+Q to quote it."
            )
            return None
        return self.quotes.quote(source_id, *span)

    def passage_dropped(
        self, passage: Passage, card: str | None, attack: bool, point
    ) -> str | None:
        """A passage dropped on the canvas: a reason for the card (Shift: objection), or a claim."""
        kind = RelationKind.ATTACK if attack else RelationKind.SUPPORT
        if card is not None:
            return self.quotes.drop(passage, target=card, kind=kind)
        return self.quotes.drop(passage, point=QPointF(point))

    # -- adding text -------------------------------------------------------

    def add_source_from_file(self, path: str | Path | None = None) -> str | None:
        extracted = self._read(path)
        if extracted is None:
            return None
        path = Path(path or "")
        source_id = self.quotes.add_with_text(extracted, path.stem or "Untitled")
        self.show_source(source_id)
        return source_id

    def set_text_from_file(self, path: str | Path | None = None) -> bool:
        source_id = self.source_id()
        if source_id is None:
            self.message.emit("There is no source to give a text: add a new one instead.")
            return False
        extracted = self._read(path)
        if extracted is None:
            return False
        self.quotes.set_text(source_id, extracted.text)
        self.show_source(source_id)
        return True

    def add_source_from_clipboard(self) -> str | None:
        extracted = self._pasted()
        if extracted is None:
            return None
        first_line = extracted.text.split("\n", 1)[0]
        title = first_line if len(first_line) <= 80 else first_line[:77].rstrip() + "…"
        source_id = self.quotes.add_with_text(extracted, title)
        self.show_source(source_id)
        return source_id

    def set_text_from_clipboard(self) -> bool:
        source_id = self.source_id()
        extracted = self._pasted() if source_id is not None else None
        if source_id is None or extracted is None:
            return False
        self.quotes.set_text(source_id, extracted.text)
        self.show_source(source_id)
        return True

    def _read(self, path: str | Path | None) -> ExtractedText | None:
        from argmap.sourcetext.extract import extract_file

        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Source text", "", FILE_FILTER)
            if not chosen:
                return None
            path = chosen
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return extract_file(path)
        except ArgmapError as error:
            self.message.emit(str(error))
            return None
        finally:
            QApplication.restoreOverrideCursor()

    def _pasted(self) -> ExtractedText | None:
        from argmap.sourcetext.extract import extract_string

        data = QGuiApplication.clipboard().mimeData()
        try:
            if data is not None and data.hasHtml():
                extracted = extract_string(data.html(), html=True)
            else:
                extracted = extract_string(data.text() if data is not None else "")
        except ValueError as error:
            self.message.emit(str(error))
            return None
        if not extracted.text:
            self.message.emit("The clipboard holds no text.")
            return None
        return extracted


def install_source_dock(window: MainWindow) -> tuple[QDockWidget, SourceTextPanel]:
    """The Source Text dock and its ties to the canvas (selection, dropped passages)."""
    panel = SourceTextPanel(
        window.document, QuoteGestures(window.editor), lambda: window.scene.theme
    )
    panel.message.connect(window._show_message)
    panel.selected_elements = lambda: _selected_elements(window)
    panel.elementActivated.connect(lambda chosen: _select(window, chosen))
    window.scene.selectionChanged.connect(panel.canvas_selection_changed)
    panel.drops = PassageDrops(window.view)
    panel.drops.dropped.connect(panel.passage_dropped)
    dock = window._dock("Source Text", panel, Qt.DockWidgetArea.RightDockWidgetArea)
    # Beside the inspector, the window's full height: an article is read in long columns.
    window.splitDockWidget(window.inspector_dock, dock, Qt.Orientation.Horizontal)
    dock.hide()
    return dock, panel


def _selected_elements(window: MainWindow) -> list[str]:
    """The selected cards; when no card is selected, the selected arrows' relations."""
    statements = window.scene.selected_statement_ids()
    if statements:
        return statements
    edges = [e for e in window.scene.selectedItems() if isinstance(e, EdgeItem)]
    return list(dict.fromkeys(e.relation_id for e in edges))


def _select(window: MainWindow, element_id: str) -> None:
    """Select the statement (or the arrow) whose passage was clicked."""
    if element_id in window.scene.statement_items:
        window._outline_selection_changed([element_id])
    else:
        select_element(window, "relations", element_id)
