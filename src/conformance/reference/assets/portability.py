"""Moving an asset between two reference platforms: export with its history, import elsewhere.

``GET /assets/{asset_id}/export`` answers the asset's metadata and its whole lifecycle
history (public data, like ``/history``). ``POST /assets/import`` (bearer token of a holder
identity of the importing platform) takes that export, checks that the history is an
unbroken hash chain for that asset, and records the asset with the same history: the
provenance stays intact and the holder stays the holder the history names.

The tokens are those the platform handed out at ``/test-identities``; :class:`TokenTap`
notes them (in the app's state) as they are issued, so this module needs nothing from the
registry's internals but its ledger.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ...codecs.jcs import sha256_hex
from ..problems import problem
from .ledger import Asset, Ledger, now

DEFECTS = {
    "asset-import-drops-history": "an imported asset keeps only the last event of its history",
    "asset-import-resets-owner": "an imported asset is held by whoever imported it, not by its holder",
    "asset-import-200": "an asset's import is answered 200, not the 201 annex D gives for it",
}
PROVISION_PATH = "/test-identities"


def _tokens(app: Any) -> dict[str, str]:
    """The tokens this app handed out: token -> the DID it acts as (one store per app)."""
    store: dict[str, str] = app.state.__dict__.setdefault("holder_tokens", {})
    return store


class TokenTap:
    """Notes each token ``POST /test-identities`` hands out (the provisioning stays where it is)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != PROVISION_PATH:
            await self.app(scope, receive, send)
            return

        async def tap(message: Message) -> None:
            if message["type"] == "http.response.body":
                try:
                    body = orjson.loads(message.get("body", b""))
                    _tokens(scope["app"])[str(body["token"])] = str(body["did"])
                except (orjson.JSONDecodeError, KeyError, TypeError):
                    pass
            await send(message)

        await self.app(scope, receive, tap)


def _chain_errors(asset_id: str, events: Any) -> list[str]:
    if not isinstance(events, list) or not events:
        return ["events must be a non-empty list"]
    errors = []
    for index, event in enumerate(events):
        if not isinstance(event, dict) or event.get("asset_id") != asset_id:
            errors.append(f"events[{index}] is not an event of {asset_id}")
            continue
        expected = sha256_hex(events[index - 1]) if index else None
        if event.get("prev_hash") != expected:
            errors.append(f"events[{index}].prev_hash does not chain to the event before it")
    if isinstance(events[0], dict) and events[0].get("type") != "issue":
        errors.append("the history does not start with its issue event")
    return errors


def _replayed(metadata: dict[str, Any], events: list[dict[str, Any]]) -> Asset:
    asset = Asset(copy.deepcopy(metadata), events=copy.deepcopy(events))
    for event in events:
        kind = event.get("type")
        if kind in ("issue", "transfer"):
            asset.owner, asset.held_since = event.get("to"), event.get("time")
            asset.first_owner = asset.first_owner or event.get("to")
            asset.transfers += kind == "transfer"
        elif kind in ("lock", "unlock"):
            asset.locked = kind == "lock"
        elif kind == "burn":
            asset.owner, asset.burned = None, True
    return asset


def export_errors(bundle: Any, validate: Callable[[Any], list[str]]) -> list[str]:
    """Why an asset export cannot be imported (empty: it can): its metadata breaks the schema,
    its history is no unbroken hash chain of that asset, or it names two assets."""
    metadata = bundle.get("metadata") if isinstance(bundle, dict) else None
    if not isinstance(bundle, dict) or not isinstance(metadata, dict):
        return ["export.metadata must be an object"]
    errors = validate(metadata) or _chain_errors(metadata["asset_id"], bundle.get("events"))
    if bundle.get("asset_id", metadata.get("asset_id")) != metadata.get("asset_id"):
        errors.append("export.asset_id differs from export.metadata.asset_id")
    return errors


def asset_export(asset: Asset) -> dict[str, Any]:
    """The export bundle of one asset: its metadata and whole history."""
    return {"type": "AssetExport", "asset_id": asset.metadata["asset_id"], "metadata": asset.metadata,
            "events": asset.events, "exported_at": now()}


def imported(bundle: dict[str, Any]) -> Asset:
    """The asset an export (already checked by :func:`export_errors`) replays to."""
    return _replayed(bundle["metadata"], bundle["events"])


def routes(ledger: Ledger, defects: frozenset[str], validate: Callable[[Any], list[str]]) -> list[Route]:
    async def export(request: Request) -> Response:
        asset_id = request.path_params["asset_id"]
        if asset_id not in ledger.assets:
            return problem(404, "Not Found", f"no asset {asset_id}", kind="asset-not-found", defects=defects)
        return JSONResponse(asset_export(ledger.assets[asset_id]))

    async def import_(request: Request) -> Response:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        tokens = _tokens(request.app)
        if scheme.lower() != "bearer" or token not in tokens:
            response = problem(401, "Unauthorized", "a bearer token of a holder identity is required",
                               kind="unauthenticated", defects=defects)
            response.headers["WWW-Authenticate"] = 'Bearer realm="asset-registry"'
            return response
        try:
            body = await request.json()
        except ValueError:
            return problem(400, "Bad Request", "the request body is not JSON", kind="bad-request", defects=defects)
        bundle = body.get("export") if isinstance(body, dict) else None
        errors = export_errors(bundle, validate)
        if errors or not isinstance(bundle, dict):
            return problem(422, "Unprocessable Content", "; ".join(errors[:5]), kind="invalid-export",
                           defects=defects)
        metadata = bundle["metadata"]
        asset_id = metadata["asset_id"]
        if asset_id in ledger.assets:
            return problem(409, "Conflict", f"asset {asset_id} is already here", kind="asset-exists",
                           defects=defects)
        events = bundle["events"][-1:] if "asset-import-drops-history" in defects else bundle["events"]
        asset = _replayed(metadata, events)
        if "asset-import-resets-owner" in defects and not asset.burned:
            asset.owner = tokens[token]
        ledger.assets[asset_id] = asset
        return JSONResponse({"state": asset.state(defects), "event": asset.events[-1]},
                            status_code=200 if "asset-import-200" in defects else 201,
                            headers={"Location": f"/assets/{quote(asset_id, safe='')}"})

    return [
        Route("/assets/import", import_, methods=["POST"]),
        Route("/assets/{asset_id}/export", export),
    ]
