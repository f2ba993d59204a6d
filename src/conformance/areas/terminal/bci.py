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
timing pass keeps for every stream; TD-BCI-007 from the calibration segment's samples
(calibration.py), kept here as the frames' columns are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from conformance import Message, msg

from .calibration import collect as collect_calibration
from .capture.columns import float_rows
from .chunk import Chunk, report
from .model import CaptureAnalysis, StreamStats, captured
from .plausibility import Extreme

if TYPE_CHECKING:
    from conformance.area import JsonObject

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
#: BIDS EEGPlacementScheme as TD-BCI-001 takes it: a system the names are held to, or other.
PLACEMENTS = ("10-20", "10-10", "other")
#: The BIDS restricted keywords of channels.tsv's type for EEG data (upper case required).
BIDS_CHANNEL_TYPES = frozenset({"AUDIO", "EEG", "EOG", "ECG", "EMG", "EYEGAZE", "GSR", "HEOG", "MISC", "PPG",
                                "PUPIL", "REF", "RESP", "SYSCLOCK", "TEMP", "TRIG", "VEOG"})
MICROVOLTS = ("uV", "\u00b5V", "\u03bcV")  # BIDS writes the micro sign; u and the Greek mu are taken too


def _channels(stats: StreamStats) -> list[JsonObject] | None:
    channels = stats.spec.get("channels")
    if not isinstance(channels, list):
        return None
    objects = [c for c in channels if isinstance(c, dict)]
    return objects if len(objects) == len(channels) else None


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

        def add(message: Message, pointer: str, stats: StreamStats = stats, **extra: object) -> None:
            log.add(captured(message, line=1, stream=stats.id, pointer=pointer, **extra))  # extra: the rule broken too

        channels = _channels(stats)
        if channels is None:
            add(msg("terminal.bci-no-channels", sid=repr(stats.id)), where + "/channels", rule="R1")
            continue
        placement = stats.spec.get("placement")
        system = SYSTEMS.get(placement) if isinstance(placement, str) else None
        if stats.type == "eeg" and placement not in PLACEMENTS:
            add(msg("terminal.bci-no-placement", sid=repr(stats.id)), where + "/placement",
                expected=list(PLACEMENTS), actual=placement, rule="R4")
        seen: dict[str, int] = {}
        for k, channel in enumerate(channels):
            name, kind, units = channel.get("name"), channel.get("type"), channel.get("units")
            at = f"{where}/channels/{k}"
            described = {"name": isinstance(name, str) and bool(name.strip()),
                         "type": isinstance(kind, str) and kind in BIDS_CHANNEL_TYPES,
                         "units": isinstance(units, str) and bool(units.strip())}
            undescribed = [member for member, given in described.items() if not given]
            if undescribed:  # R1: name, a BIDS channel type and units, each channel
                add(msg("terminal.bci-channel-undescribed", sid=repr(stats.id), index=k,
                        members=", ".join(undescribed)),
                    at, actual={m: channel.get(m) for m in undescribed}, expected=msg("terminal.expect-bids-channel"),
                    rule="R1")
            if not isinstance(name, str):
                continue
            first = seen.setdefault(name.upper(), k)
            if first != k:
                add(msg("terminal.bci-channel-twice", sid=repr(stats.id), name=name, first=first), at + "/name",
                    actual=name, rule="R1")
            if kind == "EEG" and system is not None and name.upper() not in system:
                add(msg("terminal.bci-channel-label", sid=repr(stats.id), name=name, placement=placement),
                    at + "/name", actual=name, expected=f"a {placement} electrode name", rule="R4")
            if kind in ("EEG", "EMG") and units not in MICROVOLTS:
                add(msg("terminal.bci-channel-units", sid=repr(stats.id), name=name, units=repr(units)),
                    at + "/units", actual=units, expected="uV", rule="R2")
        for member in ("reference", "ground"):
            value = stats.spec.get(member)
            if not (isinstance(value, str) and value.strip()):
                add(msg("terminal.bci-undeclared", sid=repr(stats.id), member=member), f"{where}/{member}", rule="R3")
        if range_of(stats) is None:
            add(msg("terminal.bci-no-range", sid=repr(stats.id)), where + "/range_uv", rule="R3")


def text_value_widths(result: CaptureAnalysis) -> dict[str, int]:
    """The eeg and emg streams with a channel list, and how many channels each has: their
    frames' values can be decoded as text and parsed in bulk (reader._decode_as_text)."""
    return {stats.id: len(channels) for stats in result.streams_of(*BIOSIGNAL_TYPES)
            if (channels := _channels(stats))}


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
    v = chunk.columns.get("values")  # parsed from the JSON text at once (reader._decode_as_text)
    if v is None:  # decoded into lists of floats: every frame of the right width gives one strided view
        values: list[list[float]] = list(map(attrgetter("values"), chunk.frames))
        v = float_rows(values, width)
    if v is not None:
        rows = np.arange(len(v))
    else:
        counts = np.fromiter(map(len, values), np.int64, len(values))
        wrong = counts != width  # one sample of every channel, as the frame schema says: TD-CAP-001 R5
        report(chunk, "structure", wrong, lambda r: (
            msg("terminal.bci-value-count", count=int(counts[r]), channels=width),
            {"rule": "R5", "pointer": "/values", "actual": int(counts[r]), "expected": width}))
        rows = np.flatnonzero(~wrong)
        if not len(rows):
            return
        v = np.array([values[r] for r in rows], dtype=np.float64).reshape(len(rows), width)
    t = chunk.t[rows]
    bounds = range_of(stats)
    # the chunk's smallest and largest value: when both are strictly inside the range, no
    # value is outside it or at its ends, and no pass per value is needed for either (NaN:
    # both NaN, the comparisons false)
    low_high = (float(v.min()), float(v.max()))
    if bounds is not None:
        low, high = bounds
        stats.add_checked("bci_range", int(v.size))
        if not low <= low_high[0] <= low_high[1] <= high:
            inside = (v >= low) & (v <= high)  # NaN-safe
            report(chunk, "bci_range", np.asarray(~inside.all(axis=1)),
                   lambda k: _outside(v[k], inside[k], channels, low, high), rows_of=rows)
    _fold_channels(chunk, stats, v, t, rows, bounds, low_high)
    if stats.calibration is not False:  # TD-BCI-007: the samples inside a declared calibration segment
        collect_calibration(stats, v, t)


def _outside(values: np.ndarray, inside: np.ndarray, channels: list[JsonObject], low: float,
             high: float) -> tuple[Message, dict[str, object]]:
    first = int(np.argmin(inside))  # the first channel outside the range
    return (msg("terminal.bci-out-of-range", channel=str(channels[first].get("name")), value=float(values[first]),
                low=low, high=high),
            {"pointer": f"/values/{first}", "actual": float(values[first]),
             "expected": f"{low:g} <= value <= {high:g} uV"})


def _fold_channels(chunk: Chunk, stats: StreamStats, v: np.ndarray, t: np.ndarray, rows: np.ndarray,
                   bounds: tuple[float, float] | None, low_high: tuple[float, float]) -> None:
    """Per channel, the longest run of one value repeated exactly (its time from the run's
    first sample to its last), across chunks; and the samples at the range's ends. Repeats
    are rare in a living signal: the runs are found from the sparse (channel, row) pairs
    where a sample equals the one before, never by a pass per row."""
    state: SignalState | None = stats.signal
    width = v.shape[1]
    carried = not (state is None or state.last is None or state.last_t is None or state.run_start_t is None
                   or len(state.last) != width)
    if state is None or not carried:
        state = stats.signal = SignalState(flat=[Extreme() for _ in range(width)],
                                           saturated=np.zeros(width, dtype=np.int64))
    n = len(t)
    same = np.empty((n, width), dtype=bool)
    np.equal(v[1:], v[:-1], out=same[1:])
    same[0] = (v[0] == state.last) if carried else False
    run_start_t = np.full(width, t[-1])  # a channel not repeating at the end: its last sample starts a run
    row, channel = np.nonzero(same)
    if len(row):
        by_channel = np.argsort(channel, kind="stable")  # a channel's repeats adjacent, in row order
        row, channel = row[by_channel], channel[by_channel]
        # maximal runs of consecutive rows of one channel; a run's value first appeared one row earlier
        breaks = np.flatnonzero((np.diff(channel) != 0) | (np.diff(row) != 1)) + 1
        first, last = np.concatenate(([0], breaks)), np.concatenate((breaks, [len(row)])) - 1
        run_channel, first_row, last_row = channel[first], row[first], row[last]
        begins = t[np.maximum(first_row - 1, 0)]
        if carried and state.run_start_t is not None:  # a run going on from the chunk before
            begins = np.where(first_row == 0, state.run_start_t[run_channel], begins)
        lasting_ms = (t[last_row] - begins) / 1e6
        ending = last_row == n - 1
        run_start_t[run_channel[ending]] = begins[ending]
        groups = np.concatenate(([0], np.flatnonzero(np.diff(run_channel)) + 1))
        for g, end in zip(groups.tolist(), [*groups[1:].tolist(), len(run_channel)], strict=True):
            k = g + int(np.argmax(lasting_ms[g:end]))
            flat = state.flat[int(run_channel[k])]
            if lasting_ms[k] > flat.value:
                flat.value = float(lasting_ms[k])
                flat.where = chunk.where(int(rows[int(last_row[k])]), f"/values/{int(run_channel[k])}")
    for flat in state.flat:
        flat.count += n
    strictly_inside = bounds is not None and bounds[0] < low_high[0] and low_high[1] < bounds[1]
    if bounds is not None and state.saturated is not None and not strictly_inside:
        state.saturated += np.count_nonzero((v <= bounds[0]) | (v >= bounds[1]), axis=0)
    state.samples += n
    state.last, state.last_t, state.run_start_t = v[-1].copy(), int(t[-1]), run_start_t
