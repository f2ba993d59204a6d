"""glTF 2.0 structure: the rules exporters break most, each finding located by a JSON pointer.

Reads ``.gltf`` (JSON) and ``.glb`` / ``.vrm`` (binary glTF, spec section 4) and checks:
``asset.version`` (3.2), ``extensionsRequired`` within ``extensionsUsed`` and every
extension used declared (3.12), every index reference in range (3.3), a node's ``matrix``
or TRS but not both and unit rotation quaternions (3.5.3), accessors within their buffer
views and buffer views within their buffers (3.6.1, 3.6.2), and buffers' byte lengths
against their data (data URIs, external files, the GLB BIN chunk; 3.6.1.2). Everything is
read defensively: a malformed file yields findings, never an exception.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard
from urllib.parse import unquote_to_bytes

from ...adapters.parsing import parse_json
from ...errors import NonConformance
from ...findings import Finding
from .content import resolve

GLB_MAGIC, GLB_JSON, GLB_BIN = 0x46546C67, 0x4E4F534A, 0x004E4942
VERSION = re.compile(r"^[0-9]+\.[0-9]+\Z")
COMPONENT_BYTES = {5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4}
TYPE_COMPONENTS = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4, "MAT2": 4, "MAT3": 9, "MAT4": 16}
UNIT_TOLERANCE = 1e-4  # |q| may differ from 1 by this much (float32 round-off)

#: (pattern of the referring members, collection referred to); "*" stands for any index or key.
REFERENCES: list[tuple[str, str]] = [
    ("scene", "scenes"), ("scenes/*/nodes/*", "nodes"),
    ("nodes/*/children/*", "nodes"), ("nodes/*/mesh", "meshes"), ("nodes/*/skin", "skins"),
    ("nodes/*/camera", "cameras"),
    ("meshes/*/primitives/*/attributes/*", "accessors"), ("meshes/*/primitives/*/indices", "accessors"),
    ("meshes/*/primitives/*/material", "materials"), ("meshes/*/primitives/*/targets/*/*", "accessors"),
    ("skins/*/joints/*", "nodes"), ("skins/*/skeleton", "nodes"), ("skins/*/inverseBindMatrices", "accessors"),
    ("accessors/*/bufferView", "bufferViews"), ("accessors/*/sparse/indices/bufferView", "bufferViews"),
    ("accessors/*/sparse/values/bufferView", "bufferViews"), ("bufferViews/*/buffer", "buffers"),
    ("animations/*/channels/*/target/node", "nodes"), ("animations/*/samplers/*/input", "accessors"),
    ("animations/*/samplers/*/output", "accessors"),
    ("textures/*/sampler", "samplers"), ("textures/*/source", "images"), ("images/*/bufferView", "bufferViews"),
    *((f"materials/*/{t}/index", "textures") for t in ("normalTexture", "occlusionTexture", "emissiveTexture")),
    *((f"materials/*/pbrMetallicRoughness/{t}/index", "textures")
      for t in ("baseColorTexture", "metallicRoughnessTexture")),
]


@dataclass
class Asset:
    """A glTF read from bytes: its JSON (None if unreadable), its GLB BIN chunk, and issues."""

    document: Any = None
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
        asset.document = parse_json(json_bytes, what=f"{name} glTF JSON")
        asset.parsed = True
    except NonConformance as exc:
        asset.issues.append(Finding(str(exc)))
    return asset


def _read_glb(data: bytes, asset: Asset) -> bytes | None:
    issues = asset.issues
    if len(data) < 20:
        issues.append(Finding("a GLB is at least a 12-byte header and one chunk header", expected=">= 20 bytes",
                              actual=len(data)))
        return None
    _, version, length = struct.unpack_from("<III", data, 0)
    if version != 2:
        issues.append(Finding("the GLB header's version is not 2", expected=2, actual=version))
    if length != len(data):
        issues.append(Finding("the GLB header's length is not the file's length", expected=len(data), actual=length))
    chunks: list[tuple[int, bytes]] = []
    offset = 12
    while offset + 8 <= len(data):
        size, kind = struct.unpack_from("<II", data, offset)
        if offset + 8 + size > len(data):
            issues.append(Finding(f"the GLB chunk at byte {offset} runs past the end of the file",
                                  expected=f"<= {len(data) - offset - 8} bytes", actual=size))
            break
        if size % 4:
            issues.append(Finding(f"the GLB chunk at byte {offset} is not padded to 4 bytes",
                                  expected="a multiple of 4", actual=size))
        chunks.append((kind, data[offset + 8: offset + 8 + size]))
        offset += 8 + size
    if not chunks or chunks[0][0] != GLB_JSON:
        issues.append(Finding("the first GLB chunk is not the JSON chunk", expected="JSON",
                              actual=chunks[0][0] if chunks else None))
        return None
    if len(chunks) > 1 and chunks[1][0] == GLB_BIN:
        asset.binary = chunks[1][1]
    return chunks[0][1]


def _walk(node: Any, parts: list[str], pointer: str) -> Iterator[tuple[str, Any]]:
    if not parts:
        yield pointer, node
        return
    head, rest = parts[0], parts[1:]
    if head == "*":
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            yield from _walk(value, rest, f"{pointer}/{_escape(str(key))}")
    elif isinstance(node, dict) and head in node:
        yield from _walk(node[head], rest, f"{pointer}/{head}")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _is_index(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _array(doc: dict[str, Any], collection: str) -> list[Any]:
    items = doc.get(collection)
    return items if isinstance(items, list) else []


def _length(doc: dict[str, Any], collection: str) -> int:
    return len(_array(doc, collection))


def check(asset: Asset, base_dir: Path | None = None) -> list[Finding]:
    """Every structural finding of a read glTF (its reading issues first)."""
    doc = asset.document
    issues = list(asset.issues)
    if not asset.parsed:
        return issues
    if not isinstance(doc, dict):
        return [*issues, Finding("a glTF is a JSON object", expected="object", actual=type(doc).__name__)]
    _check_asset(doc, issues)
    _check_extensions(doc, issues)
    for pattern, collection in REFERENCES:
        size = _length(doc, collection)
        for pointer, value in _walk(doc, pattern.split("/"), ""):
            if not _is_index(value) or value >= size:
                expected = f"an integer 0..{size - 1}" if size else f"no reference: {collection} is empty"
                issues.append(Finding(f"not an index into {collection} (it has {size})", pointer=pointer,
                                      expected=expected, actual=value))
    _check_nodes(doc, issues)
    _check_accessors(doc, issues)
    _check_buffers(doc, asset, base_dir, issues)
    return issues


def _check_asset(doc: dict[str, Any], issues: list[Finding]) -> None:
    meta = doc.get("asset")
    if not isinstance(meta, dict):
        issues.append(Finding("the asset object is missing", pointer="/asset", expected="an object with version",
                              actual=meta))
        return
    version = meta.get("version")
    if not isinstance(version, str) or not VERSION.match(version):
        issues.append(Finding("asset.version is missing or not <major>.<minor>", pointer="/asset/version",
                              expected="2.0", actual=version))
    elif version.split(".")[0] != "2":
        issues.append(Finding("not a glTF 2.x asset", pointer="/asset/version", expected="2.x", actual=version))
    minimum = meta.get("minVersion")
    if minimum is not None and (not isinstance(minimum, str) or not VERSION.match(minimum)
                                or (isinstance(version, str) and VERSION.match(version)
                                    and tuple(map(int, minimum.split("."))) > tuple(map(int, version.split("."))))):
        issues.append(Finding("minVersion is malformed or above version", pointer="/asset/minVersion",
                              expected=f"<= {version}", actual=minimum))


def _check_extensions(doc: dict[str, Any], issues: list[Finding]) -> None:
    used = doc.get("extensionsUsed", [])
    required = doc.get("extensionsRequired", [])
    used_set = {u for u in used if isinstance(u, str)} if isinstance(used, list) else set()
    for index, name in enumerate(required if isinstance(required, list) else []):
        if name not in used_set:
            issues.append(Finding(f"{name!r} is required but not in extensionsUsed",
                                  pointer=f"/extensionsRequired/{index}", expected="listed in extensionsUsed",
                                  actual=name))
    stack: list[tuple[str, Any]] = [("", doc)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            ext = node.get("extensions")
            if isinstance(ext, dict):
                for name in ext:
                    if name not in used_set:
                        issues.append(Finding(f"extension {name!r} is used but not declared in extensionsUsed",
                                              pointer=f"{pointer}/extensions/{_escape(name)}",
                                              expected="listed in extensionsUsed", actual=name))
            stack.extend((f"{pointer}/{_escape(str(k))}", v) for k, v in node.items() if k != "extensions")
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in enumerate(node))


def _numbers(value: Any, count: int) -> TypeGuard[list[float]]:
    return isinstance(value, list) and len(value) == count and all(
        isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in value)


def _check_nodes(doc: dict[str, Any], issues: list[Finding]) -> None:
    for index, node in enumerate(_array(doc, "nodes")):
        if not isinstance(node, dict):
            continue
        here = f"/nodes/{index}"
        trs = [k for k in ("translation", "rotation", "scale") if k in node]
        if "matrix" in node and trs:
            issues.append(Finding("a node has matrix and TRS properties; it may have one or the other", pointer=here,
                                  expected="matrix or translation/rotation/scale", actual=["matrix", *trs]))
        for key, size in (("matrix", 16), ("translation", 3), ("rotation", 4), ("scale", 3)):
            if key in node and not _numbers(node[key], size):
                issues.append(Finding(f"{key} is not {size} finite numbers", pointer=f"{here}/{key}", expected=size,
                                      actual=node[key]))
        rotation = node.get("rotation")
        if _numbers(rotation, 4):
            norm = math.sqrt(sum(c * c for c in rotation))
            if abs(norm - 1.0) > UNIT_TOLERANCE:
                issues.append(Finding("the rotation is not a unit quaternion", pointer=f"{here}/rotation",
                                      expected=f"length 1 (±{UNIT_TOLERANCE:g})", actual=round(norm, 6)))


def _check_accessors(doc: dict[str, Any], issues: list[Finding]) -> None:
    views = _array(doc, "bufferViews")
    for index, acc in enumerate(_array(doc, "accessors")):
        if not isinstance(acc, dict):
            continue
        here = f"/accessors/{index}"
        component, kind, count = acc.get("componentType"), acc.get("type"), acc.get("count")
        if component not in COMPONENT_BYTES or kind not in TYPE_COMPONENTS or not _is_index(count) or count < 1:
            issues.append(Finding("componentType, type or count is missing or invalid", pointer=here,
                                  expected="a known componentType and type, count >= 1",
                                  actual=[component, kind, count]))
            continue
        components = TYPE_COMPONENTS[kind]
        for bound in ("min", "max"):
            if bound in acc and not _numbers(acc[bound], components):
                issues.append(Finding(f"{bound} does not have one number per component", pointer=f"{here}/{bound}",
                                      expected=components, actual=acc[bound]))
        view_index, offset = acc.get("bufferView"), acc.get("byteOffset", 0)
        if not _is_index(view_index) or view_index >= len(views) or not isinstance(views[view_index], dict):
            continue  # no data (all zeros) or a reference already reported
        view = views[view_index]
        size = COMPONENT_BYTES[component]
        if not _is_index(offset) or offset % size:
            issues.append(Finding("byteOffset is not a multiple of the component size", pointer=f"{here}/byteOffset",
                                  expected=f"a multiple of {size}", actual=offset))
            continue
        element = size * components
        stride = view.get("byteStride") if _is_index(view.get("byteStride")) else element
        needed = offset + stride * (count - 1) + element
        length = view.get("byteLength")
        if _is_index(length) and needed > length:
            issues.append(Finding(f"the accessor reads {needed} bytes of bufferView {view_index}, "
                                f"which has {length}",
                                  pointer=here, expected=f"<= {length}", actual=needed))


def _check_buffers(doc: dict[str, Any], asset: Asset, base_dir: Path | None, issues: list[Finding]) -> None:
    buffers = _array(doc, "buffers")
    for index, view in enumerate(_array(doc, "bufferViews")):
        if not isinstance(view, dict) or not _is_index(view.get("buffer")) or view["buffer"] >= len(buffers):
            continue
        target = buffers[view["buffer"]]
        end = view.get("byteOffset", 0) + view.get("byteLength", 0) if _is_index(view.get("byteOffset", 0)) \
            and _is_index(view.get("byteLength", 0)) else None
        if end is not None and isinstance(target, dict) and _is_index(target.get("byteLength")) \
                and end > target["byteLength"]:
            issues.append(Finding(f"the buffer view ends at byte {end}, past its buffer",
                                  pointer=f"/bufferViews/{index}", expected=f"<= {target['byteLength']}", actual=end))
    for index, buffer in enumerate(buffers):
        if not isinstance(buffer, dict) or not _is_index(buffer.get("byteLength")):
            issues.append(Finding("a buffer has no valid byteLength", pointer=f"/buffers/{index}/byteLength",
                                  expected=">= 1",
                                  actual=buffer.get("byteLength") if isinstance(buffer, dict) else buffer))
            continue
        declared, uri = buffer["byteLength"], buffer.get("uri")
        actual = _buffer_length(uri, index, asset, base_dir, issues)
        if actual is None:
            continue
        glb_bin = uri is None
        if actual < declared or (actual > declared + 3 if glb_bin else actual != declared):
            issues.append(Finding(f"byteLength does not match the {actual} bytes of the buffer's data"
                                + (" (the GLB BIN chunk, which may carry up to 3 padding bytes)" if glb_bin else ""),
                                  pointer=f"/buffers/{index}/byteLength",
                                  expected=f"{max(actual - 3, 0)}..{actual}" if glb_bin else actual, actual=declared))


def _buffer_length(uri: Any, index: int, asset: Asset, base_dir: Path | None, issues: list[Finding]) -> int | None:
    if uri is None:
        if asset.is_glb and index == 0 and asset.binary is not None:
            return len(asset.binary)
        issues.append(Finding("a buffer without uri must be the first buffer of a GLB "
                            "with a BIN chunk",
                              pointer=f"/buffers/{index}", expected="uri, or the GLB BIN chunk", actual=None))
        return None
    if not isinstance(uri, str):
        issues.append(Finding("uri is not a string", pointer=f"/buffers/{index}/uri", expected="a URI", actual=uri))
        return None
    if uri.startswith("data:"):
        header, _, payload = uri.partition(",")
        try:
            if header.endswith(";base64"):
                return len(base64.b64decode(payload, validate=True))
            return len(unquote_to_bytes(payload))
        except (binascii.Error, ValueError):
            issues.append(Finding("the data URI's base64 payload is malformed", pointer=f"/buffers/{index}/uri"))
            return None
    if base_dir is None:
        return None
    resolved = resolve(base_dir, uri)
    if resolved.path is None or not resolved.path.is_file():
        if not resolved.remote:
            issues.append(Finding("the buffer's file cannot be read", pointer=f"/buffers/{index}/uri",
                                  expected=resolved.refused or "a file beside the glTF", actual=uri))
        return None
    return resolved.path.stat().st_size
