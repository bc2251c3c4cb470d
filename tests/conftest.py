"""Shared test set-up: Qt runs offscreen, and a few maps to test with."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from argmap.model import (
    ArgumentMap,
    Attribution,
    Group,
    Relation,
    Source,
    Statement,
)

ROOT = Path(__file__).resolve().parent.parent
MAPS = sorted((ROOT / "maps").glob("*.argmap"))
SEEDS = ROOT.parent / "shared" / "seeds"


def small_map() -> ArgumentMap:
    """A claim with a linked reason, an objection, a rebuttal and an undercut."""
    return ArgumentMap(
        title="Treaty",
        statements=[
            Statement(id="claim", text="A treaty would serve Israel's security", title="Treaty"),
            Statement(
                id="deterrence",
                text="A formal guarantee deters attack",
                attribution=Attribution(speaker="Shimon Peres", source="op-ed", date="mid-1990s"),
            ),
            Statement(id="credible", text="US guarantees are credible"),
            Statement(
                id="freedom",
                text="It would limit freedom of action",
                attribution=Attribution(speaker="Yitzhak Rabin", quote="self-reliance"),
            ),
            Statement(id="narrow", text="A narrow treaty need not limit it"),
            Statement(id="gimmick", text="The offers were political gimmicks"),
        ],
        relations=[
            Relation(
                id="r-deter", kind="support", premises=["deterrence", "credible"], target="claim"
            ),
            Relation(id="r-freedom", kind="attack", premises=["freedom"], target="claim"),
            Relation(id="r-narrow", kind="attack", premises=["narrow"], target="freedom"),
            Relation(id="r-gimmick", kind="attack", premises=["gimmick"], target="r-deter"),
        ],
        sources=[
            Source(id="op-ed", title="A defense treaty is not the answer", author="Nimrod Goren")
        ],
        groups=[Group(id="rabin", title="Rabin era", statements=["freedom", "narrow"])],
    )


@pytest.fixture(scope="session", autouse=True)
def _widgets_application(qapp):
    """Create the QApplication first, so a PDF export's QGuiApplication never stands in for it."""
    yield qapp
    from argmap.gui.app import release_clipboard

    release_clipboard()


@pytest.fixture(scope="session", autouse=True)
def _settings_of_our_own(tmp_path_factory):
    """Settings (window layout, recent files, layout style) go to a throwaway folder."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("settings"))
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, folder)


@pytest.fixture(autouse=True)
def _fresh_settings(_settings_of_our_own):
    """Every test starts from a first run: nothing remembered from the one before."""
    from PySide6.QtCore import QSettings

    QSettings("argmap", "argmap").clear()


@pytest.fixture(autouse=True)
def _recovery_of_our_own(tmp_path_factory):
    """Recovery files (autosave) go to a folder of each test's own, never the user's."""
    from argmap.gui import autosave

    autosave.set_recovery_folder(tmp_path_factory.mktemp("recovery"))
    yield
    autosave.set_recovery_folder(None)


@pytest.fixture
def argument_map() -> ArgumentMap:
    return small_map()


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    """An editor window on a copy of a small map, with dialogs answered by the test."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QMessageBox

    QStandardPaths.setTestModeEnabled(True)  # recent files go to a throwaway place
    from argmap.files import save_map
    from argmap.gui import MainWindow

    path = tmp_path / "treaty.argmap"
    save_map(small_map(), path)
    main_window = MainWindow(path)
    qtbot.addWidget(main_window)
    main_window.errors = []
    main_window.qtbot = qtbot
    monkeypatch.setattr(
        main_window, "show_error", lambda title, text: main_window.errors.append(text)
    )
    # Closing at the end of a test discards changes instead of waiting for a modal answer.
    monkeypatch.setattr(main_window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    main_window.show()
    wait_for_layout(qtbot, main_window)
    yield main_window
    main_window.scene.runner.wait(10_000)


def wait_for_layout(qtbot, main_window) -> None:
    """Let pending refreshes run and the worker's layout arrive."""
    qtbot.wait(1)
    qtbot.waitUntil(lambda: not main_window.scene.settling(), timeout=20_000)
    qtbot.wait(1)


def showing(main_window, path: Path):
    """``main_window`` with the map at ``path`` shown (not as its file) and laid out."""
    from argmap.files import load_map

    main_window.show_map(load_map(path), None)
    wait_for_layout(main_window.qtbot, main_window)
    return main_window


_WITHOUT_DISPLAY = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}


def run_python(
    code: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh Python from the repository root, without a display."""
    base = {k: v for k, v in os.environ.items() if k not in _WITHOUT_DISPLAY}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**base, **(env or {})},
        check=False,
    )


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a test module (the page tests; see browser.py)."""
    from browser import start_browser

    started = start_browser()
    yield started
    started.close()


@pytest.fixture
def page(browser):
    """A fresh tab of the module's Chromium for one test."""
    opened = browser.new_page()
    yield opened
    opened.close()


def objection_chain(length: int) -> ArgumentMap:
    """Each statement objects to the one before: a debate ``length`` levels deep."""
    return ArgumentMap(
        statements=[Statement(id=f"s{k}", text=f"level {k}") for k in range(length)],
        relations=[
            Relation(id=f"r{k}", kind="attack", premises=[f"s{k}"], target=f"s{k - 1}")
            for k in range(1, length)
        ],
    )


def objection_then_reason_map() -> ArgumentMap:
    """x first attacks b, then supports a: its first relation makes it an objection."""
    return ArgumentMap(
        statements=[
            Statement(id="a", text="A"),
            Statement(id="b", text="B"),
            Statement(id="x", text="X"),
        ],
        relations=[
            Relation(id="r1", kind="attack", premises=["x"], target="b"),
            Relation(id="r2", kind="support", premises=["x"], target="a"),
            Relation(id="r3", kind="support", premises=["b"], target="a"),
        ],
    )
