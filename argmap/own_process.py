"""What argmap's own process does to start and end quickly, unlike a program importing argmap.

At the start, pydantic is spared its search for plugins when no plugin may
load. pydantic looks for third-party plugins (packages that declare a
``pydantic`` entry point) when the first model class is built, through its
module ``pydantic.plugin._loader``. That module imports
:mod:`importlib.metadata` at its top, and with it the ``email`` package,
``zipfile`` and ``csv``: 13 ms of every ``argmap export``, a tenth of what
argmap adds to Graphviz's own time on a 1,000-statement map
(``bench/export.py``), spent even when the environment variable
``PYDANTIC_DISABLE_PLUGINS`` tells pydantic to load no plugin at all.
argmap's own process loads none (:func:`no_plugins_in_own_process` sets that
variable unless the user has set it). There, :func:`skip_plugin_search` puts
a stand-in for the loader module in its place, whose ``get_plugins`` returns
no plugins, as pydantic's own returns under that setting, without the
imports. Anything else asked of the stand-in comes from pydantic's real
module, loaded then. Where plugins may load (the variable unset, empty, or
naming the plugins to leave out), or once pydantic's loader is loaded,
nothing is replaced.

At the end, :func:`end_process` skips the interpreter's teardown. A command
asked to end (:func:`unwind_when_ended`) unwinds first, as after Ctrl+C.
"""

from __future__ import annotations

import atexit
import importlib
import os
import signal
import sys
import types
from contextlib import suppress
from importlib.machinery import ModuleSpec
from typing import Any, NoReturn

__all__ = [
    "LOADER",
    "end_process",
    "no_plugins_in_own_process",
    "skip_plugin_search",
    "unwind_when_ended",
]

LOADER = "pydantic.plugin._loader"
# The values of PYDANTIC_DISABLE_PLUGINS for which pydantic's get_plugins returns none.
_NONE_LOAD = ("__all__", "1", "true")


def no_plugins_in_own_process() -> None:
    """No pydantic plugins (unless the user's environment says otherwise), and no search.

    Looking for plugins means reading the metadata of every installed
    package; argmap's models need none.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    skip_plugin_search()


def skip_plugin_search() -> bool:
    """Put the stand-in loader in place if no plugin may load; True if it was put there."""
    if LOADER in sys.modules or os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in _NONE_LOAD:
        return False
    stand_in = types.ModuleType(LOADER, "pydantic's plugin loader while no plugin may load.")
    stand_in.__spec__ = ModuleSpec(LOADER, None)  # what importlib.util.find_spec answers
    stand_in.get_plugins = _no_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = _from_pydantic  # type: ignore[method-assign]
    sys.modules[LOADER] = stand_in
    return True


def _no_plugins() -> tuple[()]:
    return ()


def _from_pydantic(name: str) -> Any:
    """What the stand-in does not have, from pydantic's real loader (imported now).

    Python asks modules for special names (``__path__`` when importing from
    one) to learn what they are: the stand-in has none of them, as a module
    that is no package.
    """
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(name)
    if getattr(sys.modules.get(LOADER), "get_plugins", None) is _no_plugins:
        del sys.modules[LOADER]  # the stand-in: make way for the real module
    return getattr(importlib.import_module(LOADER), name)


def end_process(status: int) -> NoReturn:
    """End the process as soon as the command is done, skipping the interpreter's teardown.

    The command has closed everything it wrote. Tearing the interpreter down
    would free every object of the loaded map one at a time: 18 ms of a
    1,000-statement export, a seventh of what argmap adds to Graphviz's own
    time. Functions registered with :mod:`atexit` still run, and the standard
    streams are flushed (a reader that went away, as ``| head`` does, is no error).
    """
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None: the process was started with it closed
            with suppress(OSError, ValueError):
                stream.flush()
    os._exit(status)


def unwind_when_ended() -> None:
    """A request to end (SIGTERM: ``timeout``, a cancelled job; SIGHUP: a closed terminal)
    unwinds the command, as Ctrl+C does, with the exit status 128 + the signal's number.

    Killed outright, a command would leave its Graphviz drawing on for minutes
    into a temporary file that nothing removes then. A signal the user set to
    be ignored (``nohup``) stays ignored.
    """
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:  # Windows has no SIGHUP
            continue
        with suppress(OSError, ValueError):  # ValueError: not the main thread
            if signal.getsignal(number) is signal.SIG_DFL:
                signal.signal(number, _unwind)


def _unwind(number: int, _frame: object) -> None:
    raise SystemExit(128 + number)
