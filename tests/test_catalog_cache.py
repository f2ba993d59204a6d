"""The catalog cache: a load with the cache gives the very catalog a load without it gives;
a changed file is never served from it; a broken entry, a failing catalog or a cache
turned off change nothing but the time."""

from __future__ import annotations

import pytest
import yaml

from conformance.catalog import load_catalog
from conformance.errors import HarnessInputError

from .test_catalog import PROFILE, REQUIREMENT, write_catalog


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
