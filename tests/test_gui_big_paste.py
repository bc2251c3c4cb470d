"""A big paste waits unseen for the tree, then appears in place; a small one shows at once."""

from __future__ import annotations

import pytest
from conftest import wait_for_layout
from gui_helpers import pasted_chain
from PySide6.QtGui import QGuiApplication

from argmap.gui.clipboard import branch_to_mime
from argmap.gui.scene import SYNC_TREE_LIMIT
from argmap.gui.scene_layout import UNSEEN_ABOVE

pytestmark = pytest.mark.gui


def paste(window, size: int) -> set[str]:
    before = set(window.scene.statement_items)
    QGuiApplication.clipboard().setMimeData(branch_to_mime(pasted_chain(size)))
    window.scene.select_only(["claim"])
    assert window.editor.paste()
    window.scene.flush()
    return set(window.scene.statement_items) - before


BIG = max(UNSEEN_ABOVE, SYNC_TREE_LIMIT) + 100  # laid out by the worker, not at once


def test_cards_of_a_big_paste_are_unseen_until_the_layout_places_them(window):
    new = paste(window, BIG)
    assert {window.scene.statement_items[s].opacity() for s in new} == {0.0}
    wait_for_layout(window.qtbot, window)
    nodes = window.scene.layout_result.nodes
    for statement_id in new:
        item = window.scene.statement_items[statement_id]
        assert item.opacity() == 1.0
        assert (item.pos().x(), item.pos().y()) == (nodes[statement_id].x, nodes[statement_id].y)


def test_a_big_paste_keeps_its_cards_selected_while_unseen(window):
    new = paste(window, BIG)
    selected = set(window.scene.selected_statement_ids())
    assert selected
    assert selected <= new


def test_cards_of_a_small_paste_show_at_once(window):
    new = paste(window, 3)
    assert {window.scene.statement_items[s].opacity() for s in new} == {1.0}
