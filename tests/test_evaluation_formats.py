"""Weighing, weights and proof standards travel through AIF and Argdown."""

from __future__ import annotations

import pytest

from argmap.formats import read_any, write_any
from argmap.model import ArgumentMap


def settings_map() -> ArgumentMap:
    return ArgumentMap.model_validate(
        {
            "statements": [
                {"id": "a", "text": "A", "standard": "brd", "acceptance": "accepted"},
                {"id": "b", "text": "B", "standard": "cce"},
                {"id": "c", "text": "C"},
            ],
            "relations": [
                {
                    "id": "r1",
                    "kind": "support",
                    "premises": ["a", "c"],
                    "target": "b",
                    "weighing": "cumulative",
                    "weight": 0.4,
                },
                {"id": "r2", "kind": "attack", "premises": ["c"], "target": "b", "weight": 0.25},
                {
                    "id": "r3",
                    "kind": "attack",
                    "premises": ["c"],
                    "target": "r1",
                    "weighing": "convergent",
                },
            ],
        }
    )


def evaluation_settings(argument_map: ArgumentMap) -> tuple[dict, dict]:
    return (
        {s.id: s.standard for s in argument_map.statements},
        {r.id: (r.weighing, r.weight) for r in argument_map.relations},
    )


@pytest.mark.parametrize("suffix", [".json", ".argdown"])
def test_settings_survive_a_round_trip(tmp_path, suffix):
    path = tmp_path / f"map{suffix}"
    path.write_text(write_any(settings_map(), path), encoding="utf-8")
    result = read_any(path)
    assert evaluation_settings(result.map) == evaluation_settings(settings_map())
    assert result.warnings == []


def test_an_unusable_argdown_weighing_is_reported_and_ignored(tmp_path):
    path = tmp_path / "map.argdown"
    path.write_text(
        "[b]: B {standard: certain}\n  + <r1>\n\n<r1> {weighing: heavy, weight: 2}\n\n"
        "(1) [a]: A\n----\n(2) [b]\n",
        encoding="utf-8",
    )
    result = read_any(path)
    assert result.map.statement("b").standard is None
    assert [(r.weighing, r.weight) for r in result.map.relations] == [(None, None)]
    messages = " ".join(w.message for w in result.warnings)
    assert "'standard'" in messages
    assert "'weighing'" in messages
    assert "'weight'" in messages


def test_an_aif_block_weight_outside_zero_to_one_is_ignored_with_a_warning(tmp_path):
    path = tmp_path / "map.json"
    text = write_any(settings_map(), path).replace('"weight": 0.25', '"weight": 7')
    path.write_text(text, encoding="utf-8")
    result = read_any(path)
    assert result.map.relation("r2").weight is None
    assert any('"weight" is not valid' in w.message for w in result.warnings)
