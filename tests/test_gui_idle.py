"""The wait for a pause before a full garbage collection survives windows that are gone."""

from __future__ import annotations

import gc
import weakref

import pytest
import shiboken6
from conftest import small_map, wait_for_layout

from argmap.files import save_map
from argmap.gui import MainWindow, garbage

pytestmark = pytest.mark.gui


class Node:
    """Something that can refer to itself, making a garbage cycle."""


def test_a_deleted_window_does_not_stop_a_due_full_collection(qtbot, monkeypatch, tmp_path):
    path = tmp_path / "map.argmap"
    save_map(small_map(), path)
    window = MainWindow(path)
    window.show()
    wait_for_layout(qtbot, window)
    scene = window.scene  # a wrapper that outlives its window, as a reference cycle can keep it
    shiboken6.delete(window)
    assert not shiboken6.isValid(scene)
    node = Node()
    node.me = node
    alive = weakref.ref(node)
    gc.freeze()
    del node
    monkeypatch.setattr(garbage, "_last_full", max(1, gc.get_freeze_count() // 3))
    monkeypatch.setattr(garbage, "DELAY_MS", 10)
    monkeypatch.setattr(garbage, "IDLE_MS", 100)
    monkeypatch.setattr(garbage, "_due", False)
    garbage.settle()  # a full collection is due: it waits for a pause, asking every scene
    qtbot.waitUntil(lambda: alive() is None, timeout=5000)
