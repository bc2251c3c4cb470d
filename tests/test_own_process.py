"""argmap's own process skips pydantic's search for plugins, and only when none may load.

(How it ends is specified in test_cli_process.py.)

Each case runs in a fresh Python: whether pydantic's plugin loader (and the
``importlib.metadata`` it imports) is loaded depends on what happened first.
"""

from __future__ import annotations

import os

from conftest import MAPS, run_python

TREATY = next(p for p in MAPS if p.stem == "israel-us-defense-treaty")

# An export by the console script's own call (main() reading sys.argv), then, at exit,
# whether the loader's imports happened and what pydantic found as plugins.
EXPORT_THEN_REPORT = """
import atexit, sys
from argmap.cli import main
def report():
    from pydantic.plugin._loader import get_plugins
    print("metadata" if "importlib.metadata" in sys.modules else "no metadata", list(get_plugins()))
atexit.register(report)
sys.argv = ["argmap", "export", sys.argv[1], "-o", sys.argv[2]]
sys.exit(main())
"""

# The stand-in directly: a model validates, and the loader's other names still answer.
STAND_IN = """
import sys
from argmap.own_process import LOADER, skip_plugin_search
print(skip_plugin_search())
from argmap.model import ArgumentMap
ArgumentMap.model_validate({"statements": [{"id": "a", "text": "A claim"}]})
print("importlib.metadata" in sys.modules)
from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP
print(PYDANTIC_ENTRY_POINT_GROUP, sys.modules[LOADER].__file__.endswith("_loader.py"))
"""

# Asking importlib about the loader while the stand-in is in place.
FIND_SPEC = """
import importlib.util
from argmap.own_process import LOADER, skip_plugin_search
skip_plugin_search()
print(importlib.util.find_spec(LOADER).name)
"""


def _environment(disable_plugins: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if disable_plugins is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = disable_plugins
    return env


def _run(code: str, *args: str, disable_plugins: str | None) -> list[str]:
    done = run_python(code, *args, env=_environment(disable_plugins))
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_an_export_does_not_import_what_only_the_plugin_search_needs(tmp_path):
    out = tmp_path / "treaty.svg"
    lines = _run(EXPORT_THEN_REPORT, str(TREATY), str(out), disable_plugins=None)
    assert lines[-1] == "no metadata []"
    assert out.read_text(encoding="utf-8").rstrip().endswith("</svg>")


def test_plugins_the_user_leaves_on_are_searched_for(tmp_path):
    """Naming plugins to leave out means the others load: pydantic's own loader searches."""
    out = tmp_path / "treaty.svg"
    lines = _run(EXPORT_THEN_REPORT, str(TREATY), str(out), disable_plugins="some-plugin")
    assert lines[-1] == "metadata []"  # searched; this environment has no pydantic plugin


def test_the_stand_in_gives_no_plugins_and_the_loaders_other_names_from_pydantic():
    lines = _run(STAND_IN, disable_plugins="__all__")
    assert lines == ["True", "False", "pydantic True"]


def test_nothing_is_replaced_where_plugins_may_load():
    for setting in (None, "", "some-plugin"):
        assert _run(STAND_IN, disable_plugins=setting)[0] == "False", setting


def test_importlib_can_be_asked_about_the_stand_in():
    assert _run(FIND_SPEC, disable_plugins="__all__") == ["pydantic.plugin._loader"]
