"""The editor window: canvas, outline, inspector and undo history around one map."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from argmap.collector import collector_paused
from argmap.errors import ArgmapError, ReadOnlyFileError
from argmap.files import load_map_stamped, save_map
from argmap.gui import garbage, window_state
from argmap.gui.autosave import Autosaver
from argmap.gui.document import MapDocument
from argmap.gui.editing import MapEditor
from argmap.gui.evaluate_mode import EvaluateMode
from argmap.gui.file_actions import FileActions, why_not_opened
from argmap.gui.file_watch import FileWatch
from argmap.gui.find import FindBar
from argmap.gui.inspector import Inspector
from argmap.gui.items import EdgeItem
from argmap.gui.layout_runner import TREE
from argmap.gui.main_menus import build_menus
from argmap.gui.map_command import MapUndoStack
from argmap.gui.menus import canvas_menu, drop_menu, relation_menu, statement_menu
from argmap.gui.outline import OutlineTree
from argmap.gui.panel_keys import keep_editing_keys
from argmap.gui.preferences import PreferencesDialog, apply_graphviz_setting
from argmap.gui.scene import MapScene
from argmap.gui.source_dock import install_source_dock
from argmap.gui.sources_panel import SourcesPanel
from argmap.gui.start_page import StartPage
from argmap.gui.status_fields import StatusFields
from argmap.gui.view import MapView
from argmap.gui.wording import counted
from argmap.model import ArgumentMap, RelationKind, Statement

__all__ = ["MainWindow", "new_map"]


def new_map() -> ArgumentMap:
    """An empty map with one main claim ready to type."""
    return ArgumentMap(title="Untitled map", statements=[Statement(id="s-1", text="")])


class MainWindow(QMainWindow):
    """``MainWindow(path)`` opens a map (without one, the start page); ``current_map()`` is
    the map being edited."""

    def __init__(self, path: str | Path | None = None) -> None:
        super().__init__()
        self.imported_from: Path | None = None  # the other-format file the map came from
        self.example_name: str | None = None  # an example opened as an untitled copy
        self.settings = QSettings("argmap", "argmap")
        apply_graphviz_setting(self.settings)
        self.undo_stack = MapUndoStack(self)
        # Start empty: no throwaway layout of a placeholder map.
        self.document = MapDocument(ArgumentMap())
        self.document.setParent(self)
        self.scene = MapScene(self.document)
        self.scene.setParent(self)
        self.view = MapView(self.scene)
        self.find_bar = FindBar(self.document, self.scene)
        self.find_bar.focusRequested.connect(self._bring_into_view)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.find_bar)
        column.addWidget(self.view, 1)
        self.pages = QStackedWidget()  # the start page, or the map
        self.pages.addWidget(central)
        self.map_page = central
        self.setCentralWidget(self.pages)
        self.editor = MapEditor(self.document, self.scene, self.undo_stack)
        self.editor.commit_typing = self.find_bar.commit_typing = self.commit_pending_edits
        self.editor.groups.ask_title = self._ask_group_title
        self.files = FileActions(self)
        self.watch = FileWatch(self)  # the file changed on disk: a bar above the canvas
        self.autosave = Autosaver(self)
        self._build_docks()
        self.evaluate_mode = EvaluateMode(self)  # View → Evaluate, the badges, "Why?"
        self.named_actions: dict[str, QAction] = {}  # menu and toolbar commands by name
        self.map_actions: list[QAction] = []  # greyed out while no map is open
        self.toolbar: QToolBar | None = None
        self.layout_actions = build_menus(self)
        self._build_status_bar()
        self.setAcceptDrops(True)
        self._docks_sized = window_state.restore(self)  # as the user left them, if ever
        self.undo_stack.cleanChanged.connect(self._update_title)
        self.scene.selectionChanged.connect(self._canvas_selection_changed)
        self.scene.layoutApplied.connect(self._first_fit)
        self.scene.layoutFailed.connect(self._show_message)
        self.editor.message.connect(self._show_message)
        self.view.emptyDoubleClicked.connect(self.editor.add_statement_at)
        self.scene.connectRequested.connect(self._connect)
        self.scene.cardDropped.connect(self._card_dropped)
        self.scene.cardDoubleClicked.connect(self.editor.edit_text)
        self.scene.contextMenuRequested.connect(self._context_menu)
        self._fit_pending = True
        self.start_page = StartPage(
            self.files.new, self.files.open, self.named_actions["shortcuts"].trigger
        )
        self.start_page.openRequested.connect(self.files.open_recent)
        self.start_page.exampleRequested.connect(self.files.open_example)
        self.pages.addWidget(self.start_page)
        if path is None or not self.open_path(Path(path)):
            self.show_start_page()

    def edit_first_claim(self) -> None:
        """A new map: its one empty main claim, ready to type."""
        claims = self.document.map.statements
        if len(claims) == 1 and not claims[0].text:
            self.editor._select_and_edit(claims[0].id, True)

    # -- public API --------------------------------------------------------

    def current_map(self) -> ArgumentMap:
        return self.document.map

    def show_map(
        self,
        argument_map: ArgumentMap,
        path: Path | None,
        *,
        imported_from: Path | None = None,
        example: str | None = None,
        keep_view: bool = False,
    ) -> None:
        """Replace the map shown: the one way opening, importing and File → New do it.

        The history starts empty and the map unmodified, except an imported map:
        it has no .argmap file yet, so saving asks where and closing asks first.
        ``example``: the name of an example map shown as an untitled copy of it.
        ``keep_view``: the same map again (reloaded), so the view stays where it was.
        The canvas and outline are built with the cyclic collector paused: they make
        a few objects per card and no garbage cycles (see argmap.collector).
        """
        self.pages.setCurrentWidget(self.map_page)
        self._enable_map_commands(True)
        with collector_paused():
            self.document.reset(argument_map, path)
        garbage.settle()  # what was just built is kept: out of the collector's way at once
        self.undo_stack.clear()
        if imported_from is None:
            self.undo_stack.setClean()  # clear() keeps a clean index an import had reset
        else:
            self.undo_stack.resetClean()
        self.imported_from = imported_from
        self.example_name = example
        self._after_load(keep_view)

    def show_start_page(self) -> None:
        """No map open: the ways to begin (the previous map must be saved or discarded first)."""
        self.editor.inline.cancel()
        self.document.reset(ArgumentMap(), None)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.imported_from = None
        self.start_page.set_recent(self.files.recent())
        self.pages.setCurrentWidget(self.start_page)
        self._enable_map_commands(False)
        self._update_title()
        self.status_fields.update_counts()
        self.start_page.new_button.setFocus()

    def has_map(self) -> bool:
        return self.pages.currentWidget() is self.map_page

    def _enable_map_commands(self, enabled: bool) -> None:
        """Commands that act on a map do nothing on the start page: they are greyed out."""
        for action in self.map_actions:
            action.setEnabled(enabled)
        for dock in (
            self.outline_dock,
            self.inspector_dock,
            self.sources_dock,
            self.source_text_dock,
        ):
            dock.widget().setEnabled(enabled)

    def open_path(self, path: Path) -> bool:
        """Load a file; on failure show the problem and keep the current map."""
        native = path.suffix.lower() == ".argmap"
        warnings = []
        try:
            if native:
                argument_map, stamp = load_map_stamped(path)
            else:
                from argmap.formats import read_any

                result = read_any(path)
                argument_map, warnings = result.map, result.warnings
        except ArgmapError as error:
            self.show_error("Cannot open map", why_not_opened(path, error))
            return False
        self.show_map(
            argument_map, path if native else None, imported_from=None if native else path
        )
        if native:
            self.watch.opened(stamp)
        self.files.remember_recent(path)
        if warnings:
            lines = "\n".join(w.located(path.name) for w in warnings[:200])
            more = f"\n… and {len(warnings) - 200} more" if len(warnings) > 200 else ""
            self.show_warnings(
                f"{path.name}: {counted(len(warnings), 'thing')} could not be carried over exactly",
                lines + more,
            )
        return True

    def _ask_group_title(self, label: str, suggestion: str) -> str | None:
        title, ok = QInputDialog.getText(self, "Group", label, text=suggestion)
        return title if ok else None

    def show_preferences(self) -> None:
        PreferencesDialog(self).exec()

    def commit_pending_edits(self) -> None:
        """Typing not committed yet (card, outline row, inspector, Sources cell) becomes an edit."""
        if self.editor.inline.is_open():
            self.editor.inline.commit()
        self.outline.commit_editing()
        self.inspector.commit_pending()
        self.sources_panel.commit_editing()

    def save_to(self, path: Path) -> bool:
        self.commit_pending_edits()
        if not self.watch.may_overwrite(path):  # changed on disk since it was read
            return False
        try:
            saved = save_map(self.document.map, path)
        except ReadOnlyFileError as error:
            return self.files.offer_save_as(str(error))
        except ArgmapError as error:
            self.show_error("Cannot save map", str(error))
            return False
        self.document.path = path
        self.imported_from = None
        self.watch.saved(path, saved.stamp)
        self.undo_stack.setClean()
        self.files.remember_recent(path)
        self._update_title()
        message = "; ".join([f"Saved {path}", *saved.warnings])
        self.statusBar().showMessage(message, 10_000 if saved.warnings else 4000)
        return True

    # Dialogs go through these two methods so tests can answer them.
    def show_error(self, title: str, text: str) -> None:
        QMessageBox.critical(self, title, text)

    def show_warnings(self, summary: str, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Imported with warnings", summary, parent=self)
        box.setDetailedText(details)
        box.open()  # not modal: the map is usable while the list is read

    def ask_save_changes(self) -> QMessageBox.StandardButton:
        name = self.document.path.name if self.document.path else "this map"
        return QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save the changes to {name}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )

    def ask_revert(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            "Revert",
            f"Discard the unsaved changes and reload {path.name}?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def choose_drop(self, dragged: str, target: str, screen_pos) -> str | None:
        """Ask what a card dropped onto another becomes: reason, objection, co-premise or None."""
        chosen = drop_menu(self, dragged, target).exec(screen_pos)
        return chosen.data() if chosen is not None else None

    def maybe_save(self) -> bool:
        """True when it is safe to drop the current map (saved, discarded, or unchanged)."""
        self.commit_pending_edits()
        if self.undo_stack.isClean():
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.files.save()
        return answer == QMessageBox.StandardButton.Discard

    # -- building ----------------------------------------------------------

    def _build_docks(self) -> None:
        self.outline = OutlineTree(self.document, lambda: self.scene.theme)
        self.outline.selectionToCanvas.connect(self._outline_selection_changed)
        self.outline.textEdited.connect(self.editor.set_text)
        self.inspector = Inspector(self.document)
        self.inspector.statementEdited.connect(self._edit_statement)
        self.inspector.relationEdited.connect(self._edit_relation)
        self.undo_view = QUndoView(self.undo_stack)
        self.undo_view.setEmptyLabel("Opened map")
        keep_editing_keys(self.undo_view)
        self.sources_panel = SourcesPanel(self.document, self.editor.sources)
        self.sources_panel.message.connect(self._show_message)
        self.inspector.newSourceRequested.connect(self._new_source_for_selection)
        self.outline_dock = self._dock(
            "Outline", self.outline, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.inspector_dock = self._dock(
            "Inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.sources_dock = self._dock(
            "Sources", self.sources_panel, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.history_dock = self._dock(
            "History", self.undo_view, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.history_dock.hide()
        self.sources_dock.hide()
        self.source_text_dock, self.source_text = install_source_dock(self)

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{title.lower()}-dock")  # saveState() finds it by this name
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        self.status_fields = StatusFields(self.statusBar(), self.document, self.view, self.has_map)

    # -- reacting ----------------------------------------------------------

    def _after_load(self, keep_view: bool = False) -> None:
        self._fit_pending = not keep_view
        if self._fit_pending and self.scene.layout_result is not None and not self.scene.settling():
            QTimer.singleShot(0, self._first_fit)  # laid out already, while the map was read in
        self._update_title()
        self.status_fields.update_counts()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._docks_sized:  # at the window's real size, once it is shown
            self._docks_sized = True
            window_state.size_docks(self)
        if self._fit_pending and self.scene.layout_result is not None:
            QTimer.singleShot(0, self._first_fit)

    def _first_fit(self) -> None:
        """A map just opened: the whole of it if it can be read so, else its main claim."""
        if self._fit_pending and self.view.isVisible():
            self._fit_pending = False
            claims = self.document.map.main_claims()
            item = self.scene.statement_items.get(claims[0].id) if claims else None
            self.view.show_start(item, corner=self.scene.engine == TREE)

    def _show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def _update_title(self, *_) -> None:
        if not self.has_map():
            self.setWindowTitle("argmap")
            self.setWindowModified(False)
            self.status_fields.show_state("")
            return
        imported = self.imported_from
        if self.document.path:
            name = self.document.path.name
        elif imported is not None:
            name = f"{imported.name} (imported)"
        elif self.example_name is not None:
            name = f"{self.example_name} (example)"
        else:
            name = "Untitled"
        self.setWindowTitle(f"{name}[*] — argmap")
        self.setWindowModified(not self.undo_stack.isClean())
        if self.imported_from is not None:
            state = "imported, not saved as .argmap yet"
        elif self.document.path is None:
            state = "not saved yet"
        else:
            state = "modified" if not self.undo_stack.isClean() else "saved"
        self.status_fields.show_state(state)

    def _canvas_selection_changed(self) -> None:
        ids = self.scene.selected_statement_ids()
        self.outline.select_ids(ids)
        edges = [  # an edge whose relation was just deleted goes at the next refresh
            e
            for e in self.scene.selectedItems()
            if isinstance(e, EdgeItem) and self.document.has_element(e.relation_id)
        ]
        if len(ids) == 1:
            self.inspector.show_statement(ids[0])
        elif not ids and edges:
            self.inspector.show_relation(edges[0].relation_id)
        else:
            self.inspector.show_nothing()

    def _outline_selection_changed(self, ids: list) -> None:
        self.scene.select_only(ids)
        for statement_id in ids[:1]:
            self.view.ensureVisible(self.scene.statement_items[statement_id])

    def _new_source_for_selection(self) -> None:
        """ "New source…" in the inspector: add and cite a source, open the Sources panel on it."""
        source_id = self.editor.sources.add_and_cite(self.inspector.changes_citing)
        self.inspector.show_source(source_id)
        self.sources_dock.show()
        self.sources_dock.raise_()
        self.sources_panel.open_title(source_id)

    def _bring_into_view(self, statement_id: str) -> None:
        item = self.scene.statement_items.get(statement_id)
        if item is not None:
            self.view.centerOn(item)

    def _connect(self, premise: str, target: str, attack: bool) -> None:
        self.editor.connect_statements(
            premise, target, RelationKind.ATTACK if attack else RelationKind.SUPPORT
        )

    def _card_dropped(self, dragged: str, target: str) -> None:
        item = self.scene.statement_items[target]
        point = self.view.mapToGlobal(self.view.mapFromScene(item.pos()))
        how = self.choose_drop(dragged, target, point)
        if how is not None:
            self.editor.drop_onto(dragged, target, how)

    def _context_menu(self, kind: str, element_id: str, screen_pos, scene_pos) -> None:
        if kind == "statement":
            menu = statement_menu(self, element_id)
        elif kind == "relation":
            menu = relation_menu(self, element_id)
        else:
            menu = canvas_menu(self, scene_pos)
        menu.exec(screen_pos)

    def _edit_statement(self, statement_id: str, fields: dict) -> None:
        self.editor.set_fields(statement_id, **fields)

    def _edit_relation(self, relation_id: str, fields: dict) -> None:
        self.editor.set_relation_fields(relation_id, **fields)

    def _edit_text(self) -> None:
        """F2: edit in place where the keyboard is: the outline, the Sources panel, the canvas."""
        self.inspector.commit_pending()  # F2 in a field: what it holds first, as its own step
        if self.outline.hasFocus():
            self.outline.edit_current()
        elif self.sources_panel.table.hasFocus():
            self.sources_panel.edit_current()
        else:
            self.editor.edit_text()

    # -- window events -----------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.maybe_save():
            self.autosave.close()  # saved or discarded: nothing to recover
            self.scene.runner.stop()  # no layout outlives its window
            window_state.save(self)
            event.accept()
        else:
            event.ignore()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls()[:1]:
            if url.isLocalFile() and self.maybe_save():
                self.open_path(Path(url.toLocalFile()))
