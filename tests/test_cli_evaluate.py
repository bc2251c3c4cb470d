"""``argmap evaluate`` and ``argmap export --evaluate``."""

from __future__ import annotations

import json

import pytest
from conftest import MAPS
from evaluation_helpers import build

from argmap.cli import main
from argmap.files import load_map, save_map


@pytest.fixture
def reinstated(tmp_path):
    path = tmp_path / "map.argmap"
    m = build(
        ["claim", ("e", "accepted"), "o", ("rebut", "accepted")],
        [
            ("r-e", "support", "e", "claim"),
            ("r-o", "attack", "o", "claim"),
            ("r-rebut", "attack", "rebut", "o"),
        ],
    )
    save_map(m, path)
    return path


def test_json_output_is_exactly_statements_and_relations(reinstated, capsys):
    assert main(["evaluate", str(reinstated), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "statements": {"claim": "in", "e": "in", "o": "out", "rebut": "in"},
        "relations": {
            "r-e": {"applicable": True, "weight": 1.0},
            "r-o": {"applicable": True, "weight": 0.0},
            "r-rebut": {"applicable": True, "weight": 1.0},
        },
    }


def test_text_output_lists_labels_and_relations(reinstated, capsys):
    assert main(["evaluate", str(reinstated)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "statements: 3 in, 1 out, 0 undecided"
    assert "  out        o      O" in out
    assert "r-o      applicable, weight 0" in out


def test_why_adds_an_explanation_under_each_statement(reinstated, capsys):
    assert main(["evaluate", str(reinstated), "--why"]) == 0
    out = capsys.readouterr().out
    assert "Out: the objection “REBUT” (weight 1) stands against it" in out


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_the_seed_maps_evaluate(path, capsys):
    assert main(["evaluate", str(path), "--format", "json"]) == 0
    labels = json.loads(capsys.readouterr().out)["statements"]
    assert set(labels) == {s.id for s in load_map(path).statements}
    assert set(labels.values()) <= {"in", "out", "undecided"}


def test_a_weight_outside_zero_to_one_is_an_error_naming_the_relation(tmp_path, capsys):
    path = tmp_path / "bad.argmap"
    path.write_text(
        '{"format": "argmap", "statements": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],'
        ' "relations": [{"id": "heavy", "kind": "support", "premises": ["a"], "target": "b",'
        ' "weight": 1.5}]}',
        encoding="utf-8",
    )
    assert main(["evaluate", str(path)]) == 1
    assert "relation 'heavy': weight 1.5 is not between 0 and 1" in capsys.readouterr().err


def test_a_statement_attacking_itself_is_refused_before_evaluation(tmp_path, capsys):
    path = tmp_path / "self.argmap"
    path.write_text(
        '{"format": "argmap", "statements": [{"id": "a", "text": "A"}],'
        ' "relations": [{"id": "r", "kind": "attack", "premises": ["a"], "target": "a"}]}',
        encoding="utf-8",
    )
    assert main(["evaluate", str(path)]) == 1
    assert "cannot be a premise for itself" in capsys.readouterr().err


def test_export_evaluate_draws_a_badge_and_a_border_per_label(reinstated, capsys):
    assert main(["export", str(reinstated), "--evaluate", "-f", "dot", "-o", "-"]) == 0
    dot = capsys.readouterr().out
    assert dot.count("✓ IN") == 3
    assert dot.count("✗ OUT") == 1
    assert 'style="rounded,filled,dashed" penwidth="2"' in dot


def test_export_evaluate_fades_arguments_that_weigh_nothing(reinstated, capsys):
    assert main(["export", str(reinstated), "--evaluate", "-f", "dot", "-o", "-"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "edge-" in line]
    faded = [line for line in lines if 'penwidth="0.8"' in line]
    assert ['"edge-r-o"' in line for line in faded] == [True]


def test_export_without_evaluate_draws_no_badges(reinstated, capsys):
    assert main(["export", str(reinstated), "-f", "dot", "-o", "-"]) == 0
    assert "✓" not in capsys.readouterr().out
