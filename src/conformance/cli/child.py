"""A child process of the harness: its resource limits and its tie to its parent first, then
the command (a participant's ``conformance run``, the demo's ``conformance serve``).

    python -m conformance.cli.child [--memory-mb N] [--parent PID] run --manifest ... --out ...

``--parent PID``: the child is sent SIGTERM when that parent ends, however it ends (killed
included), so a reference the demo serves never outlives the demo (Linux's PR_SET_PDEATHSIG;
elsewhere the parent's own stop is the only one).

The limit is set in the child itself (not through ``preexec_fn``, which is unsafe in a
programme whose threads start children), before the harness loads. A pair run's process
holds its two participants' credentials bound to their owners: they are taken out of the
process environment first (no subprocess inherits them), and each target's adapter gets its
owner's alone (:mod:`conformance.adapters.credentials`).
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys

#: prctl(2)'s option: the signal the kernel sends this process when its parent ends
PR_SET_PDEATHSIG = 1


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--memory-mb"]:
        limit = int(args[1]) * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))  # address space: what a hostile input could fill
        args = args[2:]
    if args[:1] == ["--parent"]:
        _end_with(int(args[1]))
        args = args[2:]
    sys.argv = ["conformance", *args]
    from ..adapters.credentials import take_owned

    take_owned(os.environ)
    from . import main as cli_main  # the command's own signal handling (SIGTERM: an incomplete report)

    sys.exit(cli_main())


def _end_with(parent: int) -> None:
    """SIGTERM when ``parent`` ends; ended at once if it already has (this process adopted)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        sys.exit(0)


if __name__ == "__main__":
    main()
