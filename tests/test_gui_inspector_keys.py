"""The inspector and the Sources panel driven from the keyboard and the mouse wheel."""

from __future__ import annotations

import pytest
from conftest import small_map
from gui_helpers import focus_on, keys, on_canvas
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def wheel_down(widget) -> None:
    """One notch of the mouse wheel, turned towards the user, over ``widget``."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("key", [Qt.Key.Key_Down, Qt.Key.Key_End, Qt.Key.Key_PageDown])
def test_stepping_through_sources_by_key_never_adds_a_new_source(window, key):
    on_canvas(window, "narrow")
    box = window.inspector.source_box
    focus_on(window, box)
    for _ in range(3):
        keys(key)
    argument_map = window.current_map()
    assert [s.id for s in argument_map.sources] == ["op-ed"]
    assert argument_map.statement("narrow").attribution.source == "op-ed"  # the last source
    assert box.currentData() == "op-ed"
    assert QApplication.focusWidget() is box
    window.undo_stack.undo()
    assert window.current_map() == small_map()


def test_the_wheel_over_an_arrows_source_box_never_adds_a_new_source(window):
    window.inspector.show_relation("r-freedom")
    box = window.inspector.relation_source_box
    for _ in range(3):
        wheel_down(box)
    argument_map = window.current_map()
    assert [s.id for s in argument_map.sources] == ["op-ed"]
    assert argument_map.relation("r-freedom").attribution.source == "op-ed"
    assert window.undo_stack.count() == 1


def test_new_source_is_still_picked_from_the_opened_list(window):
    on_canvas(window, "narrow")
    box = window.inspector.source_box
    focus_on(window, box)
    keys(Qt.Key.Key_Down)  # op-ed
    keys(Qt.Key.Key_F4)  # opens the list
    view = box.view()
    window.qtbot.waitUntil(view.isVisible)
    view.setCurrentIndex(box.model().index(box.findData(window.inspector.NEW_SOURCE), 0))
    keys(Qt.Key.Key_Return)
    argument_map = window.current_map()
    assert len(argument_map.sources) == 2
    assert argument_map.statement("narrow").attribution.source == argument_map.sources[-1].id


def test_a_source_field_pasted_with_control_characters_is_kept_cleaned(window):
    window.sources_dock.show()
    table = window.sources_panel.table
    focus_on(window, table)
    table.setCurrentCell(0, 0)
    keys(Qt.Key.Key_F2)
    QGuiApplication.clipboard().setText("Report\x0cpage two\x07")
    keys(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    keys(Qt.Key.Key_Return)
    window.qtbot.waitUntil(lambda: window.sources_panel.open_editor() is None)
    assert window.current_map().sources[0].title == "Report\npage two"
    window.undo_stack.undo()
    assert window.current_map() == small_map()
