"""The instrument a tracker record declares, for the laboratory record (docs/certification.md,
"Measurements a laboratory made").

RB-TRACK-002 judges a robot on an external tracker's record (:mod:`.tracker`): its first line
declares the instrument, ``{"measured_by": {"kind", "model", "serial", "calibration",
"uncertainty": [{"value", "unit", "k"}, ...]}}``, one expanded uncertainty for each unit of
position it reports (``rad``, ``m``). A laboratory vouches for that instrument in its signed
record: the record names the tracker record's SHA-256 and lists the tracker's serial with its
calibration certificate, which states the same uncertainties. Here only the declaration is read,
from the first line (capped at :data:`MAX_DECLARATION_BYTES`), never the frames; each declared
uncertainty is one entry, so the record is checked for each unit the tracker reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO, Final

import orjson

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: the tracker record's file names (the suite reads ``.jsonl``; NDJSON is the same form)
SUFFIXES: Final = (".jsonl", ".ndjson")
#: the first line is read up to this many bytes: a declaration, not frames
MAX_DECLARATION_BYTES = 64 * 1024
#: the declaring "stream" an entry names: the first line's member
STREAM: Final = "measured_by"


def declared(spec: JsonObject) -> list[JsonObject]:
    """The entries of a ``measured_by`` declaration: one per stated uncertainty (each unit the
    tracker reports), or one with no uncertainty when none is stated as an object."""
    serial = spec.get("serial")
    common: JsonObject = {"stream": STREAM, "pointer": "", "model": spec["model"],
                          "serial": serial if isinstance(serial, str) and serial.strip() else None}
    stated = spec.get("uncertainty")
    items = [one for one in stated if isinstance(one, dict)] if isinstance(stated, list) else []
    # one serial, so the record's problems with it (no serial, another instrument's) are named once
    return [{**common, "uncertainty": one} for one in items] or [{**common, "uncertainty": None}]


def instruments(name: str, data: BinaryIO) -> list[JsonObject] | None:
    """The instrument a tracker record declares, read from ``data`` (the file the harness opened and
    hashes, at its start; ``name`` its file name); None when it is no tracker record (not JSON
    Lines, or a first line without ``measured_by``); [] when its ``measured_by`` names no model (a
    declaration that declares no instrument)."""
    if not name.endswith(SUFFIXES):
        return None
    try:
        line = data.readline(MAX_DECLARATION_BYTES)
    except OSError:
        return None
    try:
        first = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(first, dict) or "measured_by" not in first:
        return None
    spec = first["measured_by"]
    if not isinstance(spec, dict) or not isinstance(spec.get("model"), str) or not spec["model"].strip():
        return []
    return declared(spec)
