"""Fuzzing .argmap files: any text loads or fails with a message; any map is saved and loaded.

The property and the inputs are in ``fuzzing.py``; ``make fuzz`` runs the same for longer.
"""

from __future__ import annotations

from fuzzing import SUITE, check_reader, check_writer, reader_inputs, writer_inputs
from hypothesis import given

from argmap.formats.native import NATIVE


@SUITE
@given(reader_inputs("argmap"))
def test_any_text_reads_or_fails_with_a_message_and_what_reads_can_be_saved(text):
    check_reader(NATIVE, text)


@SUITE
@given(writer_inputs())
def test_any_map_is_written_and_reads_back(argument_map):
    check_writer(NATIVE, argument_map)
