"""`conformance verify` reads one consistent state of the programme log (issue 72, item 3): the
published checkpoint and tiles, the JSON head and leaves, and the status lists must describe
the same tree, or the newest, proved consistent, wins; a suspension the newest piece records
is never hidden by older files beside it."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from conformance.certification.attestation import load_public_key
from conformance.certification.policy import load_policy
from conformance.cli import main
from conformance.programme import checkpoint, logformat, statuslist
from conformance.programme.certverify import verify_certificate

from .test_watch import _live, _verify, _watch, suspended, watched  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow  # each cycle is a programme run (a participant process)

#: what a holder can keep from before a suspension: the JSON head and leaves, the signed heads
#: and both status lists (the checkpoint and tiles are the current ones)
STALE = (f"log/{logformat.HEAD}", f"log/{logformat.LEAVES}", statuslist.STATUS_PATH, statuslist.SUSPENSION_PATH)


def _restore(kept: Path, out: Path) -> None:
    for relative in STALE:
        shutil.copy(kept / relative, out / relative)
    shutil.rmtree(out / "log" / logformat.HEADS)
    shutil.copytree(kept / "log" / logformat.HEADS, out / "log" / logformat.HEADS)


def test_a_suspension_in_the_current_tiles_is_not_hidden_by_older_heads_and_lists(suspended, capsys):
    """The files kept from before the suspension are the certified programme's (a later second:
    a list's proof is timed to the second)."""
    watched = suspended.folder
    out = watched / "out"
    assert suspended.code == 1
    _restore(suspended.certified / "out", out)
    assert b"certificate-suspended" not in (out / "log" / logformat.LEAVES).read_bytes()
    assert (out / "log" / checkpoint.FILE).is_file()
    code, said = _verify(watched, capsys)
    assert code == 1, said
    assert said.startswith("rejected:") and "Traceback" not in said and len(said.splitlines()) == 1
    assert "suspended since" in said or "a stale copy" in said, said


def test_the_head_and_leaves_removed_leave_the_checkpoint_and_tiles_to_decide(suspended, capsys):
    watched = suspended.folder
    out = watched / "out"
    assert suspended.code == 1
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


def test_a_consistent_older_checkpoint_yields_to_the_newer_head(suspended, capsys):
    """The newest piece, proved consistent with the other, wins: a checkpoint and tiles from
    before the suspension beside the current head and leaves still reject."""
    watched, before = suspended.folder, suspended.certified / "out"
    out = watched / "out"
    assert suspended.code == 1
    shutil.rmtree(out / "log" / "tile")
    shutil.copytree(before / "log" / "tile", out / "log" / "tile")
    shutil.copy(before / "log" / checkpoint.FILE, out / "log" / checkpoint.FILE)
    leaves = [orjson.loads(line) for line in (out / "log" / logformat.LEAVES).read_bytes().splitlines()]
    assert leaves[-1]["event"] == logformat.SUSPENDED
    code, said = _verify(watched, capsys)
    assert code == 1 and ("suspended since" in said or "a stale copy" in said), said


def test_a_bundle_only_of_files_from_before_a_suspension_is_refused_by_a_policy_asking_younger_lists(
        suspended, capsys, tmp_path):
    """Weak point 1: the whole log folder and both lists from before the suspension are one
    consistent, signed, older state: `verify` accepts it while its lists are within the
    programme's validity (24 h), the residual risk docs/programme.md states. A relying party's
    policy with ``status_list_max_age_minutes`` refuses such a list once it is older than that
    (exit 4, the freshness condition unmet)."""
    watched, before = suspended.folder, suspended.certified / "out"
    out = watched / "out"
    assert suspended.code == 1
    shutil.rmtree(out / "log")
    shutil.rmtree(out / "status")
    shutil.copytree(before / "log", out / "log")
    shutil.copytree(before / "status", out / "status")
    code, said = _verify(watched, capsys)
    assert code == 0, said  # the residual risk: one older state, whole and within its validity
    policy = tmp_path / "policy.yaml"
    policy.write_text("status_list_max_age_minutes: 60\n")
    certificate = out / "certificates" / "headset-0.json"
    keys = [load_public_key(watched / "program.key.pub")]
    check = verify_certificate(certificate, keys, policy=load_policy(policy))
    assert [c.name for c in check.unmet] == [], [c.line for c in check.unmet]  # young enough now
    later = datetime.now(UTC) + timedelta(hours=2)  # still within the lists' 24 h
    check = verify_certificate(certificate, keys, policy=load_policy(policy), now=later)
    unmet = [c for c in check.unmet if c.name == "freshness"]
    assert len(unmet) == 2, [c.line for c in check.conditions]  # the revocation and the suspension list
    assert all("older than the policy's status_list_max_age_minutes (60)" in c.line for c in unmet)
    check = verify_certificate(certificate, keys, now=later, policy=load_policy(_empty(tmp_path)))
    assert not check.unmet, [c.line for c in check.unmet]  # without the option: the programme's validity
    capsys.readouterr()
    assert main(["verify", str(certificate), "--trust", str(watched / "program.key.pub"), "--policy",
                 str(policy)]) == 0


def _empty(folder: Path) -> Path:
    (folder / "empty.yaml").write_text("installed_harness: true\n")
    return folder / "empty.yaml"


def test_a_policy_freshness_out_of_range_is_one_line_exit_2(tmp_path, capsys):
    policy = tmp_path / "policy.yaml"
    policy.write_text("status_list_max_age_minutes: 0\n")
    capsys.readouterr()
    assert main(["verify", str(tmp_path / "nothing.json"), "--policy", str(policy)]) == 2
    err = capsys.readouterr().err
    assert "status_list_max_age_minutes" in err and len(err.strip().splitlines()) == 1, err
