"""The state machines' known-bad cases (AS-REG-005, AS-TRADE-007) in this tree and in another,
side by side: what each sends while hypothesis shrinks, and whether each reports the same
shrunk sequence.

    python bench/stateful_planned.py --before /path/to/other/tree [--rounds 1] [--defect NAME ...]

For each planted defect of the two requirements' known-bad cases (suites/assets/known_bad.yaml),
each round runs one child process per tree (its ``src`` on PYTHONPATH, the other tree first):
the reference with the defect served over TLS in the child, the machine run with the profile's
defaults and shrinking, as set-up A of tests/e2e/test_known_bad.py runs it. Each child prints the
CPU seconds of ``run_machine`` (the process's: the server is a thread of it), the sequences
hypothesis ran, the requests sent, and the reported departure: its message template and its
steps (each step's template and status; asset and order IDs differ from run to run). The bench
prints both sides, the CPU and request ratios (this tree / the other), and fails (exit 1) when
the two trees report different departures. Then the totals and the load average.
"""

from __future__ import annotations

import os
from pathlib import Path

from _trees import ROOT, child_json, tree_options


#: (profile, planted defect) of each known-bad case of AS-REG-005 and AS-TRADE-007
CASES = (("asset-registry", "registry-lock-ignored-after-transfer"),
         ("asset-registry", "registry-holding-period-ignored"),
         ("asset-registry", "registry-transfer-by-anyone"),
         ("asset-trading", "trade-settlement-unrecorded"),
         ("asset-trading", "trade-order-locked-after-trade"),
         ("asset-trading", "trade-refund-after-resale"),
         ("asset-trading", "trade-settle-after-cancel"))

CHILD = r"""
import json, sys, tempfile, time
from pathlib import Path
from conformance import Evidence, load_catalog
from conformance.adapters import AdapterContext
from conformance.adapters.http import HttpAdapter
from conformance.areas._shared.registry import Session
from conformance.areas._shared.trading import price_currency, terms
from conformance.areas.assets.sequences import Sequences
from conformance.areas.assets.stateful import machine_for, run_machine
from conformance.areas.assets.trading_stateful import trading_machine_for
from conformance.reference import create_app
from conformance.reference.server import serve, trust_anchor

profile, defect = sys.argv[1:3]
p = {name: spec.default for name, spec in load_catalog().profile(profile).parameters.items()}
sent = [0]
request = HttpAdapter.request

def counted(self, *args, **kwargs):
    sent[0] += 1
    return request(self, *args, **kwargs)

HttpAdapter.request = counted
with serve(create_app([defect]), tls=True) as url:
    config = {"adapter": "http", "base_url": url, "ca_bundle": str(trust_anchor())}
    api = HttpAdapter("api", config, AdapterContext(Path(tempfile.mkdtemp()) / "m.yaml", {}))
    s = Session({"api": api}, p["identity_path"], count=max(2, p["stateful_identities"]))
    log, evidence = Sequences(), Evidence()
    machine = machine_for(s, True, log) if profile == "asset-registry" else \
        trading_machine_for(s, True, price_currency(terms(api)), log)
    sent[0], started = 0, time.process_time()
    run_machine(machine, log, evidence, random_seed=p["stateful_seed"], examples=p["stateful_examples"],
                steps=p["stateful_steps"])
    cpu = time.process_time() - started
(finding,) = [e for e in evidence.items if e["kind"] == "finding"]
steps = [(getattr(step["what"], "key", str(step["what"])), step["status"]) for step in finding["sequence"]]
print(json.dumps({"cpu": cpu, "sequences": len(log.runs), "requests": sent[0],
                  "departure": [finding["text"]["key"], steps]}))
"""


def measure(tree: Path, profile: str, defect: str) -> dict:
    found: dict = child_json(tree, CHILD, profile, defect)
    return found


def main() -> int:
    parser = tree_options(__doc__.splitlines()[0], rounds=1)
    parser.add_argument("--defect", action="append", help="only these planted defects (default: all seven)")
    args = parser.parse_args()
    cases = [case for case in CASES if not args.defect or case[1] in args.defect]
    totals = {"before": [0.0, 0], "after": [0.0, 0]}
    differ = 0
    print(f"{'round':>5} {'defect':38} | {'before: cpu s':>13} {'seqs':>5} {'requests':>8} | "
          f"{'after: cpu s':>12} {'seqs':>5} {'requests':>8} | {'cpu ratio':>9} {'req ratio':>9} | same departure")
    for round_no in range(1, args.rounds + 1):
        for profile, defect in cases:
            before, after = measure(args.before.resolve(), profile, defect), measure(ROOT, profile, defect)
            same = before["departure"] == after["departure"]
            differ += not same
            for side, got in (("before", before), ("after", after)):
                totals[side][0] += got["cpu"]
                totals[side][1] += got["requests"]
            print(f"{round_no:>5} {defect:38} | {before['cpu']:>13.2f} {before['sequences']:>5} "
                  f"{before['requests']:>8} | {after['cpu']:>12.2f} {after['sequences']:>5} {after['requests']:>8} | "
                  f"{after['cpu'] / before['cpu']:>9.2f} {after['requests'] / before['requests']:>9.2f} | "
                  f"{'yes' if same else 'NO'} ({len(after['departure'][1])} steps)", flush=True)
            if not same:
                print(f"      before: {before['departure']}\n      after:  {after['departure']}")
    (b_cpu, b_req), (a_cpu, a_req) = totals["before"], totals["after"]
    print(f"total: before {b_cpu:.1f} CPU-s, {b_req} requests; after {a_cpu:.1f} CPU-s, {a_req} requests; "
          f"ratios {a_cpu / b_cpu:.2f} (CPU), {a_req / b_req:.2f} (requests); "
          f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
