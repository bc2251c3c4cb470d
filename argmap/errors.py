"""Errors argmap reports to people: each names the file and the place."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "ArgmapError",
    "MapFileError",
    "Problem",
    "ReadOnlyFileError",
    "RenderError",
    "SaveError",
    "Severity",
]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(NamedTuple):
    """One thing wrong (or doubtful) about a map, located by JSON path and, if known, line."""

    path: str
    message: str
    severity: Severity = Severity.ERROR
    line: int | None = None
    column: int | None = None

    def located(self, file: str | Path | None) -> str:
        """``file:line:column: path: message`` with whatever parts are known."""
        parts = [str(file)] if file else []
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        where = ":".join(parts)
        what = f"{self.path}: {self.message}" if self.path else self.message
        if self.severity is Severity.WARNING:
            what = f"warning: {what}"
        return f"{where}: {what}" if where else what


class ArgmapError(Exception):
    """Base of the errors a user can cause and fix; never shown as a traceback."""


class MapFileError(ArgmapError):
    """A map (or other input) could not be read; lists every problem found."""

    def __init__(self, file: str | Path | None, problems: list[Problem]) -> None:
        self.file = str(file) if file is not None else None
        self.problems = problems
        super().__init__(self._describe())

    def _describe(self) -> str:
        lines = [p.located(self.file) for p in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append(f"... and {len(self.problems) - 50} more problems")
        return "\n".join(lines)


class SaveError(ArgmapError):
    """A map could not be written; the previous file is left as it was."""


class ReadOnlyFileError(SaveError):
    """The file is marked read-only: argmap does not replace it (it may be saved elsewhere)."""


class RenderError(ArgmapError):
    """Graphviz (or the PDF fallback) failed to draw a map.

    The message is one line; ``details`` keeps everything Graphviz wrote to
    stderr, for ``argmap export --verbose`` and bug reports.
    """

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details
