"""The .argmap file: canonical text, byte-stable round trips, located errors, atomic saves."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path

import pytest
from conftest import MAPS, small_map
from hypothesis import HealthCheck, given, settings
from strategies import argument_maps

from argmap import files
from argmap.errors import MapFileError, SaveError
from argmap.files import dumps_map, load_map, loads_map, locate, save_map, validate_file
from argmap.model import ArgumentMap, Statement


def problems_of(text: str) -> list[str]:
    with pytest.raises(MapFileError) as caught:
        loads_map(text, file="broken.argmap")
    return str(caught.value).splitlines()


def test_saved_text_is_canonical_json(argument_map):
    text = dumps_map(argument_map)
    assert text.endswith("}\n")
    assert not text.endswith("\n\n")
    assert text.startswith('{\n  "format": "argmap",\n  "version": 1,\n  "title": "Treaty",\n')
    assert '\n    {\n      "id": "claim",' in text  # one entry per statement, two-space indent
    assert '"premises": ["deterrence", "credible"]' in text  # short lists on one line
    assert "acceptance" not in text  # defaults are left out


def test_non_ascii_text_is_written_as_is():
    text = dumps_map(ArgumentMap(statements=[Statement(id="a", text="ביטחון — أمن")]))
    assert "ביטחון — أمن" in text
    assert "\\u" not in text


def test_load_reads_what_save_wrote(tmp_path, argument_map):
    path = tmp_path / "map.argmap"
    save_map(argument_map, path)
    assert load_map(path) == argument_map


def test_saving_an_unchanged_map_reproduces_the_file_byte_for_byte(tmp_path, argument_map):
    path = tmp_path / "map.argmap"
    save_map(argument_map, path)
    first = path.read_bytes()
    save_map(load_map(path), path)
    assert path.read_bytes() == first


@pytest.mark.parametrize("path", MAPS, ids=[p.name for p in MAPS])
def test_every_sample_map_round_trips_byte_for_byte(path, tmp_path):
    copy = tmp_path / path.name
    save_map(load_map(path), copy)
    assert copy.read_bytes() == path.read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_generated_maps_round_trip_byte_stable(argument_map):
    text = dumps_map(argument_map)
    again = loads_map(text)
    assert again == argument_map
    assert dumps_map(again) == text


def test_long_lists_are_written_one_item_per_line():
    text = dumps_map(ArgumentMap(authors=[f"Author number {i}" for i in range(10)]))
    assert '\n    "Author number 0",\n' in text


def test_syntax_errors_name_the_file_line_and_column():
    lines = problems_of('{\n  "format": "argmap",\n  "statements": [,]\n}')
    assert lines == ["broken.argmap:3:18: invalid JSON: Expecting value"]


def test_validation_errors_name_the_json_path_and_line():
    text = json.dumps(
        {
            "format": "argmap",
            "statements": [{"id": "a", "text": "A"}],
            "relations": [{"id": "r", "kind": "support", "premises": ["a"], "target": "zz"}],
        },
        indent=2,
    )
    (line,) = problems_of(text)
    assert line.startswith("broken.argmap:16:17:")
    assert line.endswith("relations[0].target: unknown statement or relation 'zz'")


def test_every_problem_is_reported_at_once():
    text = json.dumps(
        {
            "format": "argmap",
            "statements": [{"id": "a", "txt": "A"}, {"id": "b", "text": "B"}],
            "relations": [{"id": "r", "kind": "suport", "premises": ["b"], "target": "a"}],
        }
    )
    lines = problems_of(text)
    assert any("statements[0].txt: unknown key 'txt'" in line for line in lines)
    assert any("statements[0].text: the required key 'text' is missing" in line for line in lines)
    assert any("relations[0].kind" in line and "'suport'" in line for line in lines)


def test_a_dangling_source_is_located():
    text = (
        '{"format": "argmap", "statements":'
        ' [{"id": "a", "text": "A", "attribution": {"source": "x"}}]}'
    )
    (line,) = problems_of(text)
    assert "statements[0].attribution.source: unknown source 'x'" in line


def test_a_file_that_is_not_an_argmap_says_so():
    (line,) = problems_of('{"nodes": [], "edges": []}')
    assert "not an argmap file" in line


def test_duplicate_keys_are_errors():
    (line,) = problems_of('{"format": "argmap", "title": "a", "title": "b"}')
    assert "'title' appears twice" in line


def test_absurdly_deep_nesting_is_a_clear_error():
    (line,) = problems_of('{"format": "argmap", "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert "nested too deeply" in line


def test_an_integer_too_long_to_convert_is_an_error_at_its_place():
    long = "9" * 5000
    text = f'{{"format": "argmap",\n "statements": [{{"id": "a", "text": "A", "x": {long}}}]}}'
    (line,) = problems_of(text)
    assert line == (
        "broken.argmap:2:47: statements[0].x: the number has 5,000 digits;"
        " argmap reads numbers of up to 4,300 digits"
    )


def test_a_binary_file_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.argmap"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(MapFileError) as caught:
        load_map(path)
    assert str(caught.value).startswith(f"{path}:1:")
    assert "not UTF-8" in str(caught.value)


def test_files_over_the_size_limit_are_refused_without_reading(tmp_path):
    path = tmp_path / "huge.argmap"
    with open(path, "wb") as stream:  # sparse: costs no disk
        stream.truncate(files.MAX_FILE_BYTES + 1)
    with pytest.raises(MapFileError) as caught:
        load_map(path)
    assert "64 MB" in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(MapFileError, match="no such file"):
        load_map(tmp_path / "nothing.argmap")


def test_validate_file_reports_warnings_with_lines(tmp_path):
    path = tmp_path / "circle.argmap"
    path.write_text(
        json.dumps(
            {
                "format": "argmap",
                "statements": [{"id": "a", "text": "A"}, {"id": "b", "text": ""}],
                "relations": [
                    {"id": "r1", "kind": "support", "premises": ["a"], "target": "b"},
                    {"id": "r2", "kind": "support", "premises": ["b"], "target": "a"},
                ],
            },
            indent=2,
        )
    )
    argument_map, problems = validate_file(path)
    assert argument_map is not None
    messages = [p.located(path) for p in problems]
    assert any("statements[1].text: the text is empty" in m for m in messages)
    assert any("circular argument: a -> b -> a" in m and f"{path}:4:5:" in m for m in messages)


def test_locate_finds_values_by_path():
    text = '{\n "a": [1, {"b": "x"}],\n "c": 2}'
    assert locate(text, ["a", 1, "b"]) == (2, 17)
    assert locate(text, ["c"]) == (3, 7)
    assert locate(text, ["missing"]) is None


def test_save_keeps_the_previous_version_as_a_backup(tmp_path, argument_map):
    path = tmp_path / "map.argmap"
    save_map(argument_map, path)
    before = path.read_bytes()
    argument_map.title = "Changed"
    save_map(argument_map, path)
    assert Path(f"{path}~").read_bytes() == before
    assert load_map(path).title == "Changed"


def test_save_through_a_symlink_updates_the_target(tmp_path, argument_map):
    real = tmp_path / "real.argmap"
    link = tmp_path / "link.argmap"
    save_map(argument_map, real)
    link.symlink_to(real)
    argument_map.title = "Via link"
    save_map(argument_map, link)
    assert link.is_symlink()
    assert load_map(real).title == "Via link"


def _fill_up(original):
    def fail(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    return fail


def test_a_failed_save_on_a_full_disk_leaves_the_old_file_intact(
    tmp_path, monkeypatch, argument_map
):
    path = tmp_path / "map.argmap"
    save_map(argument_map, path)
    before = path.read_bytes()
    monkeypatch.setattr(files.os, "fsync", _fill_up(os.fsync))
    argument_map.title = "Lost?"
    with pytest.raises(SaveError, match="No space left on device") as caught:
        save_map(argument_map, path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.argmap"]  # no temporary left


def test_a_failed_save_in_a_read_only_folder_leaves_the_old_file_intact(
    tmp_path, monkeypatch, argument_map
):
    path = tmp_path / "map.argmap"
    save_map(argument_map, path)
    before = path.read_bytes()

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(SaveError, match="Permission denied"):
        save_map(small_map(), path)
    assert path.read_bytes() == before


def test_save_keeps_the_file_mode(tmp_path, argument_map):
    path = tmp_path / "map.argmap"
    save_map(argument_map, path)
    os.chmod(path, 0o640)
    save_map(argument_map, path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path, argument_map):
    previous = os.umask(0o027)
    try:
        save_map(argument_map, tmp_path / "map.argmap")
    finally:
        os.umask(previous)
    assert (tmp_path / "map.argmap").stat().st_mode & 0o777 == 0o640


def test_the_backup_keeps_the_file_mode(tmp_path, argument_map):
    path = tmp_path / "map.argmap"
    save_map(argument_map, path)
    os.chmod(path, 0o644)
    save_map(argument_map, path)
    assert (tmp_path / "map.argmap~").stat().st_mode & 0o777 == 0o644


def test_no_temporary_files_are_left_after_saving(tmp_path, argument_map):
    save_map(argument_map, tmp_path / "map.argmap")
    save_map(argument_map, tmp_path / "map.argmap")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.argmap", "map.argmap~"]
    assert tempfile.gettempdir()  # the system folder is never used for maps
