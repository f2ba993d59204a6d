"""One file at the validator's own cost, and start-up (issue 48), side by side in one run.

    PYTHONPATH=src python bench/one_file.py [--rounds 7] [--before FOLDER]

Each round runs these whole processes one after the other (the order alternating from round
to round) and takes the CPU time each used (user + system of the child,
``resource.getrusage(RUSAGE_CHILDREN)``; other processes on a shared machine disturb it far
less than wall time, which is printed too):

- ``python -c "import pytest"``, the floor of start-up;
- ``conformance validate --profile identity-document --format json`` of one DID document;
- for a GLB of about 194 KB and one of about 1 MB (a grid mesh, ``bench/gltf.py``): the bundled
  Khronos glTF-Validator alone (a fresh Node.js process calling ``validateBytes`` on the file,
  what a user running the validator by hand pays), and ``conformance validate --profile
  asset-3d-content`` of that file, with the default views (JSON, JUnit, HTML) and with
  ``--format json``;
- ``--batch N``: N copies of the 1 MB GLB in one validator process and in one harness run
  (``--format json``), which gives what each further file of a run costs against what it
  costs the validator: (N files - 1 file) / (N - 1), from the medians.

``warm:`` the same harness runs through a warm process (``conformance warm serve``, started
once before the rounds; each run is ``CONFORMANCE_WARM=1 conformance validate ...``, a thin
client that hands the command to it): its CPU is the client's plus all the warm process tree
spent meanwhile (the forked run, the Node.js and OpenUSD processes it keeps; bench/warmed.py).
Both figures are printed, cold and warm; ``--no-warm`` leaves the warm ones out.

Printed: each measure's min / median / max over the rounds and the same for its ratio to its
floor *within each round* (DID ÷ ``import pytest``; GLB ÷ the validator alone), and the load
average. Goals (issue 48): DID ≤ 3x ``import pytest``; one GLB ≤ 1.5x the validator alone.

``--before FOLDER``: the same harness runs also with another checkout's source
(``FOLDER/src`` on ``PYTHONPATH``, its own catalog), interleaved in the same rounds, e.g. the
main branch from ``git worktree add FOLDER main`` (with its ``_vendor`` folder copied).

``--warm-before`` (with ``--before``): that checkout also through a warm process of its own
(``warm-before:``), so two warm processes' costs are compared in the same rounds.

Both trees are byte-compiled first, as an installed package is; the catalog cache is warmed
by one untimed run of each command (``--cold`` turns the cache off instead:
``CONFORMANCE_CACHE_DIR=off``).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compiled import compile_tree
from gltf import grid_glb
from spread import spread
from warmed import Warm, tree_cpu

PYTHON = sys.executable
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src/conformance/reference/samples/did_documents/did-key-ed25519.json"
VALIDATE_BYTES = """
const fs = require("fs");
const v = require(process.argv[1]);
(async () => {
  for (const f of process.argv.slice(2)) {
    const r = await v.validateBytes(new Uint8Array(fs.readFileSync(f)), {maxIssues: 200});
    if (r.issues.numErrors) { process.exit(1); }
  }
})();
"""


def measure(command: list[str], env: dict[str, str], server: int | None = None) -> tuple[float, float, int]:
    """CPU seconds (user + system), wall seconds and exit code of one child process, plus the
    CPU the warm process tree ``server`` spent meanwhile."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    tree = tree_cpu(server) if server else 0.0
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=env, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    tree = tree_cpu(server) - tree if server else 0.0
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime) + tree, wall, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--before", type=Path, help="another checkout to compare with (FOLDER/src)")
    parser.add_argument("--cold", action="store_true", help="the catalog cache off (CONFORMANCE_CACHE_DIR=off)")
    parser.add_argument("--batch", type=int, default=0, help="also N copies of the 1 MB GLB in one run")
    parser.add_argument("--no-warm", action="store_true", help="no runs through a warm process")
    parser.add_argument("--warm-before", action="store_true",
                        help="with --before: that checkout's runs through a warm process of its own as well")
    options = parser.parse_args()
    from conformance.areas._shared import khronos

    node = khronos.node_executable()
    scratch = Path(tempfile.mkdtemp(prefix="bench-one-file-"))
    glbs = {"194 KB": scratch / "small.glb", "1 MB": scratch / "large.glb"}
    glbs["194 KB"].write_bytes(grid_glb(194_000))
    glbs["1 MB"].write_bytes(grid_glb(1_000_000))
    copies = []
    if options.batch > 1:
        (scratch / "batch").mkdir()
        for n in range(options.batch):
            copies.append(scratch / "batch" / f"grid-{n:03d}.glb")
            copies[-1].write_bytes(glbs["1 MB"].read_bytes())

    base_env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if options.cold:
        base_env["CONFORMANCE_CACHE_DIR"] = "off"
    trees = {"after": ROOT}
    if options.before:
        trees = {"before": options.before.resolve(), **trees}
    envs = {name: {**base_env, "PYTHONPATH": str(tree / "src")} for name, tree in trees.items()}
    for tree in trees.values():
        compile_tree(tree)

    def cli(name: str, *args: str) -> list[str]:
        return [PYTHON, "-m", "conformance.cli", *args, "--no-progress", "--out", str(scratch / "out" / name)]

    warm = None if options.no_warm else Warm(envs["after"], ROOT)
    if warm is not None:
        trees["warm"] = ROOT
        envs["warm"] = warm.env
    # --warm-before: the other checkout through a warm process of its own too, in the same rounds
    warm_before = Warm(envs["before"], trees["before"]) if options.before and options.warm_before else None
    if warm_before is not None:
        trees["warm-before"] = trees["before"]
        envs["warm-before"] = warm_before.env
    # name -> (command, environment, expected exit code, warm process or None); floors first, named "floor: ..."
    runs: dict[str, tuple[list[str], dict[str, str], int, int | None]] = {
        "floor: import pytest": ([PYTHON, "-c", "import pytest"], base_env, 0, None),
    }

    def server(tree: str) -> int | None:
        serving = {"warm": warm, "warm-before": warm_before}.get(tree)
        return serving.pid if serving is not None else None
    for tree in trees:
        runs[f"{tree}: validate DID"] = (cli(f"{tree}-did", "validate", "--profile", "identity-document",
                                               "--format", "json", str(SAMPLE)), envs[tree], 0, server(tree))
    for size, path in glbs.items():
        runs[f"floor: validator {size}"] = ([node, "-e", VALIDATE_BYTES, str(khronos.PACKAGE), str(path)],
                                            base_env, 0, None)
        for tree in trees:
            runs[f"{tree}: GLB {size}"] = (cli(f"{tree}-glb", "validate", "--profile", "asset-3d-content",
                                                str(path)), envs[tree], 0, server(tree))
            runs[f"{tree}: GLB {size} json"] = (cli(f"{tree}-glbj", "validate", "--profile", "asset-3d-content",
                                                     "--format", "json", str(path)), envs[tree], 0, server(tree))

    if copies:
        runs[f"floor: validator {len(copies)} x 1 MB"] = (
            [node, "-e", VALIDATE_BYTES, str(khronos.PACKAGE), *map(str, copies)], base_env, 0, None)
        for tree in trees:
            runs[f"{tree}: GLB {len(copies)} x 1 MB json"] = (
                cli(f"{tree}-batch", "validate", "--profile", "asset-3d-content", "--format", "json",
                    *map(str, copies)), envs[tree], 0, server(tree))

    for name, (command, env, expected, _) in runs.items():  # untimed: warms the catalog cache and the file cache
        code = measure(command, env)[2]
        if code != expected:
            sys.exit(f"{name}: exit code {code}, expected {expected}: {' '.join(command)}")
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    wall: dict[str, list[float]] = {name: [] for name in runs}
    loads = [os.getloadavg()[0]]
    order = list(runs)
    for n in range(options.rounds):
        for name in order if n % 2 == 0 else reversed(order):
            command, env, _, pid = runs[name]
            used, took, _ = measure(command, env, pid)
            cpu[name].append(used)
            wall[name].append(took)
        loads.append(os.getloadavg()[0])

    def floor_of(name: str) -> str:
        if "DID" in name:
            return "floor: import pytest"
        if copies and f"{len(copies)} x" in name:
            return f"floor: validator {len(copies)} x 1 MB"
        return "floor: validator " + ("194 KB" if "194 KB" in name else "1 MB")

    print(f"{options.rounds} rounds, catalog cache {'off' if options.cold else 'warm'}; "
          f"load average (1 min) {min(loads):.1f}-{max(loads):.1f} during the rounds")
    print(f"{'':28} {'CPU s, min / median / max':>26}   {'ratio to floor (per round)':>28}   wall s, median")
    for name in runs:
        line = f"  {name:<26} {spread(cpu[name], 3, width=6)}"
        if not name.startswith("floor"):
            ratios = [v / b for v, b in zip(cpu[name], cpu[floor_of(name)], strict=True)]
            line += f"   {spread(ratios, 2, width=6)} x"
        else:
            line += " " * 32
        print(f"{line}   {statistics.median(wall[name]):6.3f}")
    if copies:
        print(f"each further 1 MB GLB of a run, CPU s: (median of {len(copies)} files - median of one) / "
              f"{len(copies) - 1}")
        batch = len(copies)
        floor = (statistics.median(cpu[f"floor: validator {batch} x 1 MB"])
                 - statistics.median(cpu["floor: validator 1 MB"])) / (batch - 1)
        print(f"  {'validator alone':<26} {floor:6.3f}")
        for tree in trees:
            further = (statistics.median(cpu[f"{tree}: GLB {batch} x 1 MB json"])
                       - statistics.median(cpu[f"{tree}: GLB 1 MB json"])) / (batch - 1)
            print(f"  {tree + ': harness':<26} {further:6.3f}   {further / floor:5.2f} x")
    for serving in (warm, warm_before):
        if serving is not None:
            serving.stop()
    print("goals (issue 48): validate DID <= 3x import pytest; one GLB <= 1.5x the validator alone (CPU)")
    for measure_name, goal in (("validate DID", 3.0), ("GLB 194 KB", 1.5), ("GLB 1 MB", 1.5)):
        said = []
        for tree in trees:
            name = f"{tree}: {measure_name}"
            ratio = statistics.median(v / b for v, b in zip(cpu[name], cpu[floor_of(name)], strict=True))
            said.append(f"{tree} {ratio:.2f}x ({'met' if ratio <= goal else 'not met'})")
        print(f"  {measure_name} (median ratio, goal <= {goal:g}x): {'; '.join(said)}")
    print("after: a cold process each run; warm: the same command through a warm process (CONFORMANCE_WARM=1), "
          "its CPU the client's plus the warm process tree's")


if __name__ == "__main__":
    main()
