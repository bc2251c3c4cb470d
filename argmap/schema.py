"""The published JSON Schema of ``.argmap`` files, generated from the model.

``python -m argmap.schema PATH`` rewrites it; a test fails when the checked-in
``resources/argmap.schema.json`` no longer matches the model.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from argmap.model import ArgumentMap

__all__ = ["schema_path", "schema_text"]


def schema_text() -> str:
    """The schema as the canonical JSON text that is checked in."""
    schema = ArgumentMap.model_json_schema(mode="validation")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema_path() -> Path:
    """Where the schema lives: inside the installed package, or in a source checkout."""
    packaged = Path(__file__).with_name("resources") / "argmap.schema.json"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources" / "argmap.schema.json"


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else schema_path()
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")
