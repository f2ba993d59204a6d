"""Line 1 of a capture: the streams it declares and the device descriptor it embeds.

The header's validity is the header schema's job (the caller applies it); here the
streams are set up for the frames, and what a schema cannot see is checked: duplicate
stream ids (TD-CAP-001), streams the device does not offer (TD-DESC-002), and the streams'
personal-data declarations and raw identifiers (TD-BIO-001, -002, -004: :mod:`.biometric`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from conformance import Finding, msg

from .access_observed import read_seated
from .magnification import read_view_scale
from .audio import read_audio
from .bci import read_channels
from .binaural import read_binaural
from .biometric import read_declarations
from .body_accuracy import read_body_references
from .face_accuracy import read_face_references
from .hand_accuracy import read_hand_references
from .motion_programme import read_pose_references
from .captions import read_captions
from .display import read_display
from .flicker import read_luminance
from .force import read_force
from .force_output import read_force_sensors
from .gaze import read_fixation_targets
from .gaze_steps import read_reference_eyes
from .gaze_session import read_session_validations
from .haptic_output import read_accelerometers
from .scent_release import read_gas_sensors
from .photon import read_photodiodes
from .headtracking import read_head_turn
from .jsonread import list_of, object_of, vector
from .model import CaptureAnalysis, StreamStats
from .soundfield import read_sound_field
from .tactile import read_tactile
from .touch import read_touch
from .depth import read_depth
from .radar import read_radar
from .camera import read_camera
from .blue_light import read_spectrum
from .eyepiece_luminance import read_eyepiece_luminance
from .vergence import read_content_depth
from .voice import read_voice

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

MAX_STREAMS = 256  # the header schema's maxItems


def read_header(header: JsonValue, result: CaptureAnalysis) -> None:
    result.header = header
    head = object_of(header)
    streams = head.get("streams")
    if not isinstance(streams, list):
        return  # frames cannot be judged without streams; the header schema says what is wrong
    if len(streams) > MAX_STREAMS:  # each declared stream gets a decoder class: bound the work
        result.log("structure").add(Finding(msg("terminal.too-many-streams", count=len(streams), limit=MAX_STREAMS),
                                            line=1, pointer="/streams", rule="R2", expected=f"<= {MAX_STREAMS}",
                                            actual=len(streams)))
        return
    result.header_usable = True
    device = object_of(head.get("device"))
    listed = device.get("offers")
    offers = listed if isinstance(listed, list) else None
    for offer in offers or []:
        if isinstance(offer, dict) and isinstance(offered := offer.get("type"), str):
            result.offers.setdefault(offered, []).append(offer)
    result.volume = _volume(device)
    for index, spec in enumerate(streams):
        sid = spec.get("id") if isinstance(spec, dict) else None
        if not isinstance(spec, dict) or not isinstance(sid, str):
            continue  # the header schema reports it
        if sid in result.streams:
            result.log("structure").add(Finding(msg("terminal.stream-twice", sid=repr(sid)), line=1,
                                              pointer=f"/streams/{index}/id", rule="R2", actual=sid))
            continue
        declared = spec.get("type")
        kind = declared if isinstance(declared, str) else None
        rate = spec.get("rate_hz")
        rate_hz = float(rate) if isinstance(rate, int | float) and not isinstance(rate, bool) and rate > 0 else None
        stats = result.streams[sid] = StreamStats(sid, kind, rate_hz, spec, index=index)
        if offers is not None and kind is not None:
            stats.offer = _match_offer(result, index, stats)
            stats.offer_index = next((i for i, o in enumerate(offers) if o is stats.offer), None)
    read_declarations(head, result)
    read_channels(result)
    read_audio(result)
    read_force(result)
    read_voice(result)
    read_display(result)
    read_content_depth(result)
    read_luminance(result)
    read_accelerometers(result)
    read_gas_sensors(result)
    read_photodiodes(result)
    read_force_sensors(result)
    read_binaural(result)
    read_head_turn(result)
    read_sound_field(result)
    read_fixation_targets(result)
    read_reference_eyes(result)
    read_session_validations(result)
    read_body_references(result)
    read_face_references(result)
    read_hand_references(result)
    read_pose_references(result)
    read_captions(result)
    read_tactile(result)
    read_touch(result)
    read_seated(result)
    read_view_scale(result)
    read_depth(result)
    read_radar(result)
    read_camera(result)
    read_spectrum(result)
    read_eyepiece_luminance(result)


def _match_offer(result: CaptureAnalysis, index: int, stats: StreamStats) -> JsonObject:
    """The offer a stream is of (by id, else the first of its type), checked (TD-DESC-002)."""
    log = result.log("descriptor")
    sid, kind, spec, where = stats.id, stats.type, stats.spec, f"/streams/{index}"
    candidates = result.offers.get(kind or "", [])
    if not candidates:
        log.add(Finding(msg("terminal.type-not-offered", sid=repr(sid), kind=repr(kind)), line=1,
                      pointer=where + "/type", rule="R1", expected=sorted(result.offers), actual=kind))
        return {}
    offer = next((o for o in candidates if o.get("id") == sid), None)
    if offer is not None:  # the device describes this very stream: it must match
        for member in ("rate_hz", "space"):
            declared, offered = spec.get(member), offer.get(member)
            if declared is not None and offered is not None and declared != offered:
                log.add(Finding(msg("terminal.offer-differs", sid=repr(sid), member=member, declared=repr(declared),
                                    offered=repr(offered)),
                                line=1, pointer=f"{where}/{member}", rule="R2", expected=offered, actual=declared))
    relevant = [offer] if offer else candidates
    tops = [float(top) for o in relevant if isinstance(top := o.get("max_rate_hz"), int | float)]
    if stats.rate_hz is not None and tops and stats.rate_hz > max(tops):
        log.add(Finding(msg("terminal.rate-above-offer", sid=repr(sid), rate=stats.rate_hz, top=max(tops)),
                      line=1, pointer=where + "/rate_hz", rule="R3", expected=f"<= {max(tops):g}",
                      actual=stats.rate_hz))
    paths = [p for o in relevant for p in list_of(o.get("paths"))]
    path = spec.get("path")
    if paths and isinstance(path, str) and path not in paths:
        log.add(Finding(msg("terminal.path-not-offered", sid=repr(sid), path=path, kind=kind),
                      line=1, pointer=where + "/path", rule="R4", expected=paths, actual=path))
    return offer or candidates[0]


def _volume(device: JsonObject) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]] | None:
    volume = object_of(object_of(object_of(device.get("system")).get("tracking")).get("volume"))
    low, high = vector(volume.get("min"), "xyz"), vector(volume.get("max"), "xyz")
    return None if low is None or high is None else (low, high)  # the schema reports what is wrong
