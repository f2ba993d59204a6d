"""A small self-contained catalog written for a test: the harness's own schemas, one area
(identity) with one requirement and its test module, one profile. Tests of loading, locking,
linting, parameters and running build on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conformance._catalog.catalog import load_catalog
from conformance.errors import HarnessInputError
from tests.paths import ROOT

REQUIREMENT = {
    "id": "ID-DOC-901",
    "level": "MUST",
    "title": {"en": "A title", "zh": "标题"},
    "statement": {"en": "A statement.", "zh": "一条陈述。"},
    "source": {"policy": ["SH-GUIDE 3.1.3-identity"]},
    "testing": "automated",
}
TEST_MODULE = '''import pytest


@pytest.mark.requirement("ID-DOC-901")
def test_something():
    pass
'''
PROFILE = {
    "id": "mini",
    "version": "1.0.0",
    "title": {"en": "Mini", "zh": "迷你"},
    "targets": {"files": {"kind": "file"}},
    "requirements": ["ID-DOC-901"],
}


def write_catalog(root: Path, requirements=None, test_module=TEST_MODULE, profile=None) -> Path:
    """A small self-contained catalog: the harness's own schemas, one area, one profile."""
    for folder in ("catalog", "manifest", "report", "certification", "assessment"):
        shutil.copytree(ROOT / "schemas" / folder, root / "schemas" / folder)
    area = root / "suites" / "identity"
    area.mkdir(parents=True)
    document = {"area": "identity", "requirements": requirements or [REQUIREMENT]}
    (area / "requirements.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    (area / "test_mini.py").write_text(test_module, encoding="utf-8")
    (root / "profiles").mkdir()
    (root / "profiles" / "mini.yaml").write_text(yaml.safe_dump(profile or PROFILE), encoding="utf-8")
    return root


def lock(root: Path) -> Path:
    """Record the catalog's test lock as ``conformance catalog lock`` does (none is written
    when a test module cannot be collected, or the catalog does not load)."""
    from conformance._run.collect import lock_catalog

    try:
        catalog = load_catalog(root, plugins={})
    except HarnessInputError:  # what a test of loading is about: no lock to write
        return root
    lock_catalog(catalog)
    return root
