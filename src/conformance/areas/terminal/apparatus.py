"""The apparatus a capture declares, for the laboratory record (docs/certification.md,
"Measurements a laboratory made").

A measured requirement's verdict rests on an instrument's readings: the capture's streams
declare each instrument (``instrument``, ``measured_by``, ``reference_system``, ``generator``,
``recorder``, ``thermometer``: an object with the instrument's ``model``) and, for the
laboratory's record, its ``serial`` and the ``uncertainty`` its calibration certificate states
(``{"value", "unit", "k"}``). The reference apparatus a rig or a validation sequence declares is
one too: ``reference_motion.instrument`` (the rotary stage of TD-PERF-001/002) and
``fixation_targets.instrument`` (the validation display of TD-GAZE-002), found by the same walk.
The harness checks that a signed laboratory record covers the
capture, lists each serial and states the same uncertainty; here only the declarations are
read, from the capture's first line (its header), never its frames, and from the file the harness
opened and hashes (``conformance_instruments``' ``data``), never by opening its path again: what the
record is compared with is what was read (a file swapped after the run read it is not its capture).

A scent analyses record (TD-OLF-006, ``terminal/scent-analyses.json``) is a measuring data file the
laboratory makes too: its ``chromatograph`` is the instrument, named by its ``serial`` in the
laboratory's signed record, which covers the record's SHA-256 (seventy-fourth reading, d1). Its
uncertainties are the column's retention time and the peak area, not a certificate's for one reading,
so none is compared.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, BinaryIO, Final

import orjson

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

#: the members of a stream's declaration (at any depth up to MAX_DEPTH) that name an instrument
APPARATUS_MEMBERS: Final = ("instrument", "measured_by", "reference_system", "generator", "recorder", "thermometer")
#: a recorder that is the product's own digital output is no instrument: nothing to calibrate
NOT_INSTRUMENTS: Final = frozenset({"digital_output"})
MAX_DEPTH = 3
#: a capture's header line is read up to this many bytes (a header holds declarations, not frames)
MAX_HEADER_BYTES = 4 * 1024 * 1024


def _found(spec: JsonValue, pointer: str, depth: int) -> Iterator[tuple[str, JsonObject]]:
    if not isinstance(spec, dict) or depth > MAX_DEPTH:
        return
    for name, value in spec.items():
        if not isinstance(value, dict):
            continue
        where = f"{pointer}/{name}"
        if name in APPARATUS_MEMBERS and isinstance(value.get("model"), str) \
                and value.get("kind") not in NOT_INSTRUMENTS:
            yield where, value
        else:
            yield from _found(value, where, depth + 1)


def declared(streams: JsonValue) -> list[JsonObject]:
    """Each instrument the header's ``streams`` declare: stream, pointer, model, serial, uncertainty."""
    found: list[JsonObject] = []
    for stream in streams if isinstance(streams, list) else []:
        if not isinstance(stream, dict):
            continue
        for pointer, value in _found(stream, "", 0):
            serial = value.get("serial")
            uncertainty = value.get("uncertainty")
            found.append({"stream": str(stream.get("id")), "pointer": pointer, "model": value["model"],
                          "serial": serial if isinstance(serial, str) and serial.strip() else None,
                          "uncertainty": uncertainty if isinstance(uncertainty, dict) else None})
    return found


def instruments(name: str, data: BinaryIO) -> list[JsonObject] | None:
    """The instruments a capture file or a scent analyses record declares, read from ``data`` (the
    file the harness opened, at its start; ``name`` its file name); None when it is neither (not
    NDJSON with a header first, nor a JSON scent analyses record)."""
    if name.endswith(".json"):
        return _chromatograph(data)
    if not name.endswith((".ndjson", ".ndjson.gz", ".jsonl", ".jsonl.gz")):
        return None
    try:
        magic = data.read(2)
        data.seek(0)
        stream: IO[bytes] | gzip.GzipFile = gzip.GzipFile(fileobj=data) if magic == b"\x1f\x8b" else data
        line = stream.readline(MAX_HEADER_BYTES)
    except (OSError, EOFError):
        return None
    try:
        header = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(header, dict) or not isinstance(header.get("streams"), list):
        return None
    return declared(header["streams"])


#: the method a scent analyses record names (``terminal/scent-analyses.json``)
SCENT_METHOD: Final = "ISO 16000-6:2021"
#: a scent analyses record is read whole up to this many bytes, the harness's own bound on an input file
MAX_RECORD_BYTES = 16 * 1024 * 1024


def _chromatograph(data: BinaryIO) -> list[JsonObject] | None:
    """The chromatograph a scent analyses record declares, with its serial; None when ``data`` is no
    such record (larger than an input file is read, not JSON, or no ``method`` of ISO 16000-6 with a
    ``chromatograph`` naming its model)."""
    try:
        raw = data.read(MAX_RECORD_BYTES + 1)
        record = orjson.loads(raw) if len(raw) <= MAX_RECORD_BYTES else None
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(record, dict) or record.get("method") != SCENT_METHOD:
        return None
    spec = record.get("chromatograph")
    if not isinstance(spec, dict) or not isinstance(spec.get("model"), str):
        return None
    serial = spec.get("serial")
    return [{"stream": "chromatograph", "pointer": "", "model": spec["model"],
             "serial": serial if isinstance(serial, str) and serial.strip() else None, "uncertainty": None}]
