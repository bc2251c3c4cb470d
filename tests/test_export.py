"""Exporting maps: every format, pinned layouts, engine choice, and Graphviz failures."""

from __future__ import annotations

import html
import json
import os
import re
import stat
import sys
from pathlib import Path

import pytest
from conftest import MAPS, small_map

from argmap.cli import main
from argmap.errors import RenderError
from argmap.files import load_map, save_map
from argmap.model import ArgumentMap, Position, Relation, Statement
from argmap.render import export
from argmap.render.engine import ENV_VARIABLE, Engine, find_engine
from argmap.render.export import FORMATS, export_map, format_for_path, render_map
from argmap.render_qt import pdf_from_xdot, png_from_xdot
from argmap.theme import get_theme, wrap_text

MAGIC = {
    "svg": b"<?xml",
    "png": b"\x89PNG",
    "pdf": b"%PDF-",
    "dot": b"digraph",
    "json": b"{",
    "html": b"<!DOCTYPE html>",
}


def drawn_lines(argument_map) -> list[str]:
    """Every line of every card as the export writes it."""
    width = get_theme(None).wrap_width
    return [line for s in argument_map.statements for line in wrap_text(s.text, width) if line]


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_every_sample_map_exports_in_every_format(path, output_format, tmp_path):
    out = export_map(load_map(path), tmp_path / f"map.{output_format}", pdf_painter=pdf_from_xdot)
    assert out.read_bytes().startswith(MAGIC[output_format])


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_the_svg_contains_every_statements_text(path):
    argument_map = load_map(path)
    svg = html.unescape(render_map(argument_map, "svg").decode())
    for line in drawn_lines(argument_map):
        assert line.strip() in svg


def test_pdf_without_a_pdf_capable_graphviz_is_drawn_by_qt(argument_map, monkeypatch):
    monkeypatch.setattr(Engine, "supports", lambda self, fmt: False)
    pdf = render_map(argument_map, "pdf", pdf_painter=pdf_from_xdot)
    assert pdf.startswith(b"%PDF-")
    assert b"argmap" in pdf


def test_the_qt_pdf_page_has_the_size_of_the_graph_with_the_margin_svg_has(
    argument_map, monkeypatch
):
    """Graphviz pads its drawings by 4 points; without that, the outer borders are cut."""
    monkeypatch.setattr(Engine, "supports", lambda self, fmt: False)
    layout = json.loads(render_map(argument_map, "json"))
    _, _, width, height = (float(v) for v in layout["bb"].split(","))
    pdf = render_map(argument_map, "pdf", pdf_painter=pdf_from_xdot).decode("latin-1")
    box = [float(v) for v in pdf.split("/MediaBox [")[1].split("]")[0].split()]
    assert box[2] == pytest.approx(width + 8, abs=1.5)
    assert box[3] == pytest.approx(height + 8, abs=1.5)


def _with_text(text: str) -> ArgumentMap:
    return ArgumentMap(
        statements=[Statement(id="a", text=text), Statement(id="b", text="A reason")],
        relations=[Relation(id="r", kind="support", premises=["b"], target="a")],
    )


@pytest.mark.parametrize(
    "text",
    ["يجب على المملكة توقيع المعاهدة", "日本語のテキスト", "✓ checked"],
    ids=["arabic", "japanese", "symbol"],
)
def test_a_png_with_letters_graphviz_pure_lacks_is_drawn_by_qt(text):
    drawn = []

    def painter(drawing):
        drawn.append(drawing)
        return b"\x89PNG from Qt"

    engine = Engine(str(find_engine().executable))
    assert engine.is_pure  # the Graphviz these tests run with
    png = render_map(_with_text(text), "png", engine=engine, png_painter=painter)
    assert png == b"\x89PNG from Qt"
    assert {node["name"] for node in drawn[0]["objects"]} >= {"a", "b"}


@pytest.mark.parametrize(
    "text", ["Latin, Ελληνικά, Русский — “quoted”", "עברית"], ids=["european", "hebrew"]
)
def test_a_png_graphviz_pure_can_letter_is_its_own(text):
    def painter(drawing):
        raise AssertionError("graphviz-pure letters these itself")

    png = render_map(_with_text(text), "png", png_painter=painter)
    assert png.startswith(MAGIC["png"])


def test_the_qt_png_has_the_size_graphviz_gives_the_drawing():
    from PySide6.QtGui import QImage

    layout = json.loads(render_map(_with_text("日本語"), "json"))
    _, _, width, height = (float(v) for v in layout["bb"].split(","))
    image = QImage.fromData(render_map(_with_text("日本語"), "png", png_painter=png_from_xdot))
    assert image.width() == pytest.approx((width + 8) * 96 / 72, abs=2)
    assert image.height() == pytest.approx((height + 8) * 96 / 72, abs=2)


def test_the_command_line_draws_such_a_png_with_qt(tmp_path):
    path = tmp_path / "arabic.argmap"
    save_map(_with_text("يجب على المملكة توقيع المعاهدة"), path)
    assert main(["export", str(path), "-o", str(tmp_path / "map.png")]) == 0
    qt_drawn = render_map(load_map(path), "png", png_painter=png_from_xdot)
    assert (tmp_path / "map.png").read_bytes() == qt_drawn


def test_a_pdf_that_graphviz_cannot_write_needs_a_painter(argument_map, monkeypatch):
    monkeypatch.setattr(Engine, "supports", lambda self, fmt: False)
    with pytest.raises(RenderError, match="cannot write PDF"):
        render_map(argument_map, "pdf")


def test_a_pdf_capable_graphviz_writes_the_pdf_itself(argument_map, monkeypatch):
    monkeypatch.setattr(Engine, "supports", lambda self, fmt: True)
    calls = []
    monkeypatch.setattr(export, "run_graphviz", lambda *args, **kw: calls.append(args) or b"%PDF")

    def painter(drawing):
        raise AssertionError("Qt must not draw what Graphviz can write")

    assert render_map(argument_map, "pdf", pdf_painter=painter) == b"%PDF"
    assert calls[-1][2] == "pdf"


def test_auto_layout_ignores_pinned_positions(argument_map):
    argument_map.layout.positions["claim"] = Position(x=5000, y=-5000)
    layout = json.loads(render_map(argument_map, "json", layout="auto"))
    claim = next(o for o in layout["objects"] if o.get("name") == "claim")
    assert not claim["pos"].startswith("5000")


def test_pinned_layout_puts_statements_where_the_user_dragged_them(argument_map):
    argument_map.layout.positions["freedom"] = Position(x=900, y=-40)
    layout = json.loads(render_map(argument_map, "json", layout="pinned"))
    freedom = next(o for o in layout["objects"] if o.get("name") == "freedom")
    x, y = (float(v) for v in freedom["pos"].split(","))
    # neato -n2 may shift the whole drawing, never one node against another
    claim = next(o for o in layout["objects"] if o.get("name") == "claim")
    cx, cy = (float(v) for v in claim["pos"].split(","))
    auto = json.loads(render_map(argument_map, "json", layout="auto"))
    auto_claim = next(o for o in auto["objects"] if o.get("name") == "claim")
    ax, ay = (float(v) for v in auto_claim["pos"].split(","))
    assert (x - cx, y - cy) == pytest.approx((900 - ax, 40 - ay), abs=1.0)


def test_pinned_layout_keeps_groups_drawn(argument_map):
    argument_map.layout.positions["narrow"] = Position(x=600, y=-10)
    svg = html.unescape(render_map(argument_map, "svg", layout="pinned").decode())
    assert "Rabin era" in svg
    assert 'id="group-rabin" class="cluster"' in svg


def test_the_format_comes_from_the_extension():
    assert format_for_path("a/b.SVG") == "svg"
    assert format_for_path("x.gv") == "dot"
    with pytest.raises(ValueError, match="cannot tell the format"):
        format_for_path("map.docx")


def test_export_writes_no_partial_file_when_graphviz_fails(argument_map, tmp_path, fake_dot):
    out = tmp_path / "map.svg"
    with pytest.raises(RenderError, match="Graphviz failed: Error: broken on purpose"):
        export_map(argument_map, out, engine=Engine(str(fake_dot("fail"))))
    assert list(tmp_path.iterdir()) == [fake_dot.folder] or not out.exists()


def test_a_hanging_graphviz_is_stopped_by_the_timeout(argument_map, fake_dot):
    with pytest.raises(RenderError, match=r"longer than 0\.5 s"):
        render_map(argument_map, "svg", engine=Engine(str(fake_dot("hang"))), timeout=0.5)


def test_argmap_dot_names_the_graphviz_to_use(monkeypatch, fake_dot):
    program = fake_dot("fail")
    monkeypatch.setenv(ENV_VARIABLE, str(program))
    assert find_engine().executable == str(program)


def test_a_missing_argmap_dot_is_a_clear_error(monkeypatch):
    monkeypatch.setenv(ENV_VARIABLE, "/no/such/dot")
    with pytest.raises(RenderError, match="ARGMAP_DOT"):
        find_engine()


def test_without_a_system_dot_graphviz_pure_is_used(monkeypatch):
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    monkeypatch.setenv(
        "PATH",
        os.pathsep.join(
            p for p in os.environ["PATH"].split(os.pathsep) if not (Path(p) / "dot").exists()
        ),
    )
    engine = find_engine()
    assert engine.is_pure
    assert not engine.supports("pdf")
    assert engine.supports("svg")


@pytest.fixture
def fake_dot(tmp_path):
    """A stand-in Graphviz program (a Python script, run directly, never through a shell)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    scripts = {
        "fail": (
            "import sys; sys.stdin.read();"
            " sys.stderr.write('Error: broken on purpose\\n'); sys.exit(1)"
        ),
        "hang": "import time; time.sleep(30)",
        "trace": (
            "import sys; sys.stdin.read();"
            " sys.stderr.write('Error: syntax error in line 3\\nstack backtrace:\\n"
            "   0: rust_begin_unwind\\n'); sys.exit(1)"
        ),
    }

    def make(kind: str) -> Path:
        path = folder / f"dot-{kind}"
        path.write_text(f"#!{sys.executable}\n{scripts[kind]}\n")
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
        return path

    make.folder = folder
    return make


def test_pinned_junctions_are_placed_the_same_whatever_order_the_junction_set_has(monkeypatch):
    """A junction aimed at an undercut junction must not depend on which was moved first."""
    argument_map = ArgumentMap(
        statements=[Statement(id=i, text=f"statement {i}") for i in ("c", "p1", "p2", "u1", "u2")],
        relations=[
            Relation(id="linked", kind="support", premises=["p1", "p2"], target="c"),
            Relation(id="undercut", kind="attack", premises=["u1", "u2"], target="linked"),
        ],
    )
    argument_map.layout.positions.update(
        p1=Position(x=400, y=300), u1=Position(x=-300, y=200), c=Position(x=0, y=0)
    )
    found = export.junction_relations

    def in_order(reverse: bool):
        return lambda m: sorted(found(m), reverse=reverse)

    drawings = []
    for reverse in (False, True):
        monkeypatch.setattr(export, "junction_relations", in_order(reverse))
        drawn = json.loads(render_map(argument_map, "json", layout="pinned"))
        drawings.append({o["name"]: o["pos"] for o in drawn["objects"] if "pos" in o})
    assert drawings[0] == drawings[1]


def test_an_export_gets_the_permissions_the_umask_allows(argument_map, tmp_path):
    previous = os.umask(0o022)
    try:
        export_map(argument_map, tmp_path / "map.dot")
    finally:
        os.umask(previous)
    assert (tmp_path / "map.dot").stat().st_mode & 0o777 == 0o644


def test_a_failed_export_write_is_a_clear_error_and_leaves_nothing(
    argument_map, tmp_path, monkeypatch
):
    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("argmap.files.os.replace", full_disk)
    with pytest.raises(RenderError, match=r"map\.dot: could not write the export: No space left"):
        export_map(argument_map, tmp_path / "map.dot")
    assert list(tmp_path.iterdir()) == []


def test_graphviz_writes_an_svg_export_into_the_file_itself(argument_map, tmp_path, monkeypatch):
    """A drawing of tens of megabytes need not pass through argmap's memory."""
    calls = []
    run = export.run_graphviz

    def recorded(*args, **kwargs):
        calls.append(kwargs.get("into"))
        return run(*args, **kwargs)

    monkeypatch.setattr(export, "run_graphviz", recorded)
    out = export_map(argument_map, tmp_path / "map.svg")
    assert calls
    assert calls[0] is not None
    assert calls[0] != str(out)  # a temporary beside it
    assert out.read_bytes() == render_map(argument_map, "svg")
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_a_failed_graphviz_export_leaves_the_previous_file_and_no_temporary(argument_map, tmp_path):
    out = tmp_path / "map.svg"
    out.write_text("<svg>before</svg>")
    broken = Engine(sys.executable)  # not Graphviz: it fails on the arguments
    with pytest.raises(RenderError, match="Graphviz failed"):
        export_map(argument_map, out, engine=broken)
    assert out.read_text() == "<svg>before</svg>"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_graphviz_writes_into_no_pipe_nor_a_name_windows_may_not_spell(monkeypatch):
    from types import SimpleNamespace

    from argmap.atomic import Replacement

    assert export._graphviz_can_write(Replacement("/tmp/.a.svg.tmp", 3))
    assert export._graphviz_can_write(Replacement("/tmp/pipe")) is None  # a stream
    monkeypatch.setattr(export, "os", SimpleNamespace(name="nt"))
    assert export._graphviz_can_write(Replacement("C:/maps/.a.svg.tmp", 3))
    assert export._graphviz_can_write(Replacement("C:/מפות/.a.svg.tmp", 3)) is None


@pytest.mark.skipif(sys.platform == "win32", reason="needs the true program")
def test_a_graphviz_that_writes_nothing_into_the_file_has_failed(argument_map, tmp_path):
    import shutil

    silent = Engine(shutil.which("true") or "/bin/true")  # succeeds, and writes nothing
    with pytest.raises(RenderError, match="Graphviz failed"):
        export_map(argument_map, tmp_path / "map.svg", engine=silent)
    assert list(tmp_path.iterdir()) == []


def stand_in_graphviz(folder: Path, after: str) -> Engine:
    """A program that runs the real Graphviz, then does ``after`` (Python, with ``out``
    the file Graphviz wrote and ``sys`` imported)."""
    script = folder / "stand-in-dot"
    script.write_text(
        f"#!{sys.executable}\n"
        "import os, subprocess, sys\n"
        f"done = subprocess.run([{find_engine().executable!r}, *sys.argv[1:]])\n"
        "out = next(a[2:] for a in sys.argv[1:] if a.startswith('-o'))\n"
        f"{after}\n"
    )
    script.chmod(0o755)
    return Engine(str(script))


@pytest.mark.skipif(sys.platform == "win32", reason="runs a script as a program")
@pytest.mark.parametrize("status", [0, 1])
def test_a_drawing_graphviz_cut_short_leaves_the_previous_export(argument_map, tmp_path, status):
    """A full disk at Graphviz's last write: Graphviz does not notice, and may exit 0."""
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "map.svg"
    out.write_text("<svg>before</svg>")
    cut = stand_in_graphviz(
        tmp_path, f"os.truncate(out, os.path.getsize(out) // 2)\nsys.exit({status})"
    )
    with pytest.raises(RenderError, match="Graphviz"):
        export_map(argument_map, out, engine=cut)
    assert out.read_text() == "<svg>before</svg>"
    assert [p.name for p in folder.iterdir()] == ["map.svg"]


@pytest.mark.skipif(sys.platform == "win32", reason="runs a script as a program")
def test_what_graphviz_prints_besides_the_drawing_is_not_written_over_it(argument_map, tmp_path):
    chatty = stand_in_graphviz(tmp_path, "print('dot wrapper: done')\nsys.exit(done.returncode)")
    out = export_map(argument_map, tmp_path / "map.svg", engine=chatty)
    assert out.read_bytes() == render_map(argument_map, "svg")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_an_export_into_a_named_pipe_arrives_whole(argument_map, tmp_path):
    import subprocess

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = subprocess.Popen(["cat", str(pipe)], stdout=subprocess.PIPE)
    try:
        export_map(argument_map, pipe, "svg")
        assert reader.communicate(timeout=60)[0] == render_map(argument_map, "svg")
    finally:
        reader.kill()
        reader.wait()
        if reader.stdout is not None:
            reader.stdout.close()


def test_graphviz_running_out_of_memory_is_one_readable_line():
    from argmap.render.engine import _clean_stderr

    stderr = (
        b"memory allocation of 67275300560 bytes failed\n"
        b"stack backtrace:\n   0: 0x55d5 - std::backtrace\n   1: 0x55d6 - alloc::alloc\n"
        b"             at /rustc/library/alloc.rs:12:5\n"
        b"note: Some details are omitted\n"
    )
    message = _clean_stderr(stderr)
    assert message.startswith("Graphviz ran out of memory (it asked for 62.7 GiB)")
    assert "backtrace" not in message
    assert "\n" not in message


def test_a_graphviz_error_keeps_its_message_and_drops_the_trace():
    from argmap.render.engine import _clean_stderr

    stderr = b"Error: syntax error in line 3\nstack backtrace:\n   0: 0x1 - main\n"
    assert _clean_stderr(stderr) == "Error: syntax error in line 3"


@pytest.fixture
def map_file(tmp_path) -> Path:
    path = tmp_path / "treaty.argmap"
    save_map(small_map(), path)
    return path


def test_export_shows_graphviz_failure_in_one_line(map_file, tmp_path, fake_dot, capsys):
    out = str(tmp_path / "x.svg")
    assert main(["export", str(map_file), "-o", out, "--dot", str(fake_dot("trace"))]) == 1
    err = capsys.readouterr().err
    assert err == f"argmap: {map_file}: Graphviz failed: Error: syntax error in line 3\n"


def test_export_verbose_adds_everything_graphviz_wrote(map_file, tmp_path, fake_dot, capsys):
    out = str(tmp_path / "x.svg")
    dot = str(fake_dot("trace"))
    assert main(["export", str(map_file), "-o", out, "--dot", dot, "--verbose"]) == 1
    err = capsys.readouterr().err
    assert "stack backtrace:\n   0: rust_begin_unwind" in err
    assert err.startswith(f"argmap: {map_file}: Graphviz failed: Error: syntax error in line 3\n")


def test_the_configured_program_is_used_when_none_is_named(monkeypatch, fake_dot):
    from argmap.render.engine import configure_program

    monkeypatch.delenv("ARGMAP_DOT", raising=False)
    program = str(fake_dot("fail"))
    configure_program(program)
    try:
        assert find_engine().executable == program
        assert find_engine("/bin/true").executable == "/bin/true"  # a named one wins
    finally:
        configure_program(None)


NESTED_GROUPS = Path(__file__).parent / "data" / "groups" / "nested-groups.argmap"


def test_the_tree_layout_draws_the_title_of_every_group_nested_in_bands():
    """Inner (in Outer, both drawn as bands) has all its cards in Outer's bands too."""
    argument_map = load_map(NESTED_GROUPS)
    svg = html.unescape(render_map(argument_map, "svg", layout="tree").decode())
    boxes = re.findall(r'class="cluster[^"]*">(.*?)</g>', svg, re.S)
    drawn = [text for box in boxes for text in re.findall(r"<text[^>]*>([^<]+)</text>", box)]
    for group in argument_map.groups:
        assert any(group.title.startswith(text.removesuffix("…")) for text in drawn), group.title


def test_each_band_of_the_tree_layout_names_its_card_in_its_class():
    argument_map = small_map()
    argument_map.groups[0].statements = ["claim", "narrow"]  # a box would hold freedom too
    svg = html.unescape(render_map(argument_map, "svg", layout="tree").decode())
    bands = re.findall(r'<g id="(group-[^"]*)" class="cluster ([^"]*)">', svg)
    assert sorted(bands) == [
        ("group-rabin-band-0", "band-of-claim"),
        ("group-rabin-band-1", "band-of-narrow"),
    ]


def test_the_tree_layout_shortens_a_group_title_longer_than_its_box():
    argument_map = load_map(NESTED_GROUPS)
    svg = html.unescape(render_map(argument_map, "svg", layout="tree").decode())
    assert "Outer group with a rather long title that might collide" not in svg
    assert re.search(r">Outer group with [^<]*…<", svg)


def test_an_export_into_a_folder_that_does_not_exist_says_so(argument_map, tmp_path):
    out = tmp_path / "nowhere" / "map.dot"
    missing = f"the folder {re.escape(str(out.parent))} does not exist"
    with pytest.raises(RenderError, match=missing):
        export_map(argument_map, out)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_an_export_through_a_link_into_a_missing_folder_names_that_folder(argument_map, tmp_path):
    link = tmp_path / "map.svg"
    link.symlink_to(tmp_path / "gone" / "map.svg")
    missing = f"the folder {re.escape(str(tmp_path / 'gone'))} does not exist"
    with pytest.raises(RenderError, match=missing):
        export_map(argument_map, link)
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]
