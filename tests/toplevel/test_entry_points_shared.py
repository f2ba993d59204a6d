"""One scan of the installed packages' entry points serves a process's readers (areas,
plug-in catalogs, adapters) while the packages stay as they were; any install, removal or
edit of an entry point is seen at the next call (conformance._areas.installed_entry_points)."""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from conformance import _areas


def _names(group: str) -> list[tuple[str, str]]:
    return [(ep.name, ep.value) for ep in _areas.installed_entry_points(group)]


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
    assert _areas._fingerprint() is None
    assert _names("conformance.areas") == [(ep.name, ep.value) for ep in entry_points(group="conformance.areas")]
