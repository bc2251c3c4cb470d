"""File → Export Map As… in a format that cannot hold the whole map says what it leaves out
first, as ``argmap convert`` does, and writes only if the user still wants it."""

from __future__ import annotations

import pytest

from argmap.formats import read_any

pytestmark = pytest.mark.gui


def answer_losses(window, monkeypatch, answer: bool) -> list[list[str]]:
    asked: list[list[str]] = []
    monkeypatch.setattr(
        window.files,
        "ask_export_losses",
        lambda path, title, losses: asked.append(losses) or answer,
    )
    return asked


def test_export_as_kialo_lists_what_kialo_leaves_out(window, tmp_path, monkeypatch):
    asked = answer_losses(window, monkeypatch, True)
    assert window.files.export_as_to(tmp_path / "treaty.txt", "kialo")
    (losses,) = asked
    assert any("statement title" in loss for loss in losses)  # the small map's "Treaty"
    assert not any(loss.startswith("Kialo") for loss in losses)  # the warning names it once


def test_export_as_kept_back_by_the_user_writes_nothing(window, tmp_path, monkeypatch):
    answer_losses(window, monkeypatch, False)
    out = tmp_path / "treaty.txt"
    assert not window.files.export_as_to(out, "kialo")
    assert not out.exists()


def test_export_as_a_format_that_keeps_everything_asks_nothing(window, tmp_path, monkeypatch):
    asked = answer_losses(window, monkeypatch, False)
    out = tmp_path / "treaty.json"
    assert window.files.export_as_to(out, "aif")
    assert asked == []
    assert read_any(out, "aif").map.statement("claim").title == "Treaty"


def test_export_as_never_writes_over_the_file_the_map_was_imported_from(
    window, tmp_path, monkeypatch
):
    """An imported Argdown file exported as Argdown under its own name would lose what the
    import could not carry over (here its comment): the export is refused, the file kept."""
    from PySide6.QtWidgets import QFileDialog

    original = tmp_path / "debate.argdown"
    original.write_text(
        "// Notes for the next meeting, kept only here\n[Claim]: A treaty helps.\n"
        "  + [Reason]: It deters.\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(window, "show_warnings", lambda *shown: None)
    assert window.open_path(original)
    before = original.read_bytes()
    answer_losses(window, monkeypatch, True)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "debate"), "Argdown (*.argdown *.ad)")),
    )
    monkeypatch.setattr(window.files, "ask_replace", lambda path: True)
    window.files.actions["export_as"].trigger()
    assert original.read_bytes() == before
    assert "the file the map was opened from" in window.errors[-1]
    window.files.export_as_to(tmp_path / "copy.argdown", "argdown")  # elsewhere it still writes
    assert (tmp_path / "copy.argdown").exists()
