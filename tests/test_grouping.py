"""Grouping statements: new group lists, the old ones untouched."""

from __future__ import annotations

from argmap.grouping import grouped, new_group_id, renamed, ungrouped
from argmap.model import Group


def group(group_id: str, *statements: str, parent: str | None = None) -> Group:
    return Group(id=group_id, title=group_id.title(), statements=list(statements), parent=parent)


def test_grouping_makes_a_group_of_the_statements_in_the_order_given():
    (new,) = grouped([], ["b", "a"], "Rabin era", "group-1")
    assert (new.id, new.title, new.statements, new.parent) == (
        "group-1",
        "Rabin era",
        ["b", "a"],
        None,
    )


def test_grouping_takes_statements_out_of_the_groups_they_were_in():
    before = [group("old", "a", "b"), group("other", "c")]
    result = grouped(before, ["b", "c"], "New", "new")
    assert [g.statements for g in result] == [["a"], ["b", "c"]]  # "other", emptied, went
    assert before[0].statements == ["a", "b"]  # the list given is left as it was


def test_grouping_inside_one_group_makes_a_subgroup():
    result = grouped([group("outer", "a", "b", "c")], ["b", "c"], "Inner", "inner")
    assert result[-1].parent == "outer"
    assert result[0].statements == ["a"]


def test_a_group_emptied_by_grouping_all_its_members_stays_as_the_parent():
    result = grouped([group("outer", "a", "b")], ["a", "b"], "Inner", "inner")
    assert [(g.id, g.statements, g.parent) for g in result] == [
        ("outer", [], None),
        ("inner", ["a", "b"], "outer"),
    ]


def test_ungrouping_removes_the_statements_and_groups_left_empty():
    before = [group("outer", "a"), group("inner", "b", parent="outer"), group("keep", "c")]
    result = ungrouped(before, ["b"])
    assert [g.id for g in result] == ["outer", "keep"]
    result = ungrouped(result, ["a"])
    assert [g.id for g in result] == ["keep"]


def test_ungrouping_keeps_an_empty_group_the_file_had():
    before = [group("placeholder"), group("g", "a")]
    assert [g.id for g in ungrouped(before, ["a"])] == ["placeholder"]


def test_an_emptied_parent_goes_once_its_last_subgroup_goes():
    before = [group("outer"), group("inner", "a", parent="outer")]
    assert ungrouped(before, ["a"]) == []


def test_renaming_changes_only_that_group():
    before = [group("a", "x"), group("b", "y")]
    assert [g.title for g in renamed(before, "b", "Peres era")] == ["A", "Peres era"]


def test_new_group_ids_do_not_clash():
    assert new_group_id([group("group-2"), group("group-3")]) == "group-1"
    assert new_group_id([group("group-1"), group("group-2")]) == "group-3"


def test_grouping_across_a_group_and_its_subgroup_nests_in_the_group():
    before = [group("outer", "a", "b"), group("inner", "c", parent="outer")]
    result = grouped(before, ["a", "c"], "New", "new")
    assert [(g.id, g.statements, g.parent) for g in result] == [
        ("outer", ["b"], None),
        ("new", ["a", "c"], "outer"),  # "inner", emptied, went
    ]


def test_grouping_across_two_subgroups_nests_in_the_group_holding_both():
    before = [
        group("outer", "a"),
        group("left", "b", parent="outer"),
        group("right", "c", "d", parent="outer"),
    ]
    result = grouped(before, ["b", "c"], "New", "new")
    assert result[-1].parent == "outer"
    assert grouped(before, ["b", "x"], "New", "new")[-1].parent is None  # "x" is in no group
