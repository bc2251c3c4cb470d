"""Replacing a file all at once, or not at all.

Every file argmap writes (maps, exports, recovery files) is written to a
temporary file beside it, flushed, and renamed over the target. Temporary
files carry one recognisable name, ``.NAME.argmap-PID-RANDOM.tmp``, so that
the ones an interrupted save leaves behind can be told apart and removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from argmap.processes import process_is_running, process_started_at

__all__ = [
    "Replacement",
    "is_read_only",
    "is_standard_output",
    "remove_stale_temporaries",
    "replacing",
    "same_file",
    "write_atomically",
    "write_failure",
]


def is_read_only(path: str | Path) -> bool:
    """An existing file that its permissions say must not be written.

    The mode bits count as well as access: the superuser may write anything,
    but a file marked read-only was marked so for a reason.
    """
    try:
        status = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(status.st_mode) and (
        not status.st_mode & 0o222 or not os.access(path, os.W_OK)
    )


def write_atomically(path: str | Path, data: bytes, *, backup: bool = False) -> list[str]:
    """Replace ``path`` with ``data`` all at once, or not at all (raises OSError).

    The file keeps its permissions; a new file gets what the umask allows.
    A read-only file is refused. A pipe or a character device (``/dev/null``,
    a terminal) is written into, not replaced; other files that are not
    ordinary files (folders, sockets, disks) are refused. Returns warnings: a backup that could not
    be kept. Temporary files that earlier saves left in the folder (their
    process died) are removed first.
    """
    with replacing(path, backup=backup) as replacement:
        replacement.write(data)
    return replacement.warnings


class Replacement:
    """The file that is filled in place of a target: a temporary beside it, or a stream."""

    def __init__(self, path: str, descriptor: int | None = None) -> None:
        self.path = path  # where another program (Graphviz) writes; this object writes below
        self.descriptor = descriptor  # the temporary, open since it was made; None: a stream
        self.warnings: list[str] = []  # filled in when the target has been replaced

    @property
    def stream(self) -> bool:
        """A pipe or a device, written into as it is."""
        return self.descriptor is None

    def write(self, data: bytes) -> None:
        if self.descriptor is None:
            with open(self.path, "wb") as file:
                file.write(data)
            return
        # Through the descriptor the temporary was made with: its name could have been
        # swapped for something else meanwhile, by anyone who may write in the folder.
        with os.fdopen(self.descriptor, "wb", closefd=False) as file:
            file.write(data)


@contextlib.contextmanager
def replacing(path: str | Path, *, backup: bool = False) -> Iterator[Replacement]:
    """A file to fill, which replaces ``path`` all at once when the block ends without error.

    What :func:`write_atomically` does, for a file that something else writes:
    Graphviz writes an export straight into the temporary file, so that a
    large drawing does not pass through this process's memory. The file the
    block is given is empty; on an error in the block it is removed and
    ``path`` is left as it was. A pipe or a character device is given as
    itself, to be written into. Raises OSError where ``path`` cannot be
    replaced (read-only, a folder, a missing folder), before the block runs.
    """
    # A pipe or a device is told by its own name first: /dev/stdout resolves to a name
    # (/proc/PID/fd/pipe:[N]) that cannot be opened.
    if _is_stream(Path(path), path):
        yield Replacement(str(path))
        return
    target = Path(os.path.realpath(path))  # write through a symlink, not over it
    if is_read_only(target):
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))
    if _is_stream(target, path):  # a link to a pipe or a device: renaming would replace it
        yield Replacement(str(target))
        return
    remove_stale_temporaries(target.parent)
    descriptor, temporary = _new_temporary(target)
    replacement = Replacement(temporary, descriptor)
    replaced = False
    try:
        yield replacement
        os.fsync(descriptor)  # what was written, by this process or another, before the rename
        os.close(descriptor)
        descriptor = -1
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
            if backup:
                replacement.warnings += _keep_backup(target)
        else:  # not mkstemp's private 0600
            os.chmod(temporary, 0o666 & ~_current_umask())
        os.replace(temporary, target)
        replaced = True
        _sync_folder(target.parent)
    finally:
        if descriptor >= 0:
            os.close(descriptor)
        if not replaced:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _is_stream(target: Path, named: str | Path) -> bool:
    """Whether ``target`` is a pipe or a character device (``/dev/null``, a terminal).

    Those are written into as they are. Anything else that is not an ordinary
    file (a folder, a socket, a disk) is refused with an OSError.
    """
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISREG(mode):
        return False
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return True
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(named))
    raise OSError(errno.EINVAL, "it is not an ordinary file", str(named))


def _new_temporary(target: Path) -> tuple[int, str]:
    """An empty temporary file beside ``target``, open for writing, named so that it can be
    recognised later."""
    return tempfile.mkstemp(
        prefix=f".{target.name}{_TEMPORARY_MARK}{os.getpid()}-", suffix=".tmp", dir=target.parent
    )


def _keep_backup(target: Path) -> list[str]:
    """Copy the current file to ``NAME~`` atomically (a link would follow later renames).

    Failing to (a full disk, ``NAME~`` a folder) is reported, not raised:
    the save itself matters more than the copy of the version before it.
    """
    backup = target.with_name(target.name + "~")
    temporary: str | None = None
    try:
        descriptor, temporary = _new_temporary(backup)
        with os.fdopen(descriptor, "wb") as file:
            file.write(target.read_bytes())
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, backup)
        temporary = None
    except OSError as error:
        reason = error.strerror or str(error)
        return [f"the previous version could not be kept as {backup.name}: {reason}"]
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return []


# ``.NAME.argmap-PID-RANDOM.tmp``; before the process id was added, ``.NAME.argmap.RANDOM.tmp``.
# Only names ending in ``.tmp`` are ours: the older backups' temporaries had no suffix, but
# without one a name is also a user's hidden copy (``.pact.argmap.20240501``), never removed.
_TEMPORARY_MARK = ".argmap-"
_TEMPORARY = re.compile(r"^\..+\.argmap-(?P<pid>\d+)-[^.]+\.tmp$")
_OLD_TEMPORARY = re.compile(r"^\..+\.argmap~?\.[a-z0-9_]{8}\.tmp$")
_SETTLED = 60.0  # seconds a temporary of a dead process is left alone (a save elsewhere?)
# No save or export takes longer (the longest Graphviz run allowed is a day): older, a
# temporary is stale even if a process of its number runs (one the system cannot date).
_LONGEST = 86_400.0 + 3_600.0


def remove_stale_temporaries(folder: str | Path) -> list[Path]:
    """Remove temporary files that interrupted saves left in ``folder``; returns them.

    A temporary is stale when the process that wrote it is gone (and it has
    not been touched for a minute: on a shared folder another machine's save
    may be under way), or when it is older than any save or export takes. An
    export's temporary waits, empty, while Graphviz lays the map out, which
    can take minutes: a process still running may be filling it. A
    temporary in the naming of older argmap releases is stale when it is
    older than this process.
    """
    removed: list[Path] = []
    started = process_started_at(os.getpid()) or 0.0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        current = _TEMPORARY.match(entry.name)
        if current is None and not _OLD_TEMPORARY.match(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            modified = entry.stat(follow_symlinks=False).st_mtime
            age = time.time() - modified
            if current is None:
                stale = modified < started
            else:
                running = process_is_running(int(current["pid"]), wrote_at=modified)
                stale = (not running and age > _SETTLED) or age > _LONGEST
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _current_umask() -> int:
    """The process umask (reading it means setting it; it is restored at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def write_failure(path: str | Path, error: OSError) -> str:
    """Why writing ``path`` failed, in words: a missing folder is named as such.

    For a link, the folder is the one it points into: that is where the file goes.
    """
    folder = Path(path).parent
    if os.path.islink(path):
        folder = Path(os.path.realpath(path)).parent
    if isinstance(error, FileNotFoundError) and not folder.is_dir():
        return f"the folder {folder} does not exist"
    return error.strerror or str(error)


def same_file(path: str | Path, other: str | Path) -> bool:
    """Whether two names are one file on disk (also by a link); False if either is missing."""
    try:
        return os.path.samefile(path, other)
    except (OSError, ValueError):
        return False


def is_standard_output(path: str | Path) -> bool:
    """Whether ``path`` is this process's standard output (``/dev/stdout``, ``/dev/fd/1``).

    A command that writes its product there says where it wrote it on
    standard error instead, so that the line does not end up in the product.
    """
    try:
        out = os.fstat(1)
        named = os.stat(path)
    except (OSError, ValueError):
        return False
    return (out.st_dev, out.st_ino) == (named.st_dev, named.st_ino)
