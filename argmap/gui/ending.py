"""The editor asked to end by the system: every window's work is kept for the next start.

Logging out, shutting down or closing the terminal argmap was started from
sends SIGTERM or SIGHUP. Python would end at once, and work typed since the
last autosave (up to its interval, a minute by default) would be lost. Here
each window writes its recovery file first (unsaved changes and typing not
kept yet, as autosave does), and the editor then quits; the next start
offers the work back. The windows are not asked to close: a question no one
can answer would hold the system up.

A Python signal handler runs only when Python code does, and Qt's event loop
is C++: the signal also writes a byte to a socket that Qt watches
(:func:`signal.set_wakeup_fd`), which brings Python in at once.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication

__all__ = ["ENDING_SIGNALS", "keep_work_when_ended", "save_every_window"]

ENDING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def save_every_window(app: QApplication) -> None:
    """Write the recovery file of every editor window that has work to keep."""
    from argmap.gui.mainwindow import MainWindow

    for widget in app.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.autosave.save_now()


def keep_work_when_ended(app: QApplication, quit_app: Callable[[int], None] | None = None) -> None:
    """On SIGTERM or SIGHUP (where the system has them): autosave every window, then quit.

    A signal the user set to be ignored (``nohup``) stays ignored.
    """
    wanted = [s for s in ENDING_SIGNALS if signal.getsignal(s) is not signal.SIG_IGN]
    if not wanted:
        return
    ending = quit_app or app.exit

    def ended(number: int, _frame: FrameType | None) -> None:
        save_every_window(app)
        ending(128 + number)

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda *_: _drain(reader))  # Python runs: the handler with it
    _kept.append((reader, writer, notifier))
    for number in wanted:
        signal.signal(number, ended)


def _drain(reader: socket.socket) -> None:
    try:
        while reader.recv(64):
            pass
    except OSError:  # nothing more to read
        return


# The wake-up socket pair and its notifier live as long as the application.
_kept: list[tuple[socket.socket, socket.socket, QObject]] = []
