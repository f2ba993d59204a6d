"""A small self-contained catalog written for a test: the harness's own schemas, one area
(identity) with one requirement and its test module, one profile. Tests of loading, locking,
linting, parameters and running build on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conformance._catalog.catalog import Catalog, load_catalog
from conformance._catalog.lock import LOCK_NAME, Lock, has_suites
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


#: The catalog's own files under suites/: the loader reads them, a collection does not (the
#: plugin reads no catalog without a manifest), so they are left out of a collection's key
#: (the test lock among them: a collection writes it, never reads it)
_NOT_COLLECTED = frozenset({"requirements.yaml", "known_bad.yaml", "policy-clauses.yaml", "standards.yaml",
                            "renumbered.yaml", LOCK_NAME})
#: What collecting found, by what it is a function of (:func:`_collection_key`): the root's
#: lock with node IDs relative to its suites/, or None where a module could not be collected.
#: Tests write hundreds of small catalogs that differ in their requirements' wording and
#: share a test module: each was collected twice (for its lock here, then by the lint under
#: test), half a second each; now once where the lint collects it. At most this many kept:
_COLLECTED: dict[tuple[tuple[str, ...], tuple[tuple[str, bytes], ...]], Lock | None] = {}
_MAX_COLLECTED = 64


def _collection_key(catalog: Catalog) -> tuple[tuple[str, ...], tuple[tuple[str, bytes], ...]]:
    """What a collection of ``catalog``'s suites reads: the arguments a run gives pytest (the
    suites' folders, the configuration; the root's path put as ``<root>``), and every file
    under suites/ but the catalog's own (each module, conftest, fixture, by relative path
    and bytes; not pytest's __pycache__, which the collection itself writes)."""
    from conformance._run.suiteargs import pytest_args

    root = catalog.root
    args = tuple(arg.replace(str(root), "<root>") for arg in pytest_args(catalog, catalog.requirements,
                                                                          ["--collect-only"]))
    files = tuple(sorted((path.relative_to(root).as_posix(), path.read_bytes())
                         for path in (root / "suites").rglob("*")
                         if path.is_file() and "__pycache__" not in path.parts and path.name not in _NOT_COLLECTED))
    return args, files


def lock(root: Path) -> Path:
    """Record the catalog's test lock as ``conformance catalog lock`` does (none is written
    when a test module cannot be collected, or the catalog does not load). The catalog is
    loaded each time; the suites are collected once a process for the same suites and
    arguments (:data:`_COLLECTED`), and the lock written from what was found, as
    ``lock_catalog`` writes it."""
    from conformance._io.outputs import atomic_write
    from conformance._run.collect import Collection, collect, stale_locks

    try:
        catalog = load_catalog(root, plugins={})
    except HarnessInputError:  # what a test of loading is about: no lock to write
        return root
    if not has_suites(catalog.root):
        return root
    key = _collection_key(catalog)
    if key not in _COLLECTED:
        collection = collect(catalog)
        assert set(collection.locks) == {catalog.root}, collection.locks  # no plug-in catalog here
        if len(_COLLECTED) >= _MAX_COLLECTED:
            _COLLECTED.pop(next(iter(_COLLECTED)))
        _COLLECTED[key] = None if collection.errors else collection.locks[catalog.root]
    found = _COLLECTED[key]
    if found is not None:
        for path, data in stale_locks(Collection({catalog.root: dict(found)})).items():
            atomic_write(path, data)
    return root


def lint_collections_from_locks(monkeypatch) -> None:
    """For the rest of the test, a lint's collection of a small catalog (``keys._test_problems``
    calls ``conformance._run.collect.collect``) is what :func:`lock` found collecting the same
    suites with the same arguments (:data:`_COLLECTED`, keyed by both): each lint test wrote
    its catalog with :func:`lock` and then collected the same files again in the lint (~20 ms
    a test). Anything else (other paths, a plug-in catalog's folder, a module that could not
    be collected, suites :func:`lock` never saw) is collected as before."""
    from conformance._catalog.lock import has_suites
    from conformance._run import collect as collecting

    real = collecting.collect

    def collect(catalog: Catalog, paths=None):
        folders = [folder for folder in catalog.roots.values() if has_suites(folder)]
        if paths is None and catalog.requirements and folders == [catalog.root]:
            found = _COLLECTED.get(_collection_key(catalog))
            if found is not None:
                return collecting.Collection({catalog.root: dict(found)})
        return real(catalog, paths)

    monkeypatch.setattr(collecting, "collect", collect)
