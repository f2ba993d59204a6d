"""A participant run's own process: its resource limits first, then ``conformance run``.

    python -m conformance.programme.child [--memory-mb N] run --manifest ... --out ...

The limit is set in the child itself (not through ``preexec_fn``, which is unsafe in a
programme whose threads start children), before the harness loads.
"""

from __future__ import annotations

import resource
import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--memory-mb"]:
        limit = int(args[1]) * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))  # address space: what a hostile input could fill
        args = args[2:]
    sys.argv = ["conformance", *args]
    from ..cli import main as cli_main  # the command's own signal handling (SIGTERM: an incomplete report)

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
