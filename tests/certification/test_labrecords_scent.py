"""A run judging TD-OLF-006 (``measures: instrument``) on the laboratory's scent analyses record is checked against
the laboratory signed records as its captures are (seventy-fourth reading, d1): the record is a measuring data file
the laboratory makes, its chromatograph the instrument, named by serial in the signed record (E.7), but until the
terminal area declared it (``conformance_instruments``) a signed record naming the capture alone certified the run
while the chromatography it rests on was vouched for by nobody."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conformance._catalog.catalog import load_catalog
from conformance.certification import labrecords

from .labfixtures import CAPTURES, lab_key, record, write_record

SIGNED_AT = datetime(2026, 11, 21, tzinfo=UTC)
BENCH = "scent-interface-bench.ndjson.gz"
ANALYSES = CAPTURES.parent / "scent_analyses" / "scent-identity.json"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def signed(tmp_path: Path, catalog, files: list[Path], serials: list[str]) -> Path:
    doc = record([BENCH], ["TD-OLF-006"], serials)
    doc["captures"] = [{"file": f.name, "sha256": digest(f)} for f in files]
    out = tmp_path / "lab.json"
    labrecords.sign(write_record(tmp_path / "lab.yaml", doc), lab_key(), out, catalog, SIGNED_AT)
    return out


def run(tmp_path: Path, analyses: Path, records: list[Path]):
    from conformance._run.engine import run as run_manifest

    lines = ["product: {name: Example Diffuser, version: '1', vendor: Example}",
             "profiles: [{id: terminal-haptics, features: [scent-identity]}]", "targets:",
             f"  captures: {{adapter: file, paths: [{str(CAPTURES / BENCH)!r}]}}",
             f"  scent_analyses: {{adapter: file, paths: [{str(analyses)!r}]}}"]
    if records:
        lines.append(f"  laboratory_records: {{adapter: file, paths: {[str(r) for r in records]!r}}}")
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text("\n".join(lines) + "\n")
    report = run_manifest(manifest, requirements=["TD-OLF-006"], out_dir=tmp_path / "out", formats=["json"]).report
    assert {r.requirement: r.verdict.value for r in report.requirements} == {"TD-OLF-006": "pass"}
    return report, [p["problem"] for p in report.laboratory["problems"]] if report.laboratory else None


def test_a_record_naming_the_bench_capture_alone_cannot_certify_the_chromatography(tmp_path, catalog):
    bench = CAPTURES / BENCH
    report, problems = run(tmp_path, ANALYSES, [signed(tmp_path, catalog, [bench], ["PID-0001"])])
    assert report.laboratory["certifiable"] is False
    assert problems == ["no laboratory record names its SHA-256"]
    assert [c["name"].rsplit("/", 1)[-1] for c in report.laboratory["captures"]] == [BENCH, ANALYSES.name]


def test_a_record_naming_the_analyses_and_the_chromatograph_certifies(tmp_path, catalog):
    report, problems = run(tmp_path, ANALYSES,
                           [signed(tmp_path, catalog, [CAPTURES / BENCH, ANALYSES], ["PID-0001", "GC-0042"])])
    assert problems == [] and report.laboratory["certifiable"] is True


def test_a_chromatograph_the_record_does_not_list_is_named(tmp_path, catalog):
    report, problems = run(tmp_path, ANALYSES, [signed(tmp_path, catalog, [CAPTURES / BENCH, ANALYSES], ["PID-0001"])])
    assert report.laboratory["certifiable"] is False
    assert problems == ["the instrument at chromatograph (Reference GC-MS 7800) is serial GC-0042; lab.json's "
                        "calibrations are for PID-0001, other instruments"]


def test_a_chromatograph_declaring_no_serial_cannot_certify(tmp_path, catalog):
    doc = json.loads(ANALYSES.read_text(encoding="utf-8"))
    doc["chromatograph"].pop("serial")
    analyses = tmp_path / "scent-identity.json"
    analyses.write_text(json.dumps(doc), encoding="utf-8")
    report, problems = run(tmp_path, analyses,
                           [signed(tmp_path, catalog, [CAPTURES / BENCH, analyses], ["PID-0001", "GC-0042"])])
    assert problems == ["the instrument at chromatograph (Reference GC-MS 7800) declares no serial, so no "
                        "calibration certificate is named for it"]
