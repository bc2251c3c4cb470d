"""The export dialog's choice to fold a wide map to print readably on landscape pages."""

from __future__ import annotations

import pytest
from conftest import MAPS, showing
from PySide6.QtWidgets import QDialog, QFileDialog

from argmap.gui import file_actions

pytestmark = pytest.mark.gui

TREATY = next(p for p in MAPS if p.stem == "israel-us-defense-treaty")


def export_dot(window, tmp_path, monkeypatch, *, layout: str, fold: bool | None) -> str:
    """Export through the dialog as DOT; ``fold`` None leaves the box as the dialog shows it."""
    out = tmp_path / "map.dot"
    seen = {}

    def answer(dialog):
        dialog.format_box.setCurrentText("dot")
        dialog.layout_box.setCurrentIndex(dialog.layout_box.findData(layout))
        seen["enabled"] = dialog.fold_box.isEnabled()
        if fold is not None:
            dialog.fold_box.setChecked(fold)
        seen["checked"] = dialog.fold_box.isChecked()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(file_actions.ExportDialog, "exec", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    window.files.export()
    window.seen = seen
    return out.read_text(encoding="utf-8")


@pytest.fixture
def treaty_window(window):
    return showing(window, TREATY)


def test_the_layered_export_folds_a_wide_map_by_default(treaty_window, tmp_path, monkeypatch):
    source = export_dot(treaty_window, tmp_path, monkeypatch, layout="auto", fold=None)
    assert treaty_window.seen == {"enabled": True, "checked": True}
    assert "minlen=" in source


def test_unticking_fold_exports_one_rank_per_level_and_is_remembered(
    treaty_window, tmp_path, monkeypatch
):
    source = export_dot(treaty_window, tmp_path, monkeypatch, layout="auto", fold=False)
    assert "minlen=" not in source
    export_dot(treaty_window, tmp_path, monkeypatch, layout="auto", fold=None)
    assert treaty_window.seen["checked"] is False


def test_fold_is_offered_only_for_graphvizs_layered_layout(treaty_window, tmp_path, monkeypatch):
    for layout in ("tree", "pinned", file_actions.AS_SHOWN):
        export_dot(treaty_window, tmp_path, monkeypatch, layout=layout, fold=None)
        assert treaty_window.seen["enabled"] is False, layout
