"""Real Argdown files, written by others, against what Argdown's reference parser makes of them.

The corpus (``shared/corpus/argdown``, see its ``SOURCES.md``) holds each file
and, in ``expected-argdown-cli``, the reference parser's JSON export
(``FOLDER__NAME.json``) or its error (``FOLDER__NAME.error.txt``). Everything
expected here is counted from that data, never copied by hand.

Known, deliberate differences, and how the comparison allows for them:

* Both remove bold and italic marks, turn links into their text and replace
  ``:shortcodes:`` by symbols. Argdown keeps tags in the text, argmap takes
  those at the end out of it; Argdown keeps mentions as ``@[Title]``, argmap
  keeps the title. Texts are compared with tags set aside and mentions as
  their titles.
* argmap does not follow ``@include``: statements that only the included
  files hold are not expected.
* With ``explodeArguments`` the reference renames arguments; titles that do
  not occur in the file are not looked for.
* A relation of an argument to its own conclusion has no place in argmap.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from argmap.errors import MapFileError
from argmap.formats.argdown import ARGDOWN
from argmap.model import ArgumentMap

CORPUS = Path(__file__).parents[2] / "shared" / "corpus" / "argdown"
EXPECTED = CORPUS / "expected-argdown-cli"
if not EXPECTED.is_dir():
    pytest.skip("the shared Argdown corpus is not available", allow_module_level=True)

ALL_FILES = sorted(CORPUS.rglob("*.argdown"))
ACCEPTED = sorted(EXPECTED.glob("*.json"))
REJECTED = sorted(EXPECTED.glob("*.error.txt"))
UNTITLED = re.compile(r"Untitled \d+\Z")
ATTACKS = {"attack", "undercut", "contrary", "contradictory"}


def source_of(expected: Path) -> Path:
    stem = expected.name.removesuffix(".json").removesuffix(".error.txt")
    folder, name = stem.split("__", 1)
    return CORPUS / folder / (name.replace("__", "/") + ".argdown")


def comparable(text: str | None) -> str:
    """Text with tags set aside and mentions as their titles (see the module docstring)."""
    text = re.sub(r"#\([^)]*\)|#[\w\-]+", " ", text or "")
    text = re.sub(r"@\[([^\]]+)\]|@<([^>]+)>", lambda m: m.group(1) or m.group(2), text)
    return " ".join(text.split())


def name(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix() if path.is_relative_to(CORPUS) else path.name


def read(path: Path) -> tuple[ArgumentMap, list]:
    result = ARGDOWN.read(path.read_text(encoding="utf-8"), str(path))
    return result.map, result.warnings


def warnings_or_refusal(path: Path) -> list | MapFileError:
    """The warnings of a file that is read, or the error of one that is refused."""
    try:
        return read(path)[1]
    except MapFileError as error:
        return error


def expected(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def texts_of(element: dict) -> list[str]:
    return [t for t in (comparable(m.get("text")) for m in element["members"]) if t]


def in_file(text: str, source: Path) -> bool:
    return text in comparable(source.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", ALL_FILES, ids=name)
def test_every_file_is_read_or_refused_with_a_located_error(path):
    outcome = warnings_or_refusal(path)
    if isinstance(outcome, MapFileError):
        assert outcome.problems
        assert all(p.line for p in outcome.problems)
    else:
        assert all(w.line for w in outcome if "more warnings" not in w.message)


@pytest.mark.parametrize("path", ACCEPTED, ids=name)
def test_titled_statements_are_kept_with_their_text(path):
    argument_map, _ = read(source_of(path))
    titles = {s.title: s for s in argument_map.statements}
    for title, statement in expected(path)["statements"].items():
        if UNTITLED.match(title):
            continue
        assert title in titles, f"[{title}] is missing"
        texts = texts_of(statement)
        assert not texts or comparable(titles[title].text) in texts, f"the text of [{title}]"


@pytest.mark.parametrize("path", ACCEPTED, ids=name)
def test_untitled_statements_are_kept(path):
    source = source_of(path)
    argument_map, _ = read(source)
    kept = Counter(comparable(s.text) for s in argument_map.statements if s.title is None)
    wanted = Counter(
        texts_of(s)[0] if texts_of(s) else ""
        for title, s in expected(path)["statements"].items()
        if UNTITLED.match(title)
    )
    includes = "@include" in source.read_text(encoding="utf-8")
    for text, count in wanted.items():
        if includes and not in_file(text, source):
            continue  # only in an @included file
        assert kept[text] >= count, f"untitled statement {text!r}"


@pytest.mark.parametrize("path", ACCEPTED, ids=name)
def test_arguments_are_kept_as_statements_or_as_linked_relations(path):
    source = source_of(path)
    argument_map, _ = read(source)
    text = source.read_text(encoding="utf-8")
    notes = "\n".join(s.note or "" for s in argument_map.statements)
    relation_ids = {r.id for r in argument_map.relations}
    for title, argument in expected(path)["arguments"].items():
        if UNTITLED.match(title) or f"<{title}>" not in text:
            continue
        if argument["pcs"]:
            assert title in relation_ids or f"<{title}>" in notes, f"reconstructed <{title}>"
        else:
            statement = next((s for s in argument_map.statements if s.title == title), None)
            assert statement is not None, f"<{title}> is missing"
            texts = texts_of(argument)
            assert not texts or comparable(statement.text) in texts, f"the description of <{title}>"


def inference_steps(data: dict) -> int:
    """Each inference once, however many (exploded) arguments list it."""
    return len(
        {
            (p["inference"]["startLine"], p["inference"]["startColumn"])
            for a in data["arguments"].values()
            for p in a["pcs"]
            if p.get("inference")
        }
    )


@pytest.mark.parametrize("path", ACCEPTED, ids=name)
def test_relation_kinds_match_the_reference(path):
    argument_map, _ = read(source_of(path))
    data = expected(path)
    wanted = Counter(
        "attack" if r["relationType"] in ATTACKS else "support"
        for r in data["relations"]
        if (r["from"], r["fromType"]) != (r["to"], r["toType"])
    )
    wanted["support"] += inference_steps(data)
    assert Counter(str(r.kind) for r in argument_map.relations) == wanted


@pytest.mark.parametrize("path", ACCEPTED, ids=name)
def test_relations_between_titled_statements_connect_the_same_statements(path):
    argument_map, _ = read(source_of(path))
    ids = {s.title: s.id for s in argument_map.statements if s.title}
    kept = {
        (str(r.kind), r.premises[0], r.target)
        for r in argument_map.relations
        if len(r.premises) == 1
    }
    for relation in expected(path)["relations"]:
        ends = (relation["from"], relation["to"])
        if (
            relation["fromType"] == relation["toType"] == "equivalence-class"
            and not any(UNTITLED.match(e) for e in ends)
            and ends[0] != ends[1]
        ):
            kind = "attack" if relation["relationType"] in ATTACKS else "support"
            assert (kind, ids[ends[0]], ids[ends[1]]) in kept, f"{ends[0]} {kind} {ends[1]}"


@pytest.mark.parametrize("path", REJECTED, ids=name)
def test_what_the_reference_rejects_is_read_with_warnings_or_refused_clearly(path):
    outcome = warnings_or_refusal(source_of(path))
    if isinstance(outcome, MapFileError):
        assert all(p.line for p in outcome.problems)
    else:
        assert outcome, "read without a word about what the reference parser rejects"


def test_the_argdown_plus_dialect_is_named():
    path = next(p for p in ALL_FILES if "DIALECT" in p.name)
    _, warnings = read(path)
    assert any("Argdown+" in w.message for w in warnings)


def test_include_directives_are_reported_not_followed():
    path = CORPUS / "fixtures" / "include" / "include-test.argdown"
    argument_map, warnings = read(path)
    assert any("@include" in w.message for w in warnings)
    assert all("partial" not in s.text for s in argument_map.statements)


def test_the_veggie_debate_reads_without_markdown_in_what_argmap_shows():
    path = CORPUS / "examples" / "cv_test_veggie-debate.argdown"
    argument_map, _ = read(path)
    shown = [s.text for s in argument_map.statements]
    shown += [s.title or "" for s in argument_map.statements]
    shown += [g.title for g in argument_map.groups]
    markdown = re.compile(r"\*\*|__|@\[|@<|(?<![\w:]):[\w+\-]+:")
    assert [text for text in shown if markdown.search(text)] == []


def ranges(data: dict, kinds: set[str]) -> int:
    """How many ranges of ``kinds`` the reference marks in statement texts."""
    return sum(
        1
        for statement in data["statements"].values()
        for member in statement["members"]
        for r in member.get("ranges", [])
        if r["type"] in kinds
    )


def test_bold_and_italic_are_reported_as_often_as_the_reference_marks_them():
    path = CORPUS / "fixtures" / "cv_test_lexer-italic-bold.argdown"
    _, warnings = read(path)
    wanted = ranges(
        expected(EXPECTED / "fixtures__cv_test_lexer-italic-bold.json"), {"bold", "italic"}
    )
    assert [w.message for w in warnings if "bold" in w.message] == [
        f"bold and italic markers were removed ({wanted} places)"
    ]


def test_custom_shortcodes_from_the_frontmatter_give_the_reference_symbol():
    name = "using-logical-symbols-and-emojis_02_adding-custom-shortcodes"
    argument_map, _ = read(CORPUS / "docs-snippets" / f"{name}.argdown")
    reference = expected(EXPECTED / f"docs-snippets__{name}.json")
    symbol = reference["arguments"]["a"]["members"][0]["text"]
    assert [s.text for s in argument_map.statements if s.title == "a"] == [symbol]
