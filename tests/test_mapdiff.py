"""Semantic diff by id: every kind of single-element change, and the command around it."""

from __future__ import annotations

import json

import pytest
from conftest import small_map
from hypothesis import given
from strategies import argument_maps, texts

from argmap.cli import main
from argmap.files import save_map
from argmap.mapdiff import diff_maps, render_text, split_map, word_diff
from argmap.model import (
    Acceptance,
    ArgumentMap,
    Attribution,
    Direction,
    Group,
    Position,
    ProofStandard,
    Relation,
    RelationKind,
    Source,
    Statement,
    Weighing,
)


def _statements(argument_map: ArgumentMap, *replaced: Statement) -> ArgumentMap:
    new = {s.id: s for s in replaced}
    return argument_map.model_copy(
        update={"statements": [new.get(s.id, s) for s in argument_map.statements]}
    )


def _summary(old: ArgumentMap, new: ArgumentMap) -> list[tuple[str, str, str, list[str]]]:
    return [(c.kind, c.collection, c.id, [f.field for f in c.fields]) for c in diff_maps(old, new)]


BASE = small_map()


def test_an_added_statement_and_its_relation():
    new = BASE.model_copy(
        update={
            "statements": [*BASE.statements, Statement(id="extra", text="More")],
            "relations": [
                *BASE.relations,
                Relation(id="r-extra", kind="support", premises=["extra"], target="claim"),
            ],
        }
    )
    assert _summary(BASE, new) == [
        ("added", "statements", "extra", []),
        ("added", "relations", "r-extra", []),
    ]


def test_a_removed_statement():
    new = BASE.model_copy(
        update={
            "statements": [s for s in BASE.statements if s.id != "gimmick"],
            "relations": [r for r in BASE.relations if r.id != "r-gimmick"],
        }
    )
    assert _summary(BASE, new) == [
        ("removed", "statements", "gimmick", []),
        ("removed", "relations", "r-gimmick", []),
    ]


def _with_extra(collection: str) -> ArgumentMap:
    """BASE with one more element in ``collection`` that nothing else refers to."""
    if collection == "layout.positions":
        extra = BASE.model_copy(deep=True)
        extra.layout.positions["claim"] = Position(x=5, y=6)
        return extra
    element = {
        "relations": Relation(id="r-extra", kind="attack", premises=["credible"], target="narrow"),
        "sources": Source(id="extra", title="Another source", text="Its words."),
        "groups": Group(id="extra", title="An empty group"),
    }[collection]
    return BASE.model_copy(update={collection: [*getattr(BASE, collection), element]})


@pytest.mark.parametrize("collection", ["relations", "sources", "groups", "layout.positions"])
@pytest.mark.parametrize("kind", ["added", "removed"])
def test_one_element_added_or_removed_is_that_and_nothing_else(collection, kind):
    extra = _with_extra(collection)
    old, new = (BASE, extra) if kind == "added" else (extra, BASE)
    element_id = (
        "claim"
        if collection == "layout.positions"
        else ("r-extra" if collection == "relations" else "extra")
    )
    assert _summary(old, new) == [(kind, collection, element_id, [])]


def test_a_changed_text_is_diffed_word_by_word():
    changed = BASE.statement("claim").model_copy(
        update={"text": "A treaty would harm Israel's security"}
    )
    (change,) = diff_maps(BASE, _statements(BASE, changed))
    assert (change.kind, change.id, change.fields[0].field) == ("changed", "claim", "text")
    runs = word_diff(change.fields[0].old, change.fields[0].new)
    assert ("-", "serve") in runs
    assert ("+", "harm") in runs


def test_a_changed_nested_field_is_named_by_its_path():
    freedom = BASE.statement("freedom")
    quoted = freedom.attribution.model_copy(update={"quote": "no guarantees"})
    new = _statements(BASE, freedom.model_copy(update={"attribution": quoted}))
    assert _summary(BASE, new) == [("changed", "statements", "freedom", ["attribution.quote"])]


def test_changed_tags_and_acceptance_are_fields_that_changed():
    claim = BASE.statement("claim").model_copy(
        update={"tags": ["key"], "acceptance": Acceptance.ACCEPTED}
    )
    assert _summary(BASE, _statements(BASE, claim)) == [
        ("changed", "statements", "claim", ["tags", "acceptance"])
    ]


def test_a_statement_moved_between_groups():
    groups = [
        Group(id="rabin", title="Rabin era", statements=["freedom"]),
        Group(id="later", title="Later", statements=["narrow"]),
    ]
    old = BASE.model_copy(update={"groups": [*BASE.groups, Group(id="later", title="Later")]})
    new = BASE.model_copy(update={"groups": groups})
    (change,) = diff_maps(old, new)
    assert (change.kind, change.id) == ("moved", "narrow")
    assert (change.fields[0].old, change.fields[0].new) == ("rabin", "later")


def test_a_relation_pointed_at_another_target():
    moved = BASE.relation("r-narrow").model_copy(update={"target": "claim"})
    new = BASE.model_copy(
        update={"relations": [moved if r.id == moved.id else r for r in BASE.relations]}
    )
    (change,) = diff_maps(BASE, new)
    assert (change.kind, change.id, change.fields[0].field) == ("repointed", "r-narrow", "target")


def test_a_relation_given_other_premises_and_another_kind():
    relation = BASE.relation("r-deter").model_copy(
        update={"premises": ["deterrence"], "kind": RelationKind.ATTACK}
    )
    new = BASE.model_copy(
        update={"relations": [relation if r.id == "r-deter" else r for r in BASE.relations]}
    )
    assert _summary(BASE, new) == [
        ("repointed", "relations", "r-deter", ["premises"]),
        ("changed", "relations", "r-deter", ["kind"]),
    ]


def test_a_changed_source():
    source = BASE.source("op-ed").model_copy(update={"url": "https://example.org"})
    new = BASE.model_copy(update={"sources": [source]})
    assert _summary(BASE, new) == [("changed", "sources", "op-ed", ["url"])]


def test_a_renamed_group():
    new = BASE.model_copy(update={"groups": [BASE.groups[0].model_copy(update={"title": "R"})]})
    assert _summary(BASE, new) == [("changed", "groups", "rabin", ["title"])]


def test_a_card_pinned_in_place():
    new = BASE.model_copy(deep=True)
    new.layout.positions["claim"] = Position(x=1, y=2)
    assert _summary(BASE, new) == [("added", "layout.positions", "claim", [])]


def test_a_new_map_title_and_direction():
    new = BASE.model_copy(deep=True, update={"title": "Other"})
    new.layout.direction = Direction.LEFT_TO_RIGHT
    assert _summary(BASE, new) == [("changed", "map", "", ["title", "layout.direction"])]


def test_statements_put_in_another_order():
    new = BASE.model_copy(update={"statements": list(reversed(BASE.statements))})
    assert _summary(BASE, new) == [("reordered", "statements", "", ["order"])]


def test_an_empty_attribution_is_not_the_same_as_none():
    claim = BASE.statement("claim").model_copy(update={"attribution": Attribution()})
    assert _summary(BASE, _statements(BASE, claim)) == [
        ("changed", "statements", "claim", ["attribution"])
    ]


ARTICLE = " ".join(
    f"Sentence {n} of the article says something about the treaty." for n in range(400)
)


def _with_article(argument_map: ArgumentMap, text: str) -> ArgumentMap:
    source = argument_map.source("op-ed").model_copy(update={"text": text})
    return argument_map.model_copy(update={"sources": [source]})


def test_a_changed_source_text_lists_the_changed_words_and_a_little_around_them():
    old = _with_article(BASE, ARTICLE)
    new = _with_article(BASE, ARTICLE.replace("Sentence 200 of", "Sentence 200, revised, of"))
    assert _summary(old, new) == [("changed", "sources", "op-ed", ["text"])]
    (line,) = render_text(diff_maps(old, new)).split("\n")[1:]
    assert "{+, revised,+}" in line
    assert len(line) < 300  # not the whole article
    assert "Sentence 0 of" not in line


def test_a_word_replaced_throughout_a_long_text_is_a_change_in_each_sentence():
    old = _with_article(BASE, ARTICLE * 10)
    new = _with_article(BASE, ARTICLE.replace("article", "essay") * 10)
    (change,) = diff_maps(old, new)
    runs = word_diff(change.fields[0].old, change.fields[0].new)
    assert [text for op, text in runs if op != "="] == ["article", "essay"] * 4000
    assert "".join(text for op, text in runs if op != "+") == old.source("op-ed").text


def test_a_long_text_replaced_by_another_is_one_removal_and_one_addition():
    # Matching tens of thousands of words one by one would take minutes (it is quadratic).
    old = _with_article(BASE, ARTICLE * 10)
    other = " ".join(f"Line {n}: nothing like the first text at all." for n in range(3000))
    (change,) = diff_maps(old, _with_article(BASE, other))
    runs = word_diff(change.fields[0].old, change.fields[0].new)
    assert [op for op, _ in runs if op != "="] == ["-", "+"]
    assert "".join(text for op, text in runs if op != "+") == old.source("op-ed").text
    assert "".join(text for op, text in runs if op != "-") == other


def test_an_added_source_is_named_by_its_title_not_its_text():
    source = Source(id="news", title="A news report", text=ARTICLE)
    new = BASE.model_copy(update={"sources": [*BASE.sources, source]})
    assert render_text(diff_maps(BASE, new)) == 'added source news: "A news report"'


def test_a_proof_standard_given_to_a_statement():
    claim = BASE.statement("claim").model_copy(update={"standard": ProofStandard.BRD})
    changes = diff_maps(BASE, _statements(BASE, claim))
    assert _summary(BASE, _statements(BASE, claim)) == [
        ("changed", "statements", "claim", ["standard"])
    ]
    assert 'standard: (none) → "brd"' in render_text(changes)


def test_a_relation_given_a_weighing_and_a_weight():
    relation = BASE.relation("r-deter").model_copy(
        update={"weighing": Weighing.CUMULATIVE, "weight": 0.4}
    )
    new = BASE.model_copy(
        update={"relations": [relation if r.id == "r-deter" else r for r in BASE.relations]}
    )
    assert _summary(BASE, new) == [("changed", "relations", "r-deter", ["weighing", "weight"])]
    assert "weight: (none) → 0.4" in render_text(diff_maps(BASE, new))


@given(texts, texts)
def test_the_word_runs_spell_out_both_texts(old, new):
    runs = word_diff(old, new)
    assert "".join(text for op, text in runs if op != "+") == old
    assert "".join(text for op, text in runs if op != "-") == new


@given(argument_maps(), argument_maps())
def test_two_maps_differ_exactly_when_the_diff_lists_something(old, new):
    assert (diff_maps(old, new) == []) == (old == new)


def test_every_field_of_the_map_is_compared():
    settings, collections = split_map(BASE)
    top = {name.split(".")[0] for name in [*settings, *collections]}
    assert top == set(ArgumentMap.model_fields) - {"format", "version"}


# -- the command ---------------------------------------------------------------------


@pytest.fixture
def two_files(tmp_path):
    old, new = tmp_path / "old.argmap", tmp_path / "new.argmap"
    save_map(BASE, old, backup=False)
    changed = BASE.statement("claim").model_copy(update={"text": "A treaty would not help"})
    save_map(_statements(BASE, changed), new, backup=False)
    return old, new


def test_diff_exits_0_for_equal_maps(two_files, capsys):
    old, _ = two_files
    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().out == ""


def test_diff_exits_1_and_prints_words_that_changed(two_files, capsys):
    assert main(["diff", *map(str, two_files)]) == 1
    out = capsys.readouterr().out
    assert "changed statement claim" in out
    assert "{+not help+}" in out


def test_diff_as_json(two_files, capsys):
    assert main(["diff", *map(str, two_files), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["equal"] is False
    assert report["changes"][0]["fields"][0]["field"] == "text"


def test_diff_compares_across_formats(two_files, tmp_path):
    old, new = two_files
    converted = tmp_path / "old.argdown"
    assert main(["convert", str(old), str(converted)]) == 0
    assert main(["diff", str(converted), str(new)]) == 1


def test_a_reason_inserted_in_an_argdown_file_is_one_added_relation_and_nothing_else(
    tmp_path, capsys
):
    old, new = tmp_path / "old.argdown", tmp_path / "new.argdown"
    old.write_text("[A]: Claim A.\n  + [B]: Reason B.\n  - [C]: Objection C.\n")
    new.write_text("[A]: Claim A.\n  + [B]: Reason B.\n  + [D]: Reason D.\n  - [C]: Objection C.\n")
    assert main(["diff", str(old), str(new), "--format", "json"]) == 1
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert sorted((c["kind"], c["collection"], c["id"]) for c in changes) == [
        ("added", "relations", "D-supports-A"),
        ("added", "statements", "D"),
    ]


def test_diff_exits_2_when_a_file_cannot_be_read(two_files, tmp_path, capsys):
    assert main(["diff", str(two_files[0]), str(tmp_path / "missing.argmap")]) == 2
    assert "no such file" in capsys.readouterr().err


def git_arguments(path: str, old, new) -> list[str]:
    """What git passes an external diff: the path, then each side's file, hash and mode."""
    return [path, str(old), "0" * 40, "100644", str(new), "1" * 40, "100644"]


def test_a_file_git_added_compares_with_an_empty_map(two_files, capsys):
    _, new = two_files
    args = git_arguments("map.argmap", "/dev/null", new)
    assert main(["diff", *args]) == 0  # git takes any other status as a failure
    out = capsys.readouterr().out
    assert out.startswith("argmap diff a/map.argmap b/map.argmap")
    assert "added statement claim" in out


def test_a_map_git_renamed_shows_its_changes_under_both_names(two_files, capsys):
    old, new = two_files
    args = git_arguments("old.argmap", old, new)
    rename = "similarity index 90%\nrename from old.argmap\nrename to new.argmap\n"
    assert main(["diff", *args, "new.argmap", rename]) == 0
    out = capsys.readouterr().out
    assert out.startswith("argmap diff a/old.argmap b/new.argmap")
    assert "rename from old.argmap\nrename to new.argmap" in out
    assert "changed statement claim" in out


def test_a_map_git_copied_is_shown_as_a_copy(two_files, capsys):
    old, new = two_files
    args = git_arguments("old.argmap", old, new)
    copy = "similarity index 90%\ncopy from old.argmap\ncopy to new.argmap\n"
    assert main(["diff", *args, "new.argmap", copy]) == 0
    out = capsys.readouterr().out
    assert "copy from old.argmap\ncopy to new.argmap" in out
    assert "rename" not in out


def test_a_revision_git_shows_that_is_not_a_map_is_said_and_compared_line_by_line(
    two_files, tmp_path, capsys
):
    old, _ = two_files
    broken = tmp_path / "broken.argmap"
    broken.write_text(old.read_text() + "<<<<<<< HEAD\n", encoding="utf-8")
    args = git_arguments("map.argmap", old, broken)
    assert main(["diff", *args]) == 0  # any other status stops git log -p
    out = capsys.readouterr().out
    assert out.startswith("argmap diff a/map.argmap b/map.argmap")
    assert "invalid JSON" in out
    assert "+<<<<<<< HEAD" in out
    assert "argmap: b/map.argmap:" in out  # the map's name, not git's temporary copy
    assert str(broken) not in out.split("the files compared line by line")[0]


def test_a_file_that_is_not_a_map_still_exits_2_outside_git(two_files, tmp_path):
    broken = tmp_path / "broken.argmap"
    broken.write_text("<<<<<<< HEAD\n", encoding="utf-8")
    assert main(["diff", str(two_files[0]), str(broken)]) == 2
