"""How a new layout lands on the canvas: what moves, gliding, the views following, batches.

A mixin of :class:`~argmap.gui.scene.MapScene`, kept apart so the scene module
stays about keeping items in step with the document. After an edit only what
the tree layout moved is touched; a large move list is applied over several
event-loop turns so the window never freezes.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtWidgets import QGraphicsScene

from argmap.gui.items import EdgeItem, JunctionItem, StatementItem
from argmap.gui.layout_runner import GRAPHVIZ, TREE, PreparedLayout

if TYPE_CHECKING:
    _SceneBase = QGraphicsScene

    from argmap.gui.animation import LayoutGlide, Steps
    from argmap.gui.document import MapDocument
    from argmap.gui.edge_geometry import EdgeGeometry
    from argmap.gui.follow import ViewFollow
    from argmap.gui.layout_runner import LayoutRunner
    from argmap.layout import LayoutResult
else:
    _SceneBase = object

__all__ = ["APPLY_BATCH", "LayoutLanding"]

APPLY_BATCH = 250  # cards (or edges) placed per event-loop turn when a large layout lands
UNSEEN_ABOVE = 500  # more cards added at once than this wait unseen for the layout
LANDING_PIECE = 100  # cards per turn after an edit: each brings its edges along


class LayoutLanding(_SceneBase):
    """The scene's part that lands layouts; what it needs from the scene is declared here."""

    layoutApplied: ClassVar[Signal]
    document: MapDocument
    statement_items: dict[str, StatementItem]
    junction_items: dict[str, JunctionItem]
    geometry: EdgeGeometry
    engine: str
    runner: LayoutRunner
    animate: bool
    waiting_for_layout: bool
    _glide: LayoutGlide
    _steps: Steps
    _follow: ViewFollow
    _anchor_id: str | None
    _anchor_rect: QRectF
    _fresh: set[str]
    _changed: set[str] | None  # what the layout being applied moved (None: anything)
    _everything: bool
    _regroup: set[str]
    _new_edge_ends: set[str]
    _unlanded: set[str] | None = None  # what a landing under way has yet to place (None: all)
    _unplaced: set[str]  # cards added since new cards were last placed
    _unseen: set[str]  # cards added in bulk, transparent until the layout places them

    if TYPE_CHECKING:  # provided by MapScene

        @property
        def layout_result(self) -> LayoutResult | None: ...
        @layout_result.setter
        def layout_result(self, result: LayoutResult | None) -> None: ...
        @property
        def edge_items(self) -> list[EdgeItem]: ...
        def _update_all_edges(self) -> None: ...
        def _place_provisionally(self, *, update_edges: bool = True) -> set[str]: ...
        def _update_edges_of_cards(self, statement_ids: set[str]) -> None: ...
        def _fit_groups(
            self, moved: AbstractSet[str] | None = None, groups: AbstractSet[str] = frozenset()
        ) -> None: ...

    def _apply_layout(self, prepared: PreparedLayout) -> None:
        self._glide.stop()
        # A landing still under way is superseded, not finished in one long stall: the cards
        # and edges it had yet to place are placed by this one.
        leftover = self._unlanded if self._steps.running() else set()
        self._steps.cancel()
        self._unlanded = set()
        if leftover is None:
            self._everything = True
        previous = self.layout_result
        had_layout = previous is not None
        result = self.layout_result = prepared.result
        self.geometry.paths = prepared.paths
        fresh, self._fresh = self._fresh, set()
        if previous is None:
            fresh = set()  # a map just opened: every card is new, and they land together
        anchor_id, self._anchor_id = self._anchor_id, None
        everything, self._everything = self._everything, False
        if everything or previous is None or previous.engine != TREE or result.engine != TREE:
            self._changed = None  # everything may have moved
            names = list(self.statement_items)
        else:  # a tree after a tree: only what the layout moved, and what is new
            before = previous.nodes
            self._changed = {
                name for name, node in result.nodes.items() if before.get(name) != node
            } | fresh
            self._changed |= leftover or set()
            self._regroup = {
                g
                for g in {*result.clusters, *previous.clusters, *result.bands, *previous.bands}
                if result.clusters.get(g) != previous.clusters.get(g)
                or result.bands.get(g) != previous.bands.get(g)
            }
            names = [name for name in self._changed if name in self.statement_items]
        targets = {}  # where the new cards go
        items = self.statement_items
        for statement_id in fresh:
            target = self._layout_target(statement_id)
            if target is not None and statement_id in items:
                targets[statement_id] = target
                items[statement_id].setPos(
                    target
                )  # a new card appears in its place; the others glide
        if self._changed is not None:  # what the tree moved: no need to ask each card where it is
            nodes = result.nodes
            places = [(sid, nodes[sid]) for sid in names if sid not in fresh and sid in nodes]
            if len(places) > APPLY_BATCH:  # many: made into moves piece by piece as they land
                self._start_following(
                    anchor_id if had_layout else None, fresh if had_layout else set(), targets
                )
                self._steps.run(self._landing_steps(places=places))
                return
            moves = [(items[sid], QPointF(node.x, node.y)) for sid, node in places]
        elif self.waiting_for_layout and result.engine == TREE and len(names) > APPLY_BATCH:
            # A big map just opened: every card straight from the layout, in pieces, unseen.
            # Qt's item index is built once when they are all in place, not kept up to date
            # through thousands of moves.
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
            nodes = result.nodes
            places = [(sid, nodes[sid]) for sid in names if sid not in fresh and sid in nodes]
            self._start_following(
                anchor_id if had_layout else None, fresh if had_layout else set(), targets
            )
            self._steps.run(self._landing_steps(places=places))
            return
        else:
            moves = []
            for statement_id in names:
                target = self._layout_target(statement_id)
                if (
                    target is not None
                    and statement_id not in fresh
                    and items[statement_id].pos() != target
                ):
                    moves.append((items[statement_id], target))
        self._start_following(
            anchor_id if had_layout else None, fresh if had_layout else set(), targets
        )
        if had_layout and self.animate and self._glide.start(moves, scroll=self._follow.active()):
            return  # the glide ends in _layout_settled
        if len(moves) <= APPLY_BATCH or not (had_layout or self.waiting_for_layout):
            # Few, or the first layout of a map laid out at once: soonest in place. (A big
            # map's first layout lands in pieces too, unseen until it is all there.)
            for item, target in moves:
                item.setPos(target)
            self._layout_settled()
            return
        self._steps.run(self._landing_steps(moves=moves))

    def _landing_steps(self, *, moves: list | None = None, places: list | None = None) -> list:
        """A large layout in pieces of APPLY_BATCH cards, each with its junctions and edges.

        After an edit only what moved is touched, and the work of finding it is
        spread over the pieces too, so no event-loop turn is long.
        """
        changed, self._changed = self._changed, None
        if changed is None or places is None:  # everything: the cards, then every junction and edge
            self._unlanded = None
            junctions, edges = list(self.junction_items), list(self.edge_items)
            if places is not None:
                steps = [
                    partial(_move_places, self.statement_items, places[i : i + APPLY_BATCH])
                    for i in range(0, len(places), APPLY_BATCH)
                ]
            else:
                moves = moves or []
                steps = [
                    partial(_move_cards, moves[i : i + APPLY_BATCH])
                    for i in range(0, len(moves), APPLY_BATCH)
                ]
            steps += [
                partial(self._place_junction_batch, junctions[i : i + APPLY_BATCH])
                for i in range(0, len(junctions), APPLY_BATCH)
            ]
            # Cards straight from the tree are exactly where it put them: no need to ask.
            placed = places is not None
            steps += [
                partial(self._update_edge_batch, edges[i : i + APPLY_BATCH], placed)
                for i in range(0, len(edges), APPLY_BATCH)
            ]
        else:
            self._unlanded = changed | self._new_edge_ends  # what a newer landing must place
            extras = list(self._unlanded - {sid for sid, _ in places})
            size = LANDING_PIECE
            steps = [
                partial(self._land_places, places[i : i + size])
                for i in range(0, len(places), size)
            ]
            steps += [
                partial(self._update_edges_of_cards, set(extras[i : i + size]))
                for i in range(0, len(extras), size)
            ]
        self._new_edge_ends = set()
        steps.append(partial(self._finish_layout, changed))
        return steps

    def _land_places(self, places: list) -> None:
        """Put these cards where the layout says, with their junctions and edges."""
        items = self.statement_items
        landed = set()
        for statement_id, node in places:
            item = items.get(statement_id)
            if item is not None:  # an edit in between may have removed it
                item.setPos(node.x, node.y)
                landed.add(statement_id)
        self._update_edges_of_cards(landed)

    def _place_junction_batch(self, junctions: list[str]) -> None:
        for relation_id in junctions:
            junction = self.junction_items.get(relation_id)
            if junction is not None:  # an edit in between may have removed it
                self.geometry.position_junction(relation_id, junction)

    def _layout_target(self, statement_id: str) -> QPointF | None:
        """Where the layout puts a card (with Graphviz, a card placed by hand stays where it is)."""
        pinned = self.document.map.layout.positions
        if statement_id in pinned and self.engine == GRAPHVIZ:
            return QPointF(pinned[statement_id].x, pinned[statement_id].y)
        node = self.layout_result.nodes.get(statement_id) if self.layout_result else None
        return QPointF(node.x, node.y) if node is not None else None

    def _start_following(
        self, anchor_id: str | None, fresh: set[str], targets: dict[str, QPointF]
    ) -> None:
        """Let the views keep the anchor where it is and bring a card just added into view."""
        anchor_item = None
        anchor_target = None
        if anchor_id is not None and anchor_id not in fresh:
            anchor_item = self.statement_items.get(anchor_id)
            anchor_target = self._layout_target(anchor_id) if anchor_item is not None else None
        anchor = None
        reveal = None
        if anchor_item is not None and anchor_target is not None:
            final = anchor_item.card_rect().translated(anchor_target - anchor_item.pos())
            anchor = (self._anchor_rect, final)
            if not fresh:  # the card edited: it may have grown out of view
                reveal = final
        if 0 < len(fresh) <= 3:
            reveal = None
            for statement_id in fresh:
                item = self.statement_items.get(statement_id)
                if item is not None and statement_id in targets:
                    rect = item.card_rect().translated(targets[statement_id] - item.pos())
                    reveal = rect if reveal is None else reveal.united(rect)
        content = self._content_rect()
        for target in targets.values():  # the views must be able to scroll to where cards go
            content = content.united(QRectF(target, target))
        for view in self.views():
            if hasattr(view, "set_content_rect"):
                view.set_content_rect(content.adjusted(-300, -300, 300, 300))
        self._follow.start(self.views(), anchor, reveal)

    def _content_rect(self) -> QRectF:
        """Where the cards are: the tree's own extent (cheap), else every item's."""
        result = self.layout_result
        if result is not None and result.engine == TREE and not self._fresh:
            return QRectF(result.origin[0], result.origin[1], result.width, result.height).adjusted(
                -40, -40, 40, 40
            )
        return self.itemsBoundingRect()

    def following(self) -> bool:
        """The views are scrolling along with a glide (a card just added is being revealed)."""
        return self._follow.active()

    def _update_edge_batch(self, edges: list[EdgeItem], placed: bool = False) -> None:
        for edge in edges:
            if edge.scene() is self:  # an edit in between may have replaced it
                self.geometry.update_edge(edge, placed=placed)

    def _show_cards(self) -> None:
        if self.waiting_for_layout:
            self.waiting_for_layout = False
            self.update()
        unseen, self._unseen = self._unseen, set()
        for statement_id in unseen:
            item = self.statement_items.get(statement_id)
            if item is not None:
                item.setOpacity(1.0)

    def _reveal_unseen(self, _error: str = "") -> None:
        """The layout failed: cards waiting unseen for it are put near their targets."""
        self._unplaced |= self._unseen
        self._show_cards()
        self._place_provisionally()

    def _unseen_until_laid_out(self) -> bool:
        """Many cards just added (a big paste) wait unseen for the tree, which comes soon.

        Putting each where it would wait, and drawing its edges there, costs
        more than the layout itself. They are transparent rather than hidden,
        so they stay selected (Qt deselects hidden items).
        """
        if len(self._unplaced) <= UNSEEN_ABOVE or self.layout_result is None:
            return False
        if self.engine != TREE:
            return False
        for statement_id in self._unplaced:
            item = self.statement_items.get(statement_id)
            if item is not None:
                item.setOpacity(0.0)
                self._unseen.add(statement_id)
        self._unplaced.clear()
        return True

    def _finish_layout(self, changed: set[str] | None = None) -> None:
        self._index_items()
        self._show_cards()
        self._unlanded = set()
        self._fit_groups(changed, self._regroup if changed is not None else frozenset())
        self._set_extent()
        self.layoutApplied.emit()

    def _set_extent(self) -> None:
        self._follow.land()
        bounds = self._content_rect()
        wanted = bounds.adjusted(-60, -60, 60, 60)
        if not self.sceneRect().contains(wanted):
            # A new scene rectangle rebuilds Qt's whole item index (seconds on a big map), so
            # it only ever grows, and by a good margin at a time.
            margin = max(wanted.width(), wanted.height()) / 4 + 1000
            self.setSceneRect(
                wanted.united(self.sceneRect()).adjusted(-margin, -margin, margin, margin)
            )
        for view in self.views():
            if hasattr(view, "set_content_rect"):
                view.set_content_rect(bounds)

    def settling(self) -> bool:
        """A layout is being computed, cards are still gliding to it, or the view to a new card."""
        return (
            self.runner.busy()
            or self._glide.running()
            or self._steps.running()
            or self._follow.active()
        )

    def _glide_frame(self) -> None:
        self._update_edges_of_cards({item.statement_id for item in self._glide.moving()})
        self._follow.frame(self._glide.progress)

    def _index_items(self) -> None:
        """Qt's item index, left off while a big map's cards were made and put in place."""
        if self.itemIndexMethod() is QGraphicsScene.ItemIndexMethod.NoIndex:
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)

    def _layout_settled(self) -> None:
        self._index_items()
        self._show_cards()
        changed, self._changed = self._changed, None
        if changed is None:
            self._update_all_edges()
        else:  # only the edges at what moved, and the edges made since the last layout
            self._update_edges_of_cards(changed | self._new_edge_ends)
            self._fit_groups(set(), self._regroup)
        self._new_edge_ends = set()
        self._set_extent()
        self.layoutApplied.emit()


def _move_cards(moves: list[tuple[StatementItem, QPointF]]) -> None:
    for item, target in moves:
        if item.scene() is not None:  # it may have been deleted by an edit in between
            item.setPos(target)


def _move_places(items: dict, places: list) -> None:
    for statement_id, node in places:
        item = items.get(statement_id)
        if item is not None:  # it may have been deleted by an edit in between
            item.setPos(node.x, node.y)
