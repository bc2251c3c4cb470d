"""Before Qt starts: no display or missing X11 libraries end in advice and status 2, no abort."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.gui import app, display_check
from argmap.gui.display_check import ensure_display, startup_problem

X11 = {"DISPLAY": ":0"}


def loader_without(*absent: str):
    """A loader that finds every library except ``absent`` (sonames)."""

    def load(soname: str) -> object:
        if soname in absent:
            raise OSError(f"{soname}: cannot open shared object file: No such file or directory")
        return object()

    return load


def load_all(soname: str) -> object:
    return object()


def server_answers(display: str) -> bool:
    return True


def check(environ, load=load_all, connect=server_answers) -> tuple[int | None, str]:
    """Run the check; the exit status (None: no exit) and what it printed."""
    stream = io.StringIO()
    try:
        ensure_display(environ, "linux", load, connect, stream)
    except SystemExit as exit_:
        return exit_.code, stream.getvalue()
    return None, stream.getvalue()


def test_missing_libraries_are_named_with_both_install_commands_and_exit_2():
    status, message = check(X11, loader_without("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    assert status == 2
    assert "libxcb-icccm.so.4" in message
    assert "libxcb-keysyms.so.1" in message
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in message
    assert "sudo dnf install xcb-util-wm xcb-util-keysyms" in message


def test_libraries_that_are_present_are_not_blamed():
    _, message = check(X11, loader_without("libxcb-icccm.so.4"))
    assert "libxcb-cursor" not in message
    assert "libxcb-keysyms" not in message


def test_a_fedora_package_shipping_several_missing_libraries_is_named_once():
    _, message = check(X11, loader_without("libxcb-randr.so.0", "libxcb-shape.so.0"))
    assert "sudo dnf install libxcb\n" in message
    assert "sudo apt-get install libxcb-randr0 libxcb-shape0" in message


def test_everything_present_and_a_display_means_no_exit_and_no_message():
    assert check(X11) == (None, "")


def test_no_display_says_so_and_exits_2():
    status, message = check({})
    assert status == 2
    assert "DISPLAY" in message
    assert "WAYLAND_DISPLAY" in message


def test_no_display_and_missing_libraries_are_both_reported():
    _, message = check({}, loader_without("libxkbcommon-x11.so.0"))
    assert "neither DISPLAY nor WAYLAND_DISPLAY" in message
    assert "libxkbcommon-x11-0" in message


def test_an_x_server_that_does_not_answer_is_reported():
    status, message = check({"DISPLAY": ":77"}, connect=lambda display: False)
    assert status == 2
    assert "DISPLAY=:77" in message


def test_the_x_server_is_not_asked_when_libxcb_itself_is_missing():
    def connect(display: str) -> bool:
        raise AssertionError("connected without libxcb")

    status, _ = check(X11, loader_without("libxcb.so.1"), connect)
    assert status == 2


@pytest.mark.parametrize("platform", ["offscreen", "wayland", "minimal", "wayland;xcb"])
def test_other_qt_platforms_are_not_checked(platform):
    assert check({"QT_QPA_PLATFORM": platform}, loader_without("libxcb.so.1")) == (None, "")


def test_an_explicit_xcb_platform_is_checked():
    status, message = check(
        {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, loader_without("libxcb-cursor.so.0")
    )
    assert status == 2
    assert "libxcb-cursor0" in message


def test_an_explicit_xcb_platform_needs_an_x_display_not_a_wayland_one():
    status, message = check({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"})
    assert status == 2
    assert "DISPLAY is not set" in message


def test_a_wayland_session_leaves_the_platform_to_qt():
    environ = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}
    assert check(environ, loader_without("libxcb-icccm.so.4")) == (None, "")


def test_other_operating_systems_are_not_checked():
    assert startup_problem({}, "darwin", loader_without("libxcb.so.1")) is None


def test_every_library_qt_needs_has_a_debian_and_a_fedora_package():
    for library in display_check.XCB_LIBRARIES:
        assert library.soname.startswith("lib")
        assert library.debian
        assert library.fedora


def test_the_readme_install_commands_name_every_package_the_check_asks_for():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    words = set(readme.replace("\\", " ").split())
    for system in ("debian", "fedora"):
        absent = set(display_check.packages(display_check.XCB_LIBRARIES, system)) - words
        assert not absent, f"README.md does not install {sorted(absent)} ({system})"


def test_the_packages_option_lists_only_the_packages_of_missing_libraries(monkeypatch, capsys):
    monkeypatch.setattr(
        display_check, "load_library", loader_without("libxcb-icccm.so.4", "libxcb-xkb.so.1")
    )
    assert display_check.main(["--packages", "debian"]) == 0
    assert capsys.readouterr().out == "libxcb-icccm4 libxcb-xkb1\n"


def test_the_packages_option_prints_an_empty_line_when_nothing_is_missing(monkeypatch, capsys):
    monkeypatch.setattr(display_check, "load_library", load_all)
    assert display_check.main(["--packages", "fedora"]) == 0
    assert capsys.readouterr().out == "\n"


class Untouchable:
    """Stands in for QApplication: any use of it fails the test."""

    def __getattr__(self, name: str):
        raise AssertionError(f"Qt was used: QApplication.{name}")

    def __call__(self, *args, **kwargs):
        raise AssertionError("Qt was used: QApplication()")


def test_run_editor_exits_2_before_touching_qt_when_libraries_are_missing(monkeypatch, capsys):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(display_check, "load_library", loader_without("libxcb-icccm.so.4"))
    monkeypatch.setattr(app, "QApplication", Untouchable())
    with pytest.raises(SystemExit) as exit_:
        app.run_editor(None)
    assert exit_.value.code == 2
    assert "apt-get install libxcb-icccm4" in capsys.readouterr().err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux")
def test_the_argmap_command_without_a_display_explains_instead_of_aborting():
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    done = subprocess.run(
        [sys.executable, "-m", "argmap"],
        env=environ,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 2
    assert "neither DISPLAY nor WAYLAND_DISPLAY" in done.stderr
