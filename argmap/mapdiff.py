"""What changed between two versions of a map, element by element, by id.

A map is compared as its parts: the map's own settings (title, authors,
layout direction …), and keyed collections of elements (statements,
relations, sources, groups, pinned positions). Which fields there are is
read from the model, not listed here, so a field added to the model later
is compared without any change to this module. Statements moving between
groups are reported as moves of the statement, and relations whose premises
or target changed as re-pointed.

:func:`split_map` and :func:`join_map` are also the parts the three-way merge
(:mod:`argmap.mapmerge`) works on.
"""

from __future__ import annotations

import difflib
import json
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from pydantic import BaseModel

from argmap.model import ArgumentMap

__all__ = [
    "ABSENT",
    "Change",
    "FieldChange",
    "changed_words",
    "diff_maps",
    "field_changes",
    "group_of",
    "join_map",
    "render_text",
    "shortened",
    "singular",
    "split_map",
    "to_json",
    "word_diff",
]


class _Absent:
    """No such element (or key) on this side; unlike None, which is a value."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Final = _Absent()
_HEADER: Final = ("format", "version")  # derived when the file is written, not content
_POINTING: Final = ("premises", "target")  # what a re-pointed relation changed
_NAMES: Final = {"layout.positions": "position"}


@dataclass(frozen=True)
class FieldChange:
    """One field (dotted for nested values, e.g. ``attribution.quote``) before and after."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Change:
    """What happened to one element: added, removed, changed, moved, repointed or reordered.

    ``collection`` is the map key the element lives in (``statements``,
    ``layout.positions``, or ``map`` for the map's own settings); ``value``
    is the whole element for additions and removals.
    """

    kind: str
    collection: str
    id: str
    fields: tuple[FieldChange, ...] = ()
    value: Any = None


# -- a map as parts -----------------------------------------------------------


def _keyed_item(annotation: Any) -> type[BaseModel] | None:
    """The element model of a list of elements with ids, or a dict of elements by id."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    item = args[0] if origin is list and args else args[1] if origin is dict and args else None
    if not (isinstance(item, type) and issubclass(item, BaseModel)):
        return None
    return item if origin is dict or "id" in item.model_fields else None


def _as_model(annotation: Any) -> type[BaseModel] | None:
    """The model class of a nested object field (the map's layout), else None."""
    is_model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
    return annotation if is_model else None


def split_map(
    argument_map: ArgumentMap,
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The map's settings by dotted name, and its elements by collection and id (JSON values)."""
    settings: dict[str, Any] = {}
    collections: dict[str, dict[str, Any]] = {}
    _split(ArgumentMap, argument_map.model_dump(mode="json"), "", settings, collections)
    return settings, collections


def _split(
    model: type[BaseModel],
    data: dict[str, Any],
    prefix: str,
    settings: dict[str, Any],
    collections: dict[str, dict[str, Any]],
) -> None:
    for key, info in model.model_fields.items():
        if not prefix and key in _HEADER:
            continue
        name, value = prefix + key, data[key]
        if _keyed_item(info.annotation) is not None:
            items = value.items() if isinstance(value, dict) else ((v["id"], v) for v in value)
            collections[name] = dict(items)
        elif (nested := _as_model(info.annotation)) is not None and isinstance(value, dict):
            _split(nested, value, name + ".", settings, collections)
        else:
            settings[name] = value


def join_map(settings: dict[str, Any], collections: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The JSON of a map from its parts (the inverse of :func:`split_map`)."""
    return _join(ArgumentMap, "", settings, collections)


def _join(
    model: type[BaseModel],
    prefix: str,
    settings: dict[str, Any],
    collections: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, info in model.model_fields.items():
        name = prefix + key
        if not prefix and key in _HEADER:
            continue
        if _keyed_item(info.annotation) is not None:
            elements = collections.get(name, {})
            is_dict = typing.get_origin(info.annotation) is dict
            data[key] = dict(elements) if is_dict else list(elements.values())
        elif (nested := _as_model(info.annotation)) is not None:
            data[key] = _join(nested, name + ".", settings, collections)
        elif name in settings:
            data[key] = settings[name]
    return data


def group_of(groups: dict[str, Any]) -> dict[str, str]:
    """Each grouped statement's group (the first, should a broken map list it twice)."""
    found: dict[str, str] = {}
    for group_id, group in groups.items():
        for statement_id in group.get("statements", ()):
            found.setdefault(statement_id, group_id)
    return found


def singular(collection: str) -> str:
    """``statements`` → ``statement``: how one element of a collection is named."""
    return _NAMES.get(collection, collection.rsplit(".", 1)[-1].removesuffix("s"))


# -- comparing ------------------------------------------------------------------


def diff_maps(old: ArgumentMap, new: ArgumentMap) -> list[Change]:
    """Every difference between two maps; empty exactly when they are equal."""
    old_settings, old_parts = split_map(old)
    new_settings, new_parts = split_map(new)
    changes: list[Change] = []
    settings = field_changes(old_settings, new_settings)
    if settings:
        changes.append(Change("changed", "map", "", tuple(settings)))
    for name in dict.fromkeys([*old_parts, *new_parts]):
        changes.extend(_collection_changes(name, old_parts.get(name, {}), new_parts.get(name, {})))
    old_groups = group_of(old_parts.get("groups", {}))
    new_groups = group_of(new_parts.get("groups", {}))
    both = [
        sid for sid in old_parts.get("statements", {}) if sid in new_parts.get("statements", {})
    ]
    for statement_id in both:
        before, after = old_groups.get(statement_id), new_groups.get(statement_id)
        if before != after:
            move = FieldChange("group", before, after)
            changes.append(Change("moved", "statements", statement_id, (move,)))
    return changes


def _collection_changes(name: str, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    for element_id, element in old.items():
        if element_id not in new:
            yield Change("removed", name, element_id, value=element)
    for element_id, element in new.items():
        if element_id not in old:
            yield Change("added", name, element_id, value=element)
            continue
        before = old[element_id]
        if before == element:
            continue
        if name == "groups":
            before, element = _membership_order(before, element)
        changed = field_changes(before, element)
        pointing = [c for c in changed if name == "relations" and c.field in _POINTING]
        rest = [c for c in changed if c not in pointing]
        if pointing:
            yield Change("repointed", name, element_id, tuple(pointing))
        if rest:
            yield Change("changed", name, element_id, tuple(rest))
    common = [element_id for element_id in old if element_id in new]
    reordered = [element_id for element_id in new if element_id in old]
    if common != reordered:
        yield Change("reordered", name, "", (FieldChange("order", common, reordered),))


def _membership_order(
    old: dict[str, Any], new: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Groups compared without who is in them (those are moves), but with their order."""
    before, after = old.get("statements", []), new.get("statements", [])
    kept_before = [s for s in before if s in after]
    kept_after = [s for s in after if s in before]
    old = {k: v for k, v in old.items() if k != "statements"}
    new = {k: v for k, v in new.items() if k != "statements"}
    if kept_before != kept_after:
        old["statements"], new["statements"] = kept_before, kept_after
    return old, new


def field_changes(old: dict[str, Any], new: dict[str, Any], prefix: str = "") -> list[FieldChange]:
    """The fields that differ; nested objects are compared field by field."""
    found: list[FieldChange] = []
    for key in dict.fromkeys([*old, *new]):
        before, after = old.get(key, ABSENT), new.get(key, ABSENT)
        if before == after or key == "id":
            continue
        if isinstance(before, dict) and isinstance(after, dict):
            found.extend(field_changes(before, after, f"{prefix}{key}."))
        else:
            found.append(FieldChange(prefix + key, before, after))
    return found


# -- word-level differences -------------------------------------------------------

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
# A sentence or a line, with the spaces after it: texts are matched sentence by sentence
# first, so that a long text (a source's article) is not matched word against word.
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)\s*")
# Beyond this many pairs of items (sentences, or words of changed sentences) in between the
# common start and end of two texts, exact matching is not tried (see _opcodes).
_MATCHING_LIMIT: Final = 250_000

_Code = tuple[str, int, int, int, int]  # difflib's opcode: tag, i1, i2, j1, j2


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``old`` to ``new`` as runs of kept (``=``), removed (``-``) and added (``+``) words.

    Changed words separated only by spaces make one change (``[-a b-]{+c d+}``),
    not a change per word.
    """
    before, after = _tokens(old), _tokens(new)
    codes = _token_codes(before, after)
    runs: list[tuple[str, str]] = []
    removed: list[str] = []
    added: list[str] = []
    for number, (tag, i1, i2, j1, j2) in enumerate(codes):
        kept = "".join(before[0][i1:i2])
        bridge = 0 < number < len(codes) - 1 and not kept.strip()
        if tag != "equal" or (bridge and removed + added):
            removed.append(kept if tag == "equal" else "".join(before[0][i1:i2]))
            added.append(kept if tag == "equal" else "".join(after[0][j1:j2]))
            continue
        _flush(runs, removed, added)
        if runs and runs[-1][0] == "=":
            runs[-1] = ("=", runs[-1][1] + kept)
        else:
            runs.append(("=", kept))
    _flush(runs, removed, added)
    return runs


def _tokens(text: str) -> tuple[list[str], list[str], list[int]]:
    """A text's words, its sentences, and where each sentence's words start."""
    sentences = [piece for piece in _SENTENCE.findall(text) if piece]
    words: list[str] = []
    starts = [0]
    for sentence in sentences:
        words.extend(_TOKEN.findall(sentence))
        starts.append(len(words))
    return words, sentences, starts


def _token_codes(
    before: tuple[list[str], list[str], list[int]], after: tuple[list[str], list[str], list[int]]
) -> list[_Code]:
    """Word-level opcodes: sentences matched first, then the words of changed sentences."""
    (_, old_sentences, old_starts), (_, new_sentences, new_starts) = before, after
    codes: list[_Code] = []
    for tag, i1, i2, j1, j2 in _opcodes(old_sentences, new_sentences, whole=False):
        if tag == "equal":
            codes.append(("equal", old_starts[i1], old_starts[i2], new_starts[j1], new_starts[j2]))
        elif i2 - i1 == j2 - j1:  # as many sentences on each side: each one edited
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                codes.extend(_words_of(before, after, i, i + 1, j, j + 1))
        else:
            codes.extend(_words_of(before, after, i1, i2, j1, j2))
    return codes


def _words_of(
    before: tuple[list[str], list[str], list[int]],
    after: tuple[list[str], list[str], list[int]],
    i1: int,
    i2: int,
    j1: int,
    j2: int,
) -> list[_Code]:
    """Word-level opcodes of sentences ``i1:i2`` of one text against ``j1:j2`` of the other."""
    x1, x2, y1, y2 = before[2][i1], before[2][i2], after[2][j1], after[2][j2]
    words = _passage_codes(before[0][x1:x2], after[0][y1:y2])
    return [(op, a1 + x1, a2 + x1, b1 + y1, b2 + y1) for op, a1, a2, b1, b2 in words]


def _passage_codes(before: list[str], after: list[str]) -> list[_Code]:
    """Word-level opcodes of two passages (whole ones when they are too long to match)."""
    return [c for c in _opcodes(before, after, whole=True) if c[1] < c[2] or c[3] < c[4]]


def _opcodes(before: list[str], after: list[str], *, whole: bool) -> list[_Code]:
    """difflib's opcodes, kept quick: the common start and end are not matched item by item.

    Beyond ``_MATCHING_LIMIT`` pairs of items in between, exact matching (quadratic at
    worst, and worse with many repeated items) is not tried: the middle is one replacement
    (``whole``), or matched skipping the commonest items (difflib's ``autojunk``).
    """
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < min(len(before), len(after)) - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    old, new = before[head : len(before) - tail], after[head : len(after) - tail]
    if not old and not new:
        middle: list[_Code] = []
    elif len(old) * len(new) <= _MATCHING_LIMIT or not old or not new:
        middle = list(difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes())
    elif whole:
        middle = [("replace", 0, len(old), 0, len(new))]
    else:
        middle = list(difflib.SequenceMatcher(None, old, new, autojunk=True).get_opcodes())
    codes: list[_Code] = [("equal", 0, head, 0, head)] if head else []
    codes += [(op, a1 + head, a2 + head, b1 + head, b2 + head) for op, a1, a2, b1, b2 in middle]
    if tail:
        codes.append(("equal", len(before) - tail, len(before), len(after) - tail, len(after)))
    return codes


def _flush(runs: list[tuple[str, str]], removed: list[str], added: list[str]) -> None:
    if "".join(removed):
        runs.append(("-", "".join(removed)))
    if "".join(added):
        runs.append(("+", "".join(added)))
    removed.clear()
    added.clear()


# -- output ---------------------------------------------------------------------------


def _show(value: Any) -> str:
    if value is ABSENT or value is None:
        return "(none)"
    if isinstance(value, str):
        return json.dumps(shortened(value), ensure_ascii=False)
    return shortened(json.dumps(value, ensure_ascii=False))


def shortened(text: str, limit: int = 300) -> str:
    """A long text as its start and its end, saying how long it is (for people, not programs)."""
    if len(text) <= limit:
        return text
    keep = limit // 2
    return f"{text[:keep].rstrip()} … {text[-keep:].lstrip()} ({len(text):,} characters)"


# Of a run of kept words, this many characters are shown on each side of a change.
_CONTEXT: Final = 60


def _kept(text: str, first: bool, last: bool) -> str:
    """A run of kept words, cut to the words next to the changes around it."""
    if len(text) <= 3 * _CONTEXT:
        return text
    start = "" if first else text[:_CONTEXT].rsplit(" ", 1)[0] + " "
    end = "" if last else " " + text[-_CONTEXT:].split(" ", 1)[-1]
    return f"{start}…{end}"


def changed_words(old: str, new: str) -> str:
    """One line for people: ``[-removed-]{+added+}`` in the words around them (``↵``: a newline).

    Long stretches of kept words are cut to the words next to a change.
    """
    runs = word_diff(old, new)
    marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    shown = [
        _kept(text, n == 0, n == len(runs) - 1) if op == "=" else shortened(text, 600)
        for n, (op, text) in enumerate(runs)
    ]
    line = "".join(marks[op].format(text) for (op, _), text in zip(runs, shown, strict=True))
    return line.replace("\n", "↵")


def _field_line(change: FieldChange) -> str:
    if isinstance(change.old, str) and isinstance(change.new, str):
        return f"{change.field}: {changed_words(change.old, change.new)}"
    return f"{change.field}: {_show(change.old)} → {_show(change.new)}"


def render_text(changes: list[Change]) -> str:
    """The changes for people: one line per element, one indented line per field."""
    lines: list[str] = []
    for change in changes:
        what = "map" if change.collection == "map" else singular(change.collection)
        head = f"{change.kind} {what}" + (f" {change.id}" if change.id else "")
        if change.kind in ("added", "removed"):
            value = change.value
            # A statement by its text, anything else by its title (a source's text is its article).
            keys = ("text", "title") if change.collection == "statements" else ("title",)
            found = [value.get(k) for k in keys if isinstance(value, dict) and value.get(k)]
            summary = found[0] if found else None
            lines.append(f"{head}: {_show(summary if summary else value)}")
        elif change.kind == "reordered":
            lines.append(f"reordered {change.collection}")
        else:
            lines.append(head)
            lines.extend("  " + _field_line(f) for f in change.fields)
    return "\n".join(lines)


def to_json(changes: list[Change]) -> dict[str, Any]:
    """The changes as JSON values (absent values are null), with word runs for texts."""

    def value(v: Any) -> Any:
        return None if v is ABSENT else v

    def one_field(f: FieldChange) -> dict[str, Any]:
        entry = {"field": f.field, "old": value(f.old), "new": value(f.new)}
        if isinstance(f.old, str) and isinstance(f.new, str):
            entry["words"] = [list(run) for run in word_diff(f.old, f.new)]
        return entry

    listed = []
    for change in changes:
        entry: dict[str, Any] = {
            "kind": change.kind,
            "collection": change.collection,
            "id": change.id,
        }
        if change.fields:
            entry["fields"] = [one_field(f) for f in change.fields]
        if change.value is not None:
            entry["value"] = change.value
        listed.append(entry)
    return {"equal": not changes, "changes": listed}
