"""Reference routes of the asset registry's lifecycle: issue, transfer, burn, lock, history.

The HTTP shapes are documented in docs/assets.md ("The registry API"). Mutations need a
bearer token; the reference hands tokens out at ``POST /test-identities`` (a test-only
provisioning endpoint: each call creates a holder identity, a DID and its token), which is
how the harness gets the several identities its registry tests act as.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..interfaces import moderation, removal, screening
from ..interfaces.pagination import PAGE_WINDOW
from ..interfaces.standing import Community
from ..problems import problem
from . import accounts, payments, playtime, realname, rights, trading
from .ledger import Ledger, Refused

#: validate()'s answer when planted defects (routes.SKIPPED_RULES) skip every schema finding.
ACCEPT_UNCHECKED = "(accepted unchecked)"

IDENTITY_PATH = "/test-identities"
#: a test identity's DID: the n-th this registry provisioned, and a tag of this start of the reference, so
#: that two references (a pair's platforms) never hand out one DID to two users: an asset moved between them
#: keeps its holder's DID, which at the other must not be a user of its own
HOLDER_DID = "did:web:registry.reference.example:holders:h{n}-x{start}"
DID = re.compile(r"^did:[a-z0-9]+:(?:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*:)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+\Z")
MAX_IDENTITIES = 10_000


def lifecycle_routes(
    ledger: Ledger, defects: frozenset[str], validate: Callable[[Any], list[str]],
    tokens: dict[str, str] | None = None, market: trading.Market | None = None,
    community: Community | None = None,
) -> list[Route]:
    """``tokens`` (bearer token -> DID) and ``market`` (which knows each DID's age band) are
    shared with the routes that read assets (the age gate, routes.py); ``community`` (which
    identities are one user's) with the reporting routes (interfaces/standing.py)."""
    tokens = {} if tokens is None else tokens
    start = secrets.token_hex(3)

    def refused(exc: Refused) -> Response:
        response = problem(exc.status, _TITLES.get(exc.status, "Error"), exc.detail, kind=exc.kind, defects=defects,
                           **getattr(exc, "extra", {}))
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="asset-registry"'  # RFC 6750, 3
        return response

    def authenticated(request: Request) -> str:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or token not in tokens:
            raise Refused(401, "unauthenticated", "a valid bearer token of a holder identity is required")
        return tokens[token]

    def caller(request: Request) -> str:
        """The caller's DID, once no sanction in force on its user refuses the request."""
        did = authenticated(request)
        links.enforce(did, moderation.action_of(request.method, request.url.path))
        return did

    async def body(request: Request) -> Any:
        try:
            return await request.json()
        except ValueError:
            raise Refused(400, "bad-request", "the request body is not JSON") from None

    market = market or trading.Market(ledger, defects)
    links = community or Community(defects)

    def band_of(request: Request) -> tuple[str, int | None]:
        """The caller's DID and its age: from its verified birth date on its clock, else the
        lowest age of the age band it declared (None: neither)."""
        did = caller(request)
        return did, market.people.age(did, market.bands)

    async def provision(request: Request) -> Response:
        if len(tokens) >= MAX_IDENTITIES:
            return refused(Refused(429, "too-many-identities", "no more test identities"))
        try:
            asked = await request.json()
        except ValueError:
            asked = None
        band = asked.get("age_band") if isinstance(asked, dict) else None
        if band is not None and (not isinstance(band, str) or band not in realname.AGE_BANDS
                                 or "minor-band-refused" in defects):
            return refused(Refused(400, "bad-request", f"age_band must be one of {list(realname.AGE_BANDS)}"))
        try:
            born = realname.birth_date(asked)
            verified = realname.verified(asked)
        except Refused as exc:
            return refused(exc)
        linked_to = asked.get("linked_to") if isinstance(asked, dict) else None
        if linked_to is not None and not isinstance(linked_to, str):
            return refused(Refused(400, "bad-request", "linked_to must be a DID (a string)"))
        if linked_to is not None:  # another identity of the same user: only that user may ask
            try:
                # a test-only operation no sanction refuses (annex D), save a ban declaring bars_registration
                # (IF-CODE-006 R4): so the refusal R4 judges is that ban's, not the ban's refusal of A's every request
                if authenticated(request) != linked_to or "linked-identities-refused" in defects:
                    raise Refused(403, "not-linked-identity", "linked_to must be the DID of the bearer token")
                if "ban-registration-open" not in defects:
                    links.enforce(linked_to, "register")
            except Refused as exc:
                return refused(exc)
        did, token = HOLDER_DID.format(n=len(tokens) + 1, start=start), secrets.token_urlsafe(24)
        tokens[token] = did
        answer = {"did": did, "token": token}
        if linked_to is not None:
            links.link(did, linked_to)
            answer["linked_to"] = linked_to
        if born is not None:  # the real-name verification's birth date: kept, never answered
            market.people.births[did] = born
        if not verified:  # a user who registered without real-name verification (a guest)
            market.people.unverified.add(did)
        if band is not None:  # an age band, never a birth date (data minimisation)
            market.bands[did] = band
            answer["age_band"] = band
            if "minor-claim-with-birth-date" in defects:
                answer["birth_date"] = "2012-06-01"
        return JSONResponse(answer, status_code=201)

    async def issue(request: Request) -> Response:
        try:
            who = caller(request)
            metadata = await body(request)
            errors = validate(metadata)
            if errors == [ACCEPT_UNCHECKED]:
                return JSONResponse({"state": None, "event": None}, status_code=201)
            if errors:
                raise Refused(422, "invalid-metadata", "; ".join(errors[:5]))
            try:
                screening.screen(metadata, defects)  # reviewed before it is published (IF-MOD-001)
            except screening.ContentRefused as exc:
                links.violated(who, screening.CONDUCT_RULE)  # repeated conduct earns a sanction (IF-CODE-008)
                if "screening-refusal-bare" in defects:
                    return PlainTextResponse(exc.detail, status_code=exc.status)
                raise
            rights.confirm(metadata, defects)  # the rights holder's signature (AS-REG-007)
            holder = ledger.issuer if "registry-issue-held-by-registry" in defects else who
            asset = ledger.issue(metadata, holder, who)
        except Refused as exc:
            return refused(exc)
        location = f"/assets/{quote(asset.metadata['asset_id'], safe='')}"
        status = 200 if "registry-issue-200" in defects else 201
        return JSONResponse({"state": asset.state(defects), "event": asset.events[-1]}, status_code=status,
                            headers={"Location": location})

    def mutation(action: str) -> Callable[[Request], Any]:
        async def handle(request: Request) -> Response:
            asset_id = request.path_params["asset_id"]
            try:
                who = caller(request)
                if action == "transfer":
                    data = await body(request)
                    to = data.get("to") if isinstance(data, dict) else None
                    if not isinstance(to, str) or not DID.match(to):
                        raise Refused(400, "bad-request", 'the body must be {"to": "<the new holder\'s DID>"}')
                    event = ledger.transfer(asset_id, who, to)
                elif action == "burn":
                    event = ledger.burn(asset_id, who)
                else:
                    event = ledger.lock(asset_id, who, action == "lock")
            except Refused as exc:
                return refused(exc)
            return JSONResponse({"state": ledger.assets[asset_id].state(defects), "event": event})
        return handle

    async def state(request: Request) -> Response:
        try:
            asset = ledger.get(request.path_params["asset_id"])
        except Refused as exc:
            return refused(exc)
        return JSONResponse(asset.state(defects))

    async def history(request: Request) -> Response:
        try:
            asset = ledger.get(request.path_params["asset_id"])
        except Refused as exc:
            return refused(exc)
        if "registry-history-misnamed" in defects:
            return JSONResponse({"entries": asset.events})
        return JSONResponse({"events": asset.events})

    async def list_or_issue(request: Request) -> Response:
        if request.method == "POST":
            return await issue(request)
        owner = request.query_params.get("owner")
        if "removal-listing-fails" in defects and any(a.metadata["asset_id"] in links.removed
                                                      for a in ledger.owned_by(owner)):
            return problem(500, "Internal Server Error", "the listing failed", defects=defects)
        listed = [a for a in ledger.owned_by(owner)
                  if a.metadata["asset_id"] not in links.removed or "removal-still-listed" in defects]
        window = request.scope.get(PAGE_WINDOW)
        if window is not None:  # a page asked (pagination.Paginate): build its items only
            window["total"] = len(listed)
            listed = listed[window["start"]:window["stop"]]
        items = [{"asset_id": a.metadata["asset_id"], "name": a.metadata.get("name"),
                  "asset_type": a.metadata.get("asset_type"), "owner": a.owner} for a in listed]
        if "asset-list-without-ids" in defects:
            items = [{k: v for k, v in item.items() if k != "asset_id"} for item in items]
        return JSONResponse({"items": items, "next": None})

    return [
        Route(IDENTITY_PATH, provision, methods=["POST"]),
        Route("/assets", list_or_issue, methods=["GET", "POST"]),
        Route("/assets/{asset_id}/state", state),
        Route("/assets/{asset_id}/history", history),
        *(Route(f"/assets/{{asset_id}}/{action}", mutation(action), methods=["POST"])
          for action in ("transfer", "burn", "lock", "unlock")),
        *trading.routes(market, caller, body, refused),
        *accounts.routes(market.accounts, caller, body, refused),
        *playtime.routes(band_of, market.people.now, body, refused, defects,
                        unverified=market.people.unverified.__contains__),
        *payments.routes(band_of, market.people.now, body, refused, defects,
                         unverified=market.people.unverified.__contains__),
        *realname.routes(market.people, authenticated, body, refused),
        *moderation.routes(authenticated, body, refused, links.sanction, moderation.DECLARED, links.age, defects),
        *removal.routes(authenticated, body, refused, links.removal_authors.get, defects),
    ]


_TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict",
           422: "Unprocessable Content", 429: "Too Many Requests"}
