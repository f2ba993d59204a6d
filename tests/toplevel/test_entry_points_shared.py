"""One scan of the installed packages' entry points serves a process's readers (areas,
plug-in catalogs, adapters) while the packages stay as they were; any install, removal or
edit of an entry point is seen at the next call (conformance._entrypoints.installed_entry_points)."""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from conformance import _entrypoints


def _names(group: str) -> list[tuple[str, str]]:
    return [(ep.name, ep.value) for ep in _entrypoints.installed_entry_points(group)]


def _install(site, name: str, text: str):
    dist_info = site / f"{name}-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (dist_info / "entry_points.txt").write_text(text)
    return dist_info


def test_the_same_answers_as_importlib_metadata():
    for group in ("conformance.areas", "conformance.adapters", "conformance.catalogs", "console_scripts"):
        assert _names(group) == [(ep.name, ep.value) for ep in entry_points(group=group)]


def test_an_install_an_edit_and_a_removal_are_seen(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    before = _names("conformance.adapters")
    assert _names("conformance.adapters") == before  # served from the shared scan
    dist_info = _install(tmp_path, "acme_shared_ep", "[conformance.adapters]\nacme = acme_shared_ep:Adapter\n")
    assert sorted(_names("conformance.adapters")) == sorted([*before, ("acme", "acme_shared_ep:Adapter")])
    (dist_info / "entry_points.txt").write_text("[conformance.adapters]\nacme = acme_shared_ep.other:Adapter\n")
    assert ("acme", "acme_shared_ep.other:Adapter") in _names("conformance.adapters")
    (dist_info / "entry_points.txt").unlink()
    assert _names("conformance.adapters") == before


def test_a_finder_that_brings_distributions_gets_a_scan_each_time(monkeypatch):
    class Finder:
        @staticmethod
        def find_spec(*args):
            return None

        @staticmethod
        def find_distributions(*args, **kwargs):
            return iter(())

    monkeypatch.setattr("sys.meta_path", [Finder, *__import__("sys").meta_path])
    assert _entrypoints._fingerprint() is None
    assert _names("conformance.areas") == [(ep.name, ep.value) for ep in entry_points(group="conformance.areas")]


def test_a_listing_kept_for_a_folder_is_listed_again_once_the_folder_changes(tmp_path, monkeypatch):
    """A folder's distributions are listed once while its signature holds (_entrypoints._distributions); an install
    changes the folder and is seen. Racy signatures are never kept: here none is racy, so the kept listing is used."""
    monkeypatch.setattr(_entrypoints, "RACY_NS", -10**12)  # every signature trusted, however new
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    before = _names("conformance.adapters")
    assert str(tmp_path) in _entrypoints._LISTED
    _install(tmp_path, "acme_listed_ep", "[conformance.adapters]\nacme = acme_listed_ep:Adapter\n")
    assert ("acme", "acme_listed_ep:Adapter") in _names("conformance.adapters")
    assert sorted(_names("conformance.adapters")) == sorted([*before, ("acme", "acme_listed_ep:Adapter")])


def test_within_one_scan_the_first_asks_packages_serve_the_operation(tmp_path, monkeypatch):
    """A catalog load or a lint asks several times (``one_scan``): an install during it is seen by the next one."""
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    with _entrypoints.one_scan():
        before = _names("conformance.adapters")
        _install(tmp_path, "acme_scope_ep", "[conformance.adapters]\nacme = acme_scope_ep:Adapter\n")
        with _entrypoints.one_scan():
            assert _names("conformance.adapters") == before
    assert ("acme", "acme_scope_ep:Adapter") in _names("conformance.adapters")
