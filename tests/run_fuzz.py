"""Fuzz every reader, then the writers, for a given time each: ``make fuzz SECONDS=600``.

The inputs and the property are the test suite's (``fuzzing.py``); only the
budget differs. Hypothesis generates inputs in rounds, each from a fresh
random seed, until a target's time is up; a failure is shrunk to a small
input, printed, saved under ``out/fuzz-failures/`` and counted, and fuzzing goes
on. The summary gives, per target, the inputs tried, the minutes spent, and
the kinds of unexpected exception and of hang (an input over ``fuzzing.LIMIT``
seconds) found, each kind counted once however often it recurs.
The exit status is 1 if there was any.

    python tests/run_fuzz.py --seconds 600 [--only argdown,aif]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
sys.path[:0] = [str(TESTS), str(TESTS.parent)]  # this checkout's argmap, and the test helpers

from fuzzing import Hang, Target, targets  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis.errors import HypothesisWarning  # noqa: E402

FAILURES = Path("out", "fuzz-failures")  # out/ is ignored by git
_ROUND = 2000  # examples per round; each round starts from a new random seed


class _TimeUp(BaseException):
    """Ends a round when the target's time is up (a BaseException: Hypothesis lets it pass)."""


@dataclass
class Tally:
    """What fuzzing one target found."""

    name: str
    inputs: int = 0
    seconds: float = 0.0
    errors: dict[str, str] = field(default_factory=dict)  # kind of failure -> its input
    hangs: set[str] = field(default_factory=set)  # kinds of failure that were hangs
    last: Any = None  # the input checked last: after a failure, the (shrunk) failing one

    @property
    def crashes(self) -> int:
        """Unexpected exceptions: each kind once, however often it was found."""
        return len(self.errors) - len(self.hangs)


def fuzz(target: Target, seconds: float) -> Tally:
    tally = Tally(target.name)
    started = time.monotonic()
    end = started + seconds

    def counted(value: Any) -> None:
        if time.monotonic() >= end:
            raise _TimeUp
        tally.inputs += 1
        tally.last = value
        target.check(value)

    rounds = random.Random()
    while time.monotonic() < end:
        test = settings(
            max_examples=_ROUND,
            deadline=None,
            database=None,
            phases=[Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
        )(given(target.inputs)(counted))
        try:
            seed(rounds.getrandbits(64))(test)()
        except _TimeUp:
            break
        except Exception as error:
            _record(tally, error)
    tally.seconds = time.monotonic() - started
    return tally


def _record(tally: Tally, error: BaseException) -> None:
    kind = _kind(error)
    if kind in tally.errors:
        return
    value = repr(tally.last)
    tally.errors[kind] = value
    if isinstance(error, Hang):
        tally.hangs.add(kind)
    FAILURES.mkdir(parents=True, exist_ok=True)
    report = FAILURES / f"{tally.name}-{len(tally.errors)}.txt"
    details = "".join(traceback.format_exception(error))
    report.write_text(f"{value}\n\n{details}", encoding="utf-8")
    print(f"\n{tally.name}: {kind}\n  input: {value[:500]}\n  saved in {report}", flush=True)


def _kind(error: BaseException) -> str:
    """The exception and the place in argmap it came from: one failure, however often found."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if f"{os.sep}argmap{os.sep}" in f.filename]
    where = f" at {Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else ""
    first_line = str(error).split("\n")[0][:120]
    return f"{type(error).__name__}{where}: {first_line}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="time per target")
    parser.add_argument("--only", default="", help="comma-separated target names")
    options = parser.parse_args(argv)
    warnings.filterwarnings("ignore", category=HypothesisWarning)  # "overly large repr"
    chosen = [t for t in targets() if not options.only or t.name in options.only.split(",")]
    tallies = []
    for target in chosen:
        print(f"fuzzing {target.name} for {options.seconds:g} s ...", flush=True)
        tallies.append(fuzz(target, options.seconds))
    print(f"\n{'target':<10}{'inputs':>10}{'minutes':>9}{'unexpected':>12}{'hangs':>7}")
    for t in tallies:
        print(f"{t.name:<10}{t.inputs:>10}{t.seconds / 60:>9.1f}{t.crashes:>12}{len(t.hangs):>7}")
    total = sum(t.inputs for t in tallies)
    print(f"{'total':<10}{total:>10}{sum(t.seconds for t in tallies) / 60:>9.1f}")
    return 1 if any(t.crashes or t.hangs for t in tallies) else 0


if __name__ == "__main__":
    sys.exit(main())
