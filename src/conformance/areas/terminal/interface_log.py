"""What the runtime test interface of annex D answered, as the laboratory's test application logs it: a stream
declaring ``read_through`` (the method read and its clock) holds one frame per answer, at the time the answer
carries; ``test.readBiosignal`` answers a block of samples, logged one frame per sample at the sample's time (annex
E's ``read_through`` says so: fifty-second reading c1). The requirements that hold such a log to a reference in the same run (TD-TACT-005, TD-GAZE-006,
TD-FACE-006, TD-FACE-007, TD-BODY-006, TD-BCI-008) read the declaration and find answers out of order here."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .readings import reference_system

if TYPE_CHECKING:
    from conformance.area import JsonObject

    from .model import CaptureAnalysis, StreamStats

#: the clock a log's times are on: the runtime's (OpenXR's XrTime), the capture's own
CLOCK = "XrTime"


def declared_log(spec: JsonObject, member: str, method: str) -> JsonObject | None:
    """The stream's declaration under ``member`` that it logs ``method`` on the runtime's clock; None when it
    declares none or another."""
    declared = spec.get(member)
    if isinstance(declared, dict) and declared.get("method") == method and declared.get("clock") == CLOCK:
        return declared
    return None


def read_through(spec: JsonObject, method: str) -> JsonObject | None:
    """The stream's declaration that it logs what ``method`` answered on the runtime's clock; None when it
    declares none or another."""
    return declared_log(spec, "read_through", method)


def out_of_order(t: np.ndarray | list[int], readings: np.ndarray | None = None) -> list[tuple[int, int]]:
    """Each (t, the previous t) whose time is not after the previous answer's, in the order logged. Given each
    answer's ``readings`` (one digest an answer), an answer at the previous one's time with the same readings is
    that frame read again and not counted; one at that time with other readings is."""
    times = np.asarray(t, np.int64)
    step = np.diff(times)
    late = step <= 0 if readings is None else (step < 0) | ((step == 0) & (readings[1:] != readings[:-1]))
    return [(int(times[i]), int(times[i - 1])) for i in np.flatnonzero(late) + 1]


def chunked_order(chunks: list[np.ndarray]) -> tuple[int, list[tuple[int, int]]]:
    """(how many answers, :func:`out_of_order` of them) over a track's time chunks, in the order logged."""
    if not chunks:
        return 0, []
    t = np.concatenate(chunks).astype(np.int64)
    return len(t), out_of_order(t)


def reference_pairs(result: CaptureAnalysis, stream_type: str,
                    method: str | None = None) -> list[tuple[StreamStats, StreamStats | None]]:
    """Each ``stream_type`` stream declaring a reference system, with the stream of that type it annotates (None:
    none such); given ``method``, only when that stream logs what ``method`` answered (TD-BODY-006, TD-FACE-006 and
    TD-FACE-007 pass it; TD-BODY-003 and TD-FACE-004, measuring a device's own stream, do not)."""
    out = []
    for reference in result.streams_of(stream_type):
        if reference_system(reference.spec) is None:
            continue
        read = result.annotated(reference)
        paired = read is not None and read.type == stream_type and (
            method is None or read_through(read.spec, method) is not None)
        out.append((reference, read if paired else None))
    return out
