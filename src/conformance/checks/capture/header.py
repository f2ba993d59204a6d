"""Line 1 of a capture: the streams it declares and the device descriptor it embeds.

The header's validity is the header schema's job (the caller applies it); here the
streams are set up for the frames, and what a schema cannot see is checked: duplicate
stream ids (TD-CAP-001) and streams the device does not offer (TD-DESC-002).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .model import CaptureAnalysis, Issue, StreamStats

_NUMBER = (int, float)


def read_header(header: Any, result: CaptureAnalysis) -> None:
    result.header = header
    streams = header.get("streams") if isinstance(header, dict) else None
    if not isinstance(streams, list):
        return  # frames cannot be judged without streams; the header schema says what is wrong
    result.header_usable = True
    device = header.get("device") if isinstance(header.get("device"), dict) else {}
    offers = device.get("offers") if isinstance(device.get("offers"), list) else None
    for offer in offers or []:
        if isinstance(offer, dict) and isinstance(offer.get("type"), str):
            result.offers.setdefault(offer["type"], offer)
    result.volume = _volume(device)
    for index, spec in enumerate(streams):
        sid = spec.get("id") if isinstance(spec, dict) else None
        if not isinstance(sid, str):
            continue  # the header schema reports it
        if sid in result.streams:
            result.log("structure").add(Issue(f"stream id {sid!r} is declared twice", line=1,
                                              pointer=f"/streams/{index}/id", actual=sid))
            continue
        kind = spec.get("type") if isinstance(spec.get("type"), str) else None
        rate = spec.get("rate_hz")
        rate_hz = float(rate) if type(rate) in _NUMBER and rate > 0 else None
        result.streams[sid] = StreamStats(sid, kind, rate_hz, spec)
        if offers is not None and kind is not None:
            _check_offer(result, index, sid, kind, rate_hz, spec)


def _check_offer(result: CaptureAnalysis, index: int, sid: str, kind: str, rate_hz: float | None,
                 spec: dict[str, Any]) -> None:
    log = result.log("descriptor")
    offer = result.offers.get(kind)
    where = f"/streams/{index}"
    if offer is None:
        log.add(Issue(f"stream {sid!r} has type {kind!r}, which the device does not offer", line=1,
                      pointer=where + "/type", expected=sorted(result.offers), actual=kind))
        return
    top = offer.get("max_rate_hz")
    if rate_hz is not None and isinstance(top, int | float) and rate_hz > top:
        log.add(Issue(f"stream {sid!r} declares {rate_hz:g} Hz, above the device's max_rate_hz {top:g}",
                      line=1, pointer=where + "/rate_hz", expected=f"<= {top:g}", actual=rate_hz))
    paths, path = offer.get("paths"), spec.get("path")
    if isinstance(paths, list) and isinstance(path, str) and path not in paths:
        log.add(Issue(f"stream {sid!r} is about {path}, which the device does not offer for {kind}",
                      line=1, pointer=where + "/path", expected=paths, actual=path))


def _volume(device: dict[str, Any]) -> tuple[np.ndarray, np.ndarray] | None:
    system = device.get("system")
    tracking = system.get("tracking") if isinstance(system, dict) else None
    volume = tracking.get("volume") if isinstance(tracking, dict) else None
    if not isinstance(volume, dict):
        return None
    try:
        low = np.array([float(volume["min"][a]) for a in "xyz"])
        high = np.array([float(volume["max"][a]) for a in "xyz"])
    except (KeyError, TypeError, ValueError):
        return None  # the schema reports it
    return low, high
