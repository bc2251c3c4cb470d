"""The export dialog's choice of pages for a PDF: one, the map's size, or landscape A4/Letter."""

from __future__ import annotations

import io

import pytest
from conftest import MAPS, showing
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog, QFileDialog

from argmap.gui import file_actions

pytestmark = pytest.mark.gui

PACT = next(p for p in MAPS if p.stem == "us-saudi-defense-pact")


def export_through_dialog(
    window, out, monkeypatch, *, output_format: str, pages=False, layout: str = "auto"
) -> dict:
    """Export as the dialog is answered; ``pages`` False leaves its choice as it shows it."""
    seen = {}

    def answer(dialog):
        dialog.format_box.setCurrentText(output_format)
        dialog.layout_box.setCurrentIndex(dialog.layout_box.findData(layout))
        seen["enabled"] = dialog.pages_box.isEnabled()
        if pages is not False:
            dialog.pages_box.setCurrentIndex(dialog.pages_box.findData(pages))
        seen["pages"] = dialog.pages_box.currentData()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(file_actions.ExportDialog, "exec", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    window.files.export()
    return seen


@pytest.fixture
def pact_window(window):
    return showing(window, PACT)


def test_a_pdf_on_a4_pages_has_landscape_a4_pages(pact_window, tmp_path, monkeypatch):
    out = tmp_path / "pact.pdf"
    seen = export_through_dialog(pact_window, out, monkeypatch, output_format="pdf", pages="a4")
    assert seen["enabled"]
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) >= 2
    assert {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    } == {(842, 595)}


def test_the_choice_of_pages_is_remembered(pact_window, tmp_path, monkeypatch):
    out = tmp_path / "pact.pdf"
    export_through_dialog(pact_window, out, monkeypatch, output_format="pdf", pages="letter")
    seen = export_through_dialog(pact_window, out, monkeypatch, output_format="pdf")
    assert seen["pages"] == "letter"


def test_pages_are_offered_for_a_pdf_only(pact_window, tmp_path, monkeypatch):
    out = tmp_path / "pact.svg"
    seen = export_through_dialog(pact_window, out, monkeypatch, output_format="svg", pages="a4")
    assert not seen["enabled"]
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_one_page_is_the_default(pact_window, tmp_path, monkeypatch):
    out = tmp_path / "pact.pdf"
    seen = export_through_dialog(pact_window, out, monkeypatch, output_format="pdf", pages=None)
    assert seen["pages"] is None
    assert len(PdfReader(io.BytesIO(out.read_bytes())).pages) == 1
