"""Where a value sits in JSON text, found by its path: the line and column for a message.

``.argmap`` files and AIF files report problems by JSON path
(``relations[3].target``), and a person wants the line. Python's json module
keeps no positions, and keeping one for every value of every file would cost
memory for the rare file with problems, so this scans the text again when a
message needs a place: it steps from member to member, decoding only each
key and skipping each value it passes with the C decoder, and stops at the
value wanted.

Skipping uses ``json.JSONDecoder().raw_decode(text, index)``: the decoder's
public method, given the index where the value starts. (The documentation
shows only ``raw_decode(s)``, but ``index`` has been part of its signature in
every Python 3; slicing the text instead would copy it at every step and make
a walk through a long array quadratic.) Keys are decoded the same way, since a
JSON key is a string and a string is a JSON value, so no private helper such
as ``json.decoder.scanstring`` is needed.

The text is expected to be JSON that has already been parsed successfully;
if it is not, the functions answer "not found" rather than raise. Of a key
repeated in one object, the first is found.

One JSON value is valid yet cannot be parsed: an integer with more digits
than Python converts (``sys.get_int_max_str_digits()``, 4,300 by default),
for which ``json.loads`` raises a ValueError that says neither where nor
which. :func:`too_long_integer` parses the text again, keeping such an
integer's digits as a string, and finds its path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence

__all__ = [
    "element_offsets",
    "line_column",
    "line_columns",
    "locate",
    "too_long_integer",
    "value_offset",
]

Path = Sequence[str | int]

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
_NOT_FOUND = (ValueError, IndexError, RecursionError)  # text that is not what was parsed


def locate(text: str, path: Path) -> tuple[int, int] | None:
    """Line and column (1-based) of the value at ``path``, or None if it is not there."""
    offset = value_offset(text, path)
    return None if offset is None else line_column(text, offset)


def value_offset(text: str, path: Path) -> int | None:
    """The offset where the value at ``path`` starts (object keys and array indexes), or None."""
    try:
        position = _skip(text, 1 if text.startswith("\ufeff") else 0)
        for part in path:
            child = _child(text, position, part)
            if child is None:
                return None
            position = child
    except _NOT_FOUND:
        return None
    return position


def element_offsets(text: str, path: Path, indexes: Iterable[int]) -> dict[int, int]:
    """Where each of ``indexes`` starts in the array at ``path``, walking the array once.

    The walk stops at the last index asked for; indexes beyond the end are left out.
    """
    wanted = set(indexes)
    found: dict[int, int] = {}
    start = value_offset(text, path)
    if not wanted or start is None or text[start] != "[":
        return found
    last = max(wanted)
    try:
        for index, offset in _members(text, start):
            if index in wanted:
                found[int(index)] = offset
            if index == last:
                break
    except _NOT_FOUND:
        pass
    return found


def line_column(text: str, offset: int) -> tuple[int, int]:
    """Line and column (1-based) of an offset."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def line_columns(text: str, offsets: Iterable[int]) -> dict[int, tuple[int, int]]:
    """Line and column of each offset, counting through the text once for all of them."""
    result: dict[int, tuple[int, int]] = {}
    line, counted, line_start = 1, 0, 0
    for offset in sorted(set(offsets)):
        newlines = text.count("\n", counted, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, offset) + 1
        counted = offset
        result[offset] = (line, offset - line_start + 1)
    return result


class _Digits(str):
    """The text of an integer too long for ``int()``."""


class _Members(list[tuple[str, object]]):
    """An object's members in the order of the text (a key may repeat)."""


def _integer(text: str) -> int | _Digits:
    try:
        return int(text)
    except ValueError:
        return _Digits(text)


def too_long_integer(text: str) -> tuple[list[str | int], int] | None:
    """The path of the first integer too long for Python to convert, and its number of digits.

    None if there is no such integer, or the text is not JSON for another reason.
    """
    try:
        data = json.loads(text, parse_int=_integer, object_pairs_hook=_Members)
    except (ValueError, RecursionError):
        return None
    pending: list[tuple[list[str | int], object]] = [([], data)]
    while pending:  # depth first, in the order of the text
        path, value = pending.pop()
        if isinstance(value, _Digits):
            return path, len(value.lstrip("-"))
        children: list[tuple[str | int, object]]
        if isinstance(value, _Members):
            children = list(value)
        elif isinstance(value, list):
            children = list(enumerate(value))
        else:
            continue
        pending.extend(([*path, key], child) for key, child in reversed(children))
    return None


def _skip(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match else position


def _child(text: str, position: int, part: str | int) -> int | None:
    """The offset of one member of the object or array at ``position``."""
    opener = text[position]
    by_index = isinstance(part, int) and not isinstance(part, bool)
    if (opener, by_index) not in (("{", False), ("[", True)):
        return None
    for key, offset in _members(text, position):
        if key == part:
            return offset
    return None


def _members(text: str, position: int) -> Iterator[tuple[str | int, int]]:
    """(key or index, offset of the value) of each member of the object or array at ``position``.

    Each value is skipped only when the next member is asked for, so a caller
    that stops early decodes nothing past what it needed.
    """
    is_object = text[position] == "{"
    position = _skip(text, position + 1)
    index = 0
    while text[position] not in "]}":
        key: str | int = index
        if is_object:
            key, position = _DECODER.raw_decode(text, position)
            position = _skip(text, _skip(text, position) + 1)  # past the colon
        yield key, position
        _, position = _DECODER.raw_decode(text, position)
        position = _skip(text, position)
        if text[position] == ",":
            position = _skip(text, position + 1)
        index += 1
