"""The map stays put while it is edited: measured on screen, as the user sees it.

Each edit is made the way a user makes it: the card is brought into view,
selected, and a reason, objection or co-premise is added and typed with the
keyboard (keys go to whichever widget has the focus). Before and after, the
cards' rectangles on the screen are compared.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from conftest import wait_for_layout
from PySide6.QtCore import QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from argmap.gui.mainwindow import MainWindow
from argmap.model import Direction

pytestmark = pytest.mark.gui

MAPS = Path(__file__).parent.parent / "maps"
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(params=["israel-us-defense-treaty.argmap", "us-saudi-defense-pact.argmap"])
def seed_window(request, qtbot, monkeypatch):
    window = MainWindow(MAPS / request.param)
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    window.resize(1400, 900)
    window.show()
    window.qtbot = qtbot
    wait_for_layout(qtbot, window)
    window.view.set_zoom(1.0)  # cards are edited readable, not at the whole-map fit
    yield window
    window.scene.runner.wait(10_000)


def on_screen(window) -> dict[str, QRectF]:
    """Every card's rectangle in the canvas's viewport, in pixels."""
    transform = window.view.viewportTransform()
    return {
        sid: transform.mapRect(item.card_rect())
        for sid, item in window.scene.statement_items.items()
    }


def viewport(window) -> QRectF:
    return QRectF(window.view.viewport().rect())


def keys(window, key, modifiers=NONE, text: str = "") -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)
    for char in text:
        QTest.keyClick(QApplication.focusWidget(), char)


def work_on(window, statement_id: str) -> None:
    """Scroll the card into the middle of the canvas and select it, as a user would."""
    window.view.centerOn(window.scene.statement_items[statement_id])
    window.view.setFocus()
    window.scene.select_only([statement_id])
    wait_for_layout(window.qtbot, window)


def add(window, target: str, key, modifiers, text: str) -> dict:
    """Add a card to ``target`` by keyboard and type its text; what changed on screen."""
    work_on(window, target)
    before = on_screen(window)
    seen = [sid for sid, rect in before.items() if rect.intersects(viewport(window))]
    keys(window, key, modifiers, text)
    keys(window, Qt.Key.Key_Return)
    wait_for_layout(window.qtbot, window)
    after = on_screen(window)
    (new,) = set(after) - set(before)
    unchanged = [sid for sid in seen if _same(before[sid], after[sid])]
    return {
        "new": new,
        "anchor_moved": max(
            abs(after[target].x() - before[target].x()), abs(after[target].y() - before[target].y())
        ),
        "unchanged": len(unchanged) / len(seen),
        "new_visible": viewport(window).contains(after[new]),
    }


def _same(a: QRectF, b: QRectF, tolerance: float = 1.0) -> bool:
    return abs(a.x() - b.x()) <= tolerance and abs(a.y() - b.y()) <= tolerance


def overlapping(window) -> list[tuple[str, str]]:
    cards = sorted(window.scene.statement_items.items(), key=lambda kv: kv[1].card_rect().left())
    pairs = []
    for i, (a, item) in enumerate(cards):
        rect = item.card_rect()
        for b, other in cards[i + 1 :]:
            if other.card_rect().left() >= rect.right():
                break
            if rect.intersects(other.card_rect()):
                pairs.append((a, b))
    return pairs


def leaves(window) -> list[str]:
    """Cards nothing argues for, in file order: where a map usually grows."""
    argued = {r.target for r in window.current_map().relations}
    return [s.id for s in window.current_map().statements if s.id not in argued]


def test_growing_branches_by_keyboard_keeps_the_map_in_place(seed_window):
    window = seed_window
    edits = []
    for leaf in leaves(window)[:3]:
        reason = add(window, leaf, Qt.Key.Key_Insert, NONE, "A reason typed in")
        edits.append(reason)
        edits.append(add(window, reason["new"], Qt.Key.Key_Insert, SHIFT, "An objection to it"))
        edits.append(add(window, reason["new"], Qt.Key.Key_Insert, ALT, "A co-premise"))
        assert overlapping(window) == []
    for edit in edits:
        assert edit["anchor_moved"] <= 2.0, edit
        assert edit["new_visible"], edit
    assert statistics.median(e["unchanged"] for e in edits) >= 0.8


def test_a_card_added_out_of_view_is_scrolled_to_by_the_smallest_amount(seed_window):
    window = seed_window
    claim = window.current_map().main_claims()[0].id
    edit = add(window, claim, Qt.Key.Key_Insert, NONE, "One more reason for the main claim")
    assert edit["new_visible"]
    new_rect = on_screen(window)[edit["new"]]
    # Scrolled just enough: the new card sits at the margin of the side it came in from.
    margins = (
        new_rect.left() - viewport(window).left(),
        viewport(window).right() - new_rect.right(),
    )
    assert edit["anchor_moved"] <= 2.0 or min(margins) <= 30.0
    assert overlapping(window) == []


def add_a_reason_then_undo(window) -> tuple[str, dict]:
    """Add a reason to the main claim by keyboard, then Ctrl+Z: the claim and the edit."""
    claim = window.current_map().main_claims()[0].id
    edit = add(window, claim, Qt.Key.Key_Insert, NONE, "One more reason for the main claim")
    keys(window, Qt.Key.Key_Z, CTRL)
    wait_for_layout(window.qtbot, window)
    return claim, edit


def test_undoing_an_added_reason_selects_and_shows_the_card_it_was_added_to(seed_window):
    window = seed_window
    claim, edit = add_a_reason_then_undo(window)
    assert edit["new"] not in window.scene.statement_items
    assert window.scene.selected_statement_ids() == [claim]
    assert viewport(window).contains(on_screen(window)[claim])


def test_redoing_an_added_reason_selects_and_shows_it_again(seed_window):
    window = seed_window
    _, edit = add_a_reason_then_undo(window)
    keys(window, Qt.Key.Key_Z, CTRL | SHIFT)
    wait_for_layout(window.qtbot, window)
    assert window.scene.selected_statement_ids() == [edit["new"]]
    assert viewport(window).contains(on_screen(window)[edit["new"]])


def test_a_card_added_out_of_view_comes_in_with_the_first_frame(seed_window):
    window = seed_window
    window.resize(900, 700)  # the docks leave the canvas little room: the reason lands out of view
    claim = window.current_map().main_claims()[0].id
    work_on(window, claim)
    before = set(window.scene.statement_items)
    keys(window, Qt.Key.Key_Insert)  # nothing else runs before the next paint
    (new,) = set(window.scene.statement_items) - before
    assert on_screen(window)[new].intersects(viewport(window))
    wait_for_layout(window.qtbot, window)
    assert viewport(window).contains(on_screen(window)[new])


def test_typing_a_longer_text_keeps_the_card_in_place_and_moves_only_its_branch(seed_window):
    window = seed_window
    cards = window.scene.statement_items
    argued = {r.target for r in window.current_map().relations}
    widest = max(cards[sid].card.width for sid in argued if sid in cards)
    # A card already as wide as text wraps, with a branch below it: more text makes it taller.
    card = next(sid for sid in argued if sid in cards and cards[sid].card.width == widest)
    work_on(window, card)
    before = on_screen(window)
    keys(window, Qt.Key.Key_F2)
    keys(window, Qt.Key.Key_End, NONE, " And a second thought, typed at length." * 3)
    keys(window, Qt.Key.Key_Return)
    wait_for_layout(window.qtbot, window)
    after = on_screen(window)
    assert after[card].height() > before[card].height() + 20
    assert after[card].width() == pytest.approx(
        before[card].width(), abs=2.0
    )  # lines wrap a little differently
    assert abs(after[card].top() - before[card].top()) <= 2.0
    assert abs(after[card].left() - before[card].left()) <= 2.0
    moved = {sid for sid in before if not _same(before[sid], after[sid], 2.0)}
    assert moved
    assert moved <= _branch(window, card) | {card}
    assert overlapping(window) == []


def _branch(window, statement_id: str) -> set[str]:
    """What hangs below a card: its premises, theirs, and undercuts of those arguments."""
    relations = window.current_map().relations
    found, reached = set(), {statement_id}
    changed = True
    while changed:
        changed = False
        for relation in relations:
            if relation.target in reached and relation.id not in reached:
                reached.add(relation.id)
                found.update(relation.premises)
                reached.update(relation.premises)
                changed = True
    return found


def test_on_a_map_laid_out_in_the_background_a_first_reason_appears_where_it_stays(
    window, monkeypatch
):
    """Above a size the tree is laid out in the worker; the new card must not wait, nor jump."""
    from argmap.gui import scene as scene_module

    monkeypatch.setattr(scene_module, "SYNC_TREE_LIMIT", 0)
    window.view.setFocus()
    window.scene.select_only(["narrow"])  # a card nothing argues for yet
    keys(window, Qt.Key.Key_Insert)
    new = window.scene.selected_statement_ids()[0]
    first = window.scene.statement_items[new].pos()
    assert not window.scene._sync_tree()  # laid out in the worker, not at once
    keys(window, Qt.Key.Key_Escape)
    wait_for_layout(window.qtbot, window)
    if new in window.scene.statement_items:  # Escape on an empty new card may take it away again
        assert window.scene.statement_items[new].pos() == first
    assert overlapping(window) == []


@pytest.mark.parametrize("direction", list(Direction))
def test_in_every_direction_a_first_reason_waits_exactly_where_the_tree_puts_it(
    window, monkeypatch, direction
):
    """On a map laid out in the worker, the new card is placed before the layout lands."""
    from conftest import small_map

    from argmap.gui import scene as scene_module

    monkeypatch.setattr(scene_module, "SYNC_TREE_LIMIT", 0)
    argument_map = small_map()
    argument_map.layout.direction = direction
    window.show_map(argument_map, None)
    wait_for_layout(window.qtbot, window)
    window.view.setFocus()
    window.scene.select_only(["narrow"])  # a card nothing argues for yet
    keys(window, Qt.Key.Key_Insert)
    new = window.scene.selected_statement_ids()[0]
    waiting = window.scene.statement_items[new].pos()
    assert window.scene.runner.busy()  # the tree has not landed yet
    wait_for_layout(window.qtbot, window)
    assert window.scene.statement_items[new].pos() == waiting


def test_on_a_map_laid_out_in_the_background_cards_end_where_the_tree_puts_them(
    window, monkeypatch
):
    from argmap.gui import scene as scene_module
    from argmap.gui.cards import card_slot
    from argmap.layout import tree_layout

    monkeypatch.setattr(scene_module, "SYNC_TREE_LIMIT", 0)
    window.view.setFocus()
    window.scene.select_only(["claim"])
    keys(window, Qt.Key.Key_Insert, NONE, "One more reason")
    keys(window, Qt.Key.Key_Return)
    wait_for_layout(window.qtbot, window)
    sizes = {sid: item.size for sid, item in window.scene.statement_items.items()}
    tree = tree_layout(
        window.current_map(),
        sizes,
        theme=window.scene.theme,
        slot_width=card_slot(window.scene.theme),
    )
    for sid, item in window.scene.statement_items.items():
        assert (item.pos().x(), item.pos().y()) == (tree.nodes[sid].x, tree.nodes[sid].y)
    assert overlapping(window) == []


def test_a_map_laid_out_in_the_background_shows_no_pile_of_cards_before_its_first_layout(
    qtbot, tmp_path, monkeypatch
):
    from conftest import small_map

    from argmap.files import save_map
    from argmap.gui import scene as scene_module

    monkeypatch.setattr(scene_module, "SYNC_TREE_LIMIT", 0)
    path = tmp_path / "map.argmap"
    save_map(small_map(), path)
    window = MainWindow(path)
    qtbot.addWidget(window)
    assert window.scene.waiting_for_layout  # the cards have no place yet: the canvas draws none
    window.show()
    wait_for_layout(qtbot, window)
    assert not window.scene.waiting_for_layout
    nodes = window.scene.layout_result.nodes
    assert all(item.pos().x() == nodes[sid].x for sid, item in window.scene.statement_items.items())
    assert overlapping(window) == []
