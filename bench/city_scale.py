"""A city's scale, end to end (issue 64 item 5): one programme of N participants (files and
HTTP), its history on PostgreSQL, its runs on two Dask workers, then every stage that follows
the runs, each measured per participant at every size side by side in one invocation (run by
hand, never from the test suite; the machine is shared and noisy).

    PYTHONPATH=src python bench/city_scale.py [--sizes 100,1000] [--http-every 10] [--references 2]
                                              [--workers 2] [--database auto|postgresql|sqlite]

For each size N, in a fresh folder, database and Dask cluster: N participants, every
``--http-every``-th an HTTP participant (its manifest also claims interfaces-core against
one of ``--references`` ``conformance serve`` processes on 127.0.0.1, shared by all sizes),
the others file participants (identity-document over the bundled DID documents); every tenth
has a known-bad document planted, so it is not certified. A plan over identity-document, a
programme key, one local witness (``conformance witness serve``, a process of its own) named
in the programme file. The stages, each a ``conformance`` process of its own:

- run: ``programme run`` dispatching on the Dask cluster (2 worker processes, started before
  the timing as a deployed cluster would be); its CPU counts the workers' and their children's;
- certify: ``programme certify`` (a certificate per conformant participant, each proved
  against the log and its checkpoint cosigned by the witness);
- witness: the witness process's own CPU during certify (its wall time is certify's);
- site: ``programme site`` (en and zh, a page per participant);
- status list: ``programme revoke`` of one certificate (the list published again);
- audit: ``programme audit`` (every leaf and head, the history against the log);
- watch: one cycle of ``programme watch --once`` after certify: every certified participant run
  again (through the same Dask workers) and its certificate kept in force;
- then, per call rather than per participant, what one revocation costs to publish: ``programme
  site`` again after the revocation (incremental: the revoked participant's two pages and the
  two overviews rendered, the log's new tiles), beside ``programme site`` into an empty folder
  (every page and tile: what each call cost before the site and the tiles were incremental).

Printed per stage and size: wall seconds, CPU seconds, wall and CPU per participant, the
stage process's peak RSS; then the ratio of the per-participant cost at the largest size to
that at the smallest (goal ≤ 1.2: linear or better), the CPU of each participant added between
the two sizes against the smaller size's average (a fixed cost per stage, imports and the
catalog, flatters the averages of the larger size; a superlinear stage shows here), and the peak
RSS growth per participant; for the per-call stages, each call's cost at every size and the
ratio of the largest size's to the smallest's (goal: flat, about 1, for the incremental call).
The load average is printed at the start and at the end.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
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

ROOT = Path(__file__).resolve().parents[1]
DID_DOCUMENTS = ROOT / "src/conformance/reference/samples/did_documents" / "*.json"
KNOWN_BAD = ROOT / "suites/identity/fixtures/did-doc-private-jwk.json"  # fails ID-DOC-002
SITE_URL = "https://city.example/round-1/"
WITNESS_NAME = "witness.city.example/w1"
STAGES = ("run", "certify", "witness", "site", "status list", "audit", "watch")
#: measured per call: one publish after one revocation, incremental, and a full rebuild beside it
PER_CALL = ("site after one revocation", "site rebuilt whole")

#: runs a ``conformance`` command; writes its own CPU seconds, its waited-for children's and
#: its peak RSS (KB) to the file named first
_MEASURED = ("import json, resource, sys\n"
             "out, sys.argv = sys.argv[1], ['conformance', *sys.argv[2:]]\n"
             "from conformance.cli import main\n"
             "try:\n    code = main()\nexcept SystemExit as exc:\n    code = exc.code\n"
             "usage = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]\n"
             "open(out, 'w').write(json.dumps([sum(u[0] + u[1] for u in usage), usage[0].ru_maxrss,"
             " code if isinstance(code, int) else 1]))\n"
             "sys.exit(code)\n")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p), "NO_COLOR": "1", "COLUMNS": "300"}


def _cpu(process: Any) -> float:
    """A live process's CPU seconds, its own and those of the children it waited for."""
    t = process.cpu_times()
    return t.user + t.system + t.children_user + t.children_system


def measured(folder: Path, label: str, *command: str) -> dict[str, Any]:
    """One ``conformance`` command in a process of its own: wall, CPU, peak RSS (MB), exit code, output."""
    out = folder / f"{label}.measure.json"
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _MEASURED, str(out), *command], capture_output=True, text=True,
                          env=_env(), check=False)
    wall = time.monotonic() - started
    if not out.is_file():
        raise SystemExit(f"{label}: `conformance {' '.join(command)}` did not finish:\n{done.stderr[-3000:]}")
    cpu, peak_kb, code = orjson.loads(out.read_bytes())
    return {"wall": wall, "cpu": cpu, "peak_mb": peak_kb / 1024, "code": code, "said": done.stdout + done.stderr}


# -- what the bench starts: PostgreSQL, the references, the witness, a Dask cluster ----------

def _pg_bin(name: str) -> str | None:
    found = [shutil.which(name), *map(str, sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True))]
    return next((f for f in found if f), None)


@contextmanager
def postgresql() -> Iterator[str]:
    """A PostgreSQL server of its own in a temporary folder, on a Unix socket only (as the
    ``postgres`` user when this runs as root, which the server refuses): its URL."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise SystemExit("PostgreSQL is not installed (initdb, pg_ctl): install it or give --database sqlite")
    owner = "postgres" if os.geteuid() == 0 else None

    def as_owner(command: list[str]) -> list[str]:
        return ["runuser", "-u", owner, "--", *command] if owner else command

    folder = Path(tempfile.mkdtemp(prefix="city-pg-"))
    folder.chmod(0o755)
    if owner:
        shutil.chown(folder, owner)
    port = "5439"
    subprocess.run(as_owner([initdb, "-D", str(folder / "data"), "-U", "conformance", "--auth=trust", "-E", "UTF8",
                             "--no-instructions"]), check=True, capture_output=True, timeout=120)
    options = f"-k {folder} -p {port} -c listen_addresses='' -c fsync=off"
    subprocess.run(as_owner([pg_ctl, "-D", str(folder / "data"), "-o", options, "-l", str(folder / "log"), "-w",
                             "start"]), check=True, capture_output=True, timeout=120)
    try:
        yield f"postgresql+psycopg://conformance@/postgres?host={folder}&port={port}"
    finally:
        subprocess.run(as_owner([pg_ctl, "-D", str(folder / "data"), "-m", "immediate", "-w", "stop"]),
                       capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


def fresh_database(server: str, name: str) -> str:
    import sqlalchemy

    engine = sqlalchemy.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return server.replace("/postgres?", f"/{name}?")


@contextmanager
def served(command: list[str], log: Path, ready: Path | None = None) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """A ``conformance`` server process: (the process, the URL it says it serves at). What it
    writes goes to ``log``, never to a pipe nobody reads: a server logging each request blocks
    once the pipe's buffer is full, and stops answering (the first N=1000 attempt)."""
    with log.open("w") as output:
        child = subprocess.Popen([sys.executable, "-m", "conformance.cli", *command], stdout=output,
                                 stderr=subprocess.STDOUT, text=True, env=_env())
    try:
        deadline = time.monotonic() + 60
        while not (ready.is_file() if ready else log.read_text().endswith("\n")):
            if child.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"`conformance {' '.join(command)}` did not start: {log.read_text()[-2000:]}")
            time.sleep(0.1)
        # the witness says "witness NAME at URL" first; `serve` writes its URL to the ready file
        url = ready.read_text().strip() if ready else log.read_text().splitlines()[0].split()[3]
        yield child, url
    finally:
        child.terminate()
        child.wait(timeout=30)


@contextmanager
def dask_cluster(workers: int) -> Iterator[tuple[str, list[Any]]]:
    """A local Dask cluster of ``workers`` processes with the programme's own settings: its
    scheduler's address and the workers' processes (psutil)."""
    import dask
    import psutil
    from distributed import LocalCluster

    from conformance.programme import dispatch

    with dask.config.set(getattr(dispatch, "CLUSTER_CONFIG", {})), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=logging.CRITICAL) as cluster:  # its teardown's noise is not the bench's
        yield cluster.scheduler_address, [psutil.Process(w.pid) for w in cluster.workers.values()]


# -- one city ---------------------------------------------------------------------------------

def write_city(folder: Path, n: int, references: list[dict[str, str]], http_every: int, database: str,
               scheduler: str, witness: tuple[str, str]) -> tuple[Path, set[str], set[str]]:
    """The programme's files in ``folder``: (the programme file, the participants expected
    to be certified, the HTTP participants)."""
    from conformance._catalog.catalog import load_catalog
    from conformance.certification.attestation import generate_keys

    if not (folder / "program.key").is_file():
        generate_keys(folder / "program.key")
    (folder / "plan.yaml").write_text(yaml.safe_dump({
        "id": "city-round-1", "program": "City pilot", "catalog_digest": load_catalog().digest,
        "profiles": {"identity-document": {}}}))
    participants, conformant, http = [], set(), set()
    for i in range(n):
        name = f"p{i:04d}"
        bad = i % 10 == 9
        targets: dict[str, Any] = {"did_documents": {"adapter": "file",
                                                     "paths": [str(KNOWN_BAD if bad else DID_DOCUMENTS)]}}
        profiles = ["identity-document"]
        if http_every and i % http_every == 0:
            # a reference over TLS, its test CA the target's ca_bundle (IF-TLS-001 exempts no loopback)
            targets["api"] = {"adapter": "http", **references[(i // http_every) % len(references)]}
            profiles.append("interfaces-core")
            http.add(name)
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(
            {"product": {"name": name, "version": "1"}, "profiles": profiles, "targets": targets}))
        participants.append({"id": name, "manifest": f"{name}.yaml"})
        if not bad:
            conformant.add(name)
    programme = folder / "programme.yaml"
    programme.write_text(yaml.safe_dump({
        "id": f"city-{n}", "title": f"A city of {n}", "plan": "plan.yaml", "signing_key": "program.key",
        "site_url": SITE_URL, "database": database, "concurrency": 2,
        "dispatch": {"engine": "dask", "scheduler": scheduler},
        "witnesses": [{"url": witness[0], "key": witness[1]}], "watch": {"interval_minutes": 60},
        "participants": participants}))
    return programme, conformant, http


def witness_for(folder: Path, n: int, stack: ExitStack) -> tuple[Any, str, str]:
    """The city's one witness, serving in a process of its own: (its process, URL, verifier key)."""
    import psutil

    from conformance.certification.attestation import generate_keys, load_private_key
    from conformance.programme import checkpoint, note

    generate_keys(folder / "program.key")
    generate_keys(folder / "witness.key")
    origin = checkpoint.log_origin(f"city-{n}", SITE_URL)
    log_key = checkpoint.verifier_key(origin, load_private_key(folder / "program.key").public_key()).vkey()
    vkey = note.note_key(WITNESS_NAME, load_private_key(folder / "witness.key").public_key(), note.COSIGNATURE).vkey()
    child, url = stack.enter_context(served(["witness", "serve", str(folder / "witness-state"), "--key",
                                             str(folder / "witness.key"), "--name", WITNESS_NAME, "--log", log_key],
                                            folder / "witness.log"))
    return psutil.Process(child.pid), url.removesuffix("add-checkpoint"), vkey  # the programme names the base


def city(folder: Path, n: int, args: argparse.Namespace, references: list[dict[str, str]],
         server: str | None) -> dict[str, Any]:
    """Every stage of one city of ``n`` participants; {stage: measurement}, each checked."""
    folder.mkdir(parents=True)
    database = fresh_database(server, f"city{n}") if server else str(folder / "history.sqlite")
    out = folder / "out"
    results: dict[str, Any] = {}
    with ExitStack() as stack:
        witness, witness_url, witness_vkey = witness_for(folder, n, stack)
        scheduler, workers = stack.enter_context(dask_cluster(args.workers))
        programme, conformant, http = write_city(folder, n, references, args.http_every, database, scheduler,
                                                 (witness_url, witness_vkey))
        before = sum(_cpu(w) for w in workers)
        results["run"] = measured(folder, "run", "programme", "run", str(programme), "--out", str(out))
        results["run"]["cpu"] += sum(_cpu(w) for w in workers) - before
        results["run"]["workers_mb"] = max(w.memory_info().rss for w in workers) / 2**20
        before = _cpu(witness)
        results["certify"] = measured(folder, "certify", "programme", "certify", str(programme), "--out", str(out))
        results["witness"] = {"wall": None, "cpu": _cpu(witness) - before, "peak_mb": witness.memory_info().rss / 2**20,
                              "code": 0, "said": ""}
        before = sum(_cpu(w) for w in workers)
        results["watch"] = measured(folder, "watch", "programme", "watch", str(programme), "--once",
                                    "--out", str(out))
        results["watch"]["cpu"] += sum(_cpu(w) for w in workers) - before
    results["site"] = measured(folder, "site", "programme", "site", str(programme), "--runs", str(out))
    certified = sorted(p.stem for p in (out / "certificates").glob("p*-*.json"))
    if not certified:
        raise SystemExit(f"N={n}: nothing was certified:\n{results['certify']['said'][-3000:]}")
    results["status list"] = measured(folder, "revoke", "programme", "revoke", str(programme), certified[0],
                                      "--reason", "bench", "--out", str(out))
    results["site after one revocation"] = measured(folder, "site-again", "programme", "site", str(programme),
                                                    "--runs", str(out))
    results["site rebuilt whole"] = measured(folder, "site-whole", "programme", "site", str(programme), "--runs",
                                             str(out), "--out", str(folder / "site-whole"))
    results["audit"] = measured(folder, "audit", "programme", "audit", str(programme))
    check(out, n, conformant, http, results)
    return results


def check(out: Path, n: int, conformant: set[str], http: set[str], results: dict[str, Any]) -> None:
    """What each stage had to produce: every run, a certificate for each conformant participant
    cosigned by the witness, a page per participant, the revocation, a clean audit."""
    for stage in ("run", "certify", "watch", "site", "status list", "audit", *PER_CALL):
        assert results[stage]["code"] == 0, (stage, results[stage]["said"][-3000:])
    # one revocation: its participant's two pages and the two overviews, no other page
    assert "wrote 4 page(s)" in results["site after one revocation"]["said"], results["site after one revocation"]
    assert f"wrote {2 * n + 3} page(s)" in results["site rebuilt whole"]["said"], results["site rebuilt whole"]
    certified = {p.stem.rsplit("-", 1)[0] for p in (out / "certificates").glob("p*-*.json")}
    assert certified == conformant, (n, sorted(certified ^ conformant)[:10], results["certify"]["said"][-2000:])
    assert "not cosigned" not in results["certify"]["said"], results["certify"]["said"][-2000:]
    sample = orjson.loads(next((out / "certificates").glob("p*-*.json")).read_bytes())
    assert WITNESS_NAME in orjson.dumps(sample).decode(), "the certificate's checkpoint carries no cosignature"
    pages = list((out / "site" / "en" / "participants").glob("p*.html"))
    assert len(pages) == n, (n, len(pages))
    for name in sorted(http)[:3]:  # an HTTP participant's run judged interfaces-core against the reference
        runs = [d for d in (out / name).iterdir() if d.is_dir()]
        assert len(runs) == 2, (name, runs)  # the programme's run, then the watch's
        for run in runs:
            report = orjson.loads((run / "report.json").read_bytes())
            assert {p["id"]: p["outcome"] for p in report["profiles"]}.get("interfaces-core") == "conformant", name


# -- the table ----------------------------------------------------------------------------------

def table(sizes: list[int], cities: dict[int, dict[str, Any]]) -> None:
    small, large = sizes[0], sizes[-1]
    head = " | ".join(f"N={n}: wall s / CPU s / ms wall per participant / ms CPU per participant / peak MB"
                      for n in sizes)
    print(f"\n| stage | {head} | wall per participant {large} ÷ {small} | CPU per participant {large} ÷ {small} | "
          f"marginal CPU per participant {small}→{large} ÷ per participant at {small} | "
          f"peak RSS growth per participant |")
    print("|---|" + "---|" * (len(sizes) + 4))
    for stage in STAGES:
        cells = []
        for n in sizes:
            r = cities[n][stage]
            wall = f"{r['wall']:.1f}" if r["wall"] is not None else "(certify's)"
            per_wall = f"{1000 * r['wall'] / n:.1f}" if r["wall"] is not None else "—"
            cells.append(f"{wall} / {r['cpu']:.1f} / {per_wall} / {1000 * r['cpu'] / n:.1f} / {r['peak_mb']:.0f}")
        a, b = cities[small][stage], cities[large][stage]
        if large == small:  # one size: nothing to compare
            print(f"| {stage} | " + " | ".join(cells) + " | — | — | — | — |")
            continue
        wall_ratio = (f"{(b['wall'] / large) / (a['wall'] / small):.2f}" if a["wall"] is not None else "—")
        cpu_ratio = f"{(b['cpu'] / large) / max(a['cpu'] / small, 1e-9):.2f}"
        # the cost of each participant added between the sizes, against the small size's average:
        # a fixed cost (imports, the catalog) hides a superlinear stage in the averages, not here
        marginal = f"{((b['cpu'] - a['cpu']) / (large - small)) / max(a['cpu'] / small, 1e-9):.2f}"
        growth = f"{1024 * (b['peak_mb'] - a['peak_mb']) / (large - small):.1f} KB"
        print(f"| {stage} | " + " | ".join(cells) + f" | {wall_ratio} | {cpu_ratio} | {marginal} | {growth} |")
    print(f"\n| per call | {' | '.join(f'N={n}: wall s / CPU s / peak MB' for n in sizes)} | "
          f"wall {large} ÷ {small} | CPU {large} ÷ {small} |")
    print("|---|" + "---|" * (len(sizes) + 2))
    for stage in PER_CALL:
        cells = [f"{cities[n][stage]['wall']:.2f} / {cities[n][stage]['cpu']:.2f} / {cities[n][stage]['peak_mb']:.0f}"
                 for n in sizes]
        a, b = cities[small][stage], cities[large][stage]
        print(f"| {stage} | " + " | ".join(cells) + f" | {b['wall'] / a['wall']:.2f} | "
              f"{b['cpu'] / max(a['cpu'], 1e-9):.2f} |")
    for n in sizes:
        print(f"N={n}: Dask workers' RSS after the run {cities[n]['run']['workers_mb']:.0f} MB (largest)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="participants, comma separated (default 100,1000)")
    parser.add_argument("--http-every", type=int, default=10, help="every N-th participant is HTTP (0: none)")
    parser.add_argument("--references", type=int, default=2, help="`conformance serve` processes (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="Dask worker processes (default 2)")
    parser.add_argument("--database", choices=("auto", "postgresql", "sqlite"), default="auto",
                        help="the history (auto: PostgreSQL where initdb is installed, else SQLite, saying so)")
    parser.add_argument("--keep", type=Path, help="work in this folder (kept) rather than a temporary one")
    args = parser.parse_args(argv)
    sizes = sorted(int(n) for n in args.sizes.split(","))
    print(f"load average at the start: {' '.join(f'{v:.2f}' for v in os.getloadavg())} "
          f"({os.cpu_count()} cores)", flush=True)
    with ExitStack() as stack:
        base = args.keep or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="city-scale-")))
        base.mkdir(parents=True, exist_ok=True)
        use_pg = args.database == "postgresql" or (args.database == "auto" and _pg_bin("initdb") is not None)
        server = stack.enter_context(postgresql()) if use_pg else None
        print(f"history: {'PostgreSQL (a server of its own)' if server else 'SQLite'}"
              + (" (no PostgreSQL installed)" if not server and args.database == "auto" else ""))
        references = []
        for i in range(args.references if args.http_every else 0):
            ready, anchor = base / f"reference-{i}.url", base / f"reference-{i}-ca.pem"
            _, url = stack.enter_context(served(["serve", "--port", "0", "--ready-file", str(ready),
                                                 "--ca-file", str(anchor)], base / f"reference-{i}.log", ready))
            references.append({"base_url": url, "ca_bundle": str(anchor)})
        cities: dict[int, dict[str, Any]] = {}
        for n in sizes:
            started = time.monotonic()
            cities[n] = city(base / f"city-{n}", n, args, references, server)
            print(f"N={n}: every stage done and checked in {time.monotonic() - started:.0f} s, load "
                  f"{os.getloadavg()[0]:.2f}", flush=True)
            for stage, r in cities[n].items():
                if r is not None:
                    print(f"  {stage}: wall {r['wall'] if r['wall'] is None else round(r['wall'], 2)} s, "
                          f"CPU {r['cpu']:.2f} s, peak {r['peak_mb']:.0f} MB", flush=True)
        table(sizes, cities)
    print(f"load average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
