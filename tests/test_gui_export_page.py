"""File › Export… as an HTML page: evaluated labels go along when the editor shows them."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from argmap.evaluation import evaluate
from argmap.gui.file_actions import ExportDialog
from argmap.render.page import VIEW_BLOCK_ID

pytestmark = pytest.mark.gui


def _labels_in(page: str) -> dict[str, str] | None:
    start = page.index(f'id="{VIEW_BLOCK_ID}">') + len(f'id="{VIEW_BLOCK_ID}">')
    view = json.loads(page[start : page.index("</script>", start)])
    labels: dict[str, str] | None = view["labels"]
    return labels


@pytest.mark.parametrize("on", [True, False])
def test_the_export_dialog_offers_labels_exactly_when_evaluate_mode_is_on(window, on):
    window.evaluate_mode.set_on(on)
    assert ExportDialog(window, "default").evaluate_box.isChecked() is on


@pytest.mark.parametrize("shown", [True, False])
def test_an_exported_page_carries_the_labels_only_when_asked(window, tmp_path, monkeypatch, shown):
    out = tmp_path / "map.html"

    def answer(dialog):
        dialog.format_box.setCurrentText("html")
        dialog.evaluate_box.setChecked(shown)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.files.export()
    labels = _labels_in(out.read_text(encoding="utf-8"))
    expected = {sid: str(label) for sid, label in evaluate(window.document.map).statements.items()}
    assert labels == (expected if shown else None)
