"""Finding and running Graphviz: the only place argmap starts a process.

A system ``dot`` is preferred when there is one (``ARGMAP_DOT`` names another);
otherwise the ``graphviz-pure`` program installed with argmap is used, which
lays out exactly like Graphviz 16.1 but cannot write PDF. No shell is ever
involved and every run has a timeout.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import threading
from pathlib import Path
from typing import NamedTuple

from argmap.errors import RenderError

__all__ = [
    "DEFAULT_TIMEOUT",
    "ENV_VARIABLE",
    "Engine",
    "configure_program",
    "find_engine",
    "run_graphviz",
    "stop_graphviz",
]

ENV_VARIABLE = "ARGMAP_DOT"
DEFAULT_TIMEOUT = 120.0
_PURE_NAME = "graphviz-pure"
_running: dict[subprocess.Popen[bytes], int] = {}  # Graphviz runs, by the thread that started each
_running_lock = threading.Lock()
_configured: str | None = None  # the program chosen in the editor's preferences


def configure_program(program: str | None) -> None:
    """Use ``program`` where no other is asked for (the editor's setting); None: automatic."""
    global _configured
    _configured = program or None


class Engine(NamedTuple):
    """A Graphviz executable and what it can do."""

    executable: str

    @property
    def is_pure(self) -> bool:
        return Path(self.executable).name.startswith(_PURE_NAME)

    def supports(self, output_format: str) -> bool:
        """Whether ``-T<format>`` works (graphviz-pure has no PDF; a system dot may lack cairo)."""
        return output_format in _formats_of(self.executable)


def _candidates_for_pure() -> list[Path]:
    """graphviz-pure beside this Python (a venv's bin), then wherever PATH has it."""
    folders = [Path(sysconfig.get_path("scripts")), Path(sys.executable).parent]
    names = [_PURE_NAME + (".exe" if os.name == "nt" else "")]
    found = [folder / name for folder in folders for name in names]
    on_path = shutil.which(_PURE_NAME)
    if on_path:
        found.append(Path(on_path))
    return found


def find_engine(preferred: str | None = None) -> Engine:
    """The Graphviz to use: ``preferred``, the configured program or ``$ARGMAP_DOT``,
    a system dot, else graphviz-pure."""
    named = preferred or _configured or os.environ.get(ENV_VARIABLE)
    if named:
        resolved = shutil.which(named)
        if not resolved:
            source = "--dot" if preferred else "the preferences" if _configured else ENV_VARIABLE
            raise RenderError(f"Graphviz program {named!r} (from {source}) was not found")
        return Engine(resolved)
    system = shutil.which("dot")
    if system:
        return Engine(system)
    for candidate in _candidates_for_pure():
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return Engine(str(candidate))
    raise RenderError(
        "no Graphviz found: install argmap with its dependencies (graphviz-pure)"
        " or put Graphviz's dot on PATH"
    )


def run_graphviz(
    engine: Engine,
    source: str,
    output_format: str,
    *,
    layout_engine: str = "dot",
    extra_args: tuple[str, ...] = (),
    timeout: float = DEFAULT_TIMEOUT,
    into: str | None = None,
) -> bytes:
    """Run Graphviz on DOT source and return what it wrote to stdout.

    With ``into``, Graphviz writes the drawing into that file itself and b""
    is returned: a drawing of tens of megabytes then does not pass through a
    pipe and this process's memory on its way to a file.
    """
    command = [engine.executable, f"-K{layout_engine}", f"-T{output_format}", *extra_args]
    if into is not None:
        command.append(f"-o{into}")  # joined to the flag: every Graphviz reads it so
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except OSError as error:
        raise RenderError(
            f"could not run Graphviz ({engine.executable}): {error.strerror}"
        ) from None
    with _running_lock:
        _running[process] = threading.get_ident()
    try:
        stdout, stderr = process.communicate(source.encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise RenderError(
            f"Graphviz took longer than {timeout:g} s and was stopped; the map may be too large"
            " for this layout"
        ) from None
    except BaseException:  # interrupted (Ctrl+C, a request to end): Graphviz must not go on
        process.kill()
        process.wait()
        raise
    finally:
        with _running_lock:
            stopped = _running.pop(process, None) is None
    if stopped:
        raise RenderError("Graphviz was stopped")
    if process.returncode != 0 or not (stdout if into is None else _written(into)):
        message = _clean_stderr(stderr) or f"exit status {process.returncode}"
        details = stderr.decode("utf-8", "replace")
        raise RenderError(f"Graphviz failed: {message}", details=details)
    if into is None:
        return stdout
    if not _whole(into, output_format):
        raise RenderError(
            "Graphviz wrote only part of the drawing (is the disk full?)",
            details=stderr.decode("utf-8", "replace"),
        )
    return b""  # whatever it printed besides is not the drawing


def _written(path: str) -> bool:
    """Whether Graphviz wrote anything into ``path``."""
    try:
        return os.stat(path).st_size > 0
    except OSError:
        return False


# How each format's drawing ends. Graphviz does not check that its last write reached
# the file (a full disk, a quota, a network share) and exits 0 with the drawing cut short.
_ENDINGS = {
    "svg": b"</svg>",
    "png": b"IEND\xaeB`\x82",  # the last chunk, and its checksum
    "pdf": b"%%EOF",
    "json": b"}",
    "json0": b"}",
}


def _whole(path: str, output_format: str) -> bool:
    """Whether the drawing in ``path`` ends as a whole one of its format does."""
    ending = _ENDINGS.get(output_format)
    if ending is None:
        return True
    try:
        with open(path, "rb") as file:
            size = file.seek(0, os.SEEK_END)
            file.seek(max(0, size - 1024))
            return file.read().rstrip().endswith(ending)
    except OSError:
        return False


def stop_graphviz(thread: int) -> int:
    """Kill the Graphviz runs started by ``thread`` (a closing window's layout worker).

    Those runs raise :class:`RenderError` ("stopped") in their thread; the
    number of runs stopped is returned.
    """
    with _running_lock:
        doomed = [process for process, owner in _running.items() if owner == thread]
        for process in doomed:
            del _running[process]
    for process in doomed:
        with contextlib.suppress(OSError):
            process.kill()
    return len(doomed)


# Patterns compiled on first use (the re module keeps them): only a failure needs them.
_OUT_OF_MEMORY = r"memory allocation of (\d+) bytes failed"
_TRACE = r"^\s*(stack backtrace:|\d+:\s|at\s|note: )"


def _clean_stderr(stderr: bytes) -> str:
    """Graphviz's complaint in a line: its messages, not a stack trace or font warnings."""
    text = stderr.decode("utf-8", "replace")
    memory = re.search(_OUT_OF_MEMORY, text)
    if memory:
        wanted = int(memory.group(1)) / 2**30
        return (
            f"Graphviz ran out of memory (it asked for {wanted:,.1f} GiB); the drawing is too"
            " large for this format: try SVG, or a smaller map"
        )
    lines = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and "no value for width" not in line and not re.match(_TRACE, line)
    ]
    return "; ".join(lines[:3])


@functools.lru_cache(maxsize=8)
def _formats_of(executable: str) -> frozenset[str]:
    """Output formats an executable accepts, read from its answer to an unknown ``-T``."""
    try:
        completed = subprocess.run(
            [executable, "-T:argmap-probe:"],
            input=b"digraph{}",
            capture_output=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    text = completed.stderr.decode("utf-8", "replace")
    match = re.search(r"Use one of:(.*)", text)
    if not match:
        return frozenset()
    return frozenset(name.split(":")[0] for name in match.group(1).split())
