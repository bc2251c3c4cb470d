"""The outline dock: the map as a tree (main claim → reasons and objections → rebuttals).

Selection follows the canvas both ways; double-click or F2 edits a text in place.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from argmap.gui.document import MapDocument
from argmap.gui.map_tree import children_of, row_ranges
from argmap.gui.outline_editor import OutlineTextDelegate
from argmap.gui.plain_text import plain_tooltip
from argmap.model import ArgumentMap, Relation, RelationKind, Statement
from argmap.roles import Role
from argmap.theme import Theme

CYCLE_MARK = "↻ "  # heads a branch that only a cycle of arguments reaches
FILL_AT_ONCE = 2000  # rows; a bigger outline is filled over several event-loop turns
# Qt lays a tree view out recursively (tens of thousands of nested rows overflow the stack),
# and deletes a row in time proportional to its depth: nobody reads a hundred indents.
# Deeper than this, a branch goes on as siblings of its deepest row.
MAX_DEPTH = 100

__all__ = ["OutlineTree"]

ID_ROLE = Qt.ItemDataRole.UserRole
PREFIX_ROLE = Qt.ItemDataRole.UserRole + 1
RELATION_ROLE = Qt.ItemDataRole.UserRole + 2  # the relation a row's statement is a premise of

# A row to make: statement index, parent row (or -1), prefix, role, relation ("" at the top).
_Row = tuple[int, int, str, Role, str]


def _label(statement) -> str:
    return statement.text.replace("\n", " ") or "(empty)"


def _tooltip(statement: Statement, role: Role) -> str:
    """A row's tooltip: the statement's role, and who said it."""
    speaker = statement.attribution.speaker if statement.attribution else None
    return plain_tooltip(role.value + (f" — {speaker}" if speaker else ""))


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

    def __init__(self, document: MapDocument, theme: Theme | Callable[[], Theme]) -> None:
        """``theme`` may be a function: the canvas's theme, which follows the map opened."""
        super().__init__()
        self.document = document
        self._theme_of: Callable[[], Theme] = theme if callable(theme) else (lambda: theme)
        self.theme = self._theme_of()
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)  # lets Qt lay out thousands of rows without measuring each
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self._syncing = False
        self._wanted: list[str] | None = None
        self._icons = {role: role_icon(role, self.theme) for role in Role}
        self._items: dict[
            str, list[QTreeWidgetItem]
        ] = {}  # a statement argued for twice shows twice
        self.premises_of: dict[
            str, list[str]
        ] = {}  # relation id -> premises, as the tree shows them
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        # Structure changes are gathered for a moment: the canvas shows a new card first.
        self._rebuild_timer.setInterval(120)
        self._rebuild_timer.timeout.connect(self._apply_changes)
        self._fill_timer = QTimer(self)  # a big outline is filled a piece per event-loop turn
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(0)
        self._fill_timer.timeout.connect(self._fill_more)
        self._plan: list[_Row] = []  # rows to make, in tree order
        self._made: list[QTreeWidgetItem] = []  # rows made so far, by index in the plan
        self._planned: list[Statement] = []  # the statements the plan indexes into
        self._events: list[tuple[str, str]] = []
        document.statementChanged.connect(self._statement_changed)
        for kind, signal in (
            ("statement+", document.statementAdded),
            ("statement-", document.statementRemoved),
            ("relation+", document.relationAdded),
            ("relation-", document.relationRemoved),
            ("relation~", document.relationChanged),
        ):
            signal.connect(lambda element_id, k=kind: self._structure_changed(k, element_id))
        document.mapReset.connect(self.rebuild)
        self.itemSelectionChanged.connect(self._selection_changed)
        self._delegate = OutlineTextDelegate(self._text_of, ID_ROLE, self)
        self._delegate.textEdited.connect(self.textEdited)
        self.setItemDelegate(self._delegate)
        self.rebuild()

    def _structure_changed(self, kind: str, element_id: str) -> None:
        self._events.append((kind, element_id))
        self._rebuild_timer.start()

    def catch_up(self) -> None:
        """Apply the changes gathered so far now, not when the timer says."""
        if self._rebuild_timer.isActive():
            self._rebuild_timer.stop()
            self._apply_changes()

    def _apply_changes(self) -> None:
        """Adding or removing a few leaves is done in place; anything else rebuilds the tree."""
        self._complete()
        events, self._events = self._events, []
        self._syncing = True
        try:
            done = _apply_in_place(self, events)
        finally:
            self._syncing = False
        if done:
            if self._wanted is not None:
                self.select_ids(self._wanted)
        else:
            self.rebuild()

    def new_row(
        self, statement_id: str, parent: QTreeWidgetItem, prefix: str, role: Role, relation: str
    ) -> QTreeWidgetItem:
        """A row for a statement just added (or put back), where a rebuild would place it."""
        item = self._make_row(self.document.statement(statement_id), prefix, role, relation)
        parent.insertChild(self._place(parent, item), item)
        item.setExpanded(True)
        return item

    def _place(self, parent: QTreeWidgetItem, row: QTreeWidgetItem) -> int:
        """Among its siblings, ordered as the map orders them (a new one is usually last)."""
        count, key = parent.childCount(), self._order_of
        wanted = key(row)
        if count == 0 or key(parent.child(count - 1)) < wanted:
            return count
        return bisect_left(range(count), wanted, key=lambda i: key(parent.child(i)))

    def _order_of(self, row: QTreeWidgetItem | None) -> tuple[int, int, int]:
        """Premises by their relation's place in the map, then in it; main claims by theirs."""
        if row is None:
            return 2, 0, 0
        statement_id, relation_id = row.data(0, ID_ROLE), row.data(0, RELATION_ROLE)
        document = self.document
        try:
            if relation_id:
                premises = document.relation(relation_id).premises
                return 0, document.relation_index(relation_id), premises.index(statement_id)
            cycle = row.data(0, PREFIX_ROLE).startswith(CYCLE_MARK)  # after the main claims
            return int(cycle), document.statement_index(statement_id), 0
        except (KeyError, ValueError):
            return 2, 0, 0

    def _drop_all_rows(self) -> None:
        """Like ``clear()``, in linear time: Qt takes quadratic time over a deep branch.

        ``clear()`` (and taking an expanded row) on a 10,000-deep chain, such as a
        long pasted branch, takes seconds; collapsed and taken out in one go, the
        rows are deleted away from the view.
        """
        self.collapseAll()
        rows = self.invisibleRootItem().takeChildren()
        # Deepest rows first (taking children from a row walks its whole branch), and
        # each row loses its children before it goes: deleting a row deletes them
        # recursively in C++, and a branch 100,000 deep would overflow the stack.
        order: list[QTreeWidgetItem] = []
        while rows:
            row = rows.pop()
            order.append(row)
            rows.extend(row.child(i) for i in range(row.childCount()))  # type: ignore[misc]
        for row in reversed(order):
            row.takeChildren()

    def rows(self, statement_id: str) -> list[QTreeWidgetItem]:
        self._complete()
        return self._items.get(statement_id, [])

    def forget_rows(self, statement_id: str) -> None:
        self._items.pop(statement_id, None)

    def rebuild(self) -> None:
        """Build the tree anew; a big map's rows come over a few event-loop turns.

        Making 10,000 rows takes about a quarter of a second, which would hold up
        the window just as a big map opens; anything that needs a row that is
        not there yet finishes the filling first (:meth:`_complete`).
        """
        self._rebuild_timer.stop()
        self._fill_timer.stop()
        self._events = []
        if self._theme_of() is not self.theme:
            self.theme = self._theme_of()
            self._icons = {role: role_icon(role, self.theme) for role in Role}
        self.premises_of = {r.id: list(r.premises) for r in self.document.map.relations}
        selected = self._wanted if self._wanted is not None else self.selected_ids()
        self._syncing = True
        self.setUpdatesEnabled(False)
        self._drop_all_rows()
        self._items.clear()
        self._plan = _row_plan(self.document.map, self.document.roles())
        # The plan's indexes are into the statements as they are now: a change made
        # before the filling ends must not shift them (its own event follows).
        self._planned = list(self.document.map.statements)
        self._made = []
        self._fill(FILL_AT_ONCE)
        self.setUpdatesEnabled(True)
        self._syncing = False
        self._wanted = selected
        if len(self._made) < len(self._plan):
            self._fill_timer.start()
        else:
            self.select_ids(selected)

    def _fill(self, count: int) -> None:
        """Make the next ``count`` rows of the plan; parents come before their children."""
        statements = self._planned
        start = len(self._made)
        top: list[QTreeWidgetItem] = []
        kids: dict[int, tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = {}
        for index, parent, prefix, role, relation in self._plan[start : start + count]:
            item = self._make_row(statements[index], prefix, role, relation)
            self._made.append(item)
            if parent < 0:
                top.append(item)
            else:
                row = self._made[parent]
                kids.setdefault(id(row), (row, []))[1].append(item)
        # Rows are made without parents and attached in bulk: one model update per parent.
        for row, rows in kids.values():
            row.addChildren(rows)
        self.addTopLevelItems(top)
        if start == 0 or len(self._made) == len(self._plan):
            # expandAll() takes time in proportion to the whole tree: the first rows are
            # shown expanded at once, the rest when the filling ends, not after each piece.
            self.expandAll()

    def _fill_more(self) -> None:
        self._syncing = True
        try:
            self._fill(FILL_AT_ONCE)
        finally:
            self._syncing = False
        if len(self._made) < len(self._plan):
            self._fill_timer.start()
        else:
            self._done_filling()

    def _complete(self) -> None:
        """Finish a filling under way at once: a row is wanted now."""
        if self._fill_timer.isActive():
            self._fill_timer.stop()
            self._syncing = True
            try:
                self._fill(len(self._plan))
            finally:
                self._syncing = False
            self._done_filling()

    def _done_filling(self) -> None:
        self._plan, self._made, self._planned = [], [], []
        if self._wanted is not None:
            self.select_ids(self._wanted)

    def _make_row(self, statement, prefix: str, role: Role, relation: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setText(0, f"{prefix}{_label(statement)}")
        item.setData(0, ID_ROLE, statement.id)
        item.setData(0, PREFIX_ROLE, prefix)
        item.setData(0, RELATION_ROLE, relation)
        item.setIcon(0, self._icons[role])
        item.setToolTip(0, _tooltip(statement, role))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self._items.setdefault(statement.id, []).append(item)
        return item

    def selected_ids(self) -> list[str]:
        return [item.data(0, ID_ROLE) for item in self.selectedItems()]

    def select_ids(self, statement_ids: list[str]) -> None:
        self._complete()
        self._wanted = list(statement_ids)  # kept for a rebuild that is still pending
        rows = [row for s in statement_ids for row in self._items.get(s, [])]
        self._syncing = True
        try:  # one selection for all the rows: row by row, Qt takes quadratic time
            self.selectionModel().select(
                row_ranges(self, rows), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            if rows:  # F2 and the arrow keys start from the row selected, not an old one
                self.selectionModel().setCurrentIndex(
                    self.indexFromItem(rows[0]), QItemSelectionModel.SelectionFlag.NoUpdate
                )
        finally:
            self._syncing = False
        if rows:
            self.scrollToItem(rows[0])

    def _statement_changed(self, statement_id: str) -> None:
        """A new text or speaker needs only its own rows relabelled, not the tree rebuilt."""
        self._complete()
        try:
            statement = self.document.statement(statement_id)
        except KeyError:
            return
        role = self.document.roles().get(statement_id)
        self._syncing = True
        for item in self._items.get(statement_id, []):
            item.setText(0, f"{item.data(0, PREFIX_ROLE)}{_label(statement)}")
            if role is not None:
                item.setToolTip(0, _tooltip(statement, role))
        self._syncing = False

    def _selection_changed(self) -> None:
        if not self._syncing:
            self._wanted = None
            self.selectionToCanvas.emit(self.selected_ids())

    def _text_of(self, statement_id: str | None) -> str | None:
        if not statement_id or not self.document.has_element(statement_id):
            return None
        return self.document.statement(statement_id).text

    def commit_editing(self) -> None:
        """Keep what is typed in an open row editor (before saving or closing)."""
        editor = self._delegate.open_editor()
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, OutlineTextDelegate.EndEditHint.NoHint)

    def open_editor(self) -> QWidget | None:
        return self._delegate.open_editor()

    def edit_current(self) -> None:
        """F2 with the outline focused: edit the current row in place."""
        item = self.currentItem()
        if item is not None:
            self.editItem(item, 0)


def _row_plan(argument_map: ArgumentMap, roles: dict[str, Role]) -> list[_Row]:
    """The outline's rows in tree order, each with the relation that puts it there.

    A statement argued for twice (or in a cycle) shows again, marked, without
    its branch. Statements that only a cycle reaches (each argues for the next,
    so none is a main claim) get a place too: the first of them in the file
    heads its cycle at the top level, marked "↻". Rows are nested at most
    ``MAX_DEPTH`` deep.
    """
    children = children_of(argument_map)
    index_of = {s.id: i for i, s in enumerate(argument_map.statements)}
    plan: list[_Row] = []
    depth: list[int] = []  # by row
    seen: set[str] = set()
    stack: list[tuple[str, int, str, str]] = [
        (s.id, -1, "", "") for s in reversed(argument_map.main_claims())
    ]
    unplaced = iter(argument_map.statements)
    while True:
        if not stack:  # what the main claims' branches did not reach hangs off a cycle
            head = next((s for s in unplaced if s.id not in seen), None)
            if head is None:
                break
            stack.append((head.id, -1, CYCLE_MARK, ""))
        statement_id, parent, prefix, relation = stack.pop()
        if parent >= 0 and depth[parent] >= MAX_DEPTH:
            parent = plan[parent][1]  # too deep to nest: a sibling of what it argues for
        depth.append(depth[parent] + 1 if parent >= 0 else 0)
        repeated = statement_id in seen
        row = len(plan)
        plan.append(
            (
                index_of[statement_id],
                parent,
                f"{prefix}↪ " if repeated else prefix,
                roles[statement_id],
                relation,
            )
        )
        if repeated:
            continue
        seen.add(statement_id)
        for child, kind, by in reversed(children.get(statement_id, [])):
            stack.append((child, row, "+ " if kind == RelationKind.SUPPORT else "− ", by))
    return plan


def _apply_in_place(tree: OutlineTree, events: list[tuple[str, str]]) -> bool:
    """Add new leaf rows or drop removed leaf rows; False when the change is anything else."""
    kinds = {kind for kind, _ in events}
    if "relation~" in kinds or not events:
        return not events
    if kinds <= {"statement+", "relation+"}:
        if len(events) > 2 * FILL_AT_ONCE:
            return False  # a big paste: the tree is filled again over a few turns instead
        return _add_rows(
            tree,
            [i for k, i in events if k == "statement+"],
            [i for k, i in events if k == "relation+"],
        )
    if kinds <= {"statement-", "relation-"}:
        return _drop_rows(
            tree,
            {i for k, i in events if k == "statement-"},
            {i for k, i in events if k == "relation-"},
        )
    return False


def _add_rows(tree: OutlineTree, statements: list[str], relations: list[str]) -> bool:
    """Rows for statements just added (a paste, a new card), in time linear in their number.

    A relation's premises go under the row of what it argues for; when that is
    itself new, they wait until its row is made. False (rebuild instead) when
    an existing statement gained a relation or a parent shows more than once.
    """
    document = tree.document
    new = set(statements)
    by_id = {r.id: r for r in document.map.relations}
    waiting: dict[str, list[Relation]] = {}  # new statement -> relations whose rows go under it
    ready: deque[Relation] = deque()
    premises: set[str] = set()
    for relation_id in relations:
        relation = document.relation(relation_id)
        if any(p not in new for p in relation.premises):
            return False  # an existing statement gained a relation: its place in the tree moves
        premises.update(relation.premises)
        anchor = _anchor(relation, by_id)
        if anchor in new:
            waiting.setdefault(anchor, []).append(relation)
        else:
            ready.append(relation)
    roles = document.roles()
    for statement_id in statements:
        if statement_id not in premises:  # a free statement: a new main claim
            tree.new_row(statement_id, tree.invisibleRootItem(), "", roles[statement_id], "")
            ready.extend(waiting.pop(statement_id, ()))
    placed: set[str] = set()
    while ready:
        relation = ready.popleft()
        parents = tree.rows(_anchor(relation, by_id))
        if len(parents) != 1 or parents[0].data(0, PREFIX_ROLE).endswith("↪ "):
            return False
        prefix = "+ " if relation.kind == RelationKind.SUPPORT else "− "
        for premise in relation.premises:
            if premise in placed:
                return False  # a premise of two new relations: a cross-link row
            tree.new_row(premise, parents[0], prefix, roles[premise], relation.id)
            placed.add(premise)
            ready.extend(waiting.pop(premise, ()))
        tree.premises_of[relation.id] = list(relation.premises)
    return not waiting  # what is left waits on a cycle of new statements


def _anchor(relation: Relation, relations: dict[str, Relation]) -> str:
    """The statement a relation's premises sit under: undercuts sit under the attacked claim."""
    target, seen = relation.target, set()
    while target in relations and target not in seen:
        seen.add(target)
        target = relations[target].target
    return target


def _drop_rows(tree: OutlineTree, statements: set[str], relations: set[str]) -> bool:
    if any(not set(tree.premises_of.get(r, [""])) <= statements for r in relations):
        return False  # a premise outlives its relation: it moves elsewhere in the tree
    rows = [row for statement_id in statements for row in tree.rows(statement_id)]
    if any(row.childCount() for row in rows) or len(rows) != len(statements):
        return False  # a removed statement had premises under it, or showed twice
    for row in rows:
        (row.parent() or tree.invisibleRootItem()).removeChild(row)
    for statement_id in statements:
        tree.forget_rows(statement_id)
    for relation_id in relations:
        tree.premises_of.pop(relation_id, None)
    return True
