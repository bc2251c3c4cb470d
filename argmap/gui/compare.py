"""File › Compare With…: what changed between the open map and another file, or its saved version.

The list is :func:`argmap.mapdiff.diff_maps` from the other map to the open
one (so "added" means added here). Selecting a row selects the element on
the canvas and brings it into view; an element that exists only in the
other map has nothing to select, and the status bar says so. The dialog is
not modal: the map can be looked at, and edited, while the list is open; the
list follows the edits, and the dialog closes when the map is replaced
(:mod:`argmap.gui.live_compare`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from argmap.errors import ArgmapError
from argmap.gui.file_watch import same_file
from argmap.gui.live_compare import keep_current
from argmap.gui.plain_text import plain_tooltip
from argmap.mapdiff import Change, diff_maps, render_text, singular

if TYPE_CHECKING:
    from argmap.gui.mainwindow import MainWindow
    from argmap.model import ArgumentMap

__all__ = ["CompareDialog", "add_compare_actions"]

_ELEMENT = Qt.ItemDataRole.UserRole


def add_compare_actions(window: MainWindow, menu: QMenu) -> None:
    """File › Compare With… and Compare With Saved, placed before the export entries."""
    before = window.files.actions["export"]
    other = QAction("Compare &With…", window)
    other.triggered.connect(lambda checked=False: compare_with_file(window))
    saved = QAction("Compare With Save&d Version", window)
    saved.triggered.connect(lambda checked=False: compare_with_saved(window))
    for action in (other, saved):
        window.addAction(action)  # enabled with the other map actions
        menu.insertAction(before, action)
    menu.insertSeparator(before)
    window.named_actions.update(compare_with=other, compare_saved=saved)


def compare_with_file(window: MainWindow) -> None:
    from argmap.gui.file_actions import open_filter

    path = window.document.path
    start = str(path) if path else str(Path.home())
    chosen, _ = QFileDialog.getOpenFileName(window, "Compare with", start, open_filter())
    if chosen:
        show_comparison(window, Path(chosen))


def compare_with_saved(window: MainWindow) -> None:
    if window.document.path is None:
        window.statusBar().showMessage("The map has not been saved yet: nothing to compare", 4000)
        return
    show_comparison(window, window.document.path)


def show_comparison(window: MainWindow, path: Path) -> CompareDialog | None:
    """Read ``path`` (any format) and list how the open map differs from it."""
    from argmap.formats import read_any

    window.commit_pending_edits()
    try:
        other = read_any(path).map
    except (ArgmapError, ValueError) as error:
        window.show_error("Cannot compare", str(error))
        return None
    dialog = CompareDialog(window, other, path)
    dialog.show()
    return dialog


class CompareDialog(QDialog):
    """The differences as a list, one row per changed element, its fields below it."""

    def __init__(self, window: MainWindow, other: ArgumentMap, path: Path) -> None:
        super().__init__(window)
        self.window_ = window
        self.other = other
        self.path = path
        self.setWindowTitle(f"Compare with {path.name}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # the file's name as it is
        layout.addWidget(self.heading)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.currentItemChanged.connect(self._select)
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.fill()
        keep_current(self, window.document, self.fill)
        window.watch.written.connect(self._file_written)

    def _file_written(self, path: Path) -> None:
        """The map was saved over the file it is compared with: that file holds the map now."""
        from argmap.formats import read_any

        if not self.isVisible() or not same_file(path, self.path):
            return
        try:
            self.other = read_any(path).map
        except (ArgmapError, ValueError):
            return
        self.fill()

    def fill(self) -> None:
        """List how the open map, as it is now, differs from the other one."""
        self.changes = diff_maps(self.other, self.window_.document.map)
        count = len(self.changes)
        name = self.path.name
        self.heading.setText(
            f"The open map is the same as {name}."
            if not count
            else f"{count} change{'s' if count != 1 else ''} since {name}:"
        )
        tree = self.tree
        current = tree.currentItem()
        while current is not None and current.parent() is not None:
            current = current.parent()
        chosen = current.data(0, _ELEMENT) if current is not None else None
        scrolled = tree.verticalScrollBar().value()
        tree.blockSignals(True)  # rebuilding the list selects nothing on the canvas
        tree.clear()
        for change in self.changes:
            row = _row(change)
            tree.addTopLevelItem(row)
            if row.data(0, _ELEMENT) == chosen:  # the row the user was at stays current
                tree.setCurrentItem(row)
        tree.expandAll()
        tree.verticalScrollBar().setValue(scrolled)
        tree.blockSignals(False)

    def _select(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        while item is not None and item.parent() is not None:
            item = item.parent()
        if item is None:
            return
        collection, element_id = item.data(0, _ELEMENT)
        if not select_element(self.window_, collection, element_id):
            self.window_.statusBar().showMessage(
                f"{singular(collection).capitalize()} {element_id} is not in the open map", 4000
            )


def _row(change: Change) -> QTreeWidgetItem:
    head, *fields = render_text([change]).split("\n")
    item = QTreeWidgetItem([head])
    item.setData(0, _ELEMENT, (change.collection, change.id))
    item.setToolTip(0, plain_tooltip(head))
    for line in fields:
        child = QTreeWidgetItem([line.strip()])
        child.setToolTip(0, plain_tooltip(line.strip()))
        item.addChild(child)
    return item


def select_element(window: MainWindow, collection: str, element_id: str) -> bool:
    """Select a statement (or a position's card, a relation's arrows, a group's cards)."""
    scene = window.scene
    argument_map = window.document.map
    if collection in ("statements", "layout.positions"):
        ids = [element_id] if element_id in scene.statement_items else []
    elif collection == "groups":
        ids = next((g.statements for g in argument_map.groups if g.id == element_id), [])
    elif collection == "relations":
        edges = [e for e in scene.edge_items if e.relation_id == element_id]
        if not edges:
            return False
        scene.select_only([])
        for edge in edges:
            edge.setSelected(True)
        window.view.centerOn(edges[0])
        return True
    else:
        return False
    if not ids:
        return False
    scene.select_only(ids)
    window.view.centerOn(scene.statement_items[ids[0]])
    return True
