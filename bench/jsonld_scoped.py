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
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from pyld import jsonld as pyld  # noqa: E402

from conformance.areas._shared import jsonld  # noqa: E402
from conformance.areas._shared.jsonld_processor import Processor  # noqa: E402
from tests import jsonld_samples  # noqa: E402


def documents(folders: tuple[Path, ...]) -> list[dict[str, object]]:
    """The samples with a context under ``folders`` that plain pyld processes (an unknown context is refused before
    any processing, and a refused fixture is not timed)."""
    found = []
    for _, document in jsonld_samples.with_context(folders):
        try:
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
    expanded = documents(jsonld_samples.FOLDERS)
    canonical = documents((jsonld_samples.CREDENTIALS,))
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
