"""Helpers shared by the Kialo tests: reading test files, and a map's shape as edges."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from argmap.errors import MapFileError
from argmap.formats.kialo import KIALO
from argmap.model import ArgumentMap

DATA = Path(__file__).parent / "data" / "kialo"


def read_file(name: str):
    return KIALO.read((DATA / name).read_bytes().decode("utf-8"), name)


def read(text: str):
    return KIALO.read(text, "test.txt")


def edges(argument_map: ArgumentMap) -> Counter[tuple[str, str, str]]:
    """(premise id, target id, kind) for every relation."""
    return Counter((p, r.target, r.kind.value) for r in argument_map.relations for p in r.premises)


def text_edges(argument_map: ArgumentMap) -> Counter[tuple[str, str, str]]:
    """(premise text, target text, kind): the shape of a map independent of its ids."""
    text = {s.id: s.text for s in argument_map.statements}
    return Counter((text[p], text[t], k) for p, t, k in edges(argument_map))


def kialo_shape(argument_map: ArgumentMap) -> Counter[tuple[str, str, str]]:
    """What Kialo keeps of a map: one claim per premise; an undercut answers the first premise."""
    text = {s.id: s.text for s in argument_map.statements}
    relations = {r.id: r for r in argument_map.relations}
    shape: Counter[tuple[str, str, str]] = Counter()
    for relation in argument_map.relations:
        target = relation.target
        if target in relations:
            target = relations[target].premises[0]
        shape.update((text[p], text[target], relation.kind.value) for p in relation.premises)
    return shape


def warnings_of(result) -> list[tuple[int | None, str]]:
    return [(w.line, w.message) for w in result.warnings]


def error_of(text: str) -> str:
    with pytest.raises(MapFileError) as caught:
        read(text)
    return str(caught.value)
