"""The outline dock: the map as a tree (main claim → reasons and objections → rebuttals).

Selection follows the canvas both ways; double-click or F2 edits a text in place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from argmap.gui.document import MapDocument
from argmap.model import ArgumentMap, RelationKind
from argmap.roles import Role
from argmap.theme import Theme

__all__ = ["OutlineTree"]

ID_ROLE = Qt.ItemDataRole.UserRole


def role_icon(role: Role, theme: Theme) -> QIcon:
    """A small card in the role's colours."""
    card = theme.card(role)
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(card.border))
    painter.setBrush(QColor(card.fill))
    painter.drawRoundedRect(1, 1, 12, 12, 3, 3)
    painter.end()
    return QIcon(pixmap)


class OutlineTree(QTreeWidget):
    selectionToCanvas = Signal(list)
    textEdited = Signal(str, str)

    def __init__(self, document: MapDocument, theme: Theme) -> None:
        super().__init__()
        self.document = document
        self.theme = theme
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self._syncing = False
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(0)
        self._rebuild_timer.timeout.connect(self.rebuild)
        for signal in (
            document.statementAdded,
            document.statementRemoved,
            document.statementChanged,
            document.relationAdded,
            document.relationRemoved,
            document.relationChanged,
        ):
            signal.connect(lambda *_: self._rebuild_timer.start())
        document.mapReset.connect(self.rebuild)
        self.itemSelectionChanged.connect(self._selection_changed)
        self.itemChanged.connect(self._item_changed)
        self.rebuild()

    def rebuild(self) -> None:
        selected = self.selected_ids()
        self._syncing = True
        self.clear()
        argument_map = self.document.map
        roles = argument_map.roles()
        children = _children(argument_map)
        seen: set[str] = set()
        roots = [s.id for s in argument_map.main_claims()]
        stack = [(root, self.invisibleRootItem(), "") for root in reversed(roots)]
        while stack:
            statement_id, parent, prefix = stack.pop()
            statement = argument_map.statement(statement_id)
            item = QTreeWidgetItem(parent)
            label = statement.text.replace("\n", " ") or "(empty)"
            item.setText(0, f"{prefix}{label}")
            item.setData(0, ID_ROLE, statement_id)
            item.setIcon(0, role_icon(roles[statement_id], self.theme))
            speaker = statement.attribution.speaker if statement.attribution else None
            item.setToolTip(0, f"{roles[statement_id].value}" + (f" — {speaker}" if speaker else ""))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            item.setExpanded(True)
            if statement_id in seen:  # a statement argued for twice, or a cycle
                item.setText(0, f"{prefix}↪ {label}")
                continue
            seen.add(statement_id)
            for child, kind in reversed(children.get(statement_id, [])):
                stack.append((child, item, "+ " if kind == RelationKind.SUPPORT else "− "))
        self._syncing = False
        self.select_ids(selected)

    def selected_ids(self) -> list[str]:
        return [item.data(0, ID_ROLE) for item in self.selectedItems()]

    def select_ids(self, statement_ids: list[str]) -> None:
        self._syncing = True
        wanted = set(statement_ids)
        first = None
        iterator = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while iterator:
            item = iterator.pop()
            chosen = item.data(0, ID_ROLE) in wanted
            item.setSelected(chosen)
            if chosen and first is None:
                first = item
            iterator.extend(item.child(i) for i in range(item.childCount()))
        if first is not None:
            self.scrollToItem(first)
        self._syncing = False

    def _selection_changed(self) -> None:
        if not self._syncing:
            self.selectionToCanvas.emit(self.selected_ids())

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._syncing:
            return
        text = item.text(0)
        for prefix in ("+ ", "− ", "↪ "):
            text = text.removeprefix(prefix)
        self.textEdited.emit(item.data(0, ID_ROLE), text)


def _children(argument_map: ArgumentMap) -> dict[str, list[tuple[str, RelationKind]]]:
    """Premises under the statement they argue for (undercuts under the attacked inference's target)."""
    relations = {r.id: r for r in argument_map.relations}
    children: dict[str, list[tuple[str, RelationKind]]] = {}
    for relation in argument_map.relations:
        target = relation.target
        seen = set()
        while target in relations and target not in seen:
            seen.add(target)
            target = relations[target].target
        for premise in relation.premises:
            children.setdefault(target, []).append((premise, relation.kind))
    return children
