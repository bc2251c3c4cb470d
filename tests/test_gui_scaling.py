"""What a user can make large stays linear in the editor: pasting and undoing big branches."""

from __future__ import annotations

import pytest
from gui_helpers import pasted_chain
from PySide6.QtGui import QGuiApplication
from scaling import LINEAR, slowdown

from argmap.gui.clipboard import Branch, branch_to_mime
from argmap.gui.document import MapDocument
from argmap.gui.outline import OutlineTree
from argmap.model import ArgumentMap, Relation, RelationKind, Statement
from argmap.theme import get_theme

pytestmark = pytest.mark.gui


def many_roots(size: int) -> Branch:
    """``size`` separate statements: each needs a relation of its own when pasted."""
    statements = [Statement(id=f"p{i}", text=f"Pasted claim {i}") for i in range(size)]
    return Branch(statements, [], [], {s.id: RelationKind.SUPPORT for s in statements})


@pytest.mark.parametrize("make", [pasted_chain, many_roots], ids=["a chain", "many roots"])
def test_pasting_and_undoing_a_branch_takes_time_in_proportion_to_its_size(window, make):
    def paste_and_undo(size: int) -> None:
        QGuiApplication.clipboard().setMimeData(branch_to_mime(make(size)))
        window.scene.select_only(["claim"])
        assert window.editor.paste()
        window.scene.flush()
        window.outline.catch_up()
        window.undo_stack.undo()
        window.scene.flush()
        window.outline.catch_up()

    assert slowdown(paste_and_undo, 400, 1600, repeat=2) < LINEAR


def test_the_outline_of_a_deep_branch_is_rebuilt_in_linear_time(qtbot):
    """Qt's own clear() takes quadratic time over a deep branch (seconds at 10,000)."""
    outlines = {}
    for size in (1500, 6000):
        branch = pasted_chain(size)
        argument_map = ArgumentMap(statements=branch.statements, relations=branch.relations)
        outline = OutlineTree(MapDocument(argument_map), get_theme(None))
        qtbot.addWidget(outline)
        outline.show()
        outline.rows(f"p{size - 1}")  # every row made
        outlines[size] = outline

    def rebuild(size: int) -> None:
        outlines[size].rebuild()  # the deep rows dropped, and made again
        outlines[size].rows(f"p{size - 1}")

    assert slowdown(rebuild, 1500, 6000, repeat=2) < LINEAR


def test_selecting_every_card_of_a_big_map_in_the_outline_takes_linear_time(qtbot):
    """Ctrl+A on the canvas selects every row of the outline: row by row, it took seconds."""
    outlines = {}
    for size in (1000, 4000):
        statements = [Statement(id="c", text="claim")]
        statements += [Statement(id=f"s{i}", text=f"reason {i}") for i in range(1, size)]
        relations = [
            Relation(id=f"r{i}", kind=RelationKind.SUPPORT, premises=[f"s{i}"], target="c")
            for i in range(1, size)
        ]
        document = MapDocument(ArgumentMap(statements=statements, relations=relations))
        outline = OutlineTree(document, get_theme(None))
        qtbot.addWidget(outline)
        outline.show()
        outline.rows("c")  # every row made
        outlines[size] = (outline, [s.id for s in statements])

    def select_all(size: int) -> None:
        outline, ids = outlines[size]
        outline.select_ids([])
        outline.select_ids(ids)
        assert len(outline.selectedItems()) == size

    assert slowdown(select_all, 1000, 4000, repeat=2) < LINEAR
