"""The personal-identifier scan (ID-PRIV-001, the terminal captures' declarations:
conformance.areas._shared.privacy), this tree's beside another tree's, in one process, on DID
documents of growing size (the hostile battery's 100 000-method document at the top).

    python bench/privacy_scan.py --before /path/to/other/tree --rounds 3

Prints, per document size, the CPU milliseconds of each tree's ``personal_identifiers`` and the
ratio this tree ÷ the other (min / median / max over the rounds); both trees' findings (messages
and pointers) are asserted equal first, on a document with an identifier of each kind too.
"""

from __future__ import annotations

import statistics
import time
from types import ModuleType

from _trees import before_and_after

SIZES = (100, 10_000, 100_000)
DID = "did:web:identity.example.com"


def document(methods: int) -> dict:
    return {"@context": ["https://www.w3.org/ns/did/v1"], "id": DID, "authentication": [f"{DID}#k0"],
            "verificationMethod": [{"id": f"{DID}#k{i}", "type": "JsonWebKey2020", "controller": DID,
                                    "publicKeyJwk": {"kty": "OKP", "crv": "Ed25519",
                                                     "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}
                                   for i in range(methods)]}


def with_identifiers() -> dict:
    doc = document(3)
    doc["service"] = [{"id": f"{DID}#s", "serviceEndpoint": "mailto:someone@example.com",
                       "faceTemplate": "x", "phone": "+86 138 1234 5678", "idNumber": "11010519491231002X",
                       "a/b~c": {"tel:+1": "tel:+15551234567"}}]
    return doc


def cpu_ms(module: ModuleType, value: object) -> float:
    started = time.process_time()
    module.personal_identifiers(value)
    return (time.process_time() - started) * 1e3


def main() -> int:
    args, before, after = before_and_after(__doc__.splitlines()[0], "conformance.areas._shared.privacy", rounds=3)
    for value in (with_identifiers(), document(50)):
        found = [[(str(f.message), f.pointer) for f in m.personal_identifiers(value)] for m in (before, after)]
        assert found[0] == found[1], found
    assert len(found[0]) == 0 and len(before.personal_identifiers(with_identifiers())) >= 5
    print("| methods | before, CPU ms | after, CPU ms | after ÷ before, min / median / max |")
    print("|---|---|---|---|")
    for size in SIZES:
        value = document(size)
        ratios, befores, afters = [], [], []
        for _ in range(args.rounds):
            b, a = cpu_ms(before, value), cpu_ms(after, value)
            befores.append(b)
            afters.append(a)
            ratios.append(a / b)
        print(f"| {size:,} | {statistics.median(befores):.1f} | {statistics.median(afters):.1f} | "
              f"{min(ratios):.2f} / {statistics.median(ratios):.2f} / {max(ratios):.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
