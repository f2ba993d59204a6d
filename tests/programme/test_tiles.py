"""The programme log as C2SP tlog-tiles: tile paths as the spec writes them, tiles that hold
the RFC 9162 tree (the root, the proofs), publishing again writes only what is new, and a
tile altered after publication, or one that would rewrite a published one, is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.programme import merkle, tiles
from conformance.programme.logformat import LogProblem


def _lines(n: int) -> list[bytes]:
    return [b'{"index":%d}' % i for i in range(n)]


@pytest.mark.parametrize(("level", "index", "width", "path"), [
    (0, 0, 256, "tile/0/000"),
    (0, 1234067, 256, "tile/0/x001/x234/067"),
    (1, 5, 7, "tile/1/005.p/7"),
    (2, 1000, 256, "tile/2/x001/000"),
    (tiles.ENTRIES, 3, 255, "tile/entries/003.p/255"),
])
def test_tile_paths_are_the_specs(level, index, width, path):
    assert tiles.tile_path(level, index, width) == path


@pytest.mark.parametrize("size", [1, 255, 256, 257, 256 * 256 + 3])
def test_the_tiles_hold_the_tree_and_its_proofs(tmp_path, size):
    lines = _lines(size)
    hashes = [merkle.leaf_hash(line) for line in lines]
    written = tiles.write_tiles(lines, tmp_path)
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    full, rest = divmod(size, 256)
    assert ("tile/0/000" if full else f"tile/0/000.p/{rest}") in names
    assert (tmp_path / "tile/0" / (f"{full:03d}.p/{rest}" if rest else f"{full - 1:03d}")).is_file()
    assert ("tile/1/000" in names) == (size >= 256 * 256) and ("tile/1/000.p/1" in names) == (256 <= size < 512)
    read, read_hashes = tiles.read_log(tmp_path, size, merkle.root(hashes))
    assert read == lines and read_hashes == hashes


def test_publishing_again_writes_only_the_new_tiles(tmp_path):
    tiles.write_tiles(_lines(300), tmp_path)
    assert tiles.write_tiles(_lines(300), tmp_path) == []  # nothing changed: nothing written
    (tmp_path / "tile/0/001.p/44").write_bytes(b"stale")  # a partial tile that is not the log's is served right
    assert [p.relative_to(tmp_path).as_posix() for p in tiles.write_tiles(_lines(300), tmp_path)] == ["tile/0/001.p/44"]
    again = tiles.write_tiles(_lines(301), tmp_path)  # one leaf more: the partial tiles that changed, no other
    assert {p.relative_to(tmp_path).as_posix() for p in again} == {"tile/0/001.p/45", "tile/entries/001.p/45"}
    grown = tiles.write_tiles(_lines(600), tmp_path)
    assert "tile/0/001" in {p.relative_to(tmp_path).as_posix() for p in grown}
    assert (tmp_path / "tile/0/001.p/44").is_file()  # an older partial tile is left for clients that cached it
    tiles.read_log(tmp_path, 300, merkle.root([merkle.leaf_hash(x) for x in _lines(300)]))


def test_a_log_rewritten_under_a_published_full_tile_is_not_published(tmp_path):
    tiles.write_tiles(_lines(256), tmp_path)
    rewritten = _lines(300)
    rewritten[3] = b'{"index":"three"}'
    with pytest.raises(LogProblem, match="tile/0/000: a published full tile differs"):
        tiles.write_tiles(rewritten, tmp_path)
    assert not (tmp_path / "tile/0/001.p/44").exists()  # nothing written


def test_a_leaf_longer_than_an_entry_is_refused(tmp_path):
    with pytest.raises(LogProblem, match="leaf 1 is 65536 bytes"):
        tiles.write_tiles([b"x", b"y" * 65536], tmp_path)
    assert not (tmp_path / "tile").exists()


def _published(tmp_path: Path, size: int) -> bytes:
    lines = _lines(size)
    tiles.write_tiles(lines, tmp_path)
    return merkle.root([merkle.leaf_hash(line) for line in lines])


@pytest.mark.parametrize(("altered", "reason"), [
    ("tile/0/000", "tile/0/000: its hashes are not those"),
    ("tile/1/000.p/1", "tile/1/000.p/1: its hashes are not those"),
    ("tile/entries/001.p/44", "tile/0/001.p/44: its hashes are not those"),  # the entries no longer hash to it
])
def test_an_altered_tile_is_named(tmp_path, altered, reason):
    root = _published(tmp_path, 300)
    path = tmp_path / altered
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(LogProblem, match=reason):
        tiles.read_log(tmp_path, 300, root)


def test_tiles_of_another_tree_do_not_have_the_checkpoints_root(tmp_path):
    _published(tmp_path, 300)
    with pytest.raises(LogProblem, match="does not have the checkpoint's root"):
        tiles.read_log(tmp_path, 300, merkle.root([merkle.leaf_hash(b"other")]))


@pytest.mark.parametrize(("change", "reason"), [
    (lambda p: (p / "tile/0/001.p/44").unlink(), "tile/0/001.p/44: No such file"),
    (lambda p: (p / "tile/0/000").write_bytes(b"x" * 31), "tile/0/000: 31 bytes, not 256 hashes"),
    (lambda p: (p / "tile/entries/000").write_bytes(b"\x00\x05ab"), "entry 0 is cut short"),
    (lambda p: (p / "tile/entries/000").write_bytes(b"\x00\x01a"), "1 entries, not 256"),
])
def test_a_missing_or_malformed_tile_is_named(tmp_path, change, reason):
    root = _published(tmp_path, 300)
    change(tmp_path)
    with pytest.raises(LogProblem, match=reason):
        tiles.read_log(tmp_path, 300, root)


def test_a_tile_that_is_a_fifo_is_refused_not_waited_on(tmp_path):
    import os

    root = _published(tmp_path, 3)
    (tmp_path / "tile/0/000.p/3").unlink()
    os.mkfifo(tmp_path / "tile/0/000.p/3")
    with pytest.raises(LogProblem, match="not a regular file"):
        tiles.read_log(tmp_path, 3, root)
