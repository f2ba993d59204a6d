"""The console after a run: failures first, one line each; the cause of an incomplete run
before the table; a compact profile table; the closing count line. Progress off a terminal."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time

import pytest
from rich.console import Console

from conformance.console import count_line, print_summary
from conformance.events import CollectedTest
from conformance.model import Verdict
from conformance.progress import ProgressBar, Tracker

from .conftest import manifest_for

COUNT_LINE = re.compile(r"^\d+ passed, \d+ failed, (\d+ errors, )?\d+ inconclusive, \d+ not applicable \(.+\)$")


def _summary(report, **options) -> list[str]:
    out = io.StringIO()
    print_summary(Console(file=out, width=100), report, [], **options)
    return out.getvalue().splitlines()


@pytest.fixture
def failing(catalog, run_manifest):
    manifest = manifest_for(catalog, "identity-document",
                            files={"did_documents": ["did-doc-invalid.json", "did-doc-private-jwk.json"]})
    return run_manifest(manifest).report


def test_failures_come_first_and_the_count_line_last(catalog, failing):
    lines = _summary(failing)
    assert lines[0].startswith("fail") and "ID-DOC-001" in lines[0] and "finding(s)" in lines[0]
    assert lines[1].startswith("fail") and "ID-DOC-002" in lines[1]
    assert not any("ID-DOC-003" in line for line in lines)  # passing: only with -v
    assert lines[-1] == (f"{_others_pass(catalog, failing)} passed, 2 failed, 0 inconclusive, 0 not applicable "
                         "(identity-document: not conformant)")
    assert all(len(line) <= 100 for line in lines)


def _others_pass(catalog, report) -> int:
    """How many requirements of identity-document pass when the two fixtures fail ID-DOC-001
    and ID-DOC-002: all the others (counted from the catalog, never written down)."""
    assert {r.requirement for r in report.requirements if r.verdict.value == "fail"} == {"ID-DOC-001", "ID-DOC-002"}
    return len(catalog.profile("identity-document").all_requirements()) - 2


def test_verbose_lists_passing_requirements_and_quiet_drops_the_table(failing):
    verbose = _summary(failing, verbose=True)
    assert any(line.startswith("pass") and "ID-DOC-003" in line for line in verbose)
    quiet = _summary(failing, quiet=True)
    assert len(quiet) == 3 and not any("Profile" in line for line in quiet)


def test_an_unreachable_target_says_why_first_and_groups_what_was_not_reached(catalog, run_manifest):
    report = run_manifest(manifest_for(catalog, "identity-resolver", base_urls={"api": "http://127.0.0.1:9"})).report
    lines = _summary(report)
    assert lines[0].startswith("run incomplete: target 'api' unreachable")
    selected = len(catalog.profile("identity-resolver").all_requirements())
    assert re.match(rf"error\s+{selected} requirements \(ID-RES-001, ", lines[1])
    assert len(lines) <= 8 and COUNT_LINE.match(lines[-1]), lines


def test_the_count_line_names_profile_outcomes(catalog, failing):
    assert count_line(failing).endswith("(identity-document: not conformant)")
    assert count_line(failing, "zh").startswith(f"{_others_pass(catalog, failing)} 项通过")


def test_off_a_terminal_progress_prints_lines_while_a_test_runs():
    out = io.StringIO()
    bar = ProgressBar(Console(file=out), interval=0.05)
    bar.start([CollectedTest(test="t1", requirements=["ID-DOC-001"], profiles=["identity-document"])], {})
    bar.begin("t1")
    deadline = time.monotonic() + 30
    while out.getvalue().count("\n") < 3 and time.monotonic() < deadline:
        time.sleep(0.02)  # one long test: the log still shows life
    bar.advance("t1", Verdict.PASS)
    bar.stop()
    lines = out.getvalue().splitlines()
    assert len(lines) >= 3 and "running ID-DOC-001 (identity-document)" in lines[-1]
    assert ProgressBar(Console(file=io.StringIO())).interval < 5  # CI: a line at least every 5 s


def test_eta_uses_earlier_durations_then_the_mean_so_far():
    tests = [CollectedTest(test=n, requirements=[], profiles=[]) for n in ("a", "b", "c")]
    assert Tracker(tests, {}).eta() is None
    known = Tracker(tests, {"a": 1.0, "b": 2.0, "c": 3.0})
    assert known.eta() == 6.0 and known.eta_text() == "ETA 6 s"
    partly = Tracker(tests, {})
    partly.begin("a")
    partly.advance("a")
    assert partly.eta() == pytest.approx(2 * partly.durations[0])


@pytest.mark.slow
def test_the_demo_fits_one_screen_and_ends_with_the_count_line(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "conformance.cli", "demo", "--out", str(tmp_path / "demo")],
                               capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    lines = completed.stdout.splitlines()
    assert len(lines) <= 40, completed.stdout
    assert COUNT_LINE.match(lines[-1]), lines[-1]
    assert completed.stderr.startswith("progress: 0/"), completed.stderr
