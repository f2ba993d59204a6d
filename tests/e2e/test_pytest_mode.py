"""pytest as a driver: ``pytest --conformance-manifest m.yaml`` in a vendor's folder (outside
the checkout, no path argument) shows each requirement's verdict as pytest's outcome, with
pytest's exit code, counts and failure names equal to report.json's."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml

from tests.conftest import manifest_for
from tests.paths import ROOT

from .test_known_bad import CASES

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


def pytest_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "COLUMNS": "250"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rfEsx", "--conformance-manifest", "m.yaml", *args],
        capture_output=True, text=True, cwd=folder, env=env, timeout=600,
    )


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
def test_pytest_outcomes_equal_the_report(requirement, case, catalog, serve_reference, tmp_path):
    profile = catalog.profile(case["profile"])
    base_urls = {role: serve_reference(case.get("role_defects", {}).get(role, case.get("defects", [])))
                 for role, spec in profile.targets.items() if spec.kind == "http"}
    extra = _write_manifest(tmp_path, catalog, case, base_urls)
    completed = pytest_in(tmp_path, "--conformance-out", "out", "-p", "no:cacheprovider", *extra)
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


@pytest.fixture
def vendor_folder(tmp_path: Path) -> Path:
    """A vendor's folder: two identity documents, one with a private key, and a manifest."""
    fixtures = ROOT / "suites" / "identity" / "fixtures"
    manifest = {"product": {"name": "Acme", "version": "1"}, "profiles": ["identity-document"],
                "targets": {"did_documents": {"adapter": "file", "paths": [
                    str(fixtures / "did-doc-private-jwk.json"), str(fixtures / "did-doc-invalid.json")]}}}
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return tmp_path


@pytest.mark.slow
def test_no_path_collects_the_installed_suites_and_failures_show(vendor_folder, catalog):
    completed = pytest_in(vendor_folder, "--conformance-out", "out")
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert re.search(r"^FAILED ID-DOC-002\[identity-document\] - ID-DOC-002", completed.stdout, re.M)
    assert "ID-DOC-002 fails: 1 finding(s)" in completed.stdout  # the finding, not a traceback
    assert "pointer=/verificationMethod/0/publicKeyJwk/d" in completed.stdout
    passed = len(catalog.profile("identity-document").all_requirements()) - 2  # all but ID-DOC-001 and -002
    assert (f"conformance: {passed} passed, 2 failed, 0 inconclusive, 0 not applicable "
            "(identity-document: not conformant)") in completed.stdout


@pytest.mark.slow
def test_k_x_and_last_failed_work_as_pytest_users_expect(vendor_folder, catalog):
    first = pytest_in(vendor_folder)
    assert first.returncode == 1
    # --lf: only the failures (the tests of ID-DOC-001 and -002) run again; the report is a partial run over them.
    failed = len({*catalog.tests["ID-DOC-001"], *catalog.tests["ID-DOC-002"]})
    again = pytest_in(vendor_folder, "--lf", "--conformance-out", "lf")
    assert re.search(rf"^{failed} failed, \d+ deselected", again.stdout.splitlines()[-1]), again.stdout
    report = orjson.loads((vendor_folder / "lf" / "report.json").read_bytes())
    assert report["scope"] == "partial" and sorted(report["selection"]["requirements"]) == ["ID-DOC-001", "ID-DOC-002"]
    # -k selects by requirement ID, whatever the test's name.
    only = pytest_in(vendor_folder, "-k", "ID-DOC-003", "-p", "no:cacheprovider", "--conformance-out", "k")
    selected = len(catalog.tests["ID-DOC-003"])
    assert re.search(rf"^{selected} passed, \d+ deselected", only.stdout.splitlines()[-1]), only.stdout
    # ... and the run is partial: never conformant (exit 3, not 0), and the summary says so
    assert only.returncode == 3, only.stdout
    assert "(identity-document: incomplete; partial run)" in only.stdout, only.stdout
    # -x: stops at the first failure; the report says the run is incomplete and why.
    stopped = pytest_in(vendor_folder, "-x", "-p", "no:cacheprovider", "--conformance-out", "x")
    assert "stopping after 1 failures" in stopped.stdout
    report = orjson.loads((vendor_folder / "x" / "report.json").read_bytes())
    assert report["complete"] is False and any("pytest stopped early" in n for n in report["notes"])
    assert stopped.returncode == report["exit_code"]


@pytest.mark.slow
def test_a_not_claimed_feature_is_a_skipped_item(tmp_path):
    samples = ROOT / "src" / "conformance" / "reference" / "samples"
    manifest = {"product": {"name": "Acme", "version": "1"}, "profiles": ["asset-3d-content"],
                "targets": {"models": {"adapter": "file", "paths": [str(samples / "models" / "*")]}}}
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    completed = pytest_in(tmp_path, "-p", "no:cacheprovider")
    assert re.search(r"SKIPPED \[1\] \S*requirements.yaml:1: not applicable: optional feature 'vrm-avatars'",
                     completed.stdout), completed.stdout
    assert completed.returncode == 0


@pytest.mark.slow
def test_test_ids_are_requirement_ids_and_lf_reruns_them(vendor_folder):
    """FAILED lines name requirements with their profiles, and --lf (which matches those IDs
    against the next collection) reruns exactly what failed."""
    first = pytest_in(vendor_folder, "--conformance-out", "out")
    failed = sorted(re.findall(r"^FAILED (\S+) - ", first.stdout, flags=re.MULTILINE))
    assert failed and all(re.fullmatch(r"[A-Z]+-[A-Z]+-\d{3}(::\w+)?\[identity-document\]", f) for f in failed), failed
    report = orjson.loads((vendor_folder / "out" / "report.json").read_bytes())
    assert set(failed) <= {t["nodeid"] for t in report["tests"]}
    again = pytest_in(vendor_folder, "--lf")
    assert sorted(re.findall(r"^FAILED (\S+) - ", again.stdout, flags=re.MULTILINE)) == failed
    assert pytest_counts(again.stdout).get("pass", 0) == 0, again.stdout
