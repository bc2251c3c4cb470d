"""Pausing Python's cyclic garbage collector while many objects are made.

Loading a map, laying it out, evaluating it or building its canvas makes tens
or hundreds of thousands of objects and no garbage cycles. Each batch of new
objects wakes the collector, and its full passes walk every object alive,
again and again as the heap grows: on a 10,000-statement map that is most of
the time a load takes. Reference counting still frees everything as usual;
only the search for cycles waits until the work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off within the block (nesting and threads are fine).

    It is switched back on only by the block that switched it off, so an inner
    block does not re-enable it under an outer one.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
