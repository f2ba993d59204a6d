"""CPU of one in-process call of the command (``conformance.cli.main([...])``), as the tests and
any caller in its own process make hundreds of them, for this tree and another side by side.

    python bench/cli_calls.py --before /tmp/base --rounds 3 --calls 20

Each round runs one process of the other tree (``--before``: a ``git archive`` of the base
commit), then one of this tree, each in its own root (its own catalog); each process calls
``main`` once per command to warm up, then ``--calls`` times, and prints the milliseconds of
CPU (``time.process_time``) per call. The commands: ``show`` of a requirement, ``list
profiles``, a run refused for a missing manifest (bad input, exit 2), the ``serve`` help,
and ``validate`` of one sample DID document (a whole run with its reports). Then, in the
same round, a user's start in each tree (``--starts``, default on): the CPU of a whole
process (user + system) of ``python -X importtime -m conformance.cli --help`` with the sum
of its imports' own times, and of ``conformance run --manifest examples/first-files.yaml``
(the README's first product: one file profile over four DID documents). Printed: each
round's figures and this tree's ratio to the other's, then the ratios' min / median / max
and the load average.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _trees import ROOT, child_json, tree_options  # noqa: E402  (bench/'s helpers, run as a script)
from spread import spread  # noqa: E402

PROBE = r"""
import contextlib, io, json, sys, tempfile, time
from conformance import cli

sample = "src/conformance/reference/samples/did_documents/did-key-ed25519.json"
out = tempfile.mkdtemp()
COMMANDS = {
    "show IF-DISC-001": ["show", "IF-DISC-001"],
    "list profiles": ["list", "profiles"],
    "run, manifest missing (exit 2)": ["run", "--manifest", "absent.yaml"],
    "serve --help": ["serve", "--help"],
    "validate one DID document": ["validate", "--profile", "identity-document", "--format", "json",
                                  "--no-progress", "-q", "--out", out, sample],
}

def call(argv):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            cli.main(list(argv))
        except SystemExit:  # --help
            pass

calls = int(sys.argv[1])
found = {}
for name, argv in COMMANDS.items():
    call(argv)
    started = time.process_time()
    for _ in range(calls):
        call(argv)
    found[name] = (time.process_time() - started) / calls * 1000
print(json.dumps(found))
"""


def _process(tree: Path, *argv: str) -> tuple[float, str]:
    """CPU seconds (user + system) of ``python argv`` in ``tree`` and its standard error."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, *argv], cwd=tree, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(tree / "src")})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{tree}: {argv} exited {done.returncode}: {done.stderr[-2000:]}")
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, done.stderr


def starts(tree: Path) -> dict[str, float]:
    """A user's start in ``tree``: ``--help`` (its CPU and its imports' own time) and a small run."""
    cpu, err = _process(tree, "-X", "importtime", "-m", "conformance.cli", "--help")
    imports = sum(int(m.group(1)) for m in re.finditer(r"^import time:\s+(\d+) \|", err, re.M)) / 1000
    out = Path(tempfile.mkdtemp(prefix="bench-cli-calls-")) / "out"
    run, _ = _process(tree, "-m", "conformance.cli", "run", "--manifest", "examples/first-files.yaml",
                      "--out", str(out), "-q")
    return {"process: --help, CPU": cpu * 1000, "process: --help, imports' own time": imports,
            "process: run examples/first-files.yaml, CPU": run * 1000}


def main() -> int:
    options = tree_options(__doc__ or "", rounds=3)
    options.add_argument("--calls", type=int, default=20, help="calls of each command a process")
    options.add_argument("--no-starts", dest="starts", action="store_false", help="only the in-process calls")
    args = options.parse_args()
    before = args.before.resolve()
    if not (before / "src" / "conformance").is_dir():
        print(f"bench/cli_calls.py: {before} holds no src/conformance", file=sys.stderr)
        return 2
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    ratios: dict[str, list[float]] = {}
    for number in range(1, args.rounds + 1):
        other = child_json(before, PROBE, str(args.calls))
        this = child_json(ROOT, PROBE, str(args.calls))
        if args.starts:
            other.update(starts(before))
            this.update(starts(ROOT))
        print(f"round {number}:")
        for name in this:
            ratios.setdefault(name, []).append(this[name] / other[name])
            print(f"  {name:44} before {other[name]:7.1f} ms, after {this[name]:7.1f} ms; "
                  f"ratio {ratios[name][-1]:.2f}")
    print(f"after ÷ before, min / median / max of {args.rounds} rounds:")
    for name, values in ratios.items():
        print(f"  {name:44} {spread(values)}")
    print(f"load average now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
