"""Interchange formats: Argdown, AIF JSON, Kialo text, Markdown outlines, argmap's own, and
argmap's HTML pages (read only).

Each format lives in its own module and implements :class:`~argmap.formats.base.Format`.
:func:`read_any` and :func:`write_any` pick the format from the file name (or
an explicit name) and are what the CLI and the editor use; :func:`write_warnings`
says, before writing, what the chosen format will leave out of a map or change
(see :mod:`argmap.formats.losses`).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from argmap.errors import MapFileError, Problem
from argmap.files import read_text_file
from argmap.formats.base import Format, ReadResult, warning
from argmap.formats.losses import Loss, loss_warnings, losses
from argmap.model import ArgumentMap

__all__ = [
    "FORMAT_MODULES",
    "Format",
    "Loss",
    "ReadResult",
    "UnknownFormatError",
    "all_formats",
    "format_by_name",
    "formats_for_path",
    "loss_warnings",
    "losses",
    "read_any",
    "readable_formats",
    "warning",
    "writable_formats",
    "write_any",
    "write_warnings",
    "writer_for",
]


# Every format: its module and the name of its Format object there. A module that is renamed
# or fails to import is an error here, never a format that silently goes missing.
FORMAT_MODULES = (
    ("argmap.formats.native", "NATIVE"),
    ("argmap.formats.argdown", "ARGDOWN"),
    ("argmap.formats.aif", "AIF"),
    ("argmap.formats.kialo", "KIALO"),
    ("argmap.formats.markdown", "MARKDOWN"),
    ("argmap.formats.html_page", "HTML_PAGE"),
)


class UnknownFormatError(MapFileError):
    """Neither the file's name nor its content tells a format argmap reads.

    The command line names its ``--from`` option; the editor says which formats it opens.
    """


def all_formats() -> list[Format]:
    """Every known format, argmap's own first (imported when first asked for: each has its cost)."""
    return [
        getattr(importlib.import_module(module), attribute) for module, attribute in FORMAT_MODULES
    ]


def readable_formats() -> list[Format]:
    return [f for f in all_formats() if getattr(f, "read", None) is not None]


def writable_formats() -> list[Format]:
    return [f for f in all_formats() if getattr(f, "write", None) is not None]


def format_by_name(name: str) -> Format:
    for candidate in all_formats():
        if candidate.name == name:
            return candidate
    known = ", ".join(f.name for f in all_formats())
    raise ValueError(f"unknown format {name!r} (known: {known})")


def formats_for_path(path: str | Path) -> list[Format]:
    """Formats whose extensions match the file name (longest extension first)."""
    name = Path(path).name.lower()
    matches = [
        (max(len(e) for e in f.extensions if name.endswith(e)), f)
        for f in all_formats()
        if any(name.endswith(e) for e in f.extensions)
    ]
    return [f for _, f in sorted(matches, key=lambda m: -m[0])]


def read_any(path: str | Path, format_name: str | None = None) -> ReadResult:
    """Read a map in any readable format; MapFileError names the file and the place."""
    text = read_text_file(path)
    if format_name is not None:
        chosen = format_by_name(format_name)
        if getattr(chosen, "read", None) is None:
            raise MapFileError(path, [Problem("", f"argmap cannot read the {chosen.title} format")])
    else:
        chosen = _guess(path, text)
    try:
        return chosen.read(text, str(path))
    except MapFileError as error:
        if error.file is None:
            raise MapFileError(path, error.problems) from None
        raise


def writer_for(path: str | Path, format_name: str | None = None) -> Format:
    """The format named, or the one the file name implies; ValueError if it cannot be written."""
    if format_name is not None:
        chosen = format_by_name(format_name)
    else:
        candidates = [f for f in formats_for_path(path) if getattr(f, "write", None) is not None]
        if not candidates:
            raise ValueError(
                f"{path}: cannot tell the format from the file name; give it with --to"
            )
        chosen = candidates[0]
    if getattr(chosen, "write", None) is None:
        raise ValueError(f"argmap cannot write the {chosen.title} format")
    return chosen


def write_any(argument_map: ArgumentMap, path: str | Path, format_name: str | None = None) -> str:
    """The map as text in the format named, or the one the file name implies."""
    return writer_for(path, format_name).write(argument_map)


def write_warnings(
    argument_map: ArgumentMap, path: str | Path, format_name: str | None = None
) -> list[Problem]:
    """What writing the map to ``path`` (in the format named, or the file name's) would leave
    out or change, one warning per kind; empty when the file will hold the whole map.

    Takes the same arguments as :func:`write_any`, so a caller asks this first and shows
    the warnings (``problem.located(path)`` reads ``path: warning: …``).
    """
    return loss_warnings(argument_map, writer_for(path, format_name).name)


def _guess(path: str | Path, text: str) -> Format:
    candidates = [f for f in formats_for_path(path) if getattr(f, "read", None) is not None]
    if len(candidates) > 1:
        sniffed = [f for f in candidates if f.sniff(text)]
        candidates = sniffed or candidates
    if not candidates:
        sniffed = [f for f in readable_formats() if f.sniff(text)]
        if len(sniffed) == 1:
            return sniffed[0]
        raise UnknownFormatError(
            path, [Problem("", "cannot tell the format from the file name; give it with --from")]
        )
    return candidates[0]
