"""The warm process the warm tests hand their runs to (test_warm.py, test_warm_equals_cold.py):
one per worker for the session, not one per module, started again where it may have gone idle.

Its start is waited for in this process (a connect to the socket in its runtime folder), not by
a ``conformance warm status`` process every half second (each some 0.3 CPU-s, a dozen or more
under load while the warm process itself is starting); one ``warm status`` then confirms that
the command finds it, as before."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_warm import _cli, _env

#: the warm process's idle limit (CONFORMANCE_WARM_IDLE), and how long after its last use a
#: test still takes it: past that it is stopped and a fresh one started, so that it cannot go
#: idle in the middle of a test (whose warm run would then run cold)
IDLE_S = 900
REUSE_WITHIN_S = 600


def _listening(runtime: Path) -> bool:
    """Whether a warm process accepts connections on a socket in ``runtime``'s folder."""
    for path in (runtime / "conformance").glob("warm-*.sock"):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            try:
                sock.connect(str(path))
            except OSError:
                continue
            return True
    return False


class WarmProcess:
    """The worker's warm process in its own runtime folder (0700)."""

    def __init__(self, runtime: Path) -> None:
        self.runtime = runtime
        self.process: subprocess.Popen[bytes] | None = None
        self.used = 0.0

    def current(self) -> subprocess.Popen[bytes]:
        process = self.process
        if process is None or process.poll() is not None or time.monotonic() - self.used > REUSE_WITHIN_S:
            self.stop()
            process = self.process = self._start()
        return process

    def _start(self) -> subprocess.Popen[bytes]:
        env = _env(self.runtime, CONFORMANCE_WARM_IDLE=str(IDLE_S))
        process = subprocess.Popen([sys.executable, "-m", "conformance.cli", "warm", "serve"], env=env,
                                   cwd=self.runtime, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        tries = 0
        while True:
            # the socket's folder is the runtime folder's unless its path is too long for a socket
            # address (warmclient.folder): then every tenth try asks the command
            tries += 1
            if (_listening(self.runtime) or tries % 10 == 0) and _cli(["warm", "status"], env,
                                                                       self.runtime).returncode == 0:
                return process
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the warm process did not start: {process.communicate()[1][-2000:]!r}")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            _cli(["warm", "stop"], _env(self.runtime), self.runtime)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.communicate()
        self.process = None


@pytest.fixture(scope="session")
def _warm_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WarmProcess]:
    runtime = tmp_path_factory.mktemp("run")
    runtime.chmod(0o700)
    warm = WarmProcess(runtime)
    yield warm
    warm.stop()


@pytest.fixture
def server(_warm_process: WarmProcess) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """(the warm process, its runtime folder): the runs of a test given ``_env(runtime,
    CONFORMANCE_WARM="1")`` are handed to it."""
    process = _warm_process.current()
    yield process, _warm_process.runtime
    _warm_process.used = time.monotonic()
