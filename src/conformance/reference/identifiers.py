"""Reference routes of the identifiers area: device, product and asset identifier resolution.

* ``GET /identifiers``: the identifiers the platform resolves, each with what it identifies.
* ``GET /1.0/resolve?identifier=...``: the resolution result (``schemas/identifiers/
  resolution-result.json``): Handle System values (RFC 3651 section 3.1) of a handle
  (``88.100.1/...``, the form of China's industrial-internet identifiers) or of a GS1 Digital
  Link URI; errors as RFC 9457 problems with the DID resolution binding's codes: 400
  ``invalidIdentifier``, 404 ``notFound``, 501 ``schemeNotSupported``, 406
  ``representationNotSupported``.
* ``GET /devices/{name}``: the device capability descriptors the identifiers describe (the
  reference's samples); assets are described by the asset registry's own ``/assets/{id}``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..codecs.jcs import sha256_hex
from . import clock as reference_clock
from .problems import problem

SAMPLES = Path(__file__).parent / "samples"
LIST_PATH = "/identifiers"
RESOLVE_PATH = "/1.0/resolve"
DEVICE_PATH = "/devices/"
PREFIX = "88.100.1"
DL_HOST = "https://id.reference.example"

DEFECTS: dict[str, str] = {
    "identifiers-bad-check-digit": "the identifier list has a GS1 Digital Link URI whose GTIN check digit is wrong",
    "identifiers-handle-without-suffix": "the identifier list has a handle with no suffix",
    "resolve-wrong-identifier": "resolution results name the identifier upper-cased",
    "resolve-unknown-200": "an unknown identifier resolves to 200 with no values",
    "resolve-invalid-404": "a malformed identifier gets 404 notFound instead of 400 invalidIdentifier",
    "resolve-unsupported-400": "an identifier of an unsupported scheme gets 400 instead of 501 schemeNotSupported",
    "resolve-stale-digest": "resolution results declare a SHA-256 that is not the described document's",
    "resolve-wrong-target": "the asset handle's URL names the other asset's metadata",
    "resolve-ignores-accept": "resolution answers JSON whatever the Accept header asks for",
    "resolve-plaintext-url": "resolution results' URL values use http, not https (the resolver itself stays on TLS)",
}


@cache
def _devices() -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((SAMPLES / "descriptors").glob("*.json"))}


@cache
def _assets() -> list[str]:
    return [json.loads(p.read_text(encoding="utf-8"))["asset_id"]
            for p in sorted((SAMPLES / "asset_metadata").glob("*.json"))]


def records() -> dict[str, dict[str, Any]]:
    """identifier -> {kind, path (on this platform), id (what the document carries), sha256 or None}."""
    out: dict[str, dict[str, Any]] = {}
    for name, descriptor in _devices().items():
        entry = {"kind": "device", "path": DEVICE_PATH + name, "id": descriptor["model"],
                 "sha256": sha256_hex(descriptor)}
        out[f"{PREFIX}/xr.{name}"] = entry
    headset = out[f"{PREFIX}/xr.vr-headset"]
    # the headset model as a product: GTIN 09506000134352 (GS1's own example GTIN), serial HMD0001
    out[f"{DL_HOST}/01/09506000134352/21/HMD0001"] = {**headset, "kind": "product"}
    for asset_id in _assets():
        out[f"{PREFIX}/asset.{asset_id}"] = {"kind": "asset", "path": f"/assets/{asset_id}", "id": asset_id,
                                             "sha256": None}
    return out


def _scheme(identifier: str) -> str | None:
    """The platform's own reading of an identifier (deliberately not the harness's checker, so
    that the two can disagree): "handle", "gs1-digital-link", None for another URI scheme."""
    parts = urlsplit(identifier)
    if parts.scheme in ("http", "https"):
        return "gs1-digital-link"
    return None if parts.scheme else "handle"


def _well_formed(identifier: str, scheme: str) -> bool:
    if scheme == "handle":
        prefix, slash, suffix = identifier.partition("/")
        return bool(slash and suffix) and all(prefix.split("."))
    path = urlsplit(identifier).path.split("/")
    if "01" not in path or path.index("01") + 1 >= len(path):
        return "8004" in path[:-1]
    gtin = path[path.index("01") + 1]
    if not gtin.isdigit() or len(gtin) not in (8, 12, 13, 14):
        return False
    weighted = sum(int(d) * (1 if i % 2 else 3) for i, d in enumerate(reversed(gtin[:-1])))
    return (10 - weighted % 10) % 10 == int(gtin[-1])


def _now() -> str:
    return reference_clock.now().replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _values(entry: dict[str, Any], base: str, defects: frozenset[str]) -> list[dict[str, Any]]:
    path = entry["path"]
    if "resolve-wrong-target" in defects and entry["kind"] == "asset":
        others = [a for a in _assets() if f"/assets/{a}" != path]
        path = f"/assets/{others[0]}" if others else path
    if "resolve-plaintext-url" in defects:
        base = "http://" + base.split("://", 1)[-1]
    values: list[dict[str, Any]] = [
        {"index": 1, "type": "URL", "data": {"format": "string", "value": base + path}, "ttl": 86400},
        {"index": 2, "type": "DESCRIBES.ID", "data": {"format": "string", "value": entry["id"]}, "ttl": 86400},
    ]
    if entry["sha256"] is not None:
        digest = entry["sha256"]
        if "resolve-stale-digest" in defects:
            digest = sha256_hex({"stale": digest})
        values.append({"index": 3, "type": "DESCRIBES.SHA256", "data": {"format": "hex", "value": digest},
                       "ttl": 86400})
    stamp = _now()
    return [{**value, "timestamp": stamp} for value in values]


def _error(status: int, title: str, code: str, detail: str, defects: frozenset[str]) -> Response:
    return problem(status, title, detail, kind=code, defects=defects, error=code)


def routes(defects: frozenset[str]) -> list[Route]:
    async def listing(request: Request) -> Response:
        items = [{"identifier": identifier, "kind": entry["kind"]} for identifier, entry in records().items()]
        if "identifiers-bad-check-digit" in defects:
            items.append({"identifier": f"{DL_HOST}/01/09506000134353/21/HMD0002", "kind": "product"})
        if "identifiers-handle-without-suffix" in defects:
            items.append({"identifier": f"{PREFIX}/", "kind": "device"})
        return JSONResponse({"identifiers": items})

    async def resolve(request: Request) -> Response:
        identifier = request.query_params.get("identifier", "")
        accept = request.headers.get("accept", "application/json")
        acceptable = any(kind in accept for kind in ("application/json", "*/*", "application/*"))
        if not acceptable and "resolve-ignores-accept" not in defects:
            return _error(406, "Not Acceptable", "representationNotSupported", f"cannot answer {accept}", defects)
        kind = _scheme(identifier)
        if kind is None:
            if "resolve-unsupported-400" in defects:
                return _error(400, "Bad Request", "invalidIdentifier", f"{identifier} is not supported", defects)
            return _error(501, "Not Implemented", "schemeNotSupported",
                          f"{identifier} is neither a handle nor a GS1 Digital Link URI", defects)
        if not _well_formed(identifier, kind):
            if "resolve-invalid-404" in defects:
                return _error(404, "Not Found", "notFound", f"no identifier {identifier}", defects)
            return _error(400, "Bad Request", "invalidIdentifier", f"{identifier} is not a well-formed {kind}",
                          defects)
        entry = records().get(identifier)
        if entry is None:
            if "resolve-unknown-200" in defects:
                return JSONResponse({"identifier": identifier, "scheme": kind, "kind": "device", "values": [],
                                     "resolutionMetadata": {"contentType": "application/json"}})
            return _error(404, "Not Found", "notFound", f"no identifier {identifier}", defects)
        base = str(request.base_url).rstrip("/")
        named = identifier.upper() if "resolve-wrong-identifier" in defects else identifier
        return JSONResponse({"identifier": named, "scheme": kind, "kind": entry["kind"],
                             "values": _values(entry, base, defects),
                             "resolutionMetadata": {"contentType": "application/json", "retrieved": _now()}})

    async def device(request: Request) -> Response:
        descriptor = _devices().get(request.path_params["name"])
        if descriptor is None:
            return problem(404, "Not Found", f"no device {request.path_params['name']}", kind="not-found",
                           defects=defects)
        return JSONResponse(descriptor)

    return [Route(LIST_PATH, listing), Route(RESOLVE_PATH, resolve), Route(DEVICE_PATH + "{name}", device)]
