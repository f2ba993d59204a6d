"""What an analysis of a capture holds: findings by log, and what each stream showed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import numpy.typing as npt

from conformance import Finding

if TYPE_CHECKING:
    from conformance import Evidence
    from conformance.area import JsonObject, JsonValue

    from .chart_buckets import IntervalBuckets, PositionBuckets

DETAIL_LIMIT = 20

T = TypeVar("T")

#: Log key -> the requirement whose test judges it. Each is checked in one pass of the reader, which
#: files its issues under the key; tests take them by that key. The key is the check's own item (a
#: finding's ``check``), not a rule of the requirement: the R-number a finding breaks is set where it is
#: built, or given by the test that records the log (suite.record), issue 76.
RULES: dict[str, str] = {
    "structure": "TD-CAP-001",  # frames well-formed for their stream type
    "descriptor": "TD-DESC-002",  # streams match what the device offers
    "order": "TD-CAP-002",  # timestamps increase
    "norm": "TD-POSE-001",  # unit quaternions
    "volume": "TD-POSE-002",  # positions within the tracking volume
    "gaze_flags": "TD-GAZE-001",  # eye gaze tracked bits consistent
    "hand_valid": "TD-HAND-001",  # joint validity follows isActive
    "hand_radius": "TD-HAND-003",  # radius > 0 where the position is valid
    "face_count": "TD-FACE-001",  # weight count matches the set
    "face_weights": "TD-FACE-002",  # weights in [0, 1]
    "face_invalid": "TD-FACE-003",  # weights zero when not valid
    "haptic": "TD-HAPT-001",  # XrHapticVibration ranges
    "haptic_offer": "TD-HAPT-002",  # within the device's haptic offer
    "olfactory": "TD-OLF-001",  # intensity in [0, 1], duration >= 0
    "olfactory_offer": "TD-OLF-002",  # a declared scent, within the offer's max duration
    "motion_platform": "TD-MPLAT-001",
    "body": "TD-BODY-001",  # VRM 1.0 humanoid bone names only
    "body_required": "TD-BODY-002",  # the bones VRM 1.0 requires
    "bio_declared": "TD-BIO-001",  # biometric stream types declared biometric
    "bio_terms": "TD-BIO-002",  # purpose, retention, consent of a biometric declaration
    "bio_export": "TD-BIO-003",  # no raw biometric frames in an export unless allowed
    "pseudonymous": "TD-BIO-004",  # no raw personal identifiers
    "bci_channels": "TD-BCI-001",  # BIDS-EEG channel metadata of eeg and emg streams
    "bci_range": "TD-BCI-003",  # biosignal values within the declared physical range
    "audio_format": "TD-AUD-001",  # ambisonics after AmbiX, objects in stage space, rate and depth
    "force_declared": "TD-FORCE-001",  # force-feedback limits and safety limits declared
    "force_range": "TD-FORCE-002",  # commanded force, torque, stiffness, curl within them
    "display_declared": "TD-DISP-003",  # near-eye display: persistence within a refresh period
    "display_ipd": "TD-DISP-007",  # near-eye display: IPD range ordered, the accessibility declaration's
    "display_eyes": "TD-DISP-008",  # per-eye display streams in left/right pairs at one rate
    "power_range": "TD-PWR-001",  # battery levels within 0..1 (R1); the battery's drain is judged by the suite
    "voice_format": "TD-VOICE-001",  # voice capture: pcm, sample rate, bit depth, channel layout
    "voice_events": "TD-VOICE-002",  # wake word and voice activity events well-formed and paired
    "voice_transcripts": "TD-VOICE-003",  # speech-to-text results timed within what they transcribe
    "caption_cues": "TD-CAPT-001",  # caption tracks: BCP 47 languages, WebVTT cue timings, no overlap
    "session_events": "TD-REST-001",  # session events known; rest reminders as often as declared
    "content_depth": "TD-DISP-004",  # a focal distance declared; content depths and varifocal focus valid
    "luminance_trace": "TD-DISP-005",  # a luminance trace's instrument, sample rate and samples
    "tactile_layout": "TD-TACT-001",  # a tactile array's frames: one finite, non-negative reading per taxel
    "depth_region": "TD-DEPTH-001",  # a depth sensor's frames: one finite, positive range per declared pixel
    "radar_points": "TD-RADAR-001",  # a radar's points: ranges and azimuths paired, within the field of view
    "camera_corners": "TD-CAM-001",  # a camera's board corners: none or all, each within the declared image
}

#: Jitter histogram of |interval - nominal period|: JITTER_FINE_BINS bins of JITTER_BIN_NS (to
#: 50 ms at 10 us), then JITTER_LOG_BINS bins each JITTER_LOG_STEP times as wide as the last
#: (1 % resolution, to about 15 hours); only the last bin is open. A deviation of seconds
#: is reported as it is, not clipped at 50 ms.
JITTER_BIN_NS = 10_000
JITTER_FINE_BINS = 5_000
JITTER_LOG_STEP = 1.01
JITTER_LOG_BINS = 1_400
JITTER_BINS = JITTER_FINE_BINS + JITTER_LOG_BINS


#: A capture's coordinates of a finding, in the order evidence shows them: the stream, the
#: frame's index within it (0-based) and its timestamp.
COORDINATES = ("stream", "frame", "t")


def captured(message: str, **members: object) -> Finding:
    """A finding about a capture: ``stream``, ``frame`` and ``t`` among ``members`` become
    its coordinates, the rest its members (as :meth:`Finding.of` sorts them)."""
    coordinates = {name: value for name in COORDINATES if (value := members.pop(name, None)) is not None}
    return Finding.of(message, coordinates=coordinates, **members)


def finding(evidence: Evidence, message: str, **members: object) -> None:
    """Record in a test's ``evidence`` a finding about a capture (see :func:`captured`)."""
    evidence.record(captured(message, **members))


@dataclass
class IssueLog:
    """The findings of one log key: the first ``limit`` in detail, the rest only counted."""

    limit: int = DETAIL_LIMIT
    detailed: list[Finding] = field(default_factory=list)
    total: int = 0
    key: str | None = None  # set by the analysis that holds the log

    def add(self, issue: Finding) -> None:
        self.total += 1
        if len(self.detailed) < self.limit:
            self.detailed.append(issue)

    def add_built(self, build: Callable[[], Finding]) -> None:
        """Add the finding ``build()`` makes, built only when it is kept in detail: a bad
        line repeated a million times costs a count, not a million messages."""
        if len(self.detailed) < self.limit:
            self.add(build())
        else:
            self.total += 1

    def add_each(self, items: Sequence[T], build: Callable[[T], Finding]) -> None:
        """A finding ``build(item)`` for each of ``items``, built only for those kept in detail."""
        room = min(max(self.room, 0), len(items))
        for item in items[:room]:
            self.add(build(item))
        self.count(len(items) - room)

    def count(self, n: int) -> None:
        """Findings beyond the detail limit, counted without building them."""
        self.total += n

    @property
    def room(self) -> int:
        return self.limit - len(self.detailed)

    @property
    def omitted(self) -> int:
        return self.total - len(self.detailed)


@dataclass
class BoneDrift:
    """The largest deviation of one bone's length from its reference, and where. Only the
    location is kept: the finding is built if the test judges the deviation too large."""

    reference_m: float
    worst_m: float = 0.0
    length_m: float = 0.0  # the bone's length at its largest deviation
    where: dict[str, object] | None = None  # that frame's location (line, stream, frame, t)


@dataclass
class StreamStats:
    """A declared stream, its header declaration, and what the capture held for it.

    The states the checks carry across chunks (``motion`` .. ``pose_track``) are typed ``Any``: each
    is a class of the check module that keeps it, and those modules import this one, so naming the
    classes here (even for the type checker only) would close an import cycle, which the house
    forbids (tests/house/test_house.py). The comment beside each names its class."""

    id: str
    type: str | None
    rate_hz: float | None
    spec: JsonObject = field(default_factory=dict)
    offer: JsonObject = field(default_factory=dict)  # the device's offer this stream is of
    index: int = 0  # the stream's position in the header's streams
    offer_index: int | None = None  # the offer's position in the device's offers
    frames: int = 0
    first_t: int | None = None
    last_t: int | None = None
    last_line: int | None = None
    #: intervals longer than 1.5 nominal periods, and the frames they stand for
    gaps: int = 0
    dropped: int = 0
    jitter: npt.NDArray[np.intp] | None = None  # histogram, see JITTER_BIN_NS
    checked: dict[str, int] = field(default_factory=dict)  # log key -> values checked
    bones: list[BoneDrift] | None = None  # hand streams: one per bone
    #: hand streams: (bone lengths, location) of the usable frames of the reference window
    bone_window: list[tuple[npt.NDArray[np.float64], dict[str, object]]] = field(default_factory=list)
    motion: Any = None  # pose streams: the plausibility.MotionState carried across chunks
    signal: Any = None  # eeg and emg streams: the bci.SignalState carried across chunks
    #: eeg and emg streams declaring a calibration segment: the calibration.CalibrationState (False: none)
    calibration: Any = None
    audio: Any = None  # audio streams: the audio.AudioState carried across chunks
    latency: Any = None  # display streams: the display.LatencyState carried across chunks
    voice: Any = None  # voice_event and transcript streams: the voice.VoiceState carried across chunks
    platform: Any = None  # motion_platform streams: the payloads.PlatformState carried across chunks
    #: motion_platform streams on a test bench: the platform_response.ResponseSums against the command
    response: Any = None
    #: motion_platform streams on a test bench: the platform_corners.CyclePeaks of each commanded cycle
    corners: Any = None
    captions: Any = None  # caption and voice_event streams: the captions.CueState carried across chunks
    #: audio object streams a caption may be placed by: the captions.SourceTrack of their positions (TD-CAPT-003)
    caption_source: Any = None
    session: Any = None  # session streams: the health.SessionState carried across chunks
    #: content_depth streams: the vergence.ConflictState carried across chunks
    content_depth: Any = None
    flicker: Any = None  # luminance streams: the flicker.TraceState carried across chunks
    binaural: Any = None  # binaural streams: the binaural.BinauralState carried across chunks
    #: TD-HAPT-003: acceleration streams' bench_trace.Trace, measured haptic streams' haptic_output.Commands
    vibration: Any = None
    haptic_commands: Any = None
    photon: Any = None  # TD-DISP-009: photodiode streams' bench_trace.Trace of an eyepiece
    recognition: Any = None  # TD-VOICE-004: a stimulated voice stream's recognition.Output
    #: TD-FORCE-004: force_sensor streams' bench_trace.Trace, measured force_feedback streams' force_output.Commands
    rendering: Any = None
    force_commands: Any = None
    #: TD-OLF-003: gas_sensor streams' bench_trace.Trace, measured olfactory streams' scent_release.Commands
    release: Any = None
    scent_commands: Any = None
    #: force_feedback streams: the strongest commanded force (a plausibility.Extreme), held to the standard's force
    #: by the suite (TD-FORCE-002: the reader judges the declared limits, the suite the profile's parameter)
    strongest: Any = None
    head_turn: Any = None  # head-tracked binaural streams: the headtracking.EarTrack carried across chunks
    listener: Any = None  # pose streams a head-tracked binaural stream names: the headtracking.HeadTrack
    gaze: Any = None  # eye_gaze streams declaring fixation targets: the gaze.GazeState of their windows
    #: eye_gaze streams declaring a reference eye a stage steps: the gaze_steps.StepTrack of their samples (TD-GAZE-003)
    gaze_steps: Any = None
    #: eye_gaze streams declaring a session's validation: the gaze.GazeState of their windows (TD-GAZE-004)
    gaze_session: Any = None
    sound_field: Any = None  # ambisonic audio streams: the soundfield.FieldState carried across chunks
    power: Any = None  # power streams: the hottest temperature (a plausibility.Extreme)
    battery: Any = None  # power streams: the power.BatteryFit of their battery levels against time
    supply: Any = None  # power streams measured by a power analyser: the power.Supply drawn from the battery
    #: tactile streams: the tactile.ArrayColumns of their frames; indenter streams: their readings.Readings
    tactile: Any = None
    indenter: Any = None
    #: touch and touch_indenter streams: their readings.Readings (TD-TACT-004, touch.py)
    touch: Any = None
    #: depth streams: the depth.RegionColumns of their frames; range_target streams: their readings.Readings
    depth: Any = None
    range_target: Any = None
    #: radar streams: the radar.Points of their frames; reflector streams: their readings.Readings
    radar: Any = None
    reflector: Any = None
    #: camera streams: the camera.Corners of their frames; calibration_board streams: their readings.Readings
    camera: Any = None
    board: Any = None
    #: spectrum streams: the blue_light.Weighted radiances of their frames
    blue_light: Any = None
    #: eyepiece_luminance streams: the eyepiece_luminance.Readings of their frames (TD-DISP-011); Any as the
    #: other checks' states are, since that module reads chunks, which read this model
    eyepiece_luminance: Any = None
    markers: Any = None  # marker streams: the decoding.MarkerEvents kept for TD-BCI-006
    reference: Any = None  # pose streams on a test rig: the performance.ErrorSums against the reference
    #: pose streams on a test rig: the rig_orientation.OrientationSums (TD-PERF-002)
    hold: Any = None  # pose streams held still on a rig: the drift.Hold of their two windows (TD-PERF-003)
    rig_orientation: Any = None
    #: pose streams recorded while seated mode is switched on: the access_observed.SeatedState
    seated: Any = None
    #: view_scale streams: the magnification.ViewReadings of the camera at the eyepiece (TD-ACC-006)
    view: Any = None
    #: body streams with or measured by a reference system: the body_accuracy.BodyTrack of their bones (TD-BODY-003)
    body_track: Any = None
    #: face streams with or measured by a reference system: the face_accuracy.FaceTrack of their weights (TD-FACE-004)
    face_track: Any = None
    #: hand streams with or measured by a reference system: the hand_accuracy.HandTrack of their joints (TD-HAND-005)
    hand_track: Any = None
    #: pose streams with or measured by a reference system: the motion_programme.PoseTrack of their poses (TD-PERF-004)
    pose_track: Any = None
    reversed: int = 0  # frames whose t is not after the previous frame's (TD-CAP-002)
    #: the report's charts, filled in the same pass (chart_buckets): rated streams' intervals,
    #: stage-space pose, gaze and hand streams' positions; never read by a verdict
    interval_chart: IntervalBuckets | None = None
    position_chart: PositionBuckets | None = None

    def add_checked(self, key: str, n: int) -> None:
        self.checked[key] = self.checked.get(key, 0) + n


@dataclass
class CaptureAnalysis:
    header: Any = None  # line 1 as parsed (usable only when a JSON object)
    #: False when line 1 is not a usable header; the frames were then not read.
    header_usable: bool = False
    streams: dict[str, StreamStats] = field(default_factory=dict)
    offers: dict[str, list[JsonObject]] = field(default_factory=dict)  # type -> the device's offers
    volume: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]] | None = None  # stage-space min, max corners
    lines: int = 0
    logs: dict[str, IssueLog] = field(default_factory=dict)
    exported: bool = False  # the header marks the capture for export off the device
    checked: dict[str, int] = field(default_factory=dict)  # log key -> what was checked outside streams

    def __post_init__(self) -> None:
        # Each log knows its key, so its findings can say which check they come from.
        for key, log in self.logs.items():
            log.key = key

    def log(self, key: str) -> IssueLog:
        return self.logs[key]

    def add_checked(self, key: str, n: int) -> None:
        self.checked[key] = self.checked.get(key, 0) + n

    def streams_of(self, *types: str) -> list[StreamStats]:
        return [s for s in self.streams.values() if s.type in types]

    def annotated(self, stats: StreamStats) -> StreamStats | None:
        """The stream ``stats`` names in its ``annotates`` (a measuring stream's subject), if there is one."""
        named = stats.spec.get("annotates")
        return self.streams.get(named) if isinstance(named, str) else None

