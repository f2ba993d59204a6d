"""Body tracking accuracy and latency against a reference motion capture (TD-BODY-003).

A capture carries, beside the device's body stream, a reference stream of the same person on the
same clock: a body stream that declares ``reference_system`` (what measured it: an optical
marker-based motion capture, calibrated) and, in ``annotates``, the id of the device's stream it is
the ground truth for. Both name VRM 1.0 humanoid bones (TD-BODY-001).

While the capture is read, the positions of every VRM bone of both streams are held (float32, at
most ``MAX_FRAMES`` frames a stream). Judged once both are read (:func:`measure`):

- Alignment: root-relative, as Human3.6M's MPJPE (Ionescu et al. 2014) takes it: each bone's
  position minus the root's (``hips``, the VRM root) in the same frame, on both streams; nothing is
  rotated or scaled, so the tracker's errors in the body's shape are all measured. The bones
  compared are those both streams carry, the root left out (its error is nought by construction).
- Latency: the reference, linearly interpolated between its frames (not across a gap longer than
  ``MAX_GAP_NS``), is taken earlier by each shift of :mod:`.shifts` (TD-AUD-005's search); the shift
  with the least root-mean-square difference between the device's and the reference's root-relative
  bones, about each bone's mean difference, is the latency. About the mean, because a constant offset
  of a bone is the accuracy's to judge: left in, it pulls the best shift towards where the offset
  happens to cancel part of the motion (on the generated walk a 34 mm offset of the hips moved it
  from -3 to 10 ms). The search uses at most ``SEARCH_FRAMES`` device frames, evenly spread. Its
  resolution is about half a reference frame: between two noisy reference frames the interpolation
  averages their noise away a little, so the best shift can lean towards one between frames (on the
  generated walk, 0.5 mm of reference noise alone moved it from 0 to 3 ms at 60 Hz).
- Accuracy at that latency (so the latency is judged once): per bone, the mean Euclidean distance
  over the frames compared (its MPJPE); overall, the mean over every bone of every frame compared;
  recorded beside them the share of those distances within ``PCK_MM`` (PCK).
- Orientation at that latency (TD-BODY-003 1.2, R4): each bone's orientation relative to the root's
  in the same frame (``conj(q_hips) * q_bone``), on both streams; the reference's is interpolated
  between its frames (normalised, each pair on one hemisphere); per bone, the mean over the frames
  compared of the angle between the two. Relative to the root, as the positions are: where the body
  faces is not the tracker's to get right, how each bone is turned against the body is. An error at
  a parent shows at its children too, as the positions' does; a joint's angle (a bone against its
  parent) is within twice the limit when both bones are within it.

A reference whose bones hardly move (root-relative RMS about their mean below ``MIN_SWING_MM``) shows
no latency; it, a reference not carrying the root or no other bone the device carries, and fewer
frames compared than the fewest the profile asks are inconclusive, never a fail.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from conformance import Message, msg

from .._shared import vrm
from .._shared.uncertainty import u_mean
from . import quaternions
from .chunk import Chunk
from .model import CaptureAnalysis, StreamStats
from .interface_log import reference_pairs
from .readings import Capped, hold_reference_tracks, interpolated
from .shifts import SHIFTS_MS, best_shift, rate_on_reference_clock

ROOT = "hips"  # VRM 1.0's root bone
BONES = (*vrm.REQUIRED_BONES, *vrm.OPTIONAL_BONES)
BONE_INDEX = {name: k for k, name in enumerate(BONES)}
MAX_FRAMES = 40_000  # held a stream: 40 000 x 55 bones x (3 + 4) float32, 62 MB
MAX_GAP_NS = 100_000_000  # the reference is not interpolated across a longer gap
SEARCH_FRAMES = 2_000
PCK_MM = 50.0  # 3DPW's correct-joint threshold (recorded, not judged)
MIN_SWING_MM = 20.0



@dataclass
class BodyTrack(Capped):
    """The bone poses of one body stream held for TD-BODY-003: (n,) times, (n, len(BONES), 3)
    positions and (n, len(BONES), 4) orientations x, y, z, w (NaN for a bone a frame does not carry)."""

    t: list[np.ndarray] = field(default_factory=list)
    p: list[np.ndarray] = field(default_factory=list)
    q: list[np.ndarray] = field(default_factory=list)

    def columns(self) -> tuple[np.ndarray, np.ndarray]:
        """(t, p) in time order, one frame per time."""
        t, p, _ = self.poses()
        return t, p

    def poses(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(t, p, q) in time order, one frame per time (q NaN where no orientation was held)."""
        if not self.t:
            return (np.empty(0), np.empty((0, len(BONES), 3), np.float32),
                    np.empty((0, len(BONES), 4), np.float32))
        t, first = np.unique(np.concatenate(self.t).astype(np.float64), return_index=True)
        p = np.concatenate(self.p)[first]
        q = np.concatenate(self.q)[first] if len(self.q) == len(self.t) else np.full((*p.shape[:2], 4), np.nan)
        return t, p, q


def read_body_references(result: CaptureAnalysis) -> None:
    """Each body stream declaring a reference system, and the body stream it annotates, hold their bones."""
    hold_reference_tracks(result, "body", "body_track", BodyTrack)


def follow_body(chunk: Chunk, rows_of: np.ndarray, bone: np.ndarray, p: np.ndarray, q: np.ndarray) -> None:
    """Hold one chunk's bone poses (``p`` and ``q`` row k are bone ``BONES[bone[k]]`` of frame ``rows_of[k]``;
    -1: a name not VRM's, not held)."""
    room = _room(chunk)
    if room:
        keep = (bone >= 0) & (rows_of < room)
        held, turned = _unheld(room)
        held[rows_of[keep], bone[keep]] = p[keep]
        turned[rows_of[keep], bone[keep]] = q[keep]
        _hold(chunk, room, held, turned)


def follow_bones(chunk: Chunk, bone: np.ndarray, p: np.ndarray, q: np.ndarray) -> None:
    """:func:`follow_body` of a chunk whose every frame names the same bones in the same order: ``p`` (frames,
    bones, 3) and ``q`` (frames, bones, 4), column k bone ``BONES[bone[k]]`` (a column copied, not each pose
    scattered)."""
    room = _room(chunk)
    if room:
        columns = np.flatnonzero(bone >= 0)
        held, turned = _unheld(room)
        held[:, bone[columns]] = p[:room, columns]
        turned[:, bone[columns]] = q[:room, columns]
        _hold(chunk, room, held, turned)


def _room(chunk: Chunk) -> int:
    """How many of the chunk's frames its stream's track holds (none: it holds none, or is full)."""
    track = chunk.stats.body_track
    if track is None:  # a body stream neither a reference nor measured by one holds nothing
        return 0
    return track.take(MAX_FRAMES, len(chunk))


def _unheld(room: int) -> tuple[np.ndarray, np.ndarray]:
    return np.full((room, len(BONES), 3), np.nan, np.float32), np.full((room, len(BONES), 4), np.nan, np.float32)


def _hold(chunk: Chunk, room: int, held: np.ndarray, turned: np.ndarray) -> None:
    track = chunk.stats.body_track
    assert track is not None
    track.t.append(chunk.t[:room].copy())
    track.p.append(held)
    track.q.append(turned)


@dataclass(frozen=True)
class Measured:
    """A tracked body stream against its reference: the latency (ms) and whether it is the last shift
    searched, per bone MPJPE (mm), the overall MPJPE (mm), the share of distances within PCK_MM, the
    frames compared."""

    latency_ms: float
    at_edge: bool
    per_bone_mm: dict[str, float]
    mpjpe_mm: float
    pck: float
    frames: int
    #: the type A standard uncertainties (mm) of each bone's mean error and of the MPJPE, s / sqrt(n) over the
    #: frames compared (successive frames are correlated, so this is a lower bound of the mean's scatter)
    per_bone_u: dict[str, float] = field(default_factory=dict)
    mpjpe_u: float = 0.0
    #: per bone, the mean angle (degrees) between its root-relative orientation and the reference's, and its
    #: type A standard uncertainty (s / sqrt(n) over the frames compared)
    per_bone_deg: dict[str, float] = field(default_factory=dict)
    per_bone_deg_u: dict[str, float] = field(default_factory=dict)
    #: (R5, 1.3) the device's rate on the reference clock (Hz; None: a third of the frames found no latency) and its
    #: standard uncertainty (Hz)
    rate_hz: float | None = None
    rate_u: float = 0.0


def _mean(a: np.ndarray, axis: int | None = None) -> np.ndarray:
    """The mean of the finite values of ``a`` (NaN where there are none), without numpy's empty-slice warning."""
    finite = np.isfinite(a)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.sum(np.where(finite, a, 0.0), axis=axis) / np.sum(finite, axis=axis)


def _relative(p: np.ndarray, bones: np.ndarray) -> np.ndarray:
    return (p[:, bones] - p[:, BONE_INDEX[ROOT]][:, None]).astype(np.float64)


def _interpolated(t: np.ndarray, x: np.ndarray, at: np.ndarray) -> np.ndarray:
    """:func:`.readings.interpolated` across gaps of at most ``MAX_GAP_NS``."""
    return interpolated(t, x, at, MAX_GAP_NS)


def _spreads(d: np.ndarray) -> np.ndarray:
    """Per shift, the root mean square of its (frames, bones, 3) differences ``d[shift]`` about each bone's
    mean difference over the frames (inf: none): sums of squares less the count times the squared mean."""
    finite = np.isfinite(d[..., 0])
    d = np.where(finite[..., None], d, 0.0)
    count = finite.sum(axis=1)  # (shifts, bones)
    total = d.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        about = np.einsum("sfbk,sfbk->s", d, d) - np.sum(np.einsum("sbk,sbk->sb", total, total)
                                                         / np.maximum(count, 1), axis=1)
        spread = np.sqrt(np.maximum(about, 0.0) / count.sum(axis=1))
    return np.where(count.sum(axis=1) > 0, spread, np.inf)


def _root_relative_turns(q: np.ndarray, bones: np.ndarray) -> np.ndarray:
    """(frames, bones, 4): each bone's orientation in the root's frame, conj(q_root) * q_bone, unit length."""
    q = q.astype(np.float64)
    root = q[:, BONE_INDEX[ROOT]] * np.array([-1.0, -1.0, -1.0, 1.0])
    r = quaternions.product(root[:, None], q[:, bones])
    return r / np.linalg.norm(r, axis=-1, keepdims=True)


def _turns_at(t: np.ndarray, r: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The unit quaternions ``r`` (frames at ``t``) interpolated at ``at``: each pair brought onto one hemisphere,
    linearly interpolated and normalised (nlerp; at a body tracker's rates the frames are a few degrees apart)."""
    k = np.clip(np.searchsorted(t, at, side="right") - 1, 0, len(t) - 2)
    a, b = r[k], r[k + 1]
    b = np.where(np.sum(a * b, axis=-1, keepdims=True) < 0, -b, b)
    w = ((at - t[k]) / (t[k + 1] - t[k]))[:, None, None]
    out = a + (b - a) * w
    out = out / np.linalg.norm(out, axis=-1, keepdims=True)
    out[(at < t[0]) | (at > t[-1]) | (t[k + 1] - t[k] > MAX_GAP_NS)] = np.nan
    return out


def _angles_deg(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The angles (degrees) of the rotations between unit quaternions ``a`` and ``b``: 2 acos |a . b|."""
    dot = np.abs(np.sum(a * b, axis=-1))
    return np.degrees(2.0 * np.arccos(np.clip(dot, 0.0, 1.0)))


def measure(tracked: StreamStats, reference: StreamStats, fewest: int) -> Measured | Message:
    """The tracked stream measured against its reference, or why it cannot be (inconclusive, never a fail)."""
    said = {"sid": repr(tracked.id), "ref": repr(reference.id)}
    t, p, q = (tracked.body_track or BodyTrack()).poses()
    t_ref, p_ref, q_ref = (reference.body_track or BodyTrack()).poses()
    root = BONE_INDEX[ROOT]
    carried = np.isfinite(p).all(axis=2).any(axis=0) & np.isfinite(p_ref).all(axis=2).any(axis=0)
    carried[root] = False
    if len(t) == 0 or len(t_ref) < 2 or not np.isfinite(p[:, root]).any() \
            or not np.isfinite(p_ref[:, root]).any() or not carried.any():
        return msg("terminal.body-no-common-bones", **said)
    bones = np.flatnonzero(carried)
    x, x_ref = _relative(p, bones), _relative(p_ref, bones)
    swing = float(np.sqrt(_mean(np.sum((x_ref - _mean(x_ref, axis=0)) ** 2, axis=2)))) * 1e3
    if not swing >= MIN_SWING_MM:  # NaN too: no frame of the reference carries both
        return msg("terminal.body-reference-still", **said, swing=swing if math.isfinite(swing) else 0.0,
                   least=MIN_SWING_MM)
    reach = (t >= t_ref[0] + SHIFTS_MS[0] * 1e6) & (t <= t_ref[-1] + SHIFTS_MS[-1] * 1e6)
    if np.count_nonzero(reach) < fewest:  # fewer than that have a reference frame near them whatever the shift
        return msg("terminal.body-too-few", **said, count=int(np.count_nonzero(
            (t >= t_ref[0]) & (t <= t_ref[-1]))), fewest=fewest)
    pick = np.unique(np.linspace(0, len(t) - 1, min(len(t), SEARCH_FRAMES)).astype(np.int64))
    rms = np.array([_spreads((x[pick] - _interpolated(t_ref, x_ref, t[pick] - shift * 1e6))[None])[0]
                    for shift in SHIFTS_MS.astype(np.float64)])  # one at a time: batches were slower (memory-bound)
    if not np.isfinite(rms).any():
        return msg("terminal.body-too-few", **said, count=0, fewest=fewest)
    found = best_shift(rms)
    d = np.linalg.norm(x - _interpolated(t_ref, x_ref, t - found.latency_ms * 1e6), axis=2) * 1e3
    compared = int(np.count_nonzero(np.isfinite(d).any(axis=1)))
    if compared < fewest:
        return msg("terminal.body-too-few", **said, count=compared, fewest=fewest)
    per_bone = _mean(d, axis=0)
    finite = d[np.isfinite(d)]
    kept = [(BONES[b], float(v), d[:, i]) for i, (b, v) in enumerate(zip(bones, per_bone, strict=True))
            if math.isfinite(v)]
    angle = _angles_deg(_root_relative_turns(q, bones),
                        _turns_at(t_ref, _root_relative_turns(q_ref, bones), t - found.latency_ms * 1e6))
    turned = [(BONES[b], angle[:, i][np.isfinite(angle[:, i])]) for i, b in enumerate(bones)]
    rate, rate_u = _rate_on_reference_clock(t, x, t_ref, x_ref, reach)
    return Measured(found.latency_ms, found.at_edge, {bone: v for bone, v, _ in kept},
                    float(finite.mean()), float(np.mean(finite <= PCK_MM)), compared,
                    {bone: u_mean(column) for bone, _, column in kept}, u_mean(finite),
                    {bone: float(a.mean()) for bone, a in turned if len(a)},
                    {bone: u_mean(a) for bone, a in turned if len(a)}, rate, rate_u)


def _rate_on_reference_clock(t: np.ndarray, x: np.ndarray, t_ref: np.ndarray, x_ref: np.ndarray,
                              reach: np.ndarray) -> tuple[float | None, float]:
    """(R5) The device's frames counted against the reference's clock (:func:`.shifts.rate_on_reference_clock`),
    the bones' positions compared at each shift."""
    return rate_on_reference_clock(t, reach, SEARCH_FRAMES // 2, lambda part, shift: float(_spreads(
        (x[part] - _interpolated(t_ref, x_ref, t[part] - shift * 1e6))[None])[0]))


def pairs(result: CaptureAnalysis) -> list[tuple[StreamStats, StreamStats | None]]:
    """Each body stream declaring a reference system, with the body stream it annotates (None: none such)."""
    return reference_pairs(result, "body")
