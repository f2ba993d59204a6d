"""A file a check streams (a capture, an asset history) is hashed as it is read: the run's
subjects bind the very bytes judged, without reading the file a second time, and a streamed
file over the target's ``max_file_bytes`` (read in bounded memory, never whole) is bound too."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from conformance.adapters import AdapterContext
from conformance.adapters.file import FileAdapter
from conformance.certification import subjects as subjects_module
from tests.conftest import manifest_for
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "terminal" / "fixtures"
BYTES = b"".join(b'{"line": %d}\n' % k for k in range(5_000))


def _adapter(tmp_path: Path, **config) -> FileAdapter:
    context = AdapterContext(tmp_path / "m.yaml", {})
    return FileAdapter("files", {"adapter": "file", "paths": ["data/*"], **config}, context)


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    path = tmp_path / "data" / name
    path.write_bytes(data)
    return path


def _read_to_end(adapter: FileAdapter, path: Path) -> bytes:
    with adapter.open(path) as stream:
        return b"".join(iter(lambda: stream.read(1000), b""))


@pytest.fixture
def no_second_read(monkeypatch):
    def refuse(path, root=None):
        raise AssertionError(f"{path} hashed again after it was streamed")

    monkeypatch.setattr(subjects_module, "sha256_file", refuse)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_streamed_file_is_declared_by_the_bytes_read(tmp_path, no_second_read):
    path = _file(tmp_path, "capture.ndjson", BYTES)
    adapter = _adapter(tmp_path)
    assert _read_to_end(adapter, path) == BYTES
    assert adapter.subjects() == [{"name": "data/capture.ndjson", "digest": {"sha256": _sha256(BYTES)},
                                   "annotations": {"kind": "file", "role": "files"}}]


def test_a_gzip_file_is_declared_by_its_compressed_bytes(tmp_path, no_second_read):
    packed = gzip.compress(BYTES)
    path = _file(tmp_path, "capture.ndjson.gz", packed)
    adapter = _adapter(tmp_path)
    assert _read_to_end(adapter, path) == BYTES
    (subject,) = adapter.subjects()
    assert subject["digest"]["sha256"] == _sha256(packed)


def test_a_streamed_file_over_the_cap_is_bound_and_an_unread_one_is_not(tmp_path, no_second_read):
    streamed = _file(tmp_path, "a.ndjson", BYTES)
    _file(tmp_path, "b.ndjson", BYTES + b"{}\n")  # never opened: over the cap, it was not read
    adapter = _adapter(tmp_path, max_file_bytes=1_000)
    _read_to_end(adapter, streamed)
    assert [s["name"] for s in adapter.subjects()] == ["data/a.ndjson"]


def test_a_stream_left_before_its_end_is_hashed_afresh(tmp_path):
    path = _file(tmp_path, "capture.ndjson", BYTES)
    adapter = _adapter(tmp_path)
    with adapter.open(path) as stream:
        stream.read(10)
    (subject,) = adapter.subjects()
    assert subject["digest"]["sha256"] == _sha256(BYTES) and "changed" not in subject["annotations"]


def test_a_file_changed_after_it_was_read_keeps_the_judged_digest_and_says_so(tmp_path, no_second_read):
    path = _file(tmp_path, "capture.ndjson", BYTES)
    adapter = _adapter(tmp_path)
    _read_to_end(adapter, path)
    path.write_bytes(BYTES.replace(b"1", b"2"))  # the same length: only the identity tells
    (subject,) = adapter.subjects()
    assert subject["digest"]["sha256"] == _sha256(BYTES)
    assert subject["annotations"]["changed"] == "after it was read"


def test_a_file_that_grows_after_its_end_is_read_on_and_declared_by_every_byte_read(tmp_path, no_second_read):
    """A capture still being written: the reader met its end, then read what was appended
    (the stream must not fail there), and the subject binds every byte judged."""
    path = _file(tmp_path, "capture.ndjson", BYTES)
    adapter = _adapter(tmp_path)
    with adapter.open(path) as stream:
        first = stream.read()
        with path.open("ab") as more:
            more.write(b'{"line": -1}\n')
        assert first + stream.read() == BYTES + b'{"line": -1}\n'
    (subject,) = adapter.subjects()
    assert subject["digest"]["sha256"] == _sha256(BYTES + b'{"line": -1}\n')
    assert subject["annotations"]["changed"] == "after it was read"  # it grew after it was opened


def test_a_run_binds_a_capture_over_the_cap_without_reading_it_twice(catalog, run_manifest, tmp_path, monkeypatch):
    capture = FIXTURES / "cap-dropped-frames.ndjson"
    hashed: list[Path] = []
    sha256_file = subjects_module.sha256_file
    monkeypatch.setattr(subjects_module, "sha256_file", lambda path, root=None: (hashed.append(path),
                                                                                   sha256_file(path, root))[1])
    manifest = manifest_for(catalog, "terminal-hmd-6dof", files={"captures": [capture.name]})
    manifest["targets"]["captures"]["max_file_bytes"] = capture.stat().st_size // 2
    result = run_manifest(manifest, requirements=["TD-RATE-002"], formats=["json"])
    (declared,) = [i for i in result.report.inputs if i["name"].endswith(capture.name)]
    assert declared["sha256"] == _sha256(capture.read_bytes()) and declared["role"] == "captures"
    assert capture.resolve() not in {p.resolve() for p in hashed}
