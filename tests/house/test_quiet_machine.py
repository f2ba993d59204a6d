"""tests/quiet.py: a quiet block waits for the tests other workers are running, and a test
starting meanwhile waits for it (each test worker is a process: here, a child process stands in
for the other worker). The lock files are a folder of this test's own, not the session's."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests import quiet

ROOT = Path(__file__).resolve().parents[2]

#: another worker's test: holds its share until the file "release" appears, saying when it held it
OTHER_WORKER = """
import sys, time
from pathlib import Path
from tests import quiet
folder = Path(sys.argv[1]); name = sys.argv[2]
quiet.configure(folder)
with quiet.share():
    (folder / name).write_text("held")
    while not (folder / "release").exists():
        time.sleep(0.01)
"""


def _other_worker(folder: Path, name: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", OTHER_WORKER, str(folder), name], cwd=ROOT,
                            env={"PYTEST_XDIST_WORKER_COUNT": "2", "PATH": "", "PYTHONPATH": str(ROOT)})


def _wait_for(path: Path) -> None:
    while not path.exists():
        time.sleep(0.01)


@pytest.fixture
def lock_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "2")
    monkeypatch.setattr(quiet, "_folder", tmp_path)
    monkeypatch.setattr(quiet, "_held", None)  # this process's own share is in the session's folder
    return tmp_path


def test_a_quiet_block_waits_for_running_tests_and_holds_off_new_ones(lock_folder):
    running = _other_worker(lock_folder, "first")
    _wait_for(lock_folder / "first")
    entered = threading.Event()
    leave = threading.Event()

    def quiet_block() -> None:
        with quiet.quiet():
            entered.set()
            leave.wait()

    block = threading.Thread(target=quiet_block)
    block.start()
    try:
        # the other worker's test holds its share: the quiet block waits (an ordering, not a time limit)
        assert not entered.wait(0.5)
        # a test starting now waits behind the quiet block's turnstile ...
        starting = _other_worker(lock_folder, "second")
        assert not entered.wait(0.3)
        (lock_folder / "release").write_text("")
        running.wait(timeout=60)
        assert entered.wait(60)
        # ... and does not start while the block runs
        time.sleep(0.3)
        assert not (lock_folder / "second").exists()
    finally:
        leave.set()
        block.join(60)
        (lock_folder / "release").write_text("")
    assert starting.wait(timeout=60) == 0
    assert (lock_folder / "second").exists()


def test_a_test_holding_its_share_can_ask_for_quiet(lock_folder):
    """The calling test's own share is given up while its block runs and taken again after."""
    with quiet.share():
        with quiet.quiet():
            other = _other_worker(lock_folder, "inside")
            time.sleep(0.3)
            assert not (lock_folder / "inside").exists()
        assert quiet._held is not None  # its share again, once the block ended
        _wait_for(lock_folder / "inside")  # shares: the other test runs beside this one
        (lock_folder / "release").write_text("")
    assert other.wait(timeout=60) == 0


def test_a_thread_working_beside_the_tests_holds_a_share(lock_folder):
    """tests/e2e/test_known_bad.py's set-up B runs in a worker's thread: a quiet block waits for it."""
    release, entered = threading.Event(), threading.Event()

    def beside() -> None:
        with quiet.share():
            (lock_folder / "beside").write_text("held")
            release.wait()

    def quiet_block() -> None:
        with quiet.quiet():
            entered.set()

    worker = threading.Thread(target=beside)
    worker.start()
    _wait_for(lock_folder / "beside")
    block = threading.Thread(target=quiet_block)
    block.start()
    try:
        assert not entered.wait(0.5)
    finally:
        release.set()
        worker.join(60)
    assert entered.wait(60)
    block.join(60)
