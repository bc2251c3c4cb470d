"""The names save and export dialogs propose, and a name typed in one without its
extension: the file with the extension added is replaced only if the user says so (the
dialog itself asked about the name as typed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from argmap.files import load_map, save_map
from argmap.formats import write_any
from argmap.gui import file_actions
from argmap.model import ArgumentMap, Statement

pytestmark = pytest.mark.gui

PRECIOUS = ArgumentMap(title="Precious", statements=[Statement(id="p", text="Keep me")])


def choose(monkeypatch, path, chosen_filter: str = "") -> None:
    """The save dialog answers with ``path`` (as typed) and ``chosen_filter``."""
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), chosen_filter))
    )


def proposed(monkeypatch) -> list[str]:
    """The names the save dialogs start from; each dialog is cancelled."""
    starts: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a: starts.append(a[2]) or ("", ""))
    )
    return starts


def imported(window, tmp_path, monkeypatch) -> Path:
    """The window's map written as Argdown in a folder of its own, and opened from there."""
    folder = tmp_path / "sub"
    folder.mkdir()
    path = folder / "debate.argdown"
    path.write_text(write_any(window.current_map(), path), encoding="utf-8")
    monkeypatch.setattr(window, "show_warnings", lambda *shown: None)
    assert window.open_path(path)
    return path


def test_export_of_an_imported_map_proposes_its_folder_and_name(window, tmp_path, monkeypatch):
    path = imported(window, tmp_path, monkeypatch)
    monkeypatch.setattr(
        file_actions.ExportDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted
    )
    starts = proposed(monkeypatch)
    window.files.export()
    assert starts == [str(path.with_suffix(".svg"))]


def test_export_map_as_of_an_imported_map_proposes_its_folder_and_name(
    window, tmp_path, monkeypatch
):
    path = imported(window, tmp_path, monkeypatch)
    starts = proposed(monkeypatch)
    window.files.export_as()
    assert starts == [str(path.with_suffix(""))]


def answer_replace(window, monkeypatch, answer: bool) -> list:
    asked: list = []
    monkeypatch.setattr(window.files, "ask_replace", lambda path: asked.append(path) or answer)
    return asked


def test_save_as_without_the_extension_keeps_a_file_of_that_name_if_told_to(
    window, tmp_path, monkeypatch
):
    precious = tmp_path / "precious.argmap"
    save_map(PRECIOUS, precious)
    before = precious.read_bytes()
    choose(monkeypatch, tmp_path / "precious")
    asked = answer_replace(window, monkeypatch, False)
    assert not window.files.save_as()
    assert asked == [precious]
    assert precious.read_bytes() == before
    assert window.document.path == tmp_path / "treaty.argmap"


def test_save_as_without_the_extension_replaces_the_file_when_the_user_agrees(
    window, tmp_path, monkeypatch
):
    precious = tmp_path / "precious.argmap"
    save_map(PRECIOUS, precious)
    choose(monkeypatch, tmp_path / "precious")
    answer_replace(window, monkeypatch, True)
    assert window.files.save_as()
    assert load_map(precious) == window.current_map()
    assert window.document.path == precious


def test_save_as_a_new_name_without_the_extension_asks_nothing(window, tmp_path, monkeypatch):
    choose(monkeypatch, tmp_path / "fresh")
    asked = answer_replace(window, monkeypatch, False)
    assert window.files.save_as()
    assert asked == []
    assert load_map(tmp_path / "fresh.argmap") == window.current_map()


def test_export_map_as_without_the_extension_keeps_a_file_of_that_name_if_told_to(
    window, tmp_path, monkeypatch
):
    from argmap.formats import format_by_name

    argdown = format_by_name("argdown")
    handwritten = tmp_path / "debate.argdown"
    handwritten.write_text("[Mine]: written by hand.\n", encoding="utf-8")
    patterns = " ".join(f"*{extension}" for extension in argdown.extensions)
    choose(monkeypatch, tmp_path / "debate", f"{argdown.title} ({patterns})")
    asked = answer_replace(window, monkeypatch, False)
    window.files.export_as()
    assert asked == [handwritten]
    assert handwritten.read_text(encoding="utf-8") == "[Mine]: written by hand.\n"


def test_an_export_without_the_extension_gets_the_formats_extension(window, tmp_path, monkeypatch):
    def accept(dialog):
        dialog.format_box.setCurrentText("dot")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(file_actions.ExportDialog, "exec", accept)
    drawing = tmp_path / "report.dot"
    drawing.write_text("digraph kept {}\n", encoding="utf-8")
    choose(monkeypatch, tmp_path / "report")
    asked = answer_replace(window, monkeypatch, False)
    window.files.export()
    assert asked == [drawing]
    assert drawing.read_text(encoding="utf-8") == "digraph kept {}\n"
    assert not (tmp_path / "report").exists()
    answer_replace(window, monkeypatch, True)
    window.files.export()
    assert drawing.read_text(encoding="utf-8").startswith("digraph argmap")
