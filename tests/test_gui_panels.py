"""Find, clipboard, context menus, outline, inspector and sources panel."""

from __future__ import annotations

import pytest
from conftest import small_map, wait_for_layout
from gui_helpers import as_shown, focus_on, keys, on_canvas, pasted_chain, typed
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from argmap.files import save_map
from argmap.gui import MainWindow
from argmap.gui.clipboard import MIME_TYPE, branch_to_mime
from argmap.gui.menus import relation_menu, statement_menu
from argmap.model import ArgumentMap, Attribution, Relation, RelationKind, Statement

pytestmark = pytest.mark.gui


def action(menu, text: str):
    for candidate in menu.actions():
        if candidate.text().replace("&", "") == text:
            return candidate
    raise AssertionError(f"no action {text!r} in {[a.text() for a in menu.actions()]}")


def highlighted(window) -> set[str]:
    return {sid for sid, item in window.scene.statement_items.items() if item.highlighted}


# -- find --------------------------------------------------------------------


def test_ctrl_f_highlights_matches_in_text_and_speaker(window):
    window.view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    assert window.find_bar.field.hasFocus()
    QTest.keyClicks(window.find_bar.field, "rabin")
    assert highlighted(window) == {"freedom"}  # the speaker matches
    window.find_bar.field.clear()
    QTest.keyClicks(window.find_bar.field, "A")
    assert {"claim", "deterrence", "freedom", "narrow"} <= highlighted(window)


def test_find_matches_an_arrow_s_speaker_and_quote_on_the_card_it_comes_from(window):
    from argmap.model import Attribution

    window.editor.set_relation_fields(
        "r-freedom", attribution=Attribution(speaker="Eshkol", quote="hands tied")
    )
    window.find_bar.open_bar()
    QTest.keyClicks(window.find_bar.field, "eshkol")
    assert highlighted(window) == {"freedom"}  # the arrow's first premise
    window.find_bar.field.clear()
    QTest.keyClicks(window.find_bar.field, "hands tied")
    assert highlighted(window) == {"freedom"}
    assert window.find_bar.count_label.text() == "1 found"  # the card counts once


def test_enter_and_f3_cycle_through_matches_and_escape_clears(window):
    window.find_bar.open_bar()
    QTest.keyClicks(window.find_bar.field, "treaty")
    assert highlighted(window) == {"claim", "narrow"}
    QTest.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.scene.selected_statement_ids() == ["claim"]
    QTest.keyClick(window.find_bar.field, Qt.Key.Key_F3)
    assert window.scene.selected_statement_ids() == ["narrow"]
    QTest.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.scene.selected_statement_ids() == ["claim"]  # wraps around
    assert window.find_bar.count_label.text() == "1 of 2"
    QTest.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert highlighted(window) == set()
    assert not window.find_bar.isVisible()


def test_typing_in_the_find_bar_brings_the_first_match_into_view(window):
    window.view.set_zoom(1.5)
    window.view.centerOn(window.scene.statement_items["narrow"])
    assert not _in_view(window, "claim")
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(QApplication.focusWidget(), "serve israel")  # only the main claim says so
    assert highlighted(window) == {"claim"}
    assert _in_view(window, "claim")


def _in_view(window, statement_id: str) -> bool:
    card = window.scene.statement_items[statement_id].sceneBoundingRect()
    shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    return shown.contains(card.center())


def test_find_reports_no_matches(window):
    window.find_bar.open_bar()
    QTest.keyClicks(window.find_bar.field, "zebra")
    assert highlighted(window) == set()
    assert window.find_bar.count_label.text() == "no matches"


def _find_and_step(window, needle: str, steps: int) -> list[str]:
    window.find_bar.open_bar()
    QTest.keyClicks(window.find_bar.field, needle)
    for _ in range(steps):
        QTest.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    return list(window.find_bar.hits)


def test_an_edit_while_finding_keeps_the_place_enter_goes_on_from(window):
    hits = _find_and_step(window, "a", 2)
    assert len(hits) >= 3
    window.editor.set_fields("gimmick", note="checked")  # an edit elsewhere
    QTest.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.scene.selected_statement_ids() == [hits[2]]
    assert window.find_bar.count_label.text() == f"3 of {len(hits)}"


def test_when_the_current_match_stops_matching_enter_goes_to_the_one_after_it(window):
    hits = _find_and_step(window, "a", 2)
    window.editor.set_fields(hits[1], text="Nothing to see here")
    assert hits[1] not in window.find_bar.hits
    QTest.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.scene.selected_statement_ids() == [hits[2]]


# -- clipboard ---------------------------------------------------------------


def test_copy_and_paste_a_branch_under_another_statement(window):
    window.scene.select_only(["freedom"])
    assert window.editor.copy_selection()
    assert QGuiApplication.clipboard().mimeData().hasFormat(MIME_TYPE)
    window.scene.select_only(["deterrence"])
    pasted = window.editor.paste()
    argument_map = window.current_map()
    assert len(pasted) == 1
    assert pasted[0] != "freedom"
    assert argument_map.statement(pasted[0]).text == small_map().statement("freedom").text
    link = next(r for r in argument_map.relations if r.premises == pasted)
    assert (link.target, link.kind) == ("deterrence", RelationKind.ATTACK)
    rebuttal = next(r for r in argument_map.relations if r.target == pasted[0])
    assert argument_map.statement(rebuttal.premises[0]).text == "A narrow treaty need not limit it"
    assert len(argument_map.statements) == len(small_map().statements) + 2
    window.undo_stack.undo()  # paste is one step
    assert window.current_map() == small_map()


def test_cut_removes_the_branch_and_paste_brings_it_back(window):
    window.scene.select_only(["deterrence"])
    window.editor.cut_selection()
    assert "deterrence" not in {s.id for s in window.current_map().statements}
    window.scene.clearSelection()
    window.editor.paste()
    texts = {s.text for s in window.current_map().statements}
    assert "A formal guarantee deters attack" in texts


def test_pasting_between_windows_keeps_attribution_and_sources(window, qtbot):
    window.scene.select_only(["deterrence"])
    window.editor.copy_selection()
    other = MainWindow()
    other.files.new()
    qtbot.addWidget(other)
    other.ask_save_changes = lambda: (
        __import__("PySide6.QtWidgets").QtWidgets.QMessageBox.StandardButton.Discard
    )
    wait_for_layout(qtbot, other)
    other.editor.inline.cancel()
    other.scene.clearSelection()
    other.editor.paste()
    pasted = other.current_map().statement("deterrence")
    assert pasted.attribution.speaker == "Shimon Peres"
    assert [s.id for s in other.current_map().sources] == ["op-ed"]


def test_plain_text_on_the_clipboard_pastes_as_statements(window):
    QGuiApplication.clipboard().setText("First point\n\nSecond point")
    window.scene.select_only(["claim"])
    window.editor.paste()
    texts = [s.text for s in window.current_map().statements[-2:]]
    assert texts == ["First point", "Second point"]


def test_a_damaged_clipboard_pastes_nothing(window):
    from PySide6.QtCore import QMimeData

    mime = QMimeData()
    mime.setData(
        MIME_TYPE,
        b'{"statements": [{"id": "x", "text": "t"}], "relations": '
        b'[{"id": "r", "kind": "support", "premises": ["x"], "target": "nowhere"}], '
        b'"sources": [], "roots": {}}',
    )
    QGuiApplication.clipboard().setMimeData(mime)
    window.editor.paste()
    assert window.current_map() == small_map()


# -- context menus -----------------------------------------------------------


def test_the_edge_menu_turns_support_into_attack(window):
    action(relation_menu(window, "r-deter"), "Turn Support into Attack").trigger()
    assert window.current_map().relation("r-deter").kind == RelationKind.ATTACK
    window.undo_stack.undo()
    assert window.current_map() == small_map()


def test_the_edge_menu_adds_an_undercut(window):
    action(relation_menu(window, "r-freedom"), "Add Rebuttal of This Inference").trigger()
    relation = window.current_map().relations[-1]
    assert relation.target == "r-freedom"
    assert relation.kind == RelationKind.ATTACK
    assert window.current_map().roles()[relation.premises[0]].value == "rebuttal"


def test_the_card_menu_adds_a_rebuttal_to_an_objection(window):
    window.scene.select_only(["freedom"])
    action(statement_menu(window, "freedom"), "Add Rebuttal").trigger()
    relation = window.current_map().relations[-1]
    assert (relation.target, relation.kind) == ("freedom", RelationKind.ATTACK)


def test_a_right_click_on_a_card_opens_its_menu(window, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "argmap.gui.mainwindow.statement_menu", lambda w, sid: shown.append(sid) or _Dummy()
    )
    from gui_helpers import card_centre, show_card, view_point

    show_card(window, "narrow")
    point = view_point(window, card_centre(window, "narrow"))
    from PySide6.QtGui import QContextMenuEvent

    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, window.view.viewport().mapToGlobal(point)
    )
    QGuiApplication.sendEvent(window.view.viewport(), event)
    assert shown == ["narrow"]
    assert window.scene.selected_statement_ids() == ["narrow"]


class _Dummy:
    def exec(self, *_):
        return None


# -- outline and inspector ----------------------------------------------------


def test_selecting_in_the_outline_selects_the_card(window):
    window.outline.select_ids(["narrow"])
    window.outline.selectionToCanvas.emit(["narrow"])
    assert window.scene.selected_statement_ids() == ["narrow"]


def test_the_outline_lists_claim_reasons_objections_and_rebuttals_as_a_tree(window):
    top = window.outline.topLevelItem(0)
    assert top.text(0).startswith("Treaty") or "treaty" in top.text(0)
    children = [top.child(i).text(0) for i in range(top.childCount())]
    assert any("deters attack" in c for c in children)
    assert any("freedom of action" in c for c in children)


def test_editing_in_the_inspector_is_undoable(window):
    window.scene.select_only(["narrow"])
    inspector = window.inspector
    inspector.speaker_edit.setText("Shimon Peres")
    inspector.speaker_edit.editingFinished.emit()
    assert window.current_map().statement("narrow").attribution.speaker == "Shimon Peres"
    window.undo_stack.undo()
    assert window.current_map() == small_map()


MARKUP = "Use <h1>big</h1> & <b>bold</b> words, A<B and C>D"


def test_the_inspector_shows_a_statement_written_like_html_as_typed(window):
    argument_map = small_map()
    argument_map.statements[0] = argument_map.statements[0].model_copy(
        update={"title": None, "text": MARKUP}
    )
    window.show_map(argument_map, None)
    window.inspector.show_relation("r-freedom")  # the claim is its target
    label = window.inspector.target_label
    assert (label.text(), label.textFormat()) == (MARKUP, Qt.TextFormat.PlainText)
    assert as_shown(label.toolTip()) == MARKUP


def test_an_outline_row_shows_a_speaker_written_like_html_as_typed(window):
    argument_map = small_map()
    argument_map.statements[4] = argument_map.statements[4].model_copy(
        update={"attribution": Attribution(speaker="<b>Barak</b>")}
    )
    window.show_map(argument_map, None)
    (row,) = window.outline.rows("narrow")
    assert as_shown(row.toolTip(0)) == "rebuttal — <b>Barak</b>"


def test_an_outline_row_names_the_speaker_typed_in_the_inspector(window):
    on_canvas(window, "narrow")
    focus_on(window, window.inspector.speaker_edit)
    typed("Ehud Barak")
    keys(Qt.Key.Key_Return)
    (row,) = window.outline.rows("narrow")
    assert row.toolTip(0) == "rebuttal — Ehud Barak"


def test_the_inspector_completes_speakers_from_the_map(window):
    window.scene.select_only(["narrow"])
    window.inspector.speaker_edit.setFocus()
    model = window.inspector.speaker_completer.model()
    assert sorted(model.stringList()) == ["Shimon Peres", "Yitzhak Rabin"]


def test_a_speaker_typed_elsewhere_is_offered_when_the_field_is_entered(window):
    window.editor.set_fields("narrow", attribution=Attribution(speaker="Ehud Barak"))
    window.scene.select_only(["claim"])
    window.inspector.speaker_edit.setFocus()
    typed("Eh")
    completer = window.inspector.speaker_completer
    assert completer.currentCompletion() == "Ehud Barak"


# -- sources ---------------------------------------------------------------------


def test_sources_can_be_added_edited_and_undone(window):
    panel = window.sources_panel
    source_id = panel.add_source()
    assert window.current_map().sources[-1].id == source_id
    row = panel.table.rowCount() - 1
    panel.table.item(row, 0).setText("Israel Hayom interview")
    assert window.current_map().sources[-1].title == "Israel Hayom interview"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.current_map() == small_map()


def test_a_source_needs_a_title(window):
    window.sources_panel.table.item(0, 0).setText("   ")
    assert window.current_map() == small_map()


def test_removing_a_cited_source_asks_and_clears_the_citations(window, monkeypatch):
    panel = window.sources_panel
    asked = []
    monkeypatch.setattr(panel, "confirm_remove", lambda title, count: asked.append(count) or True)
    assert panel.remove_source("op-ed")
    assert asked == [1]
    argument_map = window.current_map()
    assert argument_map.sources == []
    assert argument_map.statement("deterrence").attribution.source is None
    window.undo_stack.undo()
    assert window.current_map() == small_map()


def test_a_statement_that_only_cited_a_removed_source_keeps_no_empty_attribution(
    window, monkeypatch
):
    from argmap.model import Attribution

    window.editor.set_fields("narrow", attribution=Attribution(source="op-ed"))
    monkeypatch.setattr(window.sources_panel, "confirm_remove", lambda title, count: True)
    assert window.sources_panel.remove_source("op-ed")
    assert window.current_map().statement("narrow").attribution is None


def test_declining_to_remove_a_cited_source_keeps_it(window, monkeypatch):
    monkeypatch.setattr(window.sources_panel, "confirm_remove", lambda title, count: False)
    assert not window.sources_panel.remove_source("op-ed")
    assert window.current_map() == small_map()


def type_a_source_title(window, title: str) -> None:
    """Open the first source's title cell and type over it, leaving the cell open."""
    window.sources_dock.show()
    table = window.sources_panel.table
    table.setFocus()
    table.setCurrentCell(0, 0)
    table.editItem(table.item(0, 0))
    editor = table.indexWidget(table.currentIndex())
    assert editor is not None
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, title)


def test_a_source_title_still_being_typed_is_saved(window):
    from argmap.files import load_map

    type_a_source_title(window, "Israel Hayom interview")
    assert window.files.save()
    assert load_map(window.document.path).sources[0].title == "Israel Hayom interview"
    assert window.undo_stack.isClean()


def test_undo_with_a_source_title_still_being_typed_takes_back_that_typing(window):
    window.editor.set_fields("narrow", text="A narrower treaty")
    type_a_source_title(window, "Israel Hayom interview")
    window.named_actions["undo"].trigger()
    assert window.current_map().statement("narrow").text == "A narrower treaty"
    assert window.current_map().sources[0].title == small_map().sources[0].title
    window.named_actions["redo"].trigger()
    assert window.current_map().sources[0].title == "Israel Hayom interview"


def test_closing_with_a_source_title_still_being_typed_asks(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    asked = []
    monkeypatch.setattr(
        window, "ask_save_changes", lambda: asked.append(1) or QMessageBox.StandardButton.Cancel
    )
    type_a_source_title(window, "Israel Hayom interview")
    assert not window.close()
    assert asked == [1]
    assert window.current_map().sources[0].title == "Israel Hayom interview"


def test_a_source_cell_being_typed_in_survives_a_change_to_a_card(window):
    type_a_source_title(window, "Israel Hayom")
    window.editor.set_fields("narrow", text="Changed meanwhile")  # e.g. a paste from elsewhere
    editor = window.sources_panel.table.indexWidget(window.sources_panel.table.currentIndex())
    assert editor is not None
    QTest.keyClicks(editor, " interview")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    window.qtbot.wait(1)
    assert window.current_map().sources[0].title == "Israel Hayom interview"


def test_the_cited_count_follows_a_card_citing_a_source(window):
    from argmap.model import Attribution

    table = window.sources_panel.table
    cited = int(table.item(0, table.columnCount() - 1).text())
    window.editor.set_fields("narrow", attribution=Attribution(source="op-ed"))
    window.qtbot.wait(1)  # counted once the change is done
    assert int(table.item(0, table.columnCount() - 1).text()) == cited + 1
    window.undo_stack.undo()
    window.qtbot.wait(1)  # counted once the change is done
    assert int(table.item(0, table.columnCount() - 1).text()) == cited


def test_the_cited_count_follows_a_citing_card_deleted_and_brought_back(window):
    table = window.sources_panel.table
    cited = int(table.item(0, table.columnCount() - 1).text())
    window.scene.select_only(["deterrence"])  # it cites op-ed
    window.editor.delete_selection()
    window.qtbot.wait(1)  # counted once the change is done
    assert int(table.item(0, table.columnCount() - 1).text()) < cited
    window.undo_stack.undo()
    window.qtbot.wait(1)  # counted once the change is done
    assert int(table.item(0, table.columnCount() - 1).text()) == cited


def test_f2_on_a_source_edits_its_cell_not_the_selected_card(window):
    window.scene.select_only(["claim"])
    window.sources_dock.show()
    table = window.sources_panel.table
    table.setFocus()
    table.setCurrentCell(0, 1)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    assert not window.editor.inline.is_open()
    editor = table.indexWidget(table.currentIndex())
    assert editor is not None
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "Gil Hoffman")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    window.qtbot.wait(1)  # the table keeps the cell once the key is handled
    assert window.current_map().sources[0].author == "Gil Hoffman"
    assert window.current_map().statement("claim") == small_map().statement("claim")


def test_new_source_in_the_inspector_adds_and_cites_it_in_one_step(window):
    window.scene.select_only(["narrow"])
    box = window.inspector.source_box
    box.setCurrentIndex(box.findData(window.inspector.NEW_SOURCE))
    box.activated.emit(box.currentIndex())
    argument_map = window.current_map()
    new_source = argument_map.sources[-1]
    assert argument_map.statement("narrow").attribution.source == new_source.id
    assert window.sources_dock.isVisible()
    window.undo_stack.undo()
    assert window.current_map() == small_map()


def test_a_relation_quote_and_source_are_edited_in_the_inspector(window):
    window.scene.clearSelection()
    edge = next(e for e in window.scene.edge_items if e.relation_id == "r-freedom")
    edge.setSelected(True)
    inspector = window.inspector
    assert inspector.relation_id == "r-freedom"
    inspector.relation_source_box.setCurrentIndex(inspector.relation_source_box.findData("op-ed"))
    inspector.relation_source_box.activated.emit(inspector.relation_source_box.currentIndex())
    inspector.relation_date_edit.setText("1994")
    inspector.relation_date_edit.editingFinished.emit()
    attribution = window.current_map().relation("r-freedom").attribution
    assert (attribution.source, attribution.date) == ("op-ed", "1994")


def outline_row(tree, statement_id: str):
    return next(
        tree.topLevelItem(0).child(i)
        for i in range(tree.topLevelItem(0).childCount())
        if tree.topLevelItem(0).child(i).data(0, Qt.ItemDataRole.UserRole) == statement_id
    )


def open_outline_editor(window, statement_id: str) -> QPlainTextEdit:
    tree = window.outline
    tree.setCurrentItem(outline_row(tree, statement_id))
    tree.setFocus()
    QTest.keyClick(tree, Qt.Key.Key_F2)
    editor = tree.open_editor()
    assert isinstance(editor, QPlainTextEdit)
    return editor


def test_undo_is_offered_for_an_outline_row_once_something_is_typed_in_it(window):
    from argmap.gui.undo_actions import typing_pending

    editor = open_outline_editor(window, "freedom")
    assert not typing_pending(window)  # open, nothing typed: nothing to undo
    QTest.keyClicks(editor, "x")
    assert typing_pending(window)


def test_undo_is_offered_for_a_source_cell_once_something_is_typed_in_it(window):
    from argmap.gui.undo_actions import typing_pending

    window.sources_dock.show()
    table = window.sources_panel.table
    table.setCurrentCell(0, 0)
    table.editItem(table.item(0, 0))
    assert not typing_pending(window)
    QTest.keyClicks(window.sources_panel.open_editor(), "x")
    assert typing_pending(window)


def test_text_edited_in_the_outline_changes_the_statement_undoably(window):
    editor = open_outline_editor(window, "freedom")
    assert editor.toPlainText() == small_map().statement("freedom").text  # no "− " marker
    QTest.keyClicks(editor, "It would tie Israel's hands")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert window.current_map().statement("freedom").text == "It would tie Israel's hands"
    window.undo_stack.undo()
    assert window.current_map() == small_map()


def test_outline_editing_keeps_line_breaks_and_escape_cancels(window):
    window.editor.set_text("freedom", "Line one\nLine two")
    editor = open_outline_editor(window, "freedom")
    assert editor.toPlainText() == "Line one\nLine two"
    editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClicks(editor, "Line three")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert window.current_map().statement("freedom").text == "Line one\nLine two\nLine three"
    editor = open_outline_editor(window, "freedom")
    QTest.keyClicks(editor, "thrown away")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert window.current_map().statement("freedom").text == "Line one\nLine two\nLine three"


def outline_shape(tree) -> list[tuple[int, str, str]]:
    """(depth, id, text) of every row, in order."""
    rows, stack = [], [(tree.topLevelItem(i), 0) for i in reversed(range(tree.topLevelItemCount()))]
    while stack:
        item, depth = stack.pop()
        rows.append((depth, item.data(0, Qt.ItemDataRole.UserRole), item.text(0)))
        stack.extend((item.child(i), depth + 1) for i in reversed(range(item.childCount())))
    return rows


@pytest.mark.parametrize(
    "change",
    [
        "add reason",
        "add objection",
        "undo add",
        "delete branch",
        "delete edge",
        "paste branch",
        "paste a deep branch",
        "paste free statements",
        "flip kind",
    ],
)
def test_the_outline_after_an_edit_is_what_a_fresh_build_shows(window, qtbot, change):
    editor = window.editor
    window.scene.select_only(["freedom"])
    if change == "add reason":
        editor.add_premise(RelationKind.SUPPORT, edit=False)
    elif change == "add objection":
        editor.add_premise(RelationKind.ATTACK, edit=False)
    elif change == "undo add":
        editor.add_premise(RelationKind.SUPPORT, edit=False)
        qtbot.wait(200)
        window.undo_stack.undo()
    elif change == "delete branch":
        editor.delete_selection()
    elif change == "delete edge":
        editor.delete_relations({"r-narrow"})
    elif change == "paste branch":
        editor.copy_selection()
        window.scene.select_only(["credible"])
        editor.paste()
    elif change == "paste a deep branch":  # premises listed before what they argue for
        QGuiApplication.clipboard().setMimeData(branch_to_mime(pasted_chain(30, reverse=True)))
        editor.paste()
    elif change == "paste free statements":  # no statement selected: new main claims
        QGuiApplication.clipboard().setMimeData(branch_to_mime(pasted_chain(5)))
        window.scene.select_only([])
        editor.paste()
    elif change == "flip kind":
        editor.toggle_relation_kind("r-deter")
    qtbot.wait(200)  # the outline gathers changes for a moment
    incremental = outline_shape(window.outline)
    window.outline.rebuild()
    assert incremental == outline_shape(window.outline)


def test_a_big_outline_fills_over_several_turns_into_the_same_tree(window, qtbot, monkeypatch):
    whole = outline_shape(window.outline)
    monkeypatch.setattr("argmap.gui.outline.FILL_AT_ONCE", 2)
    window.outline.rebuild()
    assert len(outline_shape(window.outline)) == 2  # the rest comes on the next turns
    qtbot.waitUntil(lambda: len(outline_shape(window.outline)) == len(whole))
    assert outline_shape(window.outline) == whole
    assert all(item.isExpanded() for item in _all_rows(window.outline) if item.childCount())


def test_selecting_a_card_while_the_outline_fills_selects_its_row(window, monkeypatch):
    monkeypatch.setattr("argmap.gui.outline.FILL_AT_ONCE", 2)
    window.outline.rebuild()
    window.scene.select_only(["narrow"])
    assert window.outline.selected_ids() == ["narrow"]


def _all_rows(tree):
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.child(i) for i in range(item.childCount()))


def test_adding_a_reason_adds_one_outline_row_without_rebuilding(window, qtbot, monkeypatch):
    rebuilt = []
    monkeypatch.setattr(window.outline, "rebuild", lambda: rebuilt.append(True))
    rows = len(outline_shape(window.outline))
    window.scene.select_only(["narrow"])
    window.editor.add_premise(RelationKind.SUPPORT, edit=False)
    qtbot.wait(200)
    assert rebuilt == []
    assert len(outline_shape(window.outline)) == rows + 1


def test_the_inspector_removes_and_adds_co_premises_undoably(window):
    window.inspector.show_relation("r-deter")
    editor = window.inspector.premises_editor
    assert [editor.list.item(i).data(256) for i in range(editor.list.count())] == [
        "deterrence",
        "credible",
    ]
    editor.list.item(1).setSelected(True)
    QTest.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    premises = {r.id: r.premises for r in window.current_map().relations}
    assert premises["r-deter"] == ["deterrence"]
    editor.add_box.showPopup()
    index = editor.add_box.findData("narrow")
    editor.add_box.hidePopup()
    editor.add_box.activated.emit(index)
    premises = {r.id: r.premises for r in window.current_map().relations}
    assert premises["r-deter"] == ["deterrence", "narrow"]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.current_map() == small_map()


def test_the_last_premise_cannot_be_removed_and_the_target_is_no_candidate(window):
    window.inspector.show_relation("r-freedom")
    editor = window.inspector.premises_editor
    editor.list.item(0).setSelected(True)
    assert not editor.remove_button.isEnabled()
    editor.add_box.showPopup()
    candidates = [editor.add_box.itemData(i) for i in range(1, editor.add_box.count())]
    editor.add_box.hidePopup()
    assert "claim" not in candidates
    assert "freedom" not in candidates
    assert "narrow" in candidates


def test_the_outline_shows_statements_that_only_a_cycle_reaches(window, tmp_path):
    cycle = ArgumentMap(
        statements=[
            Statement(id="claim", text="The claim"),
            Statement(id="a", text="A, because B"),
            Statement(id="b", text="B, because A"),
        ],
        relations=[
            Relation(id="r1", kind="support", premises=["a"], target="b"),
            Relation(id="r2", kind="attack", premises=["b"], target="a"),
        ],
    )
    path = tmp_path / "cycle.argmap"
    save_map(cycle, path)
    assert window.open_path(path)
    rows = outline_shape(window.outline)
    assert {statement_id for _, statement_id, _ in rows} == {"claim", "a", "b"}
    heads = [text for depth, _, text in rows if depth == 0]
    assert any(text.startswith("↻ ") for text in heads)


def test_a_big_paste_undone_before_the_outline_is_filled_leaves_the_outline_right(window, qtbot):
    """The outline fills a big paste over several turns; undo may come before it is done."""
    QGuiApplication.clipboard().setMimeData(branch_to_mime(pasted_chain(2500)))
    window.scene.select_only(["claim"])
    window.editor.paste()
    window.scene.flush()
    window.outline.catch_up()  # a rebuild, filled over the next turns
    window.undo_stack.undo()
    window.scene.select_only(["narrow"])  # the outline is asked for a row meanwhile
    qtbot.wait(200)
    incremental = outline_shape(window.outline)
    window.outline.rebuild()
    assert incremental == outline_shape(window.outline)
    assert window.outline.selected_ids() == ["narrow"]
