"""How fast a map is evaluated (Carneades labelling) at 1,000, 10,000 and 100,000 statements.

Evaluate mode re-evaluates the map after every edit on the GUI thread, so an
evaluation of 10,000 statements must stay under 100 ms (the target, MET when
the median is below it); ``argmap evaluate`` runs the same code once. The
maps come from ``bench/generate.py`` (three statements in ten accepted, two
rejected, the rest left to the evaluation), with a weighing, a weight or a
proof standard set on some elements so every weighing function runs.

Columns: ``build`` (the numbered structure), ``label`` (the fixpoint),
``evaluate`` (both, and the result dictionaries: what ``argmap evaluate`` and
the editor call), ``refresh`` (evaluate plus the badge and arrow tables the
editor's canvas takes), ``badge`` (the same after a click on a badge: one
statement's acceptance changed, the structure reused), ``why`` (one
explanation). As in the editor, the
map's objects are frozen for Python's collector (``gc.freeze()``) before
timing. Figures are printed, not asserted.

Run from the repository root: ``python bench/evaluation.py [--sizes 1000,10000] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from export import _sizes
from generate import generate_map

from argmap import __version__
from argmap.evaluation import Evaluation, evaluate
from argmap.evaluation.labelling import label
from argmap.evaluation.structure import build_structure
from argmap.model import Acceptance, ArgumentMap

TARGET_SECONDS = 0.100
TARGET_SIZE = 10_000
NEXT = {
    Acceptance.UNDECIDED: Acceptance.ACCEPTED,
    Acceptance.ACCEPTED: Acceptance.REJECTED,
    Acceptance.REJECTED: Acceptance.UNDECIDED,
}


def with_settings(argument_map: ArgumentMap, seed: int) -> ArgumentMap:
    """Some weighings, weights and proof standards, so every branch of the evaluation runs."""
    rng = random.Random(seed)
    relations = []
    for relation in argument_map.relations:
        roll = rng.random()
        if roll < 0.1:
            weighing = rng.choice(["convergent", "cumulative", "factorized"])
            relation = relation.model_copy(update={"weighing": weighing})
        elif roll < 0.2:
            relation = relation.model_copy(update={"weight": round(rng.random(), 2)})
        relations.append(relation)
    statements = [
        s.model_copy(update={"standard": rng.choice(["cce", "brd"])}) if rng.random() < 0.05 else s
        for s in argument_map.statements
    ]
    return argument_map.model_copy(update={"statements": statements, "relations": relations})


def _times(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def _refresh(argument_map: ArgumentMap) -> None:
    """What the editor's Evaluate mode does after an edit, less the repaint."""
    result = evaluate(argument_map)
    result.marks()
    result.idle_relations()


def _reassess(argument_map: ArgumentMap, evaluation: Evaluation, rng: random.Random) -> None:
    """What the editor does after a click on a badge: one acceptance changed, structure reused."""
    statements = argument_map.statements
    index = rng.randrange(len(statements))
    original = statements[index]
    following = NEXT[original.acceptance]
    statements[index] = original.model_copy(update={"acceptance": following})
    try:
        result = evaluate(argument_map, reuse=evaluation.structure)
        result.marks()
        result.idle_relations()
    finally:
        statements[index] = original


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[1000, 10_000, 100_000],
        help="statement counts to generate (default 1000,10000,100000)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per size (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    options = parser.parse_args(argv)
    print(f"argmap {__version__}, Python {sys.version.split()[0]} ({sys.executable})")
    print(f"\nevaluation of generated maps (gc frozen), median of {options.repeat} runs, ms:")
    header = (
        f"{'statements':>10} {'relations':>9} {'build':>8} {'label':>8} {'evaluate':>9}"
        f" {'max':>8} {'refresh':>8} {'badge':>6} {'why':>6}  in/out/undecided"
        f"   evaluate < {TARGET_SECONDS * 1000:g} ms at {TARGET_SIZE:,}"
    )
    print(header)
    print("-" * len(header), flush=True)
    for size in options.sizes:
        argument_map = with_settings(generate_map(size, options.seed), options.seed)
        gc.collect()
        gc.freeze()
        structure = build_structure(argument_map)
        build = _times(lambda m=argument_map: build_structure(m), options.repeat)
        fixpoint = _times(lambda s=structure: label(s), options.repeat)
        whole = _times(lambda m=argument_map: evaluate(m), options.repeat)
        refresh = _times(lambda m=argument_map: _refresh(m), options.repeat)
        result = evaluate(argument_map)
        rng = random.Random(options.seed)
        badge = _times(lambda m=argument_map, r=result, g=rng: _reassess(m, r, g), options.repeat)
        why = _times(lambda r=result, m=argument_map: r.why(m.statements[0].id), options.repeat)
        counts = result.counts()
        median = statistics.median(whole)
        met = median < TARGET_SECONDS
        verdict = (
            ("MET" if met else "MISSED") if size == TARGET_SIZE else "(yes)" if met else "(no)"
        )
        print(
            f"{size:>10} {len(argument_map.relations):>9}"
            f" {statistics.median(build) * 1000:>8.1f} {statistics.median(fixpoint) * 1000:>8.1f}"
            f" {median * 1000:>9.1f} {max(whole) * 1000:>8.1f}"
            f" {statistics.median(refresh) * 1000:>8.1f} {statistics.median(badge) * 1000:>6.1f}"
            f" {statistics.median(why) * 1000:>6.1f}"
            f"  {counts['in']}/{counts['out']}/{counts['undecided']}   {verdict}",
            flush=True,
        )
        gc.unfreeze()
        del argument_map, structure, result
        gc.collect()
    return 0


if __name__ == "__main__":
    sys.exit(main())
