"""What one revocation costs to publish, in one process (no start-up, no Dask): the programme
site and the log's tiles, incremental against a full rebuild into an empty folder, at N
participants for each size, side by side (issue 64 item 1).

    PYTHONPATH=src python bench/site_publish.py [--sizes 100,1000] [--rounds 3]

For each N: a SQLite history of N participants, each with one conformant run and a
certificate, and a signed programme log of 3·N leaves (written at once, under one head: a
programme's own log has a head per append, which the full publication copies too, so its cost
here is a floor); the site built once
and the log published once. Then, ``--rounds`` times: one certificate revoked (a row and a leaf),
the site built again in place (incremental) and into an empty folder (full), the log published
again in place and into an empty folder. Printed: the median CPU and wall milliseconds of each
call, the files each wrote, and the ratio of the largest size's call to the smallest's (goal:
about 1 for the incremental calls, the full ones growing with N).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conformance._catalog.catalog import load_catalog
from conformance.programme import checkpoint, ledger, signing
from conformance.programme.history import History
from conformance.programme.logformat import ROTATED
from conformance.programme.site import build_site
from conformance.programme.spec import Participant, Programme

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
PROFILE = "identity-document"


def city(folder: Path, n: int) -> tuple[Programme, History, ledger.ProgrammeLog, list[str]]:
    history = History(folder / "history.sqlite")
    members = [f"p{i:04d}" for i in range(n)]
    certificates = []
    for i, who in enumerate(members):
        run_id = f"run-{i:05d}"
        history.execute("INSERT INTO runs (run_id, programme, kind, participant, report_dir, recorded, status,"
                        " complete, detail) VALUES (?, 'city', 'participant', ?, ?, '2026-11-25T10:00:00Z',"
                        " 'finished', 1, '')", (run_id, who, str(folder / "out" / who / run_id)))
        history.execute("INSERT INTO outcomes (run_id, profile, outcome) VALUES (?, ?, 'conformant')",
                        (run_id, PROFILE))
        with history.issuing() as (index, insert):
            certificates.append(f"urn:uuid:00000000-0000-0000-0000-{index:012d}")
            insert(certificates[-1], who, run_id, "did:key:z6Mk", "2026-11-25T11:00:00Z", "2027-11-25T11:00:00Z",
                   f"certificates/{who}-{index}.json", "0" * 64)
    programme = Programme(path=folder / "programme.yaml", id="city", title=f"A city of {n}",
                          participants=tuple(Participant(m, folder / "m.yaml") for m in members))
    log = ledger.ProgrammeLog(folder / "published.log", "city", KEY,
                              checkpoint.log_origin("city", "https://city.example/"))
    did = signing.issuer_did(KEY.public_key())
    log.adopt([(ROTATED, {"from": f"{did}-{i}", "to": did}, "2026-11-25T10:00:00Z") for i in range(3 * n)],
              "2026-11-25T10:00:00Z")
    return programme, history, log, certificates


def timed(call: Callable[[], list[Path]]) -> tuple[float, float, int]:
    """(CPU ms, wall ms, files written) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    written = call()
    return 1000 * (time.process_time() - cpu), 1000 * (time.perf_counter() - wall), len(written)


def measure(n: int, rounds: int, catalog: object) -> dict[str, list[tuple[float, float, int]]]:
    found: dict[str, list[tuple[float, float, int]]] = {}
    with tempfile.TemporaryDirectory(prefix="site-publish-") as tmp:
        folder = Path(tmp)
        programme, history, log, certificates = city(folder, n)
        out, site = folder / "out", folder / "site"
        build_site(programme, catalog, history, out, site)  # type: ignore[arg-type]
        log.publish(folder / "log")
        did = signing.issuer_did(KEY.public_key())
        for number in range(rounds):
            history.revoke(certificates[number], "bench")
            log.append(ROTATED, {"from": f"{did}-r{number}", "to": did}, "2026-11-25T12:00:00Z")
            empty_site, empty_log = folder / f"site-{number}", folder / f"log-{number}"
            calls: dict[str, Callable[[], list[Path]]] = {
                "site, incremental": lambda: build_site(programme, catalog, history, out, site),  # type: ignore[arg-type]
                "site, full rebuild": lambda: build_site(programme, catalog, history, out,  # type: ignore[arg-type]
                                                         empty_site),  # noqa: B023  (called in this round)
                "log published, incremental": lambda: log.publish(folder / "log"),
                "log published, into an empty folder": lambda: log.publish(empty_log),  # noqa: B023
            }
            for name, call in calls.items():
                found.setdefault(name, []).append(timed(call))
        history.close()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="participants, comma separated (default 100,1000)")
    parser.add_argument("--rounds", type=int, default=3, help="revocations per size (default 3): medians")
    args = parser.parse_args(argv)
    sizes = sorted(int(n) for n in args.sizes.split(","))
    catalog = load_catalog()
    results = {n: measure(n, args.rounds, catalog) for n in sizes}
    small, large = sizes[0], sizes[-1]
    print(f"| one revocation, then | {' | '.join(f'N={n}: CPU ms / wall ms / files' for n in sizes)} "
          f"| CPU {large} ÷ {small} |")
    print("|---|" + "---|" * (len(sizes) + 1))
    for name in results[small]:
        medians = {n: [statistics.median(m[i] for m in results[n][name]) for i in range(3)] for n in sizes}
        cells = " | ".join(f"{c:.1f} / {w:.1f} / {f:.0f}" for c, w, f in (medians[n] for n in sizes))
        print(f"| {name} | {cells} | {medians[large][0] / max(medians[small][0], 1e-9):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
