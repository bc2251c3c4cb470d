"""Maps edited in the editor on two git branches, then merged: what each person added stays."""

from __future__ import annotations

import re

import pytest

from argmap.mapmerge import merge_maps
from argmap.model import RelationKind

pytestmark = pytest.mark.gui


def _add_reason_to_claim(window) -> str:
    window.view.setFocus()
    window.scene.select_only(["claim"])
    added = window.editor.add_premise(RelationKind.SUPPORT, edit=False)
    assert added is not None
    return added


def test_reasons_added_to_one_map_on_two_branches_are_both_kept_by_the_merge(window):
    base = window.current_map().model_copy(deep=True)
    ours_reason = _add_reason_to_claim(window)
    ours = window.current_map().model_copy(deep=True)
    window.undo_stack.undo()  # back to the base: the other branch starts from there
    theirs_reason = _add_reason_to_claim(window)
    theirs = window.current_map().model_copy(deep=True)

    result = merge_maps(base, ours, theirs)

    assert result.conflicts == []
    merged = result.map
    assert len(merged.statements) == len(base.statements) + 2
    assert len(merged.relations) == len(base.relations) + 2
    for reason in (ours_reason, theirs_reason):
        assert merged.statement(reason) is not None
        assert [r.target for r in merged.relations if r.premises == [reason]] == ["claim"]


def test_a_new_statement_gets_a_short_id_that_names_it_a_statement(window):
    added = _add_reason_to_claim(window)
    (arrow,) = [r.id for r in window.current_map().relations if r.premises == [added]]
    assert re.fullmatch(r"s-[a-z0-9]{6}", added)
    assert re.fullmatch(r"r-[a-z0-9]{6}", arrow)
