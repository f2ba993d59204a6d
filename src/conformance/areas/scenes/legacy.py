"""The layout of the legacy binary tile formats of 3D Tiles 1.1 (OGC 22-025r4, "Tile Formats"):
Batched 3D Model (b3dm), Instanced 3D Model (i3dm), Point Cloud (pnts) and Composite (cmpt).

:func:`inspect` reads one tile's bytes and returns the findings of SC-TILE-009 with the binary
glTF the tile embeds (b3dm, and i3dm with ``gltfFormat`` 1), which the Khronos glTF-Validator
then judges. Rules, each as the format's section states it:

* ``header``: a known ``magic``, ``version`` 1, a header of the format's length, and a
  ``byteLength`` that is the tile's length (an inner tile of a composite fits in what is left);
* ``sections``: the feature table, batch table and glTF lengths fit in ``byteLength``, and a batch
  table binary only with a batch table JSON (a legacy header, whose fields the current layout
  reads as huge lengths, fails here);
* ``alignment``: ``byteLength``, the end of each table's JSON and binary parts, the start of the
  binary glTF and of every inner tile of a composite on an 8-byte boundary;
* ``json``: the feature table and batch table JSON headers are JSON objects;
* ``gltf-format``: an i3dm ``gltfFormat`` of 0 (a URI) or 1 (embedded binary glTF).
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field

from conformance import Finding, msg

#: the header length of each format ("Layout"); cmpt: magic, version, byteLength, tilesLength
HEADERS = {b"b3dm": 28, b"i3dm": 32, b"pnts": 28, b"cmpt": 16}
SUFFIXES = {".b3dm", ".i3dm", ".pnts", ".cmpt"}
ALIGNMENT = 8
#: composites inside composites: 5.1's reading bound 「复合瓦片的嵌套层数」; the inner tiles of a composite this deep are
#: not read and the file is not judged (``Layout.deeper``), never failed for it (sixty-ninth reading, h133-ocaps4: they
#: were skipped silently, the file judged on the rest)
MAX_DEPTH = 8


@dataclass
class Layout:
    findings: list[Finding] = field(default_factory=list)
    #: (where, bytes) of each embedded binary glTF, for the Khronos glTF-Validator
    glbs: list[tuple[str, bytes]] = field(default_factory=list)
    #: where a composite MAX_DEPTH deep holds inner tiles, which are not read: the file is unjudged
    deeper: list[str] = field(default_factory=list)


def _finding(out: Layout, where: str, key: str, rule: str, **fields: object) -> None:
    out.findings.append(Finding.of(msg(key, where=where or "/", **fields), pointer=where or "/",
                                   rule=rule, **{k: v for k, v in fields.items() if k in ("expected", "actual")}))


def inspect(data: bytes) -> Layout:
    """The findings of one tile's layout, and the binary glTF it embeds."""
    out = Layout()
    _tile(data, 0, len(data), "", out, 0)
    return out


def _aligned(out: Layout, where: str, what: str, offset: int) -> None:
    if offset % ALIGNMENT:
        _finding(out, where, "scenes.tile-misaligned", "R3", what=what, expected=f"0 mod {ALIGNMENT}",
                 actual=offset)


def _tile(data: bytes, start: int, available: int, where: str, out: Layout, depth: int) -> None:
    """One tile at ``start`` with ``available`` bytes left for it (its whole file at the top)."""
    if available < 12:
        _finding(out, where, "scenes.tile-header-short", "R1", expected=12, actual=available)
        return
    magic, version, length = struct.unpack_from("<4sII", data, start)
    if magic not in HEADERS:
        _finding(out, where, "scenes.tile-magic-unknown", "R1", expected=sorted(m.decode() for m in HEADERS),
                 actual=magic.decode("latin-1"))
        return
    if version != 1:
        _finding(out, where, "scenes.tile-version", "R1", expected=1, actual=version)
    header = HEADERS[magic]
    if where == "" and length != available:
        _finding(out, where, "scenes.tile-length", "R1", expected=available, actual=length)
    elif length > available:
        _finding(out, where, "scenes.tile-length-exceeds", "R2", expected=f"<= {available}", actual=length)
    _aligned(out, where, "byteLength", length)
    length = min(length, available)
    if length < header:
        _finding(out, where, "scenes.tile-header-short", "R1", expected=header, actual=length)
        return
    if magic == b"cmpt":
        _composite(data, start, length, where, out, depth)
    else:
        _tables(data, start, length, magic, where, out)


def _composite(data: bytes, start: int, length: int, where: str, out: Layout, depth: int) -> None:
    (count,) = struct.unpack_from("<I", data, start + 12)
    if depth >= MAX_DEPTH:
        if count:
            out.deeper.append(where or "/")
        return
    offset = 16
    for index in range(count):
        inner = f"{where}/tiles/{index}"
        if offset >= length:
            _finding(out, inner, "scenes.tile-inner-missing", "R2", expected=count, actual=index)
            return
        _aligned(out, inner, "start", offset)
        _tile(data, start + offset, length - offset, inner, out, depth + 1)
        if length - offset < 12:
            return
        (inner_length,) = struct.unpack_from("<I", data, start + offset + 8)
        offset += max(inner_length, 12)


def _tables(data: bytes, start: int, length: int, magic: bytes, where: str, out: Layout) -> None:
    header = HEADERS[magic]
    ft_json, ft_bin, bt_json, bt_bin = struct.unpack_from("<4I", data, start + 12)
    # the Header of b3dm, i3dm and pnts: batchTableBinaryByteLength "If batchTableJSONByteLength is zero, this
    # will also be zero" (rule R2 and step 3 state it)
    if bt_json == 0 and bt_bin != 0:
        _finding(out, where, "scenes.tile-batch-binary-alone", "R2", expected=0, actual=bt_bin)
    offset = header
    for name, size in (("featureTableJSON", ft_json), ("featureTableBinary", ft_bin),
                       ("batchTableJSON", bt_json), ("batchTableBinary", bt_bin)):
        if offset + size > length:
            _finding(out, where, "scenes.tile-section-exceeds", "R2", section=name,
                     expected=f"<= {length - offset}", actual=size)
            return
        if name.endswith("JSON") and size:
            _json_object(data[start + offset:start + offset + size], f"{where}/{name}", out)
        offset += size
        if size or name == "featureTableJSON":
            _aligned(out, where, f"end of {name}", offset)
    if magic == b"pnts":
        return
    if magic == b"i3dm":
        (gltf_format,) = struct.unpack_from("<I", data, start + 28)
        if gltf_format not in (0, 1):
            _finding(out, where, "scenes.tile-gltf-format", "R5", expected=[0, 1], actual=gltf_format)
            return
        if gltf_format == 0:
            return  # a URI to a glTF: the content is not embedded
    _aligned(out, where, "start of the binary glTF", offset)
    _glb(data[start + offset:start + length], f"{where}/glTF", out)


def _json_object(raw: bytes, where: str, out: Layout) -> None:
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        _finding(out, where, "scenes.tile-json-invalid", "R4", actual=str(exc)[:200])
        return
    if not isinstance(value, dict):
        _finding(out, where, "scenes.tile-json-invalid", "R4", actual=type(value).__name__)


def _glb(body: bytes, where: str, out: Layout) -> None:
    """The binary glTF at the start of ``body``: its own header's length, not trailing padding."""
    if len(body) < 12:
        _finding(out, where, "scenes.tile-glb-short", "R2", expected=">= 12", actual=len(body))
        return
    (declared,) = struct.unpack_from("<I", body, 8)
    if declared > len(body):
        _finding(out, where, "scenes.tile-glb-exceeds", "R2", expected=f"<= {len(body)}", actual=declared)
        declared = len(body)
    out.glbs.append((where, body[:max(declared, 12)]))
