"""The reference reads the catalog's schemas once per process, not once per app (issue 77 item
7: the known-bad tests make over a thousand apps a suite), and reads them again when a file
changes (reference/assets/routes.py ``catalog_schemas``). The catalog's own schemas are
meta-validated only where the catalog cache does not vouch for their bytes, as a catalog load
takes them (issue 77 item 7, fifth pass: 0.64 CPU-s in each process that starts a reference)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import conformance._catalog.schemas as schemas_module
from conformance import load_catalog
from conformance._catalog.catalog import default_root
from conformance._catalog.schemas import SchemaRegistry
from conformance.errors import CatalogError
from conformance.reference.assets import routes
from conformance.reference import create_app
from conformance.reference.assets.routes import catalog_schemas

SCHEMA_ID = "https://metaverse-conformance.org/schemas/test/record.json"


def _write(path, required):
    path.write_text(json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
                                "type": "object", "required": required}), encoding="utf-8")


def test_apps_share_the_schemas_until_a_file_changes(tmp_path):
    schema = tmp_path / "record.json"
    _write(schema, ["a"])
    first = catalog_schemas(tmp_path)
    assert catalog_schemas(tmp_path) is first  # read once
    assert first.findings({"a": 1}, SCHEMA_ID) == []
    _write(schema, ["a", "b"])  # another size: read again, and judged by what the file now says
    second = catalog_schemas(tmp_path)
    assert second is not first
    assert [finding.extra["check"] for finding in second.findings({"a": 1}, SCHEMA_ID)] == ["required"]


def test_apps_made_one_after_another_read_the_catalogs_schemas_once(monkeypatch):
    create_app(frozenset())  # whatever this process made before: the schemas are read by now
    read = []
    original = SchemaRegistry.from_directories.__func__

    def counted(cls, roots, checked_before=None):
        read.append(roots)
        return original(cls, roots, checked_before)

    monkeypatch.setattr(SchemaRegistry, "from_directories", classmethod(counted))
    create_app(frozenset())
    create_app(frozenset({"asset-invalid-metadata"}))
    assert read == []
    assert catalog_schemas(default_root() / "schemas") is catalog_schemas(default_root() / "schemas")


def _meta_validations(monkeypatch):
    """Count the schemas meta-validated from now on, as if this process had checked none before."""
    checked = []
    original = schemas_module._check_schema
    monkeypatch.setattr(schemas_module, "_check_schema", lambda schema: (checked.append(schema), original(schema)))
    monkeypatch.setattr(schemas_module, "_META_VALID", set())
    monkeypatch.setattr(routes, "_SCHEMAS", {})
    return checked


def test_the_catalogs_schemas_the_cache_vouches_for_are_not_meta_validated_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFORMANCE_CACHE_DIR", str(tmp_path / "cache"))
    load_catalog()  # checks the catalog and records it in the (empty) cache
    checked = _meta_validations(monkeypatch)
    load_catalog()
    assert checked == []  # the catalog load skips the checks the cache vouches for ...
    schemas = catalog_schemas(default_root() / "schemas")
    assert checked == []  # ... and so does the reference, for the same bytes
    assert len(schemas.ids()) > 50 and schemas.findings({}, routes.METADATA_SCHEMA)  # every schema, judging


def test_without_the_caches_word_the_catalogs_schemas_are_meta_validated(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFORMANCE_CACHE_DIR", str(tmp_path / "empty"))  # nothing recorded under this digest
    checked = _meta_validations(monkeypatch)
    catalog_schemas(default_root() / "schemas")
    assert len(checked) > 50


def test_a_schema_outside_the_catalog_is_meta_validated(tmp_path):
    (tmp_path / "record.json").write_text(json.dumps({"$id": SCHEMA_ID, "type": 5}), encoding="utf-8")
    with pytest.raises(CatalogError):
        catalog_schemas(tmp_path)


def _rglob_files(folder):
    """What the staleness check compared before it walked the folders itself: pathlib's walk."""
    return tuple(sorted((str(path), stat.st_size, stat.st_mtime_ns)
                        for path in folder.rglob("*") if path.is_file() for stat in (path.stat(),)))


def test_the_staleness_check_sees_the_files_pathlibs_walk_sees(tmp_path):
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "beyond.json").write_text("{}", encoding="utf-8")
    folder = tmp_path / "schemas"
    (folder / "nested" / "deeper").mkdir(parents=True)
    (folder / "empty").mkdir()
    for name, text in {"a.json": "{}", ".hidden.json": "{ }", "nested/b.json": "[]", "nested/deeper/c.json": "1"}.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "linked.json").symlink_to(folder / "a.json")  # a link to a file: a file, its target's size
    (folder / "nowhere.json").symlink_to(folder / "missing.json")  # a link to nothing: no file
    (folder / "linked-folder").symlink_to(outside, target_is_directory=True)  # not entered
    walked = routes._files_as_they_are(folder)
    assert walked == _rglob_files(folder)
    assert {Path(path).relative_to(folder).as_posix() for path, _, _ in walked} == {
        "a.json", ".hidden.json", "nested/b.json", "nested/deeper/c.json", "linked.json"}
    assert routes._files_as_they_are(default_root() / "schemas") == _rglob_files(default_root() / "schemas")
    assert routes._files_as_they_are(tmp_path / "gone") == _rglob_files(tmp_path / "gone") == ()
