"""The bar above the canvas that says the file changed on disk, and the comparison it offers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from html import escape

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap.gui.narrow_label import NarrowLabel
from argmap.model import ArgumentMap

__all__ = ["BarMode", "ChangeBar", "CompareDialog", "MapChanges", "compare_maps"]


class BarMode(StrEnum):
    CHANGED = "changed"  # someone else changed the file while there are unsaved changes here
    MISSING = "missing"  # the file was deleted or moved away
    UNREADABLE = "unreadable"  # it changed into something that cannot be read


class ChangeBar(QFrame):
    """Not a dialog: the map stays usable while the user decides (or ignores it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode: BarMode | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()  # the tooltip colours stand out in light and dark themes alike
        role = QPalette.ColorRole
        palette.setColor(role.Window, palette.color(role.ToolTipBase))
        palette.setColor(role.WindowText, palette.color(role.ToolTipText))
        self.setPalette(palette)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = NarrowLabel(html=True)  # a long file name must not widen the window
        row.addWidget(self.label, 1)
        self.reload_button = self._button(row, "&Reload (lose my changes)")
        self.keep_button = self._button(row, "&Keep mine")
        self.save_button = self._button(row, "&Save")
        self.save_as_button = self._button(row, "Save mine &as…")
        self.compare_button = self._button(row, "&Compare")
        self.hide()

    def _button(self, row: QHBoxLayout, text: str) -> QPushButton:
        button = QPushButton(text)
        row.addWidget(button)
        return button

    def show_changed(self, name: str) -> None:
        self._show(
            BarMode.CHANGED,
            f"<b>{escape(name)}</b> was changed on disk by another program, and this map has"
            " unsaved changes.",
            [self.reload_button, self.keep_button, self.save_as_button, self.compare_button],
        )

    def show_missing(self, name: str, *, folder_gone: bool = False) -> None:
        if folder_gone:  # Save cannot put it back: only another place can take it
            text = f"<b>{escape(name)}</b> and its folder were deleted or moved away. Save As…"
            text += " puts it somewhere else."
            buttons = [self.save_as_button, self.keep_button]
        else:
            text = f"<b>{escape(name)}</b> was deleted or moved away. Save puts it back."
            buttons = [self.save_button, self.save_as_button, self.keep_button]
        self._show(BarMode.MISSING, text, buttons)

    def show_unreadable(self, name: str, reason: str) -> None:
        first_line = reason.splitlines()[0] if reason else ""
        self._show(
            BarMode.UNREADABLE,
            f"<b>{escape(name)}</b> changed on disk but cannot be read: {escape(first_line)}",
            [self.reload_button, self.keep_button, self.save_as_button],
        )

    def _show(self, mode: BarMode, text: str, buttons: list[QPushButton]) -> None:
        self.mode = mode
        self.label.setText(text)
        self.reload_button.setText(
            "&Reload (lose my changes)" if mode is BarMode.CHANGED else "&Try again"
        )
        self.keep_button.setText("&Keep mine" if mode is not BarMode.MISSING else "&Dismiss")
        for button in (
            self.reload_button,
            self.keep_button,
            self.save_button,
            self.save_as_button,
            self.compare_button,
        ):
            button.setVisible(button in buttons)
        self.show()

    def dismiss(self) -> None:
        self.mode = None
        self.hide()


@dataclass
class MapChanges:
    """How one version of a map differs from another, by statement id."""

    added: list[str] = field(default_factory=list)  # only in mine
    removed: list[str] = field(default_factory=list)  # only in the file on disk
    changed: list[str] = field(default_factory=list)  # in both, different
    relations: tuple[int, int, int] = (0, 0, 0)  # added, removed, changed
    others: list[str] = field(default_factory=list)  # the rest of the map that differs, named

    def is_empty(self) -> bool:
        return not (
            self.added or self.removed or self.changed or any(self.relations) or self.others
        )


# The parts of a map other than statements and relations, as the comparison names them.
_OTHER_PARTS = (
    ("title", "the title"),
    ("description", "the description"),
    ("authors", "the authors"),
    ("sources", "the sources"),
    ("groups", "the groups"),
    ("layout", "the layout (pinned cards, theme, direction)"),
)


def compare_maps(mine: ArgumentMap, theirs: ArgumentMap) -> MapChanges:
    """What ``mine`` has that ``theirs`` lacks, and the reverse; statements listed in map order."""
    my_statements = {s.id: s for s in mine.statements}
    their_statements = {s.id: s for s in theirs.statements}
    my_relations = {r.id: r for r in mine.relations}
    their_relations = {r.id: r for r in theirs.relations}
    return MapChanges(
        added=[i for i in my_statements if i not in their_statements],
        removed=[i for i in their_statements if i not in my_statements],
        changed=[i for i, s in my_statements.items() if their_statements.get(i, s) != s],
        relations=(
            sum(i not in their_relations for i in my_relations),
            sum(i not in my_relations for i in their_relations),
            sum(their_relations.get(i, r) != r for i, r in my_relations.items()),
        ),
        others=[
            name for part, name in _OTHER_PARTS if getattr(mine, part) != getattr(theirs, part)
        ],
    )


class CompareDialog(QDialog):
    """Statements only in mine, only on disk, and changed, each with its text in both."""

    def __init__(
        self, parent: QWidget | None, mine: ArgumentMap, theirs: ArgumentMap, name: str
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Compare with {name} on disk")
        self.theirs = theirs
        column = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Statement", "Yours", "On disk"])
        column.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.resize(720, 420)
        self.fill(mine)

    def compare_with(self, theirs: ArgumentMap, name: str, mine: ArgumentMap) -> None:
        """Compare ``mine`` with the file as it is on disk now."""
        self.theirs = theirs
        self.setWindowTitle(f"Compare with {name} on disk")
        self.fill(mine)

    def fill(self, mine: ArgumentMap) -> None:
        """List how ``mine`` (the open map as it is now) differs from the file on disk."""
        theirs = self.theirs
        self.changes = compare_maps(mine, theirs)
        added, removed, changed = self.changes.relations
        summary = (
            "The two versions are the same."
            if self.changes.is_empty()
            else f"Relations: {added} only in yours, {removed} only on disk, {changed} changed."
        )
        if self.changes.others:
            summary += f"\nAlso different: {', '.join(self.changes.others)}."
        self.summary.setText(summary)
        tree = self.tree
        current = tree.currentItem()
        chosen = current.text(0) if current is not None else None  # the row the user was at
        scrolled = tree.verticalScrollBar().value()
        tree.clear()
        mine_text = {s.id: s.text for s in mine.statements}
        their_text = {s.id: s.text for s in theirs.statements}
        self.groups: dict[str, list[str]] = {
            "Only in yours": self.changes.added,
            "Only on disk": self.changes.removed,
            "Changed": self.changes.changed,
        }
        for title, ids in self.groups.items():
            group = QTreeWidgetItem(tree, [f"{title} ({len(ids)})"])
            for statement_id in ids:
                texts = [mine_text.get(statement_id, ""), their_text.get(statement_id, "")]
                row = QTreeWidgetItem(group, [statement_id, *texts])
                if statement_id == chosen:
                    tree.setCurrentItem(row)
            group.setExpanded(True)
        tree.verticalScrollBar().setValue(scrolled)

    def listed(self, title: str) -> list[str]:
        """The ids shown under one heading ("Only in yours", "Only on disk", "Changed")."""
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group is not None and group.text(0).startswith(f"{title} ("):
                children = (group.child(i) for i in range(group.childCount()))
                return [child.text(0) for child in children if child is not None]
        return []
