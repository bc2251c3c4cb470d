"""argmap as git's diff and merge driver for ``*.argmap``, in a real repository."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT, small_map

from argmap.files import load_map, save_map
from argmap.mapmerge import CONFLICT_TAG


@pytest.fixture
def git(tmp_path):
    """A fresh repository set up as the README says, running this checkout's argmap."""
    repo = tmp_path / "repo"
    repo.mkdir()
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args], cwd=repo, check=check, capture_output=True, text=True, env=environment
        )

    run("init", "-q", "-b", "main")
    run("config", "user.email", "test@example.org")
    run("config", "user.name", "Test")
    (repo / ".gitattributes").write_text("*.argmap diff=argmap merge=argmap\n")
    run("config", "diff.argmap.command", f"{sys.executable} -m argmap diff")
    run("config", "merge.argmap.name", "argmap three-way merge by element id")
    driver = f"{sys.executable} -m argmap merge %O %A %B -o %A --path %P"
    run("config", "merge.argmap.driver", driver)
    run.repo = repo  # type: ignore[attr-defined]
    return run


def _edit(path, **texts: str) -> None:
    argument_map = load_map(path)
    statements = [
        s.model_copy(update={"text": texts[s.id]}) if s.id in texts else s
        for s in argument_map.statements
    ]
    save_map(argument_map.model_copy(update={"statements": statements}), path, backup=False)


def _two_branches(git, ours: dict[str, str], theirs: dict[str, str]):
    path = git.repo / "map.argmap"
    save_map(small_map(), path, backup=False)
    git("add", ".")
    git("commit", "-qm", "A map")
    git("checkout", "-qb", "theirs")
    _edit(path, **theirs)
    git("commit", "-qam", "Their edit")
    git("checkout", "-q", "main")
    _edit(path, **ours)
    git("commit", "-qam", "Our edit")
    return path


def test_git_merges_edits_of_different_statements_without_a_conflict(git):
    path = _two_branches(git, {"claim": "Ours"}, {"gimmick": "Theirs"})
    merged = git("merge", "-q", "theirs", "-m", "Merge")
    assert merged.returncode == 0
    texts = {s.id: s.text for s in load_map(path).statements}
    assert (texts["claim"], texts["gimmick"]) == ("Ours", "Theirs")


def test_git_reports_a_conflict_and_leaves_a_valid_map_marking_it(git):
    path = _two_branches(git, {"claim": "Ours"}, {"claim": "Theirs"})
    merged = git("merge", "-q", "theirs", "-m", "Merge", check=False)
    assert merged.returncode != 0
    assert "map.argmap" in git("diff", "--name-only", "--diff-filter=U").stdout
    claim = load_map(path).statement("claim")
    assert claim.text == "Ours"
    assert CONFLICT_TAG in claim.tags
    assert "Theirs" in claim.note


def test_git_diff_shows_what_changed_by_element(git):
    path = git.repo / "map.argmap"
    save_map(small_map(), path, backup=False)
    git("add", ".")
    git("commit", "-qm", "A map")
    _edit(path, claim="A treaty would not help")
    out = git("diff").stdout
    assert "changed statement claim" in out
    assert "{+not help+}" in out


def test_git_merge_names_the_map_in_its_messages_not_gits_temporary_copy(git):
    _two_branches(git, {"claim": "Ours"}, {"claim": "Theirs"})
    merged = git("merge", "-q", "theirs", "-m", "Merge", check=False)
    assert "map.argmap: merged with 1 conflict" in merged.stderr
    assert ".merge_file" not in merged.stderr


def test_a_driver_line_set_up_without_the_path_still_merges(git):
    driver = f"{sys.executable} -m argmap merge %O %A %B -o %A"
    git("config", "merge.argmap.driver", driver)
    path = _two_branches(git, {"claim": "Ours"}, {"gimmick": "Theirs"})
    assert git("merge", "-q", "theirs", "-m", "Merge").returncode == 0
    assert load_map(path).statement("gimmick").text == "Theirs"


def _committed_map(git):
    path = git.repo / "map.argmap"
    save_map(small_map(), path, backup=False)
    git("add", ".")
    git("commit", "-qm", "A map")
    return path


def test_git_log_shows_a_renamed_map_under_both_names(git):
    path = _committed_map(git)
    git("mv", "map.argmap", "treaty.argmap")
    _edit(path.with_name("treaty.argmap"), claim="Renamed and reworded")
    git("commit", "-qam", "Rename")
    shown = git("log", "-p", "-M", "--ext-diff", "-1")
    assert "argmap diff a/map.argmap b/treaty.argmap" in shown.stdout
    assert "changed statement claim" in shown.stdout


def test_git_log_goes_on_past_a_map_committed_with_conflict_markers(git):
    path = _committed_map(git)
    path.write_text(path.read_text() + "<<<<<<< HEAD\n")
    git("commit", "-qam", "Broken")
    shown = git("log", "-p", "--ext-diff")
    assert "external diff died" not in shown.stderr
    assert "+<<<<<<< HEAD" in shown.stdout
    assert "A map" in shown.stdout  # the older commit is still shown


def _compact(path) -> None:
    """The map as JSON.stringify or jq -c would write it: one line, no spaces."""
    import json

    path.write_text(json.dumps(json.loads(path.read_text()), separators=(",", ":")) + "\n")


def test_git_merges_a_map_written_as_compact_json(git):
    path = _committed_map(git)
    _compact(path)
    git("commit", "-qam", "Compact")
    git("checkout", "-qb", "theirs")
    _edit(path, gimmick="Theirs")
    _compact(path)
    git("commit", "-qam", "Their edit")
    git("checkout", "-q", "main")
    _edit(path, claim="Ours")
    git("commit", "-qam", "Our edit")
    assert git("merge", "-q", "theirs", "-m", "Merge", check=False).returncode == 0
    texts = {s.id: s.text for s in load_map(path).statements}
    assert (texts["claim"], texts["gimmick"]) == ("Ours", "Theirs")


def test_a_version_that_cannot_be_read_leaves_both_between_conflict_markers(git):
    path = _committed_map(git)
    git("checkout", "-qb", "theirs")
    path.write_text(path.read_text().replace('"Treaty"', '"Their title"')[:-40])  # cut off
    git("commit", "-qam", "Their broken edit")
    git("checkout", "-q", "main")
    _edit(path, claim="Ours")
    git("commit", "-qam", "Our edit")
    merged = git("merge", "-q", "theirs", "-m", "Merge", check=False)
    assert merged.returncode != 0
    assert "map.argmap" in git("diff", "--name-only", "--diff-filter=U").stdout
    text = path.read_text()
    assert text.startswith("<<<<<<< ours: map.argmap\n")
    assert '"Ours"' in text  # our change
    assert '"Their title"' in text  # and theirs, nothing lost
    assert "both versions are left in it" in merged.stderr
