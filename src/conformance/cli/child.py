"""A participant run's own process: its resource limits first, then ``conformance run``.

    python -m conformance.cli.child [--memory-mb N] run --manifest ... --out ...

The limit is set in the child itself (not through ``preexec_fn``, which is unsafe in a
programme whose threads start children), before the harness loads. A pair run's process
holds its two participants' credentials bound to their owners: they are taken out of the
process environment first (no subprocess inherits them), and each target's adapter gets its
owner's alone (:mod:`conformance.adapters.credentials`).
"""

from __future__ import annotations

import os
import resource
import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--memory-mb"]:
        limit = int(args[1]) * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))  # address space: what a hostile input could fill
        args = args[2:]
    sys.argv = ["conformance", *args]
    from ..adapters.credentials import take_owned

    take_owned(os.environ)
    from . import main as cli_main  # the command's own signal handling (SIGTERM: an incomplete report)

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
