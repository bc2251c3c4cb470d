"""The base of the undo commands, and the stack that keeps them in order.

Qt runs a command's ``redo()`` and ``undo()`` from inside ``QUndoStack``'s
``push``, ``undo``, ``redo`` and ``setIndex``. A command pushed meanwhile
(typing kept because the selection changed under it) would be appended and
then left above the index the stack is moving to: its change in the map, but
in the part of the history that the next edit throws away, and the stack
possibly saying the map is unchanged. So while a command runs, nothing is
pushed: :class:`MapUndoStack` refuses it, and the views leave their typing
where it is (:func:`command_running`), to be kept once the command is done.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QUndoCommand, QUndoStack

__all__ = ["MapCommand", "MapUndoStack", "command_running"]

_running = 0  # commands running now, one inside another (a macro's)


def command_running() -> bool:
    """True while a command changes the map (Qt runs them one at a time, in the GUI thread)."""
    return _running > 0


@contextmanager
def _running_command() -> Iterator[None]:
    global _running
    _running += 1
    try:
        yield
    finally:
        _running -= 1


class MapCommand(QUndoCommand):
    """An undoable change: ``apply`` makes it, ``revert`` takes it back."""

    def redo(self) -> None:
        with _running_command():
            self.apply()

    def undo(self) -> None:
        with _running_command():
            self.revert()

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class MapUndoStack(QUndoStack):
    """An undo stack that takes no command while one of its commands runs."""

    def push(self, cmd: QUndoCommand) -> None:
        if command_running():
            warnings.warn(
                f"{cmd.text()!r} was not done: another change was being made",
                RuntimeWarning,
                stacklevel=2,
            )
            return
        super().push(cmd)
