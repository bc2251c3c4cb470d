"""What the argmap command writes: never over a map it reads, never two maps into one file,
and output it cannot deliver is a one-line message with a failing status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, small_map

from argmap.cli import main
from argmap.files import save_map

_WITHOUT_DISPLAY = ("DISPLAY", "WAYLAND_DISPLAY")


@pytest.fixture
def map_file(tmp_path) -> Path:
    path = tmp_path / "treaty.argmap"
    save_map(small_map(), path)
    return path


def _argmap(*args: str, stdout: int | None = None, closed_stdout: bool = False):
    """``python -m argmap ARGS`` in a process of its own, its output where the test says."""
    env = {k: v for k, v in os.environ.items() if k not in _WITHOUT_DISPLAY}
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
        check=False,
        preexec_fn=(lambda: os.close(1)) if closed_stdout else None,
    )


def test_export_refuses_to_write_over_the_map_it_reads(map_file, capsys):
    before = map_file.read_bytes()
    assert main(["export", str(map_file), "-o", str(map_file), "--format", "svg"]) == 2
    assert "is the map" in capsys.readouterr().err
    assert map_file.read_bytes() == before


def test_export_refuses_another_name_for_the_map_it_reads(map_file, tmp_path, capsys):
    alias = tmp_path / "alias.svg"
    alias.symlink_to(map_file)
    before = map_file.read_bytes()
    assert main(["export", str(map_file), "-o", str(alias)]) == 2
    assert f"is the map being read ({map_file})" in capsys.readouterr().err
    assert map_file.read_bytes() == before
    assert alias.is_symlink()


def test_convert_refuses_to_write_over_the_map_it_reads(map_file, capsys):
    before = map_file.read_bytes()
    assert main(["convert", str(map_file), str(map_file), "--to", "kialo"]) == 2
    assert "is the map being read" in capsys.readouterr().err
    assert map_file.read_bytes() == before


def test_export_into_a_folder_refuses_two_maps_of_one_name(tmp_path, capsys):
    first, second = tmp_path / "a" / "map.argmap", tmp_path / "b" / "map.argmap"
    for path in (first, second):
        path.parent.mkdir()
        save_map(small_map(), path)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", str(first), str(second), "--outdir", str(out), "-f", "dot"]) == 2
    assert "would both be written to" in capsys.readouterr().err
    assert list(out.iterdir()) == []  # refused before anything was written


def test_export_into_a_folder_refuses_to_replace_a_map_it_reads(map_file, tmp_path, capsys):
    aif = tmp_path / "debate.json"
    assert main(["convert", str(map_file), str(aif), "--to", "aif"]) == 0
    before = aif.read_bytes()
    assert main(["export", str(aif), "--from", "aif", "--outdir", str(tmp_path), "-f", "json"]) == 2
    assert aif.read_bytes() == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    "command",
    [
        ["export", "{map}", "-o", "-", "--format", "dot"],
        ["convert", "{map}", "-", "--to", "aif"],  # AIF holds the whole map: no warnings
        ["info", "{map}"],
        ["evaluate", "{map}"],
    ],
    ids=["export", "convert", "info", "evaluate"],
)
def test_a_full_disk_on_standard_output_is_a_message(map_file, command):
    with open("/dev/full", "wb") as full:
        done = _argmap(*[arg.format(map=map_file) for arg in command], stdout=full.fileno())
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "argmap: could not write to standard output: No space left on device"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_diff_that_cannot_write_says_trouble_not_different(map_file, tmp_path):
    other = tmp_path / "other.argmap"
    save_map(small_map().model_copy(update={"title": "Another title"}), other)
    with open("/dev/full", "wb") as full:
        done = _argmap("diff", str(map_file), str(other), stdout=full.fileno())
    assert done.returncode == 2
    assert "No space left on device" in done.stderr


@pytest.mark.parametrize(
    "command",
    [["export", "{map}", "-o", "-", "--format", "dot"], ["convert", "{map}", "-", "--to", "aif"]],
    ids=["export", "convert"],
)
def test_output_to_a_closed_standard_output_is_a_message(map_file, command):
    done = _argmap(*[arg.format(map=map_file) for arg in command], closed_stdout=True)
    assert done.returncode == 1
    assert done.stderr.strip() == "argmap: could not write to standard output: it is closed"


def test_a_command_with_standard_output_closed_still_writes_its_file(map_file, tmp_path):
    out = tmp_path / "treaty.dot"
    done = _argmap("export", str(map_file), "-o", str(out), closed_stdout=True)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert out.read_text(encoding="utf-8").startswith("digraph")
