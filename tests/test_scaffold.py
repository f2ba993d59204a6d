"""``conformance new requirement``: stubs that keep the catalog loading and can never pass."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conformance import _areas, load_catalog, messages, run
from conformance._catalog.collect import collect
from conformance._catalog.lock import read_lock
from conformance.cli import main

from .conftest import copy_catalog, manifest_for, verdicts


def _in_use(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The commands read the catalog at ``root`` and the harness's message templates from
    copies in ``tmp_path`` while the test lasts."""
    copies: dict[str, tuple[Path, ...]] = {}
    for prefix, paths in _areas.template_files().items():  # the areas' templates, e.g. areas/terminal/messages.yaml
        (tmp_path / "messages" / prefix).mkdir(parents=True)
        copies[prefix] = tuple(Path(shutil.copy(path, tmp_path / "messages" / prefix / path.name)) for path in paths)
    monkeypatch.setenv("CONFORMANCE_CATALOG", str(root))
    monkeypatch.setattr(_areas, "template_files", functools.cache(lambda: copies))
    messages.forget()
    yield root
    messages.forget()


@pytest.fixture
def catalog_copy(tmp_path, monkeypatch) -> Iterator[Path]:
    """A copy of the shipped catalog the commands under test may change, and of the
    harness's message templates."""
    yield from _in_use(copy_catalog(tmp_path / "catalog"), tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def _module_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_catalog(tmp_path_factory.mktemp("scaffold") / "catalog")


@pytest.fixture
def unchanged_copy(_module_copy, tmp_path, monkeypatch) -> Iterator[Path]:
    """One copy of the shipped catalog for the module's tests that assert a command changes
    nothing in it (10 MB in 1 157 files: copied once, not once a test). A command that
    changed it fails the test that ran it; each test compares the files before and after
    its own command."""
    yield from _in_use(_module_copy, tmp_path, monkeypatch)


@pytest.mark.slow  # scaffolds, then runs the engine end to end on the stub
def test_a_new_requirement_loads_and_its_stub_test_fails(catalog_copy, capsys, tmp_path):
    code = main(["new", "requirement", "terminal", "--id", "TD-HAND", "--profile", "terminal-hand-tracking",
                 "--title", "Joint radii shrink with the hand"])
    assert code == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "changed suites/terminal/requirements.yaml",
        "created suites/terminal/test_joint_radii_shrink_with_the_hand.py",
        f"changed {catalog_copy.parent / 'messages' / 'terminal' / 'messages.yaml'}",
        "changed suites/terminal/known_bad.yaml",
        "created suites/terminal/fixtures/td-hand-004/README.md",
        "changed profiles/terminal-hand-tracking.yaml",
        "changed suites/tests.lock.json",
    ]
    catalog = load_catalog(catalog_copy)
    new = catalog.requirement("TD-HAND-004")
    assert (new.level.value, new.testing.value) == ("MUST", "automated")
    assert new.title.en == "Joint radii shrink with the hand"
    assert "TODO" in new.title.zh and "TODO" in new.statement.en and "TODO" in new.statement.zh
    assert "TD-HAND-004" in catalog.profile("terminal-hand-tracking").requirements
    assert catalog.tests["TD-HAND-004"] == [
        "suites/terminal/test_joint_radii_shrink_with_the_hand.py::test_joint_radii_shrink_with_the_hand"
    ]
    requirements_text = (catalog_copy / "suites/terminal/requirements.yaml").read_text(encoding="utf-8")
    assert requirements_text.startswith("# Terminal data exchange")  # appended as text: comments stay
    known_bad = yaml.safe_load((catalog_copy / "suites/terminal/known_bad.yaml").read_text(encoding="utf-8"))
    assert known_bad["TD-HAND-004"] == [{"profile": "terminal-hand-tracking"}]
    # the lock records the new test as collecting the suites finds it, and the templates stay sound
    assert collect(catalog).locks[catalog.root] == read_lock(catalog.root)
    assert messages.problems() == []
    assert "terminal.td-hand-004" in messages.templates()

    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(yaml.safe_dump(manifest_for(catalog, "terminal-hand-tracking")), encoding="utf-8")
    result = run(manifest, catalog=catalog, requirements=["TD-HAND-004"], out_dir=tmp_path / "out", formats=["json"])
    assert verdicts(result) == {"TD-HAND-004": "fail"}
    assert "TD-HAND-004: the test is not written yet" in result.report.requirements[0].message
    assert result.report.requirements[0].text["args"]["first"]["key"] == "terminal.td-hand-004"  # a template's
    main(["lint"])  # what is left is the drafter's TODOs: no key dangles, the lock is fresh
    assert [line for line in capsys.readouterr().out.splitlines() if line.startswith("[keys]")] == []


def test_without_an_id_the_next_free_one_of_the_area_is_taken(catalog_copy, capsys):
    last = [r for r in load_catalog(catalog_copy).requirements.values() if r.area == "interfaces"][-1].id
    prefix, number = last.rsplit("-", 1)
    assert main(["new", "requirement", "interfaces", "--level", "SHOULD"]) == 0
    new_id = f"{prefix}-{int(number) + 1:03d}"
    assert f"created suites/interfaces/test_{new_id.lower().replace('-', '_')}.py" in capsys.readouterr().out
    assert load_catalog(catalog_copy).requirement(new_id).level.value == "SHOULD"


@pytest.mark.parametrize(("args", "expected"), [
    (["termnal"], "area termnal: unknown (one of: assets, data, identifiers, identity, interfaces, robots, scenes, "
                  "terminal) (did you mean terminal?"),
    (["terminal", "--id", "TD-HAND-001"], "--id TD-HAND-001: already exists in area terminal"),
    (["terminal", "--id", "AS-META-009"], "--id AS-META-009: IDs of area terminal start with TD-"),
    (["terminal", "--id", "td-hand"], "--id td-hand: not a requirement ID or prefix"),
    (["terminal", "--profile", "terminal-hands"], "profile terminal-hands: unknown (did you mean terminal-haptics?"),
])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(unchanged_copy, capsys, args, expected):
    before = _files(unchanged_copy)
    assert main(["new", "requirement", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"conformance: {expected}") and err.count("\n") == 1, err
    assert _files(unchanged_copy) == before


def _files(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_without_a_test_lock_nothing_is_written_and_the_fix_is_named(catalog_copy, capsys):
    (catalog_copy / "suites" / "tests.lock.json").unlink()
    before = _files(catalog_copy)
    assert main(["new", "requirement", "terminal"]) == 2
    assert capsys.readouterr().err == ("conformance: suites/tests.lock.json: missing: which tests decide which "
                                       "requirements is not recorded (run `conformance catalog lock`)\n")
    assert _files(catalog_copy) == before
