"""Choosing a layout: the tree or Graphviz.

On the canvas, and in exports from the CLI and the window.
"""

from __future__ import annotations

import html
import json

import pytest
from conftest import MAPS, small_map, wait_for_layout
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog

from argmap.cli import main
from argmap.files import load_map
from argmap.gui import file_actions
from argmap.gui.layout_runner import GRAPHVIZ, TREE
from argmap.layout import tree_layout
from argmap.model import Position
from argmap.render.dot import DotOptions
from argmap.render.engine import find_engine
from argmap.render.export import render_map, tree_options


def json_positions(data: bytes) -> dict[str, tuple[float, float]]:
    """Node centres from Graphviz JSON, in scene orientation (y down)."""
    drawing = json.loads(data)
    positions = {}
    for item in drawing.get("objects", []):
        if "pos" in item:
            x, y = (float(v) for v in item["pos"].split(","))
            positions[item["name"]] = (x, -y)
    return positions


def relative(positions: dict[str, tuple[float, float]], a: str, b: str) -> tuple[float, float]:
    return positions[b][0] - positions[a][0], positions[b][1] - positions[a][1]


# -- export ------------------------------------------------------------------------


def test_tree_export_places_cards_as_the_tree_layout_does():
    argument_map = small_map()
    drawn = json_positions(render_map(argument_map, "json", layout="tree"))
    tree = tree_layout(argument_map)
    for statement in ("deterrence", "credible", "freedom"):
        assert drawn["claim"][1] < drawn[statement][1]  # the claim on top
    assert drawn["deterrence"][0] < drawn["credible"][0] < drawn["freedom"][0]  # the file's order
    assert drawn["freedom"][1] < drawn["narrow"][1]
    assert set(tree.nodes) <= set(drawn)


def test_tree_export_keeps_a_pinned_card_where_it_was_put_with_its_branch():
    argument_map = small_map()
    engine = find_engine()
    free = tree_options(argument_map, DotOptions(), engine, 60).positions
    argument_map.layout.positions["freedom"] = Position(x=2000.0, y=900.0)
    pinned = tree_options(argument_map, DotOptions(), engine, 60).positions
    assert pinned["freedom"] == (2000.0, -900.0)  # Graphviz's y grows upwards
    assert relative(pinned, "freedom", "narrow") == pytest.approx(
        relative(free, "freedom", "narrow")
    )
    assert pinned["claim"] == free["claim"]
    assert pinned["deterrence"] == free["deterrence"]


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_the_seed_maps_export_with_the_tree_layout(path, tmp_path):
    out = tmp_path / "tree.svg"
    assert main(["export", str(path), "-o", str(out), "--layout", "tree", "--legend"]) == 0
    svg = out.read_text(encoding="utf-8")
    assert svg.count('class="node') >= len(load_map(path).statements)


def test_a_group_that_cannot_be_one_box_is_exported_as_bands():
    argument_map = small_map()
    argument_map.groups[0].statements = ["claim", "narrow"]  # not next to each other in the tree
    svg = html.unescape(render_map(argument_map, "svg", layout="tree").decode())
    assert 'id="group-rabin-band-0"' in svg
    assert 'id="group-rabin-band-1"' in svg
    assert 'id="group-rabin"' not in svg


# -- the canvas ------------------------------------------------------------------------


def choose(window, engine: str) -> None:
    action = next(a for a in window.layout_actions.actions() if a.data() == engine)
    action.trigger()
    wait_for_layout(window.qtbot, window)


@pytest.fixture
def tree_window(window):
    yield window
    QSettings("argmap", "argmap").setValue(
        "layout/engine", TREE
    )  # remembered between runs: leave the default


def canvas_positions(window) -> dict[str, tuple[float, float]]:
    return {
        sid: (item.pos().x(), item.pos().y()) for sid, item in window.scene.statement_items.items()
    }


def test_the_canvas_starts_with_the_tree_layout(window):
    assert window.scene.engine == TREE
    assert next(a for a in window.layout_actions.actions() if a.isChecked()).data() == TREE
    sizes = {sid: item.size for sid, item in window.scene.statement_items.items()}
    from argmap.gui.cards import card_slot

    tree = tree_layout(
        window.current_map(),
        sizes,
        theme=window.scene.theme,
        slot_width=card_slot(window.scene.theme),
    )
    assert canvas_positions(window) == {
        sid: (tree.nodes[sid].x, tree.nodes[sid].y) for sid in sizes
    }


def test_view_layout_style_switches_the_canvas_to_graphviz_and_back(tree_window):
    window = tree_window
    as_tree = canvas_positions(window)
    choose(window, GRAPHVIZ)
    assert window.scene.engine == GRAPHVIZ
    assert window.settings.value("layout/engine") == GRAPHVIZ
    layered = canvas_positions(window)
    assert layered != as_tree
    # Graphviz ranks: every reason sits below what it argues for
    assert layered["deterrence"][1] > layered["claim"][1]
    assert layered["narrow"][1] > layered["freedom"][1]
    choose(window, TREE)
    assert canvas_positions(window) == as_tree


def _cards_in_view(window) -> set[str]:
    shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    return {
        sid
        for sid, item in window.scene.statement_items.items()
        if shown.intersects(item.sceneBoundingRect())
    }


@pytest.mark.parametrize("engine", [GRAPHVIZ, TREE])
def test_after_a_switch_of_layout_style_the_selected_card_is_in_view(tree_window, engine):
    from conftest import showing

    window = showing(tree_window, MAPS[0])
    window.resize(1000, 700)
    if engine == TREE:
        choose(window, GRAPHVIZ)
    chosen = window.current_map().statements[-1].id
    window.scene.select_only([chosen])
    window.view.centerOn(window.scene.statement_items[chosen])
    choose(window, engine)
    assert chosen in _cards_in_view(window)


def test_after_a_switch_of_layout_style_without_a_selection_the_map_is_in_view(tree_window):
    from conftest import showing

    window = showing(tree_window, MAPS[0])
    window.resize(1000, 700)
    window.scene.select_only([])
    window.view.centerOn(window.scene.statement_items[window.current_map().statements[-1].id])
    choose(window, GRAPHVIZ)
    main_claim = window.current_map().main_claims()[0].id
    assert main_claim in _cards_in_view(window)


def test_export_as_shown_uses_the_layout_the_canvas_shows(tree_window, tmp_path, monkeypatch):
    window = tree_window
    out = tmp_path / "shown.json"

    def answer(dialog):
        dialog.format_box.setCurrentText("json")
        dialog.layout_box.setCurrentIndex(dialog.layout_box.findData(file_actions.AS_SHOWN))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(file_actions.ExportDialog, "exec", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    window.files.export()
    shown = json_positions(out.read_bytes())
    tree = json_positions(render_map(window.current_map(), "json", layout="tree"))
    assert relative(shown, "claim", "narrow") == pytest.approx(
        relative(tree, "claim", "narrow"), abs=0.5
    )
    choose(window, GRAPHVIZ)
    window.files.export()
    layered = json_positions(out.read_bytes())
    auto = json_positions(render_map(window.current_map(), "json", layout="auto"))
    assert relative(layered, "claim", "narrow") == pytest.approx(
        relative(auto, "claim", "narrow"), abs=0.5
    )


def test_closing_the_window_stops_a_graphviz_layout_still_running(
    tree_window, tmp_path, monkeypatch
):
    """A layered layout of a big map can take a minute: closing does not wait for it."""
    import os
    import stat
    import sys

    from argmap.render.engine import configure_program

    window = tree_window
    pid_file = tmp_path / "pid"
    slow = tmp_path / "slow-dot"
    slow.write_text(
        f"#!{sys.executable}\nimport os, sys, time\n"
        f"open({str(pid_file)!r}, 'w').write(str(os.getpid()))\nsys.stdin.read(); time.sleep(60)\n"
    )
    slow.chmod(slow.stat().st_mode | stat.S_IXUSR)
    monkeypatch.delenv("ARGMAP_DOT", raising=False)
    configure_program(str(slow))
    try:
        action = next(a for a in window.layout_actions.actions() if a.data() == GRAPHVIZ)
        action.trigger()
        window.qtbot.waitUntil(lambda: bool(pid_file.exists() and pid_file.read_text()))
        pid = int(pid_file.read_text())
        window.close()
        assert window.scene.runner.wait(0)  # the worker is idle already
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # killed and reaped
    finally:
        configure_program(None)
