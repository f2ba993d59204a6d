"""``conformance serve`` says where it serves only once it accepts connections, and writes
that URL to ``--ready-file`` (atomically) for scripts."""

from __future__ import annotations

import os
import signal
import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import pytest


@pytest.mark.slow
def test_serve_says_it_is_ready_only_once_it_accepts_connections(tmp_path: Path) -> None:
    ready = tmp_path / "ready" / "url"
    ca = tmp_path / "ca" / "reference-ca.pem"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "NO_COLOR": "1"}
    child = subprocess.Popen([sys.executable, "-m", "conformance.cli", "serve", "--port", "0",
                              "--ready-file", str(ready), "--ca-file", str(ca)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()  # the first line: the ready line
        # over TLS, its CA written where --ca-file says (a manifest's ca_bundle)
        assert line.startswith("reference implementation at https://127.0.0.1:"), line
        url = line.split()[3]
        assert not url.endswith(":0/"), line  # the port it listens on, not the one asked for
        # on that line, a client is answered (before it, it was refused: 62 connection errors)
        assert ready.read_text(encoding="utf-8") == url + "\n"
        assert httpx.get(url, timeout=30, verify=ssl.create_default_context(cafile=str(ca))).status_code < 500
        with pytest.raises(httpx.ConnectError):  # the test CA is nobody's default trust anchor
            httpx.get(url, timeout=30)
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()


def test_a_ready_file_that_cannot_be_written_is_one_line_before_anything_is_served(tmp_path: Path) -> None:
    from conformance.cli import main

    (tmp_path / "a-folder").mkdir()
    assert main(["serve", "--port", "0", "--ready-file", str(tmp_path / "a-folder")]) == 2
