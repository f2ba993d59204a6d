"""The reference reads the catalog's schemas once per process, not once per app (issue 77 item
7: the known-bad tests make over a thousand apps a suite), and reads them again when a file
changes (reference/assets/routes.py ``catalog_schemas``)."""

from __future__ import annotations

import json

from conformance._catalog.catalog import default_root
from conformance._catalog.schemas import SchemaRegistry
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
    assert [finding.rule for finding in second.findings({"a": 1}, SCHEMA_ID)] == ["required"]


def test_apps_made_one_after_another_read_the_catalogs_schemas_once(monkeypatch):
    create_app(frozenset())  # whatever this process made before: the schemas are read by now
    read = []
    original = SchemaRegistry.from_directory.__func__

    def counted(cls, root):
        read.append(root)
        return original(cls, root)

    monkeypatch.setattr(SchemaRegistry, "from_directory", classmethod(counted))
    create_app(frozenset())
    create_app(frozenset({"asset-invalid-metadata"}))
    assert read == []
    assert catalog_schemas(default_root() / "schemas") is catalog_schemas(default_root() / "schemas")
