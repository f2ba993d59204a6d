"""The reference app's CPU for a page of its asset listing (``GET /assets?limit=10``, the request IF-LAT-001's
load client sends), in two source trees side by side (run by hand, never from the test suite).

    python bench/reference_listing.py --before /path/to/other/tree [--assets 3000] [--requests 400] [--rounds 3]

In a child process per tree (that tree's ``src`` on PYTHONPATH), the reference app (``create_app()``) gets
``--assets`` assets issued (the example body of the interfaces contract, as tests/areas/interfaces/
test_pagination.py's ``issue_assets`` seeds the simulated week's listing), then is called in-process as ASGI,
no network: ``--requests`` pages of ten, the cursor walking the listing; the process's CPU over those pages is
measured. Prints ms of CPU a page for each side and the ratio this tree ÷ the other within each round, then
min / median / max of the ratios and the load average. The machine is shared: compare the ratios.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _trees import child_json, rounds_side_by_side, tree_options  # noqa: E402  (bench/'s helper, run as a script)

CHILD = """
import asyncio, copy, json, sys, time
import yaml
from starlette.testclient import TestClient
from conformance.reference import create_app
assets, count = int(sys.argv[1]), int(sys.argv[2])
app = create_app()
contract = yaml.safe_load(open("schemas/interfaces/platform.openapi.yaml", encoding="utf-8"))
example = contract["paths"]["/assets"]["post"]["requestBody"]["content"]["application/json"]["example"]
client = TestClient(app)
holder = client.post("/test-identities", json={}).json()
headers = {"Authorization": f"Bearer {holder['token']}"}
for n in range(assets):
    body = copy.deepcopy(example)
    body["image"] = "https://cdn.example/" + body["image"]
    for part in body["content"]:
        part["uri"] = "https://cdn.example/" + part["uri"]
    body["asset_id"], body["issuer"] = f"seeded-{n:05d}", holder["did"]
    assert client.post("/assets", json=body, headers=headers).status_code == 201
async def page(cursor):
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "https",
             "path": "/assets", "raw_path": b"/assets", "root_path": "", "headers": [],
             "query_string": f"limit=10&cursor={cursor}".encode(), "client": ("127.0.0.1", 1),
             "server": ("127.0.0.1", 2)}
    sent = []
    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}
    async def send(message):
        sent.append(message)
    await app(scope, receive, send)
    assert sent[0]["status"] == 200, sent
async def main():
    await page(0)
    started = time.process_time()
    for n in range(count):
        await page((n * 10) % assets)
    return time.process_time() - started
print(json.dumps(asyncio.run(main()) / count * 1e3))
"""


def main() -> None:
    parser = tree_options(__doc__.splitlines()[0])
    parser.add_argument("--assets", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    rounds_side_by_side(args.before, args.rounds,
                        lambda tree: child_json(tree, CHILD, str(args.assets), str(args.requests)), "ms CPU a page")


if __name__ == "__main__":
    main()
