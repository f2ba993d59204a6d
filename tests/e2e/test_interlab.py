"""The inter-laboratory comparison (issue 70, "two laboratories, one verdict"): the proficiency
set judged under two set-ups gives identical verdicts, findings and measured values, and the
comparison catches a verdict that depends on the order or the clock (tests/e2e/interlab.py).

Set-up A runs in this process, one run per case, in the catalog's order. Set-up B runs at the
same time in a process of its own (so the two cost about the wall time of one: both mostly wait
on the reference's answers), with another time zone (UTC+12:45/+13:45), locale and temporary
root, each manifest's cases in one run, runs and requirements in reverse order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime
from urllib.parse import urlsplit

import pytest

from tests.e2e.interlab import differences, judge, proficiency_set
from tests.paths import ROOT


def _set_up_b(tmp_path, only=()):
    root = tmp_path / "laboratory-b"
    root.mkdir()
    env = {**os.environ, "TZ": "Pacific/Chatham", "LANG": "zh_CN.UTF-8", "LC_ALL": "C.UTF-8", "TMPDIR": str(root),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")])}
    out = root / "found.json"
    process = subprocess.Popen([sys.executable, "-m", "tests.e2e.interlab", str(out), str(root / "work"), *only],
                               cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return process, out


def _finish(process, out):
    output, _ = process.communicate(timeout=900)
    assert process.returncode == 0, output[-4000:]
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_two_set_ups_judge_the_proficiency_set_alike(tmp_path):
    cases = proficiency_set()
    process, out = _set_up_b(tmp_path)
    try:
        a = judge(cases, tmp_path / "laboratory-a", grouped=False, reverse=False)
    finally:
        b = _finish(process, out)
    assert set(a) == {r for r, _ in cases}  # complete by requirement
    assert all(found["verdict"] == "fail" for found in a.values())  # every known-bad case fails
    assert not differences(a, b), "\n".join(differences(a, b)[:20])


def _planted(chosen, tmp_path):
    """The two set-ups in this process (a dependence planted here does not reach a subprocess)."""
    a = judge(chosen, tmp_path / "a", grouped=False, reverse=False)
    os.environ["TZ"] = "Pacific/Chatham"
    time.tzset()
    try:
        b = judge(chosen, tmp_path / "b", grouped=True, reverse=True)
    finally:
        os.environ.pop("TZ")
        time.tzset()
    return [line.split(":")[0] for line in differences(a, b)]


CHOSEN = ("IF-CON-001", "IF-REQ-001")


@pytest.mark.slow
def test_the_comparison_catches_state_shared_between_tests(tmp_path, monkeypatch):
    """Planted: answers judged once per process (a module-level cache keyed by URL, shared by every
    test and run): the second set-up's IF-CON-001 finds nothing left to judge."""
    import conformance.areas.interfaces.openapi as openapi

    original, judged = openapi.Contract.response_findings, set()

    def once_per_process(self, response, base_path=""):
        path = urlsplit(str(response.url)).path
        if path in judged:
            return []
        judged.add(path)
        return original(self, response, base_path)

    monkeypatch.setattr(openapi.Contract, "response_findings", once_per_process)
    monkeypatch.delenv("TZ", raising=False)
    chosen = [(r, c) for r, c in proficiency_set() if r in CHOSEN]
    assert "IF-CON-001" in _planted(chosen, tmp_path)


@pytest.mark.slow
def test_the_comparison_catches_a_verdict_read_from_the_local_clock(tmp_path, monkeypatch):
    """Planted: findings dropped where the local clock is 12 h or more ahead of UTC (a date taken
    from datetime.now() without a zone): set-up B's time zone passes what A fails."""
    import conformance.areas.interfaces.openapi as openapi

    original = openapi.Contract.response_findings

    def local_clock(self, response, base_path=""):
        ahead = datetime.now().astimezone().utcoffset().total_seconds() >= 12 * 3600
        return [] if ahead else original(self, response, base_path)

    monkeypatch.setattr(openapi.Contract, "response_findings", local_clock)
    monkeypatch.delenv("TZ", raising=False)
    chosen = [(r, c) for r, c in proficiency_set() if r in CHOSEN]
    assert "IF-CON-001" in _planted(chosen, tmp_path)
