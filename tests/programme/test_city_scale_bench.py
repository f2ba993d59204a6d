"""bench/city_scale.py at two participants, so that it cannot rot: a programme of a file and
an HTTP participant (PostgreSQL history where the server is installed, two Dask workers, one
witness) through every stage it measures, each stage's output checked by the bench itself
(a certificate for each conformant participant cosigned by the witness, one watch cycle
that runs each again and keeps it in force, a page per participant, the revocation, the site
published again after it rewriting four pages, a clean audit). No timing is asserted: the
figures are the bench's to print (bench/README.md). Two is the fewest that has both kinds of
participant; the bench's cost at five was nearly all fixed (the server, the cluster, one
process a stage: 15.5 against 12.9 CPU seconds at two, measured side by side), and none of its checks needs more
(at five no participant had a defect planted either: every tenth has)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a programme of two runs on a Dask cluster, and every stage after it

ROOT = Path(__file__).resolve().parents[2]


def test_the_city_scale_bench_runs_every_stage_at_two_participants(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p), "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "city_scale.py"), "--sizes", "2", "--http-every", "2",
                           "--references", "1", "--keep", str(tmp_path / "city")],
                          cwd=ROOT / "bench", env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    rows = {line.split("|")[1].strip(): line for line in done.stdout.splitlines() if line.startswith("| ")}
    for stage in ("run", "certify", "witness", "watch", "site", "status list", "audit", "site after one revocation",
                  "site rebuilt whole"):
        assert stage in rows and " / " in rows[stage], (stage, done.stdout[-3000:])
    out = tmp_path / "city" / "city-2" / "out"
    assert len(list((out / "certificates").glob("p*-*.json"))) == 2  # neither has a defect planted
    assert (out / "status" / "revocation.json").is_file()
