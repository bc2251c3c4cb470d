"""What every reader and writer must do with any input, and the inputs to try it on.

The property, for a reader: any text either reads, or fails with argmap's own
error (:class:`~argmap.errors.ArgmapError`) and a message; never another
exception, never more than ``LIMIT`` seconds, and never a map that reads but
cannot be saved and opened again. For a writer: any valid map is written, and
a format that also reads gets its own output back without an error.

The same checks and strategies serve two runners: the test suite
(``tests/test_fuzz_*.py``, a fixed budget of examples per format) and
``make fuzz`` (``tests/run_fuzz.py``, as long as it is given per format).
Seeds are the real files of the shared corpus when it is there (it is not on
every machine), the hand-written test files, and the seed maps in ``maps/``
in every written format.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fuzz_strategies import deep_maps, mutated_json, mutated_text
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from strategies import argument_maps

from argmap.errors import ArgmapError
from argmap.files import dumps_map, loads_map
from argmap.formats import all_formats, format_by_name
from argmap.formats.base import Format
from argmap.model import ArgumentMap
from argmap.render.page import build_page

__all__ = [
    "CORPUS",
    "LIMIT",
    "SUITE",
    "Hang",
    "Target",
    "check_reader",
    "check_writer",
    "check_writers",
    "corpus_seeds",
    "reader_inputs",
    "targets",
    "time_limit",
    "writer_inputs",
]

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
CORPUS = ROOT.parent / "shared" / "corpus"  # real files by others; absent on some machines
LIMIT = 5.0  # seconds any one input may take, read and written back

# The test suite's budget: quick (a few seconds per format); `make fuzz` runs for longer.
SUITE = settings(
    max_examples=100,
    deadline=None,  # the time limit per input is LIMIT, enforced by time_limit
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# -- the properties -------------------------------------------------------------------------


class Hang(AssertionError):
    """An input took longer than the limit."""


class _Alarm(BaseException):
    """Raised by the timer; a BaseException, so that no ``except Exception`` can swallow it."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail with :class:`Hang` when the block runs longer than ``seconds`` (wall clock).

    It interrupts the running code itself, with a timer signal, so it works only in the
    main thread of a Unix process; elsewhere the block runs without a limit.
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    armed = [True]

    def alarm(signum: int, frame: object) -> None:
        if armed[0]:
            raise _Alarm

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Alarm:
        raise Hang(f"the input took more than {seconds:g} s") from None
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_reader(fmt: Format, text: str) -> None:
    """The reader's property for one text (see the module docstring)."""
    with time_limit(LIMIT):
        try:
            result = fmt.read(text, "fuzz")
        except ArgmapError as error:
            if not str(error).strip():
                raise AssertionError(f"{type(error).__name__} without a message") from None
            return
        assert all(p.message for p in result.warnings), "a warning without a message"
        _check_saves(result.map)


def check_writer(fmt: Format, argument_map: ArgumentMap) -> None:
    """One writer's property for one map: it writes the map, and reads back what it wrote."""
    with time_limit(LIMIT):
        _check_write(fmt, argument_map)


def check_writers(argument_map: ArgumentMap) -> None:
    """Every writer's property for one map."""
    with time_limit(LIMIT):
        _check_writes(argument_map)


def _check_saves(argument_map: ArgumentMap) -> None:
    """The map is saved and opened again unchanged; loads_map validates what reading built."""
    text = dumps_map(argument_map)
    try:
        again = loads_map(text, "saved.argmap")
    except ArgmapError as error:
        raise AssertionError(f"a map that reads cannot be opened once saved:\n{error}") from None
    assert dumps_map(again) == text, "saving the map again changes it"


def _check_writes(argument_map: ArgumentMap) -> None:
    for fmt in all_formats():
        if getattr(fmt, "write", None) is not None:
            _check_write(fmt, argument_map)


def _check_write(fmt: Format, argument_map: ArgumentMap) -> None:
    text = fmt.write(argument_map)
    assert isinstance(text, str)
    if getattr(fmt, "read", None) is None:
        return
    try:
        result = fmt.read(text, f"written.{fmt.name}")
    except ArgmapError as error:
        raise AssertionError(f"{fmt.name} cannot read what it wrote:\n{error}") from None
    _check_saves(result.map)


# -- seeds ----------------------------------------------------------------------------------


def corpus_seeds(folder: str, pattern: str) -> list[str]:
    """The texts of the corpus files matching ``pattern`` (none when there is no corpus)."""
    base = CORPUS / folder
    if not base.is_dir():
        return []
    return [_text(path) for path in sorted(base.rglob(pattern)) if path.is_file()]


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig", errors="replace")


@cache
def seed_maps() -> tuple[ArgumentMap, ...]:
    return tuple(loads_map(_text(p), p) for p in sorted((ROOT / "maps").glob("*.argmap")))


@cache
def _seeds(name: str) -> tuple[str, ...]:
    """Seeds for one reader: corpus files, test files, and every seed map written in it."""
    written = [_writer(name)(m) for m in seed_maps()]
    own = {
        "argmap": [],
        "html": [],
        "argdown": corpus_seeds("argdown", "*.argdown"),
        "aif": corpus_seeds("aif", "*.json"),
        "kialo": [_text(p) for p in sorted((TESTS / "data" / "kialo").glob("*.txt"))],
    }[name]
    return (*own, *written)


# Pieces of each format's syntax, for insertions that make structure rather than noise.
_TOKENS = {
    "argdown": [
        *("\n", "\n\n", "  ", "\t", "(1) ", "(2) ", "(3) ", "----\n", "--\n", "-- Rule --\n"),
        *("{uses: [1, 2]}", "{uses: [3, 6]}", "{implicit: true}", "{id: a}", "{title: null}"),
        *("[A]: ", "[A]", "[B]", "<B>: ", "<B>", "<C>", "  + ", "  - ", "    + ", "  <_ ", "  _ "),
        *("  _> ", "  >< ", "  +> ", "  <+ ", "  -> ", "  <- ", "# H\n", "## H {isGroup: false}\n"),
        *("===\n", "===\ntitle: T\n===\n", "{", "}", "[", "]", "<", ">", "//", "/*", "*/"),
        *("<!--", "-->", "\\", "*", "**", "_", "`", ":heart:", ".A.", "@[A]", "@<B>", "#(tag)"),
        *("#tag", "{text: t, note: n}", "{acceptance: accepted}", "{speaker: S, source: s}"),
        *("{source: {title: T}}", "{tags: [a, 1]}", "\u0967", "\x00", "\ud800", "\r", "\u2028"),
        *("1. ", "* ", "@include x.argdown\n", "{\n  a: 1\n}", "{a: [", "{a: &x 1, b: *x}"),
    ],
    "kialo": [
        *(
            "\n",
            "\n\n",
            " ",
            "\t",
            "\r\n",
            "\r",
            "\ufeff",
            "Discussion Title: ",
            "Discussion Name:",
        ),
        *("1. ", "2. ", "1.1. Pro: ", "1.2. Con: ", "1.1.1. Con: ", "1.1. ", "Pro:", "Con:"),
        *("-> See 1.", "-> See 1.1.", "-> See 9.", "Sources:\n", "[1]", "[2] ", "[1]: ", "0."),
        *(
            "99999999999999999999.",
            "1.0. Pro: ",
            "\u0967",
            "https://example.org/x",
            "[a](http://e)",
        ),
    ],
    "aif": [
        *('"', "{", "}", "[", "]", ",", ":", "null", "true", "1e999", "-0", "NaN", '"nodeID": '),
        *('"type": ', '"RA"', '"CA"', '"I"', '"L"', '"YA"', '"TA"', '"MA"', '"PA"', '"text": '),
        *('"edges": ', '"nodes": ', '"fromID": ', '"toID": ', '"AIF": ', "\\u0000", "\\ud800"),
        *("99999999999999999999", '"scheme": ', '"locutions": ', '"participants": '),
    ],
    "argmap": [
        *('"', "{", "}", "[", "]", ",", ":", "null", "true", "1e999", "-0", "NaN", '"id": '),
        *('"premises": ', '"target": ', '"kind": ', '"support"', '"attack"', '"statements": '),
        *('"relations": ', '"groups": ', '"parent": ', '"layout": ', '"positions": ', '"x": '),
        *('"version": ', "2", '"format": "argmap"', '"attribution": ', '"source": ', "\\u0000"),
    ],
    "html": [
        *("</script>", "<script>", '<script type="application/json" id="', "<!--", "-->"),
        *("\\u003c", "&lt;", "&amp;", "<", ">", '"', "{", "}", "[", "]", ",", ":", "null"),
        *('"statements": ', '"relations": ', '"text": ', '"id": ', "<html>", "</body>", "\x00"),
    ],
}

# Keys a JSON mutation may add, so that mutated files keep meeting the reader's own names.
_JSON_KEYS = {
    "aif": [
        *("nodes", "edges", "nodeID", "type", "text", "fromID", "toID", "edgeID", "AIF"),
        *("scheme", "schemeID", "timestamp", "locutions", "personID", "participants", "OVA"),
    ],
    "argmap": [
        *("format", "version", "title", "statements", "relations", "sources", "groups"),
        *("layout", "id", "text", "premises", "target", "kind", "attribution", "source"),
        *("speaker", "parent", "positions", "x", "y", "tags", "acceptance", "created"),
    ],
}


_READERS = ("argdown", "aif", "kialo", "argmap", "html")
# An HTML page is drawn by the export (Graphviz); the reader takes only its map block,
# so pages around a blank drawing serve as its inputs.
_BLANK_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'


def _writer(name: str) -> Callable[[ArgumentMap], str]:
    """How a map becomes text of a format, for seeds and generated inputs."""
    if name == "html":
        return lambda argument_map: build_page(argument_map, _BLANK_SVG)
    write = format_by_name(name).write
    assert write is not None
    return write


@dataclass(frozen=True)
class Target:
    """One thing to fuzz: a strategy for its inputs, and the check each must pass."""

    name: str
    inputs: st.SearchStrategy[Any]
    check: Callable[[Any], None]


def reader_inputs(name: str) -> st.SearchStrategy[str]:
    """Texts for one reader: mutated seeds, and mutated maps of any shape written in it."""
    seeds = list(_seeds(name))
    written = generated_maps().map(_writer(name))
    tokens = _TOKENS[name]
    choices = [
        mutated_text(st.sampled_from(seeds), tokens),
        written.flatmap(lambda text: mutated_text(st.just(text), tokens)),
    ]
    if name in _JSON_KEYS:
        keys = _JSON_KEYS[name]
        choices.append(mutated_json(st.sampled_from(seeds), keys))
        choices.append(written.flatmap(lambda text: mutated_json(st.just(text), keys)))
    return st.one_of(choices)


def generated_maps() -> st.SearchStrategy[ArgumentMap]:
    """Maps of any content, and deep ones."""
    return st.one_of(argument_maps(), deep_maps())


def writer_inputs() -> st.SearchStrategy[ArgumentMap]:
    """Generated maps, and maps read from mutated files: the shapes real files give."""
    return st.one_of(generated_maps(), _read_maps())


@st.composite
def _read_maps(draw: st.DrawFn) -> ArgumentMap:
    name = draw(st.sampled_from(_READERS))
    text = draw(reader_inputs(name))
    try:
        with time_limit(LIMIT):
            return format_by_name(name).read(text).map
    except ArgmapError:
        return draw(generated_maps())


def targets() -> list[Target]:
    """Every reader, then every writer (argmap's own format included)."""
    readers = [
        Target(name, reader_inputs(name), _reader_check(format_by_name(name))) for name in _READERS
    ]
    writers = Target("writers", writer_inputs(), check_writers)
    return [*readers, writers]


def _reader_check(fmt: Format) -> Callable[[str], None]:
    def check(text: str) -> None:
        check_reader(fmt, text)

    return check
