"""The export dialog's choice of cards: full text, or titles only."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from argmap.gui import file_actions

pytestmark = pytest.mark.gui


def export_dot(window, tmp_path, monkeypatch, cards: str | None) -> str:
    """Export through the dialog as DOT; ``cards`` None leaves the choice as the dialog shows it."""
    out = tmp_path / "map.dot"

    def answer(dialog):
        dialog.format_box.setCurrentText("dot")
        if cards is not None:
            dialog.cards_box.setCurrentIndex(dialog.cards_box.findData(cards))
        window.shown_cards = dialog.cards_box.currentData()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(file_actions.ExportDialog, "exec", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    window.files.export()
    return out.read_text(encoding="utf-8")


def card_label(source: str, statement_id: str) -> str:
    return source.split(f"\t{statement_id} [label=", 1)[1].split("</table>", 1)[0]


def test_the_dialog_offers_full_text_first(window, tmp_path, monkeypatch):
    source = export_dot(window, tmp_path, monkeypatch, cards=None)
    assert window.shown_cards == "full"
    assert "would serve" in card_label(source, "claim")


def test_titles_only_exports_cards_without_their_text_and_is_remembered(
    window, tmp_path, monkeypatch
):
    title = window.document.map.statement("claim").title
    source = export_dot(window, tmp_path, monkeypatch, cards="titles")
    assert title in card_label(source, "claim")
    assert "would serve" not in card_label(source, "claim")
    export_dot(window, tmp_path, monkeypatch, cards=None)
    assert window.shown_cards == "titles"
