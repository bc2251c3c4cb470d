"""How the canvas stays quick on large maps: overview drawing, and no collector pauses."""

from __future__ import annotations

import gc
import weakref

import pytest
from conftest import small_map, wait_for_layout
from gui_helpers import LEFT, NO_MODIFIER, card_centre, drag, show_card, view_point
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPainterPath, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsScene, QLabel, QLineEdit

from argmap.gui import garbage
from argmap.gui.cards import OVERVIEW_DETAIL, TEXT_DETAIL
from argmap.gui.items import EdgeItem, StatementItem
from argmap.gui.view import MIN_ZOOM
from argmap.model import Position, Statement
from argmap.roles import Role
from argmap.theme import get_theme

pytestmark = pytest.mark.gui


def tall_card(**flags) -> QGraphicsScene:
    """A scene with one long statement: tall enough to see even at overview zoom."""
    scene = QGraphicsScene()
    item = StatementItem(Statement(id="long", text="word " * 1500), Role.REASON, get_theme(None))
    item.highlighted = flags.get("highlighted", False)
    scene.addItem(item)
    return scene


def colours_at(scene: QGraphicsScene, scale: float) -> set[str]:
    """Every colour inside the card (not its rim) when the scene is drawn at ``scale``."""
    item = scene.items()[0]
    card = item.card_rect()
    image = QImage(
        round(card.width() * scale), round(card.height() * scale), QImage.Format.Format_RGB32
    )
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), card)
    painter.end()
    return {
        image.pixelColor(x, y).name()
        for x in range(1, image.width() - 1)
        for y in range(1, image.height() - 1)
    }


def test_at_overview_zoom_a_card_is_a_block_in_its_role_colour():
    assert colours_at(tall_card(), OVERVIEW_DETAIL / 2) == {
        get_theme(None).card(Role.REASON).border
    }


def test_a_found_card_keeps_its_full_drawing_at_overview_zoom():
    border = get_theme(None).card(Role.REASON).border
    assert colours_at(tall_card(highlighted=True), OVERVIEW_DETAIL / 2) != {border}


def test_between_overview_and_reading_zoom_a_card_shows_bars_on_its_fill():
    colours = colours_at(tall_card(), (OVERVIEW_DETAIL + TEXT_DETAIL) / 2)
    assert len(colours) > 1
    assert get_theme(None).card(Role.REASON).border not in colours


class Node:
    """Something that can refer to itself, making a garbage cycle."""


def test_settling_moves_live_objects_out_of_routine_collections(monkeypatch):
    monkeypatch.setattr(garbage, "_last_full", 0)
    garbage.settle()
    assert gc.get_freeze_count() > 0


def _frozen_cycle():
    """A garbage cycle frozen out of routine collections; a weak reference to watch it go."""
    node = Node()
    node.me = node
    alive = weakref.ref(node)
    gc.freeze()
    del node
    gc.collect()
    assert alive() is not None  # frozen: routine collections leave it
    return alive


def _full_collection_due(monkeypatch, growth: float) -> None:
    monkeypatch.setattr(garbage, "_last_full", max(1, int(gc.get_freeze_count() / growth)))
    monkeypatch.setattr(garbage, "DELAY_MS", 10)
    monkeypatch.setattr(garbage, "IDLE_MS", 300)
    monkeypatch.setattr(garbage, "_due", False)
    garbage.settle()


def test_frozen_garbage_cycles_are_reclaimed_once_the_frozen_set_has_doubled(qtbot, monkeypatch):
    alive = _frozen_cycle()
    _full_collection_due(monkeypatch, growth=3)
    assert alive() is not None  # not while the layout that just landed is being painted
    qtbot.waitUntil(lambda: alive() is None, timeout=3000)


def test_a_due_full_collection_waits_until_the_user_pauses(qtbot, monkeypatch):
    editor = QLineEdit()
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)
    alive = _frozen_cycle()
    _full_collection_due(monkeypatch, growth=3)
    for _ in range(12):  # typing for over a second, a key every 100 ms
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A)
        qtbot.wait(100)
        assert alive() is not None
    qtbot.waitUntil(lambda: alive() is None, timeout=3000)


def test_a_frozen_set_grown_eightfold_is_collected_without_waiting_for_a_pause(qtbot, monkeypatch):
    alive = _frozen_cycle()
    _full_collection_due(monkeypatch, growth=10)
    monkeypatch.setattr(garbage, "IDLE_MS", 60_000)
    qtbot.waitUntil(lambda: alive() is None, timeout=1000)


def test_opening_a_big_map_after_a_small_one_waits_for_a_pause_to_collect(qtbot, monkeypatch):
    alive = _frozen_cycle()
    monkeypatch.setattr(
        garbage, "_last_full", max(1, gc.get_freeze_count() // 10)
    )  # a small map before
    monkeypatch.setattr(garbage, "_due", False)
    monkeypatch.setattr(garbage, "IDLE_MS", 400)
    garbage.new_map()
    garbage.settle()  # the big map's first layout has landed
    qtbot.wait(150)
    assert alive() is not None  # not while the map is opening
    qtbot.waitUntil(lambda: alive() is None, timeout=3000)  # the old map's cycles, once idle


def test_frozen_objects_already_freed_do_not_bring_on_a_full_collection(monkeypatch):
    gc.freeze()
    real = gc.get_freeze_count()
    monkeypatch.setattr(garbage, "_last_full", real)  # the real count has not doubled...
    monkeypatch.setattr(garbage, "_frozen", real * 3)  # ...though the running tally says so
    monkeypatch.setattr(garbage, "_due", False)
    garbage.settle()
    assert not garbage._due


# -- moving around the map ------------------------------------------------------


def key(window, sequence: str) -> None:
    """Press a shortcut with the canvas focused, as a user does."""
    window.view.setFocus()
    QTest.keySequence(window.view, QKeySequence(sequence))


def ctrl_wheel(window, notches: int) -> None:
    viewport = window.view.viewport()
    centre = QPointF(viewport.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(viewport.mapToGlobal(centre.toPoint())),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def visible_cards(window) -> set[str]:
    shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    return {
        sid
        for sid, item in window.scene.statement_items.items()
        if shown.contains(item.card_rect())
    }


def scroll_position(window) -> tuple[int, int]:
    return window.view.horizontalScrollBar().value(), window.view.verticalScrollBar().value()


def empty_point(window) -> QPoint:
    """A point of the viewport with no item under it."""
    viewport = window.view.viewport()
    for x in range(5, viewport.width(), 15):
        for y in range(5, viewport.height(), 15):
            if window.view.itemAt(x, y) is None:
                return QPoint(x, y)
    raise AssertionError("no empty space on the canvas")


def test_ctrl_plus_and_ctrl_minus_zoom_in_and_out(window):
    start = window.view.zoom()
    key(window, "Ctrl+=")
    assert window.view.zoom() == pytest.approx(start * 1.25)
    key(window, "Ctrl+-")
    key(window, "Ctrl+-")
    assert window.view.zoom() == pytest.approx(start / 1.25)


def test_ctrl_wheel_zooms_and_the_status_bar_shows_it(window):
    start = window.view.zoom()
    ctrl_wheel(window, 2)
    assert window.view.zoom() == pytest.approx(start * 1.15**2)
    labels = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert f"{round(window.view.zoom() * 100)}%" in labels


def test_ctrl_0_fits_the_whole_map_in_view(window):
    window.view.set_zoom(4.0)
    assert visible_cards(window) != set(window.scene.statement_items)
    key(window, "Ctrl+0")
    assert visible_cards(window) == set(window.scene.statement_items)


def test_zooming_out_from_a_whole_large_map_goes_further_out(window):
    window.view.set_zoom(0.02)  # how a 1,000-statement map fits
    key(window, "Ctrl+-")
    assert window.view.zoom() == pytest.approx(0.02 / 1.25)


def fitted_huge_map(window) -> float:
    """Fit a map far wider than MIN_ZOOM can show whole (one card pinned far away)."""
    window.editor.pin({"gimmick": Position(x=2_000_000.0, y=0.0)})
    wait_for_layout(window.qtbot, window)
    key(window, "Ctrl+0")
    assert window.view.zoom() < MIN_ZOOM
    return window.view.zoom()


def test_zooming_out_from_a_fitted_huge_map_never_zooms_in(window):
    fit = fitted_huge_map(window)
    key(window, "Ctrl+-")
    assert window.view.zoom() <= fit


def test_zooming_in_from_a_fitted_huge_map_takes_one_normal_step(window):
    fit = fitted_huge_map(window)
    key(window, "Ctrl+=")
    assert window.view.zoom() == pytest.approx(fit * 1.25)


def test_dragging_empty_space_pans_the_map(window):
    window.view.set_zoom(3.0)
    before = scroll_position(window)
    start = empty_point(window)
    viewport = window.view.viewport()
    QTest.mousePress(viewport, LEFT, NO_MODIFIER, start)
    QTest.mouseMove(viewport, start + QPoint(40, 30))
    QTest.mouseRelease(viewport, LEFT, NO_MODIFIER, start + QPoint(40, 30))
    assert scroll_position(window) != before
    assert window.current_map() == small_map()  # nothing moved in the map itself


def test_the_middle_button_pans_even_over_a_card(window):
    window.view.set_zoom(3.0)
    show_card(window, "claim")
    before = scroll_position(window)
    start = view_point(window, card_centre(window, "claim"))
    viewport = window.view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.MiddleButton, NO_MODIFIER, start)
    QTest.mouseMove(viewport, start + QPoint(-50, -20))
    QTest.mouseRelease(viewport, Qt.MouseButton.MiddleButton, NO_MODIFIER, start + QPoint(-50, -20))
    assert scroll_position(window) != before
    assert window.current_map() == small_map()


def test_shift_drag_selects_the_cards_in_the_rubber_band(window):
    key(window, "Ctrl+0")
    items = window.scene.statement_items
    chosen = ["deterrence", "credible"]
    band = items[chosen[0]].card_rect().united(items[chosen[1]].card_rect())
    inside = {sid for sid, item in items.items() if band.contains(item.card_rect())}
    drag(
        window,
        band.topLeft() - QPointF(4, 4),
        band.bottomRight() + QPointF(4, 4),
        Qt.KeyboardModifier.ShiftModifier,
    )
    assert set(window.scene.selected_statement_ids()) == inside
    assert set(chosen) <= inside


def test_ctrl_a_selects_every_card_and_escape_deselects(window):
    key(window, "Ctrl+A")
    assert set(window.scene.selected_statement_ids()) == set(window.scene.statement_items)
    key(window, "Escape")
    assert window.scene.selected_statement_ids() == []


def test_a_long_web_address_wraps_inside_the_card_instead_of_widening_it():
    from argmap.gui.cards import TEXT_WIDTH, measure_card

    theme = get_theme(None)
    url = "https://example.org/" + "very-long-path-segment" * 20
    card = measure_card(Statement(id="u", text=f"See {url} for the text"), theme)
    assert card.width <= TEXT_WIDTH + 2 * theme.card_padding + 1
    assert card.text.replace("\u200b", "") == f"See {url} for the text"


def _line_pixels(edge: EdgeItem, length: int) -> list[bool]:
    """Along the middle of a horizontal edge: is each pixel inked?"""
    scene = QGraphicsScene()
    scene.addItem(edge)
    image = QImage(length + 40, 40, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), QRectF(-20, -20, length + 40, 40))
    painter.end()
    return [image.pixelColor(x, 20) != QColor("white") for x in range(30, length)]


def test_an_objection_drawn_straight_after_a_drag_stays_dashed_to_its_bar():
    style = get_theme(None).attack
    edge = EdgeItem("r", "a", "b", style, arrow=True)
    path = QPainterPath(QPointF(0, 0))
    path.lineTo(QPointF(200, 0))
    edge.set_geometry(path, QPointF(0, 0), QPointF(200, 0))  # a card moved by hand: a straight line
    inked = _line_pixels(edge, 200)
    assert not all(inked)  # gaps: dashed
    assert sum(inked) > len(inked) / 3  # but drawn


def test_a_reason_drawn_straight_is_a_solid_line():
    edge = EdgeItem("r", "a", "b", get_theme(None).support, arrow=True)
    path = QPainterPath(QPointF(0, 0))
    path.lineTo(QPointF(200, 0))
    edge.set_geometry(path, QPointF(0, 0), QPointF(200, 0))
    assert all(_line_pixels(edge, 180))


def test_waiting_for_a_pause_does_not_watch_every_event_of_the_application(qtbot, monkeypatch):
    seen = []
    original = garbage._IdleWait.eventFilter
    monkeypatch.setattr(
        garbage._IdleWait,
        "eventFilter",
        lambda self, watched, event: seen.append(watched) or original(self, watched, event),
    )
    _frozen_cycle()
    _full_collection_due(monkeypatch, growth=3)
    bystander = QLabel("not focused, not a window of its own")
    for _ in range(100):  # what a layout landing sends to the items and widgets it touches
        QApplication.sendEvent(bystander, QEvent(QEvent.Type.UpdateRequest))
    assert bystander not in seen
    garbage._IdleWait.stop()
