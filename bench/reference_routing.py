"""The reference app's CPU per request with its router, in two source trees side by side (run by hand,
never from the test suite).

    python bench/reference_routing.py --before /path/to/other/tree [--requests 20000] [--rounds 3]

In a child process per tree (that tree's ``src`` on PYTHONPATH, the other tree first), the reference app
(``create_app()``) is called in-process as ASGI, no network: ``--requests`` requests spread evenly over its
routes, each with a method it allows (GET where it does) and its path's parameters filled (most are answered
a 4xx by their handlers: no such asset, no body, no token; each is still a request routed), and the process's CPU is measured. Prints µs of CPU a request
for each side and the ratio this tree ÷ the other within each round, then min / median / max of the
ratios and the load average. The machine is shared: compare the ratios.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _trees import child_json, rounds_side_by_side, tree_options  # noqa: E402  (bench/'s helper, run as a script)

CHILD = """
import asyncio, json, re, sys, time
from starlette.routing import Route
from conformance.reference import create_app
app = create_app()
asked = sorted({("GET" if not r.methods or "GET" in r.methods else sorted(r.methods)[0], re.sub(r"\\{[^}]+\\}", "x1", r.path))
                for r in app.routes if isinstance(r, Route)})
count = int(sys.argv[1])
async def call(method, path):
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "https",
             "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"", "headers": [],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 2)}
    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}
    async def send(message):
        pass
    await app(scope, receive, send)
async def main():
    for method, path in asked:  # each handler's first call (imports, caches) outside the measurement
        await call(method, path)
    started = time.process_time()
    for n in range(count):
        await call(*asked[n % len(asked)])
    return time.process_time() - started
print(json.dumps(asyncio.run(main()) / count * 1e6))
"""


def main() -> None:
    parser = tree_options(__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20000)
    args = parser.parse_args()
    rounds_side_by_side(args.before, args.rounds,
                        lambda tree: child_json(tree, CHILD, str(args.requests)), "µs CPU a request")


if __name__ == "__main__":
    main()
