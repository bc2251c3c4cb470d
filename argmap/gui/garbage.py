"""Keeping Python's cyclic garbage collector from pausing the editor.

A big map keeps hundreds of thousands of Python objects alive (statements,
undo history, canvas items). A full collection walks them all, holding the
GIL for tens of milliseconds, and it starts in whichever thread happens to
allocate: often the layout worker, so the GUI thread waits for it in the
middle of a drag or a keystroke. Once a layout has landed, the objects alive
then are moved out of the collector's reach (``gc.freeze``), so routine
collections only walk what is new. Garbage cycles among frozen objects are
not lost: when the frozen set has doubled since the last full collection,
everything is unfrozen and collected once, at that quiet moment.
"""

from __future__ import annotations

import gc

__all__ = ["settle"]

FULL_AFTER = 2.0  # a full collection when the frozen set has grown by this factor
MINIMUM = 50_000  # objects; below this, full collections are cheap enough anyway

_last_full = 0


def settle() -> None:
    """Call when the editor has just finished a burst of work and the user is idle."""
    global _last_full
    gc.freeze()
    if not _last_full:  # the first map just opened: what is alive now is mostly still in use
        _last_full = max(gc.get_freeze_count(), MINIMUM)
    elif gc.get_freeze_count() > FULL_AFTER * _last_full:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _last_full = gc.get_freeze_count()
