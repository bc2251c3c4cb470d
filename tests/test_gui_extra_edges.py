"""On the canvas, an extra curve (a premise used again, an undercut from elsewhere) goes
around the cards between its ends instead of over them, and follows a card that is dragged."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MAPS, wait_for_layout
from gui_helpers import card_centre, drag, show_card
from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPathStroker
from test_layout_cross_links import cycle_map, undercut_map

from argmap.files import load_map
from argmap.formats.argdown import ARGDOWN
from argmap.model import ArgumentMap

pytestmark = pytest.mark.gui

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "argdown"
CORPUS_MAPS = [
    CORPUS / "examples" / "cv_test_veggie-debate.argdown",
    CORPUS / "third-party" / "kellenff_fuzz-seed_dialectic.argdown",
]


def edges_over_cards(window, edge_ids: set[str] | None = None) -> list[tuple[str, str]]:
    """(edge, card) for every drawn edge whose line (2 px wide) touches a card not its own."""
    stroker = QPainterPathStroker()
    stroker.setWidth(2)
    cards = {sid: item.card_rect() for sid, item in window.scene.statement_items.items()}
    found = []
    for edge in window.scene.edge_items:
        if edge_ids is not None and edge.edge_id not in edge_ids:
            continue
        line = edge.mapToScene(stroker.createStroke(edge.path()))
        reach = line.boundingRect()
        for sid, rect in cards.items():
            if sid in (edge.tail, edge.head) or not reach.intersects(rect):
                continue
            if line.intersects(rect):
                found.append((edge.edge_id, sid))
    return found


def shown(window, argument_map: ArgumentMap):
    window.show_map(argument_map, None)
    wait_for_layout(window.qtbot, window)
    return window


def test_in_a_cycle_the_premise_used_again_curves_around_the_card_in_between(window):
    shown(window, cycle_map())
    assert window.scene.layout_result.cross_links == {"edge-r3"}
    assert edges_over_cards(window) == []


def test_an_undercut_from_a_rebuttal_is_not_drawn_over_the_card_it_passes(window):
    shown(window, undercut_map())
    assert edges_over_cards(window) == []


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_no_edge_runs_over_a_card_in_the_example_maps(window, path):
    shown(window, load_map(path))
    assert edges_over_cards(window) == []


@pytest.mark.parametrize("path", CORPUS_MAPS, ids=lambda p: p.name)
def test_extra_curves_of_real_debates_run_over_no_card(window, path):
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    shown(window, ARGDOWN.read(path.read_text(encoding="utf-8"), str(path)).map)
    extra = set(window.scene.layout_result.cross_links)
    assert extra
    assert edges_over_cards(window, extra) == []


def test_an_extra_curve_follows_a_dragged_card(window):
    shown(window, cycle_map())
    (edge,) = [e for e in window.scene.edge_items if e.edge_id == "edge-r3"]
    show_card(window, "z")
    before = card_centre(window, "z")
    drag(window, before, before + QPointF(300, 60))
    wait_for_layout(window.qtbot, window)
    card = window.scene.statement_items["z"].card_rect().adjusted(-12, -12, 12, 12)
    assert card.center() != before
    assert card.contains(edge.mapToScene(edge.path().currentPosition()))
