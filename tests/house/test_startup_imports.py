"""What a start costs: ``conformance validate`` of one DID document imports only what that run
uses (bench/startup.py measures the time; this holds the list, which does not depend on timing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.reference import SAMPLES

#: Libraries and modules a run of identity-document on a DID document never needs: property
#: tests, HTTP, HTML views, arrays, signing keys (an unsigned run), JSON-LD, the reference
#: server, pytest's XML report, the progress bar (--no-progress), the glTF validator runner,
#: certification plans and assessment records (neither given), the drafting tools; and
#: python-jsonschema with referencing and the format validators: the compiled validator
#: decides valid documents, python-jsonschema only explains a rejection (the catalog cache
#: warm: a cold cache meta-validates the schemas with it); rich: a passing run's summary off a
#: terminal is plain text (conformance._run.plainsummary); the terminal area's compiled number
#: parser (imported on the first array of numbers read).
NOT_IMPORTED = ("hypothesis", "httpx", "jinja2", "numpy", "cryptography", "pyld", "uvicorn", "starlette",
                "xml.etree", "rich.progress", "conformance._run.progress", "conformance.areas._shared.khronos",
                "conformance.certification.verify", "conformance.programme.cohort", "conformance.certification.plans",
                "conformance.certification.assessments", "conformance.drafting",
                "jsonschema", "referencing", "jsonschema_specifications", "rfc3986_validator", "rfc3339_validator",
                "rich", "conformance.areas.scenes.ids", "conformance.areas.scenes.ifc",
                "_conformance_numbers")

PROBE = """
import json, sys
from conformance.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _validate_modules(out: Path, *args: str) -> tuple[object, list[str]]:
    sample = SAMPLES / "did_documents" / "did-key-ed25519.json"
    cache = out.parent / "catalog-cache"  # the test's own, warmed by a first run
    done = subprocess.run([sys.executable, "-c", PROBE, "validate", "--profile", "identity-document",
                           "--format", "json", "--no-progress", "-q", "--out", str(out), *args, str(sample)],
                          capture_output=True, text=True, check=True, timeout=300,
                          env={**os.environ, "CONFORMANCE_CACHE_DIR": str(cache)})
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["code"], result["modules"]


def _excluded(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == name or m.startswith(name + ".") for name in NOT_IMPORTED)]


@pytest.mark.slow  # two whole `conformance validate` processes
def test_validating_a_did_document_imports_nothing_it_does_not_use(tmp_path):
    _validate_modules(tmp_path / "warm")  # fills the catalog cache (a cold one meta-validates the schemas)
    code, modules = _validate_modules(tmp_path / "out")
    assert code in (0, None), code
    assert (tmp_path / "out" / "report.json").is_file()  # the run happened, its suite ran under pytest
    assert "conformance._run.engine" in modules and "_pytest.main" in modules
    assert _excluded(modules) == []


def test_the_list_is_checked_against_what_was_imported():
    # The check can fail: a module of the list among those imported is reported.
    assert _excluded(["numpy.core", "conformance._run.engine", "cryptography", "xml.etree.ElementTree"]) == [
        "numpy.core", "cryptography", "xml.etree.ElementTree"]


def test_a_programme_coordinator_does_not_import_the_engine():
    """``programme run`` dispatches participant runs to their own processes: the coordinator
    itself never runs a suite, so it imports neither the engine nor pytest."""
    probe = ("import json, sys, conformance.cli.commands, conformance.programme.commands; "
             "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=300)
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert [m for m in modules if m in ("conformance._run.engine", "pytest", "_pytest")] == []


def test_a_relying_party_verifying_a_certificate_does_not_load_the_issuer(tmp_path):
    """``conformance verify CERTIFICATE.json`` reads what the programme published (the log's
    format, the certificate's): not the history, its database, the log's writer or the issuer,
    which cost a relying party half of the command's time."""
    certificate = tmp_path / "certificate.json"
    certificate.write_text('{"type": ["VerifiableCredential"]}', encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", PROBE, "verify", str(certificate)], capture_output=True, text=True,
                          timeout=300)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 1 and "is not a ConformanceCertificate" in done.stdout  # judged, so it was read
    assert "conformance.programme.certverify" in result["modules"]
    issuer = ("sqlalchemy", "conformance.programme.history", "conformance.programme.ledger",
              "conformance.programme.certify", "conformance.programme.audit")
    assert [m for m in result["modules"] if m in issuer] == []
