"""Reading glTF 2.0 files for the checks the Khronos glTF-Validator does not make (VRM).

Reads ``.gltf`` (JSON) and ``.glb`` / ``.vrm`` (binary glTF, spec section 4) into the
document and its BIN chunk. Whether a file is valid glTF 2.0 is the official validator's
verdict (khronos.py, AS-GLTF-001), never this module's: it only notes why a file could not
be read, so that a VRM check can say so. Everything is read defensively: a malformed file
yields issues, never an exception.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from conformance import Finding, NonConformance, msg, reason
from conformance.area import parse_json

GLB_MAGIC, GLB_JSON, GLB_BIN = 0x46546C67, 0x4E4F534A, 0x004E4942


@dataclass
class Asset:
    """A glTF read from bytes: its JSON (None if unreadable), its GLB BIN chunk, and issues."""

    document: object = None
    parsed: bool = False  # the JSON was read (a document may be parsed and still be null)
    binary: bytes | None = None
    is_glb: bool = False
    issues: list[Finding] = field(default_factory=list)


def read(data: bytes, name: str) -> Asset:
    """Parse a .gltf or a GLB container (detected by its magic, not its file name)."""
    asset = Asset()
    if data[:4] == b"glTF":
        asset.is_glb = True
        json_bytes = _read_glb(data, asset)
        if json_bytes is None:
            return asset
    else:
        json_bytes = data
    try:
        asset.document = parse_json(json_bytes, what=msg("assets.gltf-json", name=name))
        asset.parsed = True
    except NonConformance as exc:
        # The parser's message as it wrote it (from its template, where it has one).
        asset.issues.append(Finding.of(reason(exc), **exc.evidence))
    return asset


def glb_json(data: bytes) -> bytes | None:
    """The JSON chunk of the GLB container ``data``, or None when it has none to read."""
    return _read_glb(data, Asset())


def _read_glb(data: bytes, asset: Asset) -> bytes | None:
    issues = asset.issues
    if len(data) < 20:
        issues.append(Finding(msg("assets.glb-too-short"), expected=msg("assets.expect-at-least-bytes", count=20),
                              actual=len(data)))
        return None
    _, version, length = struct.unpack_from("<III", data, 0)
    if version != 2:
        issues.append(Finding(msg("assets.glb-version"), expected=2, actual=version))
    if length != len(data):
        issues.append(Finding(msg("assets.glb-length"), expected=len(data), actual=length))
    chunks: list[tuple[int, bytes]] = []
    offset = 12
    while offset + 8 <= len(data):
        size, kind = struct.unpack_from("<II", data, offset)
        if offset + 8 + size > len(data):
            issues.append(Finding(msg("assets.glb-chunk-overrun", offset=offset),
                                  expected=msg("assets.expect-at-most-bytes", count=len(data) - offset - 8),
                                  actual=size))
            break
        if size % 4:
            issues.append(Finding(msg("assets.glb-chunk-padding", offset=offset),
                                  expected=msg("assets.expect-multiple-of", n=4), actual=size))
        chunks.append((kind, data[offset + 8: offset + 8 + size]))
        offset += 8 + size
    if not chunks or chunks[0][0] != GLB_JSON:
        issues.append(Finding(msg("assets.glb-first-not-json"), expected="JSON",
                              actual=chunks[0][0] if chunks else None))
        return None
    if len(chunks) > 1 and chunks[1][0] == GLB_BIN:
        asset.binary = chunks[1][1]
    return chunks[0][1]
