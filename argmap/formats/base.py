"""The small interface every interchange format implements.

A format reads text into an :class:`~argmap.model.ArgumentMap` and writes a
map back to text. Reading never drops anything silently: whatever the format
holds that argmap does not map (a preference node, a rule name, an unknown
key) is kept somewhere sensible (a note, a tag) *and* reported as a warning
naming the line or element. Text that cannot be read at all raises
:class:`~argmap.errors.MapFileError` with line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from argmap.errors import Problem, Severity
from argmap.model import ArgumentMap

__all__ = ["Format", "ReadResult", "warning"]


@dataclass
class ReadResult:
    """A map read from another format, with what could not be carried over exactly."""

    map: ArgumentMap
    warnings: list[Problem] = field(default_factory=list)


def warning(
    message: str, *, path: str = "", line: int | None = None, column: int | None = None
) -> Problem:
    """A warning about one place of the input (``path`` names an element, e.g. ``node 123``)."""
    return Problem(path, message, Severity.WARNING, line, column)


class Format(Protocol):
    """One interchange format.

    ``read`` is None for write-only formats, ``write`` for read-only ones.
    """

    name: str  # short name for --from/--to, e.g. "argdown"
    title: str  # for file dialogs, e.g. "Argdown"
    extensions: tuple[str, ...]  # with the dot, lower case, e.g. (".argdown", ".ad")

    def read(self, text: str, source: str | None = None) -> ReadResult:
        """Parse ``text`` (``source`` names the file in messages)."""
        ...

    def write(self, argument_map: ArgumentMap) -> str:
        """The map as text in this format."""
        ...

    def sniff(self, text: str) -> bool:
        """Whether ``text`` looks like this format.

        Needed for extensions several formats share, e.g. .json and .txt.
        """
        ...
