"""The desktop editor (PySide6). ``MainWindow(path)`` is the window; ``run_editor`` the app."""

from argmap.gui.mainwindow import MainWindow

__all__ = ["MainWindow"]
