"""The HTTP suites against a bare httpx replay of their requests, in instructions executed
(valgrind's callgrind), not seconds (run by hand, never from the test suite; about 20
minutes).

    PYTHONPATH=src python bench/http_instructions.py

``bench/http_replay.py`` times the same two sides in CPU seconds. On a shared machine those
seconds are unsteady: a fixed pure-Python loop took 0.21 to 0.35 s from one second to the
next here, and the ratio of one round moved between 0.95 and 1.46. An instruction count does
not depend on what else the machine does: the same program on the same inputs executes the
same instructions.

Each side runs in a child process under callgrind, against reference servers in a process
of their own that is not under valgrind (as ``http_replay.py``: one per HTTP role, fresh for
each side). Only the instructions executed inside the measured call count: the child makes
it through ``itertools.starmap``, and callgrind collects only while CPython's
``starmap_next`` is on the stack (``--toggle-collect``), so interpreter start, imports made
before it and loading the catalog are left out on both sides. The harness side is the
process's first run, as a command-line run is: the suite modules it imports are counted.

Both children run with ``PYTHONHASHSEED=0``: the order in which sets and dicts of strings are
walked follows the hash seed, and with a random seed the harness's count moved by 1 to 2 %
from one run to the next (2 441 090 and 2 466 084 a request on the same tree; with the seed
fixed, two runs 0.04 % apart).

Prints the instructions per request of each side and the ratio (goal of issue 48: ≤ 1.3).
Needs valgrind and a CPython built with its symbols (``starmap_next``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

import httpx

from conformance import load_catalog
from conformance._run.engine import run

sys.path.insert(0, str(Path(__file__).parent))
from http_replay import Recorded, http_manifest, servers_apart  # noqa: E402  (beside this script)

COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def callgrind(script: str, what: str, out_file: Path, *arguments: str) -> tuple[int, str]:
    """(instructions, standard output) of ``python script *arguments`` under callgrind, counted
    only inside the call the script makes through ``itertools.starmap``, with
    ``PYTHONHASHSEED=0``; ``what`` names the child in the error when it fails."""
    command = ["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=starmap_next",
               f"--callgrind-out-file={out_file}", sys.executable, script, *arguments]
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    found = COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"{what} failed under valgrind (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return int(found.group(1)), done.stdout


def _callgrind(mode: str, work: Path, *arguments: str) -> int:
    """Instructions the child ``mode`` executed inside its measured call."""
    return callgrind(__file__, f"the {mode} side", work / f"{mode}.callgrind", "--child", mode, *arguments)[0]


def _harness_child(manifest: Path, out: Path) -> None:
    catalog = load_catalog()
    list(itertools.starmap(partial(run, catalog=catalog, out_dir=out, formats=["json"]), [(manifest,)]))


def _replay_child(urls: dict[str, str], log_file: Path) -> None:
    log: list[Recorded] = pickle.loads(log_file.read_bytes())
    clients = {role: httpx.Client(base_url=url) for role, url in urls.items()}

    def replay() -> None:
        for role, method, path, headers, body in log:
            clients[role].request(method, path, headers=headers, content=body or None).read()
    list(itertools.starmap(replay, [()]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=["harness", "replay"], help=argparse.SUPPRESS)
    parser.add_argument("arguments", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "harness":
        _harness_child(Path(args.arguments[0]), Path(args.arguments[1]))
        return
    if args.child == "replay":
        _replay_child(json.loads(args.arguments[0]), Path(args.arguments[1]))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt install valgrind)")
    catalog = load_catalog()
    with tempfile.TemporaryDirectory(prefix="bench-http-instructions-") as tmp:
        work = Path(tmp)
        with servers_apart(catalog, record=True) as (urls, log):
            harness = _callgrind("harness", work, str(http_manifest(catalog, urls, work)), str(work / "out"))
        (work / "log.pickle").write_bytes(pickle.dumps(log))
        with servers_apart(catalog, record=False) as (urls, _):
            bare = _callgrind("replay", work, json.dumps(urls), str(work / "log.pickle"))
    count = len(log)
    print(f"HTTP suites, {count:,} requests, instructions executed (callgrind), the client's process alone")
    print(f"{'harness':24} {harness / count:>14,.0f} per request   (the process's first run, suites imported)")
    print(f"{'bare httpx':24} {bare / count:>14,.0f} per request")
    print(f"{'harness ÷ httpx':24} {harness / bare:>14.2f}   (goal <= 1.3)")


if __name__ == "__main__":
    sys.exit(main())
