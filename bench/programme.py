"""A programme of simulated participants end to end, with 1 and 2 participant runs at once
(run by hand, never from the test suite; the machine is shared and noisy), checking that
every planted defect shows in its participant's history and the grid fails exactly where
the defective interop member is.

    PYTHONPATH=src python bench/programme.py [--participants 12] [--pairs 3] [--rounds 1] [--concurrency 1,2]
    PYTHONPATH=src python bench/programme.py --engine dask [--workers 1,2] ...
    PYTHONPATH=src python bench/programme.py --engine dask --kind files ...

Serves one reference-implementation instance per participant on 127.0.0.1 (a planted
defect on every other one, cycling through a few), writes a manifest each (interfaces-core;
the first ``--pairs`` also claim interop-pair, so ``pairs × (pairs - 1)`` pair runs follow),
then per round runs ``conformance programme run`` as a process with ``concurrency`` 1 and 2
into fresh folders and databases. Prints the wall time of each, runs per minute, the ratio
of 2 to 1, and the load average. With ``--engine dask``: one plain process (the local pool,
one run at a time) against programmes dispatching on Dask clusters of 1 and 2 worker
processes (each cluster started before its timing, as a deployed one would be), the ratios
to the plain process, and Dask's overhead per run (dask-1 against plain) as a share of a run.

``--kind files``: participants whose products are files (identity-document over DID
documents; a known-bad document planted on every other one) and no interop pairs. The HTTP
kind serves every participant's platform from threads of this process, on the same two
cores as the runs, so its ratios count the targets' work too; the file kind measures the
dispatch of runs alone, as a programme of exported files (captures, models, documents) sees it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import yaml
from spread import spread

from conformance.reference import create_app
from conformance.server import serve

#: a planted defect -> the requirement of interfaces-core it fails (suites/interfaces/known_bad.yaml)
DEFECTS = {"json-as-text": "IF-CON-001", "no-request-id": "IF-REQ-001", "problem-without-status": "IF-ERR-001",
           "pagination-ignored": "IF-PAGE-001"}
#: planted on the last interop member: every pair it is part of fails (IF-IOP-001, both directions)
INTEROP_DEFECT = "import-authentication-dropped"
#: --kind files: a known-bad DID document (suites/identity/fixtures) -> the requirement it fails
FILE_DEFECTS = {"did-doc-private-jwk.json": "ID-DOC-002"}
ROOT = Path(__file__).resolve().parents[1]


def _requirement(defect: str) -> str:
    return "IF-IOP-001" if defect == INTEROP_DEFECT else {**DEFECTS, **FILE_DEFECTS}[defect]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=12)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--concurrency", default="1,2", help="local engine: comma separated (default 1,2)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="dask: one plain process against Dask clusters of --workers processes")
    parser.add_argument("--workers", default="1,2", help="dask engine: worker counts, comma separated (default 1,2)")
    parser.add_argument("--kind", choices=("http", "files"), default="http",
                        help="participants' products: platforms served here (http) or exported files (files)")
    args = parser.parse_args()
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="bench-programme-") as tmp:
        base = Path(tmp)
        partner = stack.enter_context(serve(create_app()))
        participants = []
        planted: dict[str, str] = {}
        if args.kind == "files":
            args.pairs = 0
        for i in range(args.participants):
            name = f"p{i:03d}"
            if args.kind == "files":
                documents = [str(ROOT / "src/conformance/reference/samples/did_documents" / "*.json")]
                if i % 2:
                    planted[name] = next(iter(FILE_DEFECTS))
                    documents = [str(ROOT / "suites/identity/fixtures" / planted[name])]
                (base / f"{name}.yaml").write_text(yaml.safe_dump(
                    {"product": {"name": name, "version": "1"}, "profiles": ["identity-document"],
                     "targets": {"did_documents": {"adapter": "file", "paths": documents}}}))
                participants.append({"id": name, "manifest": f"{name}.yaml"})
                continue
            defects = [list(DEFECTS)[(i // 2) % len(DEFECTS)]] if i % 2 and i >= args.pairs else []
            if args.pairs > 1 and i == args.pairs - 1:
                defects = [INTEROP_DEFECT]
            if defects:
                planted[f"p{i:03d}"] = defects[0]
            url = stack.enter_context(serve(create_app(defects)))
            profiles = ["interfaces-core", *(["interop-pair"] if i < args.pairs else [])]
            targets = {"api": {"adapter": "http", "base_url": url}}
            if i < args.pairs:
                targets["api_b"] = {"adapter": "http", "base_url": partner}
            (base / f"{name}.yaml").write_text(yaml.safe_dump(
                {"product": {"name": name, "version": "1"}, "profiles": profiles, "targets": targets}))
            participants.append({"id": name, "manifest": f"{name}.yaml"})
        runs = args.participants + args.pairs * (args.pairs - 1)
        if args.engine == "dask":
            # one plain process (the local pool, one run at a time) against Dask clusters of
            # 1, 2, ... worker processes, each started before its timing (a deployed cluster)
            setups = [("plain", {"concurrency": 1}, 0)] + [
                (f"dask-{n}", {"concurrency": n}, n) for n in (int(w) for w in args.workers.split(","))]
        else:
            setups = [(f"concurrency {c}", {"concurrency": int(c)}, 0) for c in args.concurrency.split(",")]
        times: dict[str, list[float]] = {name: [] for name, _, _ in setups}
        for round_ in range(args.rounds):
            for index, (name, settings, workers) in enumerate(setups):
                with ExitStack() as cluster:
                    if workers:
                        from distributed import LocalCluster

                        started_cluster = cluster.enter_context(LocalCluster(
                            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"))
                        settings = {**settings, "dispatch": {"engine": "dask",
                                                             "scheduler": started_cluster.scheduler_address}}
                    programme = base / f"r{round_}-s{index}.yaml"
                    programme.write_text(yaml.safe_dump({"id": f"bench-{index}", "title": "bench", **settings,
                                                         "participants": participants}))
                    started = time.monotonic()
                    subprocess.run([sys.executable, "-m", "conformance.cli", "programme", "run", str(programme),
                                    "--out", str(base / f"out-{round_}-{index}")],
                                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    times[name].append(time.monotonic() - started)
                check(programme, base / f"out-{round_}-{index}", planted, args.pairs)
        for name, values in times.items():
            print(f"{name}: {runs} runs, wall s {spread(values, 1)}, runs/min {60 * runs / min(values):.1f} (best)")
        first = setups[0][0]
        for name in list(times)[1:]:
            print(f"ratio {name} ÷ {first} (runs per minute, best rounds): {min(times[first]) / min(times[name]):.2f}")
        if args.engine == "dask":
            overhead_per_task(base, participants[: min(6, len(participants))])
        if args.engine == "dask" and "dask-1" in times:
            per_run = min(times["plain"]) / runs
            overhead = (min(times["dask-1"]) - min(times["plain"])) / runs
            print(f"Dask overhead per run (dask-1 − plain, per run): {overhead * 1000:.0f} ms = "
                  f"{100 * overhead / per_run:.1f} % of a run ({per_run:.2f} s)")
        print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


def _warm() -> None:
    import conformance.programme.runner  # noqa: F401


def _timed(job: object, programme: object) -> tuple[object, float]:
    """On the worker: one participant run (runner.run_job) and how long it took there."""
    import threading

    from conformance.programme.runner import run_job

    started = time.monotonic()
    record = run_job(job, programme, threading.Event())  # type: ignore[arg-type]
    return record, time.monotonic() - started


def overhead_per_task(base: Path, participants: list[dict[str, str]]) -> None:
    """Dask's own cost per run, measured directly: one run at a time on a one-worker cluster,
    the client's submit-to-result time less the run's time on the worker (dispatch, pickling,
    result return), as a share of the run."""
    from distributed import Client, LocalCluster

    from conformance.catalog import load_catalog
    from conformance.programme.runner import Job
    from conformance.programme.spec import load_programme

    path = base / "overhead.yaml"
    path.write_text(yaml.safe_dump({"id": "overhead", "title": "overhead", "participants": participants}))
    programme = load_programme(path, load_catalog())
    costs, durations = [], []
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        client.submit(_warm, pure=False).result()  # imports, once per worker, are not the per-run cost
        for participant in programme.participants:
            job = Job(kind="participant", participant=participant.id, manifest=participant.manifest,
                      folder=base / "overhead" / participant.id)
            started = time.monotonic()
            _, on_worker = client.submit(_timed, job, programme, pure=False).result()
            costs.append(time.monotonic() - started - on_worker)
            durations.append(on_worker)
    share = sum(costs) / sum(durations)
    print(f"Dask overhead per run, measured per task ({len(costs)} runs one at a time): "
          f"{1000 * sum(costs) / len(costs):.0f} ms = {100 * share:.1f} % of a run "
          f"(runs {sum(durations) / len(durations):.2f} s on the worker)")


def check(programme: Path, out: Path, planted: dict[str, str], pairs: int) -> None:
    """Every planted defect fails its requirement in its participant's history, is counted in
    the site's failure rates and named on its participant's page; the grid's failing cells
    are exactly the pairs involving the defective interop member."""
    import orjson

    from conformance.programme.history import History

    database = programme.with_name(programme.stem + ".history.sqlite")
    subprocess.run([sys.executable, "-m", "conformance.cli", "programme", "site", str(programme), "--runs", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    overview = (out / "site" / "en" / "index.html").read_text(encoding="utf-8")
    expected: dict[str, int] = {}
    for defect in planted.values():
        requirement = _requirement(defect)
        expected[requirement] = expected.get(requirement, 0) + 1
    import re

    shown = {r: int(n) for r, n in re.findall(r'data-requirement="([^"]+)" data-failed="(\d+)"', overview)}
    for requirement, count in expected.items():  # the site's failure rates count every planted defect
        # (a defect can fail other requirements too: an answer it breaks also breaks the contract, IF-CON-001)
        assert shown.get(requirement, 0) >= count, (requirement, count, shown.get(requirement))
    for participant, defect in planted.items():  # and its participant's page names it
        page = (out / "site" / "en" / "participants" / f"{participant}.html").read_text(encoding="utf-8")
        requirement = _requirement(defect)
        assert f"<code>{requirement}</code>" in page, (participant, requirement)
    with History(database) as history:
        for participant, defect in planted.items():
            (run,) = [r for r in history.runs(participant) if r["kind"] == "participant"]
            requirement = _requirement(defect)
            rows = history.rows("SELECT verdict FROM verdicts WHERE run_id = ? AND requirement = ?",
                                (run["run_id"], requirement))
            assert rows and all(r["verdict"] == "fail" for r in rows), (participant, defect, rows)
        clean = {r["participant"] for r in history.runs() if r["kind"] == "participant"} - set(planted)
        for participant in clean:
            run = [r for r in history.runs(participant) if r["kind"] == "participant"][-1]
            assert run["status"] == "finished" and run["exit_code"] == 0, run
    if pairs > 1:
        bad = f"p{pairs - 1:03d}"
        cells = orjson.loads((out / "interop-grid.json").read_bytes())["cells"]
        assert len(cells) == pairs * (pairs - 1)
        failing = {(c["producer"], c["consumer"]) for c in cells if c["verdict"] != "pass"}
        assert failing == {(c["producer"], c["consumer"]) for c in cells if bad in (c["producer"], c["consumer"])}
    print(f"checked: {len(planted)} planted defects fail in their participants' history, site pages and the "
          f"site's failure rates; the grid fails exactly where the defective interop member is")


if __name__ == "__main__":
    main()
