"""CPU of expanding and canonicalising credentials with plain pyld and with the harness's processor
(src/conformance/areas/_shared/jsonld_processor.py: a type-scoped context processed once a process,
not once a document), side by side in one process.

    PYTHONPATH=src python bench/jsonld_scoped.py --rounds 5

Each round times, alternately, the same work through ``pyld.jsonld.JsonLdProcessor`` (the floor:
pyld as it is) and through ``Processor``: every credential and presentation with a ``@context``
among the reference's samples and the identity fixtures, expanded (as ``jsonld.expand`` does), and
the reference's credentials canonicalised (URDNA2015 n-quads, as a Data Integrity proof is
verified). Each document is first expanded once by both, so what is timed is a later document
naming the same pinned contexts, as in a run verifying many credentials. It prints each round's
CPU ms per document and the ratio processor ÷ plain, then min / median / max of the ratios and
the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pyld import jsonld as pyld  # noqa: E402

from conformance.areas._shared import jsonld  # noqa: E402
from conformance.areas._shared.jsonld_processor import Processor  # noqa: E402

CREDENTIALS = ROOT / "src" / "conformance" / "reference" / "samples" / "credentials"


def documents(folders: list[Path]) -> list[dict[str, object]]:
    found = []
    for path in sorted(p for folder in folders for p in folder.rglob("*.json")):
        try:
            document = json.loads(path.read_bytes())
        except ValueError:
            continue
        if isinstance(document, dict) and "@context" in document:
            try:  # only what both process (an unknown context is refused before any processing)
                pyld.JsonLdProcessor().expand(document, {"documentLoader": jsonld._loader})
            except Exception:  # noqa: BLE001 - a refused fixture is not timed
                continue
            found.append(document)
    return found


def timed(work, repeat: int) -> float:
    start = time.process_time()
    for _ in range(repeat):
        work()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5, help="passes over the documents in each timing")
    args = parser.parse_args()
    expanded = documents([CREDENTIALS, ROOT / "suites" / "identity" / "fixtures"])
    canonical = documents([CREDENTIALS])
    options = {"documentLoader": jsonld._loader}
    normal = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": jsonld._loader}

    def work(processor: type) -> tuple:
        return (lambda: [processor().expand(d, options) for d in expanded],
                lambda: [processor().normalize(d, normal) for d in canonical])

    plain, ours = work(pyld.JsonLdProcessor), work(Processor)
    for job in (*plain, *ours):  # warm: the pinned contexts resolved, the first processing done
        job()
    assert [json.dumps(x, sort_keys=True) for x in plain[0]()] == [json.dumps(x, sort_keys=True) for x in ours[0]()]
    assert plain[1]() == ours[1]()
    print(f"{len(expanded)} documents expanded, {len(canonical)} canonicalised; load average {os.getloadavg()[0]:.1f}")
    ratios: dict[str, list[float]] = {"expand": [], "canonicalise": []}
    for number in range(1, args.rounds + 1):
        for index, (name, count) in enumerate((("expand", len(expanded)), ("canonicalise", len(canonical)))):
            before = timed(plain[index], args.repeat) / (args.repeat * count) * 1000
            after = timed(ours[index], args.repeat) / (args.repeat * count) * 1000
            ratios[name].append(after / before)
            print(f"round {number} {name:12s} plain {before:7.3f} ms  processor {after:7.3f} ms  "
                  f"ratio {after / before:.2f}")
    for name, values in ratios.items():
        print(f"{name}: processor ÷ plain, min / median / max of {len(values)} rounds: "
              f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}")
    print(f"load average now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
