"""Fuzzing Argdown: any text reads or fails with a message, any map is written and read back.

The property and the inputs are in ``fuzzing.py``; ``make fuzz`` runs the same for longer.
"""

from __future__ import annotations

from fuzzing import SUITE, check_reader, check_writer, reader_inputs, writer_inputs
from hypothesis import given

from argmap.formats.argdown import ARGDOWN


@SUITE
@given(reader_inputs("argdown"))
def test_any_text_reads_or_fails_with_a_message_and_what_reads_can_be_saved(text):
    check_reader(ARGDOWN, text)


@SUITE
@given(writer_inputs())
def test_any_map_is_written_and_reads_back(argument_map):
    check_writer(ARGDOWN, argument_map)
