"""How fast Evaluate mode's labels follow a click on a badge, in the editor.

Measured from the user's side, in a real ``MainWindow`` on the seed maps and
on generated maps of 1,000 and 10,000 statements (``bench/generate.py``): the
map is opened and laid out, Evaluate mode is turned on, and then, again and
again, a card is selected (so the inspector explains it, as a user reading
"Why?" would have it) and its badge is clicked with the mouse, which cycles
the statement's acceptance. Timed: from the click until the canvas has
painted the new labels (the first paint of the clicked card that ends after
the new evaluation is in place). Targets: within one frame (16.7 ms at
60 Hz) on the seed maps, <= 100 ms at 10,000 statements, for the median and
the worst click alike. Turning the mode on (Ctrl+Shift+E until the labelled
map is painted) is shown beside it.

Columns: ``click`` (the whole, what the target is about), ``handle`` (the
mouse press and release: the undoable edit, the document's signals and what
follows them in the editor, and the refresh, which runs as soon as the edit
is done), ``cpu`` (the GUI thread's CPU time in ``handle``: on a busy
machine ``handle`` grows and ``cpu`` does not), ``evaluate`` (Evaluate
mode's refresh alone: the evaluation, the canvas's marks, the cards and
arrows marked for repainting, the inspector's "Why?"), ``paint`` (the paint
that showed the labels), ``changed`` (cards whose badge changed, median per
click). Paints are timed by wrapping this view's ``paintEvent``, the refresh
by wrapping the mode's, in this process; no GUI code changes.
Figures are printed, not asserted. Run:
``python bench/evaluate_gui.py [--sizes 1000,10000] [--clicks 20]``.
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from export import _sizes  # this folder is sys.path[0]
from generate import generate_map
from gui import now, wait_until
from PySide6.QtCore import QEvent, QRect, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QRegion
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from argmap.files import load_map, save_map
from argmap.gui.evaluation_look import badge_rect
from argmap.gui.mainwindow import MainWindow

ROOT = Path(__file__).resolve().parent.parent
FRAME = 1 / 60
TARGETS = {"seed": FRAME, 10_000: 0.100}  # click to painted labels, median and worst
TIMEOUT = 10.0
Span = tuple[float, float]
SHORTCUT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


@dataclass
class Result:
    """One map's figures: the switch-on time and, per click, its parts."""

    name: str
    statements: int
    target: float | None
    switch_on: float = float("inf")
    clicks: list[float] = field(default_factory=list)
    handle: list[float] = field(default_factory=list)
    handle_cpu: list[float] = field(default_factory=list)  # the GUI thread's own CPU time
    refresh: list[float] = field(default_factory=list)
    paint: list[float] = field(default_factory=list)
    changed: list[int] = field(default_factory=list)


class Probe:
    """Evaluate mode's refreshes and the view's paints, timed by wrapping them in place."""

    def __init__(self, window: MainWindow) -> None:
        self.refreshes: list[Span] = []
        self.paints: list[tuple[float, float, QRegion]] = []  # start, end, region painted
        mode, view = window.evaluate_mode, window.view
        refresh, paint_event = mode.refresh, type(view).paintEvent

        def timed_refresh() -> None:
            start = now()
            refresh()
            self.refreshes.append((start, now()))

        def timed_paint(event) -> None:
            start = now()
            paint_event(view, event)
            self.paints.append((start, now(), QRegion(event.region())))

        mode.refresh = timed_refresh  # QTimer.singleShot(0, self.refresh) looks it up each time
        view.paintEvent = timed_paint  # an instance attribute overrides the C++ virtual

    def shown(self, moment: float, area: QRect | None = None) -> tuple[Span, Span] | None:
        """The first refresh begun after ``moment`` and the first paint of ``area`` after it."""
        refresh = next((span for span in self.refreshes if span[0] >= moment), None)
        if refresh is None:
            return None
        for start, end, region in self.paints:
            if start >= refresh[1] and (area is None or region.intersects(area)):
                return refresh, (start, end)
        return None


def open_window(app: QApplication, path: Path) -> MainWindow:
    """The editor on ``path``, laid out and painted once."""
    window = MainWindow(path)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # no dialog on close
    window.resize(1280, 800)
    window.show()
    scene, tick = window.scene, QTimer(timerType=Qt.TimerType.PreciseTimer, interval=1)
    tick.start()
    if not wait_until(app, lambda: scene.layout_result is not None and not scene.settling(), 300):
        raise TimeoutError("the map was not laid out within 300 s")
    wait_until(app, lambda: False, 0.2)  # the first paints
    tick.stop()
    return window


def measure(app: QApplication, path: Path, result: Result, clicks: int, pause: float) -> None:
    """Open ``path``, turn Evaluate mode on, click ``clicks`` badges; figures into ``result``."""
    window = open_window(app, path)
    # A 1 ms tick wakes the waits (they block until an event comes) and adds at most 1 ms.
    tick = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=1)
    tick.start()
    try:
        probe = Probe(window)
        window.view.setFocus()
        begun = now()
        QTest.keyClick(window.view, Qt.Key.Key_E, SHORTCUT)
        if wait_until(app, lambda: probe.shown(begun) is not None, TIMEOUT):
            result.switch_on = probe.shown(begun)[1][1] - begun
        relations = window.current_map().relations
        cards = window.scene.statement_items
        premises = sorted({p for r in relations for p in r.premises} & set(cards))
        rng = random.Random(0)
        window.view.set_zoom(1.0)  # badges are clicked zoomed in, not at the whole-map fit
        for _ in range(clicks):
            click_badge(app, window, probe, rng.choice(premises), result, pause)
    finally:
        tick.stop()
        window.close()
        window.scene.runner.wait(60_000)
        window.deleteLater()  # now, not at exit: a window left over would skew the next
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def click_badge(
    app: QApplication,
    window: MainWindow,
    probe: Probe,
    statement_id: str,
    result: Result,
    pause: float,
) -> None:
    """Select a card, pause, click its badge, wait for the new labels' paint; time it."""
    scene, view = window.scene, window.view
    item = scene.statement_items[statement_id]
    scene.select_only([statement_id])  # the inspector explains it after each edit
    view.centerOn(item)
    wait_until(app, lambda: False, pause)  # a user's pause; the event loop runs on
    badge = badge_rect(item.card.width, item.card.height, item.verdict())
    point = view.mapFromScene(item.mapToScene(badge.center()))
    area = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    before = dict(scene.marks.cards)
    begun, cpu = now(), time.thread_time()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, NO_MODIFIER, point)
    handled = now()
    result.handle_cpu.append(time.thread_time() - cpu)
    if not wait_until(app, lambda: probe.shown(begun, area) is not None, TIMEOUT):
        result.clicks.append(float("inf"))  # never painted
        return
    (start, end), (paint_start, paint_end) = probe.shown(begun, area)
    result.clicks.append(paint_end - begun)
    result.handle.append(handled - begun)
    result.refresh.append(end - start)
    result.paint.append(paint_end - paint_start)
    result.changed.append(sum(before.get(k) != v for k, v in scene.marks.cards.items()))


def _ms(values: Sequence[float], pick: Callable = statistics.median) -> str:
    return f"{pick(values) * 1000:.1f}" if values else "-"


def print_table(results: list[Result]) -> None:
    """One row per map; verdicts where there is a target (seed maps, 10,000 statements)."""
    header = (
        f"{'map':>26} {'statements':>10} {'switch on':>9} {'clicks':>6} {'click':>7} {'max':>7}"
        f" {'handle':>7} {'cpu':>6} {'evaluate':>8} {'paint':>6} {'changed':>7}  verdict"
    )
    print("\nBadge click until the new labels are painted, ms (median; max = worst click)")
    print(header)
    print("-" * len(header))
    for r in results:
        if r.target is None or not r.clicks:
            verdict = "-"
        else:
            met = statistics.median(r.clicks) <= r.target and max(r.clicks) <= r.target
            verdict = f"{'MET' if met else 'MISSED'} (<= {r.target * 1000:.1f})"
        changed = f"{statistics.median(r.changed):.0f}" if r.changed else "-"
        print(
            f"{r.name:>26} {r.statements:>10} {r.switch_on * 1000:>9.1f} {len(r.clicks):>6}"
            f" {_ms(r.clicks):>7} {_ms(r.clicks, max):>7} {_ms(r.handle):>7} {_ms(r.handle_cpu):>6}"
            f" {_ms(r.refresh):>8} {_ms(r.paint):>6} {changed:>7}  {verdict}"
        )
    print(
        "   switch on = Ctrl+Shift+E until the labelled map is painted; handle = the click's"
        "\n   press and release (the edit, with the refresh), cpu = the GUI thread's CPU time in"
        "\n   it (less than handle when other processes take the cores); evaluate = Evaluate"
        "\n   mode's refresh; paint = the paint that showed the labels; changed = badges"
        "\n   changed per click"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=_sizes, default=[1000, 10_000], help="statement counts (1000,10000)"
    )
    parser.add_argument("--clicks", type=int, default=20, help="badge clicks per map (20)")
    parser.add_argument("--pause", type=float, default=0.2, help="idle s before a click (0.2)")
    options = parser.parse_args(argv)
    QStandardPaths.setTestModeEnabled(True)  # recent files go to a throwaway place
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(
        f"Qt platform {app.platformName()}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as folder:
        maps = [(p.stem, p, "seed") for p in sorted((ROOT / "maps").glob("*.argmap"))]
        for size in options.sizes:
            path = Path(folder) / f"generated-{size}.argmap"
            save_map(generate_map(size, 0), path, backup=False)
            maps.append((f"generated-{size}", path, size))
        for name, path, kind in maps:
            print(f"  {name}", file=sys.stderr, flush=True)
            result = Result(name, len(load_map(path).statements), TARGETS.get(kind))
            try:
                measure(app, path, result, options.clicks, options.pause)
            except TimeoutError as error:
                print(f"  {name}: stopped early: {error}", file=sys.stderr)
            results.append(result)
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
