"""Finding a value in JSON text by its path, for messages that name a line and column."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.jsonpos import (
    element_offsets,
    line_column,
    line_columns,
    locate,
    too_long_integer,
    value_offset,
)

TEXT = '{\n "a": [1, {"b": "x"}],\n "c": 2}'


def test_a_value_is_found_by_keys_and_indexes():
    assert locate(TEXT, ["a", 1, "b"]) == (2, 17)
    assert locate(TEXT, ["c"]) == (3, 7)
    assert locate(TEXT, []) == (1, 1)


def test_a_path_that_is_not_there_is_none():
    assert locate(TEXT, ["missing"]) is None
    assert locate(TEXT, ["a", 5]) is None


def test_a_path_of_the_wrong_kind_is_none():
    assert locate(TEXT, [0]) is None  # an index into an object
    assert locate(TEXT, ["a", "0"]) is None  # a key into an array
    assert locate(TEXT, ["c", "d"]) is None  # into a number


def test_keys_with_escapes_are_compared_decoded():
    text = '{"a\\"b": 1, "\\u00e9": 2}'
    assert value_offset(text, ['a"b']) == text.index("1")
    assert value_offset(text, ["é"]) == text.index("2")


def test_a_byte_order_mark_and_leading_space_are_passed_over():
    assert locate('\ufeff\n  {"a": 1}', ["a"]) == (2, 9)


def test_text_that_is_not_json_gives_none_not_an_error():
    assert locate('{"a": [1, oops', ["a", 2]) is None
    assert locate("", ["a"]) is None


def test_the_first_integer_too_long_to_convert_is_found_by_its_path():
    long = "9" * 5000
    text = f'{{"a": [1, {{"b": 2, "c": -{long}}}], "d": {long}0}}'
    assert too_long_integer(text) == (["a", 1, "c"], 5000)
    assert too_long_integer(TEXT) is None


def test_element_offsets_walk_an_array_once_and_stop_at_the_last_index_wanted():
    text = '{"edges": [10, 11, 12, oops'  # broken after the last index asked for
    assert element_offsets(text, ["edges"], [0, 2]) == {0: 11, 2: 19}


def test_element_offsets_leave_out_indexes_beyond_the_end():
    assert element_offsets('{"e": [1, 2]}', ["e"], [1, 7]) == {1: 10}
    assert element_offsets('{"e": {"x": 1}}', ["e"], [0]) == {}


def test_line_columns_agree_with_line_column_for_each_offset():
    text = "ab\ncd\n\nefg"
    offsets = [9, 0, 4, 3, 7, 4]
    assert line_columns(text, offsets) == {o: line_column(text, o) for o in offsets}
    assert line_column(text, 7) == (4, 1)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


def paths(value, prefix=()):
    """Every path in a JSON value, with the value there."""
    yield list(prefix), value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, (*prefix, index))


@settings(max_examples=150, deadline=None)
@given(_json, st.sampled_from([None, 1, 2]), st.booleans())
def test_every_path_leads_to_where_its_value_is_written(value, indent, ascii_only):
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    decoder = json.JSONDecoder()
    for path, expected in paths(value):
        offset = value_offset(text, path)
        assert offset is not None, path
        assert decoder.raw_decode(text, offset)[0] == expected
