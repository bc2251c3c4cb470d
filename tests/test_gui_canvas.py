"""How the canvas stays quick on large maps: overview drawing, and no collector pauses."""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene

from argmap.gui import garbage
from argmap.gui.cards import OVERVIEW_DETAIL, TEXT_DETAIL
from argmap.gui.items import StatementItem
from argmap.model import Statement
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
    image = QImage(round(card.width() * scale), round(card.height() * scale), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), card)
    painter.end()
    return {image.pixelColor(x, y).name()
            for x in range(1, image.width() - 1) for y in range(1, image.height() - 1)}


def test_at_overview_zoom_a_card_is_a_block_in_its_role_colour():
    assert colours_at(tall_card(), OVERVIEW_DETAIL / 2) == {get_theme(None).card(Role.REASON).border}


def test_a_found_card_keeps_its_full_drawing_at_overview_zoom():
    border = get_theme(None).card(Role.REASON).border
    assert colours_at(tall_card(highlighted=True), OVERVIEW_DETAIL / 2) != {border}


def test_between_overview_and_reading_zoom_a_card_shows_bars_on_its_fill():
    colours = colours_at(tall_card(), (OVERVIEW_DETAIL + TEXT_DETAIL) / 2)
    assert len(colours) > 1 and get_theme(None).card(Role.REASON).border not in colours


class Node:
    """Something that can refer to itself, making a garbage cycle."""


def test_settling_moves_live_objects_out_of_routine_collections(monkeypatch):
    monkeypatch.setattr(garbage, "_last_full", 0)
    garbage.settle()
    assert gc.get_freeze_count() > 0


def test_frozen_garbage_cycles_are_reclaimed_once_the_frozen_set_has_doubled(qtbot, monkeypatch):
    node = Node()
    node.me = node
    alive = weakref.ref(node)
    gc.freeze()
    del node
    gc.collect()
    assert alive() is not None  # frozen: routine collections leave it
    monkeypatch.setattr(garbage, "_last_full", max(1, gc.get_freeze_count() // 3))
    monkeypatch.setattr(garbage, "DELAY_MS", 10)
    monkeypatch.setattr(garbage, "_due", False)
    garbage.settle()
    assert alive() is not None  # not while the layout that just landed is being painted
    qtbot.waitUntil(lambda: alive() is None, timeout=2000)
