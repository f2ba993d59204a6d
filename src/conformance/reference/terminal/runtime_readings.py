"""The reference runtime's answers to annex D's own reading methods that no harness dialogue asks but a laboratory's
reader does on the bench (TD-BCI-008, TD-FACE-007): ``test.readBiosignal`` and ``test.getRecognizedExpression``.

The reference device carries the benches' reference instruments, so what it answers are the numbers the generator's
reference captures log (one source, not two): an EEG amplifier (offer ``eeg``: the four channels and 250 Hz of
generate/biosignal_read.py) whose inputs TD-BCI-007's calibrated generator drives with its segment
(generate/injected.py), over and over; and a recogniser beside the reference facial capture of the subject making
TD-FACE-005's cued schedule
(generate/exprref.py), over and over. Both start at the method's first call on the connection, the XrTime the
reader's log then starts at (the capture's T0), so the generator's schedule lines up with the answers' times."""

from __future__ import annotations

import time
from typing import Any

from ...areas.terminal.generate.biosignal_read import CHANNELS, read_spec
from ...areas.terminal.generate.exprref import SECONDS, events, events_spec
from ...areas.terminal.generate.injected import injected

DEFECTS = {
    # TD-BCI-008 (issue 75, h75-remarks): one per rule, as the bench's faults (generate/biosignal_readfaults.py)
    "runtime-biosignal-gain": "test.readBiosignal answers channel Pz 30 % too large",
    "runtime-biosignal-stale": "test.readBiosignal answers every 50th sample timed 6 ms earlier, before the previous one",
    "runtime-biosignal-channel": "test.readBiosignal answers every 10th sample without channel Oz",
    # TD-FACE-007 (issue 75, h75-remarks): as the bench's faults (generate/exprfaults.py)
    "runtime-expression-confused": "test.getRecognizedExpression answers jawOpen and mouthPucker as each other",
    "runtime-expression-spurious": "test.getRecognizedExpression answers a jawOpen in the rest after every other trial",
    "runtime-expression-stale": "test.getRecognizedExpression answers every 5th recognition with a time a second "
                                "before its own",
}
#: the amplifier's offer a descriptor of this system may claim, and how much it keeps between reads (one second)
BIOSIGNAL_OUTPUTS, FACE_OUTPUTS = ("eeg",), ("face",)
SPEC = read_spec()
RATE_HZ: int = SPEC["rate_hz"]
_SIGNAL = SPEC["calibration_signal"]
#: the generator's segment: its last span's end (the series impedance's), after which it plays again
SEGMENT_S = _SIGNAL["series"]["start_s"] + _SIGNAL["series"]["duration_s"]


def _recognitions(defects: frozenset[str]) -> list[tuple[float, str]]:
    """One schedule's recognitions (seconds from its start, name): exprref's recogniser, with the defect's change."""
    spec = events_spec()
    schedule = spec["gesture_schedule"]
    if "runtime-expression-confused" in defects:
        schedule["x-confuse"] = ["jawOpen", "mouthPucker"]
    if "runtime-expression-spurious" in defects:
        schedule["x-spurious-every"] = 2
    return events(spec)


class Readings:
    """A connection's amplifier and recogniser; mixed into the reference Device (reference/terminal/runtime.py)."""

    defects: frozenset[str]

    def now(self) -> int:
        return time.monotonic_ns()

    def _origin(self, key: str) -> tuple[int, dict[str, Any]]:
        """When the method was first called on this connection, and what it has answered since."""
        held: dict[str, Any] = self.__dict__.setdefault("_readings", {})
        if key not in held:
            held[key] = {"origin": self.now(), "next": 0}
        return held[key]["origin"], held[key]

    def test_readBiosignal(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        """The samples acquired since the previous call (at most a second's), oldest first: sample i at the origin
        plus i / RATE_HZ, its values the generator's segment as the amplifier records it (injected())."""
        if params.get("output") not in BIOSIGNAL_OUTPUTS:
            return -32602, "output: an eeg or emg offer's id"
        origin, held = self._origin("biosignal")
        last = (self.now() - origin) * RATE_HZ // 1_000_000_000
        first = max(held["next"], last + 1 - RATE_HZ)
        held["next"] = last + 1
        signal = dict(_SIGNAL)  # its t0 is the generator's T0: injected() takes s from the segment's start
        if "runtime-biosignal-gain" in self.defects:
            signal["x-gain"] = [1.0, 1.0, 1.3, 1.0]
        spec = {"calibration_signal": signal}
        samples = []
        for i in range(first, last + 1):
            # every moment of [0, SEGMENT_S) lies in one of the segment's spans: injected() answers it
            values = injected(spec, (i / RATE_HZ) % SEGMENT_S, len(CHANNELS)) or []
            at = origin + i * 1_000_000_000 // RATE_HZ
            if "runtime-biosignal-stale" in self.defects and i % 50 == 25:
                at -= 6_000_000
            if "runtime-biosignal-channel" in self.defects and i % 10 == 5:
                values = values[:-1]
            samples.append({"time": at, "values": values})
        return {"samples": samples}

    def test_getRecognizedExpression(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        """The oldest recognition not answered yet whose time has come, by name and time (XrTime); expression null
        when there is none. The recogniser's times are the schedule's, from the origin, the schedule repeating."""
        if params.get("face") not in FACE_OUTPUTS:
            return -32602, "face: a face offer's id"
        origin, held = self._origin("expression")
        recognised = _recognitions(self.defects)
        cycle, k = divmod(held["next"], len(recognised))
        seconds, name = recognised[k]
        at = origin + round((cycle * SECONDS + seconds) * 1e9)
        if at > self.now():
            return {"expression": None}
        held["next"] += 1
        if "runtime-expression-stale" in self.defects and held["next"] % 5 == 3:
            at -= 1_000_000_000
        return {"expression": name, "time": at}
