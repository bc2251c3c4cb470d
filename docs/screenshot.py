"""Take a screenshot of the editor with a sample map (for the README).

Usage: python docs/screenshot.py [MAP] [OUT.png] [--size 1280x800] [--evaluate] [--source-text]

With ``--evaluate`` the editor is in Evaluate mode (the map's own acceptance
values; nothing is assumed), as in the README's picture of it.

On a display (an X server such as Xvfb: ``DISPLAY=:99``) the window is shown
for real, with the window manager's frame left out; without one it is drawn
offscreen. The window has the default layout of a first run (its settings are
kept apart from yours), and the map is shown readably around its main claim.
With ``--source-text`` the Source Text dock is open beside the map, on the
passage of the first quoted statement, which is selected.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
ZOOM = 0.9  # cards are read at this zoom: the README's pictures are screenshots, not thumbnails


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("map", nargs="?", default=ROOT / "maps" / "israel-us-defense-treaty.argmap")
    parser.add_argument("out", nargs="?", default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT (1280x800)")
    parser.add_argument("--evaluate", action="store_true", help="in Evaluate mode (Ctrl+Shift+E)")
    parser.add_argument(
        "--source-text", action="store_true", help="show the Source Text dock on a quote"
    )
    options = parser.parse_args()
    width, height = (int(v) for v in options.size.split("x"))
    QStandardPaths.setTestModeEnabled(True)  # a first run's settings, not the user's
    app = QApplication.instance() or QApplication([])
    QSettings("argmap", "argmap").clear()
    from argmap.gui import MainWindow

    window = MainWindow(Path(options.map))
    window.resize(width, height)
    window.show()
    timer = QElapsedTimer()
    timer.start()
    while (
        window.scene.settling() or window.scene.layout_result is None
    ) and timer.elapsed() < 30_000:
        app.processEvents()
    if options.evaluate:
        window.evaluate_mode.set_on(True)
    claims = window.current_map().main_claims()
    if claims:
        window.scene.select_only([claims[0].id])
        window.view.set_zoom(ZOOM)
        card = window.scene.statement_items[claims[0].id].card_rect()
        visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
        margin = 30 / ZOOM  # the main claim near the top-left corner: the tree grows right and down
        window.view.centerOn(
            card.left() - margin + visible.width() / 2, card.top() - margin + visible.height() / 2
        )
    if options.source_text:
        _show_source_text(window)
    while timer.elapsed() < 2500:
        app.processEvents()
    window.grab().save(str(options.out))
    window.scene.runner.wait(5000)
    window.undo_stack.setClean()
    window.close()
    print(options.out)
    return 0


def _show_source_text(window) -> None:
    """The Source Text dock beside the map, on the first quoted statement's passage."""
    window.source_text_dock.show()
    quoted = [
        s.id
        for s in window.current_map().statements
        if s.attribution is not None and s.attribution.quote and s.attribution.source
    ]
    if quoted:
        window.scene.select_only(quoted[:1])
        window.view.centerOn(window.scene.statement_items[quoted[0]])


if __name__ == "__main__":
    raise SystemExit(main())
