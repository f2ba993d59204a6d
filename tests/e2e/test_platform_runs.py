"""Issue 46: ``examples/platform.yaml`` (21 profiles) run again and again against one
``conformance serve``, each run a ``conformance run`` process of its own: conformant every
time, though every run leaves the platform more state (assets issued and traded, test
identities, reports and sanctions, a listing that outgrows a page).

Three runs by default, what CI can afford: a run of the whole platform is about 13 s of
CPU in its own process plus the server's, its model-based market and registry tests and the
IFC schema check most of it. The issue's ten, measured by hand (docs/programme.md, "Ten
runs of the example platform"):

    CONFORMANCE_PLATFORM_RUNS=10 PYTHONPATH=src python -m pytest tests/e2e/test_platform_runs.py"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.reference import SAMPLES
from tests.paths import ROOT

RUNS = int(os.environ.get("CONFORMANCE_PLATFORM_RUNS", "3"))

pytestmark = pytest.mark.slow  # a server process and several whole runs


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "NO_COLOR": "1", "COLUMNS": "200",
            "PLATFORM_TOKEN": "any-value"}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """``conformance serve`` as the example's comments start it (another port), for the whole
    test; its console (a line per request) to a file, so no pipe fills and stalls it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (tmp_path / "serve.log").open("wb") as log, subprocess.Popen(
            [sys.executable, "-m", "conformance.cli", "serve", "--port", str(port)], stdout=log,
            stderr=subprocess.STDOUT, cwd=tmp_path, env=_environment()) as process:
        try:
            deadline = time.monotonic() + 120  # it names its URL before it listens (seconds under load)
            while True:
                assert process.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    assert time.monotonic() < deadline, "conformance serve did not listen within 120 s"
                    time.sleep(0.2)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_the_example_platform_is_conformant_run_after_run_against_one_server(server: str, tmp_path: Path) -> None:
    text = (ROOT / "examples" / "platform.yaml").read_text(encoding="utf-8")
    assert "http://127.0.0.1:8080" in text and '"../src/conformance/reference/samples/' in text
    manifest = tmp_path / "platform.yaml"  # as written, but for the server's port and where the samples are
    manifest.write_text(text.replace("http://127.0.0.1:8080", server)
                        .replace('"../src/conformance/reference/samples/', f'"{SAMPLES}/'), encoding="utf-8")
    claimed = None
    for n in range(RUNS):
        out = tmp_path / f"run-{n}"
        done = subprocess.run([sys.executable, "-m", "conformance.cli", "run", "--manifest", str(manifest),
                               "--out", str(out), "--format", "json", "--no-progress", "--quiet"],
                              capture_output=True, text=True, timeout=1200, env=_environment(), cwd=tmp_path)
        assert done.returncode == 0, (n, (done.stdout + done.stderr)[-3000:])
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        outcomes = {p["id"]: p["outcome"] for p in report["profiles"]}
        failed = [r["requirement"] for r in report["requirements"] if r["verdict"] in ("fail", "error")]
        assert report["complete"] and not failed, (n, failed)
        assert set(outcomes.values()) == {"conformant"}, (n, outcomes)
        claimed = claimed or set(outcomes)
        assert set(outcomes) == claimed and len(claimed) == 21, (n, sorted(outcomes))
