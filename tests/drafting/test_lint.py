"""The catalog lint: every dangling key is reported, one line each; the shipped catalog is clean."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conformance._catalog.catalog import load_catalog
from conformance.cli import main
from conformance.drafting.keys import lint_catalog
from tests.minicatalog import PROFILE, REQUIREMENT, TEST_MODULE, lock, write_catalog

GOOD_CASES = {"ID-DOC-901": [{"profile": "mini", "files": {"files": ["bad.json"]}}]}


def lint(root: Path, known_bad: object = GOOD_CASES, **catalog: object) -> list[str]:
    lock(write_catalog(root, **catalog))
    area = root / "suites" / "identity"
    (area / "fixtures").mkdir()
    (area / "fixtures" / "bad.json").write_text("{}")
    if known_bad is not None:
        (area / "known_bad.yaml").write_text(yaml.safe_dump(known_bad))
    return [problem.line() for problem in lint_catalog(load_catalog(root))]


def test_a_consistent_catalog_lints_clean(tmp_path):
    assert lint(tmp_path) == []


def test_marker_naming_an_unknown_requirement(tmp_path):
    module = TEST_MODULE + '\n\n@pytest.mark.requirement("ID-DOC-902")\ndef test_other():\n    pass\n'
    assert lint(tmp_path, test_module=module) == [
        "suites/identity/test_mini.py::test_other: marker names unknown requirement ID-DOC-902 "
        "(did you mean ID-DOC-901? see `conformance list requirements`)"
    ]


def test_automated_requirement_without_a_test(tmp_path):
    assert lint(tmp_path, test_module="def test_unmarked():\n    pass\n") == [
        "suites/identity/requirements.yaml: automated requirement ID-DOC-901 has no test "
        "(add a test marked @pytest.mark.requirement or mark it manual)"
    ]


def test_test_module_that_cannot_be_collected(tmp_path):
    [problem] = lint(tmp_path, test_module=TEST_MODULE + "\ndef broken(:\n")[:1]
    assert problem.startswith("suites/identity/test_mini.py: cannot be collected:")


def test_automated_requirement_without_a_known_bad_case(tmp_path):
    assert lint(tmp_path, known_bad=None) == [
        "suites/identity/known_bad.yaml: automated requirement ID-DOC-901 has no known-bad case "
        "(add a case that makes it fail (docs/known-bad.md))"
    ]


def test_known_bad_case_of_an_unknown_requirement(tmp_path):
    problems = lint(tmp_path, known_bad={**GOOD_CASES, "ID-DOC-991": [{"profile": "mini"}]})
    assert problems[0].startswith("suites/identity/known_bad.yaml at $.ID-DOC-991: unknown requirement ID-DOC-991")
    assert len(problems) == 1


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ({"profile": "maxi"}, "at $.ID-DOC-901[0].profile: unknown profile 'maxi'"),
        ({"profile": "mini", "defects": ["no-such-defect"]},
         "at $.ID-DOC-901[0].defects: unknown defect 'no-such-defect'"),
        ({"profile": "mini", "role_defects": {"files": ["discovery-invalid"]}},
         "at $.ID-DOC-901[0].role_defects.files: profile mini has no HTTP role 'files'"),
        ({"profile": "mini", "files": {"files": ["missing.json"]}},
         "at $.ID-DOC-901[0].files.files: no fixture 'missing.json' in suites/identity/fixtures"),
        ({"profile": "mini", "files": {"models": ["bad.json"]}},
         "at $.ID-DOC-901[0].files.models: profile mini has no file role 'models'"),
        ({"profile": "mini", "features": ["mfa"]}, "at $.ID-DOC-901[0].features: profile mini has no feature 'mfa'"),
        ({"profile": "mini", "defect": ["typo"]}, "at $.ID-DOC-901[0].defect: unknown key"),
    ],
    ids=["profile", "defect", "role", "fixture", "file-role", "feature", "key"],
)
def test_dangling_keys_of_a_known_bad_case(tmp_path, case, expected):
    [problem] = lint(tmp_path, known_bad={"ID-DOC-901": [case]})
    assert problem.startswith("suites/identity/known_bad.yaml " + expected), problem


def test_known_bad_profile_that_does_not_select_the_requirement(tmp_path):
    requirements = [REQUIREMENT, {**REQUIREMENT, "id": "ID-DOC-902", "testing": "manual"}]
    profile = {**PROFILE, "id": "other", "requirements": ["ID-DOC-902"]}
    root = tmp_path
    problems = lint(root, known_bad={"ID-DOC-901": [{"profile": "other"}]}, requirements=requirements)
    assert problems == ["suites/identity/known_bad.yaml at $.ID-DOC-901[0].profile: unknown profile 'other' "
                        "(see `conformance list profiles`)"]
    (root / "profiles" / "other.yaml").write_text(yaml.safe_dump(profile))
    problems = [p.line() for p in lint_catalog(load_catalog(root))]
    assert problems == ["suites/identity/known_bad.yaml at $.ID-DOC-901[0].profile: profile other does not "
                        "select ID-DOC-901 (claim a profile that selects it)"]


def test_adapter_whose_config_schema_is_not_in_the_catalog(tmp_path, monkeypatch):
    from conformance.adapters.file import FileAdapter

    class Lost(FileAdapter):
        config_schema = "https://example.org/schemas/lost.json"

    monkeypatch.setattr("conformance.adapters.available_adapters", lambda: {"file": FileAdapter, "lost": Lost})
    [problem] = lint(tmp_path)
    assert problem.startswith("adapter lost (")
    assert "no schema with $id 'https://example.org/schemas/lost.json'" in problem


def test_the_shipped_catalog_has_no_dangling_key():
    assert [p.line() for p in lint_catalog(load_catalog())] == []


def test_lint_of_a_broken_catalog_prints_one_line_per_problem_and_exits_1(tmp_path, monkeypatch, capsys):
    lint(tmp_path, known_bad=None, test_module="def test_unmarked():\n    pass\n")
    monkeypatch.setenv("CONFORMANCE_CATALOG", str(tmp_path))
    assert main(["lint"]) == 1
    lines = [line for line in capsys.readouterr().out.strip().splitlines() if line.startswith("[keys] ")]
    assert len(lines) == 2 and all(line.startswith("[keys] suites/identity/") for line in lines)


def test_without_the_reference_extra_the_lint_says_so_in_one_line(tmp_path, monkeypatch):
    import sys

    # As if installed without [reference]: the reference's defects cannot be listed.
    for name in [n for n in sys.modules if n.split(".")[0] in ("starlette", "uvicorn")] + ["starlette"]:
        monkeypatch.setitem(sys.modules, name, None)
    for name in [n for n in sys.modules if n.startswith("conformance.reference")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delattr("conformance.reference", raising=False)
    problems = lint(tmp_path)
    assert problems == ["known-bad cases: their defects cannot be checked: starlette is not installed "
                        "(pip install '.[reference]' in a clone of the repository (docs/install.md))"]


def test_a_missing_test_lock_names_the_command_that_writes_it(tmp_path):
    lint(tmp_path)
    (tmp_path / "suites" / "tests.lock.json").unlink()
    assert [p.line() for p in lint_catalog(load_catalog(tmp_path))] == [
        "suites/tests.lock.json: missing: which tests decide which requirements is not recorded "
        "(run `conformance catalog lock`)"
    ]


def test_a_stale_test_lock_names_the_test_and_the_command_that_rewrites_it(tmp_path):
    lint(tmp_path)
    module = tmp_path / "suites" / "identity" / "test_mini.py"
    module.write_text(TEST_MODULE + '\n\n@pytest.mark.requirement("ID-DOC-901")\ndef test_more():\n    pass\n')
    assert [p.line() for p in lint_catalog(load_catalog(tmp_path))] == [
        "suites/tests.lock.json: stale: 1 test(s) not recorded, e.g. identity/test_mini.py::test_more "
        "(run `conformance catalog lock`)"
    ]
    lock(tmp_path)
    module.write_text(TEST_MODULE.replace("def test_something", "@pytest.mark.requirement('ID-DOC-902')\n"
                                                               "def test_something"))
    assert [p.problem for p in lint_catalog(load_catalog(tmp_path))][-1] == (
        "stale: 1 test(s) recorded that no longer exist, e.g. identity/test_mini.py::test_more; "
        "1 test(s) marked otherwise now, e.g. identity/test_mini.py::test_something")


def test_catalog_lock_writes_the_lock_once_and_refuses_a_module_it_cannot_collect(tmp_path, monkeypatch, capsys):
    write_catalog(tmp_path)
    monkeypatch.setenv("CONFORMANCE_CATALOG", str(tmp_path))
    assert main(["catalog", "lock"]) == 0
    assert capsys.readouterr().out == "wrote suites/tests.lock.json\nwrote suites/versions.lock.json\n"
    lock_file = tmp_path / "suites" / "tests.lock.json"
    assert load_catalog(tmp_path).tests == {"ID-DOC-901": ["suites/identity/test_mini.py::test_something"]}
    written = lock_file.read_bytes()
    assert main(["catalog", "lock"]) == 0
    assert capsys.readouterr().out == ("suites/tests.lock.json is up to date\n"
                                       "suites/versions.lock.json is up to date\n")
    (tmp_path / "suites" / "identity" / "test_mini.py").write_text(TEST_MODULE + "\ndef broken(:\n")
    assert main(["catalog", "lock"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("suites/identity/test_mini.py: cannot be collected:") and "no lock was written" in out
    assert lock_file.read_bytes() == written
