"""docs/service.md's command starts the service on its embedded defaults and serves pages."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.paths import ROOT

pytestmark = pytest.mark.slow  # a CLI subprocess


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_conformance_service_serves_its_pages_from_its_folder(tmp_path):
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    env.pop("CONFORMANCE_SERVICE_KEY", None)
    child = subprocess.Popen([sys.executable, "-m", "conformance.cli", "service", str(tmp_path / "service"),
                              "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/signup", timeout=2)
                break
            except httpx.TransportError:
                assert child.poll() is None and time.monotonic() < deadline, child.stdout.read().decode()
                time.sleep(0.2)
    finally:
        child.terminate()
        child.wait(timeout=30)
    assert page.status_code == 200 and 'name="csrf"' in page.text
    assert (tmp_path / "service" / "service.sqlite").is_file()
    assert (tmp_path / "service" / "service.key").stat().st_mode & 0o077 == 0
