"""Reading Argdown that is hostile, huge or malformed: clear errors or warnings, linear time."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scaling import LINEAR, slowdown

from argmap.errors import MapFileError
from argmap.formats.argdown import ARGDOWN
from argmap.formats.argdown_yaml import dump_flow, dump_scalar, flat_map_end, parse_flow, parse_yaml
from argmap.model import ArgumentMap, Attribution, Group, Relation, Statement

# -- hostile input ---------------------------------------------------------------------------


def test_binary_junk_is_refused_with_line_and_column():
    with pytest.raises(MapFileError) as caught:
        ARGDOWN.read("[A]: a\n\x89PNG\x00\x01", "junk.argdown")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 5)
    assert "binary" in problem.message


def test_stray_control_characters_and_surrogates_are_replaced_and_reported():
    result = ARGDOWN.read("[A]: a\x07b\ud800c")
    assert result.map.statements[0].text == "a\ufffdb\ufffdc"
    assert result.warnings[0].line == 1
    assert result.warnings[0].column == 7


def test_thousands_of_indentation_levels_need_no_recursion():
    depth = 3000
    text = "A0\n" + "".join(" " * level + f"+ A{level}\n" for level in range(1, depth + 1))
    m = ARGDOWN.read(text).map
    assert len(m.relations) == depth
    assert ARGDOWN.read(
        ARGDOWN.write(m)
    ).map.relations  # and writing it back nests no deeper than it can


def test_a_line_indented_by_ten_thousand_spaces_is_read():
    result = ARGDOWN.read("[A]: a\n" + " " * 10_000 + "+ [B]: b\n")
    assert len(result.map.relations) == 1


@pytest.mark.parametrize(
    "wall",
    [
        *("{", "[", "<", "#(", "\\", "<!--", "/*", "(1) ", "--\n", "  + \n", "{a: [", "\n\t + x\n"),
        *("*a ", "_a *b ", "*a _b* ", "`a", "`` ` ", "@[", "@[a] ", "[a](b) ", ":a", ".a"),
        *(":heart:", "x://a_b ", "*a\n_b\n"),
    ],
)
def test_a_wall_of_one_construct_is_read_in_linear_time(wall):
    def read(text: str) -> None:
        with contextlib.suppress(MapFileError):
            ARGDOWN.read(text)

    small = wall * (60_000 // len(wall))
    assert slowdown(read, small, small * 4) < LINEAR


def test_a_structure_under_a_tree_hanging_from_an_unfinished_inference_is_read_on_its_own():
    result = ARGDOWN.read("(1) [A]: a\n----\n\n  <- [C]: c\n(2) [P]: p\n----\n(3) [Q]: q\n")
    ids = {s.title: s.id for s in result.map.statements}
    assert [(r.premises, r.target) for r in result.map.relations] == [([ids["P"]], ids["Q"])]
    assert any(w.line == 4 and "blank line" in w.message for w in result.warnings)


def test_metadata_nested_too_deeply_is_kept_as_text():
    result = ARGDOWN.read("[A]: a " + "{a: " * 5000 + "}" * 5000)
    assert result.map.statements[0].text.startswith("a {a: {a:")
    assert result.warnings


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from(list("[]<>{}()#:+-_*/\\!=\"'@,.1 \t\nab\r\x00\u05d0")), max_size=200)
)
def test_any_text_reads_or_fails_with_a_located_map_file_error(text):
    try:
        problems = ARGDOWN.read(text).warnings
    except MapFileError as error:
        problems = error.problems
    assert all(p.line is not None for p in problems if "more warnings" not in p.message)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text_reads_or_fails_with_a_map_file_error(text):
    with contextlib.suppress(MapFileError):
        ARGDOWN.read(text)


# -- speed --------------------------------------------------------------------------------------


def many_statements(count: int = 5000) -> ArgumentMap:
    statements = [
        Statement(
            id=f"s{i}",
            title=f"Statement {i}" if i % 2 else None,
            text=f"Claim number {i} about topic {i % 17}.",
            tags=["econ"] if i % 5 == 0 else [],
            attribution=Attribution(speaker=f"Speaker {i % 9}") if i % 3 == 0 else None,
        )
        for i in range(count)
    ]
    relations = [
        Relation(
            id=f"r{i}",
            kind="attack" if i % 4 == 0 else "support",
            premises=[f"s{i}", f"s{i - 1}"] if i % 10 == 0 else [f"s{i}"],
            target=f"s{(i - 1) // 3}",
        )
        for i in range(1, count)
    ]
    groups = [
        Group(id=f"g{k}", title=f"Group {k}", statements=[f"s{i}" for i in range(k, count, 50)])
        for k in range(20)
    ]
    return ArgumentMap(title="Big", statements=statements, relations=relations, groups=groups)


def test_five_thousand_statements_are_written_and_read_back():
    written = ARGDOWN.write(many_statements(5000))
    assert len(ARGDOWN.read(written).map.statements) == 5000


def test_writing_and_reading_take_time_in_proportion_to_the_map():
    small, large = many_statements(1250), many_statements(5000)
    assert slowdown(ARGDOWN.write, small, large) < LINEAR
    assert slowdown(ARGDOWN.read, ARGDOWN.write(small), ARGDOWN.write(large)) < LINEAR


# -- metadata -----------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[A-Za-z_][A-Za-z0-9_\-]{0,8}", fullmatch=True),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
        | st.integers()
        | st.booleans()
        | st.none(),
        max_size=5,
    )
)
def test_metadata_reads_back_as_written_by_the_fast_path_and_by_the_full_reader(data):
    written = dump_flow(data)
    assert parse_flow(written) == data  # the fast path, wherever it can read the map
    assert parse_yaml(written) == data  # ruamel, always
    over_lines = "{" + ",\n ".join(f"{dump_scalar(k)}: {dump_flow(v)}" for k, v in data.items())
    assert parse_flow(over_lines + "}") == data  # one entry a line, strings untouched


def test_flat_metadata_is_read_without_the_full_yaml_reader(monkeypatch):
    def refuse(text: str) -> None:
        raise AssertionError(f"the full reader was asked to read {text!r}")

    monkeypatch.setattr("argmap.formats.argdown_yaml.parse_yaml", refuse)
    text = '{speaker: Rabin, date: 1994, quote: "self-reliance, at last", isInMap: false}'
    assert flat_map_end(text, 0) == len(text)
    assert parse_flow(text) == {
        "speaker": "Rabin",
        "date": 1994,
        "quote": "self-reliance, at last",
        "isInMap": False,
    }
