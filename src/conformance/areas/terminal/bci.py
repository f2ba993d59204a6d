"""Brain-computer interface streams (TD-BCI-*): EEG and EMG after BIDS-EEG, event markers.

An ``eeg`` or ``emg`` stream declares its channels as BIDS ``channels.tsv`` does (name, type,
units), the placement scheme of its EEG electrode names (BIDS ``EEGPlacementScheme``: the
10-20 or 10-10 system), its reference and ground (``EEGReference``, ``EEGGround``), its
sampling rate (``rate_hz``, BIDS ``SamplingFrequency``) and the amplifier's physical range in
microvolts (``range_uv``). Each frame holds one sample of every channel (``values``). A
``marker`` stream holds events at their onset (BIDS ``events.tsv``) and names the stream it
annotates.

- ``bci_channels`` (TD-BCI-001), read with the header: channel names unique and, for EEG
  channels under a 10-20 or 10-10 placement, names of that system; units microvolts; the
  reference, ground and range declared;
- ``bci_range`` (TD-BCI-003), on the frames' columns: every value within the range;
- for TD-BCI-004, gathered per channel and judged by the suite against its parameters: the
  longest flat stretch (a value repeated exactly) and how many samples sit at the range's
  ends (saturated).

TD-BCI-002 (sampling held) and TD-BCI-005 (markers) are judged by the suite from what the
timing pass keeps for every stream.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import numpy as np

from ...findings import Finding
from ...messages import msg
from .capture.columns import float_rows
from .chunk import Chunk, report
from .model import CaptureAnalysis, StreamStats
from .plausibility import Extreme

BIOSIGNAL_TYPES = ("eeg", "emg")


def _ten_ten() -> frozenset[str]:
    """Electrode names of the 10-10 system (ACNS 2006; Oostenveld and Praamstra 2001), with
    the older 10-20 names T3, T4, T5, T6 and the ear and mastoid sites, upper case."""
    names = {"NZ", "FP1", "FPZ", "FP2", "O1", "OZ", "O2", "O9", "O10", "I1", "IZ", "I2",
             "A1", "A2", "M1", "M2", "T3", "T4", "T5", "T6"}
    rows = {"AF": ("AF", "AF"), "F": ("F", "F"), "FC": ("FC", "FT"), "C": ("C", "T"), "CP": ("CP", "TP"),
            "P": ("P", "P"), "PO": ("PO", "PO")}
    for inner, outer in rows.values():
        names.add(inner + "Z")
        names.update(f"{inner if k <= 6 else outer}{k}" for k in range(1, 11))
    return frozenset(names)


TEN_TEN = _ten_ten()
#: The 10-20 system's 21 sites (with their 10-10 names T7, T8, P7, P8), and the ear and mastoid sites.
TEN_TWENTY = frozenset({"FP1", "FPZ", "FP2", "F7", "F3", "FZ", "F4", "F8", "T3", "T7", "C3", "CZ", "C4", "T4", "T8",
                        "T5", "P7", "P3", "PZ", "P4", "T6", "P8", "O1", "OZ", "O2", "A1", "A2", "M1", "M2", "NZ",
                        "IZ"})
SYSTEMS = {"10-20": TEN_TWENTY, "10-10": TEN_TEN}
MICROVOLTS = ("uV", "\u00b5V", "\u03bcV")  # BIDS writes the micro sign; u and the Greek mu are taken too


def _channels(stats: StreamStats) -> list[dict[str, Any]] | None:
    channels = stats.spec.get("channels")
    if not isinstance(channels, list) or not all(isinstance(c, dict) for c in channels):
        return None
    return channels


def range_of(stats: StreamStats) -> tuple[float, float] | None:
    declared = stats.spec.get("range_uv")
    if not isinstance(declared, dict):
        return None
    low, high = declared.get("min"), declared.get("max")
    if not (isinstance(low, int | float) and isinstance(high, int | float)) or isinstance(low, bool) \
            or isinstance(high, bool) or not low < high:
        return None
    return float(low), float(high)


def read_channels(result: CaptureAnalysis) -> None:
    """TD-BCI-001 over the header's eeg and emg streams."""
    log = result.log("bci_channels")
    for stats in result.streams_of(*BIOSIGNAL_TYPES):
        stats.add_checked("bci_channels", 1)
        where = f"/streams/{stats.index}"

        def add(message: Any, pointer: str, stats: StreamStats = stats, **extra: Any) -> None:
            log.add(Finding(message, line=1, stream=stats.id, pointer=pointer, **extra))

        channels = _channels(stats)
        if channels is None:
            add(msg("terminal.bci-no-channels", sid=repr(stats.id)), where + "/channels")
            continue
        placement = stats.spec.get("placement")
        system = SYSTEMS.get(placement) if isinstance(placement, str) else None
        if stats.type == "eeg" and placement is None:
            add(msg("terminal.bci-no-placement", sid=repr(stats.id)), where + "/placement",
                expected=sorted(SYSTEMS))
        seen: dict[str, int] = {}
        for k, channel in enumerate(channels):
            name, kind, units = channel.get("name"), channel.get("type"), channel.get("units")
            if not isinstance(name, str):
                continue  # the header schema reports it
            at = f"{where}/channels/{k}"
            first = seen.setdefault(name.upper(), k)
            if first != k:
                add(msg("terminal.bci-channel-twice", sid=repr(stats.id), name=name, first=first), at + "/name",
                    actual=name)
            if kind == "EEG" and system is not None and name.upper() not in system:
                add(msg("terminal.bci-channel-label", sid=repr(stats.id), name=name, placement=placement),
                    at + "/name", actual=name, expected=f"a {placement} electrode name")
            if kind in ("EEG", "EMG") and units not in MICROVOLTS:
                add(msg("terminal.bci-channel-units", sid=repr(stats.id), name=name, units=repr(units)),
                    at + "/units", actual=units, expected="uV")
        for member in ("reference", "ground"):
            value = stats.spec.get(member)
            if not (isinstance(value, str) and value.strip()):
                add(msg("terminal.bci-undeclared", sid=repr(stats.id), member=member), f"{where}/{member}")
        if range_of(stats) is None:
            add(msg("terminal.bci-no-range", sid=repr(stats.id)), where + "/range_uv")


@dataclass
class SignalState:
    """What a biosignal stream carries across chunks, per channel: the last sample, the start
    of the current run of one repeated value, the longest such run, and saturated samples."""

    last_t: int | None = None
    last: np.ndarray | None = None
    run_start_t: np.ndarray | None = None
    flat: list[Extreme] = field(default_factory=list)  # per channel, in ms
    saturated: np.ndarray | None = None  # per channel, samples at either end of the range
    samples: int = 0


def check_biosignal_frames(chunk: Chunk) -> None:
    """eeg and emg frames: as many values as channels (TD-CAP-001), every value in the
    declared range (TD-BCI-003), and what TD-BCI-004 judges per channel."""
    stats = chunk.stats
    channels = _channels(stats)
    if channels is None:
        return  # TD-BCI-001 reports it; nothing to read the values by
    width = len(channels)
    values: list[list[float]] = list(map(attrgetter("values"), chunk.frames))
    v = float_rows(values, width)  # every frame of the right width: one strided view
    if v is not None:
        rows = np.arange(len(values))
    else:
        counts = np.fromiter(map(len, values), np.int64, len(values))
        wrong = counts != width
        report(chunk, "structure", wrong, lambda r: (
            msg("terminal.bci-value-count", count=int(counts[r]), channels=width),
            {"pointer": "/values", "actual": int(counts[r]), "expected": width}))
        rows = np.flatnonzero(~wrong)
        if not len(rows):
            return
        v = np.array([values[r] for r in rows], dtype=np.float64).reshape(len(rows), width)
    t = chunk.t[rows]
    bounds = range_of(stats)
    if bounds is not None:
        low, high = bounds
        outside = ~((v >= low) & (v <= high))  # NaN-safe
        first = np.argmax(outside, axis=1)
        stats.add_checked("bci_range", int(v.size))
        report(chunk, "bci_range", np.asarray(outside.any(axis=1)), lambda k: (
            msg("terminal.bci-out-of-range", channel=str(channels[int(first[k])].get("name")),
                value=float(v[k, first[k]]), low=low, high=high),
            {"pointer": f"/values/{int(first[k])}", "actual": float(v[k, first[k]]),
             "expected": f"{low:g} <= value <= {high:g} uV"}), rows_of=rows)
    _fold_channels(chunk, stats, v, t, rows, bounds)


def _fold_channels(chunk: Chunk, stats: StreamStats, v: np.ndarray, t: np.ndarray, rows: np.ndarray,
                   bounds: tuple[float, float] | None) -> None:
    state: SignalState | None = stats.signal
    width = v.shape[1]
    if state is None or state.last is None or state.last_t is None or state.run_start_t is None \
            or len(state.last) != width:
        state = stats.signal = SignalState(flat=[Extreme() for _ in range(width)],
                                           saturated=np.zeros(width, dtype=np.int64))
        carried = False
        allv, allt = v, t
    else:
        carried = True
        allv = np.vstack((state.last[None, :], v))
        allt = np.concatenate(([state.last_t], t))
    n = len(allt)
    same = np.zeros((n, width), dtype=bool)
    same[1:] = allv[1:] == allv[:-1]
    run_start_t = np.full(width, allt[-1])  # a channel without repeats: its last sample starts a run
    repeating = np.flatnonzero(same.any(axis=0))  # only these channels' runs are followed
    if len(repeating):
        starts = np.maximum.accumulate(np.where(same[:, repeating], 0, np.arange(n)[:, None]), axis=0)
        start_t = allt[starts]
        if carried and state.run_start_t is not None:
            start_t = np.where(starts == 0, state.run_start_t[None, repeating], start_t)
        shift = 1 if carried else 0
        flat_ms = (allt[shift:, None] - start_t[shift:]) / 1e6
        longest = np.argmax(flat_ms, axis=0)
        worst = flat_ms[longest, np.arange(len(repeating))]
        for k, channel in enumerate(repeating.tolist()):
            flat = state.flat[channel]
            if worst[k] > flat.value:
                flat.value = float(worst[k])
                flat.where = chunk.where(int(rows[int(longest[k])]), f"/values/{channel}")
        run_start_t[repeating] = start_t[-1]
    for flat in state.flat:
        flat.count += len(t)
    if bounds is not None and state.saturated is not None:
        state.saturated += np.count_nonzero((v <= bounds[0]) | (v >= bounds[1]), axis=0)
    state.samples += len(t)
    state.last, state.last_t, state.run_start_t = v[-1].copy(), int(t[-1]), run_start_t

