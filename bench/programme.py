"""A programme of simulated participants end to end, with 1 and 2 participant runs at once
(run by hand, never from the test suite; the machine is shared and noisy), checking that
every planted defect shows in its participant's history and the grid fails exactly where
the defective interop member is.

    PYTHONPATH=src python bench/programme.py [--participants 12] [--pairs 3] [--rounds 1] [--concurrency 1,2]
    PYTHONPATH=src python bench/programme.py --engine dask [--workers 1,2] ...
    PYTHONPATH=src python bench/programme.py --engine dask --kind files ...
    PYTHONPATH=src python bench/programme.py --scale [--sizes 8,32] [--many 1000] [--rounds 1]

Serves one reference-implementation instance per participant on 127.0.0.1, each in a
process of its own, as a programme meets its participants' platforms (a planted defect on
every other one, cycling through a few), writes a manifest each (interfaces-core;
the first ``--pairs`` also claim interop-pair, so ``pairs × (pairs - 1)`` pair runs follow),
then per round runs ``conformance programme run`` as a process with ``concurrency`` 1 and 2
into fresh folders and databases. Prints the wall time of each, runs per minute, the ratio
of 2 to 1, and the load average. With ``--engine dask``: one plain process (the local pool,
one run at a time) against programmes dispatching on Dask clusters of 1 and 2 worker
processes (each cluster started before its timing, as a deployed one would be), the ratios
to the plain process, and Dask's overhead per run (dask-1 against plain) as a share of a run.

Besides wall time, every setup's CPU seconds per run, from the processes themselves (not
disturbed by other work on the machine): the participant runs' processes, the ``programme
run`` process, Dask's worker processes and scheduler, and the targets' processes. The
Dask clusters run with :data:`conformance.programme.dispatch.CLUSTER_CONFIG`, as the
programme's own local cluster does.

``--kind files``: participants whose products are files (identity-document over DID
documents; a known-bad document planted on every other one) and no interop pairs. The HTTP
kind's ratios count the targets' work too (on the same two cores as the runs, in both
arms); the file kind measures the dispatch of runs alone, as a programme of exported files
(captures, models, documents) sees it.

    python bench/programme.py --serve-target DEFECT,...   # (internal) one target's process
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import orjson
import yaml
from spread import spread

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


#: runs a ``conformance`` command and writes the CPU seconds of its own process and of the
#: children it waited for (the participant runs of a local pool), and its own peak RSS (KB),
#: to the file named first
_MEASURED = ("import json, resource, sys\n"
             "out, sys.argv = sys.argv[1], ['conformance', *sys.argv[2:]]\n"
             "from conformance.cli import main\n"
             "try:\n    code = main()\nexcept SystemExit as exc:\n    code = exc.code\n"
             "cpu = [sum(resource.getrusage(w)[:2]) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]\n"
             "open(out, 'w').write(json.dumps([*cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]))\n"
             "sys.exit(code)\n")


def _cpu(process: object) -> tuple[float, float]:
    """A live process's own CPU seconds and those of the children it waited for (psutil)."""
    times = process.cpu_times()  # type: ignore[attr-defined]
    return times.user + times.system, times.children_user + times.children_system


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
                        help="participants' products: platforms served in processes of their own (http) or "
                             "exported files (files)")
    parser.add_argument("--scale", action="store_true",
                        help="file participants: the local pool (1 and 2) and Dask (1 and 2 workers) over --sizes "
                             "participants, then --many participants through Dask (time and memory per participant)")
    parser.add_argument("--sizes", default="8,32", help="--scale: programme sizes, comma separated (default 8,32)")
    parser.add_argument("--many", type=int, default=1000,
                        help="--scale: participants of the large programme through Dask, 2 workers (0: none)")
    parser.add_argument("--serve-target", metavar="DEFECTS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_target is not None:
        return serve_target(args.serve_target)
    if args.scale:
        return scale(args)
    import psutil

    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="bench-programme-") as tmp:
        base = Path(tmp)
        participants = []
        planted: dict[str, str] = {}
        if args.kind == "files":
            args.pairs = 0
        targets_of: dict[str, list[str]] = {}  # participant -> its target's planted defects
        for i in range(args.participants):
            name = f"p{i:03d}"
            if args.kind == "files":
                participants.append(file_participant(base, name, i, planted))
                continue
            defects = [list(DEFECTS)[(i // 2) % len(DEFECTS)]] if i % 2 and i >= args.pairs else []
            if args.pairs > 1 and i == args.pairs - 1:
                defects = [INTEROP_DEFECT]
            if defects:
                planted[name] = defects[0]
            targets_of[name] = defects
            participants.append({"id": name, "manifest": f"{name}.yaml"})
        targets = stack.enter_context(target_processes({"partner": [], **targets_of}))
        for i, name in enumerate(targets_of):
            profiles = ["interfaces-core", *(["interop-pair"] if i < args.pairs else [])]
            # each platform over TLS, its own test CA the target's ca_bundle (IF-TLS-001 exempts no loopback)
            manifest_targets = {"api": {"adapter": "http", "base_url": targets[name][0], "ca_bundle": targets[name][2]}}
            if i < args.pairs:
                manifest_targets["api_b"] = {"adapter": "http", "base_url": targets["partner"][0],
                                             "ca_bundle": targets["partner"][2]}
            (base / f"{name}.yaml").write_text(yaml.safe_dump(
                {"product": {"name": name, "version": "1"}, "profiles": profiles, "targets": manifest_targets}))
        target_procs = [psutil.Process(pid) for _, pid, _ in targets.values()]
        runs = args.participants + args.pairs * (args.pairs - 1)
        if args.engine == "dask":
            # one plain process (the local pool, one run at a time) against Dask clusters of
            # 1, 2, ... worker processes, each started before its timing (a deployed cluster)
            setups = [("plain", {"concurrency": 1}, 0)] + [
                (f"dask-{n}", {"concurrency": n}, n) for n in (int(w) for w in args.workers.split(","))]
        else:
            setups = [(f"concurrency {c}", {"concurrency": int(c)}, 0) for c in args.concurrency.split(",")]
        times: dict[str, list[float]] = {name: [] for name, _, _ in setups}
        cpu: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in setups}
        me = psutil.Process()
        for round_ in range(args.rounds):
            for index, (name, settings, workers) in enumerate(setups):
                with ExitStack() as cluster:
                    worker_procs = []
                    if workers:
                        import dask
                        from distributed import LocalCluster

                        cluster.enter_context(dask.config.set(_cluster_config()))
                        started_cluster = cluster.enter_context(LocalCluster(
                            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"))
                        settings = {**settings, "dispatch": {"engine": "dask",
                                                             "scheduler": started_cluster.scheduler_address}}
                        worker_procs = [psutil.Process(w.pid) for w in started_cluster.workers.values()]
                    programme = base / f"r{round_}-s{index}.yaml"
                    programme.write_text(yaml.safe_dump({"id": f"bench-{index}", "title": "bench", **settings,
                                                         "participants": participants}))
                    before = {"workers": [_cpu(w) for w in worker_procs], "targets": [_cpu(t) for t in target_procs],
                              "bench": _cpu(me)}
                    measured = base / f"cpu-{round_}-{index}.json"
                    started = time.monotonic()
                    subprocess.run([sys.executable, "-c", _MEASURED, str(measured), "programme", "run",
                                    str(programme), "--out", str(base / f"out-{round_}-{index}")],
                                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    times[name].append(time.monotonic() - started)
                    coordinator, local_runs, _ = orjson.loads(measured.read_bytes())
                    worker_cpu = [(_cpu(w)[0] - b[0], _cpu(w)[1] - b[1])
                                  for w, b in zip(worker_procs, before["workers"], strict=True)]
                    cpu[name].append({
                        "runs": local_runs + sum(c for _, c in worker_cpu),
                        "programme": coordinator,
                        "dask": sum(o for o, _ in worker_cpu) + (_cpu(me)[0] - before["bench"][0] if workers else 0),
                        "targets": sum(_cpu(t)[0] - b[0] for t, b in zip(target_procs, before["targets"],
                                                                         strict=True)),
                    })
                check(programme, base / f"out-{round_}-{index}", planted, args.pairs)
        for name, values in times.items():
            print(f"{name}: {runs} runs, wall s {spread(values, 1)}, runs/min {60 * runs / min(values):.1f} (best)")
        first = setups[0][0]
        for name in list(times)[1:]:
            print(f"ratio {name} ÷ {first} (runs per minute, best rounds): {min(times[first]) / min(times[name]):.2f}")
        # The first round's first setup meets every target's first requests (what a platform
        # does once: lazily built validators and routes): past one round, it is left out.
        cpu = {name: rounds[1:] or rounds for name, rounds in cpu.items()}
        print(f"CPU seconds per run (median of rounds{' after the first' if args.rounds > 1 else ''}): participant "
              "runs' processes | `programme run` process | Dask's workers and scheduler | targets' processes | all")
        for name, rounds in cpu.items():
            parts = {part: statistics.median(r[part] for r in rounds) / runs for part in rounds[0]}
            print(f"  {name}: " + " | ".join(f"{parts[part]:.3f}" for part in parts) + f" | {sum(parts.values()):.3f}")
        if args.engine == "dask":
            plain = statistics.median(r["runs"] for r in cpu["plain"]) / runs
            for name in list(cpu)[1:]:
                rounds = cpu[name]
                extra = statistics.median(r["dask"] + r["programme"] for r in rounds) / runs - \
                    statistics.median(r["programme"] for r in cpu["plain"]) / runs
                print(f"Dask's CPU per run, {name} (its workers' and scheduler's own CPU, and the `programme run` "
                      f"process's over the plain one's): {1000 * extra:.0f} ms = {100 * extra / plain:.1f} % of a "
                      f"plain run's CPU ({plain:.2f} s)")
            overhead_per_task(base, participants[: min(6, len(participants))])
        if args.engine == "dask" and "dask-1" in times:
            per_run = min(times["plain"]) / runs
            overhead = (min(times["dask-1"]) - min(times["plain"])) / runs
            print(f"Dask overhead per run (dask-1 − plain, per run): {overhead * 1000:.0f} ms = "
                  f"{100 * overhead / per_run:.1f} % of a run ({per_run:.2f} s)")
        print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


def file_participant(base: Path, name: str, index: int, planted: dict[str, str]) -> dict[str, str]:
    """A participant whose product is files (identity-document over DID documents), a
    known-bad document planted on every other one; its manifest written in ``base``."""
    documents = [str(ROOT / "src/conformance/reference/samples/did_documents" / "*.json")]
    if index % 2:
        planted[name] = next(iter(FILE_DEFECTS))
        documents = [str(ROOT / "suites/identity/fixtures" / planted[name])]
    (base / f"{name}.yaml").write_text(yaml.safe_dump(
        {"product": {"name": name, "version": "1"}, "profiles": ["identity-document"],
         "targets": {"did_documents": {"adapter": "file", "paths": documents}}}))
    return {"id": name, "manifest": f"{name}.yaml"}


#: the setups ``--scale`` compares: name, programme settings, Dask worker processes (0: the local pool)
SCALE_SETUPS = (("plain", {"concurrency": 1}, 0), ("local-2", {"concurrency": 2}, 0),
                ("dask-1", {"concurrency": 1}, 1), ("dask-2", {"concurrency": 2}, 2))


def scale(args: argparse.Namespace) -> None:
    """``--scale``: file participants (every other with a planted defect) through the local
    pool of 1 and 2 and Dask clusters of 1 and 2 workers (started before each timing, as a
    deployed one), each size side by side in every round; then ``--many`` participants
    through Dask with 2 workers: time per participant, the ``programme run`` process's peak
    memory against the smaller programme's, and the scheduler's memory over the run."""
    sizes = [int(n) for n in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        base = Path(tmp)
        planted: dict[str, str] = {}
        everyone = [file_participant(base, f"p{i:04d}", i, planted) for i in range(max([*sizes, args.many]))]
        times: dict[tuple[int, str], list[float]] = {(n, name): [] for n in sizes for name, _, _ in SCALE_SETUPS}
        peaks: dict[tuple[int, str], float] = {}
        cpu: dict[tuple[int, str], list[float]] = {key: [] for key in times}
        for round_ in range(args.rounds):
            for n in sizes:
                # every other round in reverse order: a load that rises or falls during a round
                # does not favour the setups that come first
                order = SCALE_SETUPS if round_ % 2 == 0 else SCALE_SETUPS[::-1]
                for name, settings, workers in order:
                    result = _programme_run(base, f"r{round_}-n{n}-{name}", everyone[:n], settings, workers, planted)
                    times[(n, name)].append(result["wall"])
                    cpu[(n, name)].append(result["cpu"] / n)
                    peaks[(n, name)] = result["peak_mb"]
                    print(f"round {round_ + 1}, {n} participants, {name}: {result['wall']:.1f} s, CPU "
                          f"{result['cpu'] / n:.2f} s per run, load {os.getloadavg()[0]:.1f}"
                          + (f"  [{result['note']}]" if result["note"] else ""), flush=True)
        print("\nwall seconds (best of rounds) and speed ratios (runs per minute, best rounds):")
        print("| participants | plain | local pool 2 | Dask 1 worker | Dask 2 workers | local 2 ÷ plain | "
              "Dask 2 ÷ plain | Dask 2 ÷ local 2 |")
        print("|---|---|---|---|---|---|---|---|")
        for n in sizes:
            best = {name: min(times[(n, name)]) for name, _, _ in SCALE_SETUPS}
            print(f"| {n} | {best['plain']:.1f} | {best['local-2']:.1f} | {best['dask-1']:.1f} | "
                  f"{best['dask-2']:.1f} | {best['plain'] / best['local-2']:.2f} | "
                  f"{best['plain'] / best['dask-2']:.2f} | {best['local-2'] / best['dask-2']:.2f} |")
        print("\nCPU seconds per run, all processes of the setup (the `programme run` process and its children; "
              "for Dask also its workers, their children and the scheduler), median of rounds: the work, which the "
              "load does not stretch:")
        for n in sizes:
            print(f"  {n} participants: " + ", ".join(
                f"{name} {statistics.median(cpu[(n, name)]):.3f}" for name, _, _ in SCALE_SETUPS))
        if args.many:
            n = args.many
            result = _programme_run(base, f"many-{n}", everyone[:n], {"concurrency": 2}, 2, planted, sample=True)
            samples = result["samples"]
            print(f"\n{n} participants through Dask, 2 workers: {result['wall']:.1f} s, "
                  f"{1000 * result['wall'] / n:.0f} ms per participant  [{result['note']}]")
            smaller = max(sizes)
            if (smaller, "dask-2") in peaks and n > smaller:
                print(f"`programme run` process's peak RSS: {result['peak_mb']:.0f} MB ({smaller} participants: "
                      f"{peaks[(smaller, 'dask-2')]:.0f} MB): "
                      f"{1024 * (result['peak_mb'] - peaks[(smaller, 'dask-2')]) / (n - smaller):.1f} KB per "
                      "participant more")
            if samples:
                marks = [samples[min(len(samples) - 1, int(f * (len(samples) - 1)))] for f in (0, 0.25, 0.5, 0.75, 1)]
                print("scheduler's process RSS (MB) at 0, 25, 50, 75, 100 % of the run: "
                      + " / ".join(f"{m[1]:.0f}" for m in marks)
                      + f"; growth per participant {1024 * (marks[-1][1] - marks[0][1]) / n:.1f} KB; "
                      f"workers' peak RSS {max(m[2] for m in samples):.0f} MB")
        print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())} (2 cores)")


def _programme_run(base: Path, label: str, participants: list[dict[str, str]], settings: dict[str, object],
                   workers: int, planted: dict[str, str], sample: bool = False) -> dict[str, Any]:
    """One ``programme run`` of the participants (on a Dask cluster of ``workers`` processes
    this process hosts the scheduler of, started before the timing), checked: every
    participant's run recorded, finished, failing exactly where a defect was planted."""
    import threading

    import psutil

    from conformance.programme.history import History

    with ExitStack() as cluster:
        worker_procs: list[Any] = []
        if workers:
            import dask
            from distributed import LocalCluster

            cluster.enter_context(dask.config.set(_cluster_config()))
            started_cluster = cluster.enter_context(LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"))
            settings = {**settings, "dispatch": {"engine": "dask", "scheduler": started_cluster.scheduler_address}}
            worker_procs = [psutil.Process(w.pid) for w in started_cluster.workers.values()]
        programme = base / f"{label}.yaml"
        programme.write_text(yaml.safe_dump({"id": label, "title": "bench", **settings, "participants": participants}))
        samples: list[tuple[float, float, float]] = []  # (time, the scheduler's RSS, the largest worker's), MB
        running = threading.Event()
        running.set()

        def sampler() -> None:
            me = psutil.Process()
            while running.is_set():
                samples.append((time.monotonic(), me.memory_info().rss / 2**20,
                                max((w.memory_info().rss / 2**20 for w in worker_procs), default=0.0)))
                time.sleep(0.5)

        thread = threading.Thread(target=sampler, daemon=True)
        if sample:
            thread.start()
        measured = base / f"{label}.cpu.json"
        me = psutil.Process()
        before = sum(_cpu(w)[0] + _cpu(w)[1] for w in worker_procs) + (_cpu(me)[0] if workers else 0.0)
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-c", _MEASURED, str(measured), "programme", "run", str(programme),
                               "--out", str(base / f"{label}-out")], check=False, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        wall = time.monotonic() - started
        cluster_cpu = sum(_cpu(w)[0] + _cpu(w)[1] for w in worker_procs) + (_cpu(me)[0] if workers else 0.0) - before
        running.clear()
        if sample:
            thread.join()
    note = next((line.strip() for line in done.stderr.splitlines() if line.strip().startswith("dask:")), "")
    coordinator, children, peak_kb = orjson.loads(measured.read_bytes())
    with History(programme.with_name(programme.stem + ".history.sqlite")) as history:
        runs = {r["participant"]: r for r in history.runs()}
    assert set(runs) == {p["id"] for p in participants}, (label, len(runs), len(participants), done.stderr[-2000:])
    for participant, run in runs.items():
        assert run["status"] == "finished", (label, run)
        assert run["exit_code"] == (1 if participant in planted else 0), (label, run)
    return {"wall": wall, "peak_mb": peak_kb / 1024, "samples": samples, "note": note,
            "cpu": coordinator + children + cluster_cpu}


def serve_target(defects: str) -> None:
    """One participant's platform in this process: a reference-implementation instance with
    the planted ``defects`` (comma separated), served over TLS: its URL and its test CA's
    certificate (a PEM file) on stdout; it stops when stdin closes.
    Uvicorn wakes every 0.1 s to look for a stop and renew its Date header (0.002 of a core
    per idle process here, 0.1 core for 60 targets, on the two cores the runs use): this
    server does it once a second, as often as the Date header changes."""
    import asyncio
    import socket
    import threading

    import uvicorn

    from conformance.reference import create_app, tls, trust_anchor

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            # its start-up is not a run's CPU
            print(f"https://127.0.0.1:{sock.getsockname()[1]} {trust_anchor()}", flush=True)

        async def main_loop(self) -> None:
            counter = 0
            while not await self.on_tick(counter):  # a multiple of 10: the Date header is renewed
                counter = (counter + 10) % 864000
                await asyncio.sleep(1.0)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as conformance.reference.server.serve
    sock.bind(("127.0.0.1", 0))
    planted = [d for d in defects.split(",") if d]
    server = Server(uvicorn.Config(create_app(planted), log_level="warning", access_log=False, lifespan="off",
                                   ssl_context_factory=lambda _config, _default: tls.server_context(planted)))

    def stop_when_stdin_closes() -> None:
        sys.stdin.read()
        server.should_exit = True

    threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
    server.run(sockets=[sock])


@contextmanager
def target_processes(defects: dict[str, list[str]]) -> Iterator[dict[str, tuple[str, int, str]]]:
    """One process per target (started together), ``{name: (url, pid, its CA's PEM file)}``;
    stopped on exit."""
    children = {name: subprocess.Popen([sys.executable, __file__, "--serve-target", ",".join(planted)],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                for name, planted in defects.items()}
    try:
        said = {name: child.stdout.readline().split() for name, child in children.items()}  # type: ignore[union-attr]
        yield {name: (url, children[name].pid, ca) for name, (url, ca) in said.items()}
    finally:
        for child in children.values():
            child.stdin.close()  # type: ignore[union-attr]
        for child in children.values():
            child.wait(timeout=30)


def _cluster_config() -> dict[str, object]:
    """The programme's Dask settings (none in a harness from before they existed: run the
    bench with PYTHONPATH naming an older ``src`` to compare)."""
    from conformance.programme import dispatch

    return getattr(dispatch, "CLUSTER_CONFIG", {})


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

    from conformance._catalog.catalog import load_catalog
    from conformance.programme.runner import Job
    from conformance.programme.spec import load_programme

    path = base / "overhead.yaml"
    path.write_text(yaml.safe_dump({"id": "overhead", "title": "overhead", "participants": participants}))
    programme = load_programme(path, load_catalog())
    costs, durations = [], []
    import dask

    with dask.config.set(_cluster_config()), \
            LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
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
