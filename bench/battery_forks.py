"""What each of the hostile battery's forked commands costs, in two source trees side by side (run by
hand, never from the test suite).

    python bench/battery_forks.py --before /path/to/other/tree [--runs 12] [--rounds 3]

Each round starts, for each tree in turn (the other tree first), that tree's fork server
(``tests/hostile/forkserver.py``, its ``src`` on PYTHONPATH, as the battery starts it), has it fork
``--runs`` times the battery's one-file run (``conformance run`` over the sample DID document, the
cases' most common command), and reads the CPU of the children the server reaped
(``/proc/PID/stat``'s cutime and cstime): the server's own start and imports are not counted, only
what each case's process spends. Prints the CPU in ms a command for each side and the ratio this
tree ÷ the other within each round, then min / median / max of the ratios and the load average
before and after. The machine is shared: compare the ratios.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _trees import rounds_side_by_side, tree_options  # noqa: E402  (bench/'s helper, run as a script)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "conformance" / "reference" / "samples" / "did_documents" / "did-key-ed25519.json"
MANIFEST = ("product: {name: Hostile files, version: '0'}\nprofiles: [identity-document]\n"
            f"targets:\n  did_documents: {{adapter: file, paths: [{str(SAMPLE)!r}]}}\n")


def _children_cpu_s(pid: int) -> float:
    """The CPU of ``pid``'s reaped children (cutime + cstime), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def per_command_ms(tree: Path, runs: int, folder: Path) -> float:
    spec = importlib.util.spec_from_file_location(f"forkserver_{abs(hash(tree))}", tree / "tests/hostile/forkserver.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}, "PYTHONPATH": str(tree / "src")}
    (folder / "m.yaml").write_text(MANIFEST, encoding="utf-8")
    with module.ForkServer(env) as forks:
        server = forks._process.pid
        forks.call(["run", "--manifest", "m.yaml", "--out", "warm", "--no-progress"], folder, env)  # page cache
        before = _children_cpu_s(server)
        for index in range(runs):
            code = forks.call(["run", "--manifest", "m.yaml", "--out", f"out{index}", "--no-progress"], folder, env)
            assert code == 0, f"{tree}: the run exited {code}"
        return (_children_cpu_s(server) - before) * 1000 / runs


def main() -> int:
    parser = tree_options(__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=12)
    options = parser.parse_args()
    print(f"{options.runs} forked one-file runs a side a round")

    def measure(tree: Path) -> float:
        with tempfile.TemporaryDirectory() as scratch:
            return per_command_ms(tree, options.runs, Path(scratch))

    rounds_side_by_side(options.before, options.rounds, measure, "ms CPU a command")
    return 0

if __name__ == "__main__":
    sys.exit(main())
