"""The argmap command: exit codes, messages, and output files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MAPS, ROOT, run_python, small_map

import argmap
from argmap.cli import main
from argmap.files import save_map


@pytest.fixture
def map_file(tmp_path) -> Path:
    path = tmp_path / "treaty.argmap"
    save_map(small_map(), path)
    return path


@pytest.fixture
def broken_file(tmp_path) -> Path:
    path = tmp_path / "broken.argmap"
    path.write_text(
        json.dumps(
            {
                "format": "argmap",
                "statements": [{"id": "a", "text": "A"}],
                "relations": [{"id": "r", "kind": "support", "premises": ["a"], "target": "b"}],
            },
            indent=2,
        )
    )
    return path


def test_export_writes_the_format_of_the_extension(map_file, tmp_path, capsys):
    out = tmp_path / "treaty.svg"
    assert main(["export", str(map_file), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"<?xml")
    assert f"{map_file} -> {out}" in capsys.readouterr().out


def test_export_of_several_files_into_a_folder(tmp_path, map_file):
    other = tmp_path / "other.argmap"
    save_map(small_map(), other)
    outdir = tmp_path / "out"
    outdir.mkdir()
    assert main(["export", str(map_file), str(other), "--outdir", str(outdir), "-f", "png"]) == 0
    assert sorted(p.name for p in outdir.iterdir()) == ["other.png", "treaty.png"]


def test_export_with_theme_layout_and_legend(map_file, tmp_path):
    out = tmp_path / "treaty.dot"
    args = [
        "export",
        str(map_file),
        "-o",
        str(out),
        "--theme",
        "print",
        "--layout",
        "pinned",
        "--legend",
    ]
    assert main(args) == 0
    assert "legend" in out.read_text()
    assert "#d9d9d9" in out.read_text()


def test_export_to_stdout_needs_a_format(map_file, capsysbinary):
    assert main(["export", str(map_file), "-o", "-"]) == 2
    assert main(["export", str(map_file), "-o", "-", "-f", "dot"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"digraph")


def test_several_files_need_outdir(map_file, capsys):
    assert main(["export", str(map_file), str(map_file), "-o", "x.svg"]) == 2
    assert "--outdir" in capsys.readouterr().err


@pytest.mark.parametrize(
    "target", [["-o", ""], ["-o", "", "-f", "svg"], ["--outdir", ""]], ids=["o", "o-f", "outdir"]
)
def test_an_empty_output_name_is_a_usage_error(map_file, tmp_path, capsys, monkeypatch, target):
    """``argmap export MAP --outdir "$OUT"`` with OUT unset: no traceback, nothing written."""
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(map_file), *target]) == 2
    error = capsys.readouterr().err
    assert "Traceback" not in error
    assert f"{target[0]} was given an empty name" in error
    assert list(tmp_path.iterdir()) == [map_file]


def test_an_unknown_extension_is_a_usage_error(map_file, capsys):
    assert main(["export", str(map_file), "-o", "map.docx"]) == 2
    assert "cannot tell the format" in capsys.readouterr().err


@pytest.mark.parametrize("seconds", ["0", "-1", "nan", "inf", "1e12", "soon"])
def test_a_timeout_that_is_not_a_sensible_number_of_seconds_is_a_usage_error(
    map_file, tmp_path, capsys, seconds
):
    out = tmp_path / "x.svg"
    assert main(["export", str(map_file), "-o", str(out), "--timeout", seconds]) == 2
    err = capsys.readouterr().err
    assert f"argument --timeout: {seconds!r} is not a number of seconds above 0" in err
    assert "Graphviz" not in err
    assert not out.exists()


def test_an_invalid_map_fails_export_with_the_place(broken_file, tmp_path, capsys):
    assert main(["export", str(broken_file), "-o", str(tmp_path / "x.svg")]) == 1
    err = capsys.readouterr().err
    assert f"{broken_file}:16:" in err
    assert "relations[0].target: unknown statement or relation 'b'" in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.svg").exists()


def test_a_graphviz_failure_is_a_message_not_a_traceback(map_file, tmp_path, capsys):
    assert (
        main(["export", str(map_file), "-o", str(tmp_path / "x.svg"), "--dot", "/no/such/dot"]) == 1
    )
    assert (
        "argmap: Graphviz program '/no/such/dot' (from --dot) was not found"
        in capsys.readouterr().err
    )


def test_validate_accepts_a_valid_map(map_file, capsys):
    assert main(["validate", str(map_file)]) == 0
    assert f"{map_file}: valid (6 statements, 4 relations)" in capsys.readouterr().out


def test_validate_reports_errors_as_file_path_message(broken_file, capsys):
    assert main(["validate", str(broken_file)]) == 1
    out = capsys.readouterr().out
    assert (
        out.strip()
        == f"{broken_file}:16:17: relations[0].target: unknown statement or relation 'b'"
    )


def test_validate_checks_every_file_and_fails_if_any_fails(map_file, broken_file, capsys):
    assert main(["validate", str(map_file), str(broken_file)]) == 1
    out = capsys.readouterr().out
    assert "valid" in out
    assert "unknown statement" in out


def test_validate_reports_a_missing_file(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "none.argmap")]) == 1
    assert "none.argmap: no such file" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("command", "status"),
    [
        ("validate big.argmap", 1),
        ("info big.argmap", 1),
        ("evaluate big.argmap", 1),
        ("convert big.argmap out.argdown", 1),
        ("diff big.argmap big.argmap", 2),
        ("merge big.argmap big.argmap big.argmap -o out.argmap", 2),
    ],
)
def test_an_integer_too_long_to_convert_is_one_line_naming_the_file_and_place(
    tmp_path, monkeypatch, capsys, command, status
):
    monkeypatch.chdir(tmp_path)
    Path("big.argmap").write_text('{"format": "argmap", "version": ' + "9" * 5000 + "}")
    assert main(command.split()) == status
    printed = capsys.readouterr()
    (line,) = (printed.out + printed.err).splitlines()
    assert line.removeprefix("argmap: ").startswith("big.argmap:1:33: version: the number has")


def test_info_counts_roles_sources_and_speakers(map_file, capsys):
    assert main(["info", str(map_file)]) == 0
    out = capsys.readouterr().out
    for row in (
        "statements:  6",
        "reasons:     2",
        "objections:  2",
        "rebuttals:   1",
        "sources:     1",
        "speakers:    2",
    ):
        assert row in out
    assert "  [claim] Treaty" in out


def test_unknown_commands_and_options_are_usage_errors(capsys):
    assert main(["export"]) == 2
    assert main(["validate", "--frobnicate", "x"]) == 2
    assert main(["a.argmap", "b.argmap"]) == 2


@pytest.mark.parametrize(
    "command",
    [
        "validate {map}",
        "info {map}",
        "evaluate {map}",
        "export {map} -o {out}.svg",
        "convert {map} {out}.argdown",
        "diff {map} {map}",
        "merge {map} {map} {map} -o {out}.argmap",
    ],
)
def test_an_unknown_input_format_is_a_usage_error_of_the_command(
    map_file, tmp_path, capsys, command
):
    arguments = command.format(map=map_file, out=tmp_path / "out").split()
    assert main([*arguments, "--from", "nosuch"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: argmap {arguments[0]} ")
    assert f"argmap {arguments[0]}: error: argument --from: unknown format 'nosuch'" in err
    assert not list(tmp_path.glob("out.*"))


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("export {map} -o {out}.xyz", "argmap export"),
        ("convert {map} {out}.xyz", "argmap convert"),
        ("diff {map}", "argmap diff"),
        ("source add {out}.txt {map}", "argmap source add"),
    ],
)
def test_a_usage_error_found_by_a_command_shows_that_commands_usage(
    map_file, tmp_path, capsys, command, usage
):
    assert main(command.format(map=map_file, out=tmp_path / "out").split()) == 2
    assert capsys.readouterr().err.startswith(f"usage: {usage} [-h]")


def test_help_exits_zero(capsys):
    assert main(["--help"]) == 0
    assert "argmap export" in capsys.readouterr().out


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_every_sample_map_validates_without_warnings(path, capsys):
    assert main(["validate", str(path)]) == 0
    assert "warning" not in capsys.readouterr().out


def test_python_m_argmap_exports_without_loading_qt(map_file, tmp_path):
    out = tmp_path / "x.svg"
    code = (
        "import sys, runpy; sys.argv = ['argmap', 'export', sys.argv[1], '-o', sys.argv[2]];"
        "\ntry: runpy.run_module('argmap', run_name='__main__')"
        "\nexcept SystemExit as e: assert e.code == 0, e.code"
        "\nassert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'"
    )
    result = run_python(code, str(map_file), str(out))
    assert result.returncode == 0, result.stderr
    assert out.exists()


def test_version_is_printed_without_loading_the_model():
    code = (
        "import sys\nfrom argmap.cli import main\n"
        "assert main(['--version']) == 0\n"
        "loaded = [m for m in ('pydantic', 'argmap.model', 'argmap.files') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"argmap {argmap.__version__}"


def test_export_to_pdf_without_graphviz_pdf_or_a_display_is_drawn_by_qt(map_file, tmp_path):
    """graphviz-pure has no PDF output; the command then draws it with Qt, even on a server."""
    out = tmp_path / "treaty.pdf"
    hidden = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "ARGMAP_DOT"}
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if p and not (Path(p) / "dot").exists()
    )
    result = subprocess.run(
        [sys.executable, "-m", "argmap", "export", str(map_file), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")


def test_convert_to_the_native_format_reproduces_a_map(tmp_path):
    out = tmp_path / "copy.argmap"
    assert main(["convert", str(MAPS[0]), str(out)]) == 0
    assert out.read_bytes() == MAPS[0].read_bytes()


def test_convert_needs_a_known_output_format(tmp_path, capsys):
    assert main(["convert", str(MAPS[0]), str(tmp_path / "map.unknown")]) == 2
    assert "--to" in capsys.readouterr().err


def test_convert_reports_an_unreadable_input_with_exit_1(tmp_path, capsys):
    broken = tmp_path / "broken.argmap"
    broken.write_text("{", encoding="utf-8")
    assert main(["convert", str(broken), str(tmp_path / "out.argmap")]) == 1
    assert "broken.argmap:1:2" in capsys.readouterr().err
    assert not (tmp_path / "out.argmap").exists()


def test_convert_help_lists_the_formats(capsys):
    assert main(["convert", "--help"]) == 0
    assert "argmap" in capsys.readouterr().out.split("formats:")[1]


def test_converting_into_a_folder_that_does_not_exist_says_so(map_file, tmp_path, capsys):
    out = tmp_path / "nowhere" / "map.argdown"
    assert main(["convert", str(map_file), str(out)]) == 1
    assert f"the folder {out.parent} does not exist" in capsys.readouterr().err
