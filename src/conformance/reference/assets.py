"""Reference routes of assets: a read-only asset registry seeded from the sample metadata.

``GET /assets`` lists the assets, ``GET /assets/{asset_id}`` returns one asset's metadata
(schemas/assets/asset-metadata.json) and ``GET /assets/{asset_id}/files/{path}`` serves the
files its content references name. Relative URIs in the sample metadata are made absolute
on the way out, since a relative reference in a document served at /assets/{id} would
resolve somewhere else.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import orjson
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from .problems import problem

SAMPLES = Path(__file__).parent / "samples" / "asset_metadata"

DEFECTS = {
    "asset-invalid-metadata": "asset metadata names its issuer by display name instead of a DID",
    "asset-unknown-200": "an unknown asset ID answers 200 with an empty object, not 404",
}


def load_samples(folder: Path = SAMPLES) -> dict[str, tuple[dict[str, Any], Path]]:
    """asset_id -> (metadata, folder its relative references resolve against)."""
    assets: dict[str, tuple[dict[str, Any], Path]] = {}
    for path in sorted(folder.glob("*.json")):
        metadata = orjson.loads(path.read_bytes())
        assets[metadata["asset_id"]] = (metadata, path.parent)
    return assets


def _absolute(uri: str, files_url: str) -> str:
    parts = urlsplit(uri)
    return uri if parts.scheme or parts.netloc else files_url + quote(parts.path)


def routes(defects: frozenset[str]) -> list[Route]:
    assets = load_samples()

    def published(request: Request, asset_id: str) -> dict[str, Any]:
        metadata = copy.deepcopy(assets[asset_id][0])
        files_url = f"{str(request.base_url).rstrip('/')}/assets/{quote(asset_id)}/files/"
        metadata["image"] = _absolute(metadata["image"], files_url)
        for item in metadata["content"]:
            item["uri"] = _absolute(item["uri"], files_url)
        if "asset-invalid-metadata" in defects:
            metadata["issuer"] = "Reference Studio"
        return metadata

    async def list_assets(request: Request) -> JSONResponse:
        items = [
            {"asset_id": asset_id, "name": metadata["name"], "asset_type": metadata["asset_type"]}
            for asset_id, (metadata, _) in assets.items()
        ]
        return JSONResponse({"items": items, "next": None})

    async def get_asset(request: Request) -> Response:
        asset_id = request.path_params["asset_id"]
        if asset_id not in assets:
            if "asset-unknown-200" in defects:
                return JSONResponse({})
            return problem(404, "Not Found", f"no asset {asset_id}", kind="asset-not-found",
                           defects=defects)
        return JSONResponse(published(request, asset_id))

    async def get_file(request: Request) -> Response:
        asset_id, relative = request.path_params["asset_id"], request.path_params["path"]
        if asset_id in assets:
            folder = assets[asset_id][1].resolve()
            target = (folder / relative).resolve()
            listed = {item["uri"] for item in assets[asset_id][0]["content"]}
            listed.add(assets[asset_id][0]["image"])
            # Serve only what the metadata references: nothing else in the folder, nothing outside.
            if relative in listed and target.is_relative_to(folder) and target.is_file():
                return FileResponse(target)
        return problem(404, "Not Found", f"no file {relative} for asset {asset_id}",
                       kind="not-found", defects=defects)

    return [
        Route("/assets", list_assets),
        Route("/assets/{asset_id}", get_asset),
        Route("/assets/{asset_id}/files/{path:path}", get_file),
    ]
