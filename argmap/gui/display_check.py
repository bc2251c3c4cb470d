"""Can Qt open a window here? Asked before Qt starts, so the answer is a message, not an abort.

On Linux Qt draws through its xcb (X11) platform plugin, which needs a dozen
``libxcb-*`` libraries that minimal installations lack. When one is missing,
Qt aborts the process (status 134) with a message that names only
``libxcb-cursor0``, whatever was really missing. This module loads the same
libraries by soname first and, if any fail, says which ones and how to
install them; no display at all gets a plain message too.

It imports nothing from Qt or from the rest of argmap, so it also runs as a
script: ``python argmap/gui/display_check.py`` exits 2 with the message when
the editor could not start, and ``--packages debian`` (or ``fedora``) prints
the packages that would supply the missing libraries, for install scripts.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

__all__ = [
    "EXIT_NO_DISPLAY",
    "XCB_LIBRARIES",
    "Library",
    "ensure_display",
    "install_commands",
    "missing_libraries",
    "startup_problem",
]

EXIT_NO_DISPLAY = 2

Loader = Callable[[str], object]
Connector = Callable[[str], bool]


@dataclass(frozen=True)
class Library:
    """A shared library Qt's xcb plugin links against, and the packages that ship it."""

    soname: str
    debian: str
    fedora: str


# The libraries ``libqxcb.so`` and ``libQt6XcbQpa.so.6`` of the PySide6 wheel
# link against beyond what Qt GUI itself needs (readelf -d … | grep NEEDED),
# which is also the list in Qt's "Qt for X11 Requirements". Qt GUI's own
# dependencies (libGL, libEGL, fontconfig, libX11, libxkbcommon) are loaded by
# the time the editor is started, since the PySide6 modules are imported then.
XCB_LIBRARIES: tuple[Library, ...] = (
    Library("libxcb.so.1", "libxcb1", "libxcb"),
    Library("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb"),
    Library("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    Library("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    Library("libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    Library("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    Library("libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    Library("libxcb-render.so.0", "libxcb-render0", "libxcb"),
    Library("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"),
    Library("libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    Library("libxcb-shm.so.0", "libxcb-shm0", "libxcb"),
    Library("libxcb-sync.so.1", "libxcb-sync1", "libxcb"),
    Library("libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    Library("libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb"),
    Library("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
    Library("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
)


def load_library(soname: str) -> object:
    """Load a library the way the dynamic linker will for Qt; OSError when it cannot."""
    return ctypes.CDLL(soname)


def x_display_answers(display: str) -> bool:
    """Does an X server accept a connection on ``display``? Qt aborts when none does.

    libxcb is asked directly (it honours XAUTHORITY as Qt will); it returns an
    error connection rather than NULL on failure, and disconnecting that is safe.
    """
    xcb = ctypes.CDLL("libxcb.so.1")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)


def uses_xcb(environ: Mapping[str, str]) -> bool:
    """Would Qt start on its xcb platform? Other platforms need none of these libraries.

    An explicit ``QT_QPA_PLATFORM`` other than ``xcb`` (offscreen, wayland, a
    list with fallbacks) is left to Qt. Without one, a Wayland session (a
    Wayland display and no X display, or ``XDG_SESSION_TYPE=wayland``) lets Qt
    choose its Wayland plugin, so the X11 libraries are not required either.
    """
    platform = environ.get("QT_QPA_PLATFORM", "").strip()
    if platform:
        return platform == "xcb"
    if environ.get("WAYLAND_DISPLAY"):
        return bool(environ.get("DISPLAY")) and environ.get("XDG_SESSION_TYPE") != "wayland"
    return True


def missing_libraries(
    libraries: Iterable[Library] = XCB_LIBRARIES, load: Loader | None = None
) -> list[Library]:
    """The libraries that cannot be loaded, each tried by soname as the linker would."""
    load = load or load_library
    missing = []
    for library in libraries:
        try:
            load(library.soname)
        except OSError:
            missing.append(library)
    return missing


def packages(missing: Iterable[Library], system: str) -> list[str]:
    """The distinct package names (``system``: "debian" or "fedora") that supply ``missing``."""
    return list(dict.fromkeys(getattr(library, system) for library in missing))


def install_commands(missing: Sequence[Library]) -> list[str]:
    """One install command per distribution family, for the libraries in ``missing``."""
    return [
        "Debian/Ubuntu:  sudo apt-get install " + " ".join(packages(missing, "debian")),
        "Fedora:         sudo dnf install " + " ".join(packages(missing, "fedora")),
    ]


def display_problem(environ: Mapping[str, str]) -> str | None:
    """Why no window could appear even with every library present, or None."""
    platform = environ.get("QT_QPA_PLATFORM", "").strip()
    if platform == "xcb" and not environ.get("DISPLAY"):
        return "QT_QPA_PLATFORM is xcb but DISPLAY is not set: there is no X display to open."
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return (
            "There is no display: neither DISPLAY nor WAYLAND_DISPLAY is set.\n"
            "Start the editor from a desktop session (or over ssh -X)."
        )
    return None


def libraries_problem(missing: Sequence[Library]) -> str | None:
    """The message for libraries Qt's X11 platform needs and cannot load, or None."""
    if not missing:
        return None
    names = "\n".join(f"  {library.soname}" for library in missing)
    commands = "\n".join(f"  {command}" for command in install_commands(missing))
    return (
        "Qt's X11 (xcb) platform needs system libraries that are missing:\n"
        f"{names}\n"
        f"Install them with\n{commands}"
    )


def startup_problem(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    load: Loader | None = None,
    connect: Connector | None = None,
) -> str | None:
    """Everything that would stop Qt from opening a window on this machine, or None.

    The X server is asked for a connection only once the libraries are all
    there (libxcb is one of them), and only for an X display that is set.
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux") or not uses_xcb(environ):
        return None
    problems = (display_problem(environ), libraries_problem(missing_libraries(load=load)))
    found = [problem for problem in problems if problem]
    display = environ.get("DISPLAY")
    if not found and display and not (connect or x_display_answers)(display):
        found.append(
            f"No X server answers on DISPLAY={display}: is the desktop session still running,"
            " or is ssh forwarding X (ssh -X)?"
        )
    if not found:
        return None
    return "\n\n".join(["argmap: the editor cannot open a window.", *found])


def ensure_display(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    load: Loader | None = None,
    connect: Connector | None = None,
    stream: TextIO | None = None,
) -> None:
    """Exit with status 2 and a message saying what to do when Qt could not open a window."""
    problem = startup_problem(environ, platform, load, connect)
    if problem is not None:
        print(problem, file=stream or sys.stderr)
        raise SystemExit(EXIT_NO_DISPLAY)


def main(argv: Sequence[str] | None = None) -> int:
    """Check as the editor would, or list the packages for the missing libraries."""
    parser = argparse.ArgumentParser(
        prog="display_check", description="Can the argmap editor open a window here?"
    )
    parser.add_argument(
        "--packages",
        choices=("debian", "fedora"),
        help="print the packages that supply the missing xcb libraries, one line, and exit",
    )
    options = parser.parse_args(argv)
    if options.packages:
        print(" ".join(packages(missing_libraries(), options.packages)))
        return 0
    ensure_display()
    return 0


if __name__ == "__main__":
    sys.exit(main())
