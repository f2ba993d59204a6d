"""``conformance demo``'s reference, served apart: each HTTP role by a ``conformance serve`` child
process, as a vendor's product is served, never by the harness's own process.

Served in the harness's process, the reference's threads and the harness's checks take turns on
one interpreter lock, so what the harness times is partly its own load: IF-SES-002's session of 32,
relayed by a reference in the harness's process, measured a 95th percentile of 267 and 670 ms
against 6.9 and 8.4 ms with the reference in a process of its own (two rounds, side by side:
``python bench/demo_reference.py``; the limit is 150 ms). A child writes its test CA
(``--ca-file``) before it serves and its URL (``--ready-file``) once it accepts connections; it
is stopped as an operator stops ``conformance serve`` (SIGINT), and killed if it does not.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import StartFailed

#: how long a child may take to import the reference and listen (a loaded two-core machine
#: imports it in seconds; a minute says something is wrong, not slow)
STARTUP_LIMIT_S = 60.0
#: how long a child may take to stop once asked (its open connections closed) before it is killed
STOP_LIMIT_S = 10.0


@dataclass(frozen=True)
class Served:
    """Where one role is served: its base URL and the CA its TLS chain leads to (None: plain HTTP,
    or a reference that names no trust anchor)."""

    url: str
    ca_bundle: Path | None


@contextmanager
def serve_apart(roles: Sequence[str], *, trust_anchor: bool) -> Iterator[dict[str, Served]]:
    """Serve each of ``roles`` by a child process on 127.0.0.1 and a free port; yields where.
    ``trust_anchor``: the reference names one (its CA is written and trusted per role)."""
    with tempfile.TemporaryDirectory(prefix="conformance-demo-reference-") as scratch, ExitStack() as children:
        folder = Path(scratch)
        started = {role: children.enter_context(_child(folder, role, trust_anchor)) for role in roles}
        deadline = time.monotonic() + STARTUP_LIMIT_S
        yield {role: _ready(folder, role, process, log, deadline, trust_anchor)
               for role, (process, log) in started.items()}


@contextmanager
def _child(folder: Path, role: str, trust_anchor: bool) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """``conformance serve`` for ``role``, its output kept in a log the error line quotes."""
    log = folder / f"{role}.log"
    # cli.child: the child ends with this process, even one killed without its stops running
    command = [sys.executable, "-m", "conformance.cli.child", "--parent", str(os.getpid()), "serve", "--port", "0",
               "--ready-file", str(folder / f"{role}.url")]
    if trust_anchor:
        command += ["--ca-file", str(folder / f"{role}-ca.pem")]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT)
    try:
        yield process, log
    finally:
        _stop(process)


def _ready(folder: Path, role: str, process: subprocess.Popen[bytes], log: Path, deadline: float,
           trust_anchor: bool) -> Served:
    """The role's URL once its child has written it; one line (exit 3) if it exits or takes too long."""
    ready = folder / f"{role}.url"
    while not ready.is_file():
        if process.poll() is not None:
            raise StartFailed(f"the reference for {role}", f"exited with {process.returncode} before it served "
                              f"({_last_line(log)})", "run `conformance serve` to see it start")
        if time.monotonic() > deadline:
            raise StartFailed(f"the reference for {role}", f"did not serve within {STARTUP_LIMIT_S:.0f} s",
                              "run `conformance serve` to see it start")
        time.sleep(0.02)
    url = ready.read_text(encoding="utf-8").strip().rstrip("/")
    return Served(url, folder / f"{role}-ca.pem" if trust_anchor and url.startswith("https:") else None)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(STOP_LIMIT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _last_line(log: Path) -> str:
    lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else "it printed nothing"
