"""Benchmark: the harness's robustness checks against Schemathesis (run by hand, never from
the test suite).

    /work/venv/bin/pip install schemathesis      # NOT a project dependency: install it first
    PYTHONPATH=src python bench/interfaces.py [--budget 10] [--seed 20240501]

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
prints the wall time of each tool, their ratio, and the defects each found.
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

from conformance import load_catalog
from conformance.checks.interfaces.openapi import Contract
from conformance.checks.interfaces.robustness import inline
from conformance.reference import create_app
from conformance.server import serve

ROOT = Path(__file__).resolve().parents[1]
DEFECTS = ["malformed-body-500", "auth-sticky-token", "json-as-text", "problem-without-status",
           "discovery-dead-endpoint", "path-escape-500", "json-charset-required"]
BIN = Path(sys.executable).parent


def bundled_contract(out: Path) -> Path:
    """The contract with every $ref inlined, so that Schemathesis needs no network."""
    contract = Contract(load_catalog().schemas)
    document = inline({k: v for k, v in contract.document.items() if k != "components"} |
                      {"components": {"securitySchemes": contract.document["components"]["securitySchemes"]}},
                      contract.schemas, contract.uri)
    path = out / "platform.bundled.json"
    path.write_text(json.dumps(_strip_ids(document)), encoding="utf-8")
    return path


def _strip_ids(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip_ids(v) for k, v in node.items() if k not in ("$id", "$schema")}
    if isinstance(node, list):
        return [_strip_ids(v) for v in node]
    return node


def run_harness(base_url: str, budget: int, seed: int, out: Path) -> tuple[float, set[str]]:
    manifest = {
        "product": {"name": "bench", "version": "0"},
        "profiles": [
            {"id": "interfaces-core"},
            {"id": "interfaces-robustness", "parameters": {
                "robustness_mutations": budget, "robustness_examples": budget, "robustness_seed": seed}},
        ],
        "targets": {"api": {"adapter": "http", "base_url": base_url}},
    }
    path = out / "manifest.yaml"
    path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
    started = time.perf_counter()
    env = os.environ | {"PYTHONPATH": str(ROOT / "src")}
    subprocess.run([str(BIN / "conformance"), "run", "--manifest", str(path), "--out", str(out / "report"),
                    "--format", "json"], capture_output=True, cwd=out, env=env)
    elapsed = time.perf_counter() - started
    report = json.loads((out / "report" / "report.json").read_text(encoding="utf-8"))
    return elapsed, {r["requirement"] for r in report["requirements"] if r["verdict"] == "fail"}


def run_schemathesis(contract: Path, base_url: str, budget: int, seed: int, out: Path) -> tuple[float, set[str]]:
    token = httpx.post(base_url + "/test-identities", content=b"{}",
                       headers={"Content-Type": "application/json; charset=utf-8"}).json()["token"]
    junit = out / "schemathesis.xml"
    started = time.perf_counter()
    subprocess.run([str(BIN / "schemathesis"), "run", str(contract), "--url", base_url, "--max-examples", str(budget),
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
    parser.add_argument("--budget", type=int, default=10, help="cases per operation for both tools")
    parser.add_argument("--seed", type=int, default=20240501)
    args = parser.parse_args()
    if shutil.which("schemathesis", path=str(BIN)) is None:
        print("bench/interfaces.py: schemathesis is not installed (pip install schemathesis)", file=sys.stderr)
        return 2
    totals = {"harness": 0.0, "schemathesis": 0.0}
    baseline: dict[str, set[str]] = {}
    found: dict[str, list[str]] = {"harness": [], "schemathesis": []}
    with tempfile.TemporaryDirectory(prefix="bench-interfaces-") as tmp:
        contract = bundled_contract(Path(tmp))
        for variant in ["(clean)", *DEFECTS]:
            defects = [] if variant == "(clean)" else [variant]
            results = {}
            for tool in ("harness", "schemathesis"):
                out = Path(tmp) / f"{tool}-{variant}"
                out.mkdir()
                with serve(create_app(defects)) as base_url:  # a fresh server per tool and variant
                    if tool == "harness":
                        elapsed, failures = run_harness(base_url, args.budget, args.seed, out)
                    else:
                        elapsed, failures = run_schemathesis(contract, base_url, args.budget, args.seed, out)
                totals[tool] += elapsed
                results[tool] = failures
                if not defects:
                    baseline[tool] = failures
                elif failures - baseline[tool]:
                    found[tool].append(variant)
            print(f"{variant:28} harness {len(results['harness']):3} failing  "
                  f"schemathesis {len(results['schemathesis']):3} failing", flush=True)
    ratio = totals["schemathesis"] / totals["harness"] if totals["harness"] else float("nan")
    print(f"\nbudget {args.budget} cases per operation, seed {args.seed}")
    print(f"harness      {totals['harness']:7.1f} s  found {len(found['harness'])}/{len(DEFECTS)}: "
          f"{', '.join(found['harness']) or '-'}")
    print(f"schemathesis {totals['schemathesis']:7.1f} s  found {len(found['schemathesis'])}/{len(DEFECTS)}: "
          f"{', '.join(found['schemathesis']) or '-'}")
    print(f"time ratio schemathesis / harness: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
