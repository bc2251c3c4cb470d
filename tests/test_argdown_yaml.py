"""The YAML inside Argdown files: metadata and frontmatter read as YAML 1.2, safely and placed."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from argmap.formats.argdown_yaml import (
    MAX_DEPTH,
    YamlError,
    dump_flow,
    dump_scalar,
    flat_map_end,
    parse_block,
    parse_flow,
    parse_yaml,
)

# -- what values mean -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1994", 1994),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("yes", "yes"),  # YAML 1.2: only true and false are booleans
        ("on", "on"),
        ("Rabin", "Rabin"),
        ('"a, b"', "a, b"),
        ("'it''s'", "it's"),
    ],
)
def test_scalars_mean_what_yaml_1_2_says(written, value):
    assert parse_flow(f"{{v: {written}, w: [1]}}") == {"v": value, "w": [1]}


def test_a_date_stays_the_text_it_was_written_as():
    assert parse_flow("{date: 2001-12-14, w: [1]}") == {"date": "2001-12-14", "w": [1]}


def test_keys_are_text_the_way_javascript_names_them():
    assert parse_yaml("{true: a, null: b, 1: c}") == {"true": "a", "null": "b", "1": "c"}


def test_nested_collections_and_entries_without_values():
    assert parse_flow("{uses: [1, 2], a: {b}, c: [d: 1]}") == {
        "uses": [1, 2],
        "a": {"b": None},
        "c": [{"d": 1}],
    }


def test_a_merge_key_takes_the_keys_it_does_not_override():
    assert parse_yaml("{base: &b {x: 1, y: 2}, more: {<<: *b, y: 3}}")["more"] == {"x": 1, "y": 3}


def test_frontmatter_reads_block_mappings_sequences_and_folded_text():
    lines = ["title: Taxes", "author:", "  - Ann", "  - Bob", "summary: >", "  one", "  two"]
    assert parse_block(lines) == {
        "title": "Taxes",
        "author": ["Ann", "Bob"],
        "summary": "one two\n",
    }


def test_empty_frontmatter_is_none():
    assert parse_block(["", "# only a comment"]) is None


# -- safety -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "{a: !!python/object:os.system echo}",
        "{a: !!binary aGVsbG8=}",
        "{a: !!set {x, y}}",
        "{a: !custom x}",
    ],
)
def test_tags_beyond_json_types_are_refused_with_their_place(text):
    with pytest.raises(YamlError) as caught:
        parse_flow(text)
    assert (caught.value.line, caught.value.column) == (1, 5)
    assert "tag" in caught.value.message


def test_nesting_deeper_than_the_limit_is_refused():
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    with pytest.raises(YamlError, match="nested more than"):
        parse_flow(deep)


def test_nesting_up_to_the_limit_is_read():
    expected: list = []
    for _ in range(MAX_DEPTH - 1):
        expected = [expected]
    assert parse_flow("[" * MAX_DEPTH + "]" * MAX_DEPTH) == expected


def test_a_hundred_thousand_brackets_do_not_exhaust_the_stack():
    with pytest.raises(YamlError, match="nested more than"):
        parse_flow("{a: " * 100_000 + "}" * 100_000)


def test_deep_block_nesting_in_frontmatter_is_refused():
    lines = [" " * level + f"k{level}:" for level in range(200)]
    with pytest.raises(YamlError, match="nested more than"):
        parse_block(lines)


def test_an_alias_that_contains_itself_is_refused():
    with pytest.raises(YamlError, match="nested more than"):
        parse_yaml("&a [*a]")


def test_aliases_that_expand_exponentially_are_refused():
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 10)}]" for k in range(1, 9)]
    with pytest.raises(YamlError, match="aliases expand"):
        parse_block(levels)  # 10**9 strings, if every alias were expanded


def test_a_number_too_long_for_python_is_an_error_not_a_crash():
    with pytest.raises(YamlError):
        parse_flow("{a: " + "1" * 5000 + "}")


# -- errors --------------------------------------------------------------------------------------


def test_a_syntax_error_names_line_and_column():
    with pytest.raises(YamlError) as caught:
        parse_flow("{a: [1,\n 2}")
    assert (caught.value.line, caught.value.column) == (2, 3)
    assert "expected ',' or ']'" in caught.value.message


def test_a_key_given_twice_is_an_error_as_in_argdown():
    with pytest.raises(YamlError) as caught:
        parse_flow("{a: 1, a: 2}")
    assert (caught.value.line, caught.value.column) == (1, 8)
    assert "'a' appears twice" in caught.value.message


def test_an_unknown_escape_is_an_error_at_the_escape():
    with pytest.raises(YamlError) as caught:
        parse_flow('{a: "x\\q"}')
    assert (caught.value.line, caught.value.column) == (1, 8)


def test_a_character_yaml_does_not_allow_is_named():
    with pytest.raises(YamlError) as caught:
        parse_flow('{a: "\x80"}')
    assert "U+0080" in caught.value.message
    assert (caught.value.line, caught.value.column) == (1, 6)


def test_a_frontmatter_error_is_placed_within_the_frontmatter():
    with pytest.raises(YamlError) as caught:
        parse_block(["title: T", "author: [Ann,", "  Bob}"])
    assert (caught.value.line, caught.value.column) == (3, 6)


# -- the fast path --------------------------------------------------------------------------------


def test_flat_map_end_finds_where_a_flat_map_closes():
    text = 'x {speaker: Rabin, quote: "a, b"} y'
    assert flat_map_end(text, 2) == text.index("}") + 1
    assert flat_map_end("x {a: [1]}", 2) == -1


@pytest.mark.parametrize(
    "text",
    [
        "{a: 1, a: 2}",  # a duplicate: the full reader reports it
        '{a: "x\\q"}',  # an escape YAML does not have
        '{a: "\\ud83d"}',  # half a surrogate pair
        "{True: 1, true: 2}",  # the same key once made text
    ],
)
def test_what_the_fast_path_cannot_read_goes_to_the_full_reader_and_its_error(text):
    with pytest.raises(YamlError):
        parse_flow(text)


@pytest.mark.parametrize("key", ["True", "NULL", "false"])
def test_the_fast_path_names_keys_like_the_full_reader(key):
    assert parse_flow(f"{{{key}: 1}}") == parse_yaml(f"{{{key}: 1}}")


_hand_written_values = (
    st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_./-]{0,6}( [A-Za-z0-9_./-]{1,4}){0,2}", fullmatch=True)
    | st.from_regex(r'"([^"\\\n]|\\[^\n]){0,6}"', fullmatch=True)
    | st.from_regex(r'"(\\[0abtnvfreN_LP "/\\xuU]|[0-9a-fA-F]){0,8}"', fullmatch=True)
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[A-Za-z_][A-Za-z0-9_\-]{0,8}", fullmatch=True),
        _hand_written_values,
        max_size=4,
    )
)
@example({"A": '"\x85"'})  # a line break to YAML 1.1, folded by ruamel inside quotes
@example({"A": '"a\rb"'})
def test_any_flat_map_the_fast_path_reads_it_reads_as_ruamel_does(entries):
    text = "{" + ", ".join(f"{key}: {value}" for key, value in entries.items()) + "}"
    try:
        expected = parse_yaml(text)
    except YamlError:
        with pytest.raises(YamlError):  # nor may the fast path read what ruamel refuses
            parse_flow(text)
    else:
        assert parse_flow(text) == expected


# -- writing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [math.inf, -math.inf, "\x7f\x9f\ufffe", "{x = y}", "yes", "a: b", "12", ""]
)
def test_scalars_are_written_so_that_they_read_back_unchanged(value):
    assert parse_yaml(dump_scalar(value)) == value


def test_a_nan_is_written_as_yaml_nan():
    assert math.isnan(parse_yaml(dump_scalar(math.nan)))


def test_written_strings_hold_no_braces_or_equals_signs():
    assert not set(dump_scalar("{a} = {b}")) & set("{}=")


_json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(_json_like)
def test_any_json_like_value_is_written_as_flow_yaml_that_reads_back(value):
    written = dump_flow(value)
    assert "\n" not in written
    assert parse_yaml(written) == value
