"""How responsive the editor is on large maps: open to first paint, adding a card, stalls.

Measured from the user's side, in a real ``MainWindow``, with the canvas laid
out by argmap's tree (the default) or by Graphviz (``--layout graphviz``).
Targets: at 1,000 statements, opening until the laid-out map has been painted
<= 1.5 s, adding a reason until the new card is painted <= 50 ms, no
GUI-thread stall over 50 ms caused by a running layout; at 10,000 statements
(tree), open <= 2 s, add <= 30 ms median and <= 50 ms worst, no stall over
100 ms once the map is open (until its first laid-out paint, the window is
opening, and that has its own target). Graphviz alone on the same graph
(fixed-size cards) is shown beside. Paints are timed by wrapping this view's
``paintEvent``, layouts by wrapping the layout functions the editor calls, in
this process; no GUI code changes.
Figures are printed, not asserted. Run: ``python bench/gui.py [--sizes 1000,10000]``.
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from export import _sizes  # this folder is sys.path[0]
from generate import generate_map
from PySide6.QtCore import QEvent, QEventLoop, QPointF, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QApplication, QMessageBox

import argmap.layout.graphviz as layout_module
from argmap.files import save_map
from argmap.gui import layout_runner
from argmap.gui import scene as scene_module
from argmap.gui.mainwindow import MainWindow
from argmap.model import RelationKind
from argmap.render.dot import DotOptions, build_dot
from argmap.render.engine import find_engine

# Targets by size: (open s, add median s, add worst s, stall s)
TARGETS = {1000: (1.5, 0.050, 0.050, 0.050), 10_000: (2.0, 0.030, 0.050, 0.100)}
TICK, ADD_TIMEOUT = 0.005, 5.0
OPEN_COLUMNS = ("open", "construct", "queued", "layout", "w.dot", "apply", "paint", "raw dot")
STALLS = ("open", "apply", "add", "gui", "wait")
now = time.perf_counter
Span = tuple[float, float]


class WorkerLog:
    """When layouts ran (in the worker or on the GUI thread), and Graphviz with them.

    The layout and Graphviz functions are wrapped in place.
    """

    def __init__(self) -> None:
        self.layouts: list[Span] = []
        self.graphviz: list[Span] = []
        self.dots: list[str] = []
        layout_runner.layout_map = self._timed(layout_runner.layout_map, self.layouts)
        layout_runner.tree_layout = self._timed(layout_runner.tree_layout, self.layouts)
        scene_module.tree_layout = self._timed(scene_module.tree_layout, self.layouts)
        layout_module.run_graphviz = self._timed(layout_module.run_graphviz, self.graphviz)

    def _timed(self, function: Callable, spans: list[Span]) -> Callable:
        def wrapper(*args, **kwargs):
            if spans is self.graphviz:
                self.dots.append(args[1])  # run_graphviz(engine, source, ...)
            start = now()
            try:
                return function(*args, **kwargs)
            finally:
                spans.append((start, now()))

        return wrapper


class PaintProbe:
    """Times real paints of one view: ``hit`` is when the first paint ``watch`` accepts ended."""

    def __init__(self, view) -> None:
        self.watch: Callable[[QRegion], bool] = lambda region: False
        self.hit: float | None = None  # when the first accepted paint ended
        base = type(view).paintEvent

        def paint_event(event) -> None:
            wanted = self.hit is None and self.watch(event.region())
            base(view, event)
            if wanted:
                self.hit = now()

        view.paintEvent = paint_event  # an instance attribute overrides the C++ virtual


@dataclass
class SizeResult:
    """Everything measured at one size, pooled over the windows opened."""

    statements: int
    relations: int
    times: dict[str, list[float]] = field(default_factory=dict)
    adds: list[float] = field(default_factory=list)
    stalls: dict[str, float] = field(default_factory=dict)


def wait_until(app: QApplication, done: Callable[[], bool], timeout: float) -> bool:
    """Run the event loop until ``done()``; the 5 ms meter keeps each wait short."""
    deadline = now() + timeout
    while not done():
        if now() > deadline:
            return False
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    return True


def run_window(
    app: QApplication,
    path: Path,
    result: SizeResult,
    log: WorkerLog,
    adds: int,
    pause: float,
    rng: random.Random,
) -> None:
    """Open ``path``, wait for the laid-out paint, add reasons, wait for the last relayout."""
    applied: list[float] = []
    add_spans: list[Span] = []
    own_spans: list[Span] = []
    # A precise 5 ms timer: a late tick means the event loop was held up; the GUI thread's
    # CPU time over the gap tells its own work from waiting for the GIL or a core.
    gaps: list[tuple[float, float, float]] = []  # (start, end, GUI-thread CPU seconds)
    last = [now(), time.thread_time()]

    def tick() -> None:
        moment, cpu = now(), time.thread_time()
        if moment - last[0] > TICK + 0.001:
            gaps.append((last[0], moment, cpu - last[1]))
        last[:] = moment, cpu

    meter = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=round(TICK * 1000))
    meter.timeout.connect(tick)
    meter.start()
    first, start = len(log.layouts), now()
    window = MainWindow(path)
    built = now()
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # no dialog on close
    window.scene.layoutApplied.connect(lambda: applied.append(now()))
    if window.scene.layout_result is not None and not window.scene.settling():
        applied.append(built)  # laid out at once, while the window was built (the tree)
    probe = PaintProbe(window.view)
    probe.watch = lambda region: bool(applied)  # the first paint begun after a layout landed
    window.show()
    opened = float("inf")
    try:
        if not wait_until(app, lambda: probe.hit is not None, 300):
            raise TimeoutError("no laid-out paint within 300 s")
        opened = probe.hit  # opening ends with the first paint of the laid-out map
        # The layout that landed is the last one finished before that.
        ended = max(i for i, (_, end) in enumerate(log.layouts[first:], first) if end <= applied[0])
        w_start, w_end = log.layouts[ended]
        graphviz = [g for g in log.graphviz if w_start <= g[0] <= w_end]
        spans = (
            probe.hit - start,
            built - start,
            max(0.0, w_start - built),
            w_end - w_start,
            graphviz[0][1] - graphviz[0][0] if graphviz else None,
            applied[0] - w_end,
            probe.hit - applied[0],
        )
        for key, seconds in zip(OPEN_COLUMNS[:-1], spans, strict=True):  # raw dot comes last
            if seconds is not None:
                result.times.setdefault(key, []).append(seconds)
        own = now()  # the benchmark's own work on the GUI thread: not a stall of the editor's
        sizes = {sid: item.size for sid, item in window.scene.statement_items.items()}
        dot = build_dot(window.current_map(), DotOptions(sizes=sizes, theme=window.scene.theme))
        own_spans.append((own, now()))

        # A new reason first goes 140 pt below its target and 40 pt right per sibling: targets
        # with a few reasons (statements, not undercut inferences) keep it on screen.
        reasons = Counter(r.target for r in window.current_map().relations)
        cards = window.scene.statement_items
        argued = sorted(t for t, n in reasons.items() if n <= 5 and t in cards)
        window.view.set_zoom(1.0)  # cards are edited zoomed in, not at the whole-map fit
        for _ in range(adds):
            # The previous relayout lands (and glides) first: it moves every card, the target too.
            wait_until(app, lambda: not window.scene.settling(), 300)
            target = rng.choice(argued)
            window.scene.select_only([target])
            window.view.centerOn(cards[target].pos() + QPointF(150, 70))
            wait_until(app, lambda: False, pause)  # a user's pause; the event loop runs on
            begun = now()
            new_id = window.editor.add_premise(RelationKind.SUPPORT, edit=False)
            add_spans.append((begun, now()))

            def shows_new_card(region: QRegion, sid: str | None = new_id) -> bool:
                item = window.scene.statement_items.get(sid)
                if item is None or item.scene() is None or item.pos().isNull():
                    return False  # not there yet, or still at the origin: not placed
                return region.intersects(
                    window.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
                )

            probe.watch, probe.hit = shows_new_card, None
            seen = wait_until(app, lambda: probe.hit is not None, ADD_TIMEOUT)
            result.adds.append(probe.hit - begun if seen else float("inf"))  # inf: never painted
        if add_spans and not wait_until(
            app, lambda: not window.scene.settling() and applied[-1] > add_spans[-1][0], 300
        ):
            raise TimeoutError("the last relayout did not land within 300 s")
    finally:
        meter.stop()
        layouts = log.layouts[first:]
        window.close()
        window.scene.runner.wait(60_000)
        window.deleteLater()  # now, not at exit: windows left over would skew the next ones
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    # Each late tick counts as the GUI thread's own work (open, a layout landing, the add,
    # the rest = gui); while the worker laid out, the part of it spent off the CPU is "wait".
    for a, b, cpu in gaps:
        if _overlaps(a, b, own_spans):
            continue
        kind = (
            "open"
            if a < opened
            else "apply"
            if any(a <= t <= b for t in applied)
            else "add"
            if _overlaps(a, b, add_spans)
            else "gui"
        )
        # Opening has its own target: a layout overlapping it is part of the open, not a wait.
        waited = b - a - cpu if kind != "open" and _overlaps(a, b, layouts) else 0.0
        for key, stall in ((kind, b - a - TICK), ("wait", waited - TICK)):
            result.stalls[key] = max(result.stalls.get(key, 0.0), stall)
    # Graphviz alone on the worker's DOT, as the worker runs it; not metered: it blocks.
    start = now()
    subprocess.run(
        [find_engine().executable, "-Kdot", "-Tjson"],
        input=dot.encode(),
        capture_output=True,
        check=True,
    )
    result.times.setdefault("raw dot", []).append(now() - start)


def _overlaps(a: float, b: float, spans: Sequence[Span]) -> bool:
    return any(start < b and end > a for start, end in spans)


def _ms(values: Sequence[float], pick: Callable = statistics.median) -> str:
    return f"{pick(values) * 1000:.0f}" if values else "-"


def print_tables(results: list[SizeResult]) -> None:
    """Three tables; verdicts count at 1,000 statements, other sizes are in parentheses."""

    def table(
        title: str,
        header: Sequence[str],
        rows: list[tuple[SizeResult, list[str], bool | None]],
        note: str,
    ) -> None:
        widths = [max(6, len(cell)) for cell in header]
        print(
            f"\n{title}\n"
            + " ".join(f"{c:>{w}}" for c, w in zip(header, widths, strict=True))
            + "  verdict"
        )
        for r, cells, ok in rows:
            verdict = "-" if ok is None else ["MISSED", "MET"][ok]
            line = zip([str(r.statements), *cells], widths, strict=True)
            print(" ".join(f"{c:>{w}}" for c, w in line) + f"  {verdict}")
        print(note)

    def target(r: SizeResult, index: int) -> float | None:
        return TARGETS[r.statements][index] if r.statements in TARGETS else None

    def meets(value: float, limit: float | None) -> bool | None:
        return None if limit is None else value <= limit

    table(
        "1. Open to first laid-out paint, median ms (target: 1,500 at 1,000; 2,000 at 10,000)",
        ["statements", "relations", *OPEN_COLUMNS],
        [
            (
                r,
                [str(r.relations), *(_ms(r.times.get(c, [])) for c in OPEN_COLUMNS)],
                meets(statistics.median(r.times["open"]), target(r, 0)) if r.times else False,
            )
            for r in results
        ],
        "   construct = MainWindow(path); queued = until the worker starts this layout; layout ="
        "\n   the layout that landed (tree or Graphviz), w.dot = its Graphviz run; apply = layout"
        "\n   done -> layoutApplied; paint = until that paint ended; raw dot = the same graph with"
        "\n   fixed-size cards through Graphviz alone",
    )
    table(
        "2. Add a reason until the new card is painted, ms (target: median and max <= 50 at 1,000;"
        "\n   median <= 30 and max <= 50 at 10,000)",
        ["statements", "adds", "median", "max"],
        [
            (
                r,
                [str(len(r.adds)), _ms(r.adds), _ms(r.adds, max)],
                None
                if target(r, 1) is None or not r.adds
                else statistics.median(r.adds) <= target(r, 1) and max(r.adds) <= target(r, 2),
            )
            for r in results
        ],
        f"   inf = the new card was not painted within {ADD_TIMEOUT:g} s",
    )
    table(
        "3. Longest GUI-thread stall, ms (target: <= 50 at 1,000; <= 100 at 10,000)",
        ["statements", "overall", *STALLS],
        [
            (
                r,
                [
                    _ms([max(r.stalls.values(), default=0)]),
                    *(_ms([r.stalls.get(k, 0)]) for k in STALLS),
                ],
                meets(
                    max((v for k, v in r.stalls.items() if k != "open"), default=0.0), target(r, 3)
                ),
            )
            for r in results
        ],
        "   GUI-thread work: open = until the laid-out map is first painted,"
        " apply = a layout landing, add = the add,\n"
        "   gui = the rest (refresh after an edit); wait = GUI thread off the CPU"
        " while the worker\n   laid out (its Python holding the GIL, or Graphviz taking a"
        " core). The verdict counts every stall but opening.",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[1000, 5000, 10_000],
        help="statement counts (1000,5000,10000)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="windows opened per size (1)")
    parser.add_argument("--adds", type=int, default=20, help="reasons added per window (20)")
    parser.add_argument("--pause", type=float, default=0.2, help="idle s before an add (0.2)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (0)")
    options = parser.parse_args(argv)

    QStandardPaths.setTestModeEnabled(True)  # recent files go to a throwaway place
    app = QApplication.instance() or QApplication(sys.argv[:1])
    log = WorkerLog()
    print(
        f"Qt platform {app.platformName()}, {os.cpu_count()} CPUs,"
        f" Python {sys.version.split()[0]}, Graphviz {find_engine().executable}"
    )
    results: list[SizeResult] = []
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as folder:
        # The first window pays for fonts and first-use imports: a warm-up, not reported.
        for size, repeat in [(20, 1)] + [(size, options.repeat) for size in options.sizes]:
            argument_map = generate_map(size, options.seed)
            path = Path(folder) / f"generated-{size}.argmap"
            save_map(argument_map, path, backup=False)
            result = SizeResult(len(argument_map.statements), len(argument_map.relations))
            rng = random.Random(options.seed)
            for index in range(repeat):
                print(f"  {size} statements: window {index + 1}", file=sys.stderr, flush=True)
                try:
                    run_window(app, path, result, log, options.adds, options.pause, rng)
                except (TimeoutError, subprocess.CalledProcessError) as error:
                    print(f"  {size} statements: stopped early: {error}", file=sys.stderr)
                    break
            results.append(result)
    print_tables(results[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
