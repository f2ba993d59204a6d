"""Self-tests queued on the service and drained through Dask (issue 78 item 6; run by hand):
the same ``--runs`` self-tests (default 100) queued at once in one organisation, drained by a
local cluster of one worker process and then of two (``conformance service --dask N``), each
from its first run started to its last recorded; the rate of each (runs a minute) and their
ratio. A self-test is the identity-document profile on the reference's DID documents (files
only, so no server competes for the cores): a `conformance run` child process each, as a
vendor's would be, through the programme's runner.

    PYTHONPATH=src python bench/service_dask.py [--runs 100]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import yaml
from sqlalchemy import func, insert, select

from conformance.service import auth
from conformance.service.app import create_app
from conformance.service.config import load_config
from conformance.service.models import Membership, Organisation, Product, Run, User, Version, new_id, now
from conformance.service.products import manifest_path

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "conformance" / "reference" / "samples" / "did_documents"
MANIFEST = {"product": {"name": "P", "version": "1.0.0", "vendor": "V"}, "profiles": ["identity-document"],
            "targets": {"did_documents": {"adapter": "file", "paths": [str(SAMPLES / "*.json")]}}}


def drain(folder: Path, workers: int, runs: int) -> float:
    """Seconds from the worker's start to the last of ``runs`` queued self-tests recorded."""
    app = create_app(load_config(folder, secure_cookies=False, dask=str(workers), queued_runs=runs))
    service = app.state.service
    org, user, product, version = new_id(), new_id(), new_id(), new_id()
    text = yaml.safe_dump(MANIFEST)
    with service.sessions.begin() as db:
        db.execute(insert(Organisation), [{"id": org, "name": "O"}])
        db.execute(insert(User), [{"id": user, "email": "o@example.com", "password_hash": auth.hash_password("x" * 12),
                                   "totp_seed": service.vault.seal(auth.new_totp_seed()), "officer": False}])
        db.execute(insert(Membership), [{"user_id": user, "organisation_id": org, "role": "owner"}])
        db.execute(insert(Product), [{"id": product, "organisation_id": org, "name": "P"}])
        db.execute(insert(Version), [{"id": version, "product_id": product, "version": "1.0.0", "manifest": text}])
        db.execute(insert(Run), [{"id": new_id(), "organisation_id": org, "version_id": version, "status": "queued",
                                  "created": now()} for _ in range(runs)])
        row = db.get(Version, version)
        path = manifest_path(service.config.folder, row)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    worker = service.worker
    worker.start()  # the cluster starts here, before the clock: a service starts it once
    started = time.monotonic()
    try:
        while True:
            with service.sessions() as db:
                left = db.scalar(select(func.count()).select_from(Run).where(Run.status.in_(("queued", "running"))))
                statuses = dict(db.execute(select(Run.status, func.count()).group_by(Run.status)).all())
            if not left:
                break
            time.sleep(0.2)
        took = time.monotonic() - started
    finally:
        worker.stop()
    assert statuses == {"finished": runs}, statuses  # every self-test ran to its verdicts
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100, help="self-tests queued at once (default 100)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        one = drain(Path(tmp) / "one", 1, args.runs)
        two = drain(Path(tmp) / "two", 2, args.runs)
    rate = {n: 60 * args.runs / s for n, s in ((1, one), (2, two))}
    print(f"{args.runs} self-tests queued: 1 worker {one:.1f} s ({rate[1]:.1f} a minute), "
          f"2 workers {two:.1f} s ({rate[2]:.1f} a minute): {rate[2] / rate[1]:.2f}× (goal ≥ 1.7×); "
          f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}, {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
