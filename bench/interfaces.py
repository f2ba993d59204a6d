"""Benchmark: the harness's robustness checks against Schemathesis (run by hand, never from
the test suite).

    python -m venv /tmp/st && /tmp/st/bin/pip install schemathesis   # NOT a project dependency
    PYTHONPATH=src python bench/interfaces.py --schemathesis /tmp/st/bin/schemathesis [--budget 25]

(Install Schemathesis in a venv of its own: in the project's environment its pytest plugin
would load in every pytest session of the test suite.)

For the clean reference and for each planted interface defect it serves the reference
implementation (one process, a free port) and runs, against that same server and the same
contract (schemas/interfaces/platform.openapi.yaml, bundled into one file for Schemathesis
because its schemas reference the identity and asset JSON Schemas by $id):

- harness: ``conformance run`` of profiles interfaces-core and interfaces-robustness with
  robustness_mutations = robustness_examples = --budget (cases per operation);
- schemathesis: ``schemathesis run`` with --max-examples --budget, the same seed, every
  check, and a holder's bearer token from the reference's test provisioning endpoint.

A tool "finds" a defect when it reports a failure on that variant that it does not report
on the clean reference (for the harness: a requirement that fails there and passes on the
clean run; for Schemathesis: a failing check or operation absent from the clean run). It
prints the wall time of each tool, the requests each sent (counted by the server), their
requests per second, and the defects each found; the ratio of requests per second
(harness ÷ Schemathesis) per variant, min / median / max, and the load average. Goal
(issue 17): the harness at or above Schemathesis's requests per second, 7/7 defects.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import httpx
import yaml
from spread import spread

from conformance import load_catalog
from conformance._catalog.bundle import bundle_contract
from conformance.areas.interfaces.openapi import CONTRACT
from conformance.reference import create_app
from conformance.reference.server import serve, trust_anchor

ROOT = Path(__file__).resolve().parents[1]
DEFECTS = ["malformed-body-500", "auth-sticky-token", "json-as-text", "problem-without-status",
           "discovery-dead-endpoint", "path-escape-500", "json-charset-required"]
BIN = Path(sys.executable).parent


def bundled_contract(out: Path) -> Path:
    """The contract with every $ref local (what the reference serves at /openapi.json), so
    that Schemathesis needs no network."""
    path = out / "platform.bundled.json"
    path.write_text(json.dumps(bundle_contract(load_catalog().schemas, CONTRACT)), encoding="utf-8")
    return path


def counting(app: Any, counter: list[int]) -> Any:
    """The app, counting the HTTP requests it receives in ``counter[0]``."""
    async def wrapper(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            counter[0] += 1
        await app(scope, receive, send)
    return wrapper


def run_harness(base_url: str, budget: int | None, seed: int, out: Path) -> tuple[float, set[str]]:
    # A manifest may only raise robustness budgets above the profile's (25 values, 40 bodies).
    parameters: dict[str, Any] = {"robustness_seed": seed}
    if budget is not None:
        parameters |= {"robustness_mutations": budget, "robustness_examples": budget}
    manifest = {
        "product": {"name": "bench", "version": "0"},
        "profiles": [
            {"id": "interfaces-core"},
            {"id": "interfaces-robustness", "parameters": parameters},
        ],
        # the reference over TLS, its test CA trusted (IF-TLS-001 exempts no loopback)
        "targets": {"api": {"adapter": "http", "base_url": base_url, "ca_bundle": str(trust_anchor())}},
    }
    path = out / "manifest.yaml"
    path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
    started = time.perf_counter()
    env = os.environ | {"PYTHONPATH": os.environ.get("PYTHONPATH") or str(ROOT / "src")}  # another source to compare
    subprocess.run([str(BIN / "conformance"), "run", "--manifest", str(path), "--out", str(out / "report"),
                    "--format", "json"], capture_output=True, cwd=out, env=env)
    elapsed = time.perf_counter() - started
    report = json.loads((out / "report" / "report.json").read_text(encoding="utf-8"))
    return elapsed, {r["requirement"] for r in report["requirements"] if r["verdict"] == "fail"}


def run_schemathesis(schemathesis: str, contract: Path, base_url: str, budget: int, seed: int,
                     out: Path) -> tuple[float, set[str]]:
    token = httpx.post(base_url + "/test-identities", content=b"{}",
                       headers={"Content-Type": "application/json; charset=utf-8"}).json()["token"]
    junit = out / "schemathesis.xml"
    started = time.perf_counter()
    subprocess.run([schemathesis, "run", str(contract), "--url", base_url, "--max-examples", str(budget),
                    "--seed", str(seed), "--checks", "all", "--workers", "1", "-H", f"Authorization: Bearer {token}",
                    "--report", "junit", "--report-junit-path", str(junit)],
                   capture_output=True, cwd=out)
    elapsed = time.perf_counter() - started
    failures: set[str] = set()
    if junit.exists():
        for case in ET.parse(junit).getroot().iter("testcase"):
            for failure in [*case.iter("failure"), *case.iter("error")]:
                first = (failure.get("message") or failure.text or "").strip().splitlines()[:1]
                failures.add(f"{case.get('name')}: {first[0][:120] if first else ''}")
    return elapsed, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=int, default=None,
                        help="cases per operation for both tools (default: the profile's, 25 values)")
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument("--schemathesis", default=shutil.which("schemathesis", path=str(BIN)),
                        help="the schemathesis executable (default: beside this Python)")
    args = parser.parse_args()
    if not args.schemathesis or not Path(args.schemathesis).exists():
        print("bench/interfaces.py: schemathesis is not installed (see the docstring)", file=sys.stderr)
        return 2
    budget = args.budget if args.budget is not None else 25
    totals = {"harness": 0.0, "schemathesis": 0.0}
    requests = {"harness": 0, "schemathesis": 0}
    ratios: list[float] = []
    baseline: dict[str, set[str]] = {}
    found: dict[str, list[str]] = {"harness": [], "schemathesis": []}
    with tempfile.TemporaryDirectory(prefix="bench-interfaces-") as tmp:
        contract = bundled_contract(Path(tmp))
        for variant in ["(clean)", *DEFECTS]:
            defects = [] if variant == "(clean)" else [variant]
            results, rates = {}, {}
            for tool in ("harness", "schemathesis"):
                out = Path(tmp) / f"{tool}-{variant}"
                out.mkdir()
                counter = [0]
                # a fresh server per tool and variant; the harness's over TLS (IF-TLS-001 judges it)
                with serve(counting(create_app(defects), counter), tls=tool == "harness") as base_url:
                    if tool == "harness":
                        elapsed, failures = run_harness(base_url, args.budget, args.seed, out)
                    else:
                        elapsed, failures = run_schemathesis(args.schemathesis, contract, base_url, budget,
                                                             args.seed, out)
                totals[tool] += elapsed
                requests[tool] += counter[0]
                rates[tool] = counter[0] / elapsed
                results[tool] = failures
                if not defects:
                    baseline[tool] = failures
                elif failures - baseline[tool]:
                    found[tool].append(variant)
            ratios.append(rates["harness"] / rates["schemathesis"])
            print(f"{variant:28} harness {len(results['harness']):3} failing {rates['harness']:6.1f} req/s   "
                  f"schemathesis {len(results['schemathesis']):3} failing {rates['schemathesis']:6.1f} req/s",
                  flush=True)
    print(f"\nbudget {budget} cases per operation, seed {args.seed}; load average {os.getloadavg()}")
    for tool in ("harness", "schemathesis"):
        rate = requests[tool] / totals[tool]
        print(f"{tool:12} {totals[tool]:7.1f} s  {requests[tool]:6} requests  {rate:6.1f} req/s  "
              f"found {len(found[tool])}/{len(DEFECTS)}: {', '.join(found[tool]) or '-'}")
    print(f"req/s harness ÷ schemathesis per variant, min / median / max: {spread(ratios)}   (goal >= 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
