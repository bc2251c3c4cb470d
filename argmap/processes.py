"""Is the process that left a file behind still running?

Temporary files and recovery files carry the id of the process that wrote
them. A process id alone is not proof of life: after a crash and a reboot
the same number may belong to an unrelated program. Where the system tells
when a process started (Linux), a process that started after the file was
written cannot be the one that wrote it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

__all__ = ["process_is_running", "process_started_at"]

_IMPORTED_AT = time.time()  # stands in for this process's start where the system cannot say
_CLOCK_SLACK = 2.0  # the boot time the system reports is rounded to the second


def process_started_at(pid: int) -> float | None:
    """When the process started (seconds since the epoch), or None where that cannot be told."""
    if sys.platform.startswith("linux"):
        started = _linux_started_at(pid)
        if started is not None:
            return started
    return _IMPORTED_AT if pid == os.getpid() else None


def process_is_running(pid: int, *, wrote_at: float | None = None) -> bool:
    """Whether process ``pid`` exists and, if ``wrote_at`` is given, could have written then.

    A process that started after ``wrote_at`` did not write the file: its
    id is a reused one, and the writer is gone.
    """
    if pid <= 0 or not _exists(pid):
        return False
    if wrote_at is None:
        return True
    started = process_started_at(pid)
    return started is None or started <= wrote_at + _CLOCK_SLACK


def _exists(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_exists(pid)
    try:
        os.kill(pid, 0)  # signal 0: no signal is sent, only the check is made
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    except OSError:
        return False
    return True


def _linux_started_at(pid: int) -> float | None:
    """Boot time plus the start field (the 22nd) of ``/proc/PID/stat``."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot_line = next(
            line for line in Path("/proc/stat").read_text().splitlines() if line.startswith("btime")
        )
        fields = stat[stat.rindex(")") + 2 :].split()  # the name in parentheses may hold spaces
        ticks = int(fields[19])  # field 22, counting the state (field 3) as 0
        return int(boot_line.split()[1]) + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, StopIteration, ValueError, IndexError):
        return None


if sys.platform == "win32":
    import ctypes

    def _windows_exists(pid: int) -> bool:
        """OpenProcess succeeds, or fails only for want of rights, and the process has not ended."""
        query_limited_information, access_denied, still_active = 0x1000, 5, 259
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(query_limited_information, False, pid)
        if not handle:
            return bool(kernel32.GetLastError() == access_denied)
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == still_active
        finally:
            kernel32.CloseHandle(handle)
