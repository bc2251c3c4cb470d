"""Smoke test of the editor on a real X server, as a user would drive it.

Opens the example map in a real MainWindow on Qt's xcb platform, adds a reason
to the main claim by keyboard, undoes it, saves a copy, reloads the copy and
compares, and closes the window. The offscreen test suite never loads the xcb
plugin or talks to an X server; this does, so a missing library or a window
that cannot be shown fails here. Exits 1 with the failing step's message.

Run it through ``.ci/smoke``, which starts Xvfb; by hand:
``QT_QPA_PLATFORM=xcb DISPLAY=:N .venv/bin/python .ci/smoke.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's argmap, whichever one .venv was installed from
MAP = ROOT / "maps" / "israel-us-defense-treaty.argmap"
REASON = "Smoke test: a reason typed on a real display"
TIMEOUT = 30.0  # seconds for any one thing to happen; the caller's timeout bounds the whole run


class SmokeFailure(Exception):
    """A step did not do what a user would see it do."""


def expect(condition: object, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def step(message: str) -> None:
    print(f"smoke: {message}", flush=True)


def wait_until(condition: Callable[[], object], what: str) -> None:
    """Let Qt run until ``condition`` holds; fail with ``what`` when it never does."""
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise SmokeFailure(f"timed out after {TIMEOUT:.0f} s waiting for {what}")
        QTest.qWait(20)


def check_platform() -> None:
    """Fail early, with the editor's own advice, when Qt could not open a window."""
    from argmap.gui.display_check import startup_problem

    expect(
        os.environ.get("QT_QPA_PLATFORM") == "xcb",
        "run with QT_QPA_PLATFORM=xcb: this test is about the real X11 platform",
    )
    problem = startup_problem()
    expect(problem is None, problem or "")


def isolate_settings(folder: Path) -> None:
    """Window layout and recent files go to a throwaway folder, not the user's."""
    from PySide6.QtCore import QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(folder))


def catch_errors(errors: list[str]) -> None:
    """An exception inside a Qt slot is a failure, not a line on stderr to overlook."""

    def hook(kind, error, trace) -> None:
        errors.append("".join(traceback.format_exception(kind, error, trace)))

    sys.excepthook = hook


def open_window(prompts: list[str]):
    """The example map in a real window, shown, laid out; a save prompt is only recorded."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QMessageBox

    from argmap.gui.mainwindow import MainWindow

    window = MainWindow(MAP)

    def ask_save_changes() -> QMessageBox.StandardButton:
        prompts.append("asked to save changes")
        return QMessageBox.StandardButton.Discard

    window.ask_save_changes = ask_save_changes  # type: ignore[method-assign]
    window.show()
    expect(QTest.qWaitForWindowExposed(window, 10_000), "the window was never shown")
    wait_until(lambda: window.scene.statement_items, "the cards of the map")
    wait_until(lambda: not window.scene.settling(), "the layout")
    step(f"opened {MAP.name}: {len(window.current_map().statements)} statements laid out")
    return window


def focused():
    from PySide6.QtWidgets import QApplication

    widget = QApplication.focusWidget()
    expect(widget is not None, "no widget has the keyboard focus")
    return widget


def press(key, modifiers=None) -> None:
    """One key, sent where the keyboard goes: the focused widget."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(focused(), key, modifiers or Qt.KeyboardModifier.NoModifier)


def type_text(text: str) -> None:
    from PySide6.QtTest import QTest

    for char in text:
        QTest.keyClick(focused(), char)


def select_main_claim(window) -> str:
    """Click the main claim's card, as a user picks it, and give the canvas the keyboard."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    claims = window.current_map().main_claims()
    expect(claims, "the example map has no main claim")
    claim = claims[0].id
    card = window.scene.statement_items[claim]
    window.view.centerOn(card)
    window.activateWindow()
    window.view.setFocus(Qt.FocusReason.MouseFocusReason)
    wait_until(lambda: QApplication.focusWidget() is window.view, "the canvas to get the focus")
    point = window.view.mapFromScene(card.pos())
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    selected = window.scene.selected_statement_ids()
    expect(selected == [claim], f"clicking the main claim selected {selected}, not {claim!r}")
    step(f"selected the main claim {claim!r}")
    return claim


def add_reason_by_keyboard(window, claim: str) -> None:
    from PySide6.QtCore import Qt

    from argmap.model import RelationKind

    press(Qt.Key.Key_Insert)
    wait_until(window.editor.inline.is_open, "the new card's editor after Insert")
    type_text(REASON)
    press(Qt.Key.Key_Return)
    wait_until(lambda: not window.editor.inline.is_open(), "Return to close the card's editor")
    argument_map = window.current_map()
    added = [s for s in argument_map.statements if s.text == REASON]
    expect(len(added) == 1, f"the typed reason is not in the map once (found {len(added)})")
    supports = [
        r
        for r in argument_map.relations
        if added[0].id in r.premises and r.target == claim and r.kind == RelationKind.SUPPORT
    ]
    expect(supports, f"the new statement {added[0].id!r} does not support {claim!r}")
    step(f"added the reason {added[0].id!r} by keyboard")


def undo_by_keyboard(window, before, steps_before: int) -> None:
    """Ctrl+Z until the addition is gone: adding a card and typing its text are two steps."""
    from PySide6.QtCore import Qt

    presses = window.undo_stack.index() - steps_before
    expect(presses > 0, "adding the reason left nothing to undo")
    for _ in range(presses):
        index = window.undo_stack.index()
        press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        expect(window.undo_stack.index() == index - 1, "Ctrl+Z did not undo a step")
    argument_map = window.current_map()
    expect(all(s.text != REASON for s in argument_map.statements), "Ctrl+Z left the new reason")
    expect(argument_map == before, "after undoing, the map differs from the one opened")
    wait_until(lambda: not window.scene.settling(), "the layout after undo")
    step(f"Ctrl+Z ({presses}x) took the reason out again")


def save_and_reload(window, folder: Path) -> None:
    from argmap.files import load_map

    copy = folder / MAP.name
    expect(window.save_to(copy), f"saving to {copy} failed")
    reloaded = load_map(copy)
    expect(reloaded == window.current_map(), "the saved copy reloads as a different map")
    expect(reloaded == load_map(MAP), "the saved copy differs from the example map")
    step(f"saved a copy and reloaded it: {len(reloaded.statements)} statements, unchanged")


def close(window, prompts: list[str]) -> None:
    window.close()
    wait_until(lambda: not window.isVisible(), "the window to close")
    expect(not prompts, "closing an unmodified map asked to save changes")
    window.scene.runner.wait(10_000)
    step("closed the window without a prompt")


def run(folder: Path) -> None:
    from PySide6.QtWidgets import QApplication

    check_platform()
    errors: list[str] = []
    catch_errors(errors)
    isolate_settings(folder / "settings")
    app = QApplication(sys.argv[:1])
    expect(app.platformName() == "xcb", f"Qt started on {app.platformName()!r}, not xcb")
    step(f"Qt {app.platformName()} platform on DISPLAY={os.environ.get('DISPLAY')}")
    prompts: list[str] = []
    window = open_window(prompts)
    before = window.current_map().model_copy(deep=True)
    claim = select_main_claim(window)
    steps_before = window.undo_stack.index()
    add_reason_by_keyboard(window, claim)
    undo_by_keyboard(window, before, steps_before)
    save_and_reload(window, folder)
    close(window, prompts)
    expect(not errors, "exceptions were raised inside Qt:\n" + "\n".join(errors))


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="argmap-smoke-") as folder:
        try:
            run(Path(folder))
        except SmokeFailure as failure:
            print(f"smoke: FAILED: {failure}", file=sys.stderr, flush=True)
            return 1
    step("passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
