"""The HTTP suites against a bare httpx replay of their requests, in instructions executed
(valgrind's callgrind), not seconds (run by hand, never from the test suite; about 7
minutes on the development machine).

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

The checkout is byte-compiled first (``compiled.compile_tree``), as an installed harness
is. The harness side is also measured a second time with the project's own byte code ignored
(its modules compiled from source inside the run, as on a first run under
``PYTHONDONTWRITEBYTECODE``), and printed on a line of its own: the cost of that compilation
is shown, not hidden, but it is not what a run of the installed harness pays.

Prints the instructions per request of each side and the ratio (goal of issue 48: ≤ 1.3).
Needs valgrind and a CPython built with its symbols (``starmap_next``). ``--keep DIR`` keeps
the three callgrind outputs (``callgrind_annotate``).
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
from typing import Any

import httpx

from conformance import load_catalog
from conformance._run.engine import run

sys.path.insert(0, str(Path(__file__).parent))
from compiled import compile_tree  # noqa: E402
from http_replay import PROJECT, ROOT, Recorded, http_manifest, servers_apart  # noqa: E402  (beside this script)

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


#: the harness measured twice: with the checkout's byte code, and with it ignored
HARNESS_SIDES = ("harness", "harness-source")


def _ignore_project_byte_code() -> None:
    """From now on this process compiles the checkout's modules from their source whenever it
    imports them, as if they had no byte code cache, and writes none: ``SourceLoader.get_code``
    compiles the source when ``cache_from_source`` raises ``NotImplementedError``. Modules
    from site-packages keep theirs, as in a checkout run under ``PYTHONDONTWRITEBYTECODE``."""
    from importlib import _bootstrap_external

    cached = _bootstrap_external.cache_from_source
    project = tuple(map(str, PROJECT))

    def cache_from_source(path: str, *args: Any, **kwargs: Any) -> str:
        if str(path).startswith(project):
            raise NotImplementedError
        return cached(path, *args, **kwargs)

    sys.dont_write_bytecode = True
    _bootstrap_external.cache_from_source = cache_from_source  # type: ignore[assignment]


def _harness_child(manifest: Path, out: Path, *, source: bool = False) -> None:
    if source:
        _ignore_project_byte_code()
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
    parser.add_argument("--child", choices=[*HARNESS_SIDES, "replay"], help=argparse.SUPPRESS)
    parser.add_argument("arguments", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep the three callgrind outputs in DIR (for callgrind_annotate)")
    args = parser.parse_args()
    if args.child in HARNESS_SIDES:
        _harness_child(Path(args.arguments[0]), Path(args.arguments[1]), source=args.child == "harness-source")
        return
    if args.child == "replay":
        _replay_child(json.loads(args.arguments[0]), Path(args.arguments[1]))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt install valgrind)")
    compile_tree(ROOT)
    catalog = load_catalog()
    harness: dict[str, int] = {}
    requests: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="bench-http-instructions-") as tmp:
        work = Path(tmp)
        for side in HARNESS_SIDES:
            with servers_apart(catalog, record=True) as (urls, log):
                harness[side] = _callgrind(side, work, str(http_manifest(catalog, urls, work)), str(work / side))
            requests[side] = len(log)
            if side == "harness":
                (work / "log.pickle").write_bytes(pickle.dumps(log))
        with servers_apart(catalog, record=False) as (urls, _):
            bare = _callgrind("replay", work, json.dumps(urls), str(work / "log.pickle"))
        if args.keep is not None:
            args.keep.mkdir(parents=True, exist_ok=True)
            for side in (*HARNESS_SIDES, "replay"):
                shutil.copy(work / f"{side}.callgrind", args.keep / f"{side}.callgrind")
    count = requests["harness"]
    if requests["harness-source"] != count:  # the suites are seeded: both runs send the same requests
        print(f"warning: the run without byte code sent {requests['harness-source']:,} requests, "
              f"the other {count:,}")
    print(f"HTTP suites, {count:,} requests, instructions executed (callgrind), the client's process alone")
    print(f"{'harness':24} {harness['harness'] / count:>14,.0f} per request   "
          "(the process's first run, suites imported, from byte code as installed)")
    print(f"{'  without byte code':24} {harness['harness-source'] / count:>14,.0f} per request   "
          "(the checkout's modules compiled in the run)")
    print(f"{'bare httpx':24} {bare / count:>14,.0f} per request")
    print(f"{'harness ÷ httpx':24} {harness['harness'] / bare:>14.2f}   (goal <= 1.3)")
    print(f"{'  without byte code':24} {harness['harness-source'] / bare:>14.2f}")


if __name__ == "__main__":
    sys.exit(main())
