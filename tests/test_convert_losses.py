"""What writing a map in another format leaves out or changes is said, and --strict fails on it.

Every loss listed for a format must be real (reading the written file back shows it, or
for the Markdown outline, which cannot be read back, changing the field leaves the outline
as it was), and everything the written file does not give back must be listed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import objection_then_reason_map

from argmap.cli import main
from argmap.files import load_map
from argmap.formats import format_by_name, loss_warnings, losses, write_warnings
from argmap.formats.kialo import KIALO
from argmap.formats.losses import Loss
from argmap.model import (
    ArgumentMap,
    Attribution,
    Group,
    Layout,
    Position,
    Relation,
    Source,
    Statement,
)
from tests.conftest import MAPS, small_map
from tests.loss_mutations import candidates, changed
from tests.roundtrip_diff import differences

ISRAEL = next(p for p in MAPS if p.name == "israel-us-defense-treaty.argmap")
READ_BACK = ("argmap", "argdown", "aif", "kialo")


def every_field_map() -> ArgumentMap:
    """A map that sets every field, with texts whose white space some formats change."""
    return ArgumentMap(
        title="  Every  field ",
        description="What it is about\n\nin two paragraphs",
        authors=["A. Author", "B. Author"],
        created="2024-01-02",
        modified="2024-02-03T10:00:00Z",
        statements=[
            Statement(
                id="claim",
                text="The main claim",
                title="Claim",
                tags=["one", "two words"],
                note="A note",
                acceptance="accepted",
                attribution=Attribution(speaker="S", source="src", quote="q", date="1990"),
                standard="brd",
            ),
            Statement(
                id="p1", text="First premise \nsecond line", title="P1", acceptance="rejected"
            ),
            Statement(id="p2", text=" Second premise ", note="Another note"),
            Statement(id="objection", text="An objection", tags=["x"]),
            Statement(id="undercutter", text="The inference does not hold"),
            Statement(id="1.2", text="A statement named as Kialo names claims"),
        ],
        relations=[
            Relation(
                id="linked",
                kind="support",
                premises=["p1", "p2"],
                target="claim",
                weighing="cumulative",
                weight=0.5,
                attribution=Attribution(speaker="R", date="1991", quote="rq", source="src"),
            ),
            Relation(id="attack", kind="attack", premises=["objection"], target="claim"),
            Relation(id="undercut", kind="attack", premises=["undercutter"], target="linked"),
            Relation(id="r7", kind="support", premises=["1.2"], target="objection"),
        ],
        sources=[
            Source(
                id="src",
                title="A title",
                author="Au",
                publisher="Pub",
                url="https://example.org/a",
                date="2000",
                text="The full text",
            ),
            Source(id="source-4", title="Only a title", url="https://example.org/b"),
        ],
        groups=[
            Group(id="g", title="Group", statements=["claim", "p1"]),
            Group(id="h", title="Nested", statements=["objection"], parent="g"),
        ],
        layout=Layout(direction="LR", theme="print", positions={"claim": Position(x=1, y=2)}),
    )


SAMPLES = [*((p.stem, lambda p=p: load_map(p)) for p in MAPS), ("every-field", every_field_map)]


def read_back(argument_map: ArgumentMap, format_name: str) -> ArgumentMap:
    chosen = format_by_name(format_name)
    return chosen.read(chosen.write(argument_map), "written").map


@pytest.mark.parametrize("format_name", READ_BACK)
@pytest.mark.parametrize(("sample", "make"), SAMPLES, ids=[s for s, _ in SAMPLES])
def test_every_loss_listed_for_a_format_is_lost_when_the_file_is_read_back(
    format_name, sample, make
):
    argument_map = make()
    real = differences(argument_map, read_back(argument_map, format_name))
    assert set(losses(argument_map, format_name)) - real == set()


@pytest.mark.parametrize("format_name", READ_BACK)
@pytest.mark.parametrize(("sample", "make"), SAMPLES, ids=[s for s, _ in SAMPLES])
def test_everything_a_format_does_not_give_back_is_listed(format_name, sample, make):
    argument_map = make()
    real = differences(argument_map, read_back(argument_map, format_name))
    assert real - set(losses(argument_map, format_name)) == set()


def _outline_text(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines())


def _outline(argument_map: ArgumentMap) -> str:
    return format_by_name("markdown").write(argument_map)


@pytest.mark.parametrize(("sample", "make"), SAMPLES, ids=[s for s, _ in SAMPLES])
def test_every_loss_listed_for_the_markdown_outline_leaves_the_outline_unchanged(sample, make):
    argument_map = make()
    outline = _outline(argument_map)
    changes_it = [
        loss
        for loss in losses(argument_map, "markdown")
        if _outline(changed(argument_map, loss, _outline_text)) != outline
    ]
    assert changes_it == []


@pytest.mark.parametrize(("sample", "make"), SAMPLES, ids=[s for s, _ in SAMPLES])
def test_every_field_the_markdown_outline_shows_is_not_listed_as_lost(sample, make):
    argument_map = make()
    outline = _outline(argument_map)
    listed = set(losses(argument_map, "markdown"))
    unseen = [
        loss
        for loss in candidates(argument_map)
        if loss not in listed and _outline(changed(argument_map, loss)) == outline
    ]
    assert unseen == []


def test_a_map_without_titles_gets_no_warning_about_titles():
    argument_map = small_map().model_copy(
        update={
            "statements": [s.model_copy(update={"title": None}) for s in small_map().statements]
        }
    )
    messages = [w.message for w in loss_warnings(argument_map, "kialo")]
    assert messages
    assert not [m for m in messages if "statement title" in m]


@pytest.mark.parametrize("format_name", ["argmap", "aif"])
def test_writing_the_native_format_or_aif_loses_nothing_and_says_nothing(format_name):
    for path in MAPS:
        argument_map = load_map(path)
        assert differences(argument_map, read_back(argument_map, format_name)) == set()
        assert loss_warnings(argument_map, format_name) == []


def test_a_map_read_from_kialo_written_back_to_kialo_keeps_its_ids():
    text = (
        "Discussion Title: Tea\n\n1. Tea is good.\n1.1. Pro: It is warm.\n1.2. Con: It is bitter.\n"
    )
    argument_map = KIALO.read(text, "tea.txt").map
    assert losses(argument_map, "kialo") == []


def test_many_elements_of_one_kind_are_one_warning_naming_the_first_few():
    messages = [w.message for w in loss_warnings(load_map(ISRAEL), "kialo")]
    titles = [m for m in messages if "statement titles" in m]
    assert len(titles) == 1
    assert titles[0].startswith("Kialo discussion export cannot hold 49 statement titles (")
    assert titles[0].endswith(" and 44 more)")


def test_an_undercut_written_to_kialo_is_named_with_what_becomes_of_it():
    messages = [w.message for w in loss_warnings(small_map(), "kialo")]
    undercut = next(m for m in messages if "r-gimmick" in m)
    assert "first premise instead of the inference" in undercut


def test_argdown_says_it_does_not_keep_the_order_of_relations_but_keeps_roles():
    messages = [w.message for w in loss_warnings(objection_then_reason_map(), "argdown")]
    assert "Argdown does not keep the order of the map's relations" in messages
    assert not [m for m in messages if "role" in m]


def test_kialo_names_a_statement_whose_role_changes():
    messages = [w.message for w in loss_warnings(objection_then_reason_map(), "kialo")]
    assert "Kialo discussion export changes the role of 1 statement (x)" in messages


def test_argdown_names_the_groups_whose_statements_change_order():
    assert Loss("group", "troops", "order") in losses(
        load_map(next(p for p in MAPS if p.name == "us-saudi-defense-pact.argmap")), "argdown"
    )


def test_a_format_that_cannot_be_written_has_no_loss_list():
    with pytest.raises(ValueError, match="cannot write"):
        losses(small_map(), "html")


def test_write_warnings_takes_the_format_from_the_file_name():
    assert write_warnings(small_map(), "out.argmap") == []
    assert write_warnings(small_map(), "out.txt") == loss_warnings(small_map(), "kialo")
    assert write_warnings(small_map(), "out.txt", "argdown") == loss_warnings(
        small_map(), "argdown"
    )


def test_a_loss_names_its_element_and_field():
    assert Loss("statement", "claim", "title") in losses(every_field_map(), "kialo")
    assert Loss("map", "", "description") in losses(every_field_map(), "kialo")


# -- argmap convert ---------------------------------------------------------------------------


def _convert(*arguments: str | Path) -> int:
    return main(["convert", *map(str, arguments)])


def test_converting_to_kialo_warns_of_what_is_left_out_and_writes_the_file(tmp_path, capsys):
    target = tmp_path / "t.txt"
    assert _convert(ISRAEL, target) == 0
    error = capsys.readouterr().err
    assert f"{target}: warning: Kialo discussion export cannot hold 49 statement titles" in error
    assert f"{target}: warning: Kialo discussion export cannot hold the map's description" in error
    assert "cannot hold 7 groups" in error
    assert target.exists()


def test_converting_strictly_to_a_format_that_leaves_things_out_fails_and_writes_nothing(
    tmp_path, capsys
):
    target = tmp_path / "t.txt"
    assert _convert(ISRAEL, target, "--strict") == 1
    error = capsys.readouterr().err
    assert "cannot hold 49 statement titles" in error
    assert error.strip().splitlines()[-1] == (
        f"argmap: {target}: 23 kinds of content would be left out or changed;"
        " nothing written (--strict)"
    )
    assert not target.exists()


def test_a_strict_failure_leaves_an_existing_output_file_as_it_was(tmp_path):
    target = tmp_path / "t.md"
    target.write_text("earlier report\n")
    assert _convert(ISRAEL, target, "--strict") == 1
    assert target.read_text() == "earlier report\n"


@pytest.mark.parametrize("suffix", [".argmap", ".json"])
def test_converting_strictly_to_a_format_that_holds_everything_says_nothing(
    tmp_path, capsys, suffix
):
    for path in MAPS:
        target = tmp_path / f"{path.stem}{suffix}"
        assert _convert(path, target, "--strict") == 0
        assert capsys.readouterr().err == ""
        assert target.exists()


def test_converting_to_standard_output_names_it_in_the_warnings(capsys):
    assert _convert(ISRAEL, "-", "--to", "argdown") == 0
    error = capsys.readouterr().err
    assert error.startswith(
        "standard output: warning: Argdown does not keep the ids of 30 relations"
    )


def test_a_strict_failure_counts_what_reading_and_what_writing_could_not_carry(tmp_path, capsys):
    source = tmp_path / "in.txt"
    source.write_text(
        "Discussion Title: Tea\n\nA stray line\n1. Tea is good.\n1.1. Pro: It is warm.\n"
    )
    target = tmp_path / "out.md"
    assert _convert(source, target, "--strict") == 1
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith(f"argmap: {source}: 1 construct could not be read exactly; {target}: ")
    assert last.endswith("would be left out or changed; nothing written (--strict)")
    assert not target.exists()
