"""Starting an open-source product the way its own documentation does, on 127.0.0.1 with a free
port, and running the harness on it the way a vendor would (the CLI, a manifest, environment
variables for the secrets). The products are installed by scripts/install-real-products.sh into
.venv-real-products/; one that is not there makes its tests skip with the script's reason."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.paths import ROOT

#: where scripts/install-real-products.sh puts each product (a folder each)
INSTALLED = ROOT / ".venv-real-products"
#: how long a product may take to answer its readiness URL after it is started (it provisions
#: a wallet first; seconds on a loaded machine): a bound on the wait, not a performance claim
START_BOUND_S = 120


def installed(product: str, executable: str) -> Path:
    """The product's executable, or skip the test with the reason the install script left."""
    path = INSTALLED / product / "bin" / executable
    if path.is_file():
        return path
    reason = INSTALLED / f"{product}.unavailable"
    why = reason.read_text(encoding="utf-8").strip() if reason.is_file() else "not installed"
    pytest.skip(f"{product}: {why} (scripts/install-real-products.sh installs it)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def started(argv: list[str], *, ready: str, headers: Mapping[str, str], env: Mapping[str, str],
            log: Path) -> Iterator[None]:
    """Run ``argv`` until the block ends; wait until GET ``ready`` answers 200 first. Its output
    goes to ``log`` (no pipe to fill and stall it), shown when it does not come up."""
    with log.open("wb") as sink, subprocess.Popen(argv, stdout=sink, stderr=subprocess.STDOUT, env=dict(env),
                                                  cwd=log.parent) as process:
        try:
            deadline = time.monotonic() + START_BOUND_S
            while True:
                assert process.poll() is None, f"{argv[0]} exited {process.returncode}:\n{_tail(log)}"
                try:
                    if httpx.get(ready, headers=dict(headers), timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, f"{argv[0]} not ready in {START_BOUND_S} s:\n{_tail(log)}"
                time.sleep(0.3)
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


@dataclass
class Run:
    """One ``conformance run`` as a vendor starts it: the exit code, the console, the report."""

    returncode: int
    console: str
    report: dict[str, Any]

    @property
    def verdicts(self) -> dict[str, str]:
        return {entry["requirement"]: entry["verdict"] for entry in self.report["requirements"]}

    def evidence(self, requirement: str) -> str:
        """Everything the report says about one requirement, as one text to look for words in."""
        entry = next(e for e in self.report["requirements"] if e["requirement"] == requirement)
        return json.dumps(entry, ensure_ascii=False)


    def finding_places(self, requirement: str) -> list[str]:
        """Where each finding of one requirement says it was seen (its ``file``: a request, a path)."""
        entry = next(e for e in self.report["requirements"] if e["requirement"] == requirement)
        return [item.get("file") or "" for item in entry["evidence"] if item.get("kind") == "finding"]


def run_harness(manifest: dict[str, Any], folder: Path, env: Mapping[str, str]) -> Run:
    """``conformance run --manifest`` on ``manifest`` (written into ``folder``), in a subprocess."""
    path = folder / "manifest.yaml"
    path.write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    out = folder / "out"
    environment = {**os.environ, **env, "PYTHONPATH": os.pathsep.join(sys.path), "NO_COLOR": "1", "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "conformance.cli", "run", "--manifest", str(path), "--out", str(out),
                           "--no-progress"], capture_output=True, text=True, cwd=folder, env=environment, timeout=600)
    report_file = out / "report.json"
    assert report_file.is_file(), done.stdout + done.stderr
    return Run(done.returncode, done.stdout + done.stderr, json.loads(report_file.read_text(encoding="utf-8")))


def differences(expected: Mapping[str, tuple[str, str]], run: Run) -> list[str]:
    """Each requirement whose verdict is not the one written down (or that was not judged, or
    judged though not written down), with what the report says about it."""
    got = run.verdicts
    lines = []
    for requirement in sorted(set(expected) | set(got)):
        want = expected.get(requirement, ("(not written down)", ""))[0]
        if got.get(requirement) != want:
            lines.append(f"{requirement}: expected {want}, got {got.get(requirement, '(not judged)')}: "
                         f"{run.evidence(requirement)[:600] if requirement in got else ''}")
    return lines


def reproduce_commands_read_by_sh(run: Run) -> int:
    """Assert each recorded ``curl`` of a run is read by sh with the URL requested as one word
    (ids in quotes, spaces, ``$``: whatever the product's URLs hold); the count checked."""
    checked = 0
    for entry in run.report["requirements"]:
        for exchange in (item for item in entry["evidence"] if item.get("kind") == "http"):
            command = exchange["request"]["curl"]
            assert command.startswith("curl "), command
            words = subprocess.run(["sh", "-c", "printf '%s\\0' " + command[len("curl "):]], capture_output=True,
                                   text=True, check=True).stdout.split("\0")[:-1]
            assert exchange["request"]["url"] in words, (command, words)
            checked += 1
    return checked
