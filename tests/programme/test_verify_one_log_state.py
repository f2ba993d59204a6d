"""`conformance verify` reads one consistent state of the programme log (issue 72, item 3): the
published checkpoint and tiles, the JSON head and leaves, and the status lists must describe
the same tree, or the newest, proved consistent, wins; a suspension the newest piece records
is never hidden by older files beside it."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import orjson
import pytest

from conformance.programme import checkpoint, logformat, statuslist

from .test_watch import _live, _verify, _watch, watched  # noqa: F401 (a fixture)

pytestmark = pytest.mark.slow  # each cycle is a programme run (a participant process)

#: what a holder can keep from before a suspension: the JSON head and leaves, the signed heads
#: and both status lists (the checkpoint and tiles are the current ones)
STALE = (f"log/{logformat.HEAD}", f"log/{logformat.LEAVES}", statuslist.STATUS_PATH, statuslist.SUSPENSION_PATH)


def _keep(out: Path, into: Path) -> None:
    for relative in STALE:
        (into / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(out / relative, into / relative)
    shutil.copytree(out / "log" / logformat.HEADS, into / "log" / logformat.HEADS)


def _restore(kept: Path, out: Path) -> None:
    for relative in STALE:
        shutil.copy(kept / relative, out / relative)
    shutil.rmtree(out / "log" / logformat.HEADS)
    shutil.copytree(kept / "log" / logformat.HEADS, out / "log" / logformat.HEADS)


def _suspend(folder: Path, capsys) -> None:
    # a list's proof is timed to the second: the suspension falls in a later second than the lists kept
    time.sleep(1.1)
    _live(folder, "bad")
    assert _watch(folder, capsys)[0] == 1


def test_a_suspension_in_the_current_tiles_is_not_hidden_by_older_heads_and_lists(watched, capsys, tmp_path):
    out = watched / "out"
    _keep(out, tmp_path / "before")
    _suspend(watched, capsys)
    _restore(tmp_path / "before", out)
    assert b"certificate-suspended" not in (out / "log" / logformat.LEAVES).read_bytes()
    assert (out / "log" / checkpoint.FILE).is_file()
    code, said = _verify(watched, capsys)
    assert code == 1, said
    assert said.startswith("rejected:") and "Traceback" not in said and len(said.splitlines()) == 1
    assert "suspended since" in said or "a stale copy" in said, said


def test_the_head_and_leaves_removed_leave_the_checkpoint_and_tiles_to_decide(watched, capsys, tmp_path):
    out = watched / "out"
    _suspend(watched, capsys)
    (out / "log" / logformat.HEAD).unlink()
    (out / "log" / logformat.LEAVES).unlink()
    code, said = _verify(watched, capsys)
    assert code == 1 and "suspended since" in said, said


def test_a_head_and_a_checkpoint_of_different_trees_are_refused_in_one_line(watched, capsys, tmp_path):
    """Each signed by the programme's key, but neither a prefix of the other: refused, exit 1."""
    out = watched / "out"
    other = tmp_path / "other"
    shutil.copytree(watched, other, symlinks=True)
    _live(other, "bad")
    assert _watch(other, capsys)[0] == 1  # the copy's log grows by other leaves than the original's
    _live(watched, "good")
    assert _watch(watched, capsys)[0] == 0
    # the original's head and leaves, the copy's checkpoint and tiles: two trees that share
    # the certificate's prefix and then differ
    shutil.copy(other / "out" / "log" / checkpoint.FILE, out / "log" / checkpoint.FILE)
    shutil.rmtree(out / "log" / "tile")
    shutil.copytree(other / "out" / "log" / "tile", out / "log" / "tile")
    code, said = _verify(watched, capsys)
    assert code == 1 and "Traceback" not in said, said
    assert "describe different trees" in said, said


def test_a_consistent_older_checkpoint_yields_to_the_newer_head(watched, capsys, tmp_path):
    """The newest piece, proved consistent with the other, wins: a checkpoint and tiles from
    before the suspension beside the current head and leaves still reject."""
    out = watched / "out"
    shutil.copytree(out / "log" / "tile", tmp_path / "tile")
    shutil.copy(out / "log" / checkpoint.FILE, tmp_path / checkpoint.FILE)
    _suspend(watched, capsys)
    shutil.rmtree(out / "log" / "tile")
    shutil.copytree(tmp_path / "tile", out / "log" / "tile")
    shutil.copy(tmp_path / checkpoint.FILE, out / "log" / checkpoint.FILE)
    leaves = [orjson.loads(line) for line in (out / "log" / logformat.LEAVES).read_bytes().splitlines()]
    assert leaves[-1]["event"] == logformat.SUSPENDED
    code, said = _verify(watched, capsys)
    assert code == 1 and ("suspended since" in said or "a stale copy" in said), said
