"""Shared scenes between two reference platforms (IF-SCN-001, IF-SCN-002).

``POST /scenes`` (bearer token of a holder identity; body a glTF 2.0 JSON document,
``model/gltf+json``) publishes a scene: the platform keeps the bytes as given and answers its
``scene_id`` and the SHA-256 of those bytes. ``GET /scenes/{scene_id}`` serves the bytes,
``GET /scenes/{scene_id}/interactive`` what the platform made of the scene: each node carrying
one of the interactive extensions it declares (OMI_link, OMI_seat, OMI_spawn_point), with the
node's index, name and those extension objects. A scene published at one platform and given,
byte for byte, to the other is a scene the other loads: same bytes, same interactive nodes.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..problems import problem

DEFECTS = {
    "scene-drops-seat": "a published scene loses its OMI_seat extensions (re-serialized without them)",
    "scene-reserialized": "a published scene is kept re-serialized (members sorted), not as its bytes",
    "scene-interactive-misses-seat": "the interactive nodes reported for a scene leave out its seats",
    "scene-hash-misstated": "the publish answer states a SHA-256 other than that of the bytes kept (the bytes served "
                            "are right)",
    "scenes-undeclared": "the discovery document declares no shared_scenes: the product offers none of the shared "
                         "scenes its profile claims",
}
GLTF_JSON = "model/gltf+json"
#: The node extensions the reference makes interactive (OMI glTF extensions).
INTERACTIVE = ("OMI_link", "OMI_seat", "OMI_spawn_point")
TERMS: dict[str, Any] = {"publish": "/scenes", "scene": "/scenes/{scene_id}",
                         "interactive": "/scenes/{scene_id}/interactive", "extensions": list(INTERACTIVE)}
MAX_SCENE_BYTES, MAX_SCENES, MAX_NODES = 1_000_000, 1_000, 10_000


def interactive_nodes(document: Any, extensions: tuple[str, ...] | list[str]) -> list[dict[str, Any]]:
    """Each node of a glTF document with one of ``extensions``: index, name and those objects."""
    nodes = document.get("nodes") if isinstance(document, dict) else None
    found = []
    for index, node in enumerate(nodes if isinstance(nodes, list) else []):
        given = node.get("extensions") if isinstance(node, dict) else None
        if not isinstance(given, dict):
            continue
        kept = {name: given[name] for name in extensions if name in given}
        if kept:
            found.append({"node": index, "name": node.get("name"), "extensions": kept})
    return found


def routes(defects: frozenset[str], tokens: dict[str, str]) -> list[Route]:
    """``tokens`` (bearer token -> DID) are the registry's, filled by ``/test-identities``."""
    scenes: dict[str, bytes] = {}

    async def publish(request: Request) -> Response:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or token not in tokens:
            response = problem(401, "Unauthorized", "a bearer token is required to publish", kind="unauthenticated",
                               defects=defects)
            response.headers["WWW-Authenticate"] = 'Bearer realm="scenes"'
            return response
        if len(scenes) >= MAX_SCENES:
            return problem(429, "Too Many Requests", "no more scenes", kind="too-many-scenes", defects=defects)
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media not in (GLTF_JSON, "application/json"):
            return problem(415, "Unsupported Media Type", f"a scene is {GLTF_JSON}", kind="unsupported-media-type",
                           defects=defects)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_SCENE_BYTES:
                return problem(413, "Content Too Large", f"a scene is at most {MAX_SCENE_BYTES} bytes",
                               kind="too-large", defects=defects)
        try:
            document = orjson.loads(body)
        except orjson.JSONDecodeError:
            return problem(400, "Bad Request", "the scene is not JSON", kind="bad-request", defects=defects)
        version = document.get("asset", {}).get("version") if isinstance(document, dict) else None
        nodes = document.get("nodes", []) if isinstance(document, dict) else None
        if version != "2.0" or not isinstance(nodes, list) or len(nodes) > MAX_NODES:
            return problem(422, "Unprocessable Content", f"not a glTF 2.0 document of at most {MAX_NODES} nodes",
                           kind="invalid-scene", defects=defects)
        if "scene-drops-seat" in defects:
            for node in nodes:
                if isinstance(node, dict) and isinstance(node.get("extensions"), dict):
                    node["extensions"].pop("OMI_seat", None)
            body = orjson.dumps(document)
        elif "scene-reserialized" in defects:
            body = orjson.dumps(document, option=orjson.OPT_SORT_KEYS)
        scene_id = f"scene-{secrets.token_hex(8)}"
        scenes[scene_id] = body
        stated = hashlib.sha256(body + b" " if "scene-hash-misstated" in defects else body).hexdigest()
        return JSONResponse({"scene_id": scene_id, "sha256": stated}, status_code=201,
                            headers={"Location": f"/scenes/{scene_id}"})

    def unknown(scene_id: str) -> Response:
        return problem(404, "Not Found", f"no scene {scene_id}", kind="not-found", defects=defects)

    async def scene(request: Request) -> Response:
        scene_id = request.path_params["scene_id"]
        if scene_id not in scenes:
            return unknown(scene_id)
        return Response(scenes[scene_id], media_type=GLTF_JSON)

    async def interactive(request: Request) -> Response:
        scene_id = request.path_params["scene_id"]
        if scene_id not in scenes:
            return unknown(scene_id)
        read = [n for n in INTERACTIVE if n != "OMI_seat" or "scene-interactive-misses-seat" not in defects]
        body = scenes[scene_id]
        return JSONResponse({"scene_id": scene_id, "sha256": hashlib.sha256(body).hexdigest(),
                             "nodes": interactive_nodes(orjson.loads(body), read)})

    return [
        Route("/scenes", publish, methods=["POST"]),
        Route("/scenes/{scene_id}", scene),
        Route("/scenes/{scene_id}/interactive", interactive),
    ]
