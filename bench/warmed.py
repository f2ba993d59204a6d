"""A warm process for a bench (``conformance warm serve``, CONFORMANCE_WARM=1), and the CPU it
spends on a client's run, so that a warm figure counts every process that worked for it.

The client is measured as any child (RUSAGE_CHILDREN); the warm process and everything under
it (the forked run it waits for, the glTF-Validator's Node.js it keeps, OpenUSD's zygote and
the workers it waits for) through /proc: user + system time of each process of the tree and of
the children each has waited for, before and after the client's run (Linux only).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def tree_cpu(root: int) -> float:
    """CPU seconds of ``root`` and its live descendants, each with the children it reaped."""
    tick = os.sysconf("SC_CLK_TCK")
    parent: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            text = Path(f"/proc/{name}/stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        parent[int(name)] = int(fields[1])
        cpu[int(name)] = sum(int(f) for f in fields[11:15]) / tick
    total = 0.0
    for pid, used in cpu.items():
        walk = pid
        while walk and walk != root:
            walk = parent.get(walk, 0)
        if walk == root:
            total += used
    return total


class Warm:
    """``conformance warm serve`` with ``env``, in a runtime folder of its own; ``env`` then
    holds what a client needs (CONFORMANCE_WARM=1, that folder)."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.runtime = Path(tempfile.mkdtemp(prefix="bench-warm-"))
        self.env = {**env, "XDG_RUNTIME_DIR": str(self.runtime), "CONFORMANCE_WARM_IDLE": "3600"}
        self.process = subprocess.Popen([sys.executable, "-m", "conformance.cli", "warm", "serve"], env=self.env,
                                        cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        deadline = time.monotonic() + 180
        while not list((self.runtime / "conformance").glob("warm-*.sock")):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                sys.exit(f"the warm process did not start: {self.process.stderr.read()[-2000:]!r}")  # type: ignore[union-attr]
            time.sleep(0.2)
        self.env["CONFORMANCE_WARM"] = "1"

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
