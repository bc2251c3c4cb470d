"""How fast argmap's own tree layout is on large maps, beside Graphviz ``dot`` on the same graph.

The tree layout (``argmap.layout.tree_layout``) is the canvas's default and runs
after every edit, so it has to stay interactive on big debates. The target is
a layout of 10,000 statements in well under 100 ms of Python: MET when the
median is below 100 ms. Only the layout itself is timed: the map is generated
and the card sizes estimated (``estimate_size``, standing in for the editor's
measured sizes) once, beforehand. The forest phase (``build_forest``, which
``tree_layout`` runs first) is timed alone as well, to show where the time goes.

Python's cyclic garbage collector would otherwise pause for tens of ms while a
big map is alive; the editor freezes its long-lived objects after loading
(``argmap.gui.garbage``), so this does the same: ``gc.collect(); gc.freeze()``
after generating the map, before timing. Each size reports the median and the
maximum of ``--repeat`` runs; peak memory comes from a separate, untimed run
under ``tracemalloc``.

For scale, Graphviz lays out the same map through the same DOT the editor
sends it (fixed-size nodes, ``-Kdot -Tjson0``, ``run_graphviz``), process
start included, building the DOT not included; ratio = tree / graphviz.
Graphviz is skipped above ``--graphviz-max`` statements (default 10,000) and
after a size it did not finish within ``--graphviz-timeout``.

Figures are printed, not asserted: timings vary with the machine, and a
benchmark that fails a build would be disabled rather than read.

Run from the repository root: ``python bench/layout.py [--sizes 1000,10000] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Run as a script, this folder is sys.path[0], so the other benchmarks import directly.
from export import _graphviz_version, _sizes
from generate import generate_map

from argmap import __version__
from argmap.errors import RenderError
from argmap.layout import build_forest, estimate_size, tree_layout
from argmap.model import ArgumentMap
from argmap.render.dot import DotOptions, build_dot
from argmap.render.engine import Engine, find_engine, run_graphviz
from argmap.theme import Theme, get_theme

TARGET_SECONDS = 0.100
TARGET_SIZE = 10_000
Sizes = dict[str, tuple[float, float]]


@dataclass(frozen=True)
class SizeResult:
    """Timings in seconds for one map size; ``graphviz`` is ``None`` when skipped or failed."""

    statements: int
    relations: int
    runs: int
    forest: float
    tree: float
    tree_max: float
    peak_bytes: int
    graphviz: float | None
    graphviz_runs: int
    note: str = ""


def _times(action: Callable[[], object], repeat: int) -> list[float]:
    """Wall times of ``repeat`` runs; each result is dropped before the next run starts,
    so one layout's garbage is not freed during the next one's timing."""
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
        del result
    return times


def _peak_memory(argument_map: ArgumentMap, sizes: Sizes, theme: Theme) -> int:
    """Peak bytes allocated by one layout.

    tracemalloc slows Python down, so this run is not timed.
    """
    tracemalloc.start()
    try:
        tree_layout(argument_map, sizes, theme=theme)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _graphviz_times(
    engine: Engine, source: str, repeat: int, timeout: float
) -> tuple[list[float], str]:
    """Graphviz as the editor runs it, up to ``repeat`` times while the runs fit in ``timeout``.

    Graphviz takes seconds to minutes where the tree takes milliseconds, so
    the timeout doubles as the time budget: large maps get fewer runs.
    """
    times: list[float] = []
    while len(times) < repeat and sum(times) < timeout:
        start = time.perf_counter()
        try:
            run_graphviz(engine, source, "json0", timeout=timeout)
        except RenderError as error:
            return times, str(error).splitlines()[0][:100]
        times.append(time.perf_counter() - start)
    return times, ""


def measure_size(
    size: int, engine: Engine | None, *, seed: int, repeat: int, timeout: float
) -> SizeResult:
    """Generate a map, estimate its card sizes, freeze it, then time the layouts on it."""
    argument_map = generate_map(size, seed)
    theme = get_theme(None)
    sizes = {s.id: estimate_size(s, theme) for s in argument_map.statements}
    gc.collect()
    gc.freeze()  # as the editor does once a map is loaded: no full collections walk the map
    try:
        forest = _times(lambda: build_forest(argument_map), repeat)
        tree = _times(lambda: tree_layout(argument_map, sizes, theme=theme), repeat)
        peak = _peak_memory(argument_map, sizes, theme)
        graphviz: list[float] = []
        note = "" if engine else "graphviz skipped"
        if engine is not None:
            source = build_dot(argument_map, DotOptions(theme=theme, sizes=sizes))
            graphviz, note = _graphviz_times(engine, source, repeat, timeout)
    finally:
        gc.unfreeze()  # the next size starts from a clean slate
    return SizeResult(
        len(argument_map.statements),
        len(argument_map.relations),
        repeat,
        statistics.median(forest),
        statistics.median(tree),
        max(tree),
        peak,
        statistics.median(graphviz) if graphviz else None,
        len(graphviz),
        note,
    )


def verdict(result: SizeResult) -> str:
    """MET/MISSED at the target size; other sizes in parentheses, for information."""
    met = result.tree < TARGET_SECONDS
    if result.statements == TARGET_SIZE:
        return "MET" if met else "MISSED"
    return "(yes)" if met else "(no)"


_HEADER = (
    f"{'statements':>10} {'relations':>9} {'runs':>4} {'forest ms':>9} {'tree ms':>8}"
    f" {'max ms':>7} {'peak MiB':>8} {'graphviz s':>10} {'gv runs':>7} {'ratio':>7}"
    f"  tree < {TARGET_SECONDS * 1000:g} ms at {TARGET_SIZE:,}"
)


def print_row(result: SizeResult) -> None:
    """One line of the table, printed as soon as its size is done (Graphviz takes a while)."""
    graphviz = "-" if result.graphviz is None else f"{result.graphviz:.3f}"
    ratio = "-" if not result.graphviz else f"{result.tree / result.graphviz:.3g}"
    note = f"  {result.note}" if result.note else ""
    print(
        f"{result.statements:>10} {result.relations:>9} {result.runs:>4}"
        f" {result.forest * 1000:>9.1f} {result.tree * 1000:>8.1f} {result.tree_max * 1000:>7.1f}"
        f" {result.peak_bytes / 2**20:>8.1f} {graphviz:>10} {result.graphviz_runs:>7} {ratio:>7}"
        f"  {verdict(result)}{note}",
        flush=True,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[1000, 10_000, 100_000],
        help="statement counts to generate (default 1000,10000,100000)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per size (default 5)")
    parser.add_argument(
        "--graphviz-timeout",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="stop a Graphviz run after this long; also the budget for its repeats (default 120)",
    )
    parser.add_argument(
        "--graphviz-max",
        type=int,
        default=10_000,
        metavar="N",
        help="run Graphviz only up to this many statements (default 10000)",
    )
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    options = parser.parse_args(argv)
    if options.repeat < 1:
        parser.error("--repeat must be at least 1")

    print(f"argmap {__version__}, Python {sys.version.split()[0]} ({sys.executable})")
    engine: Engine | None
    try:
        engine = find_engine()
        print(f"Graphviz: {engine.executable} ({_graphviz_version(engine)})")
    except RenderError as error:  # the tree layout is still worth timing without it
        engine = None
        print(f"Graphviz: none ({error})")
    tree_layout(generate_map(20, options.seed))  # warm-up: first-use imports and caches

    print(
        f"\ntree_layout on generated maps (gc frozen), {options.repeat} runs per size;"
        " graphviz = dot on the same DOT:"
    )
    print(_HEADER)
    print("-" * len(_HEADER), flush=True)
    for size in options.sizes:
        runs_graphviz = engine is not None and size <= options.graphviz_max
        result = measure_size(
            size,
            engine if runs_graphviz else None,
            seed=options.seed,
            repeat=options.repeat,
            timeout=options.graphviz_timeout,
        )
        print_row(result)
        if runs_graphviz and result.note:
            engine = None  # it failed or timed out here: larger maps would only take longer
    print(
        "(tree ms and forest ms are medians, max ms the slowest tree run; forest is the"
        " first phase of tree; peak MiB is a separate tracemalloc run;"
        " ratio = tree / graphviz medians)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
