"""Fuzzing the Markdown outline: any map is written, deep or not (it is write only)."""

from __future__ import annotations

from fuzzing import SUITE, check_writer, writer_inputs
from hypothesis import given

from argmap.formats.markdown import MARKDOWN


@SUITE
@given(writer_inputs())
def test_any_map_is_written(argument_map):
    check_writer(MARKDOWN, argument_map)
