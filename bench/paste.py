"""Pasting and undoing a big branch in the editor: how long the window is busy.

A branch of N statements (a chain, each a reason for the one before: the
deepest shape, and the hardest for the outline) is pasted onto the main claim
of a small map, then the paste is undone. Printed per size: the time the GUI
thread is blocked by the paste (the command, the canvas catching up, the
outline), the time until the tree has landed and the cards are drawn in place,
and the same for the undo. Target: 10,000 statements pasted or undone in
about a second. Figures are printed, not asserted.
Run: ``python bench/paste.py [--sizes 1000,10000] [--shape chain|flat]``.
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from export import _sizes  # this folder is sys.path[0]
from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.gui import MainWindow  # noqa: E402
from argmap.gui.clipboard import Branch, branch_to_mime  # noqa: E402
from argmap.model import (  # noqa: E402
    ArgumentMap,
    Relation,
    RelationKind,
    Statement,
)


def branch(size: int, shape: str) -> Branch:
    statements = [Statement(id=f"p{i}", text=f"Pasted statement number {i}") for i in range(size)]
    if shape == "flat":  # every statement a reason for the first
        relations = [
            Relation(id=f"q{i}", kind=RelationKind.SUPPORT, premises=[f"p{i}"], target="p0")
            for i in range(1, size)
        ]
    else:
        relations = [
            Relation(id=f"q{i}", kind=RelationKind.SUPPORT, premises=[f"p{i}"], target=f"p{i - 1}")
            for i in range(1, size)
        ]
    return Branch(statements, relations, [], {"p0": RelationKind.SUPPORT})


def settle(app: QApplication, window: MainWindow, quiet: float = 0.3) -> float:
    """Process events until the layout is done and nothing happened for ``quiet`` s."""
    start = time.perf_counter()
    last_busy = start
    while time.perf_counter() - last_busy < quiet:
        was_busy = window.scene.settling()
        app.processEvents()
        if was_busy or window.scene.settling():
            last_busy = time.perf_counter()
    return last_busy - start


def timed(
    app: QApplication, window: MainWindow, action: Callable[[], object]
) -> tuple[float, float]:
    """Seconds the GUI thread is blocked by ``action``, and until the canvas has settled."""
    start = time.perf_counter()
    action()
    window.scene.flush()
    window.outline.catch_up()
    blocked = time.perf_counter() - start
    return blocked, blocked + settle(app, window)


def measure(app: QApplication, size: int, shape: str) -> tuple[float, float, float, float]:
    window = MainWindow()
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    claim = Statement(id="claim", text="The claim the branch is pasted onto")
    window.show_map(ArgumentMap(statements=[claim]), None)
    window.resize(1400, 900)
    window.show()
    settle(app, window)
    QGuiApplication.clipboard().setMimeData(branch_to_mime(branch(size, shape)))
    window.scene.select_only(["claim"])
    paste_blocked, paste_done = timed(app, window, window.editor.paste)
    undo_blocked, undo_done = timed(app, window, window.undo_stack.undo)
    window.undo_stack.setClean()
    window.close()
    window.deleteLater()
    return paste_blocked, paste_done, undo_blocked, undo_done


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_sizes, default=[1000, 10000], help="statements pasted")
    parser.add_argument("--shape", choices=["chain", "flat"], default="chain")
    options = parser.parse_args(argv)
    QStandardPaths.setTestModeEnabled(True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    print(f"paste and undo a {options.shape} of N statements (seconds)")
    print(f"{'N':>7} {'paste: blocked':>15} {'in place':>9} {'undo: blocked':>14} {'done':>6}")
    for size in options.sizes:
        paste_blocked, paste_done, undo_blocked, undo_done = measure(app, size, options.shape)
        print(
            f"{size:>7,} {paste_blocked:>15.2f} {paste_done:>9.2f}"
            f" {undo_blocked:>14.2f} {undo_done:>6.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
