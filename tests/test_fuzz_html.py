"""Fuzzing the HTML page reader: any text reads back or fails with a message.

Pages are written by ``argmap export`` (with Graphviz); the inputs here are
pages around a blank drawing, mutated. The property and the inputs are in
``fuzzing.py``; ``make fuzz`` runs the same for longer.
"""

from __future__ import annotations

from fuzzing import SUITE, check_reader, reader_inputs
from hypothesis import given

from argmap.formats.html_page import HTML_PAGE


@SUITE
@given(reader_inputs("html"))
def test_any_text_reads_or_fails_with_a_message_and_what_reads_can_be_saved(text):
    check_reader(HTML_PAGE, text)
