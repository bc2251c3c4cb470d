"""Real AIF files (AraucariaDB, AIFdb, OVA): every proposition, inference and conflict is kept.

The expected contents are counted from each file's own JSON here, never
copied by hand, so the tests hold for any file added to the corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.errors import Severity
from argmap.files import dumps_map
from argmap.formats import read_any
from argmap.formats.aif import AIF
from argmap.formats.base import ReadResult

CORPUS = Path(__file__).parents[2] / "shared" / "corpus"
FILES = sorted((CORPUS / "aif").rglob("*.json")) if (CORPUS / "aif").is_dir() else []


def corpus_files():
    if not FILES:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no AIF corpus at {CORPUS}"))]
    return [pytest.param(path, id=str(path.relative_to(CORPUS / "aif"))) for path in FILES]


def aif_data(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    return data["AIF"] if "nodes" not in data else data


def nodes_of(data: dict, *types: str) -> list[dict]:
    return [n for n in data["nodes"] if n["type"] in types]


def into(data: dict, node_id: str) -> list[str]:
    return [str(e["fromID"]) for e in data["edges"] if str(e["toID"]) == node_id]


def out_of(data: dict, node_id: str) -> list[str]:
    return [str(e["toID"]) for e in data["edges"] if str(e["fromID"]) == node_id]


def read(path: Path) -> ReadResult:
    return AIF.read(path.read_text(encoding="utf-8-sig"), str(path))


@pytest.mark.parametrize("path", corpus_files())
def test_every_i_node_is_a_statement_with_its_text(path):
    argument_map = read(path).map
    for node in nodes_of(aif_data(path), "I"):
        assert argument_map.statement(str(node["nodeID"])).text == node["text"]


def assert_inferences_read_as(path, node_type: str, kind: str) -> None:
    """Each ``node_type`` node is a relation of ``kind`` from its I-node premises to its target."""
    data = aif_data(path)
    argument_map = read(path).map
    i_nodes = {str(n["nodeID"]) for n in nodes_of(data, "I")}
    for node in nodes_of(data, node_type):
        node_id = str(node["nodeID"])
        relation = argument_map.relation(node_id)
        premises = [k for k in into(data, node_id) if k in i_nodes]
        assert (relation.kind, relation.premises, relation.target) == (
            kind,
            premises,
            out_of(data, node_id)[0],
        )


@pytest.mark.parametrize("path", corpus_files())
def test_every_ra_node_is_a_support_from_its_premises_to_its_conclusion(path):
    assert_inferences_read_as(path, "RA", "support")


@pytest.mark.parametrize("path", corpus_files())
def test_every_ca_node_is_an_attack_from_its_premises_on_its_target(path):
    assert_inferences_read_as(path, "CA", "attack")


@pytest.mark.parametrize("path", corpus_files())
def test_no_relation_is_invented(path):
    inference_ids = {str(n["nodeID"]) for n in nodes_of(aif_data(path), "RA", "CA", "MA")}
    assert {r.id for r in read(path).map.relations} == inference_ids


@pytest.mark.parametrize("path", corpus_files())
def test_every_asserted_locution_gives_its_statement_a_speaker(path):
    data = aif_data(path)
    kinds = {str(n["nodeID"]): n["type"] for n in data["nodes"]}
    argument_map = read(path).map
    anchored = {
        target
        for ya, kind in kinds.items()
        if kind == "YA" and any(kinds[k] == "L" for k in into(data, ya))
        for target in out_of(data, ya)
        if kinds[target] == "I"
    }
    for statement_id in anchored:
        attribution = argument_map.statement(statement_id).attribution
        assert attribution is not None, statement_id
        assert attribution.speaker, statement_id


@pytest.mark.parametrize("path", corpus_files())
def test_reading_gives_warnings_with_messages_never_errors(path):
    for problem in read(path).warnings:
        assert problem.severity is Severity.WARNING
        assert problem.message


@pytest.mark.parametrize("path", corpus_files())
def test_what_was_read_is_written_and_read_back_unchanged(path):
    first = read(path).map
    again = AIF.read(AIF.write(first))
    assert dumps_map(again.map) == dumps_map(first)
    assert again.warnings == []


@pytest.mark.parametrize("path", corpus_files())
def test_the_file_is_recognised_as_aif_from_its_contents(path):
    assert AIF.sniff(path.read_text(encoding="utf-8-sig"))
    assert len(read_any(path).map.statements) == len(read(path).map.statements)
