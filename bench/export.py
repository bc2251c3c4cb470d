"""How much time argmap adds to Graphviz when exporting, and how fast a cold ``argmap`` starts.

Graphviz's layout is the bulk of an export and is not ours to speed up, so
the figure that matters is the ratio of argmap's end-to-end SVG export
(building the DOT in Python, then running Graphviz) to Graphviz alone on the
very same DOT, with the very same executable and arguments. The target is
a ratio of at most 1.3 at 1,000 statements, both in-process and for the
``argmap export`` command in a fresh process (Python's start and every
import included). In-process, both sides read the drawing from Graphviz's
output; the command has Graphviz write the file itself (``-o``), and so has
the run of Graphviz alone beside it. Separately, a command-line export of a seed map should take
at most 0.5 s and ``argmap --version`` at most 0.1 s; starting Python and
importing the CLI are timed too, to show how much of that is fixed cost.

Fresh processes run this checkout's code (it is put first on ``PYTHONPATH``)
with bytecode caching on, as an installed argmap runs.

Figures are printed, not asserted: timings vary with the machine, and a
benchmark that fails a build would be disabled rather than read.

Run from the repository root: ``python bench/export.py`` (``make bench``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# Run as a script, this folder is sys.path[0], so the generator imports directly.
from generate import generate_map

from argmap import __version__
from argmap.errors import RenderError
from argmap.files import load_map, save_map
from argmap.render.dot import DotOptions, build_dot
from argmap.render.engine import Engine, find_engine
from argmap.render.export import render_map
from argmap.render.fold import LANDSCAPE_PAGE

REPO = Path(__file__).resolve().parent.parent
RATIO_TARGET = 1.3
RATIO_TARGET_SIZE = 1000
COLD_TARGET = 0.5
VERSION_TARGET = 0.1


@dataclass(frozen=True)
class SizeResult:
    """Medians for one map size; ``None`` where a run failed or timed out."""

    statements: int
    relations: int
    runs: int
    build: float | None
    argmap: float | None
    raw: float | None
    error: str | None = None


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _raw_graphviz(engine: Engine, source: bytes, timeout: float) -> None:
    """Graphviz alone, invoked exactly as ``render_map`` invokes it (``-Kdot -Tsvg``, DOT on
    stdin, the drawing read from its output)."""
    completed = subprocess.run(
        [engine.executable, "-Kdot", "-Tsvg"],
        input=source,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0 or not completed.stdout:
        message = completed.stderr.decode("utf-8", "replace").strip()[:200]
        raise RenderError(f"Graphviz failed (exit {completed.returncode}): {message}")


def measure_size(
    size: int, engine: Engine, *, seed: int, repeat: int, budget: float, timeout: float
) -> SizeResult:
    """Time argmap's export and raw Graphviz on one generated map, alternating the two.

    Alternating runs spreads any drift in machine load over both sides. The
    first pair decides how many more fit in ``budget`` seconds, so large maps
    get fewer repeats instead of an hour-long benchmark.
    """
    argument_map = generate_map(size, seed)
    counts = (len(argument_map.statements), len(argument_map.relations))
    options = DotOptions(page=LANDSCAPE_PAGE)  # as the export has it: folded to a page
    source = build_dot(argument_map, options).encode("utf-8")
    if render_map(argument_map, "dot") != source:
        # The ratio is only meaningful if both sides lay out the very same graph.
        raise SystemExit(f"{size} statements: render_map exports other DOT than build_dot gives")
    builds: list[float] = []
    ours: list[float] = []
    raws: list[float] = []
    runs = repeat
    try:
        for index in range(repeat):
            builds.append(_timed(lambda: build_dot(argument_map, options)))
            ours.append(_timed(lambda: render_map(argument_map, "svg", timeout=timeout)))
            raws.append(_timed(lambda: _raw_graphviz(engine, source, timeout)))
            if index == 0:
                runs = 1 + min(repeat - 1, int(budget // (builds[0] + ours[0] + raws[0])))
            if index + 1 >= runs:
                break
    except (RenderError, subprocess.TimeoutExpired) as error:
        return SizeResult(*counts, len(raws), None, None, None, error=str(error).splitlines()[0])
    return SizeResult(
        *counts,
        len(raws),
        statistics.median(builds),
        statistics.median(ours),
        statistics.median(raws),
    )


def _argmap_command() -> list[str]:
    """The installed console script next to this Python, else ``python -m argmap``."""
    folder = Path(sys.executable).parent
    for name in ("argmap", "argmap.exe"):
        if (folder / name).is_file():
            return [str(folder / name)]
    return [sys.executable, "-m", "argmap"]


def _fresh_environment() -> dict[str, str]:
    """This checkout's argmap first on the path, and bytecode cached as an installation has it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (str(REPO), env.get("PYTHONPATH", "")) if part
    )
    return env


def _run_fresh(command: Sequence[str], timeout: float, stdin: bytes | None = None) -> float:
    """Wall time of one fresh process; a RenderError with its last words if it fails."""
    start = time.perf_counter()
    completed = subprocess.run(
        list(command),
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
        cwd=REPO,
        env=_fresh_environment(),
    )
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(message[-1] if message else f"exit status {completed.returncode}")
    return elapsed


def cold_time(command: Sequence[str], runs: int, timeout: float) -> tuple[float | None, str | None]:
    """Median wall time of a fresh process, after one untimed run to warm the disk cache."""
    times: list[float] = []
    try:
        for index in range(runs + 1):
            elapsed = _run_fresh(command, timeout)
            if index:
                times.append(elapsed)
    except (RenderError, subprocess.TimeoutExpired) as error:
        return None, str(error)
    return statistics.median(times), None


def cold_pair(
    command: Sequence[str],
    engine: Engine,
    source: bytes,
    out: Path,
    runs: int,
    timeout: float,
) -> tuple[float, float]:
    """Medians of a fresh ``command`` and of Graphviz alone on ``source``, run in turns.

    Taking turns spreads any drift in the machine's load over both sides;
    Graphviz is run as ``argmap export`` runs it (``-Kdot -Tsvg``, DOT on
    stdin, the drawing written into a file by Graphviz itself: ``out``).
    """
    ours: list[float] = []
    raws: list[float] = []
    raw_command = [engine.executable, "-Kdot", "-Tsvg", f"-o{out}"]
    for index in range(runs + 1):
        elapsed = _run_fresh(command, timeout)
        raw = _run_fresh(raw_command, timeout, stdin=source)
        if index:  # the first pair warms the disk cache and writes the bytecode
            ours.append(elapsed)
            raws.append(raw)
    return statistics.median(ours), statistics.median(raws)


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _graphviz_version(engine: Engine) -> str:
    try:
        completed = subprocess.run(
            [engine.executable, "-V"], capture_output=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "version unknown"
    lines = (completed.stderr or completed.stdout).decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else "version unknown"


_HEADER = (
    f"{'statements':>10} {'relations':>9} {'runs':>4} {'build_dot s':>11}"
    f" {'argmap s':>9} {'graphviz s':>10} {'ratio':>6}  target ratio <= {RATIO_TARGET}"
)


def print_row(result: SizeResult) -> None:
    """One line of the table, printed as soon as its size is done (5,000 takes a while)."""
    ratio = None
    if result.argmap is not None and result.raw:
        ratio = result.argmap / result.raw
    if ratio is None:
        verdict = f"failed: {result.error}"
    elif result.statements == RATIO_TARGET_SIZE:
        verdict = "MET" if ratio <= RATIO_TARGET else "MISSED"
    else:
        verdict = "(yes)" if ratio <= RATIO_TARGET else "(no)"
    print(
        f"{result.statements:>10} {result.relations:>9} {result.runs:>4}"
        f" {_seconds(result.build):>11} {_seconds(result.argmap):>9}"
        f" {_seconds(result.raw):>10} {'-' if ratio is None else f'{ratio:.2f}':>6}  {verdict}",
        flush=True,
    )


def run_cold(runs: int, timeout: float, engine: Engine, synthetic_size: int, seed: int) -> None:
    """Fresh-process timings: bare Python, the CLI's imports, --version, and exports."""
    python = sys.executable
    argmap_command = _argmap_command()
    shown = " ".join(Path(part).name for part in argmap_command)
    print(f"\nCold start ({shown}): median of {runs} fresh processes after one warm-up run:")
    rows: list[tuple[str, float | None, str | None, float | None]] = []
    for label, code in (
        ("python -c pass", "pass"),
        ("python -c 'import argmap.cli'", "import argmap.cli"),
        (  # as the command imports them: without pydantic's plugin search (argmap.own_process)
            "python -c 'import argmap.cli, argmap.render.export'",
            "from argmap.own_process import no_plugins_in_own_process as start\n"
            "start()\n"
            "import argmap.cli, argmap.render.export",
        ),
    ):
        rows.append((label, *cold_time([python, "-c", code], runs, timeout), None))
    version = cold_time([*argmap_command, "--version"], runs, timeout)
    rows.append(("argmap --version", *version, VERSION_TARGET))
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as folder:
        maps = sorted((REPO / "maps").glob("*.argmap"))
        if not maps:
            print("  (no seed maps in maps/*.argmap)")
        for path in maps:
            out = Path(folder) / (path.stem + ".svg")
            command = [*argmap_command, "export", str(path), "-o", str(out)]
            rows.append(
                (f"argmap export maps/{path.name}", *cold_time(command, runs, timeout), COLD_TARGET)
            )
        width = max(len(row[0]) for row in rows)
        for label, seconds, error, target in rows:
            if error or seconds is None:
                verdict = f"failed: {error}"
            elif target is not None:
                verdict = f"target <= {target} s: " + ("MET" if seconds <= target else "MISSED")
            else:
                verdict = ""
            print(f"  {label:<{width}}  {_seconds(seconds):>7} s  {verdict}".rstrip())
        if synthetic_size:
            _cold_ratio(argmap_command, engine, Path(folder), synthetic_size, seed, runs, timeout)


def _cold_ratio(
    argmap_command: list[str],
    engine: Engine,
    folder: Path,
    size: int,
    seed: int,
    runs: int,
    timeout: float,
) -> None:
    """``argmap export`` of a generated map in a fresh process beside Graphviz alone on its DOT."""
    path = folder / f"synthetic-{size}.argmap"
    save_map(generate_map(size, seed), path, backup=False)
    source = render_map(load_map(path), "dot")  # the very DOT the command hands to Graphviz
    command = [*argmap_command, "export", str(path), "-o", str(folder / "synthetic.svg")]
    label = f"argmap export <synthetic {size:,}> beside graphviz alone"
    try:
        ours, raw = cold_pair(command, engine, source, folder / "raw.svg", runs, timeout)
    except (RenderError, subprocess.TimeoutExpired) as error:
        print(f"  {label}: failed: {str(error).splitlines()[0]}")
        return
    ratio = ours / raw
    verdict = "MET" if ratio <= RATIO_TARGET else "MISSED"
    print(
        f"  {label}: {ours:.3f} s vs {raw:.3f} s, ratio {ratio:.2f}"
        f"  target ratio <= {RATIO_TARGET}: {verdict}"
    )


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        message = f"not a comma-separated list of numbers: {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[100, 1000, 5000],
        help="statement counts to generate (default 100,1000,5000)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per size, at most (default 5)")
    parser.add_argument(
        "--budget",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="time per size for repeats after the first (default 120)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        metavar="SECONDS",
        help="stop a Graphviz run after this long (default 600)",
    )
    parser.add_argument(
        "--cold-runs", type=int, default=11, help="runs per cold timing (default 11)"
    )
    parser.add_argument("--no-cold", action="store_true", help="skip the fresh-process timings")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    options = parser.parse_args(argv)
    if options.repeat < 1 or options.cold_runs < 1:
        parser.error("--repeat and --cold-runs must be at least 1")

    engine = find_engine()
    print(f"argmap {__version__}, Python {sys.version.split()[0]} ({sys.executable})")
    print(f"Graphviz: {engine.executable} ({_graphviz_version(engine)})")
    render_map(generate_map(20, options.seed), "svg")  # warm-up: first-use imports and caches

    print(
        "\nSVG export of generated maps, in-process: argmap = render_map(m, 'svg'),"
        " graphviz = the same executable on the same DOT:"
    )
    print(_HEADER)
    print("-" * len(_HEADER), flush=True)
    for size in options.sizes:
        print_row(
            measure_size(
                size,
                engine,
                seed=options.seed,
                repeat=options.repeat,
                budget=options.budget,
                timeout=options.timeout,
            )
        )
    print(
        f"(medians; the target applies at {RATIO_TARGET_SIZE:,} statements, other sizes in"
        " parentheses are for information; argmap's time includes build_dot)"
    )
    if not options.no_cold:
        run_cold(
            options.cold_runs,
            options.timeout,
            engine,
            synthetic_size=RATIO_TARGET_SIZE,
            seed=options.seed,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
