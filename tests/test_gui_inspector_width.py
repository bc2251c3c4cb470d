"""The inspector keeps its width whatever the user typed: the canvas keeps most of the window."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui

LONG_WORD = "x" * 5000
URL = "https://example.org/treaty?text=" + "0123456789" * 5


def retitle(window, statement_id: str, title: str) -> None:
    window.editor.set_fields(statement_id, title=title)
    window.qtbot.wait(1)


def select_arrow(window, relation_id: str) -> None:
    window.scene.clearSelection()
    next(e for e in window.scene.edge_items if e.relation_id == relation_id).setSelected(True)
    window.qtbot.waitUntil(lambda: window.inspector.relation_id == relation_id)
    window.qtbot.wait(50)


@pytest.mark.parametrize("title", [LONG_WORD, URL], ids=["one long word", "a url"])
def test_an_arrow_at_a_statement_titled_with_a_long_word_leaves_the_inspector_as_wide_as_it_was(
    window, title
):
    select_arrow(window, "r-narrow")
    width = window.inspector_dock.width()
    retitle(window, "freedom", title)
    select_arrow(window, "r-gimmick")
    select_arrow(window, "r-narrow")
    assert window.inspector_dock.width() <= width + 5
    assert window.inspector.target_label.toolTip() == title
