"""Issue 60's goal: a warm run (``CONFORMANCE_WARM=1``) is the cold run, faster. Every file
profile of the catalog (those whose targets are all files, found in the catalog, not listed
here) is claimed in one manifest and run twice, cold and through the warm process, under umask
077: once over the demo's samples under a certification plan (so the report names a plan
digest, and the run is signed), once over the fixtures of the first known-bad case of each
requirement of those profiles (:func:`_known_bad_files`). Both
must give the same exit code, the same verdict for each requirement, the same profile
outcomes, the same catalog and plan digests, and the same file modes for everything written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conformance._catalog.catalog import Catalog
from conformance.cli import main
from conformance.cli.manifests import automated_features
from tests.cli.test_warm import _env, _server_cpu
from tests.cli.test_warm import pytestmark as warm_needs
from tests.conftest import SAMPLES, _area_of, fixture_path
from tests.e2e.test_known_bad import CASES

pytestmark = [warm_needs, pytest.mark.slow]  # a warm process and four whole runs


def file_profiles(catalog: Catalog) -> list[str]:
    """The profiles a vendor can claim with files alone: no HTTP target."""
    return [p.id for p in catalog.profiles.values() if all(spec.kind != "http" for spec in p.targets.values())]


def _manifest(catalog: Catalog, paths: dict[str, list[str]]) -> dict[str, object]:
    """Every file profile claimed with every feature the reference shows (as the demo claims
    them); each role's files from ``paths``, else the demo's samples of that role."""
    targets: dict[str, object] = {}
    claims = []
    for profile_id in file_profiles(catalog):
        profile = catalog.profile(profile_id)
        for role, spec in profile.targets.items():
            if spec.optional and role not in paths and not (SAMPLES / role).is_dir():
                continue  # an optional role the samples lack (laboratory records): left out, as the demo does
            targets[role] = {"adapter": "file", "paths": paths.get(role) or [str(SAMPLES / role / "*")]}
        claims.append({"id": profile_id, "features": automated_features(catalog, profile)})
    return {"product": {"name": "warm and cold", "version": "1"}, "profiles": claims, "targets": targets}


def _known_bad_files(catalog: Catalog) -> dict[str, list[str]]:
    """role -> every fixture the first known-bad case of each requirement of a file profile names for
    it. What is compared is the warm process against the cold one (the same checks, the same inputs),
    not the catalog's cases: a failing case of each requirement takes each check down a failing path
    in both (every case is judged on its own in tests/e2e/test_known_bad.py). Every case's fixtures
    (761 of 684 cases, not 221) cost some 45 CPU-s a suite here (issue 77 item 7, bench/README.md)."""
    claimed = set(file_profiles(catalog))
    found: dict[str, set[str]] = {}
    firsts = [next((case for case in cases if case["profile"] in claimed), None) for cases in CASES.values()]
    for case in filter(None, firsts):
        area = _area_of(catalog, case["profile"])
        for role, names in (case.get("files") or {}).items():
            found.setdefault(role, set()).update(str(fixture_path(area, name)) for name in names)
    return {role: sorted(names) for role, names in found.items()}


def _plan(catalog: Catalog) -> dict[str, object]:
    """A programme's plan pinning this catalog and naming the file profiles a claim can rest on."""
    normative = [p for p in file_profiles(catalog) if catalog.normative_requirements(catalog.profile(p))]
    return {"id": "warm-equals-cold", "program": "the harness's own tests", "catalog_digest": catalog.digest,
            "profiles": {p: {} for p in normative}}


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``conformance ARGS`` under umask 077 (a user keeping reports to themself)."""
    return subprocess.run(["sh", "-c", 'umask 077 && exec "$0" -m conformance.cli "$@"', sys.executable, *args],
                          env=env, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


def _modes(folder: Path) -> dict[str, int]:
    """Every path under ``folder`` (itself included) -> its permission bits."""
    found = {".": folder.stat().st_mode & 0o7777}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = path.lstat().st_mode & 0o7777
    return found


def _judged(folder: Path) -> dict[str, object]:
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    return {
        "catalog_digest": report["catalog_digest"],
        "plan": report["certification_plan"],
        "exit_code": report["exit_code"],
        "complete": report["complete"],
        "verdicts": {r["requirement"]: r["verdict"] for r in report["requirements"]},
        "profiles": {p["id"]: p["outcome"] for p in report["profiles"]},
    }


@pytest.mark.parametrize("inputs", ["demo-samples", "known-bad"])
def test_warm_and_cold_runs_of_every_file_profile_are_the_same(server, catalog, tmp_path: Path,
                                                               inputs: str) -> None:
    process, runtime = server
    paths = _known_bad_files(catalog) if inputs == "known-bad" else {}
    assert inputs == "demo-samples" or paths, "no known-bad fixture of a file profile found"
    (tmp_path / "manifest.yaml").write_text(yaml.safe_dump(_manifest(catalog, paths), allow_unicode=True),
                                            encoding="utf-8")
    extra: list[str] = []
    if inputs == "demo-samples":
        (tmp_path / "plan.yaml").write_text(yaml.safe_dump(_plan(catalog), allow_unicode=True), encoding="utf-8")
        # the signing key made in this process: what is compared is the runs, not the key's command
        # (a process of its own elsewhere: tests/certification/test_attest.py, the documented walkthroughs)
        assert main(["keys", "generate", "--out", str(tmp_path / "key")]) == 0
        extra = ["--plan", "plan.yaml", "--sign", "key"]
    done = {}
    for mode in ("cold", "warm"):
        env = _env(runtime, **({"CONFORMANCE_WARM": "1"} if mode == "warm" else {}))
        before = _server_cpu(process.pid)
        done[mode] = _run(["run", "--manifest", "manifest.yaml", *extra, "--out", mode, "--no-progress", "-q",
                           "--format", "json,junit,html,earl"], env, tmp_path)
        if mode == "warm":  # it ran in a child of the warm process, which waited for it
            assert _server_cpu(process.pid) > before, "the warm run did not run in the warm process"
    cold, warm = done["cold"], done["warm"]
    assert cold.returncode in (0, 1), cold.stderr[-2000:]
    assert (warm.returncode, warm.stderr) == (cold.returncode, cold.stderr)
    judged = {mode: _judged(tmp_path / mode) for mode in done}
    assert judged["warm"] == judged["cold"]
    assert set(judged["cold"]["profiles"]) == set(file_profiles(catalog))  # type: ignore[arg-type]
    assert judged["cold"]["catalog_digest"] == catalog.digest
    if inputs == "demo-samples":
        assert judged["cold"]["plan"]["sha256"], judged["cold"]["plan"]  # type: ignore[index]
        assert (tmp_path / "cold" / "attestation.dsse.json").is_file()
    else:  # the known-bad fixtures are judged, and found failing, in both
        assert "fail" in judged["cold"]["verdicts"].values()  # type: ignore[union-attr]
    modes = {mode: _modes(tmp_path / mode) for mode in done}
    assert modes["warm"] == modes["cold"]
    assert not any(m & 0o077 for m in modes["cold"].values()), modes["cold"]  # umask 077 honoured
