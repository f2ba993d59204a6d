"""One Node.js process runs the Khronos glTF-Validator for all the glTF files of a run, over a
pipe (conformance.areas._shared.khronos), and it ends with the run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conformance.areas._shared import gltf_reports, khronos
from conformance.reference import SAMPLES
from tests.conftest import verdicts


@pytest.fixture
def node_starts(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    """Every validator process started, as it is started."""
    started: list[subprocess.Popen[bytes]] = []
    real = subprocess.Popen

    def spy(args: Any, *rest: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        process = real(args, *rest, **kwargs)
        if str(khronos.RUNNER) in map(str, args):
            started.append(process)
        return process

    monkeypatch.setattr(khronos.subprocess, "Popen", spy)
    monkeypatch.setattr(khronos, "_nodes", {})  # not a process another test in this worker left running
    return started


def _models(folder: Path, copies: int) -> list[Path]:
    """``copies`` distinct glTF files (new paths, so no report is cached yet)."""
    folder.mkdir()
    made = []
    for index in range(copies):
        for name in ("triangle.gltf", "triangle.glb"):
            target = folder / f"{index}-{name}"
            shutil.copyfile(SAMPLES / "models" / name, target)
            made.append(target)
    return made


def test_one_node_process_serves_every_gltf_file_of_a_run(tmp_path, catalog, run_manifest, node_starts):
    models = _models(tmp_path / "models", 3)
    manifest = {"product": {"name": "test product", "version": "1"},
                # AS-GLTF-003 with a budget reads the reports too, as a case of its own
                "profiles": [{"id": "asset-3d-content", "features": [], "parameters": {"max_triangles": 10}}],
                "targets": {"models": {"adapter": "file", "paths": [str(tmp_path / "models" / "*")]}}}
    result = run_manifest(manifest)
    found = verdicts(result)
    assert found["AS-GLTF-001"] == "pass" and found["AS-GLTF-003"] == "pass", found
    assert len(node_starts) == 1, f"{len(node_starts)} Node.js processes for {len(models)} files"
    # the process ended with the run, and the next run starts its own
    assert node_starts[0].poll() is not None and khronos._nodes == {}


def test_the_process_answers_many_calls_and_a_missing_file_is_an_error(tmp_path, node_starts):
    models = _models(tmp_path / "models", 2)
    missing = tmp_path / "models" / "gone.glb"
    try:
        first = khronos.validate(models[:2])
        second = khronos.validate([*models[2:], missing])
    finally:
        khronos.close()
    assert len(node_starts) == 1
    assert all(gltf_reports.counts(first[p])["numErrors"] == 0 for p in models[:2])
    assert all(gltf_reports.counts(second[p])["numErrors"] == 0 for p in models[2:])
    assert "error" in second[missing]
