"""The fuzzing checks themselves: each catches what it is there to catch.

A fuzz test that cannot fail proves nothing, so each failure the property
names (another exception, an error without a message, a map that cannot be
saved and opened again, a hang) is shown here to be caught, with a reader
made to fail that way.
"""

from __future__ import annotations

import time

import pytest
import run_fuzz
from fuzzing import CORPUS, Hang, Target, check_reader, check_writer, corpus_seeds, time_limit
from hypothesis import strategies as st

from argmap.errors import ArgmapError, MapFileError, Problem
from argmap.formats.base import ReadResult
from argmap.model import ArgumentMap, Statement


class _Reader:
    """A reader that does whatever the test tells it to."""

    name = "fake"
    title = "Fake"
    extensions = (".fake",)

    def __init__(self, outcome: object) -> None:
        self.outcome = outcome

    def read(self, text: str, source: str | None = None) -> ReadResult:
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        if callable(self.outcome):
            return self.outcome()
        assert isinstance(self.outcome, ReadResult)
        return self.outcome

    def write(self, argument_map: ArgumentMap) -> str:
        return "text"

    def sniff(self, text: str) -> bool:
        return False


def test_a_map_read_passes():
    check_reader(_Reader(ReadResult(ArgumentMap(statements=[Statement(id="a", text="A")]))), "")


def test_argmaps_own_error_with_a_message_passes():
    check_reader(_Reader(MapFileError("f", [Problem("", "not a map")])), "")


def test_another_exception_fails():
    with pytest.raises(KeyError):
        check_reader(_Reader(KeyError("B")), "")


def test_argmaps_own_error_without_a_message_fails():
    with pytest.raises(AssertionError, match="without a message"):
        check_reader(_Reader(ArgmapError()), "")


def test_a_map_that_reads_but_cannot_be_opened_once_saved_fails():
    unchecked = Statement.model_construct(id="1.\u0967", text="x")  # ids must be ASCII
    result = ReadResult(ArgumentMap.model_construct(statements=[unchecked]))
    with pytest.raises(AssertionError, match="cannot be opened once saved"):
        check_reader(_Reader(result), "")


def test_an_input_taking_longer_than_the_limit_is_stopped_and_fails(monkeypatch):
    def forever() -> ReadResult:
        while True:
            time.sleep(0.01)

    monkeypatch.setattr("fuzzing.LIMIT", 0.05)
    with pytest.raises(Hang):
        check_reader(_Reader(forever), "")


def test_a_busy_loop_is_stopped_too():
    def busy() -> None:
        while True:
            pass

    with pytest.raises(Hang), time_limit(0.05):
        busy()


def test_a_writer_that_cannot_read_its_own_output_fails():
    reader = _Reader(MapFileError("f", [Problem("", "not what I wrote")]))
    with pytest.raises(AssertionError, match="cannot read what it wrote"):
        check_writer(reader, ArgumentMap())


def test_the_fuzz_runner_counts_inputs_and_reports_a_failure(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)

    def check(number: int) -> None:
        if number > 5:
            raise ValueError("too big")

    tally = run_fuzz.fuzz(Target("numbers", st.integers(), check), seconds=0.5)
    assert tally.inputs > 0
    assert (tally.crashes, tally.hangs) == (1, set())
    assert list(tally.errors.values()) == ["6"]  # shrunk to the smallest failing input
    assert (tmp_path / "out" / "fuzz-failures" / "numbers-1.txt").read_text().startswith("6\n")
    assert "ValueError" in capsys.readouterr().out


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")
def test_the_corpus_seeds_the_argdown_and_aif_readers():
    assert len(corpus_seeds("argdown", "*.argdown")) > 10
    assert len(corpus_seeds("aif", "*.json")) > 10


def test_without_a_corpus_there_are_no_corpus_seeds(monkeypatch, tmp_path):
    monkeypatch.setattr("fuzzing.CORPUS", tmp_path / "missing")
    assert corpus_seeds("argdown", "*.argdown") == []
