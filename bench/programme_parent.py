"""The ``programme run`` process's own CPU (not its participant runs'), in this tree and in
another side by side: a programme of file participants (the example headset's two captures),
interop on, as a cohort with no two-platform participants runs it.

    python bench/programme_parent.py --before /path/to/other/tree --participants 2 --rounds 3

Each round runs, per tree (its ``src`` on PYTHONPATH), one child process that runs
``conformance programme run`` in itself over a fresh folder and prints its own CPU
(``RUSAGE_SELF``: the start, the catalog, the history, the recording) apart from its
children's (the participant runs). Prints both trees' figures and the ratio this tree / the
other, then the load average.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from _trees import ROOT, child_json, tree_options

CHILD = r"""
import json, resource, sys
from pathlib import Path
import yaml
from conformance.cli import main
from conformance.reference import SAMPLES
folder, count = Path(sys.argv[1]), int(sys.argv[2])
captures = [str(SAMPLES / "captures" / n) for n in ("headset-session.ndjson.gz", "display-headset.ndjson.gz")]
participants = []
for i in range(count):
    (folder / f"h{i}.yaml").write_text(yaml.safe_dump({
        "product": {"name": f"h{i}", "version": "1"}, "profiles": ["terminal-hmd-6dof"],
        "targets": {"captures": {"adapter": "file", "paths": captures}}}))
    participants.append({"id": f"h{i}", "manifest": f"h{i}.yaml"})
(folder / "programme.yaml").write_text(yaml.safe_dump({"id": "p", "title": "P", "concurrency": 2,
                                                       "participants": participants}))
code = main(["programme", "run", str(folder / "programme.yaml"), "--out", str(folder / "out")])
own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "own_cpu_s": own.ru_utime + own.ru_stime,
                  "children_cpu_s": children.ru_utime + children.ru_stime}))
sys.exit(code)  # a failed run ends the bench with its standard error's tail (_trees.child_output)
"""


def measure(tree: Path, participants: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="programme-parent-") as folder:
        found: dict[str, float] = child_json(tree, CHILD, folder, str(participants), env={"NO_COLOR": "1"})
    return found


def main() -> int:
    parser = tree_options(__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=2)
    args = parser.parse_args()
    for round_no in range(1, args.rounds + 1):
        before, after = measure(args.before.resolve(), args.participants), measure(ROOT, args.participants)
        print(f"round {round_no}: programme run's own CPU s: before {before['own_cpu_s']:.2f}, "
              f"after {after['own_cpu_s']:.2f}, ratio {after['own_cpu_s'] / before['own_cpu_s']:.2f} "
              f"(participant runs: before {before['children_cpu_s']:.2f}, after {after['children_cpu_s']:.2f})")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
