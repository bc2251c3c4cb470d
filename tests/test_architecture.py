"""The import contracts in pyproject.toml, checked by import-linter.

The core (model, files, formats, rendering, CLI) stays free of Qt, and each
layer (model, files, formats and rendering, the Qt side, the command) imports
only from the layers below it. And no module grows past what one reader can hold.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_the_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    command = [str(lint)] if lint.exists() else [shutil.which("lint-imports") or "lint-imports"]
    command.append("--no-cache")  # a stale cache once hid a broken contract
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout
    assert "Layers" in result.stdout


MODULE_LINES = 500  # beyond this a module does too much to be read and changed as one piece


def test_no_module_is_longer_than_a_reader_can_hold():
    lengths = {
        path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in (ROOT / "argmap").rglob("*.py")
    }
    too_long = {name: lines for name, lines in lengths.items() if lines > MODULE_LINES}
    assert not too_long, f"modules over {MODULE_LINES} lines: {too_long}"
