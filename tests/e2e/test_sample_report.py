"""reports/sample/ holds a small report in every view (JSON, JUnit, HTML, EARL), so that a pilot
program can see what it gets before running anything. This test regenerates it from a real
run and compares: a change to what reports hold or how they look shows up here.

    UPDATE_SAMPLE_REPORT=1 pytest tests/e2e/test_sample_report.py     # after an intended change

Only what differs on every run is fixed before writing (times, durations, the environment,
the harness version and catalog digest); everything else is what the run produced.
"""

from __future__ import annotations

import os
import shutil

from conformance._catalog.model import Harness, Report
from conformance.reference import SAMPLES
from conformance.report import FILENAMES, write_reports
from tests.conftest import fixture_path
from tests.paths import ROOT

SAMPLE = ROOT / "reports" / "sample"
MANIFEST = {
    "product": {"name": "Sample Identity Service", "version": "1.0", "vendor": "Sample Vendor"},
    "profiles": ["identity-document"],
    "targets": {"did_documents": {"adapter": "file", "paths": ["did_documents/*.json"]}},
}


def _steady(report: Report) -> Report:
    """The report with what changes from run to run fixed."""
    return report.model_copy(update={
        "harness": Harness(name=report.harness.name, version="0.0.0"),
        "catalog_digest": "sha256:" + "0" * 64,
        "environment": {"python": "3.x", "platform": "any", "pytest": "8.x"},
        "started": "2026-01-01T00:00:00.000Z",
        "finished": "2026-01-01T00:00:01.000Z",
        "tests": [t.model_copy(update={"duration_s": 0.0}) for t in report.tests],
    })


def test_the_committed_sample_report_is_what_a_run_writes(tmp_path, run_manifest):
    data = tmp_path / "did_documents"
    data.mkdir()
    shutil.copy(SAMPLES / "did_documents" / "did-key-ed25519.json", data)
    shutil.copy(SAMPLES / "did_documents" / "did-web-identity.json", data)
    shutil.copy(fixture_path("identity", "did-doc-invalid.json"), data)
    result = run_manifest(MANIFEST)  # written beside the data, as tmp_path/manifest.yaml
    assert result.exit_code == 1  # the invalid document makes the sample product not conformant
    written = tmp_path / "written"
    write_reports(_steady(result.report), written, tuple(FILENAMES), "en")

    if os.environ.get("UPDATE_SAMPLE_REPORT"):
        SAMPLE.mkdir(parents=True, exist_ok=True)
        for name in FILENAMES.values():
            shutil.copy(written / name, SAMPLE / name)
    for name in FILENAMES.values():
        expected = (SAMPLE / name).read_text(encoding="utf-8")
        assert (written / name).read_text(encoding="utf-8") == expected, (
            f"reports/sample/{name} differs from what a run writes now; if the change is intended, "
            "regenerate with UPDATE_SAMPLE_REPORT=1 pytest tests/e2e/test_sample_report.py")
