"""Suites of plain test functions run without a pytest session (conformance._run.direct): the
same report as the session's, the session where a suite needs pytest's own treatment, and
``--format json`` writing no HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml

from conformance import load_catalog, run
from conformance._run import direct, engine
from conformance.cli import main
from tests.conftest import SAMPLES, fixture_path
from tests.minicatalog import REQUIREMENT, lock, write_catalog

# Each outcome a test can have, written without `assert` (pytest rewrites asserts, so a
# module holding one runs under the session: see test_a_module_with_an_assert_runs_under_the_session).
MODULE = '''
import sys
import warnings

import pytest
from conformance import Inconclusive, NotApplicable


@pytest.mark.requirement("ID-DOC-901")
def test_pass(targets, evidence, schemas, catalog, features, product):
    if not targets["files"].files():
        raise AssertionError("no files")
    print("printed by a test")
    warnings.warn("a warning a test raises")
    evidence.note("looked at the files")


@pytest.mark.requirement("ID-DOC-902")
def test_assertion():
    raise AssertionError("arithmetic is broken")


@pytest.mark.requirement("ID-DOC-903")
def test_fault():
    {}["boom"]


@pytest.mark.requirement("ID-DOC-904")
def test_undecided():
    raise Inconclusive("nothing to look at")


@pytest.mark.requirement("ID-DOC-905")
def test_finding(evidence):
    evidence.finding("bad value", file="x.json", pointer="/a/0", expected=1, actual=2)


@pytest.mark.requirement("ID-DOC-906")
def test_half_good():
    pass


@pytest.mark.requirement("ID-DOC-906")
def test_half_bad():
    pytest.fail("second test of 906 fails")


@pytest.mark.requirement("ID-DOC-907")
def test_optional():
    pass


@pytest.mark.requirement("ID-DOC-909")
def test_skipped():
    pytest.skip("cannot tell here")


@pytest.mark.after_all
@pytest.mark.requirement("ID-DOC-910")
def test_params(params, evidence):
    if dict(params) != {"limit": 7, "fixed": "x"}:
        evidence.finding(f"parameters {dict(params)}")


@pytest.mark.requirement("ID-DOC-912")
def test_matrix(interop):
    interop.record("api", "api_b", "authenticate", True)
    interop.record("api_b", "api", "authenticate", False, "signature refused")


@pytest.mark.requirement("ID-DOC-911")
def test_not_applicable(evidence):
    print("to stderr", file=sys.stderr)
    raise NotApplicable("nothing of the kind")
'''
IDS = ("901", "902", "903", "904", "905", "906", "907", "909", "910", "911", "912")
VOLATILE = {"started", "finished", "duration_s"}


def _requirement(number: str) -> dict[str, Any]:
    taken = {"parameters": ["limit", "fixed"]} if number == "910" else {}
    return {**REQUIREMENT, "id": f"ID-DOC-{number}", **taken}


def _mini(tmp_path: Path, module: str) -> tuple[Any, Path]:
    profile = {
        "id": "mini", "version": "1.0.0", "title": {"en": "Mini", "zh": "迷你"},
        "targets": {"files": {"kind": "file"}},
        "requirements": [f"ID-DOC-{n}" for n in IDS if n != "907"],
        "features": {"extra": {"title": {"en": "Extra", "zh": "附加"}, "requirements": ["ID-DOC-907"]}},
        "parameters": {"limit": {"default": 5, "overridable": True, "bounds": {"min": 0, "max": 10}},
                       "fixed": {"default": "x"}},
    }
    # locked, as a shipped catalog is: a run then imports only the modules its requirements need
    root = lock(write_catalog(tmp_path / "catalog", [_requirement(n) for n in IDS], module, profile))
    (tmp_path / "data.json").write_text("{}")
    manifest = {
        "product": {"name": "Mini", "version": "1"},
        "profiles": [{"id": "mini", "parameters": {"limit": 7}}],
        "targets": {"files": {"adapter": "file", "paths": ["data.json"]}},
    }
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(manifest))
    return load_catalog(root, plugins={}), tmp_path / "m.yaml"


def _normal(value: Any) -> Any:
    """A report or event without its times."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def _both_ways(monkeypatch: pytest.MonkeyPatch, out: Path, manifest: Path, **kwargs: Any) -> dict[str, Any]:
    """The run of ``manifest`` without a session and with one: whether the first ran its tests
    directly, and each one's report and events, without their times."""
    taken: list[bool] = []

    def spy(*args: Any) -> Any:
        planned = direct.plan_direct(*args)
        taken.append(planned is not None)
        return planned

    monkeypatch.setattr(engine, "plan_direct", spy)
    found: dict[str, Any] = {}
    for way in ("direct", "session"):
        if way == "session":
            monkeypatch.setenv("CONFORMANCE_PYTEST_SESSION", "1")
        else:
            monkeypatch.delenv("CONFORMANCE_PYTEST_SESSION", raising=False)
        result = run(manifest, out_dir=out / way, formats=["json"], **kwargs)
        events = [orjson.loads(line) for line in (out / way / "report.events.ndjson").read_bytes().splitlines()]
        found[way] = (result.exit_code, _normal(orjson.loads((out / way / "report.json").read_bytes())),
                      _normal(events))
    found["direct_taken"] = taken[0]
    found["session_taken"] = taken[1]
    return found


def test_every_outcome_is_reported_as_under_the_session(tmp_path, monkeypatch, capfd):
    catalog, manifest = _mini(tmp_path, MODULE)
    found = _both_ways(monkeypatch, tmp_path / "out", manifest, catalog=catalog)
    assert found["direct_taken"] and not found["session_taken"]
    assert found["direct"] == found["session"]
    exit_code, report, _ = found["direct"]
    verdicts = {r["requirement"][-3:]: r["verdict"] for r in report["requirements"]}
    assert verdicts == {"901": "pass", "902": "fail", "903": "error", "904": "inconclusive", "905": "fail",
                        "906": "fail", "907": "not_applicable", "909": "inconclusive", "910": "pass",
                        "911": "not_applicable", "912": "fail"}
    messages = {r["requirement"][-3:]: r["message"] for r in report["requirements"]}
    assert messages["903"].startswith("harness fault: KeyError: 'boom' (at test_mini.py:")
    assert [t["nodeid"].split("::")[1] for t in report["tests"]][-1] == "test_params"  # after_all goes last
    assert [(c["source"], c["target"], c["verdict"]) for c in report["interop"]] == [("api", "api_b", "pass"),
                                                                                  ("api_b", "api", "fail")]
    assert exit_code == 1
    printed = capfd.readouterr()
    assert "printed by a test" not in printed.out and "to stderr" not in printed.err
    assert "a warning a test raises" not in printed.err


def test_a_module_with_an_assert_runs_under_the_session(tmp_path, monkeypatch):
    module = MODULE.replace('raise AssertionError("arithmetic is broken")', 'assert 1 + 1 == 3, "arithmetic is broken"')
    catalog, manifest = _mini(tmp_path, module)
    found = _both_ways(monkeypatch, tmp_path / "out", manifest, catalog=catalog)
    assert not found["direct_taken"]
    assert found["direct"] == found["session"]
    failed = next(r for r in found["direct"][1]["requirements"] if r["requirement"] == "ID-DOC-902")
    assert failed["verdict"] == "fail" and failed["message"].startswith("arithmetic is broken")


@pytest.mark.parametrize("extra", [
    "@pytest.fixture\ndef helper():\n    return 1\n",
    "pytestmark = pytest.mark.requirement('ID-DOC-901')\n",
    "@pytest.mark.requirement('ID-DOC-901')\n@pytest.mark.parametrize('n', [1, 2])\ndef test_more(n):\n    pass\n",
    "@pytest.mark.requirement('ID-DOC-901')\ndef test_tmp(tmp_path):\n    pass\n",
    "class TestGrouped:\n    def test_one(self):\n        pass\n",
    "def pytest_generate_tests(metafunc):\n    pass\n",
])
def test_what_pytest_treats_its_own_way_runs_under_the_session(tmp_path, monkeypatch, extra):
    catalog, manifest = _mini(tmp_path, MODULE + "\n\n" + extra)
    taken: list[bool] = []
    monkeypatch.setattr(engine, "plan_direct", lambda *a: taken.append(direct.plan_direct(*a) is not None))
    run(manifest, catalog=catalog, out_dir=tmp_path / "out", formats=["json"])
    assert taken == [False]


@pytest.mark.parametrize("document", [SAMPLES / "did_documents" / "did-key-ed25519.json",
                                      fixture_path("identity", "did-doc-private-jwk.json")], ids=["good", "bad"])
def test_a_did_document_is_judged_as_under_the_session(tmp_path, monkeypatch, document):
    manifest = {"product": {"name": "p", "version": "1"}, "profiles": ["identity-document"],
                "targets": {"did_documents": {"adapter": "file", "paths": [str(document)]}}}
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(manifest))
    found = _both_ways(monkeypatch, tmp_path / "out", tmp_path / "m.yaml")
    assert found["direct_taken"]
    assert found["direct"] == found["session"]
    verdicts = {r["requirement"]: r["verdict"] for r in found["direct"][1]["requirements"]}
    assert (verdicts["ID-DOC-002"] == "pass") is (document.name == "did-key-ed25519.json")


def test_format_json_writes_no_html(tmp_path, capsys):
    sample = SAMPLES / "did_documents" / "did-key-ed25519.json"
    code = main(["validate", "--profile", "identity-document", "--format", "json", "--no-progress",
                 "--out", str(tmp_path / "out"), str(sample)])
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.events.ndjson", "report.json"]
    code = main(["validate", "--profile", "identity-document", "--no-progress", "--out", str(tmp_path / "all"),
                 str(sample)])
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == ["junit.xml", "report.events.ndjson",
                                                                   "report.html", "report.json"]


def test_an_interrupted_run_is_reported_as_under_the_session(tmp_path, monkeypatch):
    # SIGINT, SIGTERM and the run's budget reach a test as KeyboardInterrupt: the run stops
    # there, that test did not run, the tests after it are not run, the report says so.
    module = MODULE.replace('raise Inconclusive("nothing to look at")', "raise KeyboardInterrupt")
    catalog, manifest = _mini(tmp_path, module)
    found = _both_ways(monkeypatch, tmp_path / "out", manifest, catalog=catalog)
    assert found["direct_taken"]
    assert found["direct"] == found["session"]
    exit_code, report, _ = found["direct"]
    assert report["complete"] is False
    assert exit_code == 1  # a MUST that failed before the interruption decides it: not conformant
    ran = [t["nodeid"].split("::")[1] for t in report["tests"]]
    assert ran[-1] == "test_undecided" and "test_params" not in ran


def test_a_module_not_spelling_assert_is_not_compiled_to_look_for_one(tmp_path, monkeypatch):
    """Only a module whose text holds the word is compiled to find an ``assert`` statement;
    the word in a comment or a string alone is no statement."""
    compiled: list[str] = []
    real = direct.importlib.util.spec_from_file_location

    def spying(name: str, location: Any, *args: Any, **kwargs: Any) -> Any:
        compiled.append(Path(location).name)
        return real(name, location, *args, **kwargs)
    monkeypatch.setattr(direct.importlib.util, "spec_from_file_location", spying)
    plain, word, statement = tmp_path / "plain.py", tmp_path / "word.py", tmp_path / "statement.py"
    plain.write_text("def test_one():\n    raise AssertionError('no')\n", encoding="utf-8")
    word.write_text("# an assert would be rewritten\nTEXT = 'assert'\n", encoding="utf-8")
    statement.write_text("def test_one():\n    assert 1 + 1 == 2\n", encoding="utf-8")
    assert [direct._asserts(p) for p in (plain, word, statement)] == [False, False, True]
    assert compiled == ["word.py", "statement.py"]
