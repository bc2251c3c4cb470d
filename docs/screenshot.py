"""Render the editor window with a sample map to a PNG (for the README).

Usage: python docs/screenshot.py [MAP] [OUT.png]
Runs offscreen, so it works without a display.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ZOOM = 0.85  # close enough to read the cards


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "maps" / "israel-us-defense-treaty.argmap"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "screenshot.png"
    app = QApplication.instance() or QApplication([])
    from argmap.gui import MainWindow

    window = MainWindow(source)
    window.resize(1600, 1000)
    window.show()
    timer = QElapsedTimer()
    timer.start()
    while (window.scene.settling() or window.scene.layout_result is None) and timer.elapsed() < 30_000:
        app.processEvents()
    app.processEvents()
    claims = window.current_map().main_claims()
    if claims:
        window.scene.select_only([claims[0].id])
        window.view.set_zoom(ZOOM)
        card = window.scene.statement_items[claims[0].id].card_rect()
        visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
        margin = 30 / ZOOM  # the main claim near the top-left corner: the tree grows right and down
        window.view.centerOn(card.left() - margin + visible.width() / 2, card.top() - margin + visible.height() / 2)
    while timer.elapsed() < 1500:
        app.processEvents()
    window.grab().save(str(out))
    window.scene.runner.wait(5000)
    window.undo_stack.setClean()
    window.close()
    print(f"{out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
