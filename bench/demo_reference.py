"""IF-SES-002's delays with the reference served in the harness's own process (how `conformance demo`
served it before) and served apart by a `conformance serve` child (how it serves it now), side by
side in each round (run by hand, never from the test suite).

    python bench/demo_reference.py [--rounds 3]

Each round runs `conformance run --requirement IF-SES-002` twice against the interfaces-sessions
profile over TLS: once in a process that also serves the reference (its uvicorn thread beside the
harness's participants, one interpreter lock), once against a reference in a process of its own.
It prints the 95th percentile and the largest delay of the 32-participant session (rule R2) and of
the 8-participant one (R1) each way, the ratio in-process ÷ apart of R2's 95th percentile, and the
load average. The limits (150 ms, 400 ms) are IF-SES-002's; they are printed, not asserted.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from conformance.cli.servedapart import serve_apart  # noqa: E402  (run as a script from a checkout)

IN_PROCESS = """
import shutil, sys, yaml
from pathlib import Path
from conformance.cli import main
from conformance.reference import create_app, serve, trust_anchor
folder = Path(sys.argv[1])
shutil.copy(trust_anchor(), folder / "ca.pem")
with serve(create_app(), tls=True) as url:
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest(url)))
    main(["run", "--manifest", str(folder / "manifest.yaml"), "--requirement", "IF-SES-002",
          "--out", str(folder / "out"), "--no-progress", "-q"])
"""


def manifest(url: str) -> dict[str, object]:
    return {"product": {"name": "Reference", "version": "1", "vendor": "bench"}, "profiles": ["interfaces-sessions"],
            "targets": {"api": {"adapter": "http", "base_url": url, "ca_bundle": "ca.pem", "timeout_s": 10}}}


def delays(out: Path) -> dict[tuple[str, str], float]:
    """(rule, quantity) -> ms, from the measurements in IF-SES-002's evidence in the run's report."""
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {(item["rule"], item["quantity"]): float(item["value"])
            for requirement in report["requirements"] if requirement["requirement"] == "IF-SES-002"
            for item in requirement["evidence"] if item.get("kind") == "measurement"}


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}


def in_process(folder: Path) -> dict[tuple[str, str], float]:
    script = f"{inspect.getsource(manifest)}\n{IN_PROCESS}"  # the child builds the same manifest
    subprocess.run([sys.executable, "-c", script, str(folder)], check=False, env=environment(),
                   stdout=subprocess.DEVNULL)
    return delays(folder / "out")


def apart(folder: Path) -> dict[tuple[str, str], float]:
    with serve_apart(["api"], trust_anchor=True) as served:
        where = served["api"]
        (folder / "ca.pem").write_bytes(Path(where.ca_bundle or "").read_bytes())
        (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest(where.url)))
        subprocess.run([sys.executable, "-m", "conformance.cli", "run", "--manifest", str(folder / "manifest.yaml"),
                        "--requirement", "IF-SES-002", "--out", str(folder / "out"), "--no-progress", "-q"],
                       check=False, env=environment(), stdout=subprocess.DEVNULL)
    return delays(folder / "out")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    ratios = []
    for number in range(1, rounds + 1):
        with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as other:
            inside, outside = in_process(Path(one)), apart(Path(other))
        line = []
        for name, found in (("in-process", inside), ("apart", outside)):
            line.append(f"{name}: R1 p95 {found.get(('R1', 'latency p95'), float('nan')):.1f} "
                        f"max {found.get(('R1', 'latency max'), float('nan')):.1f}, "
                        f"R2 p95 {found.get(('R2', 'latency p95'), float('nan')):.1f} "
                        f"max {found.get(('R2', 'latency max'), float('nan')):.1f} ms")
        ratio = inside.get(("R2", "latency p95"), float("nan")) / outside.get(("R2", "latency p95"), float("nan"))
        ratios.append(ratio)
        print(f"round {number}: {'; '.join(line)}; R2 p95 in-process ÷ apart {ratio:.1f}× "
              f"(load {os.getloadavg()[0]:.2f})", flush=True)
    print(f"R2 p95 in-process ÷ apart: min {min(ratios):.1f}× median {statistics.median(ratios):.1f}× "
          f"max {max(ratios):.1f}× (limits: p95 150 ms, largest 400 ms)")


if __name__ == "__main__":
    main()
