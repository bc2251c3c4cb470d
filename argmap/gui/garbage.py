"""Keeping Python's cyclic garbage collector from pausing the editor.

A big map keeps hundreds of thousands of Python objects alive (statements,
undo history, canvas items). A full collection walks them all, holding the
GIL for tens of milliseconds, and it starts in whichever thread happens to
allocate: often the layout worker, so the GUI thread waits for it in the
middle of a drag or a keystroke. Once a layout has landed, the objects alive
then are moved out of the collector's reach (``gc.freeze``), so routine
collections only walk what is new. Garbage cycles among frozen objects are
not lost: when the frozen set has doubled since the last full collection,
everything is unfrozen and collected once, a moment later, so that the
collection does not delay the paint of the layout that just landed.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QTimer

__all__ = ["collect", "settle"]

FULL_AFTER = 2.0  # a full collection when the frozen set has grown by this factor
MINIMUM = 50_000  # objects; below this, full collections are cheap enough anyway
DELAY_MS = 1000  # from the layout landing to a due full collection

_last_full = 0  # frozen objects after the last full collection
_frozen = 0  # frozen objects now, tallied as they are frozen: counting them walks them all
_due = False


def settle() -> None:
    """Call when the editor has just finished a burst of work and the user is idle."""
    global _last_full, _frozen, _due
    if _frozen:
        fresh = sum(len(gc.get_objects(generation)) for generation in range(3))  # only the unfrozen
        gc.freeze()
        # Objects freed since they were frozen still count: a full collection comes a little early.
        _frozen += fresh
    else:  # the first time (a map just opened): everything is fresh; listing it costs hundreds of ms
        gc.freeze()
        _frozen = gc.get_freeze_count()
    if not _last_full:  # the first map just opened: what is alive now is mostly still in use
        _last_full = max(_frozen, MINIMUM)
    elif _frozen > FULL_AFTER * _last_full and not _due:
        # The tally also counts frozen objects freed since (a layout's result lives until the
        # next one lands): count them for real (a few ms) before paying for a full collection.
        _frozen = gc.get_freeze_count()
        if _frozen > FULL_AFTER * _last_full:
            _due = True
            QTimer.singleShot(DELAY_MS, collect)


def collect() -> None:
    """Unfreeze and collect everything once, then freeze what survived."""
    global _last_full, _frozen, _due
    _due = False
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _frozen = gc.get_freeze_count()
    _last_full = max(_frozen, MINIMUM)
