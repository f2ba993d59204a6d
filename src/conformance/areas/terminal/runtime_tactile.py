"""A tactile array read through the runtime test interface (TD-TACT-003): OpenXR 1.1 defines no tactile sensor
function, so annex D gives the test interface a method of its own, on the same binding as the OpenXR functions:
``test.readTactile`` (``output``: a tactile offer's id) answers the array's latest frame, its ``time`` (an
XrTime) and ``forces``, one reading (N) per taxel, row after row. The descriptor's tactile offer declares the
layout (``taxels``: ``rows``, ``columns``). What the readings are worth against a reference indenter is measured
by TD-TACT-002 (tactile), not here.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .._shared.jsonrpc_ws import Dialogue

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: a tactile output a descriptor claims: (offer id, rows, columns)
Output = tuple[str, int, int]
#: reads of each claimed output, one after another (R3 holds their times never to go back, and a frame read again
#: at the same time to be that same frame: the array's latest frame may not have changed between two reads)
READS = 4


def tactile_outputs(offers: object) -> tuple[Output, ...]:
    """(id, rows, columns) of each tactile offer naming an id and declaring its layout."""
    found = []
    for offer in offers if isinstance(offers, list) else []:
        taxels = offer.get("taxels") if isinstance(offer, dict) else None
        if isinstance(offer, dict) and offer.get("type") == "tactile" and isinstance(offer.get("id"), str) \
                and isinstance(taxels, dict):
            rows, columns = taxels.get("rows"), taxels.get("columns")
            if all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in (rows, columns)):
                found.append((str(offer["id"]), int(rows), int(columns)))  # type: ignore[arg-type]
    return tuple(found)


def tactile_requests(outputs: tuple[Output, ...]) -> list[tuple[str, JsonObject]]:
    """The test.readTactile requests of the dialogue: READS of each claimed tactile output."""
    return [("test.readTactile", {"output": output}) for output, _, _ in outputs for _ in range(READS)]


def judge_tactile(dialogue: Dialogue, outputs: tuple[Output, ...]) -> Iterator[tuple[str, str, str, dict[str, object]]]:
    """(rule, message key, where, values) of each departure: R1 a read not answered with one reading per taxel
    of the declared layout; R2 a reading that is not a finite force of at least 0 N; R3 a read's time before the
    previous read's of the same output, or at the same time with other readings (the same latest frame read again
    holds the same readings; a new frame has a later time)."""
    layout = {output: rows * columns for output, rows, columns in outputs}
    last: dict[str, tuple[int, list[Any]]] = {}
    for index, e in enumerate(dialogue.answered("test.readTactile")):
        output = str(e.params.get("output"))
        where = f"test.readTactile({output})#{index}"
        forces = e.result.get("forces") if e.result else None
        count = layout.get(output, 0)
        if not isinstance(forces, list) or len(forces) != count:
            got = len(forces) if isinstance(forces, list) else str(e.error or e.result)[:200]
            yield "R1", "terminal.runtime-tactile-count", where, {"output": output, "got": got, "count": count}
            continue
        bad = next((k for k, f in enumerate(forces) if isinstance(f, bool) or not isinstance(f, int | float)
                    or not math.isfinite(f) or f < 0), None)
        if bad is not None:
            yield "R2", "terminal.runtime-tactile-value", where, {"output": output, "taxel": bad,
                                                                  "value": forces[bad]}
        time = e.result.get("time") if e.result else None
        before = last.get(output)
        if not isinstance(time, int) or isinstance(time, bool) or (before is not None and time < before[0]):
            yield "R3", "terminal.runtime-tactile-time", where, {"output": output, "time": time,
                                                                 "before": before and before[0]}
        elif before is not None and time == before[0] and forces != before[1]:
            yield "R3", "terminal.runtime-tactile-restamped", where, {"output": output, "time": time}
        if isinstance(time, int) and not isinstance(time, bool):
            last[output] = (time, forces)
