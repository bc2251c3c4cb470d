"""Carneades 4's own example graphs, converted by tests/data/carneades/convert.py.

Each map comes with the labels its Carneades original asserts; ``argmap
evaluate`` must reproduce every one (the implicit negations and undercutters,
which the command does not print, through the evaluation itself).
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from argmap.cli import main
from argmap.evaluation import Label, evaluate
from argmap.files import load_map

FOLDER = ROOT / "tests" / "data" / "carneades"
EXAMPLES = sorted(FOLDER.glob("*.argmap"))


def expected(path):
    return json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))


def test_the_examples_are_there():
    assert len(EXAMPLES) >= 20


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_argmap_evaluate_prints_every_expected_statement_label(path, capsys):
    assert main(["evaluate", str(path), "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)["statements"]
    wanted = expected(path)["statements"]
    assert {sid: printed[sid] for sid in wanted} == wanted


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_negations_and_undercutters_get_their_expected_labels(path):
    result = evaluate(load_map(path))
    wanted = expected(path)
    negations = {sid: str(result.negations[sid]) for sid in wanted["negations"]}
    undercutters = {
        rid: str(result.undercutters.get(rid, Label.OUT)) for rid in wanted["undercutters"]
    }
    assert (negations, undercutters) == (wanted["negations"], wanted["undercutters"])
