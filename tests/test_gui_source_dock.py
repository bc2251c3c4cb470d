"""The Source Text dock: highlights, following the selection, quoting a passage, dropping it."""

from __future__ import annotations

import json

import pytest
from conftest import wait_for_layout
from gui_helpers import card_centre, show_card, typed, view_point
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from argmap.files import dumps_map, save_map
from argmap.gui import MainWindow
from argmap.gui.commands import SetSourcesCommand
from argmap.model import ArgumentMap, Attribution, Relation, RelationKind, Source, Statement
from argmap.roles import Role

pytestmark = pytest.mark.gui
NO_MODIFIER = Qt.KeyboardModifier.NoModifier

FILLER = " ".join(f"Sentence number {n} says little." for n in range(200))
TEXT = (
    "A defense treaty is not the right way to go about it. "
    + FILLER
    + "\n\nIsrael should keep its freedom of action. The US would hesitate to commit."
)
CLAIM = "A defense treaty is not the right way"
REASON = "Israel should keep its freedom of action."


def quoted(statement_id: str, text: str, quote: str) -> Statement:
    return Statement(
        id=statement_id,
        text=text,
        attribution=Attribution(speaker="Nimrod Goren", source="op-ed", quote=quote),
    )


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QMessageBox

    QStandardPaths.setTestModeEnabled(True)
    argument_map = ArgumentMap(
        title="Treaty",
        statements=[
            quoted("claim", "No treaty", CLAIM),
            quoted("freedom", "Keep freedom", REASON),
            quoted("missing", "Misquoted", "a sentence the op-ed never had"),
        ],
        relations=[Relation(id="r1", kind="support", premises=["freedom"], target="claim")],
        sources=[
            Source(id="op-ed", title="The op-ed", author="Nimrod Goren", text=TEXT),
            Source(id="other", title="Other report", author="Dave DeCamp"),
        ],
    )
    path = tmp_path / "treaty.argmap"
    save_map(argument_map, path)
    main_window = MainWindow(path)
    main_window.qtbot = qtbot
    qtbot.addWidget(main_window)
    monkeypatch.setattr(main_window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    main_window.resize(1400, 900)
    main_window.show()
    main_window.source_text_dock.show()
    wait_for_layout(qtbot, main_window)
    yield main_window
    main_window.scene.runner.wait(10_000)


def panel(window):
    return window.source_text


def passage_of(window, element_id: str) -> str:
    view = panel(window).view
    spans = [(h.start, h.end) for h in view.highlights if h.element_id == element_id]
    return "|".join(view.text[s:e] for s, e in spans)


def settle(window) -> None:
    window.qtbot.wait(1)  # the dock refreshes once per event-loop turn
    QApplication.processEvents()


def test_the_dock_shows_the_source_with_each_quote_in_its_statements_role_colour(window):
    settle(window)
    view = panel(window).view
    assert view.toPlainText() == TEXT
    theme = window.scene.theme
    colours = {h.element_id: h.fill for h in view.highlights}
    assert colours == {
        "claim": theme.card(Role.MAIN_CLAIM).fill,
        "freedom": theme.card(Role.REASON).fill,
    }
    assert passage_of(window, "claim") == CLAIM
    assert len(view.extraSelections()) == 2


def test_the_line_under_the_text_gives_coverage_and_quotes_not_found(window):
    settle(window)
    assert panel(window).coverage_label.text() == (
        "2 of 203 sentences quoted (1%) · 1 quote not found in the text"
    )


def test_selecting_a_statement_scrolls_its_passage_into_view(window):
    view = panel(window).view
    view.verticalScrollBar().setValue(0)
    window.scene.select_only(["freedom"])
    settle(window)
    assert view.current == "freedom"
    start = view.text.index(REASON)
    cursor = view.textCursor()
    assert start <= cursor.position() <= start + len(REASON)
    assert view.viewport().rect().contains(view.cursorRect().center())
    assert view.verticalScrollBar().value() > 0


def test_selecting_a_statement_of_another_source_shows_that_source(window):
    window.editor.set_fields("missing", attribution=Attribution(source="other", quote="x"))
    window.scene.select_only(["missing"])
    settle(window)
    assert panel(window).source_id() == "other"
    assert panel(window).view.toPlainText() == ""


def test_clicking_a_passage_selects_its_statement(window):
    view = panel(window).view
    window.scene.select_only(["claim"])
    settle(window)
    view.select_span(TEXT.index(REASON) + 5, TEXT.index(REASON) + 5)
    view.centerCursor()
    point = view.cursorRect().center()
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
    )
    assert window.scene.selected_statement_ids() == ["freedom"]
    assert window.inspector.statement_id == "freedom"


def select_words(view, start: int, words: int) -> None:
    """Put the cursor at ``start`` and extend the selection word by word, as a reader does."""
    view.select_span(start, start)
    view.setFocus()
    for _ in range(words):
        QTest.keyClick(
            QApplication.focusWidget(),
            Qt.Key.Key_Right,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )


def test_ctrl_shift_q_makes_the_selected_passage_a_statement_in_one_undo_step(window):
    view = panel(window).view
    settle(window)
    select_words(view, TEXT.index("The US would"), 4)
    before = window.undo_stack.count()
    QTest.keyClick(
        QApplication.focusWidget(),
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    (new,) = [s for s in window.document.map.statements if s.text.startswith("The US")]
    assert new.text == "The US would hesitate"
    assert new.attribution == Attribution(
        speaker="Nimrod Goren", source="op-ed", quote="The US would hesitate"
    )
    assert window.scene.selected_statement_ids() == [new.id]
    assert window.undo_stack.count() == before + 1
    window.undo_stack.undo()
    assert not window.document.has_element(new.id)


def test_editing_a_just_quoted_statement_is_an_undo_step_of_its_own(window):
    view = panel(window).view
    settle(window)
    select_words(view, TEXT.index("The US would"), 4)
    QTest.keyClick(
        QApplication.focusWidget(),
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    (new,) = window.scene.selected_statement_ids()
    as_quoted = dumps_map(window.current_map())
    window.view.setFocus()
    window.qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_End)
    typed(" at first")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.document.statement(new).text == "The US would hesitate at first"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dumps_map(window.current_map()) == as_quoted


def test_a_quoted_passage_is_highlighted_at_once(window):
    view = panel(window).view
    settle(window)
    select_words(view, TEXT.index("The US would"), 2)
    statement_id = panel(window).quote_selection()
    settle(window)
    assert passage_of(window, statement_id) == "The US"
    assert view.current == statement_id


def drop(window, data: QMimeData, statement_id: str | None, modifiers=NO_MODIFIER) -> bool:
    """Drag ``data`` over the canvas onto a card (or the empty canvas) and drop it there."""
    if statement_id is not None:
        show_card(window, statement_id)
        point = QPointF(view_point(window, card_centre(window, statement_id)))
    else:
        point = QPointF(5, 5)
    viewport = window.view.viewport()
    copy, left = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    enter = QDragEnterEvent(point.toPoint(), copy, data, left, modifiers)
    QApplication.sendEvent(viewport, enter)
    QApplication.sendEvent(viewport, QDragMoveEvent(point.toPoint(), copy, data, left, modifiers))
    dropped = QDropEvent(point, copy, data, left, modifiers)
    QApplication.sendEvent(viewport, dropped)
    return dropped.isAccepted()


def dragged_passage(window, words: int = 3) -> QMimeData:
    view = panel(window).view
    select_words(view, TEXT.index("The US would"), words)
    return view.createMimeDataFromSelection()


@pytest.mark.parametrize(
    ("modifiers", "kind"),
    [
        (Qt.KeyboardModifier.NoModifier, RelationKind.SUPPORT),
        (Qt.KeyboardModifier.ShiftModifier, RelationKind.ATTACK),
    ],
)
def test_a_passage_dropped_on_a_card_argues_about_it_in_one_undo_step(window, modifiers, kind):
    settle(window)
    before = window.undo_stack.count()
    assert drop(window, dragged_passage(window), "freedom", modifiers)
    (relation,) = [r for r in window.document.map.relations if r.target == "freedom"]
    assert relation.kind == kind
    (premise,) = relation.premises
    assert window.document.statement(premise).attribution.quote == "The US would"
    assert window.undo_stack.count() == before + 1
    window.undo_stack.undo()
    assert not window.document.has_element(premise)
    assert not window.document.has_element(relation.id)


def test_a_passage_dropped_on_the_empty_canvas_is_a_new_claim_there(window):
    settle(window)
    count = len(window.document.map.statements)
    assert drop(window, dragged_passage(window), None)
    new = window.document.map.statements[-1]
    assert len(window.document.map.statements) == count + 1
    assert new.attribution.quote == "The US would"
    assert new.id in window.document.map.layout.positions
    assert window.document.roles()[new.id] is Role.MAIN_CLAIM


def another_window(window, sources: list[Source]) -> MainWindow:
    """A second editor window, on a map of its own with one card, ``target``."""
    from PySide6.QtWidgets import QMessageBox

    path = window.document.path.with_name("other.argmap")
    save_map(
        ArgumentMap(
            statements=[Statement(id="target", text="Riyadh wants a pact")], sources=sources
        ),
        path,
    )
    other = MainWindow(path)
    window.qtbot.addWidget(other)
    other.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    other.resize(1000, 700)
    other.show()
    wait_for_layout(window.qtbot, other)
    return other


def test_a_passage_dropped_into_another_map_never_quotes_its_source_of_the_same_id(window):
    settle(window)
    passage = dragged_passage(window)
    other = another_window(
        window, [Source(id="op-ed", title="Another op-ed", author="Someone Else", text=FILLER)]
    )
    before = other.undo_stack.count()
    assert drop(other, passage, "target")
    (relation,) = other.document.map.relations
    premise = other.document.statement(relation.premises[0])
    assert (premise.text, premise.attribution) == ("The US would", None)
    assert other.undo_stack.count() == before + 1
    assert "without a quote" in other.statusBar().currentMessage()


def test_a_passage_dropped_into_another_map_without_its_source_keeps_its_words(window):
    settle(window)
    passage = dragged_passage(window)
    other = another_window(window, [])
    assert drop(other, passage, None)
    new = other.document.map.statements[-1]
    assert (new.text, new.attribution) == ("The US would", None)
    assert new.id in other.document.map.layout.positions


def test_a_passage_dropped_into_another_map_quotes_its_source_holding_the_same_text(window):
    settle(window)
    passage = dragged_passage(window)
    other = another_window(
        window, [Source(id="copy", title="The op-ed again", author="NG", text=TEXT)]
    )
    assert drop(other, passage, "target")
    (relation,) = other.document.map.relations
    premise = other.document.statement(relation.premises[0])
    assert premise.attribution == Attribution(speaker="NG", source="copy", quote="The US would")


def test_a_passage_that_does_not_say_which_map_it_came_from_is_dropped_as_its_words(window):
    settle(window)
    start = TEXT.index("The US would")
    data = QMimeData()
    data.setText("The US would")
    where = f'{{"source": "op-ed", "start": {start}, "end": {start + 12}}}'
    data.setData("application/x-argmap-passage", where.encode())
    assert drop(window, data, "freedom")
    (relation,) = [r for r in window.document.map.relations if r.target == "freedom"]
    premise = window.document.statement(relation.premises[0])
    assert (premise.text, premise.attribution) == ("The US would", None)


def test_plain_text_dropped_onto_a_card_changes_nothing(window):
    data = QMimeData()
    data.setText("just text")
    count = window.undo_stack.count()
    drop(window, data, "claim")
    assert window.undo_stack.count() == count


def test_a_source_added_from_a_file_is_one_undo_step_and_shown(window, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(
        "<title>Talks</title><meta name=author content='Dave DeCamp'><p>Talks go on.</p>",
        encoding="utf-8",
    )
    before = window.undo_stack.count()
    source_id = panel(window).add_source_from_file(page)
    source = window.document.map.source(source_id)
    assert (source.title, source.author, source.text) == ("Talks", "Dave DeCamp", "Talks go on.")
    assert panel(window).source_id() == source_id
    assert panel(window).view.toPlainText() == "Talks go on."
    assert window.undo_stack.count() == before + 1
    window.undo_stack.undo()
    assert source_id not in {s.id for s in window.document.map.sources}


def test_a_file_that_cannot_be_read_is_reported_and_adds_nothing(window, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 then nothing")
    count = len(window.document.map.sources)
    assert panel(window).add_source_from_file(broken) is None
    assert len(window.document.map.sources) == count
    assert "the PDF cannot be read" in window.statusBar().currentMessage()


def test_the_clipboard_gives_the_shown_source_its_text_undoably(window):
    panel(window).show_source("other")
    QGuiApplication.clipboard().setText("Riyadh wants guarantees.\n\nAnd a nuclear programme.")
    assert panel(window).set_text_from_clipboard()
    assert window.document.map.source("other").text == (
        "Riyadh wants guarantees.\n\nAnd a nuclear programme."
    )
    window.undo_stack.undo()
    assert window.document.map.source("other").text is None


def test_the_inspector_marks_a_found_quote_and_a_quote_not_found(window):
    badge = window.inspector.quote_badge
    window.scene.select_only(["claim"])
    assert badge.isVisible()
    assert badge.text().startswith("✓")
    window.scene.select_only(["missing"])
    assert badge.text().startswith("⚠")
    assert "the quote is not in source 'op-ed'" in badge.toolTip()


def test_the_badge_turns_to_found_when_the_quote_is_corrected(window):
    window.scene.select_only(["missing"])
    window.editor.set_fields(
        "missing", attribution=Attribution(source="op-ed", quote="freedom of action")
    )
    assert window.inspector.quote_badge.text().startswith("✓")


ARROW_QUOTE = "The US would hesitate to commit."


def quote_on_the_arrow(window, quote: str = ARROW_QUOTE) -> None:
    window.editor.set_relation_fields("r1", attribution=Attribution(source="op-ed", quote=quote))
    settle(window)


def select_arrow(window, relation_id: str) -> None:
    window.scene.clearSelection()
    next(e for e in window.scene.edge_items if e.relation_id == relation_id).setSelected(True)
    settle(window)


def test_an_arrows_quote_is_highlighted_in_the_colour_of_its_argument(window):
    quote_on_the_arrow(window)
    assert passage_of(window, "r1") == ARROW_QUOTE
    (highlight,) = [h for h in panel(window).view.highlights if h.element_id == "r1"]
    theme = window.scene.theme
    assert (highlight.fill, highlight.border) == (
        theme.card(Role.REASON).fill,
        theme.support.colour,
    )
    assert panel(window).coverage_label.text().startswith("3 of 203 sentences quoted")


def test_an_arrows_quote_not_in_the_text_counts_as_not_found(window):
    quote_on_the_arrow(window, "The US would never hesitate to commit.")
    assert panel(window).coverage_label.text().endswith("· 2 quotes not found in the text")


def test_clicking_an_arrows_passage_selects_the_arrow(window):
    quote_on_the_arrow(window)
    view = panel(window).view
    view.select_span(TEXT.index(ARROW_QUOTE) + 5, TEXT.index(ARROW_QUOTE) + 5)
    view.centerCursor()
    point = view.cursorRect().center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, NO_MODIFIER, point)
    settle(window)
    assert window.inspector.relation_id == "r1"
    assert view.current == "r1"


def test_selecting_an_arrow_scrolls_its_passage_into_view(window):
    quote_on_the_arrow(window)
    view = panel(window).view
    view.verticalScrollBar().setValue(0)
    select_arrow(window, "r1")
    assert view.current == "r1"
    assert view.viewport().rect().contains(view.cursorRect().center())
    assert view.verticalScrollBar().value() > 0


def test_the_inspector_marks_an_arrows_quote_found_or_not_found(window):
    quote_on_the_arrow(window)
    select_arrow(window, "r1")
    badge = window.inspector.relation_quote_badge
    assert badge.isVisible()
    assert badge.text().startswith("✓")
    quote_on_the_arrow(window, "The US would never hesitate to commit.")
    assert badge.text().startswith("⚠")
    assert "the quote is not in source 'op-ed'" in badge.toolTip()


def test_passages_after_characters_qt_counts_twice_are_highlighted_exactly(window):
    text = "Emoji 😀😀 first. The quoted words here. Ω end."
    sources = [
        s.model_copy(update={"text": text}) if s.id == "op-ed" else s
        for s in window.document.map.sources
    ]
    window.editor.undo_stack.push(SetSourcesCommand(window.document, sources, "Set text"))
    window.editor.set_fields("claim", attribution=Attribution(source="op-ed", quote="quoted words"))
    panel(window).show_source("op-ed")
    view = panel(window).view
    (selection,) = [s for s in view.extraSelections()]
    assert selection.cursor.selectedText() == "quoted words"


def test_a_source_text_with_windows_line_breaks_is_highlighted_and_quoted_exactly(window, tmp_path):
    data = json.loads(dumps_map(window.document.map))
    data["sources"][0]["text"] = "First line.\r\nSecond line.\r\nThird: freedom of action.\r\n"
    data["statements"][1]["attribution"]["quote"] = "freedom of action"
    path = tmp_path / "crlf.argmap"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert window.open_path(path)
    panel(window).show_source("op-ed")
    view = panel(window).view
    (selection,) = [s for s in view.extraSelections()]
    assert selection.cursor.selectedText() == "freedom of action"
    select_words(view, view.text.index("Third"), 1)
    statement_id = panel(window).quote_selection()
    assert window.document.statement(statement_id).attribution.quote == "Third"


def test_a_pdf_written_by_qt_is_read_back_by_pypdf(tmp_path):
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    from argmap.sourcetext.extract import extract_file

    path = tmp_path / "qt.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle("Written by Qt")
    painter = QPainter(writer)
    painter.drawText(200, 400, "A defense treaty is not the right way.")
    writer.newPage()
    painter.drawText(200, 400, "Israel should keep its freedom of action.")
    painter.end()
    extracted = extract_file(path)
    assert extracted.title == "Written by Qt"
    assert "A defense treaty is not the right way." in extracted.text
    assert "Israel should keep its freedom of action." in extracted.text


def give_text(window, text: str) -> None:
    sources = [
        s.model_copy(update={"text": text}) if s.id == "op-ed" else s
        for s in window.document.map.sources
    ]
    window.editor.undo_stack.push(SetSourcesCommand(window.document, sources, "Set text"))
    panel(window).show_source("op-ed")
    settle(window)


def quote_with_keys(window) -> str:
    QTest.keyClick(
        QApplication.focusWidget(),
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    (new,) = window.scene.selected_statement_ids()
    return new


@pytest.mark.parametrize(
    ("text", "selected", "quote"),
    [
        (  # cut into a word at both ends, as a quick drag with the mouse does
            "A defense treaty would serve neither side.",
            "fense treaty would se",
            "defense treaty would serve",
        ),
        (  # Hebrew: the last word cut before its final letter
            "״ישראל צריכה להגן על עצמה בכוחות עצמה״, אמר רבין.",
            "ישראל צריכה להגן על עצמה בכוחות עצמ",
            "ישראל צריכה להגן על עצמה בכוחות עצמה",
        ),
        (  # Arabic, cut inside its first and last word
            "إن معاهدة الدفاع مع الولايات المتحدة ليست الحل.",
            "عاهدة الدفاع مع الولايات المتحدة ل",
            "معاهدة الدفاع مع الولايات المتحدة ليست",
        ),
        (  # a word broken at a line's end is joined again, its hyphen kept
            "Israel would lose its free-\ndom of action in Lebanon.",
            "lose its free-\ndom of action",
            "lose its free-dom of action",
        ),
        (  # and so is one the selection ends in, at the hyphen
            "Israel would lose its free-\ndom of action in Lebanon.",
            "would lose its free-",
            "would lose its free-dom",
        ),
        (  # Chinese has no spaces: any place between characters is a word's edge
            "与美国签订防务条约不是答案。",
            "美国签订防务条约",
            "美国签订防务条约",
        ),
    ],
)
def test_a_quoted_passage_is_found_in_its_source_however_the_selection_cuts_words(
    window, text, selected, quote
):
    give_text(window, text)
    not_found = panel(window).coverage_label.text().split(" · ")[-1]  # the fixture's quotes
    view = panel(window).view
    start = text.index(selected)
    view.select_span(start, start + len(selected))
    view.setFocus()
    new = quote_with_keys(window)
    attribution = window.document.statement(new).attribution
    assert attribution.quote == quote
    assert window.inspector.quote_badge.text() == "✓ found in the source's text"
    settle(window)
    assert panel(window).coverage_label.text().endswith(not_found)
    assert passage_of(window, new)
