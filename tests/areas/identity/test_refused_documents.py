"""A file the test equipment refuses to read through ``FileAdapter.documents`` (over its
``max_file_bytes`` cap, a link out of its declared folder) cannot be obtained: it is left
unjudged, naming the file and the refusal, never a finding of the product; a file that opens
but does not parse stays a finding (thirty-seventh reading's leftovers, part m2)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conformance._record import evidence as evidence_module
from conformance._record.evidence import Evidence
from conformance.adapters import AdapterContext
from conformance.adapters.file import FileAdapter
from conformance.reference import SAMPLES

GOOD = SAMPLES / "did_documents" / "did-key-ed25519.json"


def _adapter(tmp_path: Path, **config) -> FileAdapter:
    return FileAdapter("files", {"adapter": "file", "paths": ["data/*"], **config}, AdapterContext(tmp_path / "m.yaml", {}))


def _read(adapter: FileAdapter) -> tuple[list[str], Evidence]:
    evidence = Evidence()
    with evidence_module.recording(evidence):
        names = [doc.name for doc in adapter.documents()]
    return names, evidence


def test_an_over_cap_and_a_linked_file_are_unjudged_a_broken_one_a_finding(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a-small.json").write_bytes(b"{}")
    (folder / "b-large.json").write_bytes(b'{"pad": "' + b"x" * 200 + b'"}')
    (tmp_path / "elsewhere.json").write_bytes(b"{}")
    os.symlink(tmp_path / "elsewhere.json", folder / "c-linked.json")
    (folder / "d-broken.json").write_bytes(b"{not json")
    names, evidence = _read(_adapter(tmp_path, max_file_bytes=100))
    assert names == ["data/a-small.json"]
    assert sorted(evidence.unjudged_inputs) == ["data/b-large.json", "data/c-linked.json"]
    assert evidence.findings_count == 1  # the file that opens and does not parse, only


def test_id_doc_001_beside_a_good_document_is_inconclusive_not_failed(tmp_path, run_manifest):
    folder = tmp_path / "dids"
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.json")
    (tmp_path / "elsewhere.json").write_bytes(GOOD.read_bytes())
    os.symlink(tmp_path / "elsewhere.json", folder / "linked.json")
    manifest = {"product": {"name": "p", "version": "1"}, "profiles": ["identity-document"],
                "targets": {"did_documents": {"adapter": "file", "paths": [str(folder)]}}}
    report = run_manifest(manifest).report
    verdict = {r.requirement: r for r in report.requirements}["ID-DOC-001"]
    assert verdict.verdict.value == "inconclusive"
    assert any(e.get("unjudged") and e.get("file", "").endswith("linked.json") for e in verdict.evidence)
