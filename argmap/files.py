"""Reading and writing ``.argmap`` files.

Files are JSON written in one canonical form (fixed key order, two-space
indent, short lists on one line, UTF-8 without escapes, a final newline), so
that they diff well and saving an unchanged map reproduces the file byte for
byte. Saving is atomic and keeps the previous version as ``NAME.argmap~``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from argmap.errors import MapFileError, Problem, SaveError
from argmap.jsonpos import locate
from argmap.model import FORMAT_NAME, FORMAT_VERSION, ArgumentMap
from argmap.problems import errors_only, find_problems

__all__ = [
    "MAX_FILE_BYTES",
    "dumps_map",
    "load_map",
    "loads_map",
    "locate",
    "read_text_file",
    "save_map",
    "validate_file",
    "write_atomically",
]

MAX_FILE_BYTES = 64 * 1024 * 1024
_INLINE_WIDTH = 100
_ALWAYS_WRITTEN = ("title", "statements", "relations")


# -- reading ---------------------------------------------------------------


def read_text_file(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of a file, or a MapFileError that says why not (size, encoding, access)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise MapFileError(path, [Problem("", "this is a folder, not a file")])
        if size > max_bytes:
            raise MapFileError(
                path,
                [
                    Problem(
                        "",
                        f"the file is {size / 1_048_576:.1f} MB; argmap reads files of up to"
                        f" {max_bytes // 1_048_576} MB",
                    )
                ],
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise MapFileError(path, [Problem("", "no such file")]) from None
    except OSError as error:
        raise MapFileError(path, [Problem("", f"cannot read the file: {error.strerror}")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise MapFileError(
            path,
            [
                Problem(
                    "",
                    "the file is not UTF-8 text (is it a binary file?)",
                    line=line,
                    column=column,
                )
            ],
        ) from None


def load_map(path: str | Path) -> ArgumentMap:
    """Read and validate an ``.argmap`` file; every problem is reported at once."""
    return loads_map(read_text_file(path), file=path)


class _DuplicateKey(ValueError):
    pass


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def loads_map(text: str, file: str | Path | None = None) -> ArgumentMap:
    """Parse the text of an ``.argmap`` file (``file`` only names it in errors)."""
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
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        message = 'this is not an argmap file (it has no "format": "argmap" at the top)'
        raise MapFileError(file, [Problem("", message)])
    try:
        argument_map = ArgumentMap.model_validate(data, context={"check_integrity": False})
    except ValidationError as error:
        raise MapFileError(file, _validation_problems(error, text)) from None
    errors = errors_only(find_problems(argument_map))
    if errors:
        raise MapFileError(file, [_with_line(p, text) for p in errors])
    return argument_map


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
    ordered: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
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


def save_map(argument_map: ArgumentMap, path: str | Path, *, backup: bool = True) -> None:
    """Write a map atomically, keeping the previous file as ``NAME~``.

    The new text goes to a temporary file in the same folder, is flushed to
    disk, and only then renamed over the target, so a failure at any point
    (read-only folder, full disk) leaves the old file exactly as it was.
    """
    data = dumps_map(argument_map).encode("utf-8")
    try:
        write_atomically(path, data, backup=backup)
    except OSError as error:
        reason = error.strerror or str(error)
        raise SaveError(f"{path}: could not save the map: {reason}") from None


def write_atomically(path: str | Path, data: bytes, *, backup: bool = False) -> None:
    """Replace ``path`` with ``data`` all at once, or not at all (raises OSError).

    The file keeps its permissions; a new file gets what the umask allows.
    """
    target = Path(os.path.realpath(path))  # write through a symlink, not over it
    temporary: str | None = None
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
            if backup:
                _keep_backup(target)
        else:  # not mkstemp's private 0600
            os.chmod(temporary, 0o666 & ~_current_umask())
        os.replace(temporary, target)
        temporary = None
        _sync_folder(target.parent)
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _keep_backup(target: Path) -> None:
    """Copy the current file to ``NAME~`` atomically (a link would follow later renames)."""
    backup = target.with_name(target.name + "~")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{backup.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(target.read_bytes())
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _current_umask() -> int:
    """The process umask (reading it means setting it; it is restored at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
