"""Every JSON body the code several areas share sends a platform (the asset registry's client,
the test identities it provisions), built here and listed in :data:`REQUESTS` (see
:mod:`.outgoing`); ``tests/areas/_shared/test_request_bodies.py`` judges each sample against the
platform contract's request schema, which for an asset to issue is the asset metadata schema."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conformance.area import JsonObject

from .outgoing import CONTRACT_ONLY, RequestBody

SAMPLE_BYTES = b"metaverse-conformance registry probe content\n"


def metadata(asset_id: str, issuer: str, *, locked: bool = False, holding_s: int = 0) -> JsonObject:
    """Valid asset metadata (schemas/assets/asset-metadata.json) for a probe asset."""
    transfer: JsonObject = {"locked": locked}
    if holding_s:
        transfer["min_holding_period_s"] = holding_s
    return {
        "name": f"Conformance probe {asset_id}",
        "description": "An asset issued by the conformance harness to test the registry's lifecycle.",
        "image": "https://conformance.invalid/probe.png",
        "asset_id": asset_id,
        "asset_type": "other",
        "issuer": issuer,
        "creator": {"name": "metaverse-conformance"},
        "issued_at": "2024-01-01T00:00:00Z",
        "content": [{"uri": "https://conformance.invalid/probe.txt", "media_type": "text/plain",
                     "sha256": hashlib.sha256(SAMPLE_BYTES).hexdigest(), "size": len(SAMPLE_BYTES)}],
        "rights": {"license_url": "https://creativecommons.org/publicdomain/zero/1.0/",
                   "commercial_usage": "corporation", "modification": "allowModificationRedistribution"},
        "transfer": transfer,
    }




def transfer_request(to: str) -> JsonObject:
    return {"to": to}


def action_request() -> JsonObject:
    """burn, lock, unlock: the path says what; the body asks nothing more."""
    return {}


def provision_request(age_band: str | None = None, birth_date: str | None = None,
                      verified: bool = True) -> JsonObject:
    """A test identity from the platform's provisioning endpoint (with an age band: the band the
    user declares; with a birth date: the one its real-name verification gave; not verified: a
    user who registered without real-name verification)."""
    return {**({"age_band": age_band} if age_band else {}), **({"birth_date": birth_date} if birth_date else {}),
            **({} if verified else {"real_name_verified": False})}


def payment_request(amount: str) -> JsonObject:
    """A payment for a paid game service of ``amount`` yuan (AS-MINOR-004)."""
    return {"amount": amount, "currency": "CNY"}


def clock_request(at: str) -> JsonObject:
    """The instant the platform's test clock stands at for the bearer token's identity."""
    return {"at": at}


def linked_identity_request(did: str) -> JsonObject:
    """Another identity of the same user as ``did`` (asked as ``did``)."""
    return {"linked_to": did}


_HOLDER = "did:web:registry.example:holders:h1"

REQUESTS: dict[str, RequestBody] = {
    "assets": RequestBody("POST", "/assets", CONTRACT_ONLY,
                          lambda: [metadata("conformance-0123-a", _HOLDER),
                                   metadata("conformance-0123-b", _HOLDER, locked=True, holding_s=60)],
                          ("metadata",)),
    "asset_transfer": RequestBody("POST", "/assets/a-1/transfer", CONTRACT_ONLY,
                                  lambda: [transfer_request("did:web:registry.example:holders:h2")],
                                  ("transfer_request",)),
    "asset_burn": RequestBody("POST", "/assets/a-1/burn", CONTRACT_ONLY, lambda: [action_request()],
                              ("action_request",)),
    "asset_lock": RequestBody("POST", "/assets/a-1/lock", CONTRACT_ONLY, lambda: [action_request()],
                              ("action_request",)),
    "asset_unlock": RequestBody("POST", "/assets/a-1/unlock", CONTRACT_ONLY, lambda: [action_request()],
                                ("action_request",)),
    "test_identities": RequestBody("POST", "/test-identities", CONTRACT_ONLY,
                                   lambda: [provision_request(), provision_request("12-15"),
                                            provision_request(birth_date="2011-06-01"),
                                            provision_request("adult", "2011-06-01"),
                                            provision_request("adult", verified=False),
                                            linked_identity_request(_HOLDER)],
                                   ("provision_request", "linked_identity_request")),
    "test_clock": RequestBody("POST", "/test/clock", CONTRACT_ONLY,
                              lambda: [clock_request("2026-01-02T20:30:00+08:00")], ("clock_request",)),
}
