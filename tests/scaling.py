"""How running time grows with the input: a check for "linear" that holds on any machine.

A test cannot promise that reading a file takes under a second: that depends
on the machine and on what else it is doing (the absolute figures are in
``bench/``). It can promise how the time *grows*. :func:`slowdown` times one
action on a small and on a large input, in the same run, and returns the
ratio. With an input four times larger, a linear step takes about four times
as long and a quadratic one sixteen times, so tests assert a ratio under 10.

Only this process's CPU time is counted (other processes on a busy machine do
not add to it), each size is timed several times, alternating, and the best
time of each is taken, so a burst of work elsewhere or a collection by the
garbage collector in one run does not decide the result.
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable
from typing import TypeVar

__all__ = ["LINEAR", "slowdown"]

T = TypeVar("T")

LINEAR = 10  # the largest slowdown accepted for a four times larger input (linear is about 4)
_SHORTEST = 0.02  # seconds of CPU time the small input is run for, at least, per measurement


def slowdown(action: Callable[[T], object], small: T, large: T, repeat: int = 3) -> float:
    """How many times longer ``action(large)`` takes than ``action(small)``, in CPU time."""
    runs = _runs_needed(action, small)
    best_small = best_large = math.inf
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            best_small = min(best_small, _cpu_time(action, small, runs))
            best_large = min(best_large, _cpu_time(action, large, runs))
    finally:
        if enabled:
            gc.enable()
    return best_large / max(best_small, 1e-9)


def _runs_needed(action: Callable[[T], object], small: T) -> int:
    """Runs per measurement, so that the small input is timed over a measurable stretch."""
    once = _cpu_time(action, small, 1)
    return max(1, math.ceil(_SHORTEST / max(once, 1e-6)))


def _cpu_time(action: Callable[[T], object], argument: T, runs: int) -> float:
    started = time.process_time()
    for _ in range(runs):
        action(argument)
    return time.process_time() - started
