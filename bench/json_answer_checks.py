"""The checks every JSON answer of a run passes (nesting depth and member count, repeated member
names: conformance._io.parsing), this tree's beside another tree's, in one process, on asset
listings of growing length (what the registry state machine reads after every step: the
listing of an identity grows with every sequence a run and its shrinking send).

    python bench/json_answer_checks.py --before /path/to/other/tree --rounds 5

Prints, per listing length, the CPU microseconds of each tree's ``json_shape`` and
``duplicate_members`` and the ratio this tree ÷ the other (min / median / max over the rounds);
both trees' answers are asserted equal first.
"""

from __future__ import annotations

import statistics
import time
from types import ModuleType

import orjson

from _trees import before_and_after

LENGTHS = (1, 20, 100, 400)
OWNER = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"


def listing(length: int) -> bytes:
    items = [{"asset_id": f"urn:example:asset:{i:06d}", "name": f"Asset {i}", "asset_type": "model/gltf-binary",
              "owner": OWNER} for i in range(length)]
    return orjson.dumps({"items": items, "next": None})


def cpu_us(check: object, body: bytes, value: object, repeat: int) -> float:
    started = time.process_time()
    for _ in range(repeat):
        check(body, value)  # type: ignore[operator]
    return (time.process_time() - started) / repeat * 1e6


def main() -> int:
    args, before, after = before_and_after(__doc__.splitlines()[0], "conformance._io.parsing", rounds=5)

    def both(module: ModuleType) -> object:
        def check(body: bytes, value: object) -> object:
            _, members = module.json_shape(value)
            return module.duplicate_members(body, value, members)
        return check

    checks = {"before": both(before), "after": both(after)}
    print("listing items | before, µs CPU | after, µs CPU | after ÷ before, min / median / max")
    for length in LENGTHS:
        body = listing(length)
        value = orjson.loads(body)
        assert before.json_shape(value) == after.json_shape(value)
        assert before.duplicate_members(body, value) == after.duplicate_members(body, value) == []
        repeat = max(20, 20_000 // length)
        times: dict[str, list[float]] = {"before": [], "after": []}
        for _ in range(args.rounds):  # alternating, so that a change of load meets both
            for side, check in checks.items():
                times[side].append(cpu_us(check, body, value, repeat))
        ratios = sorted(a / b for a, b in zip(times["after"], times["before"], strict=True))
        print(f"{length} | {statistics.median(times['before']):.1f} | {statistics.median(times['after']):.1f} | "
              f"{ratios[0]:.2f} / {statistics.median(ratios):.2f} / {ratios[-1]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
