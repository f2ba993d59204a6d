"""The programme log's append (conformance.programme.ledger): it reads and writes a fixed number
of lines and files whatever the log's size (no rewrite, no re-hash), its root from the tree's
frontier equals RFC 9162's; a crash between the line and the head (simulated) leaves the old
log, whose next writer sets the unheaded tail aside and the audit reports it; a full disk there,
which the writer sees, leaves the old log and nothing to set aside."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conformance.errors import OutputFailed
from conformance.programme import checkpoint, ledger, logformat, merkle, signing
from conformance.programme.audit import Audit, audit_log
from conformance.programme.ledger import ProgrammeLog
from conformance.programme.logformat import LogProblem

KEY = Ed25519PrivateKey.generate()
TRUSTED = {signing.issuer_did(KEY.public_key())}
TIME = "2026-01-01T00:00:00.000Z"


class Crash(BaseException):
    """The process dying at a chosen write (BaseException: nothing catches it on the way)."""


def _log(folder: Path) -> ProgrammeLog:
    return ProgrammeLog(folder / "h.log", "test", KEY)


def _add(log: ProgrammeLog, n: int) -> dict:
    return log.append(logformat.ROTATED, {"from": f"did:key:z{n}", "to": f"did:key:z{n + 1}"}, TIME)


def _built(folder: Path, size: int) -> ProgrammeLog:
    log = _log(folder)
    for n in range(size):
        _add(log, n)
    return log


def _audit(log: ProgrammeLog) -> list[str]:
    found = Audit()
    audit_log(log, TRUSTED, found)
    return found.lines


def test_the_frontier_gives_rfc_9162s_root_at_every_size():
    leaves = [merkle.leaf_hash(bytes([i])) for i in range(70)]
    frontier: merkle.Frontier = []
    assert merkle.fold(frontier) == merkle._root_by_split([])
    for i, leaf in enumerate(leaves):
        frontier = merkle.push(frontier, leaf)
        assert merkle.fold(frontier) == merkle._root_by_split(leaves[:i + 1])
        assert len(frontier) == bin(i + 1).count("1")


@pytest.mark.parametrize("size", [5, 300])
def test_an_append_reads_no_leaf_and_writes_one_line_and_four_small_files(tmp_path, monkeypatch, size):
    log = _built(tmp_path, size)
    folder = tmp_path / "h.log"
    read, written, appended, hashed = [], {}, [], []
    real_read, real_write, real_append = ledger.read_log_file, ledger.atomic_write, ledger.append_bytes
    real_cache = ledger.cache_write
    real_node = merkle.node_hash
    monkeypatch.setattr(ledger, "read_log_file", lambda path: read.append(path.name) or real_read(path))
    monkeypatch.setattr(ledger, "atomic_write", lambda path, data, **kw: written.__setitem__(
        path.relative_to(folder).as_posix(), len(data)) or real_write(path, data, **kw))
    monkeypatch.setattr(ledger, "cache_write", lambda path, data: written.__setitem__(
        path.relative_to(folder).as_posix(), len(data)) or real_cache(path, data))
    monkeypatch.setattr(ledger, "append_bytes", lambda path, data, length: appended.append(
        (path.name, data, length)) or real_append(path, data, length))
    monkeypatch.setattr(merkle, "node_hash", lambda a, b: hashed.append(1) or real_node(a, b))
    entry = _add(log, size)
    assert logformat.LEAVES not in read  # neither read nor re-hashed
    assert sorted(read) == [logformat.HEAD, ledger.TREE]
    line = ledger.canonicalize(entry)
    assert appended == [(logformat.LEAVES, line + b"\n", (folder / logformat.LEAVES).stat().st_size
                         - len(line) - 1)]  # the one new line, at the end
    assert sorted(written) == sorted([f"{logformat.HEADS}/{size + 1}.json", logformat.HEAD, checkpoint.FILE,
                                      ledger.TREE])
    assert written[ledger.TREE] < 200 + 70 * size.bit_length()  # the frontier: one hash per set bit of the size
    assert len(hashed) <= 2 * (size + 1).bit_length()  # merging and folding the frontier: O(log n)
    monkeypatch.undo()
    lines = log.lines()
    assert len(lines) == size + 1 and log.entries()[-1] == entry
    assert log.latest_head()["rootHash"] == merkle.root(log.hashes()).hex()
    assert _audit(log) == []


@pytest.mark.parametrize("cache", ["missing", "garbage", "stale"])
def test_a_missing_or_wrong_tree_cache_is_rebuilt_from_the_leaves(tmp_path, cache):
    log = _built(tmp_path, 6)
    tree = tmp_path / "h.log" / ledger.TREE
    if cache == "missing":
        tree.unlink()
    elif cache == "garbage":
        tree.write_bytes(b'{"size":6,"bytes":1,"frontier":[[6,"00"]]}')
    else:  # a crash between head.json and tree.json: the cache is one append behind
        before = tree.read_bytes()
        _add(log, 6)
        tree.write_bytes(before)
    _add(log, 7)
    assert log.latest_head()["rootHash"] == merkle.root(log.hashes()).hex()
    assert _audit(log) == []


def _crash_before_the_head(log: ProgrammeLog, monkeypatch, n: int, *, after_heads_file: bool = False) -> None:
    """An append that dies after its line is written and fsynced, before head.json (or, with
    ``after_heads_file``, after heads/<n>.json and before head.json)."""
    real = ledger.atomic_write

    def dying(path, data, **kw):
        if path.name == logformat.HEAD or not after_heads_file:
            raise Crash
        real(path, data, **kw)

    monkeypatch.setattr(ledger, "atomic_write", dying)
    with pytest.raises(Crash):
        _add(log, n)
    monkeypatch.undo()


def test_a_crash_between_the_line_and_the_head_leaves_the_old_log_and_the_next_writer_sets_the_line_aside(
        tmp_path, monkeypatch):
    log = _built(tmp_path, 3)
    folder = tmp_path / "h.log"
    old = (folder / logformat.LEAVES).read_bytes()
    _crash_before_the_head(log, monkeypatch, 3)
    tail = (folder / logformat.LEAVES).read_bytes()[len(old):]
    assert tail.endswith(b"\n") and log.latest_head()["treeSize"] == 3
    assert _audit(log) == ["leaf 3: under no signed head (leaves 3..3 were appended behind the programme's back)"]
    entry = _add(log, 4)  # the next writer: the unheaded line is not signed, it is set aside
    assert entry["index"] == 3 and log.latest_head()["treeSize"] == 4
    assert (folder / logformat.LEAVES).read_bytes() == old + ledger.canonicalize(entry) + b"\n"
    [aside] = log.set_aside()
    assert aside.read_bytes() == tail and aside.name == f"leaves-after-3.{hashlib.sha256(tail).hexdigest()[:16]}.jsonl"
    [problem] = _audit(log)
    assert problem.startswith(f"{aside}: set aside by a writer, found beyond the latest signed head")
    aside.unlink()  # the operator looked at it
    assert _audit(log) == []


def test_a_torn_last_line_is_reported_then_set_aside_by_the_next_writer(tmp_path):
    log = _built(tmp_path, 4)
    folder = tmp_path / "h.log"
    old = (folder / logformat.LEAVES).read_bytes()
    torn = ledger.canonicalize({"index": 4, "event": logformat.ROTATED, "time": TIME, "from": "a", "to": "b"})[:17]
    with open(folder / logformat.LEAVES, "ab") as handle:  # the crash came mid-write
        handle.write(torn)
    with pytest.raises(LogProblem, match="its last line is incomplete"):
        log.lines()
    [problem] = _audit(log)
    assert "its last line is incomplete (17 bytes after its 4 whole leaves" in problem and "unheaded/" in problem
    entry = _add(log, 5)
    assert entry["index"] == 4
    assert (folder / logformat.LEAVES).read_bytes() == old + ledger.canonicalize(entry) + b"\n"
    assert [p.read_bytes() for p in log.set_aside()] == [torn]
    assert len(log.entries()) == 5


def test_a_head_file_written_before_the_crash_is_set_aside_not_overwritten(tmp_path, monkeypatch):
    log = _built(tmp_path, 2)
    folder = tmp_path / "h.log"
    _crash_before_the_head(log, monkeypatch, 2, after_heads_file=True)
    orphan = (folder / logformat.HEADS / "3.json").read_bytes()
    assert log.latest_head()["treeSize"] == 2
    _add(log, 3)
    kept = sorted(p.name.split(".")[0] for p in log.set_aside())
    assert kept == ["head-3", "leaves-after-2"]
    assert next(p for p in log.set_aside() if p.name.startswith("head-3")).read_bytes() == orphan
    assert (folder / logformat.HEADS / "3.json").read_bytes() != orphan
    for path in log.set_aside():
        path.unlink()
    assert _audit(log) == []


def test_a_failed_write_leaves_no_half_line(tmp_path, monkeypatch):
    log = _built(tmp_path, 2)
    path = tmp_path / "h.log" / logformat.LEAVES
    old = path.read_bytes()
    real = ledger.os.write
    calls = []

    def full_disk(fd, data):
        if calls:
            raise OSError(28, "No space left on device")
        calls.append(1)
        return real(fd, bytes(data)[:10])  # a short write, then the disk is full

    monkeypatch.setattr(ledger.os, "write", full_disk)
    with pytest.raises(Exception, match="could not be written"):
        _add(log, 2)
    monkeypatch.undo()
    assert path.read_bytes() == old and log.latest_head()["treeSize"] == 2
    assert _audit(log) == []


@pytest.mark.parametrize("full_at", [logformat.HEADS, logformat.HEAD])
def test_a_full_disk_at_the_head_leaves_the_old_log_and_nothing_set_aside(tmp_path, monkeypatch, full_at):
    """The writer sees the disk fail at the head: it takes back its line and head file itself, so
    the operator has nothing to clear (a writer that dies there leaves them, as above)."""
    log = _built(tmp_path, 2)
    folder = tmp_path / "h.log"
    old = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != ".lock"}
    real = ledger.atomic_write

    def full(path, data, **kw):
        if path.name == logformat.HEAD if full_at == logformat.HEAD else path.parent.name == logformat.HEADS:
            raise OutputFailed(str(path), "could not be written: No space left on device")
        real(path, data, **kw)

    monkeypatch.setattr(ledger, "atomic_write", full)
    with pytest.raises(OutputFailed):
        _add(log, 2)
    monkeypatch.undo()
    now = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != ".lock"}
    assert now == old and log.set_aside() == [] and _audit(log) == []
    assert _add(log, 2)["index"] == 2 and log.set_aside() == [] and _audit(log) == []


def test_a_full_disk_at_the_tree_cache_does_not_fail_the_append(tmp_path, monkeypatch):
    log = _built(tmp_path, 2)

    def full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ledger, "cache_write", full)
    assert _add(log, 2)["index"] == 2 and log.latest_head()["treeSize"] == 3
    monkeypatch.undo()
    assert _add(log, 3)["index"] == 3 and _audit(log) == []  # the stale cache: rebuilt from the leaves


def test_a_first_append_torn_before_any_head_is_set_aside_and_the_log_starts_at_leaf_0(tmp_path):
    folder = tmp_path / "h.log"
    folder.mkdir()
    (folder / logformat.LEAVES).write_bytes(b'{"event":"key-rot')
    log = _log(tmp_path)
    assert "(17 bytes after its 0 whole leaves" in _audit(log)[0]
    entry = _add(log, 0)
    assert entry["index"] == 0 and log.latest_head()["treeSize"] == 1 and len(log.entries()) == 1
    assert [p.read_bytes() for p in log.set_aside()] == [b'{"event":"key-rot']
