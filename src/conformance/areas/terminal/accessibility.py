"""Accessibility declarations of device descriptors (TD-ACC-*), after W3C XAUR.

The descriptor's ``accessibility`` states each feature of a small vocabulary drawn from the
user needs of the W3C XR Accessibility User Requirements: captions, a mono audio option,
the input modes it can be used with, a seated mode, colour filters, magnification, and for a
device with a display the interpupillary distance range it adjusts to. Its form is the
descriptor schema's (``$defs/accessibility``, TD-ACC-001); here is what a schema cannot see,
whether the claims agree with what the device offers (TD-ACC-002), both declaration checks, and
what a capture shows of them (TD-ACC-003): each input mode the capture's own descriptor claims
delivered by a stream of it with at least ``MIN_FRAMES`` frames (:func:`unseen_modes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import Finding, msg

from .jsonread import list_of, min_max, object_of

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject, JsonValue

#: input mode -> whether an offer provides it (type, and the user paths it may be about)
INPUTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "controller": ("pose", ("/user/hand/left", "/user/hand/right")),
    "head": ("pose", ("/user/head",)),
    "hand": ("hand", ()),
    "eye_gaze": ("eye_gaze", ()),
}
#: TD-ACC-003: the frames a stream of a claimed input mode delivers for the mode to count as seen
MIN_FRAMES = 10
#: (Almost) all adult interpupillary distances lie within 45-80 mm (Dodgson 2004); a range beyond
#: 40..90 mm is no headset's.
IPD_BOUNDS_MM = (40.0, 90.0)


def _offered(offers: JsonArray, kind: str, paths: tuple[str, ...]) -> bool:
    for offer in offers:
        if not isinstance(offer, dict) or offer.get("type") != kind:
            continue
        listed = offer.get("paths")
        if not paths or not isinstance(listed, list) or any(p in paths for p in listed):
            return True
    return False


def inconsistencies(descriptor: JsonObject) -> list[Finding]:
    """TD-ACC-002: each claimed input mode the device offers a stream for; an IPD range for a
    device with a display (none beyond what eyes are apart, and the display's own range where it
    declares one: the optics adjust to one range); each finding names the rule (R1-R4) it breaks,
    as the case's 不通过 line maps them."""
    access = descriptor.get("accessibility")
    if not isinstance(access, dict):
        return []
    found: list[Finding] = []
    offers, modes = list_of(descriptor.get("offers")), list_of(access.get("input_modes"))
    for k, mode in enumerate(modes):
        if isinstance(mode, str) and mode in INPUTS and not _offered(offers, *INPUTS[mode]):
            kind, paths = INPUTS[mode]
            found.append(Finding(msg("terminal.access-input-not-offered", mode=mode, kind=kind,
                                     paths=", ".join(paths) or "-"),
                                 pointer=f"/accessibility/input_modes/{k}", actual=mode, rule="R1"))
    display = object_of(descriptor.get("system")).get("display")
    ipd = access.get("ipd_range_mm")
    if isinstance(display, dict) and ipd is None:
        found.append(Finding(msg("terminal.access-no-ipd"), pointer="/accessibility/ipd_range_mm", rule="R2"))
    if isinstance(ipd, dict):
        low, high = ipd.get("min"), ipd.get("max")
        if isinstance(low, int | float) and isinstance(high, int | float) and \
                not IPD_BOUNDS_MM[0] <= low < high <= IPD_BOUNDS_MM[1]:
            found.append(Finding(msg("terminal.access-ipd-range", low=low, high=high, floor=IPD_BOUNDS_MM[0],
                                     top=IPD_BOUNDS_MM[1]),
                                 pointer="/accessibility/ipd_range_mm", actual=ipd,
                                 expected=f"{IPD_BOUNDS_MM[0]:g} <= min < max <= {IPD_BOUNDS_MM[1]:g}", rule="R3"))
    shown, stated = min_max(object_of(display).get("ipd_range_mm")), min_max(ipd)
    if shown is not None and stated is not None and shown != stated:  # worded as TD-DISP-007 R2 finds it in a capture
        found.append(Finding(msg("terminal.display-ipd-differs", display=f"{shown[0]:g} .. {shown[1]:g}",
                                 accessibility=f"{stated[0]:g} .. {stated[1]:g}"),
                             pointer="/accessibility/ipd_range_mm", actual=list(stated), expected=list(shown),
                             rule="R4"))
    return found


def _delivers(kind: str, paths: tuple[str, ...], streams: list[tuple[str | None, JsonValue, int]]) -> bool:
    """Whether one of ``streams`` ((type, path, frames) of a capture's streams) is of ``kind``, about one
    of ``paths`` when the mode names paths, with at least MIN_FRAMES frames."""
    return any(k == kind and (not paths or path in paths) and frames >= MIN_FRAMES for k, path, frames in streams)


def unseen_modes(descriptor: JsonValue,
                 streams: list[tuple[str | None, JsonValue, int]]) -> list[tuple[int, str, str, str]] | None:
    """TD-ACC-003: (index, mode, stream type, paths) of each input mode the descriptor's accessibility claims
    (controller, head, hand, eye_gaze) that no stream of the capture delivers; None when it claims none of
    them (nothing to observe: voice and switch have no stream type of their own)."""
    access = descriptor.get("accessibility") if isinstance(descriptor, dict) else None
    modes = access.get("input_modes") if isinstance(access, dict) else None
    if not isinstance(modes, list) or not any(m in INPUTS for m in modes if isinstance(m, str)):
        return None
    return [(k, mode, INPUTS[mode][0], ", ".join(INPUTS[mode][1]) or "-") for k, mode in enumerate(modes)
            if isinstance(mode, str) and mode in INPUTS and not _delivers(*INPUTS[mode], streams)]
