"""AIF JSON from hostile or huge input: clear errors or warnings, never a traceback or a hang."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scaling import LINEAR, slowdown
from test_aif import aif_text, messages, read

from argmap.errors import MapFileError, Problem, Severity
from argmap.files import dumps_map
from argmap.formats.aif import AIF
from argmap.model import ArgumentMap, Attribution, Relation, Statement

# -- broken and odd input -----------------------------------------------------------------


def test_broken_json_is_an_error_with_line_and_column():
    with pytest.raises(MapFileError) as caught:
        AIF.read('{"nodes": [\n  {"nodeID": "1",, }\n]}', "bad.json")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 18)
    assert str(caught.value).startswith("bad.json:2:18: invalid JSON")


@pytest.mark.parametrize("text", ["[1, 2]", '{"edges": []}', '{"AIF": {"nodes": 3}}', '"nodes"'])
def test_json_that_is_not_aif_is_a_clear_error(text):
    with pytest.raises(MapFileError, match="not an AIF file"):
        AIF.read(text)


def test_binary_junk_is_a_clear_error():
    with pytest.raises(MapFileError, match="invalid JSON"):
        AIF.read("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")


def test_json_nested_too_deeply_is_a_clear_error():
    with pytest.raises(MapFileError, match="nested too deeply"):
        AIF.read('{"nodes": ' + "[" * 100_000 + "]" * 100_000 + "}")


def test_an_integer_too_long_to_convert_is_an_error_at_its_place():
    with pytest.raises(MapFileError) as caught:
        AIF.read('{"nodes": [],\n "edges": [], "n": ' + "9" * 5000 + "}", "big.json")
    assert str(caught.value).startswith("big.json:2:20: n: the number has 5,000 digits")


def test_nodes_and_edges_of_the_wrong_shape_are_warnings_with_lines():
    text = (
        '{"nodes": [\n"junk",\n{"text": "no id"},\n{"nodeID": "a", "type": "I", "text": 5}\n],\n'
        '"edges": [\n7,\n{"fromID": "a", "toID": "zz"},\n{"fromID": "a", "toID": "a"}\n]}'
    )
    result = AIF.read(text)
    assert [s.text for s in result.map.statements] == ["5"]
    found = {(p.line, p.message.split(";")[0]) for p in result.warnings}
    assert {
        (2, "this AIF node is not an object"),
        (3, "this AIF node has no usable nodeID"),
        (4, "AIF node a: the text is a number"),
        (7, "this AIF edge is not an object"),
        (8, "AIF edge #1 refers to a node that does not exist ('zz')"),
        (9, "AIF edge #2 links node a to itself"),
    } <= found


@pytest.mark.parametrize("node_type", [["I"], {"I": 1}, 3, None, True])
def test_a_node_type_that_is_not_text_is_an_untyped_node_with_a_warning(node_type):
    nodes = [{"nodeID": "a", "type": node_type, "text": "odd"}, {"nodeID": "b", "type": "I"}]
    result = AIF.read(json.dumps({"nodes": nodes, "edges": []}))
    assert [s.id for s in result.map.statements] == ["b"]
    assert "AIF node a of type (none) (unknown) kept" in messages(result)


def test_control_characters_and_lone_surrogates_are_replaced_with_a_warning():
    result = AIF.read(
        '{"nodes": [{"nodeID": "a", "type": "I", "text": "x\\u0000y\\ud800"}], "edges": []}'
    )
    assert result.map.statement("a").text == "x\ufffdy\ufffd"
    assert "control characters in the text replaced" in messages(result)


def test_a_node_listed_twice_with_different_contents_keeps_both():
    result = read([("a", "I", "one"), ("a", "I", "two")])
    assert [s.text for s in result.map.statements] == ["one", "two"]
    assert "AIF node a appears twice with different contents" in messages(result)


def test_a_flood_of_bad_nodes_gives_a_bounded_list_of_warnings():
    result = AIF.read(json.dumps({"nodes": [0] * 100_000, "edges": []}))
    assert len(result.warnings) == 101
    assert result.warnings[-1].message == "... and 99900 more warnings like the one before"


def repeated_edges(count: int) -> str:
    """2,000 nodes and ``count`` edges among them, nearly all of them repeats."""
    nodes = [(f"n{i}", "I" if i % 2 else "RA", f"statement {i}") for i in range(2000)]
    edges = [(f"n{k % 2000}", f"n{(k * 7 + 1) % 2000}") for k in range(count)]
    return aif_text(nodes, edges)


def test_a_file_of_repeated_edges_is_read_in_linear_time():
    """Every step is linear, so 50 MB of edges take seconds (``bench/formats.py`` times that)."""
    small, large = repeated_edges(40_000), repeated_edges(160_000)
    assert len(AIF.read(large).map.statements) == 1000
    assert slowdown(AIF.read, small, large, repeat=2) < LINEAR


def test_a_key_given_twice_in_one_object_is_named_in_a_warning():
    text = '{"nodes": [{"nodeID": "1", "type": "I", "text": "a", "text": "b"}], "edges": []}'
    result = AIF.read(text)
    assert result.map.statement("1").text == "b"
    assert "AIF node 1 has the key 'text' twice; only the last value is read" in messages(result)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("participants", "Ann", 'the AIF key "participants" is not a list'),
        ("locutions", [1], 'some entries of "locutions" are not objects'),
        ("OVA", [], 'the AIF key "OVA" is not an object'),
        (
            "descriptorfulfillments",
            [{"nodeID": "1"}],
            'the AIF key "descriptorfulfillments" is not read',
        ),
    ],
)
def test_known_keys_of_the_wrong_shape_and_unknown_keys_are_named(key, value, message):
    assert message in messages(AIF.read(aif_text([("c", "I", "claim")], **{key: value})))


def test_an_ova_coordinate_too_big_for_a_float_is_ignored_with_a_warning():
    text = aif_text([("c", "I", "claim")], OVA={"nodes": [{"nodeID": "c", "x": 10**400, "y": 1}]})
    result = AIF.read(text)
    assert result.map.layout.positions == {}
    assert "the OVA position of node c is not a pair of numbers" in messages(result)


# -- shapes that would be slow if any step were not linear ------------------------------------

N = 10_000  # the larger size; a quadratic step takes minutes here, a linear one a second or two

Shape = tuple[list, list] | tuple[list, list, dict]


def chain(kind: str, scheme: str, n: int) -> Shape:
    """n inference nodes each concluding the next: a long chain of undercuts or supports."""
    nodes = [("a", "I", "a"), ("b", "I", "b")] + [(f"x{i}", kind, scheme) for i in range(n)]
    edges = [("a", f"x{i}") for i in range(n)] + [("x0", "b")]
    edges += [(f"x{i}", f"x{i - 1}") for i in range(1, n)]
    return nodes, edges


def hub(kind: str, n: int) -> Shape:
    """One node of the given type with n/2 nodes into it and n/2 out of it."""
    half = n // 2
    nodes = [(f"i{i}", "I", f"s{i}") for i in range(n)] + [("hub", kind, kind)]
    return nodes, [(f"i{i}", "hub") for i in range(half)] + [
        ("hub", f"i{i}") for i in range(half, n)
    ]


SHAPES: dict[str, Callable[[int], Shape]] = {
    "a chain of undercuts with schemes": lambda n: chain("CA", "Ad Hominem", n),
    "a circle of undercuts": lambda n: (
        [("a", "I", "a")] + [(f"x{i}", "CA", "CA") for i in range(n)],
        [("a", f"x{i}") for i in range(n)] + [(f"x{i}", f"x{(i + 1) % n}") for i in range(n)],
    ),
    "an inference with thousands of premises and conclusions": lambda n: hub("RA", n),
    "a preference between thousands of statements": lambda n: hub("PA", n),
    "a node of unknown type linking thousands": lambda n: hub("QQ", n),
    "ids that all clean up to the same id": lambda n: (
        [(f"x{chr(0x400 + i % 500)}{'!' * (i // 500)}", "I", "t") for i in range(n)],
        [],
    ),
    "one id used by thousands of different nodes": lambda n: (
        [("a", "I", f"t{i}") for i in range(n)],
        [],
    ),
    "one illocution anchoring thousands of locutions": lambda n: (
        [(f"l{i}", "L", f"S{i}: t") for i in range(n // 2)]
        + [(f"s{i}", "I", "t") for i in range(n // 2)]
        + [("ya", "YA", "Asserting")],
        [(f"l{i}", "ya") for i in range(n // 2)] + [("ya", f"s{i}") for i in range(n // 2)],
    ),
    "thousands of locutions used as premises": lambda n: (
        [("c", "I", "c")]
        + [(f"l{i}", "L", f"S{i}: t") for i in range(n // 2)]
        + [(f"r{i}", "RA", "RA") for i in range(n // 2)],
        [(f"l{i}", f"r{i}") for i in range(n // 2)] + [(f"r{i}", "c") for i in range(n // 2)],
        {"locutions": [{"nodeID": f"l{i}", "personID": i} for i in range(n // 2)]},
    ),
    "thousands of analyst locutions on one illocution": lambda n: (
        [(f"l{i}", "L", f"A: t{i}") for i in range(n // 2)]
        + [(f"m{i}", "L", f"B: t{i}") for i in range(n // 2)]
        + [("ya", "YA", "Analysing")],
        [(f"l{i}", "ya") for i in range(n // 2)] + [("ya", f"m{i}") for i in range(n // 2)],
    ),
}


def shape_text(shape: str, n: int) -> str:
    nodes, edges, *more = SHAPES[shape](n)
    return aif_text(nodes, edges, **(more[0] if more else {}))


@pytest.mark.parametrize("shape", SHAPES)
def test_hostile_shapes_are_read_in_linear_time(shape):
    small, large = shape_text(shape, N // 4), shape_text(shape, N)
    assert len(AIF.read(large).warnings) < 1000
    assert slowdown(AIF.read, small, large) < LINEAR


def many_statements(count: int) -> ArgumentMap:
    statements = [
        Statement(id=f"s{i}", text=f"Statement {i}", attribution=Attribution(speaker=f"P{i % 9}"))
        for i in range(count)
    ]
    relations = [
        Relation(
            id=f"r{i}",
            kind="attack" if i % 4 == 0 else "support",
            premises=[f"s{i}"],
            target=f"s{(i - 1) // 2}",
        )
        for i in range(1, count)
    ]
    return ArgumentMap(statements=statements, relations=relations)


def test_five_thousand_statements_are_written_and_read_back():
    assert len(AIF.read(AIF.write(many_statements(5000))).map.statements) == 5000


def test_writing_and_reading_take_time_in_proportion_to_the_map():
    small, large = many_statements(1250), many_statements(5000)
    assert slowdown(AIF.write, small, large) < LINEAR
    assert slowdown(AIF.read, AIF.write(small), AIF.write(large)) < LINEAR


# -- anything at all -------------------------------------------------------------------------

_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)
_ids = st.sampled_from(["1", "2", "3", 1, 2, "a b", "", None, 3.5, [1]])
_types = st.sampled_from(["I", "RA", "CA", "MA", "PA", "L", "YA", "TA", "X", "", None, 7, " ra "])
_nodes = st.fixed_dictionaries(
    {"nodeID": _ids, "type": _types}, optional={"text": _scalars | _json, "scheme": _scalars}
)
_edges = st.fixed_dictionaries({"fromID": _ids, "toID": _ids}, optional={"edgeID": _ids})
_files = st.fixed_dictionaries(
    {"nodes": st.lists(_nodes | _json, max_size=8), "edges": st.lists(_edges | _json, max_size=10)},
    optional={
        "locutions": st.lists(st.fixed_dictionaries({"nodeID": _ids, "personID": _ids}) | _json),
        "participants": st.lists(
            st.fixed_dictionaries({"participantID": _ids, "firstname": _scalars}) | _json
        ),
        "OVA": st.fixed_dictionaries(
            {
                "nodes": st.lists(
                    st.fixed_dictionaries({"nodeID": _ids, "x": _scalars, "y": _scalars})
                )
            }
        )
        | _json,
        "argmap": st.fixed_dictionaries(
            {"format": st.just("argmap")},
            optional={
                "nodes": st.dictionaries(st.sampled_from(["1", "2", "3"]), _json),
                "title": _scalars,
                "groups": _json,
                "sources": _json,
                "layout": _json,
            },
        ),
        "text": _scalars,
    },
)


def read_or_fail(text: str) -> tuple[list[Problem], bool]:
    """The warnings of the map read, or the problems of the error raised, and which it was."""
    try:
        return AIF.read(text).warnings, False
    except MapFileError as error:
        return error.problems, True


@settings(max_examples=300, deadline=None)
@given(_files | _json)
def test_any_json_gives_a_map_or_a_clear_error(data):
    problems, failed = read_or_fail(json.dumps(data))
    if failed:
        assert problems
    else:
        assert all(p.severity is Severity.WARNING for p in problems)


@settings(max_examples=200, deadline=None)
@given(_files)
def test_whatever_was_read_is_written_and_read_back_unchanged(data):
    try:
        first = AIF.read(json.dumps(data)).map
    except MapFileError:
        return
    again = AIF.read(AIF.write(first))
    assert dumps_map(again.map) == dumps_map(first)
    assert again.warnings == []
