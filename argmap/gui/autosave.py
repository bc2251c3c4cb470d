"""Autosave: unsaved work is copied to a recovery file, never over the user's own file.

Each window with unsaved changes writes its map, every minute (the setting
``autosave/seconds``; 0 turns the timer off) and whenever it loses focus, to
one recovery file of its own in the application's data folder. The file
records the map's own path, the process id and the time, so that a later
start can tell work left behind by a process that died from the work of an
argmap still running. It is removed as soon as the work is saved or
discarded: a recovery file exists only while there is something to recover.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from argmap.errors import ArgmapError
from argmap.files import dumps_map, loads_map, write_atomically
from argmap.gui.commands import checked_fields
from argmap.gui.outline_editor import OutlineTextDelegate
from argmap.model import ArgumentMap, Relation, Source, Statement
from argmap.processes import process_is_running

if TYPE_CHECKING:
    from argmap.gui.mainwindow import MainWindow

__all__ = [
    "DEFAULT_SECONDS",
    "Autosaver",
    "RecoveryRecord",
    "left_behind",
    "read_record",
    "recovery_folder",
    "set_recovery_folder",
]

DEFAULT_SECONDS = 60
MAX_SECONDS = 24 * 60 * 60  # a day; Qt's timers hold up to about 24 days
SUFFIX = ".recovery.json"
DAMAGED_SUFFIX = ".damaged"  # added to a recovery file that cannot be read, once reported
RECORD_FORMAT = "argmap-recovery"

_folder_override: Path | None = None


def recovery_folder() -> Path:
    """Where recovery files go: the application's data folder, never beside the user's files."""
    if _folder_override is not None:
        return _folder_override
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) / "recovery"


def set_recovery_folder(folder: Path | None) -> None:
    """Put recovery files somewhere else (None: back to the data folder); tests use their own."""
    global _folder_override
    _folder_override = folder


@dataclass(frozen=True)
class RecoveryRecord:
    """One recovery file: the map, the file it belongs to (if any), who wrote it and when."""

    file: Path  # the recovery file itself
    map: ArgumentMap
    path: Path | None  # the .argmap file the map was opened from or last saved to
    imported_from: Path | None  # the other-format file an unsaved import came from
    pid: int
    saved_at: datetime

    def owner_is_running(self) -> bool:
        """The process that wrote the record is alive (and is not a newer one with its id)."""
        return process_is_running(self.pid, wrote_at=self.saved_at.timestamp())


def encode_record(
    argument_map: ArgumentMap, path: Path | None, imported_from: Path | None, saved_at: datetime
) -> bytes:
    data = {
        "format": RECORD_FORMAT,
        "version": 1,
        # Absolute: the next start may be in another working folder.
        "path": str(path.absolute()) if path else None,
        "imported_from": str(imported_from.absolute()) if imported_from else None,
        "pid": os.getpid(),
        "saved_at": saved_at.isoformat(),
        "map": dumps_map(argument_map),  # the canonical text, kept whole
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def read_record(file: Path) -> RecoveryRecord:
    """Read a recovery file (ValueError or ArgmapError when it is not one)."""
    data: Any = json.loads(file.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
        raise ValueError(f"{file}: not an argmap recovery file")
    path, imported = data.get("path"), data.get("imported_from")
    return RecoveryRecord(
        file=file,
        map=loads_map(data["map"], file=file),
        path=Path(path) if path else None,
        imported_from=Path(imported) if imported else None,
        pid=int(data["pid"]),
        saved_at=datetime.fromisoformat(data["saved_at"]),
    )


def left_behind(damaged: list[tuple[Path, str]] | None = None) -> list[RecoveryRecord]:
    """Recovery files whose process has died, oldest first.

    Files that cannot be read as a recovery record are added to ``damaged``
    with the reason, renamed to end in ``.damaged`` (kept, but not offered or
    reported again): their work cannot be brought back, and the user should know.
    """
    records = []
    for file in sorted(recovery_folder().glob(f"*{SUFFIX}")):
        try:
            record = read_record(file)
        except (OSError, ValueError, KeyError, TypeError, ArgmapError) as error:
            if damaged is not None and not _written_by_a_live_process(file):
                damaged.append((file, str(error).splitlines()[0] if str(error) else repr(error)))
                with contextlib.suppress(OSError):
                    file.rename(file.with_name(file.name + DAMAGED_SUFFIX))
            continue
        if not record.owner_is_running():  # this process too, if written before it started
            records.append(record)
    return sorted(records, key=lambda r: r.saved_at)


def _written_by_a_live_process(file: Path) -> bool:
    """The file's name starts with the id of its writer: a running one may be mid-write."""
    pid = file.name.split("-", 1)[0]
    try:
        modified = file.stat().st_mtime
    except OSError:
        return False
    return pid.isdigit() and process_is_running(int(pid), wrote_at=modified)


def typed_not_committed(window: MainWindow) -> dict[str, dict[str, Any]]:
    """Fields typed in the window (the Inspector, an outline row, a card) but not yet made
    an edit, by statement or relation id."""
    changes: dict[str, dict[str, Any]] = {}
    for inspected in (
        window.inspector.pending_statement_changes(),
        window.inspector.pending_relation_changes(),
    ):
        if inspected is not None:
            changes[inspected[0]] = dict(inspected[1])
    delegate = window.outline.itemDelegate()
    in_outline = delegate.pending() if isinstance(delegate, OutlineTextDelegate) else None
    if in_outline is not None:
        changes.setdefault(in_outline[0], {})["text"] = in_outline[1]
    inline = window.editor.inline.pending()
    if inline is not None and window.document.has_element(inline[0]):
        changes.setdefault(inline[0], {})["text"] = inline[1]  # the card is where the keys go
    cell = window.sources_panel.pending()
    if cell is not None:
        source_id, name, text = cell
        changes.setdefault(SOURCE_KEY + source_id, {})[name] = text or None
    return changes


def with_changes(argument_map: ArgumentMap, changes: dict[str, dict[str, Any]]) -> ArgumentMap:
    """The map with ``changes`` applied to its statements and relations, except any that
    would not load."""
    if not changes:
        return argument_map
    return argument_map.model_copy(
        update={
            "statements": _changed(argument_map.statements, changes),
            "relations": _changed(argument_map.relations, changes),
            "sources": [_changed_source(source, changes) for source in argument_map.sources],
        }
    )


# Sources have ids of their own, which may be a statement's too: their changes are
# kept under this prefix, which no id can hold.
SOURCE_KEY = "source:"


def _changed_source(source: Source, changes: dict[str, dict[str, Any]]) -> Source:
    fields = changes.get(SOURCE_KEY + source.id)
    if not fields or fields.get("title", source.title) is None:  # a source needs its title
        return source
    try:
        return Source.model_validate({**source.model_dump(), **fields})
    except ValueError:  # typed text that would not load: the last good one is kept
        return source


_Edited = TypeVar("_Edited", Statement, Relation)


def _changed(elements: list[_Edited], changes: dict[str, dict[str, Any]]) -> list[_Edited]:
    result = []
    for element in elements:
        fields = changes.get(element.id)
        if fields:
            # A change refused (a pasted control character): the last good text is kept.
            with contextlib.suppress(ArgmapError):
                element = element.model_copy(update=checked_fields(element, fields))
        result.append(element)
    return result


class Autosaver(QObject):
    """Writes one window's unsaved map to its recovery file, and removes the file when done."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._name = f"{os.getpid()}-{uuid.uuid4().hex[:12]}{SUFFIX}"
        self.written: Path | None = None  # the recovery file, while there is one
        self.last_error: str | None = None
        self._generation = 0  # counts changes to the map, to skip writing the same map twice
        self._written_generation: object = -1
        self._closed = False  # the window was closed: its work was saved or discarded
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.restart_timer()
        window.undo_stack.indexChanged.connect(self._changed)
        window.undo_stack.cleanChanged.connect(self._clean_changed)
        window.document.mapReset.connect(self._map_replaced)
        window.installEventFilter(self)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._application_state_changed)

    def seconds(self) -> int:
        """The interval setting; 0 is off, and a value no timer can hold is the longest one."""
        value = self.window.settings.value("autosave/seconds", DEFAULT_SECONDS)
        try:
            return min(max(0, int(str(value))), MAX_SECONDS)
        except (TypeError, ValueError):
            return DEFAULT_SECONDS

    def restart_timer(self) -> None:
        """Follow the setting (read again each time, so a change applies without a restart)."""
        seconds = self.seconds()
        if seconds:
            self.timer.start(seconds * 1000)
        else:
            self.timer.stop()

    def save_now(self) -> bool:
        """Write the recovery file if there are changes not written yet; False if that failed.

        Typing not committed yet (a card's inline editor, the Inspector's fields)
        is part of the work: it goes into the recovery file, not into the map.
        With no changes and nothing typed, a recovery file written earlier goes.
        """
        window = self.window
        if self._closed or not window.has_map():
            return True
        pending = typed_not_committed(window)
        if window.undo_stack.isClean() and not pending:
            self.discard()  # typing written earlier was cancelled or deleted: nothing to recover
            return True
        generation = (self._generation, repr(pending))
        if generation == self._written_generation and self.written is not None:
            return True
        target = recovery_folder() / self._name
        data = encode_record(
            with_changes(window.document.map, pending),
            window.document.path,
            window.imported_from,
            datetime.now(UTC),
        )
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, data)
        except OSError as error:
            self.last_error = f"Autosave failed: {error.strerror or error}"
            window.statusBar().showMessage(self.last_error, 6000)
            return False
        self.written, self._written_generation, self.last_error = target, generation, None
        return True

    def _tick(self) -> None:
        self.restart_timer()
        self.save_now()

    def close(self) -> None:
        """The window closes, its work saved or discarded: remove the file and write no more."""
        self.discard()
        self._closed = True

    def discard(self) -> None:
        """The work was saved, discarded or replaced: nothing is left to recover."""
        if self.written is not None:
            with contextlib.suppress(OSError):  # a folder gone read-only: left for a later start
                self.written.unlink(missing_ok=True)
            self.written = None
        self._written_generation = -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.WindowDeactivate:
                self.save_now()  # the user turns to another window: a crash now loses nothing
            elif event.type() == QEvent.Type.Show:
                self._closed = False
        return False

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.save_now()

    def _changed(self, *_: object) -> None:
        self._generation += 1

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()
        self._changed()

    def _map_replaced(self) -> None:
        """Another map is shown: the previous one was saved or discarded first."""
        self.discard()
        self._changed()
