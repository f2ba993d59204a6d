"""Catalog loading: consistency checks that fail loudly, and a stable digest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import conformance
from conformance._catalog.catalog import load_catalog
from conformance._catalog.digest import catalog_digest
from conformance.errors import CatalogError, HarnessInputError
from tests.conftest import copy_catalog
from tests.minicatalog import PROFILE, REQUIREMENT, TEST_MODULE, lock, write_catalog

PACKAGE = Path(conformance.__file__).resolve().parent  # the code this harness runs


def test_the_shipped_catalog_loads_and_is_consistent():
    catalog = load_catalog()
    assert {"identity", "assets", "interfaces", "terminal"} <= {r.area for r in catalog.requirements.values()}
    assert catalog.digest.startswith("sha256:")
    for requirement in catalog.requirements.values():
        assert requirement.title.en and requirement.title.zh and requirement.source.policy


def test_the_shipped_test_lock_records_what_collecting_the_suites_finds():
    # Regenerated in memory and compared byte for byte: after changing a test's markers, run
    # `conformance catalog lock` (the lint says so too).
    from conformance._catalog.lock import lock_bytes, lock_path
    from conformance._run.collect import collect

    catalog = load_catalog(plugins={})
    collection = collect(catalog)
    assert collection.errors == []
    assert list(collection.locks) == [catalog.root]
    wanted = lock_bytes(collection.locks[catalog.root])
    assert lock_path(catalog.root).read_bytes() == wanted, "stale: run `conformance catalog lock`"
    assert sorted(catalog.markers) == sorted(f"suites/{node}" for node in collection.locks[catalog.root])


def test_a_minimal_catalog_loads(tmp_path):
    catalog = load_catalog(lock(write_catalog(tmp_path)))
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


def test_markers_are_read_however_they_are_written(tmp_path):
    module = """import pytest

pytestmark = pytest.mark.requirement("ID-DOC-901")


def test_module_marked():
    pass


@pytest.mark.parametrize("n", [1, pytest.param(2, marks=pytest.mark.requirement("ID-DOC-902"))])
def test_param_marked(n):
    pass


@pytest.mark.requirement("ID-DOC-903")
class TestClassMarked:
    def test_inside(self):
        pass
"""
    ids = ("ID-DOC-901", "ID-DOC-902", "ID-DOC-903")
    write_catalog(tmp_path, requirements=[{**REQUIREMENT, "id": i} for i in ids], test_module=module)
    tests = load_catalog(lock(tmp_path)).tests
    assert "suites/identity/test_mini.py::test_module_marked" in tests["ID-DOC-901"]
    assert tests["ID-DOC-902"] == ["suites/identity/test_mini.py::test_param_marked[2]"]
    assert tests["ID-DOC-903"] == ["suites/identity/test_mini.py::TestClassMarked::test_inside"]


def test_loading_needs_no_test_module(tmp_path):
    # Whether every automated requirement has a test is the lint's question (tests/drafting/test_lint.py);
    # at run time, a selected requirement no test judged gets the verdict error "no test ran".
    write_catalog(tmp_path, test_module="def test_unmarked():\n    pass\n")
    assert load_catalog(lock(tmp_path)).tests == {}


def test_manual_requirement_needs_no_test(tmp_path):
    write_catalog(tmp_path, requirements=[{**REQUIREMENT, "testing": "manual"}], test_module="")
    assert load_catalog(tmp_path).requirements["ID-DOC-901"].testing.value == "manual"


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


def _copy_catalog_and_code(tmp_path: Path) -> tuple[Path, Path]:
    catalog, code = tmp_path / "catalog", tmp_path / "code"
    copy_catalog(catalog)
    shutil.copytree(PACKAGE, code, ignore=shutil.ignore_patterns("__pycache__", "shipped"))
    return catalog, code


def test_digest_covers_the_code_that_judges(tmp_path):
    catalog, code = _copy_catalog_and_code(tmp_path)
    before = catalog_digest(catalog, code_root=code)
    assert before == load_catalog().digest  # the copy is the catalog and code this harness runs
    # the areas' checks, codecs and adapters, and the engine around them: the session and its
    # verdict mapping, the pytest plug-in, the report writers, the suites' pytest configuration
    for module in ("areas/identity/did.py", "codecs/jcs.py", "adapters/http.py", "_run/session.py",
                   "_run/verdicts.py", "plugin.py", "_run/engine.py", "_run/aggregation.py", "suites.ini",
                   "report/__init__.py", "_catalog/schemas.py", "_run/pytest_mode.py"):
        path = code / module
        original = path.read_bytes()
        path.write_bytes(original + b"\n")  # one byte more
        assert catalog_digest(catalog, code_root=code) != before, module
        path.write_bytes(original)
    assert catalog_digest(catalog, code_root=code) == before


def test_digest_covers_the_harness_version(tmp_path, monkeypatch):
    root = write_catalog(tmp_path)
    before = catalog_digest(root)
    monkeypatch.setattr("conformance._catalog.digest.__version__", "0.0.0-other")
    assert catalog_digest(root) != before


def test_digest_leaves_out_known_bad_cases_and_fixtures(tmp_path):
    root = write_catalog(tmp_path)
    before = catalog_digest(root)
    (root / "suites" / "identity" / "known_bad.yaml").write_text("ID-DOC-901: []\n")
    (root / "suites" / "identity" / "fixtures").mkdir()
    (root / "suites" / "identity" / "fixtures" / "bad.yaml").write_text("x: 1\n")
    assert catalog_digest(root) == before


def test_digest_covers_python_files_under_fixtures(tmp_path):
    """Whatever pytest could import is digested, a helper under fixtures/ too."""
    root = write_catalog(tmp_path)
    before = catalog_digest(root)
    (root / "suites" / "identity" / "fixtures").mkdir()
    (root / "suites" / "identity" / "fixtures" / "helper.py").write_text("X = 1\n")
    assert catalog_digest(root) != before


@pytest.mark.parametrize("name", ["test_sneaky.py", "conftest.py", "sneaky_test.py"])
def test_a_test_module_under_fixtures_is_refused(tmp_path, name):
    """A module pytest collects, dropped where it looks like data, is refused when the catalog loads."""
    root = write_catalog(tmp_path)
    (root / "suites" / "identity" / "fixtures" / "deep").mkdir(parents=True)
    (root / "suites" / "identity" / "fixtures" / "deep" / name).write_text("def test_x():\n    pass\n")
    with pytest.raises(CatalogError, match="a test module under a fixtures folder"):
        load_catalog(root)


def test_digest_covers_plugin_catalogs(tmp_path):
    root = write_catalog(tmp_path / "main")
    extra = tmp_path / "extra"
    (extra / "profiles").mkdir(parents=True)
    assert catalog_digest(root, plugins={"extra": extra}) == catalog_digest(root)  # nothing in it yet
    (extra / "profiles" / "p.yaml").write_text("id: p\n")
    assert catalog_digest(root, plugins={"extra": extra}) != catalog_digest(root)


def test_areas_are_not_a_fixed_list(tmp_path):
    root = write_catalog(tmp_path)
    area = root / "suites" / "haptics-lab"
    area.mkdir()
    requirement = {**REQUIREMENT, "id": "HL-VIB-001"}
    (area / "requirements.yaml").write_text(yaml.safe_dump({"area": "haptics-lab", "requirements": [requirement]}))
    catalog = load_catalog(root)
    assert catalog.requirements["HL-VIB-001"].area == "haptics-lab"
    assert catalog.suite_dirs(["HL-VIB-001", "ID-DOC-901"]) == [area, root / "suites" / "identity"]


def test_profile_target_of_a_kind_no_adapter_serves_is_refused(tmp_path):
    write_catalog(tmp_path, profile={**PROFILE, "targets": {"feed": {"kind": "mqtt"}}})
    with pytest.raises(CatalogError, match=r"profiles/mini.yaml at \$.targets.feed.kind: no adapter serves"):
        load_catalog(tmp_path)


def test_schema_reference_that_does_not_resolve_is_refused(tmp_path):
    root = write_catalog(tmp_path)
    (root / "schemas" / "extra.json").write_text(
        '{"$id": "https://example.org/extra.json", "properties": {"a": {"$ref": "missing.json"}}}'
    )
    with pytest.raises(CatalogError, match=r"schemas/extra.json at /properties/a: \$ref 'missing.json' does not"):
        load_catalog(tmp_path)


def test_schema_registry_never_fetches_unknown_references(tmp_path):
    from referencing.exceptions import Unresolvable

    schemas = load_catalog().schemas
    with pytest.raises(Unresolvable):
        schemas.registry.resolver().lookup("https://example.com/not-here.json")
