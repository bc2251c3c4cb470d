"""A command run as its own process: it ends as soon as it is done, losing nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MAPS, ROOT, run_python

from argmap.files import save_map
from argmap.model import ArgumentMap, Statement

TREATY = next(p for p in MAPS if p.stem == "israel-us-defense-treaty")

# The console script's own call: main() with no arguments reads sys.argv.
AS_CONSOLE_SCRIPT = """
import atexit, sys
from pathlib import Path
from argmap.cli import main
marker = Path(sys.argv.pop())  # the last argument: a file that says atexit ran
atexit.register(lambda: marker.write_text("ran"))
sys.argv = ["argmap", *sys.argv[1:]]
sys.exit(main())
"""


def test_a_command_in_its_own_process_prints_everything_and_keeps_its_status(tmp_path):
    done = run_python(AS_CONSOLE_SCRIPT, "info", str(TREATY), str(tmp_path / "exit-ran"))
    assert done.returncode == 0
    assert done.stdout.startswith("title:")
    assert len(done.stdout.splitlines()) > 10


def test_functions_registered_to_run_at_exit_still_run(tmp_path):
    marker = tmp_path / "exit-ran"
    done = run_python(AS_CONSOLE_SCRIPT, "info", str(TREATY), str(marker))
    assert done.returncode == 0
    assert marker.read_text() == "ran"


def test_the_collector_does_not_wake_between_the_command_and_the_end(tmp_path):
    """Re-enabling it would start a pass over every object the command made, for nothing."""
    marker = tmp_path / "collector"
    script = AS_CONSOLE_SCRIPT.replace('"ran"', 'str(__import__("gc").isenabled())')
    done = run_python(script, "info", str(TREATY), str(marker))
    assert done.returncode == 0
    assert marker.read_text() == "False"


def test_a_failing_command_in_its_own_process_exits_with_its_error_status(tmp_path):
    marker = str(tmp_path / "exit-ran")
    done = run_python(AS_CONSOLE_SCRIPT, "validate", str(tmp_path / "missing.argmap"), marker)
    assert done.returncode == 1
    assert "no such file" in done.stdout  # validate reports on standard output


def test_an_export_in_its_own_process_has_written_its_file(tmp_path):
    out = tmp_path / "treaty.dot"
    marker = str(tmp_path / "exit-ran")
    done = run_python(AS_CONSOLE_SCRIPT, "export", str(TREATY), "-o", str(out), marker)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").rstrip().endswith("}")


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
def test_an_export_to_dev_stdout_goes_down_the_pipe(tmp_path):
    """``argmap export MAP -o /dev/stdout | ...``: the pipe is written into, not replaced."""
    marker = str(tmp_path / "exit-ran")
    command = ("export", str(TREATY), "-f", "svg", "-o", "/dev/stdout")
    done = run_python(AS_CONSOLE_SCRIPT, *command, marker)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<?xml")
    assert done.stdout.rstrip().endswith("</svg>")  # nothing after the drawing
    assert done.stderr.strip().endswith("-> /dev/stdout")  # what the command says it wrote


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
@pytest.mark.parametrize("output_format", ["json", "dot"])
def test_a_drawing_sent_to_dev_stdout_is_all_that_reaches_the_pipe(tmp_path, output_format):
    """``argmap export MAP -f json -o /dev/stdout | jq``: the reader gets the drawing alone."""
    marker = str(tmp_path / "exit-ran")
    command = ("export", str(TREATY), "-f", output_format, "-o", "/dev/stdout")
    done = run_python(AS_CONSOLE_SCRIPT, *command, marker)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("}")
    if output_format == "json":
        json.loads(done.stdout)


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
def test_a_map_converted_to_dev_stdout_reads_back_whole(tmp_path):
    """The line saying where the map went is not written into the map."""
    marker = str(tmp_path / "exit-ran")
    command = ("convert", str(TREATY), "/dev/stdout", "--to", "argmap")
    done = run_python(AS_CONSOLE_SCRIPT, *command, marker)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["format"] == "argmap"
    assert done.stderr.strip().endswith("-> /dev/stdout")


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    """``argmap info MAP | head -1``: the pipe closes long before the listing ends."""
    claims = [Statement(id=f"claim-{n}", text=f"Main claim number {n}") for n in range(20_000)]
    path = tmp_path / "many.argmap"
    save_map(ArgumentMap(statements=claims), path)  # a listing far beyond a pipe's buffer
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "info", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        bufsize=0,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.read(1)
    process.stdout.close()  # the reader goes away with the rest unread
    errors = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 1
    assert "Traceback" not in errors


@pytest.mark.skipif(sys.platform == "win32", reason="runs a script as a program; POSIX signals")
@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_an_interrupted_export_stops_graphviz_and_leaves_no_temporary(tmp_path, signal_name):
    """``timeout 60 argmap export ...`` or a cancelled job: Graphviz does not go on drawing
    (minutes, for a large map) into a temporary file that is then left behind."""
    import os
    import signal
    import time

    started = tmp_path / "graphviz-pid"
    slow = tmp_path / "slow-dot"
    slow.write_text(
        f"#!{sys.executable}\n"
        "import os, sys, time\n"
        f"open({str(started)!r}, 'w').write(str(os.getpid()))\n"
        "time.sleep(60)\n"
    )
    slow.chmod(0o755)
    out = tmp_path / "out" / "treaty.svg"
    out.parent.mkdir()
    command = ["export", str(TREATY), "-o", str(out), "--dot", str(slow)]
    process = subprocess.Popen(
        [sys.executable, "-c", AS_CONSOLE_SCRIPT, *command, str(tmp_path / "exit-ran")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 60
        while not started.exists() or not started.read_text():
            assert time.monotonic() < deadline, "Graphviz never started"
            time.sleep(0.05)
        graphviz = int(started.read_text())
        process.send_signal(getattr(signal, signal_name))
        _, errors = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    time.sleep(0.2)
    try:
        os.kill(graphviz, 0)
    except ProcessLookupError:
        still_drawing = False
    else:
        still_drawing = True
        os.kill(graphviz, signal.SIGKILL)  # the stand-in this test started
    assert not still_drawing
    assert process.returncode == 128 + getattr(signal, signal_name)
    assert b"Traceback" not in errors
    assert list(out.parent.iterdir()) == []
