"""The import contracts in pyproject.toml, checked by import-linter.

The core (model, files, formats, rendering, CLI) stays free of Qt, and each
layer (model, files, formats and rendering, the Qt side, the command) imports
only from the layers below it.
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
