"""A run parses the catalog files it needs: one area's requirements and its profiles, not the
rest (conformance._catalog.files); the digest still covers every byte, and what a full load
refuses is refused as soon as the files involved are parsed. Asserted on the files parsed,
never on timing (bench/startup.py measures the time)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conformance import cli
from conformance._catalog import held
from conformance._catalog.catalog import Catalog, load_catalog
from conformance._catalog.files import Definitions
from conformance.cli import commands
from conformance.errors import CatalogError, HarnessInputError
from conformance.reference import SAMPLES
from tests.minicatalog import PROFILE, REQUIREMENT, write_catalog
from tests.paths import ROOT


def _two_areas(root: Path, terminal_requirements: list[dict] | None = None) -> Path:
    """The small catalog of test_catalog with a second area, ``terminal``, and its profile."""
    write_catalog(root)
    other = {**REQUIREMENT, "id": "TD-HAND-901"}
    area = root / "suites" / "terminal"
    area.mkdir()
    document = {"area": "terminal", "requirements": terminal_requirements or [other]}
    (area / "requirements.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    profile = {**PROFILE, "id": "hands", "requirements": ["TD-HAND-901"]}
    (root / "profiles" / "hands.yaml").write_text(yaml.safe_dump(profile), encoding="utf-8")
    return root


def _parsed(catalog: Catalog) -> tuple[list[str], list[str]]:
    requirements, profiles = catalog.requirements, catalog.profiles
    assert isinstance(requirements, Definitions) and isinstance(profiles, Definitions)
    return [p.parent.name for p in requirements.parsed], [p.stem for p in profiles.parsed]


def test_a_lookup_parses_only_the_files_that_spell_the_id(tmp_path):
    catalog = load_catalog(_two_areas(tmp_path), plugins={}, lazy=True)
    assert _parsed(catalog) == ([], [])
    assert catalog.profile("mini").requirements == ["ID-DOC-901"]
    # the profile's check named its requirement: that area's file was parsed, the other not
    assert _parsed(catalog) == (["identity"], ["mini"])
    assert catalog.requirement_files["ID-DOC-901"] == tmp_path / "suites" / "identity" / "requirements.yaml"
    assert _parsed(catalog) == (["identity"], ["mini"])


def test_an_unknown_id_is_looked_for_everywhere_before_it_is_unknown(tmp_path):
    catalog = load_catalog(_two_areas(tmp_path), plugins={}, lazy=True)
    assert "ID-NOPE-001" not in catalog.requirements
    assert sorted(_parsed(catalog)[0]) == ["identity", "terminal"]
    with pytest.raises(KeyError):
        catalog.requirements["ID-NOPE-001"]


def test_a_lazy_catalog_lists_what_a_full_load_lists_in_the_same_order():
    lazy, full = load_catalog(lazy=True), load_catalog()
    assert lazy.requirements["TD-HAND-001"] == full.requirements["TD-HAND-001"]  # one area first
    assert list(lazy.requirements) == list(full.requirements)
    assert list(lazy.profiles) == list(full.profiles)
    assert dict(lazy.requirement_files) == dict(full.requirement_files)
    assert lazy.digest == full.digest


def test_the_digest_covers_the_files_a_lazy_load_did_not_parse(tmp_path):
    root = _two_areas(tmp_path)
    before = load_catalog(root, plugins={}, lazy=True)
    before.profile("mini")
    path = root / "suites" / "terminal" / "requirements.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("A statement.", "Another statement."), encoding="utf-8")
    after = load_catalog(root, plugins={}, lazy=True)
    after.profile("mini")
    assert _parsed(after)[0] == ["identity"]
    assert after.digest != before.digest


def test_a_duplicate_id_is_refused_once_both_files_are_parsed(tmp_path):
    duplicate = {**REQUIREMENT, "title": {"en": "Twice", "zh": "两次"}}
    root = _two_areas(tmp_path, terminal_requirements=[duplicate])
    with pytest.raises(CatalogError, match="duplicate requirement ID ID-DOC-901"):
        load_catalog(root, plugins={})
    lazy = load_catalog(root, plugins={}, lazy=True)
    with pytest.raises(CatalogError, match="duplicate requirement ID ID-DOC-901"):
        lazy.requirement("ID-DOC-901")  # both files spell the ID: both are parsed


def test_a_broken_file_of_another_area_stops_a_full_load_not_a_lazy_lookup(tmp_path):
    root = _two_areas(tmp_path)
    (root / "suites" / "terminal" / "requirements.yaml").write_text("area: terminal\nrequirements: [\n")
    with pytest.raises(HarnessInputError):
        load_catalog(root, plugins={})
    lazy = load_catalog(root, plugins={}, lazy=True)
    assert lazy.profile("mini").id == "mini"
    with pytest.raises(HarnessInputError, match="terminal/requirements.yaml"):
        list(lazy.requirements)  # listing parses every file: the problem shows


def test_validating_a_did_document_parses_one_area_and_one_profile(tmp_path, monkeypatch):
    loaded: list[Catalog] = []

    def recording(*args, **kwargs):
        loaded.append(load_catalog(*args, **kwargs))
        return loaded[-1]

    monkeypatch.setattr(commands, "load_catalog", recording)
    held.forget()  # what a process's first run parses: not a catalog an earlier command kept
    sample = SAMPLES / "did_documents" / "did-key-ed25519.json"
    code = cli.main(["validate", "--profile", "identity-document", "--format", "json", "--no-progress", "-q",
                     "--out", str(tmp_path / "out"), str(sample)])
    assert code == 0
    assert (tmp_path / "out" / "report.json").is_file()
    assert [_parsed(c) for c in loaded] == [(["identity"], ["identity-document"])]


def test_the_parsed_files_are_what_the_assertion_reads(tmp_path):
    # The check above can fail: a catalog that parsed everything shows every area.
    root = tmp_path / "catalog"
    shutil.copytree(ROOT / "suites", root / "suites")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copytree(ROOT / "profiles", root / "profiles")
    full = load_catalog(root, plugins={})
    areas, profiles = _parsed(full)
    assert "identity" in areas and len(areas) > 1 and len(profiles) > 1


PROBE = """
import gc, sys
from conformance.cli import main
sys.argv = ["conformance", *sys.argv[1:]]
code = main()
print(code, gc.isenabled(), gc.get_freeze_count() > 0)
"""


def test_the_command_freezes_what_its_start_made_and_keeps_collecting(tmp_path):
    import subprocess
    import sys

    sample = SAMPLES / "did_documents" / "did-key-ed25519.json"
    done = subprocess.run([sys.executable, "-c", PROBE, "validate", "--profile", "identity-document", "--format",
                           "json", "--no-progress", "-q", "--out", str(tmp_path / "out"), str(sample)],
                          capture_output=True, text=True, check=True, timeout=300)
    assert done.stdout.split()[-3:] == ["0", "True", "True"]


def test_a_caller_in_its_own_process_keeps_its_collector(tmp_path):
    import gc

    frozen = gc.get_freeze_count()
    assert cli.main(["list", "profiles"]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen
