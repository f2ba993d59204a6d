"""pytest as a driver: ``pytest --conformance-manifest m.yaml`` in a vendor's folder (outside
the checkout, no path argument) shows each requirement's verdict as pytest's outcome, with
pytest's exit code, counts and failure names equal to report.json's.

Most runs here are pytest sessions in this process (pytest's ``pytester``): a subprocess per
profile spent about as much CPU starting Python, pytest and the harness's imports as on the
run itself, which proves nothing about the plugin. In-process is how the harness itself runs
its suites (``conformance run`` calls ``pytest.main`` in its process, run after run), and
``pytester`` forgets the modules and ``sys.path`` entries each session added, as a new
process would start without them. The real command line still runs in a subprocess where it
is the point: the no-path run (a file profile) and one HTTP profile; the -k/-x/--lf runs that
follow the no-path run are sessions in this process over the cache it left on disk."""

from __future__ import annotations

import ast
import importlib
import logging
import os
import re
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml

from conformance._catalog.cache import cache_dir
from tests.conftest import manifest_for
from tests.paths import ROOT

from .test_known_bad import CASES

pytest_plugins = ["pytester"]

#: pytest's outcome words -> the verdict each stands for in a conformance run.
OUTCOMES = {"passed": "pass", "failed": "fail", "error": "error", "errors": "error",
            "xfailed": "inconclusive", "skipped": "not_applicable"}


def _first_case_per_profile() -> list[tuple[str, dict[str, Any]]]:
    seen: dict[str, tuple[str, dict[str, Any]]] = {}
    for requirement, cases in CASES.items():
        for case in cases:
            if not case.get("requires"):
                seen.setdefault(case["profile"], (requirement, case))
    return [seen[p] for p in sorted(seen)]


#: The profiles whose case also runs as a real command line: one with HTTP targets only (the
#: others run in-process; a file profile runs as a real command line in the no-path test).
IN_A_SUBPROCESS = {"asset-minors"}

#: The harness's cache folder (the catalog's checked schemas, the report's compiled templates)
#: as this process found it, before ``pytester`` points HOME at an empty folder: a vendor's
#: pytest finds the cache its earlier runs left, and each session here finding none paid about
#: a CPU-second checking the catalog's schemas again (issue 77 item 7). No test here is about
#: a first run's cold cache.
HARNESS_CACHE = cache_dir()
HARNESS_CACHE_ENV = {"CONFORMANCE_CACHE_DIR": str(HARNESS_CACHE) if HARNESS_CACHE is not None else "off"}


def _write_manifest(folder: Path, catalog, case: dict[str, Any], base_urls: dict[str, str]) -> list[str]:
    """The manifest (and, for loosened parameters, a certification plan) in ``folder``;
    returns the extra pytest options."""
    manifest = manifest_for(catalog, case["profile"], base_urls=base_urls, files=case.get("files"),
                            features=case.get("features"))
    (folder / "m.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    if not case.get("parameters"):
        return []
    plan = {"id": "test-plan", "program": "the harness's own tests", "catalog_digest": catalog.digest,
            "profiles": {case["profile"]: {"parameters": case["parameters"]}}}
    (folder / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    return ["--conformance-plan", "plan.yaml"]


#: The options of every run: the manifest in the current folder, failures, errors, skips and
#: xfails named in the short summary.
OPTIONS = ("-q", "-rfEsx", "--conformance-manifest", "m.yaml")

#: Wide enough that pytest does not cut the short summary's lines ("FAILED <id> - <message>").
COLUMNS = "250"


@dataclass(frozen=True)
class Ran:
    """A pytest session's exit status and output, whether run in a subprocess or in-process."""

    returncode: int
    stdout: str
    stderr: str


def pytest_in(folder: Path, *args: str) -> Ran:
    """``pytest`` as a vendor types it, in a new process in ``folder``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "COLUMNS": COLUMNS, **HARNESS_CACHE_ENV}
    done = subprocess.run([sys.executable, "-m", "pytest", *OPTIONS, *args],
                          capture_output=True, text=True, cwd=folder, env=env, timeout=600)
    return Ran(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="session")
def suite_imports() -> None:
    """What the suites import (the harness's areas, numpy, httpx...), imported in this process
    before any in-process session. ``pytester`` forgets the modules a session added; numpy
    refuses to be imported a second time in a process, and the area modules would otherwise be
    new copies in each session while this process keeps the first. The suite modules
    themselves are imported by each session, as a new process would. Idempotent, so any
    xdist worker may build it."""
    names: set[str] = set()
    for path in sorted((ROOT / "suites").glob("*/*.py")):
        for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    for name in sorted(names):
        if name.split(".")[0] != "suites":
            importlib.import_module(name)


#: where the modules a session may leave imported in this process live: the harness's package
#: and the installed libraries (never the suites, the tests or a catalog written for a test)
_SHARED_HOMES = tuple(str(Path(home).resolve()) + os.sep for home in
                      {*(sysconfig.get_paths()[kind] for kind in ("purelib", "platlib")), ROOT / "src" / "conformance"})


class _SessionImports:
    """Notes the modules of the harness and of installed libraries a session imported."""

    def __init__(self) -> None:
        self.before = set(sys.modules)
        self.names: list[str] = []

    def pytest_sessionfinish(self) -> None:
        for name in set(sys.modules) - self.before:
            where = getattr(sys.modules[name], "__file__", None)
            if where and str(Path(where).resolve()).startswith(_SHARED_HOMES):
                self.names.append(name)


#: the harness's and the libraries' modules the in-process sessions so far imported
_SESSION_IMPORTS: set[str] = set()


@pytest.fixture(autouse=True)
def _earlier_sessions_imports() -> None:
    """The modules earlier sessions imported from the harness and installed libraries
    (:data:`_SESSION_IMPORTS`), imported into this process before the test's ``pytester`` notes
    what the process holds (an autouse fixture comes before it), so that its sessions find them,
    as ``conformance run``'s sessions, one after another in its process, find the engine, the
    report's writers, jinja2 and httpx already imported; the suite modules stay each session's
    own. ``pytester`` forgets what a session added, and then what its test added: each session
    imported some 1 400 modules again, about a tenth of the sessions' CPU."""
    for name in sorted(_SESSION_IMPORTS):  # a package before its modules
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except ImportError:  # loadable only through its importer's state: the sessions import it again
                _SESSION_IMPORTS.discard(name)


def pytest_inprocess(pytester: pytest.Pytester, folder: Path, *args: str) -> Ran:
    """The same session in this process, in ``folder`` (see the module's docstring; the
    caller asks for the ``suite_imports`` fixture)."""
    imported = _SessionImports()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        patch.setenv("COLUMNS", COLUMNS)
        for name, value in HARNESS_CACHE_ENV.items():
            patch.setenv(name, value)
        # The reference servers run in this process: what they log (a planted defect's
        # "Exception in ASGI application") stays out of the session's output, as a target's
        # logs in another process would.
        patch.setattr(logging.getLogger("uvicorn.error"), "disabled", True)
        done = pytester.runpytest_inprocess(*OPTIONS, *args, plugins=[imported])
    _SESSION_IMPORTS.update(imported.names)
    return Ran(int(done.ret), done.stdout.str(), done.stderr.str())


def pytest_counts(stdout: str) -> dict[str, int]:
    """pytest's closing line ("2 failed, 4 passed, 1 skipped, 39 deselected in 1.2s") as verdict counts."""
    last = [line for line in stdout.splitlines() if re.search(r" in [\d.]+s", line)][-1]
    counts: dict[str, int] = {}
    for number, word in re.findall(r"(\d+) (\w+)", last):
        if word in OUTCOMES:
            counts[OUTCOMES[word]] = counts.get(OUTCOMES[word], 0) + int(number)
    return counts


def report_counts(report: dict[str, Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for result in report["requirements"]:
        counts[result["verdict"]] = counts.get(result["verdict"], 0) + 1
    return counts


def failed_requirements(stdout: str, report: dict[str, Any]) -> set[str]:
    """The requirements of the tests pytest names as FAILED (or ERROR)."""
    by_node = {t["nodeid"]: t["requirements"] for t in report["tests"]}
    names = re.findall(r"^(?:FAILED|ERROR) (\S+)", stdout, flags=re.MULTILINE)
    return {r for name in names for r in by_node.get(name, [name.rpartition("::")[2]])}


@pytest.mark.slow
@pytest.mark.parametrize(("requirement", "case"), _first_case_per_profile(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_pytest_outcomes_equal_the_report(requirement, case, catalog, serve_reference, tmp_path, pytester,
                                          suite_imports):
    profile = catalog.profile(case["profile"])
    with pytest.MonkeyPatch.context() as patch:
        # The reference apps (made here, in this process) find the harness's cache as the
        # sessions do: under pytester's empty HOME the first app meta-validated every schema.
        for name, value in HARNESS_CACHE_ENV.items():
            patch.setenv(name, value)
        base_urls = {role: serve_reference(case.get("role_defects", {}).get(role, case.get("defects", [])))
                     for role, spec in profile.targets.items() if spec.kind == "http"}
    extra = _write_manifest(tmp_path, catalog, case, base_urls)
    args = ("--conformance-out", "out", "-p", "no:cacheprovider", *extra)
    if case["profile"] in IN_A_SUBPROCESS:
        completed = pytest_in(tmp_path, *args)
    else:
        completed = pytest_inprocess(pytester, tmp_path, *args)
    output = completed.stdout + completed.stderr
    assert "Traceback" not in completed.stderr, output
    report = orjson.loads((tmp_path / "out" / "report.json").read_bytes())
    assert completed.returncode == report["exit_code"], output
    found = report_counts(report)
    assert pytest_counts(completed.stdout) == found, output
    failing = {r["requirement"] for r in report["requirements"] if r["verdict"] in ("fail", "error")}
    assert requirement in failing, output
    assert failed_requirements(completed.stdout, report) == failing, output
    assert re.search(r"^conformance: \d+ passed, \d+ failed", completed.stdout, re.M), output


def _vendor_folder(folder: Path) -> Path:
    """A vendor's folder: two identity documents, one with a private key, and a manifest."""
    fixtures = ROOT / "suites" / "identity" / "fixtures"
    manifest = {"product": {"name": "Acme", "version": "1"}, "profiles": ["identity-document"],
                "targets": {"did_documents": {"adapter": "file", "paths": [
                    str(fixtures / "did-doc-private-jwk.json"), str(fixtures / "did-doc-invalid.json")]}}}
    (folder / "m.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Ran]:
    """``pytest`` with no path in a vendor's folder, as a new process: the run whose output the
    no-path test reads and whose failures (pytest's cache, on disk) the --lf run reruns, one
    process for both instead of one each."""
    folder = _vendor_folder(tmp_path_factory.mktemp("vendor"))
    return folder, pytest_in(folder, "--conformance-out", "out")


@pytest.fixture(scope="module")
def _last_failed_holder() -> dict[str, Ran]:
    return {}


@pytest.fixture
def last_failed_run(first_run: tuple[Path, Ran], _last_failed_holder: dict[str, Ran], pytester: pytest.Pytester,
                    suite_imports: None) -> Ran:
    """``pytest --lf`` after the no-path run, a session in this process over the failures that
    run's process left in pytest's cache on disk: the rerun both the -k/-x/--lf test and the
    test IDs' test read, made by the first of them (``pytester`` is a test's, so the module keeps
    the outcome, not the session)."""
    if "ran" not in _last_failed_holder:
        folder, first = first_run
        assert first.returncode == 1, first.stdout + first.stderr
        _last_failed_holder["ran"] = pytest_inprocess(pytester, folder, "--lf", "--conformance-out", "lf")
    return _last_failed_holder["ran"]


@pytest.mark.slow
def test_no_path_collects_the_installed_suites_and_failures_show(first_run, catalog):
    folder, completed = first_run
    assert completed.returncode == 1, completed.stdout + completed.stderr
    # the command line as a vendor types it, a file profile: pytest's exit code, counts and
    # failure names are report.json's (as test_pytest_outcomes_equal_the_report holds for each profile)
    report = orjson.loads((folder / "out" / "report.json").read_bytes())
    assert "Traceback" not in completed.stderr, completed.stdout + completed.stderr
    assert completed.returncode == report["exit_code"]
    assert pytest_counts(completed.stdout) == report_counts(report), completed.stdout
    failing = {r["requirement"] for r in report["requirements"] if r["verdict"] in ("fail", "error")}
    assert failed_requirements(completed.stdout, report) == failing == {"ID-DOC-001", "ID-DOC-002"}, completed.stdout
    assert re.search(r"^FAILED ID-DOC-002\[identity-document\] - ID-DOC-002", completed.stdout, re.M)
    assert "ID-DOC-002 fails: 1 finding(s)" in completed.stdout  # the finding, not a traceback
    assert "pointer=/verificationMethod/0/publicKeyJwk/d" in completed.stdout
    passed = len(catalog.profile("identity-document").all_requirements()) - 2  # all but ID-DOC-001 and -002
    assert (f"conformance: {passed} passed, 2 failed, 0 inconclusive, 0 not applicable "
            "(identity-document: not conformant)") in completed.stdout


@pytest.mark.slow
def test_k_x_and_last_failed_work_as_pytest_users_expect(first_run, last_failed_run, catalog, pytester,
                                                       suite_imports):
    """The options after the no-path run, each a pytest session in this process (the plug-in is
    the same; the process's start is the no-path test's): --lf reads the failures that run's
    process left in pytest's cache on disk."""
    vendor_folder, first = first_run
    assert first.returncode == 1
    # --lf: only the failures (the tests of ID-DOC-001 and -002) run again; the report is a partial run over them.
    failed = len({*catalog.tests["ID-DOC-001"], *catalog.tests["ID-DOC-002"]})
    again = last_failed_run
    assert re.search(rf"^{failed} failed, \d+ deselected", again.stdout.splitlines()[-1]), again.stdout
    report = orjson.loads((vendor_folder / "lf" / "report.json").read_bytes())
    assert report["scope"] == "partial" and sorted(report["selection"]["requirements"]) == ["ID-DOC-001", "ID-DOC-002"]
    # -k selects by requirement ID, whatever the test's name.
    only = pytest_inprocess(pytester, vendor_folder, "-k", "ID-DOC-003", "-p", "no:cacheprovider",
                            "--conformance-out", "k")
    selected = len(catalog.tests["ID-DOC-003"])
    assert re.search(rf"^{selected} passed, \d+ deselected", only.stdout.splitlines()[-1]), only.stdout
    # ... and the run is partial: never conformant (exit 3, not 0), and the summary says so
    assert only.returncode == 3, only.stdout
    assert "(identity-document: incomplete; partial run)" in only.stdout, only.stdout
    # -x: stops at the first failure; the report says the run is incomplete and why.
    stopped = pytest_inprocess(pytester, vendor_folder, "-x", "-p", "no:cacheprovider", "--conformance-out", "x")
    assert "stopping after 1 failures" in stopped.stdout
    report = orjson.loads((vendor_folder / "x" / "report.json").read_bytes())
    assert report["complete"] is False and any("pytest stopped early" in n for n in report["notes"])
    assert stopped.returncode == report["exit_code"]


@pytest.mark.slow
def test_a_not_claimed_feature_is_a_skipped_item(tmp_path, pytester, suite_imports):
    samples = ROOT / "src" / "conformance" / "reference" / "samples"
    manifest = {"product": {"name": "Acme", "version": "1"}, "profiles": ["asset-3d-content"],
                "targets": {"models": {"adapter": "file", "paths": [str(samples / "models" / "*")]}}}
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    completed = pytest_inprocess(pytester, tmp_path, "-p", "no:cacheprovider")
    assert re.search(r"SKIPPED \[1\] \S*requirements.yaml:1: not applicable: optional feature 'vrm-avatars'",
                     completed.stdout), completed.stdout
    assert completed.returncode == 0


@pytest.mark.slow
def test_test_ids_are_requirement_ids_and_lf_reruns_them(first_run, last_failed_run):
    """FAILED lines name requirements with their profiles, and --lf (which matches those IDs
    against the next collection) reruns exactly what failed. The no-path run (a process) is the
    first session; its --lf rerun is the one the -k/-x/--lf test reads."""
    vendor_folder, first = first_run
    failed = sorted(re.findall(r"^FAILED (\S+) - ", first.stdout, flags=re.MULTILINE))
    assert failed and all(re.fullmatch(r"[A-Z]+-[A-Z]+-\d{3}(::\w+)?\[identity-document\]", f) for f in failed), failed
    report = orjson.loads((vendor_folder / "out" / "report.json").read_bytes())
    assert set(failed) <= {t["nodeid"] for t in report["tests"]}
    again = last_failed_run
    assert sorted(re.findall(r"^FAILED (\S+) - ", again.stdout, flags=re.MULTILINE)) == failed
    assert pytest_counts(again.stdout).get("pass", 0) == 0, again.stdout
