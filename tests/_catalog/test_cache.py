"""The catalog cache: a load with the cache gives the very catalog a load without it gives;
a changed file is never served from it; a broken entry, a failing catalog or a cache
turned off change nothing but the time."""

from __future__ import annotations

import pytest
import yaml

from conformance._catalog.catalog import load_catalog
from conformance.errors import HarnessInputError
from tests.minicatalog import PROFILE, REQUIREMENT, write_catalog


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONFORMANCE_CACHE_DIR", str(folder))
    return folder


def _same(a, b) -> None:
    assert a.requirements == b.requirements and a.profiles == b.profiles and a.digest == b.digest
    assert a.requirement_files == b.requirement_files and a.profile_files == b.profile_files
    assert {i: a.schemas.get(i) for i in a.schemas.ids()} == {i: b.schemas.get(i) for i in b.schemas.ids()}
    assert a.schemas.files == b.schemas.files


def test_a_cached_load_is_the_same_catalog(cache):
    cold = load_catalog()
    assert len(list(cache.glob("catalog-*.json"))) == 1
    _same(cold, load_catalog())


def test_a_changed_file_is_read_again(cache, tmp_path):
    root = write_catalog(tmp_path / "catalog")
    assert load_catalog(root, plugins={}).profiles["mini"].title.en == "Mini"
    (root / "profiles" / "mini.yaml").write_text(yaml.safe_dump({**PROFILE, "title": {"en": "Changed", "zh": "改"}}),
                                                 encoding="utf-8")
    assert load_catalog(root, plugins={}).profiles["mini"].title.en == "Changed"
    assert len(list(cache.glob("catalog-*.json"))) == 2


def test_a_broken_entry_is_ignored(cache, tmp_path):
    root = write_catalog(tmp_path / "catalog")
    first = load_catalog(root, plugins={})
    for entry in cache.glob("catalog-*.json"):
        entry.write_bytes(b"{not json")
    _same(first, load_catalog(root, plugins={}))


def test_a_failing_catalog_is_never_cached(cache, tmp_path):
    root = write_catalog(tmp_path / "catalog", requirements=[{**REQUIREMENT, "level": "MAYBE"}])
    for _ in range(2):
        with pytest.raises(HarnessInputError):
            load_catalog(root, plugins={})
    assert not cache.exists() or not list(cache.glob("catalog-*.json"))


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFORMANCE_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_catalog(write_catalog(tmp_path / "catalog"), plugins={})
    assert not list(tmp_path.rglob("catalog-*.json"))


@pytest.mark.parametrize("entry", [b'{"format": 1}', b'{"format": 2}', b'{"format": 2, "validated": []}',
                                   b'{"format": 2, "validated": {"x": 1}}', b"[]", b"null"])
def test_an_odd_entry_is_dropped_without_a_traceback(cache, tmp_path, entry):
    root = write_catalog(tmp_path / "catalog")
    first = load_catalog(root, plugins={})
    for path in cache.glob("catalog-*.json"):
        path.write_bytes(entry)
    _same(first, load_catalog(root, plugins={}))


def test_a_poisoned_cache_changes_no_verdict(cache):
    """Issue 24: the cache holds no content, only which bytes passed their checks; every
    schema is read from the catalog itself, so editing a schema inside the cache (or adding
    one) changes nothing the catalog says."""
    cold = load_catalog()
    for path in cache.glob("catalog-*.json"):
        text = path.read_bytes()
        assert b'"type"' not in text  # no schema in it to edit
        path.write_bytes(text.replace(b'"validated":{', b'"schemas":{"x":{"type":"object"}},"validated":{', 1))
    warm = load_catalog()
    _same(cold, warm)
    with pytest.raises(HarnessInputError):  # the manifest schema still judges: nothing was loosened
        warm.schemas.require_valid({"product": 1}, "https://metaverse-conformance.org/schemas/manifest/manifest.json",
                                   "m.yaml", "fix")


def test_a_cached_record_covers_only_the_very_bytes_checked(cache, tmp_path):
    """A file changed under the same key (the digest does not cover it, say) is checked again:
    an entry is verified against the SHA-256 of what it was built from."""
    from conformance._catalog.cache import CatalogDocuments

    root = write_catalog(tmp_path / "catalog")
    load_catalog(root, plugins={})
    [entry] = cache.glob("catalog-*.json")
    docs = CatalogDocuments(entry, {str(root / "profiles" / "mini.yaml"): "0" * 64})
    assert not docs.checked_before(root / "profiles" / "mini.yaml", b"other bytes") and not docs.checked


# -- what one process keeps: parsed catalog documents, schemas it meta-validated ------------


def test_a_document_parsed_again_in_the_process_is_a_copy_of_its_own():
    from conformance._io.yamlload import parse_kept

    first = parse_kept(b"requirements: [{id: X-1, tags: [a]}]\n")
    first["requirements"][0]["tags"].append("changed")
    second = parse_kept(b"requirements: [{id: X-1, tags: [a]}]\n")
    assert second == {"requirements": [{"id": "X-1", "tags": ["a"]}]}


def test_a_kept_document_is_walked_for_its_limits_when_asked():
    # Parsed without the walk (a cache said these bytes passed), then asked for with it: walked.
    from conformance._io.yamlload import MAX_ALIASES, YamlLimit, parse_kept

    text = ("a: &a [1]\nb: [" + ", ".join(["*a"] * (MAX_ALIASES + 1)) + "]\n").encode()
    assert parse_kept(text, walk=False)["a"] == [1]
    with pytest.raises(YamlLimit):
        parse_kept(text, walk=True)


def test_an_invalid_schema_is_refused_every_time(tmp_path):
    # Only bytes that passed meta-validation in this process are remembered as valid.
    from conformance._catalog.schemas import SchemaRegistry
    from conformance.errors import CatalogError

    (tmp_path / "bad.json").write_text('{"$id": "https://example.org/bad.json", "type": 5}')
    for _ in range(2):
        with pytest.raises(CatalogError, match="invalid JSON Schema"):
            SchemaRegistry.from_directories([tmp_path])
