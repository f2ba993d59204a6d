"""The catalog digest remembered within a process (conformance/_catalog/digest.py): reused only
while no covered file has changed, never for files changed a moment ago, and a tampered
catalog always gets its own digest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conformance._catalog import digest as digest_memo
from conformance._catalog.catalog import load_catalog
from conformance._catalog.digest import catalog_digest
from tests.minicatalog import write_catalog


@pytest.fixture(autouse=True)
def _fresh_memo():
    digest_memo.forget()
    yield
    digest_memo.forget()


@pytest.fixture
def settled(monkeypatch):
    """Every file counts as settled: the digest starts (as the memo sees it) an hour after now."""
    real = digest_memo.time.time_ns
    monkeypatch.setattr(digest_memo.time, "time_ns", lambda: real() + 3600 * 10**9)


def _counting(result: str = "d"):
    calls: list[int] = []

    def compute(_read=None) -> str:
        calls.append(1)
        return f"{result}{len(calls)}"

    return compute, calls


def _files(tmp_path: Path, count: int = 3) -> list[tuple[str, Path]]:
    files = []
    for i in range(count):
        path = tmp_path / f"f{i}.txt"
        path.write_bytes(b"abc%d" % i)
        files.append((path.name, path))
    return files


def _rewrite_keeping_size_and_mtime(path: Path, data: bytes) -> None:
    """Replace the bytes in place with as many others and put the modification time back
    (``os.utime``); written until the status-change time has moved, as it does once the file
    system's clock ticks (what the memo relies on for files older than SETTLE_NS)."""
    before = os.stat(path)
    assert len(data) == before.st_size
    while True:
        with path.open("r+b") as handle:
            handle.write(data)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        if os.stat(path).st_ctime_ns != before.st_ctime_ns:
            return


def test_unchanged_settled_files_are_digested_once(tmp_path, settled):
    files = _files(tmp_path)
    compute, calls = _counting()
    assert digest_memo.remembered(("k",), files, compute) == "d1"
    assert digest_memo.remembered(("k",), files, compute) == "d1"
    assert len(calls) == 1
    assert digest_memo.remembered(("other key",), files, compute) == "d2"  # the key is part of it


@pytest.mark.parametrize("change", ["same size, mtime put back", "longer", "replaced by rename", "removed",
                                    "added"])
def test_any_change_to_a_file_digests_again(tmp_path, settled, change):
    files = _files(tmp_path)
    compute, calls = _counting()
    digest_memo.remembered(("k",), files, compute)
    target = files[1][1]
    if change == "same size, mtime put back":
        _rewrite_keeping_size_and_mtime(target, b"XYZ1")
    elif change == "longer":
        target.write_bytes(b"abc1 and more")
    elif change == "replaced by rename":
        (tmp_path / "new").write_bytes(b"abc1")  # the very same bytes, another file
        os.replace(tmp_path / "new", target)
    elif change == "removed":
        target.unlink()
    else:
        extra = tmp_path / "f9.txt"
        extra.write_bytes(b"x")
        files = [*files, (extra.name, extra)]
    assert digest_memo.remembered(("k",), files, compute) == "d2"
    assert len(calls) == 2


def test_files_changed_a_moment_ago_are_read_every_time(tmp_path):
    """Without the pretended hour, the files just written are unsettled: never remembered,
    so an edit within the same clock tick cannot hide behind an unchanged identity."""
    files = _files(tmp_path)
    compute, calls = _counting()
    digest_memo.remembered(("k",), files, compute)
    digest_memo.remembered(("k",), files, compute)
    assert len(calls) == 2
    assert digest_memo._kept == {}


def test_the_remembered_digest_is_the_digest(tmp_path, settled):
    root = write_catalog(tmp_path / "catalog")
    first = catalog_digest(root, plugins={})
    assert catalog_digest(root, plugins={}) == first
    digest_memo.forget()
    assert catalog_digest(root, plugins={}) == first  # computed afresh: the same value


def test_a_tampered_catalog_gets_its_own_digest_even_when_remembered(tmp_path, settled):
    """The certification case: a suite module edited in place (same length, times put back)
    after its catalog's digest was remembered."""
    root = write_catalog(tmp_path / "catalog")
    before = load_catalog(root, plugins={}).digest
    assert load_catalog(root, plugins={}).digest == before
    module = root / "suites" / "identity" / "test_mini.py"
    text = module.read_bytes()
    _rewrite_keeping_size_and_mtime(module, text.replace(b"pass", b"None", 1))
    after = load_catalog(root, plugins={}).digest
    assert after != before
    digest_memo.forget()
    assert catalog_digest(root, plugins={}) == after


def _reading(files):
    """A compute that digests what ``read`` returns for each file (as catalog_digest does)."""
    def compute(read) -> str:
        return "|".join(read(path).decode() for _, path in files)
    return compute


@pytest.mark.parametrize("change", ["same size, mtime put back", "longer", "replaced by rename"])
def test_kept_bytes_are_read_again_once_a_file_changed(tmp_path, settled, change):
    """From the second computed digest on, settled files' bytes are kept; a digest under
    another key (another catalog over the same package files) reads them from memory only
    while their identity is unchanged."""
    files = _files(tmp_path)
    compute = _reading(files)
    assert digest_memo.remembered(("k1",), files, compute) == "abc0|abc1|abc2"
    assert digest_memo.remembered(("k2",), files, compute) == "abc0|abc1|abc2"  # kept from here on
    assert set(digest_memo._contents) == {str(path) for _, path in files}
    target = files[1][1]
    if change == "same size, mtime put back":
        _rewrite_keeping_size_and_mtime(target, b"XYZ1")
        expected = "XYZ1"
    elif change == "longer":
        target.write_bytes(b"abc1 and more")
        expected = "abc1 and more"
    else:
        (tmp_path / "new").write_bytes(b"new1")
        os.replace(tmp_path / "new", target)
        expected = "new1"
    assert digest_memo.remembered(("k3",), files, compute) == f"abc0|{expected}|abc2"


def test_a_process_digesting_once_keeps_no_bytes(tmp_path, settled):
    files = _files(tmp_path)
    digest_memo.remembered(("k1",), files, _reading(files))
    assert digest_memo._contents == {}


def _aged_folders(root: Path) -> None:
    """Every folder's modification time put an hour back, so that any entry added, removed or
    renamed in it later moves it, whatever the clock's tick."""
    hour_ago = os.stat(root).st_mtime_ns - 3600 * 10**9
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        os.utime(folder, ns=(hour_ago, hour_ago))


@pytest.mark.parametrize("change", ["a module added under fixtures", "a profile removed", "a suite file renamed",
                                    "a folder of requirements added"])
def test_a_walk_is_reused_only_while_no_folder_changed(tmp_path, settled, monkeypatch, change):
    """The files to digest are not chosen again while every folder walked is unchanged (one
    ``stat`` a folder); an entry added, removed or renamed anywhere in the catalog walks it
    again, and the digest is the one computed afresh."""
    root = write_catalog(tmp_path / "catalog")
    (root / "suites" / "identity" / "fixtures").mkdir()
    _aged_folders(root)
    first = catalog_digest(root, plugins={})
    listed: list[str] = []
    scandir = digest_memo.os.scandir
    monkeypatch.setattr(digest_memo.os, "scandir", lambda path: listed.append(str(path)) or scandir(path))
    assert catalog_digest(root, plugins={}) == first
    assert listed == []  # nothing walked again
    area = root / "suites" / "identity"
    if change == "a module added under fixtures":
        (area / "fixtures" / "conftest.py").write_text("X = 1\n", encoding="utf-8")
    elif change == "a profile removed":
        (root / "profiles" / "mini.yaml").unlink()
    elif change == "a suite file renamed":
        (area / "test_mini.py").rename(area / "test_other.py")
    else:
        (root / "suites" / "extra").mkdir()
        (root / "suites" / "extra" / "requirements.yaml").write_text("area: extra\n", encoding="utf-8")
    after = catalog_digest(root, plugins={})
    assert listed and after != first
    digest_memo.forget()
    assert catalog_digest(root, plugins={}) == after


def test_a_folder_holding_a_symbolic_link_is_walked_every_time(tmp_path, settled, monkeypatch):
    """A link's target can turn from a file into a folder with no change to the folder holding
    the link: such a walk is never reused."""
    root = write_catalog(tmp_path / "catalog")
    (root / "profiles" / "linked.yaml").symlink_to(root / "profiles" / "mini.yaml")
    _aged_folders(root)
    catalog_digest(root, plugins={})
    listed: list[str] = []
    scandir = digest_memo.os.scandir
    monkeypatch.setattr(digest_memo.os, "scandir", lambda path: listed.append(str(path)) or scandir(path))
    catalog_digest(root, plugins={})
    assert str(root / "profiles") in listed
