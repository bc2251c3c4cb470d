"""How responsive the editor is on large maps: open to first paint, adding a card, stalls.

Graphviz runs in a worker thread so the window never freezes on it; this
checks that promise from the user's side, in a real ``MainWindow``:

1. Opening an N-statement file until Graphviz's layout is on screen, i.e. the
   first paint of the canvas that starts after ``layoutApplied`` (target
   <= 1.5 s at 1,000 statements), beside Graphviz alone on the DOT the worker sent.
2. Adding a reason to a selected card (what the Insert key does) until the new
   card has a place and a paint covering it has finished (target <= 50 ms).
3. The longest gap in a 5 ms timer on the GUI thread, i.e. how long the event
   loop could not react, sorted by what happened during the gap (target: none
   > 50 ms while a layout runs in the worker).

Paints are timed by wrapping this one view's ``paintEvent`` and the worker by
wrapping ``layout_map``/``run_graphviz`` in this process; no GUI code changes.
Figures are printed, not asserted. Run: ``python bench/gui.py [--sizes 100,1000]``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless unless told otherwise

import argparse  # noqa: E402
import ctypes  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

from generate import generate_map  # noqa: E402  (this folder is sys.path[0])
from PySide6.QtCore import QEventLoop, QObject, QStandardPaths, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QRegion  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

import argmap.gui.layout_runner as layout_runner  # noqa: E402
import argmap.layout as layout_module  # noqa: E402
from argmap.files import save_map  # noqa: E402
from argmap.gui.mainwindow import MainWindow  # noqa: E402
from argmap.model import RelationKind  # noqa: E402
from argmap.render.engine import find_engine  # noqa: E402

OPEN_TARGET, ADD_TARGET, STALL_TARGET, TARGET_SIZE = 1.5, 0.050, 0.050, 1000
TICK = 0.005
now = time.perf_counter

if sys.version_info < (3, 12):
    # PySide6 6.12 on Python 3.11 (None is not immortal before 3.12) drops a reference to
    # None on every call of a C++ method returning void, and the process aborts with
    # "deallocating None" after some 15,000 calls: opening a 100-statement map is enough.
    # Until that is fixed where the editor starts, give None spare references to measure.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


class WorkerLog:
    """Wall-clock intervals of the worker's layouts and the exact DOT it gave Graphviz."""

    def __init__(self) -> None:
        self.layouts: list[tuple[float, float]] = []
        self.graphviz: list[float] = []
        self.last_dot = ""
        real_layout, real_run = layout_runner.layout_map, layout_module.run_graphviz

        def timed_layout(*args, **kwargs):
            start = now()
            try:
                return real_layout(*args, **kwargs)
            finally:
                self.layouts.append((start, now()))

        def timed_run(engine, source, *args, **kwargs):
            self.last_dot, start = source, now()
            try:
                return real_run(engine, source, *args, **kwargs)
            finally:
                self.graphviz.append(now() - start)

        layout_runner.layout_map, layout_module.run_graphviz = timed_layout, timed_run


class StallMeter(QObject):
    """A 5 ms precise timer on the GUI thread; a late timeout means the loop was busy."""

    def __init__(self) -> None:
        super().__init__()
        self.gaps: list[tuple[float, float]] = []  # (last tick, late tick), when > 1 ms late
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(int(TICK * 1000))
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps.clear()
        self._last = now()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        moment = now()
        if moment - self._last - TICK > 0.001:
            self.gaps.append((self._last, moment))
        self._last = moment


class PaintProbe:
    """Times each real paint of the canvas; ``watch(region)`` picks the paint to wait for."""

    def __init__(self, view) -> None:
        self.watch: Callable[[QRegion], bool] | None = None
        self.hit: float | None = None  # when the first watched paint finished
        base = type(view).paintEvent

        def paint_event(event) -> None:
            watched = self.watch is not None and self.hit is None and self.watch(event.region())
            base(view, event)
            if watched:
                self.hit = now()

        view.paintEvent = paint_event  # the instance attribute overrides the C++ virtual

    def arm(self, watch: Callable[[QRegion], bool]) -> None:
        self.watch, self.hit = watch, None


@dataclass
class SizeResult:
    """Everything measured at one size, pooled over the windows opened."""

    statements: int
    relations: int
    open: list[float] = field(default_factory=list)
    construct: list[float] = field(default_factory=list)
    worker: list[float] = field(default_factory=list)
    worker_graphviz: list[float] = field(default_factory=list)
    apply: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)
    adds: list[float] = field(default_factory=list)
    adds_after_relayout: int = 0
    stalls: dict[str, float] = field(default_factory=dict)
    error: str | None = None


def wait_until(app: QApplication, done: Callable[[], bool], timeout: float) -> bool:
    """Run the event loop until ``done()``; the 5 ms meter keeps it from blocking long."""
    deadline = now() + timeout
    while not done():
        if now() > deadline:
            return False
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    return True


def raw_graphviz(source: str) -> float:
    """Graphviz alone on the worker's DOT, as the worker runs it (``-Kdot -Tjson``, stdin)."""
    command = [find_engine().executable, "-Kdot", "-Tjson"]
    start = now()
    completed = subprocess.run(command, input=source.encode(), capture_output=True, check=False)
    elapsed = now() - start
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr.decode("utf-8", "replace")[:200])
    return elapsed


def run_window(app: QApplication, path: Path, result: SizeResult, log: WorkerLog,
               meter: StallMeter, adds: int, pause: float, seed: int) -> None:
    """Open ``path``, wait for the laid-out paint, add reasons, wait for the last relayout."""
    applied: list[float] = []
    meter.start()
    start = now()
    window = MainWindow(path)
    built = now()
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # no modal on close
    window.scene.layoutApplied.connect(lambda: applied.append(now()))
    probe = PaintProbe(window.view)
    probe.arm(lambda region: bool(applied))  # a paint begun after the layout was applied
    window.show()
    shown = now()
    first_worker = len(log.layouts)
    try:
        if not wait_until(app, lambda: probe.hit is not None, 300):
            raise TimeoutError("no laid-out paint within 300 s")
        result.open.append(probe.hit - start)
        result.construct.append(built - start)
        worker_start, worker_end = log.layouts[first_worker]
        result.worker.append(worker_end - worker_start)
        result.worker_graphviz.append(log.graphviz[first_worker])
        result.apply.append(applied[0] - worker_end)
        result.raw.append(raw_graphviz(log.last_dot))

        rng = random.Random(seed)
        original = [s.id for s in window.current_map().statements]
        add_spans: list[tuple[float, float]] = []
        for _ in range(adds):
            window.scene.select_only([rng.choice(original)])
            wait_until(app, lambda until=now() + pause: now() >= until, pause + 1)
            relayouts, begun = len(applied), now()
            new_id = window.editor.add_premise(RelationKind.SUPPORT, edit=False)
            called = now()

            def new_card_painted(region: QRegion, sid: str | None = new_id) -> bool:
                item = window.scene.statement_items.get(sid)
                if item is None or item.scene() is None or item.pos().isNull():
                    return False  # not there yet, or still at the origin: no place given
                rect = window.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
                return region.intersects(rect)

            probe.arm(new_card_painted)
            if not wait_until(app, lambda: probe.hit is not None, 60):
                raise TimeoutError("the new card was not painted within 60 s")
            result.adds.append(probe.hit - begun)
            result.adds_after_relayout += len(applied) > relayouts
            add_spans.append((begun, called))
        last_add = now()
        if not wait_until(app, lambda: not window.scene.runner.busy()
                          and bool(applied) and applied[-1] > last_add, 300):
            raise TimeoutError("the last relayout did not arrive within 300 s")
        wait_until(app, lambda until=now() + 0.1: now() >= until, 1)
    finally:
        meter.stop()
        window.close()
        window.scene.runner.wait(60_000)
        window.deleteLater()
        app.processEvents()
    classify_stalls(result, meter.gaps, (start, shown), applied, add_spans,
                    log.layouts[first_worker:])


def classify_stalls(result: SizeResult, gaps: list[tuple[float, float]], opening: tuple[float, float],
                    applied: list[float], adds: list[tuple[float, float]],
                    layouts: list[tuple[float, float]]) -> None:
    """Blame each late tick on the first of: opening, applying a layout, an add, a running layout."""

    def overlaps(a: float, b: float, spans: Sequence[tuple[float, float]]) -> bool:
        return any(s < b and e > a for s, e in spans)

    for a, b in gaps:
        if overlaps(a, b, [opening]):
            kind = "open"
        elif any(a <= t <= b for t in applied):
            kind = "apply"
        elif overlaps(a, b, adds):
            kind = "add"
        elif overlaps(a, b, layouts):
            kind = "layout"
        else:
            kind = "other"
        result.stalls[kind] = max(result.stalls.get(kind, 0.0), b - a - TICK)


def measure_size(app: QApplication, size: int, log: WorkerLog, meter: StallMeter, *,
                 repeat: int, adds: int, pause: float, seed: int, folder: Path) -> SizeResult:
    """Open a fresh window ``repeat`` times on one generated map saved to a temp file."""
    argument_map = generate_map(size, seed)
    path = folder / f"generated-{size}.argmap"
    save_map(argument_map, path, backup=False)
    result = SizeResult(len(argument_map.statements), len(argument_map.relations))
    for index in range(repeat):
        print(f"  {size} statements: window {index + 1}/{repeat}", file=sys.stderr, flush=True)
        try:
            run_window(app, path, result, log, meter, adds, pause, seed + index)
        except (TimeoutError, RuntimeError) as error:
            result.error = str(error)
            break
    return result


def _ms(values: Sequence[float], pick: Callable = statistics.median) -> str:
    return f"{pick(values) * 1000:.0f}" if values else "-"


def _verdict(ok: bool, size: int) -> str:
    if size == TARGET_SIZE:
        return "MET" if ok else "MISSED"
    return "(yes)" if ok else "(no)"


def print_tables(results: list[SizeResult]) -> None:
    """Three tables (open, add, stalls); the target verdicts apply at 1,000 statements."""
    print(f"\n1. Open to first paint with the layout on screen (median ms; target <= "
          f"{OPEN_TARGET * 1000:.0f} ms)")
    print(f"{'statements':>10} {'relations':>9} {'open':>6} {'construct':>9} {'worker':>7}"
          f" {'w.graphviz':>10} {'apply':>6} {'raw gv':>7}  verdict")
    for r in results:
        ok = bool(r.open) and statistics.median(r.open) <= OPEN_TARGET
        print(f"{r.statements:>10} {r.relations:>9} {_ms(r.open):>6} {_ms(r.construct):>9}"
              f" {_ms(r.worker):>7} {_ms(r.worker_graphviz):>10} {_ms(r.apply):>6}"
              f" {_ms(r.raw):>7}  {_verdict(ok, r.statements) if r.open else r.error}")
    print("   construct = MainWindow(path); worker = layout_map in the worker (DOT, Graphviz,"
          " JSON);\n   apply = worker done -> layoutApplied; raw gv = the same DOT, dot -Tjson alone")
    print(f"\n2. Add a reason until the new card is painted (ms; target <= {ADD_TARGET * 1000:.0f})")
    print(f"{'statements':>10} {'adds':>5} {'median':>7} {'max':>6} {'after relayout':>14}  verdict")
    for r in results:
        ok = bool(r.adds) and max(r.adds) <= ADD_TARGET
        print(f"{r.statements:>10} {len(r.adds):>5} {_ms(r.adds):>7} {_ms(r.adds, max):>6}"
              f" {r.adds_after_relayout:>14}  {_verdict(ok, r.statements) if r.adds else r.error}")
    print("   after relayout = adds whose paint came after a layout result was applied")
    kinds = ("open", "apply", "add", "layout", "other")
    print(f"\n3. Longest GUI-thread stall (ms late on a 5 ms timer; target <= "
          f"{STALL_TARGET * 1000:.0f} while a layout runs)")
    print(f"{'statements':>10} {'overall':>7} " + " ".join(f"{k:>6}" for k in kinds) + "  verdict")
    for r in results:
        overall = max(r.stalls.values(), default=0.0)
        ok = r.stalls.get("layout", 0.0) <= STALL_TARGET
        print(f"{r.statements:>10} {overall * 1000:>7.0f} "
              + " ".join(f"{r.stalls.get(k, 0.0) * 1000:>6.0f}" for k in kinds)
              + f"  {_verdict(ok, r.statements)}"
              + (f" apply {'<=' if r.stalls.get('apply', 0) <= STALL_TARGET else '>'} 50 ms"))
    print("   open = building the window; apply = GUI thread applying a layout; add = the add"
          " itself;\n   layout = while the worker ran (Python DOT/JSON holds the GIL); other ="
          " anything else")


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or min(sizes) < 2:
        raise argparse.ArgumentTypeError("sizes must be at least 2")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=_sizes, default=[1000],
                        help="statement counts to generate (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="windows opened per size (default 3)")
    parser.add_argument("--adds", type=int, default=20, help="reasons added per window (default 20)")
    parser.add_argument("--pause", type=float, default=0.2, metavar="SECONDS",
                        help="time between selecting a card and adding (default 0.2)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    options = parser.parse_args(argv)
    if options.repeat < 1 or options.adds < 0:
        parser.error("--repeat must be at least 1 and --adds not negative")

    QStandardPaths.setTestModeEnabled(True)  # recent-files settings go to a throwaway place
    app = QApplication.instance() or QApplication(sys.argv[:1])
    log, meter = WorkerLog(), StallMeter()
    print(f"Qt platform {app.platformName()}, Graphviz {find_engine().executable},"
          f" {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    results = []
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as name:
        folder = Path(name)
        # The first window pays for font loading and first-use imports: warm up, not reported.
        measure_size(app, 20, log, meter, repeat=1, adds=1, pause=0.0, seed=0, folder=folder)
        for size in options.sizes:
            results.append(measure_size(
                app, size, log, meter, repeat=options.repeat, adds=options.adds,
                pause=options.pause, seed=options.seed, folder=folder))
    print_tables(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
