"""Catalog loading: consistency checks that fail loudly, and a stable digest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conformance.catalog import catalog_digest, load_catalog
from conformance.errors import CatalogError, HarnessInputError

ROOT = Path(__file__).resolve().parents[1]

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
    "targets": {"files": {"adapter": "file"}},
    "requirements": ["ID-DOC-901"],
}


def write_catalog(root: Path, requirements=None, test_module=TEST_MODULE, profile=None) -> Path:
    """A small self-contained catalog: the harness's own schemas, one area, one profile."""
    for folder in ("catalog", "manifest", "report"):
        shutil.copytree(ROOT / "schemas" / folder, root / "schemas" / folder)
    area = root / "suites" / "identity"
    area.mkdir(parents=True)
    document = {"area": "identity", "requirements": requirements or [REQUIREMENT]}
    (area / "requirements.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    (area / "test_mini.py").write_text(test_module, encoding="utf-8")
    (root / "profiles").mkdir()
    (root / "profiles" / "mini.yaml").write_text(yaml.safe_dump(profile or PROFILE), encoding="utf-8")
    return root


def test_the_shipped_catalog_loads_and_is_consistent():
    catalog = load_catalog()
    assert {"identity", "assets", "interfaces", "terminal"} <= {r.area for r in catalog.requirements.values()}
    assert catalog.digest.startswith("sha256:")
    for requirement in catalog.requirements.values():
        assert requirement.title.en and requirement.title.zh and requirement.source.policy


def test_a_minimal_catalog_loads(tmp_path):
    catalog = load_catalog(write_catalog(tmp_path))
    assert list(catalog.requirements) == ["ID-DOC-901"]
    assert catalog.tests["ID-DOC-901"] == ["suites/identity/test_mini.py::test_something"]


def test_duplicate_requirement_ids_are_refused(tmp_path):
    write_catalog(tmp_path, requirements=[REQUIREMENT, REQUIREMENT])
    with pytest.raises(CatalogError, match="duplicate requirement ID ID-DOC-901"):
        load_catalog(tmp_path)


def test_profile_naming_an_unknown_requirement_is_refused(tmp_path):
    write_catalog(tmp_path, profile={**PROFILE, "requirements": ["ID-DOC-901", "ID-DOC-999"]})
    with pytest.raises(CatalogError, match="profile mini names unknown requirement ID-DOC-999"):
        load_catalog(tmp_path)


def test_automated_requirement_without_a_test_is_refused(tmp_path):
    write_catalog(tmp_path, test_module="def test_unmarked():\n    pass\n")
    with pytest.raises(CatalogError, match="automated requirement ID-DOC-901 has no test"):
        load_catalog(tmp_path)


def test_manual_requirement_needs_no_test(tmp_path):
    write_catalog(tmp_path, requirements=[{**REQUIREMENT, "testing": "manual"}], test_module="")
    assert load_catalog(tmp_path).requirements["ID-DOC-901"].testing.value == "manual"


def test_test_naming_an_unknown_requirement_is_refused(tmp_path):
    module = TEST_MODULE + '\n\n@pytest.mark.requirement("ID-DOC-902")\ndef test_other():\n    pass\n'
    write_catalog(tmp_path, test_module=module)
    with pytest.raises(CatalogError, match="test test_other names unknown requirement ID-DOC-902"):
        load_catalog(tmp_path)


def test_requirement_file_errors_name_the_file_and_the_place(tmp_path):
    write_catalog(tmp_path, requirements=[{**REQUIREMENT, "level": "MUSTN'T"}])
    with pytest.raises(HarnessInputError) as info:
        load_catalog(tmp_path)
    assert info.value.line().startswith("suites/identity/requirements.yaml at $.requirements[0].level:")


def test_requirement_without_chinese_text_is_refused(tmp_path):
    write_catalog(tmp_path, requirements=[{**REQUIREMENT, "title": {"en": "Only English"}}])
    with pytest.raises(HarnessInputError, match=r"\$\.requirements\[0\]\.title: 'zh' is a required property"):
        load_catalog(tmp_path)


def test_digest_is_stable_across_locations_and_line_endings(tmp_path):
    first = write_catalog(tmp_path / "a")
    second = write_catalog(tmp_path / "b")
    requirements = second / "suites" / "identity" / "requirements.yaml"
    requirements.write_bytes(requirements.read_bytes().replace(b"\n", b"\r\n"))
    assert catalog_digest(first) == catalog_digest(second)


def test_digest_changes_when_suite_code_changes(tmp_path):
    root = write_catalog(tmp_path)
    before = catalog_digest(root)
    (root / "suites" / "identity" / "test_mini.py").write_text(TEST_MODULE + "# changed\n")
    assert catalog_digest(root) != before


def test_schema_registry_never_fetches_unknown_references(tmp_path):
    from referencing.exceptions import Unresolvable

    schemas = load_catalog().schemas
    with pytest.raises(Unresolvable):
        schemas.registry.resolver().lookup("https://example.com/not-here.json")
