"""The small language a capture fault is written in: where it acts (:class:`At`), on which streams
(:class:`Among`), on which frames (``on``, ``run``, ``lasting``, ``every``, ``near``) and what it changes
(``put``, ``add``, ``each``); :class:`Fault` is one entry of the fault table (:mod:`.faults`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

AT = 20  # the first frame a fault touches


#: Stream types whose samples are biometric by nature (the faults of TD-BIO-*).
BIOMETRIC = ("eye_gaze", "face", "hand", "body")
BIOSIGNAL = ("eeg", "emg")
#: How long the frozen-pose fault holds the pose, in seconds.
FROZEN_S = 2.0

#: JSON objects as the generator builds them: the capture's header, a stream's declaration in
#: the header, one frame.
Header = dict[str, Any]
Spec = dict[str, Any]
Frame = dict[str, Any]
#: What is written for a frame: the frame, the bytes of a broken line, or nothing (dropped).
Line = Frame | bytes | None


@dataclass(frozen=True)
class At:
    """Where a fault acts: its stream, the frame's index in that stream, and what the capture's
    faults hold from frame to frame (the pose frozen-pose repeats)."""

    spec: Spec
    index: int
    held: dict[str, Frame]


#: The frames of its stream a fault changes.
When = Callable[[At], bool]
#: A fault's change to one frame: in place, returning the frame (the next fault's change sees
#: it), or returning what to write instead (bytes, or None to drop the frame).
Change = Callable[[Frame, At], Line]


@dataclass(frozen=True)
class Among:
    """The streams of its type a fault can act on, when only some can, and what a device that
    has none of them lacks (the generator refuses such a pair in one line, not mid-capture)."""

    keeps: Callable[[Spec], bool]
    lacking: str


def _always(at: At) -> bool:
    return True


@dataclass(frozen=True)
class Fault:
    needs: str | tuple[str, ...] | None  # stream type(s) it acts on; None: the first stream with a rate
    requirement: str
    description: str
    among: Among | None = None  # of the streams it needs, only these
    declare: Callable[[Header, Spec], None] | None = None  # on its stream's declaration and offers
    amend: Callable[[Header], None] | None = None  # on the header, whichever streams the capture has
    rate: float | None = None  # its stream's rate, times this
    jitter_ns: int = 0  # extra timing jitter on its stream (standard deviation)
    when: When = _always
    change: Change | None = None  # on the frames of its stream ``when`` picks


def fits(kind: str, needs: str | tuple[str, ...] | None) -> bool:
    """Whether a stream of type ``kind`` is one a fault that ``needs`` this can act on."""
    return needs is None or kind in ((needs,) if isinstance(needs, str) else needs)


# Which frames a fault changes.


def on(*indices: int) -> When:
    """The frames of these indices."""
    return lambda at: at.index in indices


def run(first: int, count: int) -> When:
    """``count`` frames in a row from the ``first``."""
    return lambda at: first <= at.index < first + count


def lasting(seconds: float) -> When:
    """The frames of ``seconds`` from frame ``AT`` on, at the stream's declared rate."""
    return lambda at: AT <= at.index < AT + seconds * at.spec["rate_hz"]


def every(period: int, first: int, count: int = 1) -> When:
    """``count`` frames from the ``first`` of every ``period``."""
    return lambda at: first <= at.index % period < first + count


def near(at: At) -> bool:
    """The ten frames from ``AT`` on (from the third, for an event stream's few)."""
    first = AT if at.spec.get("rate_hz") else 2
    return first <= at.index < first + 10


# What a fault does to a frame: the common changes, then those of one fault each.


def put(*path: str | int, to: object) -> Change:
    """Set the member at ``path`` (names, and indices into lists) to ``to``."""
    def change(frame: Frame, at: At) -> Line:
        fault_holder(frame, path)[path[-1]] = to
        return frame
    return change


def add(*path: str | int, by: float, digits: int | None = None) -> Change:
    """Add ``by`` to the number at ``path``, rounded to ``digits`` (as the generator wrote it) if given."""
    def change(frame: Frame, at: At) -> Line:
        holder = fault_holder(frame, path)
        moved = holder[path[-1]] + by
        holder[path[-1]] = moved if digits is None else round(moved, digits)
        return frame
    return change


def fault_holder(json: dict[str, Any], path: tuple[str | int, ...]) -> Any:
    """The object or list that holds the member at ``path`` of a frame or a declaration."""
    holder: Any = json
    for step in path[:-1]:
        holder = holder[step]
    return holder


def each(*changes: Change) -> Change:
    """These changes, one after the other (each returns the frame)."""
    def change(frame: Frame, at: At) -> Line:
        for one in changes:
            one(frame, at)
        return frame
    return change


