"""An interrupted run (SIGINT, SIGTERM) stops at once, exits 3, leaves a report marked
incomplete, and says so in one line (what stopped it, how many requirements it did not
reach) and the report's path: never a line per requirement."""

from __future__ import annotations

import copy
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
import yaml

from tests.minicatalog import REQUIREMENT, write_catalog

COUNT = 40  # requirements the run will not reach

MODULE = '''import os
import time

import pytest


@pytest.mark.requirement("ID-DOC-900")
def test_first():
    pass


@pytest.mark.requirement("ID-DOC-901")
def test_blocks():
    with open(os.environ["STARTED_FIFO"], "w") as started:  # the parent waits on this
        started.write("started")
    time.sleep(3600)  # until a signal ends the run
'''
MODULE += "".join(f'''

@pytest.mark.requirement("ID-DOC-{n}")
def test_{n}():
    pass
''' for n in range(902, 902 + COUNT))


def _catalog(root: Path) -> tuple[Path, Path]:
    ids = [f"ID-DOC-{n}" for n in range(900, 902 + COUNT)]
    profile = {"id": "mini", "version": "1.0.0", "title": {"en": "Mini", "zh": "迷你"},
               "targets": {"files": {"kind": "file"}}, "requirements": ids}
    write_catalog(root / "catalog", [copy.deepcopy({**REQUIREMENT, "id": i}) for i in ids], MODULE, profile)
    (root / "data.json").write_text("{}", encoding="utf-8")
    manifest = {"product": {"name": "M", "version": "1"}, "profiles": ["mini"],
                "targets": {"files": {"adapter": "file", "paths": ["data.json"]}}}
    (root / "m.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return root / "catalog", root / "m.yaml"


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_run_stops_at_once_and_says_so_in_one_line(tmp_path: Path, signum: int) -> None:
    catalog, manifest = _catalog(tmp_path)
    fifo = tmp_path / "started"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "NO_COLOR": "1", "COLUMNS": "200",
           "CONFORMANCE_CATALOG": str(catalog), "STARTED_FIFO": str(fifo)}
    child = subprocess.Popen([sys.executable, "-m", "conformance.cli", "run", "--manifest", str(manifest),
                              "--out", str(tmp_path / "out"), "--no-progress"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=env)
    try:
        # until the test that never ends has begun (or the child ended without reaching it)
        started = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        try:
            while not select.select([started], [], [], 1)[0]:
                assert child.poll() is None, child.communicate()  # it ended before the test
        finally:
            os.close(started)
        child.send_signal(signum)
        # the test sleeps an hour: ending here at all is the prompt stop (the timeout only
        # keeps a hung child from hanging the suite)
        stdout, stderr = child.communicate(timeout=300)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    output = stdout + stderr
    assert child.returncode == 3, output
    assert "Traceback" not in output, output
    lines = stdout.splitlines()
    name = signal.Signals(signum).name
    assert lines == [
        f"interrupted by {name}: {COUNT + 1} of {COUNT + 2} requirements not reached "
        "(judged before it stopped: 1 passed)",
        f"incomplete report: {tmp_path / 'out' / 'report.html'}",
    ], output
    report = orjson.loads((tmp_path / "out" / "report.json").read_bytes())
    assert report["complete"] is False and report["exit_code"] == 3
    assert report["notes"] == [f"interrupted by {name}"]  # said once, not also as pytest's status


ONCE = '''import os, signal, sys
from conformance.cli import _interrupt_once
_interrupt_once()
try:
    os.kill(os.getpid(), signal.SIG)
    signal.pause() if hasattr(signal, "pause") else None
except KeyboardInterrupt:
    print("interrupted", flush=True)
for _ in range(3):  # the storm goes on: each later signal is ignored
    os.kill(os.getpid(), signal.SIG)
print("still here", flush=True)
'''


@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_outside_a_run_a_storm_of_signals_interrupts_the_command_once(signum: str) -> None:
    """The command's own handler (cli._interrupt_once) raises KeyboardInterrupt for the first
    signal and ignores those after it, so a storm cannot interrupt the interrupt's handling (a
    traceback and death by the signal instead of exit 3: seen once in the hostile battery)."""
    done = subprocess.run([sys.executable, "-c", ONCE.replace("signal.SIG)", f"signal.{signum})")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["interrupted", "still", "here"]
