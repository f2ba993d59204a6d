"""What an idle reference server costs while it serves, in two source trees side by side (run by
hand, never from the test suite).

    python bench/server_tick.py --before /path/to/other/tree [--servers 6] [--seconds 8] [--rounds 3]

Each round starts, in a child process per tree (that tree's ``src`` on PYTHONPATH, the other tree
first, then this one), ``--servers`` references over TLS as the tests and the demo serve them
(``conformance.reference.server.serve``, each with its companions), lets them settle for half a
second, and measures the process's CPU while they wait ``--seconds`` for a request that never
comes: uvicorn's tick (ten a second: the Date header, whether to stop) and the companions' own.
Prints the CPU in ms per server-second for each side and the ratio this tree ÷ the other within
each round, then min / median / max of the ratios and the load average before and after. The
machine is shared: compare the ratios.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _trees import rounds_side_by_side, tree_options  # noqa: E402  (bench/'s helper, run as a script)

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import sys, time
from contextlib import ExitStack
from conformance.reference import create_app
from conformance.reference.server import serve
servers, seconds = int(sys.argv[1]), float(sys.argv[2])
with ExitStack() as stack:
    for _ in range(servers):
        stack.enter_context(serve(create_app(), tls=True))
    time.sleep(0.5)
    started = time.process_time()
    time.sleep(seconds)
    spent = time.process_time() - started
print(1e3 * spent / servers / seconds)
"""


def idle_cost(tree: Path, servers: int, seconds: float) -> float:
    """CPU ms per server-second of ``servers`` idle references served from ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    done = subprocess.run([sys.executable, "-c", CHILD, str(servers), str(seconds)], env=env, check=True,
                          capture_output=True, text=True)
    return float(done.stdout.split()[-1])


def main() -> None:
    parser = tree_options(__doc__.split("\n\n")[0])
    parser.add_argument("--servers", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=8.0)
    args = parser.parse_args()
    rounds_side_by_side(args.before, args.rounds, lambda tree: idle_cost(tree, args.servers, args.seconds),
                        "ms CPU per server-second")

if __name__ == "__main__":
    main()
