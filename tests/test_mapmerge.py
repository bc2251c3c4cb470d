"""Three-way merge by id: independent edits combine, clashes are conflicts, results validate."""

from __future__ import annotations

import pytest
from conftest import small_map
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from map_edits import apply_edits, edits, owners_of
from strategies import argument_maps

from argmap.files import dumps_map, loads_map
from argmap.mapmerge import CONFLICT_TAG, merge_maps
from argmap.model import Group, RelationKind, Statement
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


def test_a_statement_deleted_on_one_side_and_changed_on_the_other_is_kept_as_a_conflict():
    base = small_map()
    ours = base.model_copy(
        update={
            "statements": [s for s in base.statements if s.id != "gimmick"],
            "relations": [r for r in base.relations if r.id != "r-gimmick"],
        }
    )
    gimmick = base.statement("gimmick").model_copy(update={"text": "Changed by them"})
    theirs = _with_statement(base, gimmick)
    result = merge_maps(base, ours, theirs)
    assert [(c.collection, c.id) for c in result.conflicts] == [("statements", "gimmick")]
    assert result.map.statement("gimmick").text == "Changed by them"
    assert CONFLICT_TAG in result.map.statement("gimmick").tags


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
