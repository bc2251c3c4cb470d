"""AIF JSON: what each AIF construct becomes, what hostile input gives, and round trips."""

from __future__ import annotations

import json

import pytest
from conftest import small_map

from argmap.errors import Severity
from argmap.formats import format_by_name, formats_for_path, read_any
from argmap.formats.aif import AIF
from argmap.formats.base import ReadResult
from argmap.model import Attribution, Position, Relation

# -- helpers -------------------------------------------------------------------


def aif_text(nodes, edges=(), **more) -> str:
    """AIF JSON from (id, type, text) nodes and (from, to) edges."""
    return json.dumps(
        {
            "nodes": [{"nodeID": i, "text": text, "type": kind} for i, kind, text in nodes],
            "edges": [
                {"edgeID": str(n), "fromID": a, "toID": b} for n, (a, b) in enumerate(edges, 1)
            ],
            **more,
        }
    )


def read(nodes, edges=(), **more) -> ReadResult:
    return AIF.read(aif_text(nodes, edges, **more))


def messages(result: ReadResult) -> str:
    assert all(p.severity is Severity.WARNING for p in result.warnings)
    return "\n".join(p.message for p in result.warnings)


def relation(result: ReadResult, relation_id: str) -> Relation:
    return result.map.relation(relation_id)


ARGUMENT = [("c", "I", "We should go"), ("p", "I", "It is sunny"), ("q", "I", "We are free")]


# -- the argument layer ----------------------------------------------------------


def test_i_nodes_become_statements_with_their_ids_and_texts():
    result = read(ARGUMENT)
    assert [(s.id, s.text) for s in result.map.statements] == [
        ("c", "We should go"),
        ("p", "It is sunny"),
        ("q", "We are free"),
    ]


def test_an_ra_node_with_several_premises_is_one_linked_support():
    result = read([*ARGUMENT, ("ra", "RA", "RA")], [("p", "ra"), ("q", "ra"), ("ra", "c")])
    assert relation(result, "ra") == Relation(
        id="ra", kind="support", premises=["p", "q"], target="c"
    )


def test_a_ca_node_between_statements_is_an_attack():
    result = read([*ARGUMENT, ("ca", "CA", "CA")], [("p", "ca"), ("ca", "c")])
    assert relation(result, "ca") == Relation(id="ca", kind="attack", premises=["p"], target="c")


def test_a_ca_node_pointing_at_an_ra_node_is_an_undercut():
    nodes = [*ARGUMENT, ("ra", "RA", "RA"), ("ca", "CA", "CA")]
    result = read(nodes, [("p", "ra"), ("ra", "c"), ("q", "ca"), ("ca", "ra")])
    assert relation(result, "ca").target == "ra"


def test_a_ca_node_pointing_at_a_ca_node_undercuts_that_attack():
    nodes = [*ARGUMENT, ("ca1", "CA", "CA"), ("ca2", "CA", "CA")]
    result = read(nodes, [("p", "ca1"), ("ca1", "c"), ("q", "ca2"), ("ca2", "ca1")])
    assert relation(result, "ca2") == Relation(
        id="ca2", kind="attack", premises=["q"], target="ca1"
    )


def test_an_ma_node_is_kept_as_a_support_with_a_warning_naming_it():
    result = read([*ARGUMENT[:2], ("ma", "MA", "Default Rephrase")], [("p", "ma"), ("ma", "c")])
    assert relation(result, "ma").kind == "support"
    assert "AIF node ma of type MA (rephrase) kept as a support relation" in messages(result)


def test_a_pa_node_is_kept_as_a_note_with_a_warning_naming_it():
    result = read(
        [*ARGUMENT[:2], ("123", "PA", "Default Preference")], [("p", "123"), ("123", "c")]
    )
    assert "AIF node 123 of type PA (preference) kept as a note" in messages(result)
    assert "AIF PA node 123 'Default Preference': from p to c" in result.map.statement("c").note
    assert result.map.relations == []


def test_a_node_of_unknown_type_linking_no_statement_is_kept_in_the_description():
    result = read([*ARGUMENT, ("x1", "XYZ", "something odd")])
    assert "AIF XYZ node x1 'something odd'" in result.map.description
    assert "AIF node x1 of type XYZ (unknown)" in messages(result)


def test_the_scheme_of_an_inference_is_kept_in_the_note_of_its_conclusion():
    nodes = [*ARGUMENT[:2], ("ra", "RA", "Argument From Expert Opinion")]
    result = read(nodes, [("p", "ra"), ("ra", "c")])
    assert result.map.statement("c").note == (
        "AIF RA scheme of relation ra: Argument From Expert Opinion"
    )
    assert "'Argument From Expert Opinion' is kept in the note of statement 'c'" in messages(result)


def test_the_scheme_key_names_the_scheme_when_the_text_is_generic():
    data = json.loads(aif_text([*ARGUMENT[:2], ("ra", "RA", "RA")], [("p", "ra"), ("ra", "c")]))
    data["nodes"][2]["scheme"] = "ExpertOpinion"
    result = AIF.read(json.dumps(data))
    assert result.map.statement("c").note == "AIF RA scheme of relation ra: ExpertOpinion"


def test_default_scheme_names_add_no_note_and_no_warning():
    nodes = [*ARGUMENT[:2], ("ra", "RA", "Default Inference")]
    result = read(nodes, [("p", "ra"), ("ra", "c")])
    assert result.map.statement("c").note is None
    assert result.warnings == []


def test_an_inference_without_a_conclusion_is_kept_as_a_note_on_its_premise():
    result = read([*ARGUMENT[:2], ("ra", "RA", "RA")], [("p", "ra")])
    assert result.map.relations == []
    assert (
        "AIF RA node ra 'RA': from p to nothing (it has no conclusion)"
        in result.map.statement("p").note
    )
    assert "AIF node ra of type RA (inference) (it has no conclusion) kept as" in messages(result)


def test_an_undercut_of_an_inference_that_cannot_be_kept_is_kept_as_a_note_too():
    nodes = [*ARGUMENT, ("ra", "RA", "RA"), ("ca", "CA", "CA")]
    result = read(nodes, [("ra", "c"), ("q", "ca"), ("ca", "ra")])  # ra has no premise
    assert result.map.relations == []
    assert "AIF CA node ca" in result.map.statement("q").note


def test_an_inference_with_two_conclusions_becomes_one_relation_per_conclusion():
    result = read([*ARGUMENT, ("ra", "RA", "RA")], [("p", "ra"), ("ra", "c"), ("ra", "q")])
    assert [(r.id, r.target) for r in result.map.relations] == [("ra", "c"), ("ra-2", "q")]
    assert "AIF node ra has 2 conclusions" in messages(result)


def test_a_statement_that_is_premise_and_conclusion_of_one_inference_stays_the_conclusion():
    result = read([*ARGUMENT, ("ra", "RA", "RA")], [("p", "ra"), ("c", "ra"), ("ra", "c")])
    assert relation(result, "ra").premises == ["p"]
    assert "statement c is both premise and conclusion" in messages(result)


def test_an_edge_between_two_statements_is_kept_as_a_note_on_the_second():
    result = read(ARGUMENT, [("p", "c")])
    assert result.map.statement("c").note == "AIF edge 1: from statement p (no inference node)"
    assert "AIF edge 1 from node p (I) to node c (I)" in messages(result)


def test_a_circle_of_inferences_is_read():
    nodes = [*ARGUMENT, ("ra1", "RA", "RA"), ("ra2", "RA", "RA")]
    result = read(nodes, [("p", "ra1"), ("ra1", "c"), ("c", "ra2"), ("ra2", "p")])
    assert [r.target for r in result.map.relations] == ["c", "p"]


def test_undercuts_that_undercut_each_other_are_read():
    nodes = [*ARGUMENT, ("ca1", "CA", "CA"), ("ca2", "CA", "CA")]
    result = read(nodes, [("p", "ca1"), ("ca1", "ca2"), ("q", "ca2"), ("ca2", "ca1")])
    assert {(r.id, r.target) for r in result.map.relations} == {("ca1", "ca2"), ("ca2", "ca1")}
    assert result.map.roles()  # roles of a circle of undercuts still end


def test_orphan_statements_are_kept():
    result = read([*ARGUMENT, ("lonely", "I", "Nobody argues about me")])
    assert result.map.statement("lonely").text == "Nobody argues about me"


# -- the dialogue layer ------------------------------------------------------------


def anchored(locution_text: str, illocution: str = "Asserting", **more) -> ReadResult:
    nodes = [("c", "I", "We should go"), ("l", "L", locution_text), ("ya", "YA", illocution)]
    return read(nodes, [("l", "ya"), ("ya", "c")], **more)


def test_the_name_before_the_colon_of_a_locution_is_the_speaker():
    assert anchored("Bob: We should go").map.statement("c").attribution == Attribution(
        speaker="Bob"
    )


def test_araucaria_says_locutions_give_the_speaker():
    result = anchored("VCBrown says 'We should go'")
    assert result.map.statement("c").attribution == Attribution(speaker="VCBrown")


def test_the_participant_of_the_locution_is_the_speaker():
    people = [{"participantID": 7, "firstname": "Ann", "surname": "Lee"}]
    result = anchored(
        "Ann Lee: We should go", locutions=[{"nodeID": "l", "personID": "7"}], participants=people
    )
    assert result.map.statement("c").attribution.speaker == "Ann Lee"


def test_words_of_the_locution_that_differ_from_the_statement_are_the_quote():
    result = anchored("CL : well, I think we should go now")
    assert result.map.statement("c").attribution == Attribution(
        speaker="CL", quote="well, I think we should go now"
    )


def test_the_start_of_the_locution_is_the_date():
    result = anchored("Bob: We should go", locutions=[{"nodeID": "l", "start": "2021-11-11 21:50"}])
    assert result.map.statement("c").attribution.date == "2021-11-11 21:50"


def test_an_illocution_other_than_asserting_becomes_a_tag():
    result = anchored("Bob: We should go", illocution="Pure Questioning")
    assert result.map.statement("c").tags == ["Pure Questioning"]
    assert "the illocution 'Pure Questioning' of node c is kept as a tag" in messages(result)


def test_two_speakers_of_one_statement_keep_the_first_and_name_the_second():
    nodes = [
        ("c", "I", "Go"),
        ("l1", "L", "Ann: Go"),
        ("y1", "YA", "Asserting"),
        ("l2", "L", "Bob: Go"),
        ("y2", "YA", "Asserting"),
    ]
    result = read(nodes, [("l1", "y1"), ("y1", "c"), ("l2", "y2"), ("y2", "c")])
    assert result.map.statement("c").attribution.speaker == "Ann"
    assert "AIF node c is also said by locution l2 (Bob: Go)" in messages(result)


def test_a_duplicated_locution_is_reported_once_not_copied():
    nodes = [
        ("c", "I", "Go"),
        ("l", "L", "Ann: Go"),
        ("y", "YA", "Asserting"),
        ("l2", "L", "Ann: Go"),
    ]
    result = read(nodes, [("l", "y"), ("y", "c")])
    assert result.map.description is None
    assert "AIF nodes l2 of type L are not kept: they repeat another locution" in messages(result)


def test_a_locution_that_anchors_nothing_keeps_its_words_in_the_description():
    result = read([("c", "I", "Go"), ("l9", "L", "Ann: Hello all")])
    assert result.map.description == "AIF locution l9: Ann: Hello all"
    assert "AIF node l9 of type L (locution) anchors no statement" in messages(result)


def test_transitions_are_named_in_a_warning():
    nodes = [("l1", "L", "Ann: Go"), ("ta", "TA", "Default Transition"), ("l2", "L", "Bob: No")]
    result = read(nodes, [("l1", "ta"), ("ta", "l2")])
    assert "AIF nodes ta of type TA are not kept" in messages(result)


def test_a_locution_feeding_an_inference_is_read_as_a_statement_by_its_speaker():
    result = read(
        [("c", "I", "Go"), ("l", "L", "Bob: It is sunny"), ("ra", "RA", "RA")],
        [("l", "ra"), ("ra", "c")],
    )
    assert result.map.statement("l").text == "It is sunny"
    assert result.map.statement("l").attribution.speaker == "Bob"
    assert relation(result, "ra").premises == ["l"]


def test_a_locution_kept_as_a_statement_keeps_its_own_speaker_not_the_analysts():
    nodes = [("c", "I", "Go"), ("l", "L", "Bob: sunny"), ("ra", "RA", "RA")]
    nodes += [("m", "L", "Anon: Bob: sunny"), ("y", "YA", "Analysing")]
    result = read(nodes, [("l", "ra"), ("ra", "c"), ("m", "y"), ("y", "l")])
    assert result.map.statement("l").attribution == Attribution(speaker="Bob")


def test_a_locution_anchoring_an_inference_gives_the_relation_speaker():
    nodes = [*ARGUMENT[:2], ("ra", "RA", "RA"), ("l", "L", "Bob: so we go"), ("y", "YA", "Arguing")]
    result = read(nodes, [("p", "ra"), ("ra", "c"), ("l", "y"), ("y", "ra")])
    assert relation(result, "ra").attribution.speaker == "Bob"


# -- variants of the file ------------------------------------------------------------


def test_a_map_wrapped_in_an_aif_object_is_read():
    text = json.dumps({"AIF": json.loads(aif_text(ARGUMENT)), "text": "", "OVA": {}})
    assert len(AIF.read(text).map.statements) == 3


def test_tab_indentation_and_crlf_line_ends_are_read():
    text = json.dumps(json.loads(aif_text(ARGUMENT)), indent="\t").replace("\n", "\r\n")
    assert len(AIF.read(text).map.statements) == 3


def test_integer_node_and_edge_ids_are_read_as_text():
    text = json.dumps(
        {
            "nodes": [
                {"nodeID": 1, "text": "a", "type": "I"},
                {"nodeID": 2, "text": "b", "type": "I"},
                {"nodeID": 3, "text": "RA", "type": "RA"},
            ],
            "edges": [
                {"edgeID": 1, "fromID": 2, "toID": 3},
                {"edgeID": 2, "fromID": "3", "toID": 1},
            ],
        }
    )
    assert AIF.read(text).map.relations == [
        Relation(id="3", kind="support", premises=["2"], target="1")
    ]


def test_node_ids_that_argmap_cannot_hold_are_renamed_uniquely_and_named():
    result = read([("a b", "I", "one"), ("a-b", "I", "two"), ("_x", "I", "three")])
    assert [s.id for s in result.map.statements] == ["a-b", "a-b-2", "n_x"]
    assert "AIF node 'a b' is statement 'a-b'" in messages(result)


def test_ova_positions_as_numbers_or_strings_pin_the_statements():
    ova = {"nodes": [{"nodeID": "c", "x": 10, "y": 20.5}, {"nodeID": "p", "x": "30", "y": "40"}]}
    result = read(ARGUMENT, OVA=ova)
    assert result.map.layout.positions == {"c": Position(x=10, y=20.5), "p": Position(x=30, y=40)}


def test_ova_analysed_text_becomes_the_plain_description():
    text = json.dumps(
        {
            "AIF": json.loads(aif_text(ARGUMENT)),
            "text": '<span id="node1">A</span> because B &amp; C<br>',
        }
    )
    assert AIF.read(text).map.description == "A because B & C"


def test_node_timestamps_give_the_maps_dates_with_one_warning():
    data = json.loads(aif_text(ARGUMENT))
    stamps = ["2012-04-12 18:20:50", "2012-04-12 18:20:49", "x"]
    for node, stamp in zip(data["nodes"], stamps, strict=True):
        node["timestamp"] = stamp
    result = AIF.read(json.dumps(data))
    assert (result.map.created, result.map.modified) == (
        "2012-04-12 18:20:49",
        "2012-04-12 18:20:50",
    )
    assert "the timestamps of 2 AIF nodes are not kept one by one" in messages(result)


def test_right_to_left_text_is_kept_as_it_is():
    result = read([("c", "I", "ברית הגנה עם ארצות הברית"), ("p", "I", "معاهدة دفاع")])
    assert [s.text for s in result.map.statements] == ["ברית הגנה עם ארצות הברית", "معاهدة دفاع"]


def test_an_unknown_top_level_key_is_named_in_a_warning():
    assert 'the AIF key "analysis" is not read' in messages(read(ARGUMENT, analysis={"a": 1}))


def test_an_invalid_value_in_the_argmap_block_is_dropped_with_a_warning():
    data = json.loads(AIF.write(small_map()))
    data["argmap"]["nodes"]["claim"] = {"title": "T", "acceptance": "maybe", "colour": "red"}
    result = AIF.read(json.dumps(data))
    assert result.map.statement("claim").title == "T"
    assert result.map.statement("claim").acceptance == "undecided"
    assert '"colour" is not valid for a statement' in messages(result)
    assert 'the acceptance in the "argmap" object is not valid' in messages(result)


# -- the format in the registry ---------------------------------------------------------------


def test_sniff_recognises_aif_plain_and_wrapped():
    assert AIF.sniff(aif_text(ARGUMENT))
    assert AIF.sniff(json.dumps({"AIF": {"nodes": [], "edges": []}}))


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "argmap", "statements": []}',
        "[]",
        '{"nodes": []}',
        "Discussion Title: x",
        "{broken",
    ],
)
def test_sniff_rejects_what_is_not_aif(text):
    assert not AIF.sniff(text)


def test_the_registry_knows_aif_by_name_and_extension():
    assert format_by_name("aif") is AIF
    assert formats_for_path("debate.aif.json")[0] is AIF


def test_read_any_reads_a_json_file_as_aif(tmp_path):
    path = tmp_path / "nodeset.json"
    path.write_text(aif_text(ARGUMENT), encoding="utf-8")
    assert len(read_any(path).map.statements) == 3
