"""Biometric and personal data in captures (TD-BIO-*), after PIPL arts. 28-29 and GB/T 35273-2020.

- ``bio_declared`` (TD-BIO-001): a stream of a type that carries biometric data by nature
  (:data:`BIOMETRIC_TYPES`) is declared biometric, by its own ``personal_data`` in the header
  or by that of the device's offer it is of;
- ``bio_terms`` (TD-BIO-002): a declaration of a stream declared biometric that states any of the
  purpose, retention and consent basis of its collection states all three, the retention an ISO 8601
  duration, session or none (:data:`RETENTION`), the consent a basis PIPL names (:data:`CONSENT`);
- ``bio_export`` (TD-BIO-003): a capture marked for export off the device holds no raw frame
  of a biometric stream whose declaration does not allow raw export;
- ``pseudonymous`` (TD-BIO-004): no raw personal identifier (e-mail address, phone number,
  GB 11643 citizen identification number: the identity area's detector, :func:`raw_identifiers`)
  and no member named for a raw user identifier in the header or in the frames' extension
  members.

The declarations are read with the header (:func:`read_declarations`), the export once all
frames are counted (:func:`check_export`). Frames are decoded into typed structs that keep
no extension member, so :func:`scan_extensions` looks for ``"x-`` in each block's bytes (a
search at C speed; a capture without extension members costs nothing more) and parses only
the lines that hold one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

import orjson

from conformance import Finding, msg

from .._shared.privacy import escape, objects, raw_identifiers
from .capture.blocks import Block
from .jsonread import text
from .model import CaptureAnalysis, StreamStats, captured

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: Stream types whose samples are biometric by nature (ISO/IEC 24745 biometric samples):
#: gaze and pupil, face expressions, hand geometry, body proportions, brain and muscle signals, and
#: raw speech, which holds the speaker's voiceprint (声纹, personal biometric information in
#: GB/T 35273-2020's annex tables; TD-BIO-001 1.3).
BIOMETRIC_TYPES = ("eye_gaze", "face", "hand", "body", "eeg", "emg", "voice")
#: What a biometric declaration states (GB/T 35273-2020 5.4 c): purpose, storage time, consent.
TERMS = ("purpose", "retention", "consent")
#: A consent TD-BIO-002 accepts: a legal basis PIPL art. 13 names, consent (1) as art. 29 asks it for sensitive
#: personal information (separate), a law's written consent or a guardian's (art. 31), or one of the bases (2)
#: to (7); the device descriptor schema's enum (schemas/terminal/device-descriptor.json, personal_data).
CONSENT = ("separate", "written", "guardian", "contract", "legal_duty", "emergency", "public_interest",
           "already_public", "other_law")
#: A retention TD-BIO-002 accepts: never stored, kept for the session, or an ISO 8601 duration
#: (ISO 8601-1:2019 5.5.2.4, PnYnMnWnDTnHnMnS: each part at most once and in that order, at least
#: one, a T only before a time part, a decimal fraction on the lowest part only). The same pattern
#: is the device descriptor schema's (schemas/terminal/device-descriptor.json, personal_data).
_PART = r"\d+(?:[.,]\d+(?=[YMWDHS]$))?"
RETENTION = re.compile(
    rf"none|session|P(?=\d|T\d)(?:{_PART}Y)?(?:{_PART}M)?(?:{_PART}W)?(?:{_PART}D)?"
    rf"(?:T(?=\d)(?:{_PART}H)?(?:{_PART}M)?(?:{_PART}S)?)?"
)
#: Members named for a raw user identifier (an "x-" prefix aside), whatever their value.
#: A holder's word and a kind of identifier (user_id, accountNo, userEmail), or an identifier's own
#: name with the words that usually follow it (phone, phone_number, mobileNo, email, emailAddress).
USER_ID_NAME = re.compile(
    r"^(?:x-)?(?:(?:user|account|member|customer|player)[_-]?(?:id|name|no|number|e[_-]?mail|phone|mobile)|uid|"
    r"username|login|real[_-]?name|(?:phone|mobile|telephone|cell[_-]?phone)(?:[_-]?(?:no|num|number))?|"
    r"e[_-]?mail(?:[_-]?(?:address|addr))?|id[_-]?card(?:[_-]?(?:no|number))?|id[_-]?number)$",
    re.IGNORECASE,
)
_EXTENSION = re.compile(rb'"x-')


def declaration(stats: StreamStats) -> tuple[JsonObject | None, str]:
    """The stream's personal-data declaration and its JSON pointer in the header: its own,
    else that of the device's offer it is of."""
    own = stats.spec.get("personal_data")
    if isinstance(own, dict):
        return own, f"/streams/{stats.index}/personal_data"
    offered = stats.offer.get("personal_data")
    if isinstance(offered, dict):
        return offered, f"/device/offers/{stats.offer_index}/personal_data"
    return None, f"/streams/{stats.index}/personal_data"


def is_biometric(stats: StreamStats) -> bool:
    found, _ = declaration(stats)
    return stats.type in BIOMETRIC_TYPES or (found is not None and found.get("biometric") is True)


def read_declarations(header: JsonObject, result: CaptureAnalysis) -> None:
    """TD-BIO-001 and -002 over the header's streams, and TD-BIO-004 over the header."""
    declared, terms = result.log("bio_declared"), result.log("bio_terms")
    for stats in result.streams.values():
        found, where = declaration(stats)
        if stats.type in BIOMETRIC_TYPES:
            stats.add_checked("bio_declared", 1)
            if found is None or found.get("biometric") is not True:
                declared.add(captured(msg("terminal.bio-undeclared", sid=repr(stats.id), kind=stats.type), line=1,
                                      stream=stats.id, pointer=where + "/biometric",
                                      expected=True, actual=None if found is None else found.get("biometric")))
        if found is not None and found.get("biometric") is True and any(m in found for m in TERMS):
            # a MAY: a declaration stating none of the terms is not judged; one stating any states them all
            stats.add_checked("bio_terms", 1)
            missing = [m for m in TERMS if text(found.get(m)) is None]
            if missing:
                terms.add(captured(msg("terminal.bio-terms-missing", sid=repr(stats.id), members=", ".join(missing)),
                                   line=1, stream=stats.id, pointer=where, expected=list(TERMS),
                                   actual=sorted(k for k in TERMS if k not in missing)))
            retention = found.get("retention")
            if "retention" not in missing and isinstance(retention, str) and not RETENTION.fullmatch(retention):
                terms.add(captured(msg("terminal.bio-retention-format", sid=repr(stats.id)), line=1, stream=stats.id,
                                   pointer=where + "/retention", actual=retention,
                                   expected=msg("terminal.expect-retention")))
            consent = found.get("consent")
            if "consent" not in missing and consent not in CONSENT:
                terms.add(captured(msg("terminal.bio-consent-basis", sid=repr(stats.id)), line=1, stream=stats.id,
                                   pointer=where + "/consent", actual=consent, expected=list(CONSENT)))
    result.add_checked("pseudonymous", 1)
    log = result.log("pseudonymous")
    for finding in identifiers(header):
        log.add(replace(finding, line=1))


def identifiers(value: object, pointer: str = "") -> list[Finding]:
    """Raw personal identifiers in ``value`` (the identity area's detector) and members named
    for a raw user identifier. Values are never echoed: the pointer says where to look."""
    found = [replace(f, message=msg("terminal.raw-identifier", found=f.message))
             for f in raw_identifiers(value, pointer)]
    for where, node in objects(value, pointer):
        found += [Finding(msg("terminal.raw-user-id-member", key=repr(key)), pointer=f"{where}/{escape(str(key))}")
                  for key in node if USER_ID_NAME.match(str(key)) and node[key] not in (None, "")]
    return found


def check_export(result: CaptureAnalysis) -> None:
    """TD-BIO-003, once the frames are counted: a capture made to leave the device holds raw
    frames of a biometric stream only when its declaration allows raw export."""
    export = result.header.get("export") if isinstance(result.header, dict) else None
    if not (isinstance(export, dict) and export.get("off_device") is True):
        return
    result.exported = True
    log = result.log("bio_export")
    for stats in result.streams.values():
        if not stats.frames or not is_biometric(stats):
            continue
        stats.add_checked("bio_export", stats.frames)
        found, where = declaration(stats)
        allowed = found.get("export") if found is not None else None
        if allowed == "raw":
            continue
        if found is None:
            text = msg("terminal.raw-biometric-exported-undeclared", sid=repr(stats.id), frames=stats.frames)
        else:
            text = msg("terminal.raw-biometric-exported", sid=repr(stats.id), frames=stats.frames,
                       allowed=repr(allowed))
        log.add(captured(text, line=1, stream=stats.id, pointer=where + "/export", expected="raw", actual=allowed))


def scan_extensions(block: Block, first_line: int, result: CaptureAnalysis) -> None:
    """TD-BIO-004 over the extension members of a block's frames; only lines that hold
    ``"x-`` are parsed (a frame's typed struct keeps no extension member)."""
    if block is None or _EXTENSION.search(block) is None:
        return
    log = result.log("pseudonymous")
    for number, raw in enumerate(bytes(block).split(b"\n"), first_line):
        if b'"x-' not in raw:
            continue
        try:
            frame = orjson.loads(raw)
        except orjson.JSONDecodeError:
            continue  # the structure rule (TD-CAP-001) reports it
        if not isinstance(frame, dict):
            continue
        extensions = {key: value for key, value in frame.items() if key.startswith("x-")}
        if not extensions:
            continue
        result.add_checked("pseudonymous_frames", 1)
        named = frame.get("stream")
        sid = named if isinstance(named, str) and named in result.streams else None
        for finding in identifiers(extensions):
            log.add(replace(finding, line=number, coordinates={"stream": sid}))
