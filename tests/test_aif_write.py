"""Writing AIF JSON, and maps that go to AIF and back unchanged."""

from __future__ import annotations

import json

import pytest
from conftest import MAPS, small_map
from hypothesis import HealthCheck, given, settings
from strategies import argument_maps
from test_aif import ARGUMENT, read

from argmap.files import dumps_map, load_map
from argmap.formats.aif import AIF
from argmap.formats.base import ReadResult
from argmap.model import ArgumentMap, Position


def structure(argument_map: ArgumentMap) -> tuple:
    """What a plain AIF reader must get back: texts, kinds, premises, targets."""
    return (
        [(s.id, s.text) for s in argument_map.statements],
        [(r.id, r.kind, r.premises, r.target) for r in argument_map.relations],
    )


def without_block(text: str) -> str:
    data = json.loads(text)
    del data["argmap"]
    return json.dumps(data)


# -- writing -----------------------------------------------------------------------------


def written(argument_map: ArgumentMap | None = None) -> dict:
    return json.loads(AIF.write(argument_map or small_map()))


def test_written_aif_has_the_aifdb_lists_and_string_ids():
    data = written()
    assert list(data)[:4] == ["nodes", "edges", "locutions", "participants"]
    assert all(isinstance(n["nodeID"], str) and n["type"] and "text" in n for n in data["nodes"])
    assert all(isinstance(e[k], str) for e in data["edges"] for k in ("edgeID", "fromID", "toID"))


def test_a_support_is_written_premise_to_ra_to_conclusion():
    data = written()
    assert {"nodeID": "r-deter", "text": "Default Inference", "type": "RA"} in data["nodes"]
    pairs = [(e["fromID"], e["toID"]) for e in data["edges"]]
    assert pairs[:3] == [("deterrence", "r-deter"), ("credible", "r-deter"), ("r-deter", "claim")]


def test_an_undercut_is_written_as_a_ca_node_pointing_at_the_ra_node():
    data = written()
    assert {"nodeID": "r-gimmick", "text": "Default Conflict", "type": "CA"} in data["nodes"]
    assert [e["toID"] for e in data["edges"] if e["fromID"] == "r-gimmick"] == ["r-deter"]


def test_a_speaker_is_written_as_participant_locution_and_asserting_illocution():
    data = written()
    nodes = {n["nodeID"]: n for n in data["nodes"]}
    into = {e["toID"]: e["fromID"] for e in data["edges"]}
    illocution = nodes[into["deterrence"]]
    locution = nodes[into[illocution["nodeID"]]]
    assert (illocution["type"], illocution["text"]) == ("YA", "Asserting")
    assert (locution["type"], locution["text"]) == (
        "L",
        "Shimon Peres: A formal guarantee deters attack",
    )
    person = next(e["personID"] for e in data["locutions"] if e["nodeID"] == locution["nodeID"])
    assert {"participantID": person, "firstname": "Shimon", "surname": "Peres"} in data[
        "participants"
    ]


def test_pinned_positions_are_written_in_an_ova_block():
    argument_map = small_map()
    argument_map.layout.positions["claim"] = Position(x=12.5, y=-3)
    assert written(argument_map)["OVA"]["nodes"] == [
        {"nodeID": "claim", "visible": True, "x": 12.5, "y": -3, "timestamp": ""}
    ]


def test_a_scheme_kept_in_a_note_is_written_back_on_its_node():
    nodes = [*ARGUMENT[:2], ("ra", "RA", "Argument From Expert Opinion")]
    result = read(nodes, [("p", "ra"), ("ra", "c")])
    assert {"nodeID": "ra", "text": "Argument From Expert Opinion", "type": "RA"} in written(
        result.map
    )["nodes"]


# -- round trips ----------------------------------------------------------------------------


def round_trip(argument_map: ArgumentMap) -> ReadResult:
    return AIF.read(AIF.write(argument_map))


def test_the_small_map_round_trips_exactly_without_warnings():
    result = round_trip(small_map())
    assert dumps_map(result.map) == dumps_map(small_map())
    assert result.warnings == []


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_every_example_map_round_trips_exactly(path):
    argument_map = load_map(path)
    assert dumps_map(round_trip(argument_map).map) == dumps_map(argument_map)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_any_map_round_trips_exactly(argument_map):
    result = round_trip(argument_map)
    assert dumps_map(result.map) == dumps_map(argument_map)
    assert result.warnings == []


def test_plain_aif_readers_get_statements_relations_undercuts_and_speakers():
    text = without_block(AIF.write(small_map()))
    result = AIF.read(text)
    assert structure(result.map) == structure(small_map())
    assert result.map.speakers() == small_map().speakers()
    assert result.map.statement("freedom").attribution.quote == "self-reliance"


@settings(max_examples=100, deadline=None)
@given(argument_maps())
def test_plain_aif_keeps_the_structure_of_any_map(argument_map):
    result = AIF.read(without_block(AIF.write(argument_map)))
    assert structure(result.map) == structure(argument_map)


def test_aif_read_written_and_read_again_is_unchanged():
    nodes = [
        *ARGUMENT,
        ("ra", "RA", "ExpertOpinion"),
        ("ca", "CA", "CA"),
        ("pa", "PA", "PA"),
        ("l", "L", "Bob: well, It is sunny"),
        ("y", "YA", "Asserting"),
    ]
    edges = [
        ("p", "ra"),
        ("ra", "c"),
        ("q", "ca"),
        ("ca", "ra"),
        ("p", "pa"),
        ("pa", "q"),
        ("l", "y"),
        ("y", "p"),
    ]
    first = read(nodes, edges).map
    again = round_trip(first)
    assert dumps_map(again.map) == dumps_map(first)
    assert again.warnings == []
