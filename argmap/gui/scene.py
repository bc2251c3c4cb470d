"""The canvas scene: keeps one item per statement and relation in step with the document.

Like orange-canvas-core's scene, it never edits the map: it listens to the
document's signals, keeps id → item maps, and reports gestures (cards dragged)
as signals for the window to turn into undo commands.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from argmap.gui import garbage
from argmap.gui.animation import LayoutGlide, Steps
from argmap.gui.cards import card_slot
from argmap.gui.document import MapDocument
from argmap.gui.edge_geometry import EdgeGeometry
from argmap.gui.evaluation_look import CanvasMarks
from argmap.gui.first_place import place_new_cards
from argmap.gui.follow import ViewFollow
from argmap.gui.gestures import ConnectionDrag
from argmap.gui.group_items import GroupItem
from argmap.gui.groups import GroupBoxes
from argmap.gui.items import EdgeItem, JunctionItem, StatementItem
from argmap.gui.layout_runner import GRAPHVIZ, TREE, LayoutRunner, PreparedLayout
from argmap.gui.relation_items import RelationItems
from argmap.gui.scene_layout import LayoutLanding
from argmap.gui.scene_mouse import MouseGestures
from argmap.layout import LayoutResult, tree_layout
from argmap.model import Direction
from argmap.roles import Role
from argmap.theme import Theme, get_theme

__all__ = ["MapScene"]

_HANDLE_SIDES = {
    Direction.BOTTOM_TO_TOP: "top",
    Direction.TOP_TO_BOTTOM: "bottom",
    Direction.LEFT_TO_RIGHT: "right",
    Direction.RIGHT_TO_LEFT: "left",
}
EDIT_LAYOUT_DELAY_MS = 40  # the edit is painted first; a burst of edits costs one layout
SYNC_TREE_LIMIT = (
    2500  # statements; up to this the tree is laid out at once, larger maps in the worker
)


class MapScene(LayoutLanding, MouseGestures, QGraphicsScene):
    cardsMoved = Signal(dict)  # statement id -> Position, after a drag
    layoutApplied = Signal()
    layoutFailed = Signal(str)
    connectRequested = Signal(str, str, bool)  # premise, target statement or relation, attack
    cardDoubleClicked = Signal(str)
    cardDropped = Signal(str, str)  # dragged statement, the statement it was dropped on
    badgeClicked = Signal(str)  # Evaluate mode: a card's label badge was clicked
    contextMenuRequested = Signal(
        str, str, object, object
    )  # kind, id, screen QPoint, scene QPointF

    def __init__(self, document: MapDocument, theme: Theme | None = None) -> None:
        super().__init__()
        self.document = document
        self._fixed_theme = theme  # None: each map is drawn in the theme it names
        self.theme = theme or _map_theme(document)
        self.setBackgroundBrush(QColor(self.theme.background))
        # An explicit rectangle, grown as layouts land (_set_extent): left unset, Qt asks
        # every item for its bounds whenever the scene's extent is wanted.
        self.setSceneRect(QRectF(-1000, -1000, 2000, 2000))
        self.statement_items: dict[str, StatementItem] = {}
        self.marks = CanvasMarks()  # Evaluate mode's badges and faint arrows (evaluate_mode)
        self.relation_items = RelationItems(self)
        self.junction_items: dict[str, JunctionItem] = self.relation_items.junctions
        self.geometry = EdgeGeometry(document, self.statement_items, self.relation_items)
        self._dirty_relations: set[str] | None = None  # relations changed since items were synced
        self._sizes: dict[str, tuple[float, float]] = {}  # every card's size, kept as cards change
        self.groups = GroupBoxes(self, self.statement_items)  # a box (or bands) per group
        self._groups_dirty = True  # a card left the map: every group box is fitted again
        self.engine = TREE  # or GRAPHVIZ: how the canvas is laid out (View → Layout)
        self.waiting_for_layout = False  # a big map's cards have no place yet: draw none
        self._follow = ViewFollow(self)  # the views keep the user's place while cards glide
        self._anchor_id: str | None = None  # the card the pending change was made on
        self._anchor_rect = QRectF()  # and where it was before the change
        self._fresh: set[str] = set()  # cards added since a layout last placed them
        self.runner = LayoutRunner(self)
        self.runner.finished.connect(self._apply_layout)
        self.runner.failed.connect(self.layoutFailed)
        self.runner.failed.connect(self._reveal_unseen)
        self.layoutApplied.connect(garbage.settle)  # a quiet moment: see garbage.py
        garbage.watch_busy(self)
        self._press_positions: dict[str, QPointF] = {}
        self._connection: ConnectionDrag | None = None
        self.animate = True  # glide cards to a new layout (small maps only)
        self._glide = LayoutGlide(self._glide_frame, self._layout_settled, self)
        self._steps = Steps(self)  # a large layout is applied over several event-loop turns
        self._drop_candidate: StatementItem | None = None
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self._refresh_now)
        self._relayout_wanted = False
        self._changed: set[str] | None = (
            None  # what the layout being applied moved (None: anything)
        )
        self._everything = False  # the next layout puts every card back in place
        self._regroup: set[str] = (
            set()
        )  # groups whose box or bands the layout being applied changed
        self._new_edge_ends: set[str] = set()  # ends of edges made since the last layout
        self._unplaced: set[str] = set()  # cards added since new cards were last placed
        self._unseen: set[str] = set()  # added in bulk: transparent until the layout lands
        self._selection_shrank = False  # selected cards were removed: selectionChanged is due
        document.mapReset.connect(self.rebuild)
        document.statementAdded.connect(self._on_statement_added)
        document.statementRemoved.connect(self._on_statement_removed)
        document.statementChanged.connect(self._on_statement_changed)
        document.relationAdded.connect(self._on_relations_changed)
        document.relationRemoved.connect(self._on_relations_changed)
        document.relationChanged.connect(self._on_relations_changed)
        document.positionsChanged.connect(self._on_positions_changed)
        document.sourcesChanged.connect(self._on_sources_changed)
        document.groupsChanged.connect(self._on_groups_changed)
        document.selectionWanted.connect(self._select_wanted)
        self._wanted: list[str] = []  # what an undo or redo selects once it is done
        self._select_later = QTimer(self, singleShot=True, interval=0)
        self._select_later.timeout.connect(self._select_now)
        self.rebuild()

    # -- building ----------------------------------------------------------

    def rebuild(self) -> None:
        """Recreate every item (a new map was loaded)."""
        self._glide.stop()  # both touch the items about to be deleted
        self._steps.cancel()
        self._select_later.stop()  # what an undo wanted selected was in the other map
        # Forget the items before deleting them: clearing emits selectionChanged.
        self.statement_items.clear()
        self._sizes = {}
        self._unplaced.clear()
        self.relation_items.clear()
        self._dirty_relations = None
        self.groups.items.clear()
        self._drop_candidate = None
        self.layout_result = None
        self.geometry.paths = {}
        self.clear()
        self.theme = self._fixed_theme or _map_theme(self.document)
        self.setBackgroundBrush(QColor(self.theme.background))
        # An explicit rectangle, grown as layouts land (_set_extent): left unset, Qt asks
        # every item for its bounds whenever the scene's extent is wanted.
        self.setSceneRect(QRectF(-1000, -1000, 2000, 2000))
        self._fresh.clear()
        self._anchor_id = None
        self._follow.finish()
        garbage.new_map()
        if self.engine == TREE and not self._sync_tree():
            # Thousands of cards about to be added and then put in place: Qt's item index is
            # built once, when the first layout has landed, not kept up to date meanwhile.
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        roles = self.document.roles()
        sources = {s.id: s for s in self.document.map.sources}
        for statement in self.document.map.statements:
            self._add_item(statement.id, roles[statement.id], sources)
        if self._sync_tree():
            self._rebuild_edges()
            self._rebuild_groups()
            self.request_layout()
            return
        # The worker needs only the card sizes: it runs while the rest is built.
        self.request_layout()
        self._rebuild_edges()
        self._rebuild_groups()
        if self.engine == GRAPHVIZ:  # slow: the cards wait near what they argue for meanwhile
            self._place_provisionally()
        else:  # the tree comes soon: until then the canvas shows nothing rather than a pile
            self._unplaced.clear()
            self.waiting_for_layout = True
            # Spread out meanwhile, unseen: Qt handles thousands of items at one point badly.
            for number, item in enumerate(self.statement_items.values()):
                item.setPos((number % 128) * 300.0, (number // 128) * 200.0)

    def _add_item(self, statement_id: str, role: Role, sources: dict) -> StatementItem:
        statement = self.document.statement(statement_id)
        item = StatementItem(statement, role, self.theme, sources)
        item.handle_side = _HANDLE_SIDES[Direction(self.document.map.layout.direction)]
        self.statement_items[statement_id] = item
        self._sizes[statement_id] = item.size
        self._unplaced.add(statement_id)
        self._fresh.add(statement_id)
        self.addItem(item)
        return item

    def _rebuild_edges(self) -> list[EdgeItem]:
        """Bring edge and junction items in line with the relations changed since the last call."""
        dirty, self._dirty_relations = self._dirty_relations, set()
        EdgeItem.moves += 1  # edges may go: group titles that made way for them look again
        if dirty is None:
            return self.relation_items.sync_all(self.document.map.relations, self.theme)
        return self.relation_items.sync(dirty, self._relation_or_none, self.theme)

    def _relation_or_none(self, relation_id: str):
        try:
            return self.document.relation(relation_id)
        except KeyError:
            return None

    @property
    def edge_items(self) -> list[EdgeItem]:
        return self.relation_items.edges

    @property
    def _edges_at(self) -> dict[str, list[EdgeItem]]:
        return self.relation_items.at

    @property
    def layout_result(self) -> LayoutResult | None:
        """The layout that landed last (what the edges and junctions are drawn from)."""
        return self.geometry.layout

    @layout_result.setter
    def layout_result(self, result: LayoutResult | None) -> None:
        self.geometry.layout = result

    def _update_all_edges(self) -> None:
        self._fit_groups()
        self.geometry.place_junctions()
        for edge in self.edge_items:
            self.geometry.update_edge(edge)

    def _update_edges_of_cards(self, statement_ids: set[str]) -> None:
        """After cards moved: their junctions and the edges at them (not every edge of the map)."""
        self._fit_groups(statement_ids)
        moved = statement_ids | self.geometry.place_junctions(statement_ids)
        for edge in self.geometry.edges_touching(moved):
            self.geometry.update_edge(edge)

    # -- document signals --------------------------------------------------

    def _on_statement_added(self, statement_id: str) -> None:
        sources = {s.id: s for s in self.document.map.sources}
        self._add_item(statement_id, Role.MAIN_CLAIM, sources)
        self._schedule(relayout=True)

    def _on_statement_removed(self, statement_id: str) -> None:
        item = self.statement_items.pop(statement_id, None)
        self._sizes.pop(statement_id, None)
        self._groups_dirty = True
        if item is not None:
            # Removed quietly (Qt reports a selection change for each item it removes), and
            # the selection reported once after the edit: undoing a paste of thousands of
            # cards must not tell every view thousands of times.
            self._selection_shrank |= item.isSelected()
            self._unfocus(item)
            blocked = self.blockSignals(True)
            try:
                self.removeItem(item)
            finally:
                self.blockSignals(blocked)
        self._schedule(relayout=True)

    def _unfocus(self, item: StatementItem) -> None:
        """Take the keyboard from inside a card before it goes: its text editor, closing then,
        would free its items off the card while Qt is still removing them (a crash)."""
        focus = self.focusItem()
        if focus is not None and (focus is item or item.isAncestorOf(focus)):
            focus.clearFocus()

    def _on_statement_changed(self, statement_id: str) -> None:
        item = self.statement_items.get(statement_id)
        if item is None:
            return
        old_size = item.size
        self._note_anchor()  # before the card is measured again: where it was, as it was
        sources = {s.id: s for s in self.document.map.sources}
        item.update_statement(self.document.statement(statement_id), item.role, sources)
        self._sizes[statement_id] = item.size
        self._update_edges_of_cards({statement_id})
        if item.size != old_size:
            self._schedule(relayout=True)

    def _on_relations_changed(self, relation_id: str) -> None:
        if self._dirty_relations is not None:
            self._dirty_relations.add(relation_id)
        self._schedule(relayout=True)

    def _on_positions_changed(self, statement_ids: list) -> None:
        positions = self.document.map.layout.positions
        self._move_to_stored_places(statement_ids, positions)
        self._update_edges_of_cards(set(statement_ids))  # a nudge on a big map: not every edge
        if self.engine == TREE:  # a pinned card carries its branch: lay out again
            self._schedule(relayout=True)

    def _move_to_stored_places(self, statement_ids: list, positions: dict) -> None:
        for statement_id in statement_ids:
            item = self.statement_items.get(statement_id)
            if item is None:
                continue
            if statement_id in positions:
                point = positions[statement_id]
                item.setPos(point.x, point.y)
            elif self.layout_result and statement_id in self.layout_result.nodes:
                node = self.layout_result.nodes[statement_id]
                item.setPos(node.x, node.y)

    def _on_sources_changed(self) -> None:
        sources = {s.id: s for s in self.document.map.sources}
        for statement_id, item in self.statement_items.items():
            item.update_statement(self.document.statement(statement_id), item.role, sources)

    def _on_groups_changed(self) -> None:
        """Group boxes are made again; members gather, so the tree is laid out again."""
        self._groups_dirty = True
        self._schedule(relayout=True)

    def _select_wanted(self, statement_ids: list) -> None:
        """An undo or redo selects what the user worked on; the layout then brings it into view
        (as the anchor of the change, or as a card just added).

        The command is still running: the card becomes the anchor now, before the change,
        but is selected once the command is done, since the views answer a new selection
        by keeping what is typed for the card they showed, which is a command of its own.
        """
        items = [self.statement_items[s] for s in statement_ids if s in self.statement_items]
        if len(items) == 1 and self._anchor_id is None and not self._refresh.isActive():
            self._anchor_id, self._anchor_rect = items[0].statement_id, items[0].card_rect()
        self._wanted = list(statement_ids)
        self._select_later.start()

    def _select_now(self) -> None:
        wanted, self._wanted = self._wanted, []
        self.select_only([sid for sid in wanted if sid in self.statement_items])

    def flush(self) -> None:
        """Apply pending changes now (before opening an editor on a card that was just added)."""
        if self._refresh.isActive():
            self._refresh.stop()
            self._refresh_now()

    def _note_anchor(self) -> None:
        """The card selected when a change begins is the one the user is working on."""
        if self._anchor_id is None and not self._refresh.isActive():
            selected = [item for item in self.selectedItems() if isinstance(item, StatementItem)]
            if len(selected) == 1:
                self._anchor_id = selected[0].statement_id
                self._anchor_rect = selected[0].card_rect()

    def _schedule(self, *, relayout: bool) -> None:
        self._note_anchor()
        self._relayout_wanted |= relayout
        self._refresh.start()

    def _refresh_now(self) -> None:
        """After a command's burst of signals: restyle roles, redo edges, ask for a layout."""
        if self._selection_shrank:  # cards that were selected went, quietly: say it once
            self._selection_shrank = False
            self.selectionChanged.emit()
        roles = self.document.roles()
        for statement_id, item in self.statement_items.items():
            if item.role is not roles.get(statement_id, item.role):
                item.set_role(roles[statement_id])
        added = self._rebuild_edges()
        self._new_edge_ends.update(name for edge in added for name in (edge.tail, edge.head))
        self._rebuild_groups()
        if self._relayout_wanted and self._sync_tree():
            self._relayout_wanted = False
            self.request_layout(changes_only=True)  # places every card and edge at once
            return
        placed: set[str] = set()
        if not self._unseen_until_laid_out():  # a big paste is drawn when the tree lands
            placed = self._place_provisionally(update_edges=False)
            if placed:
                placed |= self.geometry.place_junctions(placed)
            for edge in set(added) | self.geometry.edges_touching(placed):
                self.geometry.update_edge(edge)
        self._fit_groups(None if self._groups_dirty else placed)
        self._groups_dirty = False
        if self._relayout_wanted:
            self._relayout_wanted = False
            self.request_layout(EDIT_LAYOUT_DELAY_MS, changes_only=True)

    # -- layout ------------------------------------------------------------

    def set_engine(self, engine: str) -> None:
        """Lay the canvas out with argmap's tree (TREE) or Graphviz's layered drawing (GRAPHVIZ)."""
        if engine not in (TREE, GRAPHVIZ) or engine == self.engine:
            return
        self.engine = engine
        self.request_layout()

    def _sync_tree(self) -> bool:
        return self.engine == TREE and len(self.statement_items) <= SYNC_TREE_LIMIT

    def request_layout(self, delay_ms: int = 0, *, changes_only: bool = False) -> None:
        """Lay out the current map with the current card sizes (the tree at once if small).

        ``changes_only``: after an edit, only what the new layout moves is
        touched; otherwise every card is put back in its place.
        """
        if not self.statement_items:
            return  # nothing to lay out
        self._everything |= not changes_only
        if self._sync_tree():
            self.runner.forget()  # a Graphviz layout still running is out of date
            result = tree_layout(
                self.document.map, self._sizes, theme=self.theme, slot_width=card_slot(self.theme)
            )
            self._apply_layout(PreparedLayout(result))
            return
        engine = self.engine

        def snapshot():
            return self.document.snapshot(), dict(self._sizes), self.theme, engine

        # The tree too waits the delay after an edit: the new card (already in its place
        # for a first reason) is painted before the worker competes for the interpreter.
        self.runner.request(snapshot, delay_ms)

    def _place_provisionally(self, *, update_edges: bool = True) -> set[str]:
        """Put cards with no place yet just below what they argue for, until the layout comes."""
        placed = self._place_new_cards()
        if update_edges:
            self._update_all_edges()
        return placed

    def _place_new_cards(self) -> set[str]:
        """Returns the ids of the cards placed now (only cards added since the last call)."""
        layout_nodes = self.layout_result.nodes if self.layout_result is not None else {}
        pending = {sid for sid in self._unplaced if sid not in layout_nodes}
        self._unplaced.clear()
        return place_new_cards(
            self.document.map, pending, self.statement_items, self._edges_at, self.theme
        )

    # -- groups ------------------------------------------------------------

    @property
    def group_items(self) -> dict[str, GroupItem]:
        return self.groups.items

    def _rebuild_groups(self) -> None:
        self.groups.rebuild(self.document.map.groups, self.theme)

    def _fit_groups(
        self, moved: AbstractSet[str] | None = None, groups: AbstractSet[str] = frozenset()
    ) -> None:
        """Fit group boxes to their cards (``moved``: only these cards' groups, and ``groups``)."""
        theme_size = self.theme.font_size
        self.groups.fit(self.document.map.groups, self.layout_result, theme_size, moved, groups)

    def selected_statement_ids(self) -> list[str]:
        """Selected cards, in map order (Qt's own list is unordered)."""
        chosen = {
            item.statement_id for item in self.selectedItems() if isinstance(item, StatementItem)
        }
        if len(chosen) <= 1:
            return list(chosen)
        return [sid for sid in self.statement_items if sid in chosen]

    def select_only(self, statement_ids: list[str]) -> None:
        """Select exactly these cards, telling listeners once (not once per card).

        Chosen after an undo, before the undo's own choice was made: this one stays.
        """
        self._select_later.stop()
        blocked = self.blockSignals(True)
        try:
            self.clearSelection()
            for statement_id in statement_ids:
                item = self.statement_items.get(statement_id)
                if item is not None:
                    item.setSelected(True)
        finally:
            self.blockSignals(blocked)
        if not blocked:
            self.selectionChanged.emit()

    def select_all(self) -> None:
        self.select_only(list(self.statement_items))

    def map_rect(self) -> QRectF:
        """Where the map is drawn: the layout's extent when that is known, so a 10,000-card
        map is not asked for every item's rectangle."""
        return self._content_rect() if self.statement_items else QRectF()


def _map_theme(document: MapDocument) -> Theme:
    """The theme the map names (as its export uses), or the default for an unknown name."""
    try:
        return get_theme(document.map.layout.theme)
    except ValueError:
        return get_theme(None)
