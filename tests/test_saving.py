"""Saving safely: temporary files, backups, read-only files, size, stamps, other encodings."""

from __future__ import annotations

import codecs
import errno
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import small_map

from argmap import atomic, files
from argmap.errors import MapFileError, ReadOnlyFileError, SaveError
from argmap.files import (
    DiskState,
    disk_state,
    dumps_map,
    file_stamp,
    load_map,
    load_map_stamped,
    read_text_file,
    save_map,
    write_atomically,
)
from argmap.formats import read_any, readable_formats, write_any
from argmap.model import Statement
from argmap.processes import process_is_running, process_started_at


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def an_hour_ago(path: Path) -> None:
    then = time.time() - 3600
    os.utime(path, (then, then))


# -- temporary files ------------------------------------------------------------


def test_a_temporary_file_is_named_after_the_target_and_this_process(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def watch(source, target):
        seen.append(Path(source).name)
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", watch)
    save_map(small_map(), tmp_path / "map.argmap", backup=False)
    (name,) = seen
    assert name.startswith(f".map.argmap.argmap-{os.getpid()}-")
    assert name.endswith(".tmp")


def test_a_temporary_left_by_a_dead_process_is_removed_on_the_next_save(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "_SETTLED", -1.0)  # no wait for a save on another machine
    stale = tmp_path / f".map.argmap.argmap-{dead_pid()}-abcd1234.tmp"
    stale.write_text("half a map")  # written just now, after this process started
    save_map(small_map(), tmp_path / "other.argmap")
    assert not stale.exists()


def test_a_fresh_temporary_of_a_process_unknown_here_is_left_for_a_minute(tmp_path):
    elsewhere = tmp_path / f".map.argmap.argmap-{dead_pid()}-abcd1234.tmp"
    elsewhere.write_text("perhaps another machine's save, under way")
    save_map(small_map(), tmp_path / "other.argmap")
    assert elsewhere.exists()


def test_a_temporary_older_than_any_save_takes_is_removed_even_if_its_pid_is_alive(tmp_path):
    stale = tmp_path / f".map.argmap.argmap-{os.getppid()}-abcd1234.tmp"
    stale.write_text("half a map")
    two_days_ago = time.time() - 2 * 86_400
    os.utime(stale, (two_days_ago, two_days_ago))
    save_map(small_map(), tmp_path / "map.argmap")
    assert not stale.exists()


def test_the_temporary_of_a_long_export_in_a_running_process_is_left_alone(tmp_path):
    """Graphviz may lay a big map out for minutes before it writes its temporary."""
    waiting = tmp_path / f".map.svg.argmap-{os.getppid()}-abcd1234.tmp"
    waiting.write_bytes(b"")
    before_we_started = (process_started_at(os.getpid()) or time.time()) - 0.5
    os.utime(waiting, (before_we_started, before_we_started))
    assert process_is_running(os.getppid(), wrote_at=before_we_started)
    save_map(small_map(), tmp_path / "map.argmap")
    assert waiting.exists()


def test_a_temporary_of_a_save_under_way_in_another_process_is_left_alone(tmp_path):
    busy = tmp_path / f".map.argmap.argmap-{os.getppid()}-abcd1234.tmp"
    busy.write_text("being written")
    save_map(small_map(), tmp_path / "map.argmap")
    assert busy.exists()


def test_a_temporary_that_an_older_argmap_left_is_removed(tmp_path):
    old = tmp_path / ".map.argmap.k2j4_x9q.tmp"
    old.write_text("half a map")
    an_hour_ago(old)
    save_map(small_map(), tmp_path / "map.argmap")
    assert not old.exists()


def test_other_programs_files_are_never_removed(tmp_path):
    theirs = [tmp_path / ".report.docx.abcd1234.tmp", tmp_path / ".map.argmap.swp"]
    for path in theirs:
        path.write_text("not ours")
        an_hour_ago(path)
    save_map(small_map(), tmp_path / "map.argmap")
    assert all(path.exists() for path in theirs)


def test_a_users_hidden_copies_of_a_map_are_never_removed(tmp_path):
    names = [".pact.argmap.20240501", ".notes.argmap.original", ".notes.argmap~.original"]
    copies = [tmp_path / name for name in names]
    for path in copies:
        path.write_text("a copy the user keeps")
        an_hour_ago(path)
    save_map(small_map(), tmp_path / "map.argmap")
    assert all(path.exists() for path in copies)


# -- backups ----------------------------------------------------------------------


def test_a_backup_that_cannot_be_kept_is_a_warning_and_the_map_is_saved(tmp_path):
    path = tmp_path / "map.argmap"
    save_map(small_map(), path)
    (tmp_path / "map.argmap~").mkdir()  # the backup's name is taken by a folder
    changed = small_map()
    changed.title = "Changed"
    result = save_map(changed, path)
    assert load_map(path).title == "Changed"
    (warning,) = result.warnings
    assert "map.argmap~" in warning
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.argmap", "map.argmap~"]


def test_a_backup_on_a_full_disk_is_a_warning_and_the_map_is_saved(tmp_path, monkeypatch):
    path = tmp_path / "map.argmap"
    save_map(small_map(), path)
    real_fsync = os.fsync
    calls = []

    def full_the_second_time(descriptor):
        calls.append(descriptor)
        if len(calls) == 2:  # the map's temporary went through; the backup's does not
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(descriptor)

    monkeypatch.setattr(atomic.os, "fsync", full_the_second_time)
    changed = small_map()
    changed.title = "Changed"
    result = save_map(changed, path)
    assert load_map(path).title == "Changed"
    assert any("No space left on device" in w for w in result.warnings)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.argmap"]


def test_a_save_with_a_backup_has_no_warnings(tmp_path):
    path = tmp_path / "map.argmap"
    save_map(small_map(), path)
    assert save_map(small_map(), path).warnings == []


# -- read-only files and size ----------------------------------------------------------


def test_a_read_only_file_is_not_replaced_even_in_a_writable_folder(tmp_path):
    path = tmp_path / "map.argmap"
    save_map(small_map(), path)
    os.chmod(path, 0o444)
    before = path.read_bytes()
    changed = small_map()
    changed.title = "Changed"
    with pytest.raises(ReadOnlyFileError, match="read-only"):
        save_map(changed, path)
    assert path.read_bytes() == before


def test_exports_do_not_replace_a_read_only_file_either(tmp_path):
    path = tmp_path / "map.svg"
    path.write_text("<svg/>")
    os.chmod(path, 0o444)
    with pytest.raises(PermissionError, match="read-only"):
        write_atomically(path, b"<svg></svg>")
    assert path.read_text() == "<svg/>"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_written_into_not_replaced(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = subprocess.Popen(["cat", str(pipe)], stdout=subprocess.PIPE)
    try:
        write_atomically(pipe, b"through the pipe")
        assert reader.communicate(timeout=30)[0] == b"through the pipe"
    finally:
        reader.kill()
        reader.wait()
        if reader.stdout is not None:
            reader.stdout.close()
    assert pipe.is_fifo()


def test_a_device_is_written_into_not_replaced(tmp_path):
    null = tmp_path / "null"
    try:  # a null device of our own, so that a mistake cannot replace the system's
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (AttributeError, PermissionError, OSError):
        pytest.skip("making a device needs Linux and the right to")
    write_atomically(null, b"nothing")
    assert stat.S_ISCHR(os.stat(null).st_mode)


def test_a_folder_is_not_replaced(tmp_path):
    folder = tmp_path / "out.svg"
    folder.mkdir()
    with pytest.raises(IsADirectoryError, match="it is a folder"):
        write_atomically(folder, b"<svg/>")
    assert folder.is_dir()


def test_a_file_filled_by_another_program_replaces_the_target(tmp_path):
    target = tmp_path / "map.svg"
    target.write_text("before")
    with atomic.replacing(target) as replacement:
        assert Path(replacement.path).parent == tmp_path
        assert Path(replacement.path).read_bytes() == b""  # empty, for the program to fill
        writer = "import sys; open(sys.argv[1], 'w').write('after')"
        subprocess.run([sys.executable, "-c", writer, replacement.path], check=True, timeout=60)
        assert target.read_text() == "before"  # nothing replaced until the block ends
    assert target.read_text() == "after"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_an_error_while_filling_the_replacement_leaves_the_target_as_it_was(tmp_path):
    target = tmp_path / "map.svg"
    target.write_text("before")

    def draw_and_fail(path: str) -> None:
        Path(path).write_text("half")
        raise RuntimeError("the drawing failed")

    with pytest.raises(RuntimeError), atomic.replacing(target) as replacement:
        draw_and_fail(replacement.path)
    assert target.read_text() == "before"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_a_read_only_target_is_refused_before_anything_is_filled(tmp_path):
    target = tmp_path / "map.svg"
    target.write_text("before")
    os.chmod(target, 0o444)
    filled = []
    with pytest.raises(PermissionError, match="read-only"), atomic.replacing(target):
        filled.append(True)
    assert not filled


def test_a_map_too_big_to_open_again_is_not_saved(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    big = small_map()
    big.statements.append(Statement(id="long", text="x" * 2000))
    with pytest.raises(SaveError, match="opens files of up to") as caught:
        save_map(big, tmp_path / "big.argmap")
    assert str(tmp_path / "big.argmap") in str(caught.value)
    assert not (tmp_path / "big.argmap").exists()


# -- stamps -------------------------------------------------------------------------


def test_a_file_just_saved_is_the_same_on_disk(tmp_path):
    path = tmp_path / "map.argmap"
    result = save_map(small_map(), path)
    assert disk_state(path, result.stamp) is DiskState.SAME
    assert file_stamp(path) == result.stamp


def test_a_file_someone_else_rewrote_has_changed(tmp_path):
    path = tmp_path / "map.argmap"
    stamp = save_map(small_map(), path).stamp
    path.write_text(path.read_text().replace("Treaty", "Pact!"))
    assert disk_state(path, stamp) is DiskState.CHANGED


def test_a_file_touched_but_not_changed_is_the_same(tmp_path):
    path = tmp_path / "map.argmap"
    stamp = save_map(small_map(), path).stamp
    an_hour_ago(path)
    assert disk_state(path, stamp) is DiskState.SAME


def test_a_deleted_file_is_missing(tmp_path):
    path = tmp_path / "map.argmap"
    stamp = save_map(small_map(), path).stamp
    path.unlink()
    assert disk_state(path, stamp) is DiskState.MISSING


def test_a_file_never_read_counts_as_changed(tmp_path):
    path = tmp_path / "map.argmap"
    save_map(small_map(), path)
    assert disk_state(path, None) is DiskState.CHANGED


def test_loading_stamps_the_bytes_that_were_read(tmp_path):
    path = tmp_path / "map.argmap"
    save_map(small_map(), path)
    argument_map, stamp = load_map_stamped(path)
    assert argument_map == small_map()
    assert stamp == file_stamp(path)


# -- processes -------------------------------------------------------------------------


def test_this_process_is_running():
    assert process_is_running(os.getpid())


def test_an_ended_process_is_not_running():
    assert not process_is_running(dead_pid())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="start times come from /proc")
def test_a_process_that_started_after_a_file_was_written_did_not_write_it():
    started = process_started_at(os.getpid())
    assert started is not None
    assert not process_is_running(os.getpid(), wrote_at=started - 3600)
    assert process_is_running(os.getpid(), wrote_at=started + 1)


# -- encodings ------------------------------------------------------------------------

ENCODINGS = {
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}
WRITABLE = [f for f in readable_formats() if getattr(f, "write", None) is not None]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("fmt", WRITABLE, ids=[f.name for f in WRITABLE])
def test_every_format_reads_utf16_and_utf32_with_a_byte_order_mark(tmp_path, fmt, encoding):
    text = write_any(small_map(), f"map{fmt.extensions[0]}", fmt.name)
    utf8 = tmp_path / f"utf8{fmt.extensions[0]}"
    utf8.write_bytes(text.encode("utf-8"))
    other = tmp_path / f"other{fmt.extensions[0]}"
    other.write_bytes(ENCODINGS[encoding] + text.encode(encoding))
    assert read_any(other, fmt.name).map == read_any(utf8, fmt.name).map


def test_a_utf16_map_with_non_ascii_text_reads_as_written(tmp_path):
    text = dumps_map(small_map()).replace("Treaty", "Vertrag über Sicherheit ✓")
    path = tmp_path / "map.argmap"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert read_text_file(path) == text
    assert load_map(path).title == "Vertrag über Sicherheit ✓"


def test_broken_utf16_is_located_by_line(tmp_path):
    path = tmp_path / "map.argmap"
    good = "{\n".encode("utf-16-le")
    path.write_bytes(codecs.BOM_UTF16_LE + good + b"\x00\xd8\x41\x00")  # a lone surrogate
    with pytest.raises(MapFileError, match="not valid UTF-16") as caught:
        read_text_file(path)
    assert str(caught.value).startswith(f"{path}:2:1:")


def test_saving_into_a_folder_that_does_not_exist_says_so(tmp_path):
    target = tmp_path / "nowhere" / "map.argmap"
    with pytest.raises(SaveError) as caught:
        save_map(small_map(), target)
    assert str(target) in str(caught.value)
    assert f"the folder {target.parent} does not exist" in str(caught.value)
