"""``verify``'s CPU per verification over the byte flips of a signed run, in two source trees
side by side (issue 77): what tests/certification/test_attest.py's byte-flip test spends.

    python bench/verify_flips.py --before /path/to/other/tree --rounds 3 --every 8

One signed certification run (a haptic-vest descriptor under terminal-descriptor, every view,
a plan) is made once with this tree; then, alternately in the other tree and in this one, a
fresh process flips the lowest bit of every ``--every``-th byte of each file the test flips
(report.json, the envelope, the views, the three inputs), verifies after each flip (each must
be rejected) and puts the byte back. Printed: flips, rejections, CPU-s and ms a verification
for each side, and this tree ÷ the other within each round.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIEWS = ("junit.xml", "report.html", "report.earl.jsonld", "report.events.ndjson")
INPUTS = ("acme.yaml", "vest.json", "plan.yaml")


def make_signed(folder: Path) -> None:
    import yaml

    from conformance import load_catalog, run
    from conformance.certification.attestation import generate_keys
    from conformance.reference import SAMPLES

    generate_keys(folder / "pilot")
    shutil.copy(SAMPLES / "descriptors" / "haptic-vest.json", folder / "vest.json")
    (folder / "acme.yaml").write_text(yaml.safe_dump({
        "product": {"name": "Vest", "version": "2.0", "vendor": "Acme"}, "profiles": ["terminal-descriptor"],
        "targets": {"descriptors": {"adapter": "file", "paths": ["vest.json"]}}}))
    (folder / "plan.yaml").write_text(yaml.safe_dump({
        "id": "pilot-1", "version": "1", "program": "Pilot", "catalog_digest": load_catalog().digest,
        "profiles": {"terminal-descriptor": {}}}))
    result = run(folder / "acme.yaml", catalog=load_catalog(), out_dir=folder / "out",
                 formats=["json", "junit", "html", "earl"], sign=folder / "pilot", certification=folder / "plan.yaml")
    assert result.exit_code == 0, result.exit_code


def measure(signed: Path, work: Path, every: int) -> str:
    """Flip, verify, restore (in a copy of ``signed``); one line of figures."""
    from conformance.certification.attestation import ENVELOPE_NAME, load_public_key
    from conformance.certification.verify import Rejected, verify

    shutil.copytree(signed / "out", work / "out")
    (work / "inputs").mkdir()
    for name in INPUTS:
        shutil.copy(signed / name, work / "inputs" / name)
    out, inputs, trusted = work / "out", work / "inputs", [load_public_key(signed / "pilot.pub")]
    verify(out, trusted, inputs=inputs)  # warm: the report's schemas compiled once a process
    files = [out / "report.json", out / ENVELOPE_NAME, *(out / v for v in VIEWS), *(inputs / n for n in INPUTS)]
    flips = rejected = 0
    started = time.process_time()
    for path in files:
        data = path.read_bytes()
        with path.open("r+b", buffering=0) as handle:
            for position in range(0, len(data), every):
                os.pwrite(handle.fileno(), bytes([data[position] ^ 1]), position)
                flips += 1
                try:
                    verify(out, trusted, inputs=inputs)
                except Rejected:
                    rejected += 1
                os.pwrite(handle.fileno(), data[position:position + 1], position)
    cpu = time.process_time() - started
    return f"{flips} {rejected} {cpu:.3f}"


def side(tree: Path, signed: Path, every: int) -> tuple[int, int, float]:
    with tempfile.TemporaryDirectory() as work:
        done = subprocess.run([sys.executable, __file__, "--measure", str(signed), "--work", work,
                               "--every", str(every)], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONPATH": str(tree / "src")})
    flips, rejected, cpu = done.stdout.split()
    return int(flips), int(rejected), float(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="the other source tree (its src/ is imported)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--every", type=int, default=8, help="flip every N-th byte of each file")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(measure(args.measure, args.work, args.every))
        return 0
    if args.before is None:
        parser.error("--before TREE is required")
    print(f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as signed:
        make_signed(Path(signed))
        for number in range(1, args.rounds + 1):
            figures = {}
            for name, tree in (("before", args.before), ("after", ROOT)):
                flips, rejected, cpu = side(tree, Path(signed), args.every)
                figures[name] = cpu / flips
                print(f"round {number} {name:6} {flips} flips, {rejected} rejected, {cpu:.2f} CPU-s, "
                      f"{cpu / flips * 1e3:.3f} ms a verification")
                if rejected != flips:
                    print("  a flip was not rejected")
                    return 1
            print(f"round {number} after ÷ before: {figures['after'] / figures['before']:.2f}")
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
