"""File menu: new, open, recent files, save, save as, revert, export, quit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QMessageBox

from argmap.atomic import same_file
from argmap.errors import ArgmapError, MapFileError, Problem
from argmap.files import load_map
from argmap.gui.export_dialog import AS_SHOWN, ExportDialog
from argmap.gui.layout_runner import TREE
from argmap.render.cards import Cards
from argmap.render.export import FORMATS, LayoutMode, export_map
from argmap.render_qt import pdf_from_xdot, png_from_xdot

if TYPE_CHECKING:
    from argmap.gui.mainwindow import MainWindow

__all__ = ["AS_SHOWN", "ExportDialog", "FileActions", "why_not_opened"]

MAX_RECENT = 10
MAP_FILTER = "Argument maps (*.argmap);;All files (*)"


def _patterns(fmt) -> str:
    return " ".join(f"*{e}" for e in fmt.extensions)


def open_filter() -> str:
    """Every readable format, all together first."""
    from argmap.formats import readable_formats

    formats = readable_formats()
    every = " ".join(_patterns(f) for f in formats)
    return ";;".join(
        [f"All maps ({every})", *(f"{f.title} ({_patterns(f)})" for f in formats), "All files (*)"]
    )


def why_not_opened(path: Path, error: ArgmapError) -> str:
    """What the editor says of a file it cannot open, naming the file once."""
    from argmap.formats import UnknownFormatError, formats_for_path, readable_formats

    if not isinstance(error, UnknownFormatError):
        return f"{path} could not be opened:\n\n{_in_the_file(path, error)}"
    named = formats_for_path(path)
    if named:
        why = (
            f"{path.name} is in the {named[0].title} format, which argmap writes"
            " (File › Export Map As…) but does not open."
        )
    else:
        why = f"argmap cannot tell what kind of map {path.name} is from its name or its content."
    opened = "\n".join(f"• {f.title}: {', '.join(f.extensions)}" for f in readable_formats())
    return f"{why}\n\nargmap opens:\n{opened}"


def _in_the_file(path: Path, error: ArgmapError) -> str:
    """A file's problems without its name, said once above them, each at ``line 3, column 7``."""
    if not isinstance(error, MapFileError):
        return str(error).removeprefix(f"{path}: ")
    lines = [_placed(problem) for problem in error.problems[:50]]
    if len(error.problems) > 50:
        lines.append(f"... and {len(error.problems) - 50} more problems")
    return "\n".join(lines)


def _placed(problem: Problem) -> str:
    what = problem._replace(line=None, column=None).located(None)
    if problem.line is None:
        return what
    column = f", column {problem.column}" if problem.column is not None else ""
    return f"line {problem.line}{column}: {what}"


_LOSSES_SHOWN = 6  # what a format leaves out, listed in the export's warning; the rest: Details


def _readable_losses(title: str, warnings: list[Problem]) -> list[str]:
    """What a format leaves out, for the export's warning: what a reader uses first, ids last.

    Every message names the format, which the warning says once.
    """
    messages = [w.message.removeprefix(f"{title} ") for w in warnings]
    return sorted(messages, key=lambda message: "ids of" in message)


class FileActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.recent_menu: QMenu | None = None
        self.actions: dict[str, QAction] = {}  # by name, for the toolbar and the start page

    def build_menu(self, menu: QMenu) -> None:
        add = self._add
        self.actions["new"] = add(menu, "&New", self.new, QKeySequence.StandardKey.New)
        self.actions["open"] = add(menu, "&Open…", self.open, QKeySequence.StandardKey.Open)
        self.recent_menu = menu.addMenu("Open &Recent")
        self._fill_recent()
        menu.aboutToShow.connect(self._fill_recent)  # without the files deleted since
        menu.addSeparator()
        self.actions["save"] = add(menu, "&Save", self.save, QKeySequence.StandardKey.Save)
        self.actions["save_as"] = add(menu, "Save &As…", self.save_as, QKeySequence("Ctrl+Shift+S"))
        self.actions["revert"] = add(menu, "Re&vert", self.revert, None)
        self.actions["close"] = add(
            menu, "&Close Map", self.close_map, QKeySequence.StandardKey.Close
        )
        menu.addSeparator()
        self.actions["export"] = add(menu, "&Export…", self.export, QKeySequence("Ctrl+E"))
        self.actions["export_as"] = add(
            menu,
            "Export &Map As… (Argdown, AIF, Kialo, Markdown)",
            self.export_as,
            QKeySequence("Ctrl+Alt+E"),
        )
        self.actions["export_pdf"] = add(
            menu, "Export &PDF…", lambda: self.export(preset="pdf"), QKeySequence("Ctrl+P")
        )
        menu.addSeparator()
        self.actions["quit"] = add(menu, "&Quit", self.quit, QKeySequence.StandardKey.Quit)

    def quit(self) -> None:
        """Close every editor window, this one first, each asking about its unsaved map;
        a Cancel keeps that window and the ones after it open."""
        others = [
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, type(self.window))
            and widget is not self.window
            and widget.isVisible()
        ]
        for window in [self.window, *others]:
            if not window.close():
                return

    def _add(self, menu: QMenu, text: str, slot, shortcut) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda checked=False: slot())
        menu.addAction(action)
        return action

    # -- files -------------------------------------------------------------

    def new(self) -> None:
        from argmap.gui.mainwindow import new_map

        if self.window.maybe_save():
            self.window.show_map(new_map(), None)
            QTimer.singleShot(0, self.window.edit_first_claim)

    def open(self) -> None:
        if not self.window.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Open map", self._folder(), open_filter()
        )
        if path:
            self.window.open_path(Path(path))

    def save(self) -> bool:
        if self.window.document.path is None:
            return self.save_as()
        return self.window.save_to(self.window.document.path)

    def save_as(self) -> bool:
        named = self.window.imported_from or self.window.example_name  # with no .argmap yet
        start = str(self._named().with_suffix(".argmap")) if named else self._folder()
        path, _ = QFileDialog.getSaveFileName(self.window, "Save map", start, MAP_FILTER)
        chosen = self._with_extension(path, (".argmap",))
        return chosen is not None and self.window.save_to(chosen)

    def _with_extension(self, path: str, extensions: tuple[str, ...]) -> Path | None:
        """The name chosen in a save dialog, with the format's extension if it was left off.

        The dialog asked before replacing the name as typed, not the one with
        the extension added: that file is replaced only if the user says so.
        None when nothing was chosen, or the user keeps that file.
        """
        if not path:
            return None
        if any(path.lower().endswith(extension) for extension in extensions):
            return Path(path)
        chosen = Path(path + extensions[0])
        if chosen.exists() and not self.ask_replace(chosen):
            return None
        return chosen

    # Dialogs go through this method so tests can answer it.
    def ask_replace(self, path: Path) -> bool:
        answer = QMessageBox.warning(
            self.window,
            "Replace file?",
            f"{path.name} already exists in {path.parent}.\n\nReplace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def offer_save_as(self, reason: str) -> bool:
        """The file may not be replaced (it is read-only): say so, and offer another name."""
        return self.ask_save_elsewhere(reason) and self.save_as()

    # Dialogs go through this method so tests can answer it.
    def ask_save_elsewhere(self, reason: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Cannot save map",
            f"{reason}.\n\nSave the map under another name?",
            parent=self.window,
        )
        save_as = box.addButton("Save &As…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is save_as

    def revert(self) -> None:
        """Reload the file, dropping unsaved changes; if it cannot be read, they stay (unsaved)."""
        window = self.window
        window.commit_pending_edits()
        path = window.document.path
        if path is None:  # imported, recovered or new: nothing of argmap's own to go back to
            window.statusBar().showMessage("This map has no saved file to revert to.", 5000)
        elif window.undo_stack.isClean():
            window.statusBar().showMessage("No unsaved changes to revert.", 5000)
        elif window.ask_revert(path):
            window.open_path(path)

    def export(self, preset: str | None = None) -> None:
        dialog = ExportDialog(self.window, self.window.document.map.layout.theme)
        if preset:
            dialog.format_box.setCurrentText(preset)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        legend = dialog.legend_box.isChecked()
        fold = dialog.fold_box.isChecked()
        cards = dialog.cards_box.currentData()
        self.window.settings.setValue("export/legend", legend)
        self.window.settings.setValue("export/fold", fold)
        self.window.settings.setValue("export/cards", cards)
        self.window.settings.setValue("export/pages", dialog.pages_box.currentData() or "")
        output_format = dialog.format_box.currentText()
        named = self._named()
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export map",
            str(named.with_name(f"{named.stem}.{output_format}")),
            f"{output_format.upper()} (*.{output_format})",
        )
        chosen = self._with_extension(path, (f".{output_format}",))
        if chosen is not None:
            self.export_to(
                chosen,
                output_format,
                dialog.theme_box.currentText(),
                dialog.layout_box.currentData(),
                legend=legend,
                fold=fold,
                evaluate=dialog.evaluate_box.isChecked(),
                cards=cards,
                pages=dialog.pages(),
            )

    def export_to(
        self,
        path: Path,
        output_format: str,
        theme: str | None = None,
        layout: str = AS_SHOWN,
        *,
        legend: bool = False,
        fold: bool = True,
        evaluate: bool = False,
        cards: str = Cards.FULL.value,
        pages: str | None = None,
    ) -> bool:
        """The same exporter as ``argmap export``; errors become a dialog.

        ``layout`` "shown" exports with whatever layout the canvas shows: the
        tree, or Graphviz's drawing with the cards the user placed.
        """
        self.window.commit_pending_edits()
        if output_format not in FORMATS:
            raise ValueError(output_format)
        if self._refuse_opened_file(path, "the drawing"):
            return False
        if layout == AS_SHOWN:
            layout = (
                LayoutMode.TREE.value
                if self.window.scene.engine == TREE
                else LayoutMode.PINNED.value
            )
        try:
            export_map(
                self.window.document.map,
                path,
                output_format,
                theme=theme,
                layout=layout,
                legend=legend,
                fold=fold,
                evaluate=evaluate,
                cards=cards,
                pages=pages,
                pdf_painter=pdf_from_xdot,
                png_painter=png_from_xdot,
            )
        except (ArgmapError, ValueError) as error:
            self.window.show_error("Export failed", str(error))
            return False
        self.window.statusBar().showMessage(f"Exported {path}", 4000)
        return True

    def _refuse_opened_file(self, path: Path, what: str) -> bool:
        """An export never replaces the file the map was opened (or imported) from: True,
        having said so, when ``path`` is that file."""
        opened = (self.window.document.path, self.window.imported_from)
        if not any(same_file(path, file) for file in opened if file is not None):
            return False
        self.window.show_error(
            "Export failed",
            f"{path} is the file the map was opened from: export {what} to another"
            " file (the map's file is left as it is)",
        )
        return True

    def export_as(self) -> None:
        """Write the map in another tool's format (the map itself stays as it is)."""
        from argmap.formats import writable_formats

        formats = [f for f in writable_formats() if f.name != "argmap"]
        filters = [f"{f.title} ({_patterns(f)})" for f in formats]
        start = str(self._named().with_suffix(""))
        path, chosen = QFileDialog.getSaveFileName(
            self.window, "Export map as", start, ";;".join(filters)
        )
        fmt = formats[filters.index(chosen)] if chosen in filters else None
        if fmt is None:  # no filter chosen: the name tells the format
            named = Path(path) if path else None
        else:
            named = self._with_extension(path, fmt.extensions)
        if named is not None:
            self.export_as_to(named, fmt.name if fmt else None)

    def export_as_to(self, path: Path, format_name: str | None = None) -> bool:
        """The same writers as ``argmap convert``; errors become a dialog."""
        self.window.commit_pending_edits()
        from argmap.files import write_atomically
        from argmap.formats import write_any, write_warnings, writer_for

        if self._refuse_opened_file(path, "the map"):
            return False
        argument_map = self.window.document.map
        try:
            title = writer_for(path, format_name).title
            losses = _readable_losses(title, write_warnings(argument_map, path, format_name))
            if losses and not self.ask_export_losses(path, title, losses):
                return False
            text = write_any(argument_map, path, format_name)
            write_atomically(path, text.encode("utf-8"))
        except (ArgmapError, ValueError, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.window.show_error("Export failed", f"{path}: {reason}")
            return False
        self.window.statusBar().showMessage(f"Exported {path}", 4000)
        return True

    # Dialogs go through this method so tests can answer it.
    def ask_export_losses(self, path: Path, title: str, losses: list[str]) -> bool:
        """The format cannot hold all of the map: say what it leaves out; True to write anyway."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Export map as",
            f"{path.name} will not hold everything in this map: {title} leaves out or"
            f" changes {len(losses)} kind{'s' if len(losses) != 1 else ''} of content."
            " The map itself keeps all of it.",
            parent=self.window,
        )
        shown = losses[:_LOSSES_SHOWN]
        more = len(losses) - len(shown)
        box.setInformativeText(
            "\n".join(f"• {loss}" for loss in shown) + (f"\n… and {more} more" if more else "")
        )
        box.setDetailedText("\n".join(losses))
        export = box.addButton("&Export Anyway", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is export

    # -- recent files ------------------------------------------------------

    def _named(self) -> Path:
        """The file a save or export dialog starts from: the map's own, the one it was
        imported from, or in the home folder the example's name, or ``map`` for a new map."""
        window = self.window
        home = Path.home() / (window.example_name or "map")
        return window.document.path or window.imported_from or home

    def _folder(self) -> str:
        return str(self._named().parent)

    def recent(self) -> list[str]:
        value = self.window.settings.value("recentFiles", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list | tuple) else []

    def remember_recent(self, path: Path) -> None:
        entry = str(path.resolve())
        files = [entry] + [f for f in self.recent() if f != entry]
        self.window.settings.setValue("recentFiles", files[:MAX_RECENT])
        self._fill_recent()

    def forget_recent(self, file: str) -> None:
        self.window.settings.setValue("recentFiles", [f for f in self.recent() if f != file])
        self._fill_recent()
        self.window.start_page.set_recent(self.recent())

    def _fill_recent(self) -> None:
        """The recent files that are still there (a moved or deleted one is left out)."""
        if self.recent_menu is None:
            return
        self.recent_menu.clear()
        present = [file for file in self.recent() if Path(file).is_file()]
        for file in present:
            action = self.recent_menu.addAction(file)
            action.triggered.connect(lambda checked=False, f=file: self.open_recent(f))
        self.recent_menu.setEnabled(bool(present))

    def open_recent(self, file: str | Path) -> bool:
        """Open a recent file; one that is gone since it was listed is taken off the list."""
        path = Path(file)
        if path.is_file():
            return self.open_file(path)
        self.forget_recent(str(file))
        self.window.show_error(
            "Cannot open map",
            f"{path.name} is no longer in {path.parent}; it is taken off the recent files.",
        )
        return False

    def open_file(self, path: Path) -> bool:
        """Open a file picked from a list (recent files, examples), after the usual question."""
        return self.window.maybe_save() and self.window.open_path(path)

    def open_example(self, path: Path) -> bool:
        """An example opens as an untitled copy: saving asks where, so the one that comes
        with argmap stays as it is (and it is not a recent file)."""
        if not self.window.maybe_save():
            return False
        try:
            example = load_map(path)
        except ArgmapError as error:
            self.window.show_error("Cannot open map", why_not_opened(path, error))
            return False
        self.window.show_map(example, None, example=path.stem)
        return True

    def close_map(self) -> None:
        """File › Close Map: back to the start page, once the map is saved or discarded."""
        if self.window.has_map() and self.window.maybe_save():
            self.window.show_start_page()
