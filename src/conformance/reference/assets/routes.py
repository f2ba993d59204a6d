"""Reference routes of assets: an asset registry seeded from the sample metadata and history.

``GET /assets`` lists the assets (``?owner=<DID>``: those that DID holds),
``GET /assets/{asset_id}`` returns one asset's metadata (schemas/assets/asset-metadata.json)
and ``GET /assets/{asset_id}/files/{path}`` serves the files a sample's content references
name. Relative URIs in the sample metadata are made absolute on the way out, since a
relative reference in a document served at /assets/{id} would resolve somewhere else.
The lifecycle (issue, transfer, burn, lock, state, history) is in :mod:`.assets_registry`;
the sample assets start with the sample history's events.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import orjson
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from ..._areas import plugin_catalogs
from ..._catalog.cache import CatalogDocuments
from ..._catalog.catalog import default_root
from ..._catalog.schemas import SchemaRegistry
from ..interfaces import community as community_routes
from ..interfaces import scenes, sessions, userdata
from ..interfaces.removal import Removed
from ..interfaces.standing import Community
from ..problems import problem
from . import accounts, generation, ledger, payments, playtime, portability, realname, review, rights, trading
from .ledger import Ledger, Refused
from .registry import ACCEPT_UNCHECKED, lifecycle_routes

SAMPLES = Path(__file__).parents[1] / "samples" / "asset_metadata"
HISTORY = Path(__file__).parents[1] / "samples" / "asset_history"
METADATA_SCHEMA = "https://metaverse-conformance.org/schemas/assets/asset-metadata.json"
ISSUER = "did:web:assets.reference.example"

DEFECTS = {
    "asset-invalid-metadata": "asset metadata names its issuer by display name instead of a DID",
    "asset-unknown-200": "an unknown asset ID answers 200 with an empty object, not 404",
    "asset-content-altered": "content files are served with a byte appended, so their hashes no longer match",
    "asset-wrong-id": "GET /assets/{id} serves valid metadata carrying another asset's asset_id",
    "asset-list-without-ids": "GET /assets lists items without their asset_id",
    **ledger.DEFECTS,
    **trading.DEFECTS,
    **accounts.DEFECTS,
    **review.DEFECTS,
    **playtime.DEFECTS,
    **payments.DEFECTS,
    **realname.DEFECTS,
    **generation.DEFECTS,
    **rights.DEFECTS,
    "aigc-propagation-missing": "generated content users publish with an implicit label is distributed without the "
                                "platform's propagation elements (ContentPropagator, PropagateID) added to it",
    "aigc-declared-unlabelled": "content its user declares generated, without an implicit label, is distributed "
                                "with none",
}
#: The reference as a distribution platform (the CAC measures, art. 6): its name in the implicit
#: labels of the generated content it propagates.
PROPAGATOR = "metaverse-conformance-reference"
#: One schema rule the registry's metadata validation skips, per defect (IF-ROB-001's rules).
SKIPPED_RULES = {"issue-accepts-wrong-type": "type", "issue-accepts-missing-member": "required",
                 "issue-accepts-bad-format": "format",
                 "issue-accepts-unknown-enum": "enum"}
DEFECTS.update({name: f"POST /assets answers 201 (issuing nothing) to metadata that breaks only the "
                      f"schema's {rule!r} rule"
                for name, rule in SKIPPED_RULES.items()})


def load_samples(folder: Path = SAMPLES) -> dict[str, tuple[dict[str, Any], Path]]:
    """asset_id -> (metadata, folder its relative references resolve against)."""
    assets: dict[str, tuple[dict[str, Any], Path]] = {}
    for path in sorted(folder.glob("*.json")):
        metadata = orjson.loads(path.read_bytes())
        assets[metadata["asset_id"]] = (metadata, path.parent)
    return assets


def load_history(folder: Path = HISTORY) -> list[dict[str, Any]]:
    return [orjson.loads(line) for path in sorted(folder.glob("*.ndjson"))
            for line in path.read_bytes().splitlines() if line.strip()]


def _absolute(uri: str, files_url: str) -> str:
    parts = urlsplit(uri)
    return uri if parts.scheme or parts.netloc else files_url + quote(parts.path)


#: folder -> (each file's path, size and modification time when read; the schemas read from it)
_SCHEMAS: dict[Path, tuple[tuple[tuple[str, int, int], ...], SchemaRegistry]] = {}


def catalog_schemas(folder: Path) -> SchemaRegistry:
    """The schemas under ``folder``, one registry per process while every file there keeps the
    size and modification time it had when read. A process makes many apps (the known-bad
    tests over a thousand a suite), and each app reading the schemas afresh paid about 4 ms to
    read them and 5 ms more to compile the metadata validator on its first issue (issue 77)."""
    files = _files_as_they_are(folder)
    held = _SCHEMAS.get(folder)
    if held is None or held[0] != files:
        held = _SCHEMAS[folder] = (files, SchemaRegistry.from_directories([folder.resolve()], _checked_before(folder)))
    return held[1]


def _files_as_they_are(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Each file under ``folder`` (sub-folders too, a linked folder not entered), sorted by path:
    its path, size and modification time. The files ``Path.rglob("*")`` and ``is_file`` give,
    read from the folders' entries with ``os.scandir``: every app asks (over a thousand a
    suite), and pathlib's walk was a third of an app's making (1.9 of 5.6 CPU-ms)."""
    found: list[tuple[str, int, int]] = []
    todo = [str(folder)]
    while todo:
        try:
            entries = list(os.scandir(todo.pop()))
        except OSError:  # gone or unreadable meanwhile: as rglob, nothing from it
            continue
        for entry in entries:
            try:
                if entry.is_dir() and not entry.is_symlink():
                    todo.append(entry.path)
                elif entry.is_file():
                    stat = entry.stat()
                    found.append((entry.path, stat.st_size, stat.st_mtime_ns))
            except OSError:  # a link to nothing, a file removed meanwhile: not a file
                continue
    return tuple(sorted(found))


def _checked_before(folder: Path) -> Callable[[Path, bytes], bool] | None:
    """For the schemas folder of the catalog this process judges with, the catalog cache's
    word on which schema files' bytes passed meta-validation before (as ``load_catalog``
    takes it, under the same digest): without it, every process that starts a reference (each
    xdist worker, each set-up B, ``conformance serve``) meta-validated every schema again,
    0.64 CPU-s, though its catalog load had skipped that for the very same bytes (issue 77
    item 7). Any other folder: None, each schema meta-validated once per process."""
    root = default_root()
    if folder.resolve() != (root / "schemas").resolve():
        return None
    return CatalogDocuments.of_catalog(root, plugin_catalogs()).checked_before


def routes(defects: frozenset[str], community: Community | None = None) -> list[Route]:
    samples = load_samples()
    ledger = Ledger(ISSUER, defects)
    ledger.replay({asset_id: metadata for asset_id, (metadata, _) in samples.items()}, load_history())
    schemas = catalog_schemas(default_root() / "schemas")

    def validate(metadata: Any) -> list[str]:
        found = schemas.findings(metadata, METADATA_SCHEMA)
        skipped = {rule for name, rule in SKIPPED_RULES.items() if name in defects}
        if found and all(f.extra.get("check") in skipped for f in found):
            return [ACCEPT_UNCHECKED]
        return [f"{f.pointer or '/'}: {f.message}" for f in found]

    def propagated(metadata: dict[str, Any], asset_id: str) -> None:
        """Generated content the platform distributes (the CAC measures, art. 6): its implicit
        label kept, one added ("2", possibly generated) where only its user declared it
        generated, and the propagation elements added to it."""
        label = metadata.get("AIGC")
        if isinstance(label, str):  # Annex E's string form
            try:
                parsed = orjson.loads(label)
            except orjson.JSONDecodeError:
                return
            label = parsed.get("AIGC") if isinstance(parsed, dict) else None
        labelled = isinstance(label, dict)
        if not isinstance(label, dict):
            if metadata.get("ai_generated") is not True or "aigc-declared-unlabelled" in defects:
                return
            label = {"Label": "2"}
        if not (labelled and "aigc-propagation-missing" in defects):
            label = {**label, "ContentPropagator": PROPAGATOR, "PropagateID": f"ref-{asset_id}"}
        metadata["AIGC"] = label

    def published(request: Request, asset_id: str) -> dict[str, Any]:
        metadata = copy.deepcopy(ledger.assets[asset_id].metadata)
        files_url = f"{str(request.base_url).rstrip('/')}/assets/{quote(asset_id)}/files/"
        metadata["image"] = _absolute(metadata["image"], files_url)
        for item in metadata["content"]:
            item["uri"] = _absolute(item["uri"], files_url)
        if asset_id not in samples:  # content users published: the platform propagates it
            propagated(metadata, asset_id)
        named = review.in_metadata(review.reviews(ledger.assets[asset_id], defects, asset_id not in samples), defects)
        if named is not None:  # the review record the item was published on (AS-REVIEW-002)
            metadata["content_review"] = named
        rights.served(metadata, defects)  # the rights record, served as issued (AS-REG-007)
        if "asset-invalid-metadata" in defects:
            metadata["issuer"] = "Reference Studio"
        if "asset-wrong-id" in defects:
            metadata["asset_id"] += "-other"
        return metadata

    tokens: dict[str, str] = {}
    market = trading.Market(ledger, defects)
    community = community or Community(defects)
    market.banned = community.banned  # a trading ban follows the user to its linked identities
    market.same_user = lambda did, other: other in community.identities(did)
    community.real_name = lambda token: tokens[token] not in market.people.unverified if token in tokens else None
    community.did_of = tokens.get  # a report's reporter, by its bearer token (IF-CODE-010)
    community.author_of = lambda asset_id: ledger.assets[asset_id].first_owner if asset_id in ledger.assets else None

    def removed(asset_id: str) -> Response | None:
        """The 410 answer for content a report's outcome removed (IF-CODE-007), else None."""
        record = community.removed.get(asset_id)
        if record is None or "removal-content-still-served" in defects:
            return None
        exc = Removed(asset_id, record, defects)
        return problem(exc.status, "Gone", exc.detail, kind=exc.kind, defects=defects, **exc.extra)

    def band_age(request: Request) -> int | None:
        """The caller's age: from its verified birth date on its clock, else the lowest age of its
        declared age band (None: anonymous, or neither known)."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        did = tokens.get(token) if scheme.lower() == "bearer" else None
        if did is not None:  # a sanction that refuses reads (none the reference imposes) refuses this one
            community.enforce(did, "read")
        if did is None:
            return None
        return market.people.age(did, market.bands, verified="rating-birth-date-ignored" not in defects)

    def unknown(asset_id: str) -> Response:
        return problem(404, "Not Found", f"no asset {asset_id}", kind="asset-not-found", defects=defects)

    async def get_asset(request: Request) -> Response:
        asset_id = request.path_params["asset_id"]
        if asset_id not in ledger.assets:
            if "asset-unknown-200" in defects:
                return JSONResponse({})
            return unknown(asset_id)
        gone = removed(asset_id)
        if gone is not None:
            return gone
        try:
            review.gate(ledger.assets[asset_id], band_age(request), defects)
        except Refused as exc:
            return problem(exc.status, "Forbidden", exc.detail, kind=exc.kind, defects=defects,
                           **getattr(exc, "extra", {}))
        return JSONResponse(published(request, asset_id))

    async def get_reviews(request: Request) -> Response:
        asset_id = request.path_params["asset_id"]
        if asset_id not in ledger.assets:
            return unknown(asset_id)
        return JSONResponse({"reviews": review.reviews(ledger.assets[asset_id], defects, asset_id not in samples)})

    async def get_file(request: Request) -> Response:
        asset_id, relative = request.path_params["asset_id"], request.path_params["path"]
        gone = removed(asset_id)
        if gone is not None:
            return gone
        if asset_id in samples:
            folder = samples[asset_id][1].resolve()
            target = (folder / relative).resolve()
            listed = {item["uri"] for item in samples[asset_id][0]["content"]}
            listed.add(samples[asset_id][0]["image"])
            # Serve only what the metadata references: nothing else in the folder, nothing outside.
            if relative in listed and target.is_relative_to(folder) and target.is_file():
                if "asset-content-altered" in defects:
                    return Response(target.read_bytes() + b"\n", media_type="application/octet-stream")
                return FileResponse(target)
        return problem(404, "Not Found", f"no file {relative} for asset {asset_id}",
                       kind="not-found", defects=defects)

    blocked: dict[str, set[str]] = {}  # blocker DID -> the DIDs it blocked: spaces and direct messages keep them
    return [
        *lifecycle_routes(ledger, defects, validate, tokens, market, community),
        Route("/assets/{asset_id}/reviews", get_reviews),
        *portability.routes(ledger, defects, validate),  # export/import (interfaces, issue 5)
        *userdata.routes(ledger, defects, validate, tokens, market.people.now),  # a user's data export/import (IF-UDP-*)
        *scenes.routes(defects, tokens),  # scenes published at one platform, loaded at another (IF-SCN-*)
        *sessions.routes(defects, tokens, blocked, community),  # shared spaces several participants join over WebSocket (IF-SES-*)
        *community_routes.routes(defects, tokens, blocked),  # follows and direct messages beyond a space (IF-COMM-001)
        *generation.routes(defects),  # POST /generate answers labelled generated content (AS-AIGC-012..014)
        Route("/assets/{asset_id}", get_asset),
        Route("/assets/{asset_id}/files/{path:path}", get_file),
    ]
