"""What certify paid per certificate for the programme log, before and after issue 64 item 5
(run by hand): reading the log's view again (every leaf parsed) against the view read once,
and an inclusion plus a consistency proof rebuilt from every leaf hash (``merkle``'s RFC
functions) against the ones the log's kept tree gives (``merkle.Tree``), at 200 and 2 000
leaves (a programme of 100 and 1 000 participants certified). CPU milliseconds per
certificate, side by side, and their ratio.

    PYTHONPATH=src python bench/certify_proofs.py
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conformance.programme import audit, logformat, merkle
from conformance.programme.ledger import ProgrammeLog


def _cpu_ms(work, times: int) -> float:
    started = time.process_time()
    for i in range(times):
        work(i)
    return 1000 * (time.process_time() - started) / times


def _proofs(n: int) -> tuple[float, float]:
    """CPU ms of an inclusion and a consistency proof over ``n`` leaves: rebuilt, from the tree."""
    hashes = [merkle.leaf_hash(os.urandom(8)) for _ in range(n)]
    tree = merkle.Tree(hashes)
    indices = range(1, n, 10)
    rebuilt = _cpu_ms(lambda i: (merkle.inclusion_proof(hashes, indices[i]),
                                 merkle.consistency_proof(hashes, indices[i])), len(indices))
    kept = _cpu_ms(lambda i: (tree.inclusion_proof(indices[i]), tree.consistency_proof(indices[i])), len(indices))
    return rebuilt, kept


def main() -> None:
    key = Ed25519PrivateKey.generate()
    with tempfile.TemporaryDirectory() as tmp:
        log = ProgrammeLog(Path(tmp) / "h.log", "bench", key)
        done = 0
        for n in (200, 2000):
            while done < n:  # rotation leaves: smaller than a run's, so the re-read is a floor
                log.append(logformat.ROTATED, {"from": f"did:key:z{done}", "to": f"did:key:z{done + 1}"},
                           "2026-01-01T00:00:00.000Z")
                done += 1
            reread = _cpu_ms(lambda _: audit.LogView.of(log.entries()), 5)
            rebuilt, kept = _proofs(n)
            print(f"{n} leaves: the log's view read again {reread:.2f} ms a certificate (now 0: read once); "
                  f"two proofs rebuilt {rebuilt:.3f} ms, from the kept tree {kept:.3f} ms "
                  f"({rebuilt / kept:.0f}×)")
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
