"""Three-way merge by id: independent edits combine, clashes are conflicts, results validate."""

from __future__ import annotations

import pytest
from conftest import MAPS, small_map
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from map_edits import apply_edits, edits, owners_of
from strategies import argument_maps

from argmap.cli import main
from argmap.files import dumps_map, load_map, loads_map, save_map
from argmap.mapmerge import CONFLICT_TAG, merge_maps
from argmap.model import (
    ArgumentMap,
    Group,
    ProofStandard,
    Relation,
    RelationKind,
    Statement,
    Weighing,
)
from argmap.problems import errors_only, find_problems

SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def independent_edits(draw):
    base = draw(argument_maps())
    owners = draw(owners_of(base))
    return base, owners, draw(edits()), draw(edits())


@SLOW
@given(independent_edits())
def test_independent_edits_merge_into_what_applying_both_gives(case):
    base, owners, ours_steps, theirs_steps = case
    ours = apply_edits(base, "ours", ours_steps, owners)
    theirs = apply_edits(base, "theirs", theirs_steps, owners)
    both = apply_edits(ours, "theirs", theirs_steps, owners)
    result = merge_maps(base, ours, theirs)
    assert result.conflicts == []
    assert result.map == both


@SLOW
@given(argument_maps(), edits(), edits())
def test_any_two_edit_sequences_merge_into_a_valid_map(base, ours_steps, theirs_steps):
    ours = apply_edits(base, "ours", ours_steps, None)
    theirs = apply_edits(base, "theirs", theirs_steps, None)
    merged = merge_maps(base, ours, theirs).map
    assert errors_only(find_problems(merged)) == []
    assert loads_map(dumps_map(merged)) == merged


@given(argument_maps(), st.sampled_from(["text", "title", "note"]))
def test_the_same_field_changed_differently_is_a_conflict_that_keeps_ours(base, field):
    first = base.statements[0]
    ours = _with_statement(base, first.model_copy(update={field: "ours wrote this"}))
    theirs = _with_statement(base, first.model_copy(update={field: "theirs wrote that"}))
    result = merge_maps(base, ours, theirs)
    assert [(c.id, c.field) for c in result.conflicts] == [(first.id, field)]
    merged = result.map.statement(first.id)
    assert CONFLICT_TAG in merged.tags
    assert "theirs wrote that" in merged.note
    if field != "note":
        assert getattr(merged, field) == "ours wrote this"


def _deleted_by_us_changed_by_them() -> tuple[ArgumentMap, ArgumentMap, ArgumentMap]:
    """Base, ours without the statement "gimmick", theirs with its text changed."""
    base = small_map()
    ours = base.model_copy(
        update={
            "statements": [s for s in base.statements if s.id != "gimmick"],
            "relations": [r for r in base.relations if r.id != "r-gimmick"],
        }
    )
    gimmick = base.statement("gimmick").model_copy(update={"text": "Changed by them"})
    return base, ours, _with_statement(base, gimmick)


def test_a_statement_deleted_on_one_side_and_changed_on_the_other_is_kept_as_a_conflict():
    result = merge_maps(*_deleted_by_us_changed_by_them())
    assert [(c.collection, c.id) for c in result.conflicts] == [("statements", "gimmick")]
    assert result.map.statement("gimmick").text == "Changed by them"
    assert CONFLICT_TAG in result.map.statement("gimmick").tags


def test_a_statement_we_deleted_and_they_changed_is_noted_as_theirs_kept_in_plain_words():
    result = merge_maps(*_deleted_by_us_changed_by_them())
    note = result.map.statement("gimmick").note
    assert "kept theirs: {text “Changed by them”" in note
    assert "ours: deleted" in note
    assert "'id'" not in note
    assert "None" not in note


def test_a_relation_to_a_statement_the_other_side_deleted_keeps_that_statement():
    base = small_map()
    ours = base.model_copy(
        update={
            "statements": [s for s in base.statements if s.id != "narrow"],
            "relations": [r for r in base.relations if r.id != "r-narrow"],
            "groups": [Group(id="rabin", title="Rabin era", statements=["freedom"])],
        }
    )
    extra = base.relation("r-narrow").model_copy(
        update={"id": "r-new", "kind": RelationKind.SUPPORT}
    )
    theirs = base.model_copy(update={"relations": [*base.relations, extra]})
    result = merge_maps(base, ours, theirs)
    assert errors_only(find_problems(result.map)) == []
    assert result.map.statement("narrow")
    assert any(c.id == "narrow" for c in result.conflicts)


def test_moving_one_statement_into_two_groups_is_a_conflict_and_keeps_ours():
    base = small_map().model_copy(
        update={
            "groups": [
                Group(id="rabin", title="Rabin era", statements=["freedom", "narrow"]),
                Group(id="peres", title="Peres era"),
                Group(id="later", title="Later"),
            ]
        }
    )
    ours, theirs = (_moved(base, "narrow", group) for group in ("peres", "later"))
    result = merge_maps(base, ours, theirs)
    assert [(c.id, c.field) for c in result.conflicts] == [("narrow", "group")]
    groups = {g.id: g.statements for g in result.map.groups}
    assert groups == {"rabin": ["freedom"], "peres": ["narrow"], "later": []}


def _with_rabin_group(argument_map, members):
    groups = [Group(id="rabin", title="Rabin era", statements=members)]
    return argument_map.model_copy(update={"groups": groups})


def test_members_reordered_by_theirs_alone_keep_their_order():
    base = _with_rabin_group(small_map(), ["freedom", "narrow"])
    theirs = _with_rabin_group(base, ["narrow", "freedom"])
    ours = base.model_copy(update={"title": "Our title"})  # an edit elsewhere
    assert merge_maps(base, ours, theirs).map.groups[0].statements == ["narrow", "freedom"]


def test_members_reordered_on_both_sides_keep_our_order():
    base = _with_rabin_group(small_map(), ["freedom", "narrow", "gimmick"])
    ours = _with_rabin_group(base, ["gimmick", "freedom", "narrow"])
    theirs = _with_rabin_group(base, ["narrow", "freedom", "gimmick"])
    merged = merge_maps(base, ours, theirs).map.groups[0].statements
    assert merged == ["gimmick", "freedom", "narrow"]


def test_a_merge_without_changes_on_either_side_is_the_base():
    base = small_map()
    assert merge_maps(base, base, base).map == base


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_a_change_on_one_side_only_is_taken(side):
    base = small_map()
    changed = base.model_copy(update={"title": "A new title"})
    ours, theirs = (changed, base) if side == "ours" else (base, changed)
    result = merge_maps(base, ours, theirs)
    assert result.conflicts == []
    assert result.map.title == "A new title"


ARTICLE = " ".join(f"Sentence {n} of the article is about the treaty." for n in range(300))


def _with_source(argument_map, **fields):
    source = argument_map.source("op-ed").model_copy(update=fields)
    return argument_map.model_copy(update={"sources": [source]})


def _with_relation(argument_map, relation_id: str, **fields):
    relations = [
        r.model_copy(update=fields) if r.id == relation_id else r for r in argument_map.relations
    ]
    return argument_map.model_copy(update={"relations": relations})


def _with_reason(argument_map, statement_id: str, relation_id: str, text: str):
    """The map with a new statement arguing for the claim, as a person on one branch adds it."""
    reason = Relation(
        id=relation_id, kind=RelationKind.SUPPORT, premises=[statement_id], target="claim"
    )
    return argument_map.model_copy(
        update={
            "statements": [*argument_map.statements, Statement(id=statement_id, text=text)],
            "relations": [*argument_map.relations, reason],
        }
    )


def test_two_reasons_added_under_one_id_are_a_conflict_not_one_linked_argument():
    base = small_map()
    ours = _with_reason(base, "ours-reason", "r-new", "Our reason")
    theirs = _with_reason(base, "theirs-reason", "r-new", "Their reason")
    result = merge_maps(base, ours, theirs)
    assert ("relations", "r-new", "premises") in [
        (c.collection, c.id, c.field) for c in result.conflicts
    ]
    assert result.map.relation("r-new").premises == ["ours-reason"]


def test_a_source_text_changed_on_one_side_and_its_title_on_the_other_are_both_taken():
    base = _with_source(small_map(), text=ARTICLE)
    ours = _with_source(base, text=ARTICLE.replace("Sentence 7 of", "Sentence seven of"))
    theirs = _with_source(base, title="Retitled")
    result = merge_maps(base, ours, theirs)
    assert result.conflicts == []
    assert result.map.source("op-ed") == ours.source("op-ed").model_copy(
        update={"title": "Retitled"}
    )


def test_a_source_text_changed_differently_notes_their_change_not_their_whole_text():
    base = _with_source(small_map(), text=ARTICLE)
    ours = _with_source(base, text=ARTICLE.replace("Sentence 7 of", "Sentence seven of"))
    theirs = _with_source(base, text=ARTICLE.replace("Sentence 250 of", "Sentence 250, later, of"))
    result = merge_maps(base, ours, theirs)
    assert [(c.collection, c.id, c.field) for c in result.conflicts] == [
        ("sources", "op-ed", "text")
    ]
    assert result.map.source("op-ed").text == ours.source("op-ed").text
    described = result.conflicts[0].describe()
    assert "{+, later,+}" in described
    assert len(described) < 600  # not two copies of the article
    assert described in result.map.description
    assert errors_only(find_problems(result.map)) == []


def test_a_proof_standard_set_on_one_side_and_a_text_changed_on_the_other_combine():
    base = small_map()
    claim = base.statement("claim")
    ours = _with_statement(base, claim.model_copy(update={"standard": ProofStandard.CCE}))
    theirs = _with_statement(base, claim.model_copy(update={"text": "A new wording"}))
    result = merge_maps(base, ours, theirs)
    assert result.conflicts == []
    merged = result.map.statement("claim")
    assert (merged.standard, merged.text) == (ProofStandard.CCE, "A new wording")


def test_two_different_proof_standards_are_a_conflict():
    base = small_map()
    claim = base.statement("claim")
    ours = _with_statement(base, claim.model_copy(update={"standard": ProofStandard.CCE}))
    theirs = _with_statement(base, claim.model_copy(update={"standard": ProofStandard.BRD}))
    result = merge_maps(base, ours, theirs)
    assert [(c.id, c.field) for c in result.conflicts] == [("claim", "standard")]
    assert result.map.statement("claim").standard is ProofStandard.CCE
    assert "brd" in result.map.statement("claim").note


def test_a_weighing_on_one_side_and_a_weight_on_the_other_combine():
    base = small_map()
    ours = _with_relation(base, "r-deter", weighing=Weighing.CONVERGENT)
    theirs = _with_relation(base, "r-deter", weight=0.25)
    result = merge_maps(base, ours, theirs)
    assert result.conflicts == []
    merged = result.map.relation("r-deter")
    assert (merged.weighing, merged.weight) == (Weighing.CONVERGENT, 0.25)


def test_two_different_weights_are_a_conflict_noted_on_the_statement_argued_for():
    base = small_map()
    ours = _with_relation(base, "r-deter", weight=0.25)
    theirs = _with_relation(base, "r-deter", weight=0.75)
    result = merge_maps(base, ours, theirs)
    assert [(c.id, c.field) for c in result.conflicts] == [("r-deter", "weight")]
    assert result.map.relation("r-deter").weight == 0.25
    claim = result.map.statement("claim")
    assert CONFLICT_TAG in claim.tags
    assert "relation r-deter weight" in claim.note
    assert "0.75" in claim.note


def _with_statement(argument_map, statement: Statement):
    return argument_map.model_copy(
        update={
            "statements": [
                statement if s.id == statement.id else s for s in argument_map.statements
            ]
        }
    )


def _moved(argument_map, statement_id: str, group_id: str):
    groups = []
    for group in argument_map.groups:
        members = [s for s in group.statements if s != statement_id]
        if group.id == group_id:
            members.append(statement_id)
        groups.append(group.model_copy(update={"statements": members}))
    return argument_map.model_copy(update={"groups": groups})


# -- the command ---------------------------------------------------------------------


@pytest.fixture
def three_files(tmp_path):
    """BASE, OURS and THEIRS on disk, both sides rewording the main claim."""
    base = small_map()
    claim = base.statement("claim")
    files = []
    for name, argument_map in (
        ("base", base),
        ("ours", _with_statement(base, claim.model_copy(update={"text": "Ours"}))),
        ("theirs", _with_statement(base, claim.model_copy(update={"text": "Theirs"}))),
    ):
        path = tmp_path / f"{name}.argmap"
        save_map(argument_map, path, backup=False)
        files.append(str(path))
    return files


def test_merge_exits_0_and_writes_the_merge_when_nothing_clashes(three_files, tmp_path):
    base, ours, _ = three_files
    out = tmp_path / "out.argmap"
    assert main(["merge", base, ours, base, "-o", str(out)]) == 0
    assert load_map(out).statement("claim").text == "Ours"


def test_merge_exits_1_lists_the_conflicts_and_writes_a_valid_map(three_files, tmp_path, capsys):
    out = tmp_path / "out.argmap"
    assert main(["merge", *three_files, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "conflict: statement claim text" in err
    assert "1 conflict" in err
    merged = load_map(out)
    assert CONFLICT_TAG in merged.statement("claim").tags


def test_merge_as_a_git_driver_names_the_map_not_gits_temporary_copy(three_files, tmp_path, capsys):
    out = tmp_path / ".merge_file_lZcz19"
    args = [*three_files, "-o", str(out), "--path", "maps/treaty.argmap"]
    assert main(["merge", *args]) == 1
    assert "maps/treaty.argmap: merged with 1 conflict" in capsys.readouterr().err


@pytest.mark.parametrize("trouble", ["missing", "broken"])
def test_merge_exits_2_naming_a_file_it_cannot_read_and_writes_nothing(
    three_files, tmp_path, capsys, trouble
):
    base, ours, _ = three_files
    theirs = tmp_path / "theirs-bad.argmap"
    if trouble == "broken":
        theirs.write_text('{"format": "argmap", "statements": [', encoding="utf-8")
    out = tmp_path / "out.argmap"
    assert main(["merge", base, ours, str(theirs), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"argmap: {theirs}")
    assert not out.exists()


_ARGDOWN_BASE = "[A]: Claim A.\n  + [B]: Reason B.\n  - [C]: Objection C.\n"


def test_merging_argdown_files_combines_a_reason_added_on_one_side_and_an_objection_on_the_other(
    tmp_path,
):
    files = {
        "base": _ARGDOWN_BASE,
        "ours": "[A]: Claim A.\n  + [B]: Reason B.\n  + [D]: Reason D.\n  - [C]: Objection C.\n",
        "theirs": _ARGDOWN_BASE + "  - [E]: Objection E.\n",
    }
    for name, text in files.items():
        (tmp_path / f"{name}.argdown").write_text(text)
    out = tmp_path / "merged.argmap"
    names = [str(tmp_path / f"{name}.argdown") for name in files]
    assert main(["merge", *names, "-o", str(out)]) == 0
    merged = load_map(out)
    assert sorted((r.premises[0], r.kind.value, r.target) for r in merged.relations) == [
        ("B", "support", "A"),
        ("C", "attack", "A"),
        ("D", "support", "A"),
        ("E", "attack", "A"),
    ]


def test_a_merge_written_in_a_format_that_cannot_hold_the_map_says_what_is_left_out(
    tmp_path, capsys
):
    """As ``argmap convert`` does: a Kialo or Markdown OUT never loses anything silently."""
    treaty = str(next(p for p in MAPS if p.stem == "israel-us-defense-treaty"))
    out = tmp_path / "merged.txt"
    assert main(["merge", treaty, treaty, treaty, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{out}: warning: Kialo discussion export cannot hold 49 statement titles" in err
    assert out.read_text(encoding="utf-8").startswith("Discussion Title:")
    assert main(["merge", treaty, treaty, treaty, "-o", str(tmp_path / "merged.argmap")]) == 0
    assert capsys.readouterr().err == ""  # argmap's own format holds everything


def test_a_merge_is_not_written_as_json_under_the_name_of_a_page(three_files, tmp_path, capsys):
    base, ours, _ = three_files
    out = tmp_path / "merged.html"
    assert main(["merge", base, ours, base, "-o", str(out)]) == 2
    assert "does not write the argmap HTML page format" in capsys.readouterr().err
    assert not out.exists()
