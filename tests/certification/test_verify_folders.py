"""``verify`` follows the links of the run folder and of the inputs folder once each, not
again for every subject it hashes inside them (a run signs thousands of subjects)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conformance.certification.attestation import load_public_key
from conformance.certification.verify import Rejected, verify
from tests.hostile.bounds_cases import _signed


def _subject(name: str, data: bytes, kind: str) -> dict[str, object]:
    return {"name": name, "digest": {"sha256": hashlib.sha256(data).hexdigest()},
            "annotations": {"kind": kind, "role": "x"}}


def test_each_folder_is_resolved_once_for_all_its_subjects(tmp_path, monkeypatch):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    files = {f"d{index}.json": b"[%d]" % index for index in range(3)}
    views = {f"v{index}.html": b"<p>%d</p>" % index for index in range(2)}  # written beside the report
    run_folder = _signed(tmp_path, [*(_subject(name, data, "file") for name, data in files.items()),
                                    *(_subject(name, data, "view") for name, data in views.items())])
    for folder, written in ((inputs, files), (run_folder, views)):
        for name, data in written.items():
            (folder / name).write_bytes(data)
    resolved: list[Path] = []
    real = Path.resolve

    def counting(self: Path, strict: bool = False) -> Path:
        resolved.append(self)
        return real(self, strict)

    monkeypatch.setattr(Path, "resolve", counting)
    # Every subject is hashed and matches; the statement then lacks the report's own subject.
    with pytest.raises(Rejected, match="the statement has no report.json subject"):
        verify(run_folder, [load_public_key(tmp_path / "k.pub")], inputs=inputs)
    assert resolved.count(inputs) == 1
    assert resolved.count(run_folder) == 1
