"""One meaning per exit code, for both drivers: ``conformance run`` and ``pytest
--conformance-manifest`` over the same cases give the same exit code (0 conformant, 1 not
conformant, 2 bad input, 3 could not complete) and, where a run began, the same report:
the same verdict for each requirement and the same outcome for each profile.

Both drivers run in this process (``conformance.cli.main``; pytest's session through ``pytester``,
as tests/e2e/test_pytest_mode.py runs most of its cases): a pytest process per case spent its CPU
starting Python, pytest and the harness's imports, which no exit code depends on (issue 77 item 7).
The command line as a vendor types it still runs as a process of its own where that is the point:
the bad-input case (its one line on the process's stderr) and the interrupted run (Ctrl-C)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# httpx imports httpcore when it first makes a transport and keeps the map of httpcore's exceptions
# it made then: imported here, httpcore is not among the modules a pytester session forgets.
import httpcore  # noqa: F401
import orjson
import pytest
import yaml

from tests.conftest import manifest_for
from tests.paths import ROOT

from .test_pytest_mode import _earlier_sessions_imports, pytest_in, pytest_inprocess, suite_imports  # noqa: F401

pytest_plugins = ["pytester"]

#: The cases whose pytest driver is the command line as a vendor types it, in a process of its own.
IN_A_SUBPROCESS = {"bad-input"}


def _conformant(catalog, serve) -> tuple[dict[str, Any], list[str], list[str]]:
    return manifest_for(catalog, "identity-document"), [], []


def _not_conformant(catalog, serve):
    return manifest_for(catalog, "identity-document", files={"did_documents": ["did-doc-private-jwk.json"]}), [], []


def _should_only(catalog, serve):
    # terminal-eye-gaze: a capture whose rate drifts fails SHOULD requirements only (conformant); no feature
    # claimed (the fixation-targets feature would need a validation sequence the capture does not hold)
    manifest = manifest_for(catalog, "terminal-eye-gaze", files={"captures": ["cap-rate-drift.ndjson"]}, features=[])
    return manifest, [], []


def _bad_input(catalog, serve):
    manifest = manifest_for(catalog, "identity-document")
    manifest["profiles"] = [{"id": "identity-documnt"}]  # a typo
    return manifest, [], []


def _unreachable(catalog, serve):
    return manifest_for(catalog, "identity-resolver", base_urls={"api": "http://127.0.0.1:9"}), [], []


def _partial(catalog, serve):
    # one requirement of the profile, passing: judged over what ran, never conformant
    return manifest_for(catalog, "identity-document"), ["--requirement", "ID-DOC-003"], ["-k", "ID-DOC-003"]


def _partial_failing(catalog, serve):
    manifest = manifest_for(catalog, "identity-document", files={"did_documents": ["did-doc-private-jwk.json"]})
    return manifest, ["--requirement", "ID-DOC-002"], ["-k", "ID-DOC-002"]


#: name -> (how to make the case, the exit code both drivers give)
CASES: dict[str, tuple[Callable[..., tuple[dict[str, Any], list[str], list[str]]], int]] = {
    "conformant": (_conformant, 0),
    "not-conformant": (_not_conformant, 1),
    "should-only-failure": (_should_only, 0),
    "bad-input": (_bad_input, 2),
    "unreachable": (_unreachable, 3),
    "partial": (_partial, 3),
    "partial-with-a-must-failure": (_partial_failing, 1),
}


def _verdicts(report: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    return ({r["requirement"]: r["verdict"] for r in report["requirements"]},
            {p["id"]: p["outcome"] for p in report["profiles"]})


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_both_drivers_give_the_same_exit_code_and_report(name, catalog, tmp_path: Path, monkeypatch, capsys,
                                                        pytester, suite_imports):
    make, expected = CASES[name]
    manifest, cli_args, pytest_args = make(catalog, None)
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    # Both drivers in this process, through their own entries (conformance.cli.main, pytest's
    # session): what is compared is their exit codes, reports and summaries, not a process's
    # start; pytest's driver as a process of its own for the cases of IN_A_SUBPROCESS. The CLI
    # first: the modules the run imports are then this process's before pytester's session, which
    # forgets the modules it added (one dropped and imported again would be a second copy).
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    from conformance import cli as conformance_cli

    code = conformance_cli.main(["run", "--manifest", "m.yaml", "--out", "cli", "--no-progress", *cli_args])
    printed = capsys.readouterr()
    cli = subprocess.CompletedProcess(["conformance", "run"], code, printed.out, printed.err)
    pytest_args = ["-p", "no:cacheprovider", "--conformance-out", "py", *pytest_args]
    if name in IN_A_SUBPROCESS:
        driven = pytest_in(tmp_path, *pytest_args)
    else:
        driven = pytest_inprocess(pytester, tmp_path, *pytest_args)
    output = f"CLI:\n{cli.stdout}{cli.stderr}\npytest:\n{driven.stdout}{driven.stderr}"
    assert cli.returncode == expected, output
    assert driven.returncode == expected, output
    assert "Traceback" not in cli.stderr + driven.stderr + driven.stdout, output
    if expected == 2:  # bad input: one line naming the place and the fix, no report
        assert len(cli.stderr.strip().splitlines()) == 1 and "identity-documnt" in cli.stderr, output
        problem = [line for line in driven.stderr.splitlines() if "identity-documnt" in line]
        assert len(problem) == 1 and problem[0].endswith(cli.stderr.strip()), output  # the same line
        assert not (tmp_path / "py" / "report.json").exists() and not (tmp_path / "cli" / "report.json").exists()
        return
    from_cli = orjson.loads((tmp_path / "cli" / "report.json").read_bytes())
    from_pytest = orjson.loads((tmp_path / "py" / "report.json").read_bytes())
    assert from_cli["exit_code"] == from_pytest["exit_code"] == expected
    assert from_cli["scope"] == from_pytest["scope"]
    assert from_cli["complete"] == from_pytest["complete"]
    assert _verdicts(from_cli) == _verdicts(from_pytest), output
    if name.startswith("partial"):
        assert from_pytest["scope"] == "partial"
        assert "partial run" in driven.stdout and "partial run" in cli.stdout, output
        assert "conformant)" not in driven.stdout.replace("not conformant)", ""), output


@pytest.mark.slow
def test_pytest_given_the_harness_own_tests_judges_nothing_and_is_not_conformant(tmp_path: Path, catalog, pytester,
                                                                                suite_imports):
    """A path that holds no suite (here an empty test module): nothing is judged, so the
    run is partial and incomplete, never "conformant"."""
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(manifest_for(catalog, "identity-document")), encoding="utf-8")
    (tmp_path / "test_nothing.py").write_text("def test_nothing():\n    pass\n", encoding="utf-8")
    driven = pytest_inprocess(pytester, tmp_path, "-p", "no:cacheprovider", "--conformance-out", "py",
                              "test_nothing.py")
    assert driven.returncode == 3, driven.stdout + driven.stderr
    report = orjson.loads((tmp_path / "py" / "report.json").read_bytes())
    assert report["scope"] == "partial" and all(p["outcome"] == "incomplete" for p in report["profiles"])


@pytest.mark.slow
def test_an_interrupted_pytest_run_exits_3_and_writes_an_incomplete_report(tmp_path: Path, catalog):
    """Ctrl-C (here raised in the first test's set-up) ends the pytest-driven run as it ends
    ``conformance run``: exit 3 (not pytest's 2, which means bad input here), the report written
    and marked incomplete (the command's own: tests/_run/test_engine.py, an interrupted run)."""
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(manifest_for(catalog, "identity-document")), encoding="utf-8")
    (tmp_path / "interrupt_plugin.py").write_text(
        "def pytest_runtest_setup(item):\n    raise KeyboardInterrupt\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    driven = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "interrupt_plugin",
                             "--conformance-manifest", "m.yaml", "--conformance-out", "py"],
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert driven.returncode == 3, driven.stdout + driven.stderr
    report = orjson.loads((tmp_path / "py" / "report.json").read_bytes())
    assert report["complete"] is False and report["exit_code"] == 3
    assert all(p["outcome"] == "incomplete" for p in report["profiles"])


def test_the_readme_exit_code_table_is_the_enums() -> None:
    """Issue 77: the exit codes live in one place, conformance.errors.ExitCode; README.md's table
    is written from it (exit_code_table), so a code added there and not to the README fails here."""
    from conformance.errors import ExitCode, exit_code_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Exit codes", 1)[1].split("\n\n", 2)[1]
    assert table == exit_code_table(), f"README.md's exit code table is not the enum's; paste:\n{exit_code_table()}"
    codes = {line.split("|")[1].strip(): line for line in table.splitlines() if line.startswith("| ")}
    assert {str(int(code)) for code in ExitCode} <= set(codes), table
    assert "verify" in codes[str(int(ExitCode.UNMET))] and "unmet" in codes[str(int(ExitCode.UNMET))]


def test_the_readme_exit_code_table_says_why_the_commands_it_shows_exit_as_they_do() -> None:
    """Issue 73: the README shows `--requirement IF-DISC-001` ending with exit 3 (a partial run,
    by design), and its table said only "could not complete"; every option a README command
    stating exit 3 uses to make a run partial is named in the table's row 3."""
    from tests.house.docs_commands import documented_commands

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Exit codes", 1)[1].split("\n\n", 2)[1]
    codes = {line.split("|")[1].strip(): line for line in table.splitlines() if line.startswith("| ")}
    shown = [command for command in documented_commands() if command.doc == "README.md"]
    assert {str(command.exit_code) for command in shown} <= set(codes)
    partial = {word for command in shown if command.exit_code == 3
               for word in command.argv if word in ("--requirement", "--profile")}
    assert partial and all(f"`{option}`" in codes["3"] for option in partial), codes["3"]
    assert "partial" in codes["3"]
