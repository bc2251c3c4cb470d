"""How fast every interchange format writes and reads a generated map.

Each format argmap knows (``argmap.formats.all_formats()``) writes a generated map,
and each format that can also read parses the text its own writer produced, so
the input is realistic for that format. The target is under 1 s per direction
at 5,000 statements: a user importing or exporting a large debate should not
wait. ``statements/s`` is the map's size over the slower direction, the one
the user waits for; ``read back`` counts the statements the reader returned,
to show at a glance whether a format kept them all.

A second table reads huge and hostile inputs at full size (a megabyte of one
Argdown construct, 50 MB of AIF or Kialo, AIF graphs shaped to defeat a
careless algorithm; see ``hostile.py``), each against the time a user could
still accept; the tests check only that these grow linearly. A third shows how
fast Argdown metadata is read by the fast path and by the full YAML reader.

Figures are printed, not asserted: timings vary with the machine, and a
benchmark that fails a build would be disabled rather than read. A format that
raises is reported as failed and the others still run.

Run from the repository root:
``python bench/formats.py [--sizes 1000,5000] [--repeat 3] [--no-hostile]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Run as a script, this folder is sys.path[0], so the generator imports directly.
from export import _sizes  # this folder is sys.path[0]
from generate import generate_map
from hostile import METADATA, HostileCase, hostile_cases

from argmap import __version__
from argmap.errors import MapFileError
from argmap.formats import Format, all_formats, format_by_name
from argmap.formats.argdown_yaml import parse_flow
from argmap.model import ArgumentMap

TARGET_SECONDS = 1.0
TARGET_SIZE = 5000
METADATA_RUNS = 2000  # metadata blocks read per timed run


@dataclass(frozen=True)
class Row:
    """Medians for one format and map size; ``None`` where the format cannot go that way."""

    format: str
    statements: int
    write: float | None
    read: float | None
    read_back: int | None
    error: str | None = None


def _median_time(action: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The median wall time of ``repeat`` runs, and the last run's result."""
    times: list[float] = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(chosen: Format, argument_map: ArgumentMap, repeat: int) -> Row:
    """Write the map, then read the written text back, each ``repeat`` times."""
    size = len(argument_map.statements)
    write = getattr(chosen, "write", None)
    read = getattr(chosen, "read", None)
    if write is None:  # a read-only format has no text of ours to read
        return Row(chosen.name, size, None, None, None, "read only: no text of ours to time")
    try:
        write_time, text = _median_time(lambda: write(argument_map), repeat)
        if read is None:
            return Row(chosen.name, size, write_time, None, None)
        read_time, result = _median_time(lambda: read(text, f"bench.{chosen.name}"), repeat)
    except Exception as error:
        first_line = (str(error).splitlines() or [""])[0][:120]
        message = f"failed: {type(error).__name__}: {first_line}"
        return Row(chosen.name, size, None, None, None, message)
    return Row(chosen.name, size, write_time, read_time, len(result.map.statements))


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def verdict(row: Row) -> str:
    """MET/MISSED at the target size; other sizes in parentheses, for information."""
    if row.write is None:
        return row.error or "-"
    slowest = max(t for t in (row.write, row.read) if t is not None)
    met = slowest < TARGET_SECONDS
    if row.statements == TARGET_SIZE:
        return "MET" if met else "MISSED"
    return "(yes)" if met else "(no)"


def throughput(row: Row) -> str:
    times = [t for t in (row.write, row.read) if t is not None]
    if not times or max(times) == 0:
        return "-"
    return f"{row.statements / max(times):,.0f}"


_HEADER = (
    f"{'format':<10} {'statements':>10} {'write s':>8} {'read s':>8} {'statements/s':>13}"
    f" {'read back':>9}  under {TARGET_SECONDS:g} s both ways at {TARGET_SIZE:,}"
)


def print_row(row: Row) -> None:
    read_back = "-" if row.read_back is None else str(row.read_back)
    print(
        f"{row.format:<10} {row.statements:>10} {_seconds(row.write):>8} {_seconds(row.read):>8}"
        f" {throughput(row):>13} {read_back:>9}  {verdict(row)}",
        flush=True,
    )


def measure_hostile(case: HostileCase) -> None:
    """Read one huge or hostile input once and print the time against its target."""
    text = case.make()
    reader = format_by_name(case.format)
    start = time.perf_counter()
    try:
        reader.read(text, f"hostile.{case.format}")
        outcome = ""
    except MapFileError:
        outcome = " (refused)"
    elapsed = time.perf_counter() - start
    verdict = "MET" if elapsed < case.target else "MISSED"
    print(
        f"{case.format:<8} {case.name:<38} {len(text) / 1e6:>7.1f} {elapsed:>8.3f}"
        f" {case.target:>7g}  {verdict}{outcome}",
        flush=True,
    )


def measure_metadata(repeat: int) -> None:
    """Microseconds per Argdown metadata block, by the fast path and by ruamel.yaml."""
    for name, text in METADATA.items():
        seconds, _ = _median_time(lambda text=text: _read_metadata(text), repeat)
        print(f"{name:<20} {seconds / METADATA_RUNS * 1e6:>8.1f} µs  {text}", flush=True)


def _read_metadata(text: str) -> None:
    for _ in range(METADATA_RUNS):
        parse_flow(text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[1000, 5000],
        help="statement counts to generate (default 1000,5000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per direction (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument(
        "--no-hostile", action="store_true", help="skip the huge and hostile inputs"
    )
    options = parser.parse_args(argv)
    if options.repeat < 1:
        parser.error("--repeat must be at least 1")

    formats = all_formats()
    print(f"argmap {__version__}, Python {sys.version.split()[0]}")
    print("formats: " + ", ".join(f.name for f in formats))
    warm_up = generate_map(20, options.seed)
    for chosen in formats:  # first-use imports and caches are not what is measured
        measure(chosen, warm_up, 1)
    print(f"\nmedians of {options.repeat} runs; each reader parses its own writer's text:")
    print(_HEADER)
    print("-" * len(_HEADER), flush=True)
    for size in options.sizes:
        argument_map = generate_map(size, options.seed)
        for chosen in formats:
            print_row(measure(chosen, argument_map, options.repeat))
    print(f"(the target applies at {TARGET_SIZE:,} statements; other sizes are for information)")
    if not options.no_hostile:
        print("\nhuge and hostile inputs, read once each:")
        print(f"{'format':<8} {'input':<38} {'MB':>7} {'read s':>8} {'target':>7}")
        for case in hostile_cases():
            measure_hostile(case)
    print(f"\nArgdown metadata, medians of {options.repeat} runs:")
    measure_metadata(options.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
