"""The published JSON Schema matches the model."""

from __future__ import annotations

import json

from conftest import ROOT

from argmap.schema import schema_path, schema_text


def test_the_checked_in_schema_is_up_to_date():
    checked_in = (ROOT / "resources" / "argmap.schema.json").read_text(encoding="utf-8")
    assert checked_in == schema_text(), "run: make schema"


def test_the_schema_forbids_unknown_keys_and_describes_fields():
    schema = json.loads(schema_text())
    statement = schema["$defs"]["Statement"]
    assert statement["additionalProperties"] is False
    assert "description" in statement["properties"]["text"]
    assert schema["properties"]["format"]["const"] == "argmap"


def test_the_schema_is_found_from_the_package():
    assert schema_path().is_file()
