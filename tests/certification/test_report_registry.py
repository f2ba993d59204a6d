"""The report's schemas are compiled once per process for the bytes they have: verifying a
cohort's reports (``programme run``, ``certify``) must not build, and hold, a registry per
report; a schema whose bytes change is compiled afresh."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conformance._catalog import catalog
from conformance.certification import verify


def test_the_report_registry_is_built_once_for_the_same_schemas():
    first = verify._report_registry()
    assert verify._report_registry() is first
    assert len(verify._REPORT_REGISTRY) == 1


def test_a_changed_schema_is_compiled_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = tmp_path / "root"
    for part in ("report", "catalog"):
        shutil.copytree(catalog.default_root() / "schemas" / part, root / "schemas" / part)
    monkeypatch.setattr(catalog, "default_root", lambda: root)
    before = verify._report_registry()
    some = sorted((root / "schemas" / "report").rglob("*.json"))[0]
    some.write_bytes(some.read_bytes().rstrip() + b"\n\n")  # other bytes, the same schema
    after = verify._report_registry()
    assert after is not before and len(verify._REPORT_REGISTRY) == 1
