"""Reading and writing ``.argmap`` files.

Files are JSON written in one canonical form (fixed key order, two-space
indent, short lists on one line, UTF-8 without escapes, a final newline), so
that they diff well and saving an unchanged map reproduces the file byte for
byte. Saving is atomic and keeps the previous version as ``NAME.argmap~``;
what was read or written is stamped, so that a change someone else makes to
the file is noticed before it is overwritten.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from argmap.atomic import is_read_only, remove_stale_temporaries, write_atomically, write_failure
from argmap.collector import collector_paused
from argmap.errors import MapFileError, Problem, ReadOnlyFileError, SaveError
from argmap.jsonpos import line_column, locate, too_long_integer, value_offset
from argmap.model import FORMAT_NAME, ArgumentMap, required_version
from argmap.problems import find_errors, find_problems

__all__ = [
    "MAX_FILE_BYTES",
    "DiskState",
    "FileStamp",
    "SaveResult",
    "disk_state",
    "dumps_map",
    "file_stamp",
    "is_read_only",
    "load_map",
    "load_map_stamped",
    "loads_map",
    "locate",
    "read_text_file",
    "remove_stale_temporaries",
    "save_map",
    "too_long_number",
    "validate_file",
    "write_atomically",
]

MAX_FILE_BYTES = 64 * 1024 * 1024
_INLINE_WIDTH = 100
_ALWAYS_WRITTEN = ("title", "statements", "relations")


# -- reading ---------------------------------------------------------------


def read_text_file(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The text of a file, or a MapFileError that says why not (size, encoding, access).

    Text is UTF-8, with or without a byte order mark; UTF-16 and UTF-32 are
    read when a byte order mark says so (as some Windows editors save).
    """
    return _decode(Path(path), _read_bytes(Path(path), max_bytes)[0])


def _read_bytes(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its state before they were read."""
    try:
        status = path.stat()
        if path.is_dir():
            raise MapFileError(path, [Problem("", "this is a folder, not a file")])
        if status.st_size > max_bytes:
            raise MapFileError(
                path,
                [
                    Problem(
                        "",
                        f"the file is {status.st_size / 1_048_576:.1f} MB; argmap reads files of"
                        f" up to {max_bytes // 1_048_576} MB",
                    )
                ],
            )
        return path.read_bytes(), status
    except FileNotFoundError:
        raise MapFileError(path, [Problem("", "no such file")]) from None
    except OSError as error:
        raise MapFileError(path, [Problem("", f"cannot read the file: {error.strerror}")]) from None


# Longest first: the UTF-32 little-endian mark begins with the UTF-16 one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def _decode(path: Path, data: bytes) -> str:
    """Decode by the byte order mark, UTF-8 without one; a bad byte is located by line."""
    codec, name = next(
        ((codec, name) for mark, codec, name in _BYTE_ORDER_MARKS if data.startswith(mark)),
        ("utf-8", "UTF-8"),
    )
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        before = data[: error.start].decode(codec, errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        what = "not UTF-8 text (is it a binary file?)" if name == "UTF-8" else f"not valid {name}"
        raise MapFileError(
            path, [Problem("", f"the file is {what}", line=line, column=column)]
        ) from None


def load_map(path: str | Path) -> ArgumentMap:
    """Read and validate an ``.argmap`` file; every problem is reported at once."""
    return loads_map(read_text_file(path), file=path)


def load_map_stamped(path: str | Path) -> tuple[ArgumentMap, FileStamp]:
    """A map and the stamp of exactly the bytes it was read from.

    The stamp comes from the same read, not a second look at the file, so a
    change made while the map was being read is noticed later, not missed.
    """
    data, status = _read_bytes(Path(path), MAX_FILE_BYTES)
    argument_map = loads_map(_decode(Path(path), data), file=path)
    return argument_map, FileStamp(status.st_mtime_ns, len(data), _digest(data))


# -- telling whether a file changed -----------------------------------------


class FileStamp(NamedTuple):
    """A file as argmap last read or wrote it: enough to tell if someone changed it since.

    Time and size settle most checks at the cost of one ``stat``; the hash
    of the contents settles the rest (a file touched, or rewritten with the
    same bytes, has not changed).
    """

    mtime_ns: int
    size: int
    digest: str


class DiskState(StrEnum):
    SAME = "same"  # what was read or written last
    CHANGED = "changed"  # different contents (or never read: no stamp)
    MISSING = "missing"  # deleted or moved away


def file_stamp(path: str | Path) -> FileStamp | None:
    """The stamp of a file as it is now; None if it cannot be read."""
    try:
        data = Path(path).read_bytes()
        status = os.stat(path)
    except OSError:
        return None
    return FileStamp(status.st_mtime_ns, len(data), _digest(data))


def disk_state(path: str | Path, stamp: FileStamp | None) -> DiskState:
    """Whether the file on disk is still the one ``stamp`` describes."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return DiskState.MISSING
    except OSError:
        return DiskState.CHANGED
    if stamp is None or status.st_size != stamp.size:
        return DiskState.CHANGED
    if status.st_mtime_ns == stamp.mtime_ns:
        return DiskState.SAME
    now = file_stamp(path)
    return DiskState.SAME if now is not None and now.digest == stamp.digest else DiskState.CHANGED


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _DuplicateKey(ValueError):
    pass


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)  # in C; a key given twice makes the dict shorter than the pairs
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


def loads_map(text: str, file: str | Path | None = None) -> ArgumentMap:
    """Parse the text of an ``.argmap`` file (``file`` only names it in errors).

    Python's cyclic collector waits meanwhile (:mod:`argmap.collector`): on a
    big map its passes over the new objects cost three times the parse.
    """
    with collector_paused():
        return _parse_map(text, file)


def _parse_map(text: str, file: str | Path | None) -> ArgumentMap:
    try:
        data = json.loads(text, object_pairs_hook=_reject_duplicate_keys)
    except json.JSONDecodeError as error:
        problem = Problem("", f"invalid JSON: {error.msg}", line=error.lineno, column=error.colno)
        raise MapFileError(file, [problem]) from None
    except _DuplicateKey as error:
        message = f"the key {error.args[0]!r} appears twice in one object"
        raise MapFileError(file, [Problem("", message)]) from None
    except RecursionError:
        raise MapFileError(file, [Problem("", "the JSON is nested too deeply")]) from None
    except ValueError as error:  # an integer with more digits than Python converts
        raise MapFileError(file, [too_long_number(text, error)]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        message = 'this is not an argmap file (it has no "format": "argmap" at the top)'
        raise MapFileError(file, [Problem("", message)])
    try:
        argument_map = ArgumentMap.model_validate(data, context={"check_integrity": False})
    except ValidationError as error:
        raise MapFileError(file, _validation_problems(error, text)) from None
    errors = find_errors(argument_map)
    if errors:
        raise MapFileError(file, [_with_line(p, text) for p in errors])
    return argument_map


def too_long_number(text: str, error: ValueError) -> Problem:
    """The problem ``json.loads`` raised ``error`` for, though the JSON is well formed: an
    integer with more digits than Python converts, located by its path, line and column.
    """
    found = too_long_integer(text)
    if found is None:
        return Problem("", f"invalid JSON: {error}")
    path, digits = found
    offset = value_offset(text, path)
    line, column = (None, None) if offset is None else line_column(text, offset)
    limit = sys.get_int_max_str_digits()
    message = f"the number has {digits:,} digits; argmap reads numbers of up to {limit:,} digits"
    return Problem(format_path(path), message, line=line, column=column)


def validate_file(path: str | Path) -> tuple[ArgumentMap | None, list[Problem]]:
    """Every error and warning of a file, located by JSON path and line; the map if it loads."""
    try:
        text = read_text_file(path)
        argument_map = loads_map(text, file=path)
    except MapFileError as error:
        return None, error.problems
    return argument_map, [_with_line(p, text) for p in find_problems(argument_map)]


def _validation_problems(error: ValidationError, text: str) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = detail["loc"]
        parts = loc
        message = detail["msg"].removeprefix("Value error, ")
        kind = detail["type"]
        if kind == "extra_forbidden":
            message = f"unknown key {loc[-1]!r}"
        elif kind == "missing":
            message = f"the required key {loc[-1]!r} is missing"
            parts = loc[:-1]
        elif kind in ("enum", "literal_error", "string_pattern_mismatch", "string_type"):
            message = f"{message} (found {detail.get('input')!r})"
        line, column = locate(text, list(parts)) or (None, None)
        problems.append(Problem(format_path(loc), message, line=line, column=column))
    return problems


def _with_line(problem: Problem, text: str) -> Problem:
    position = locate(text, parse_path(problem.path))
    if position is None:
        return problem
    return Problem(problem.path, problem.message, problem.severity, *position)


def format_path(parts: tuple[int | str, ...] | list[int | str]) -> str:
    """``('relations', 3, 'target')`` → ``relations[3].target``."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_path(path: str) -> list[int | str]:
    """The inverse of :func:`format_path` (ids containing dots are not supported)."""
    parts: list[int | str] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        parts.append(int(index) if index else name)
    return parts


# -- writing ---------------------------------------------------------------


def dumps_map(argument_map: ArgumentMap) -> str:
    """The canonical text of a map: what :func:`save_map` writes."""
    data = argument_map.model_dump(mode="json", exclude_defaults=True)
    ordered: dict[str, Any] = {"format": FORMAT_NAME, "version": required_version(argument_map)}
    for name, field in ArgumentMap.model_fields.items():
        if name in data and name not in ordered:
            ordered[name] = data[name]
        elif name in _ALWAYS_WRITTEN:
            ordered[name] = field.get_default(call_default_factory=True)
    return _encode(ordered, 0) + "\n"


def _encode(value: Any, level: int) -> str:
    """JSON with two-space indent, where lists of plain values fit on one line."""
    indent = "  " * (level + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{indent}{_scalar(k)}: {_encode(v, level + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * level + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        if all(not isinstance(item, dict | list) for item in value):
            inline = "[" + ", ".join(_scalar(item) for item in value) + "]"
            if len(indent) + len(inline) <= _INLINE_WIDTH:
                return inline
        items = [indent + _encode(item, level + 1) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + "  " * level + "]"
    return _scalar(value)


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class SaveResult(NamedTuple):
    """What a save left behind: the new file's stamp, and anything that went wrong on the side."""

    stamp: FileStamp
    warnings: list[str]


def save_map(argument_map: ArgumentMap, path: str | Path, *, backup: bool = True) -> SaveResult:
    """Write a map atomically, keeping the previous file as ``NAME~``.

    The new text goes to a temporary file in the same folder, is flushed to
    disk, and only then renamed over the target, so a failure at any point
    (read-only folder, full disk) leaves the old file exactly as it was. A
    backup that cannot be kept does not stop the save: it is a warning.
    A read-only file is not replaced (ReadOnlyFileError), nor is a map
    written that would be too big to open again.
    """
    data = dumps_map(argument_map).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise SaveError(
            f"{path}: the map would take {len(data) / 1_048_576:.1f} MB, and argmap opens files"
            f" of up to {MAX_FILE_BYTES // 1_048_576} MB; it was not saved (split it into"
            " smaller maps)"
        )
    if is_read_only(path):
        raise ReadOnlyFileError(f"{path} is read-only: argmap does not replace it")
    try:
        warnings = write_atomically(path, data, backup=backup)
        status = os.stat(path)
    except OSError as error:
        raise SaveError(f"{path}: could not save the map: {write_failure(path, error)}") from None
    return SaveResult(FileStamp(status.st_mtime_ns, len(data), _digest(data)), warnings)
