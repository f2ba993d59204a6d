"""Reference credential status: revocation through a W3C Bitstring Status List v1.0.

An issue request whose ``options.credentialStatus`` asks for ``statusPurpose`` ``revocation``
gets a ``BitstringStatusListEntry`` (2.1) at the next index of one list; the list is served at
``GET /credentials/status/1`` as a ``BitstringStatusListCredential`` (2.2) signed by the issuer,
its ``encodedList`` the multibase base64url of the GZIP-compressed bitstring of 131,072 bits
(3.1). ``POST /credentials/status`` (the VC API's update status: ``{credentialId,
credentialStatus: {type, statusPurpose}, status: true}``) sets the credential's bit; the
verifier refuses a credential whose bit is set (3.3). The update takes the caller's active
bearer token (the VC API's issuer.yml secures it), else 401 (RFC 6750 3.1).
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..problems import problem
from . import documents
from .auth import unauthorised
from .registry import utc_now

LIST_PATH = "/credentials/status/1"
BITS = 131_072  # Bitstring Status List 3.1: the minimum length, for group privacy
V2 = "https://www.w3.org/ns/credentials/v2"

DEFECTS: dict[str, str] = {
    "status-entry-missing": "a credential asked with a revocation status is issued without a credentialStatus",
    "status-list-all-set": "the status list shows every bit set, even of credentials never revoked",
    "status-update-refused": "POST /credentials/status refuses to revoke a credential the platform issued",
    "status-update-204": "POST /credentials/status revokes a credential but answers 204, not annex D's 200",
    "status-list-stale": "the status list served keeps the bits of issuance: a revocation never appears in it",
    "vc-verify-ignores-status": "the verifier reports a revoked credential as verified (its status is not checked)",
}


class StatusList:
    """One revocation list of the reference's issuer."""

    def __init__(self, defects: frozenset[str], key: Any, issuer: str, method: str,
                 bearer: Callable[[Request], object]) -> None:
        self.defects, self.key, self.issuer, self.method = defects, key, issuer, method
        self.bearer = bearer  # the session of a request's usable bearer token, else None
        self.bits = bytearray(BITS // 8)
        self.served = bytearray(BITS // 8)  # what the list shows (the defect status-list-stale keeps it)
        self.next = 7  # the first indexes are left unused, as an issuer's list starts anywhere
        self.indexes: dict[str, int] = {}  # credential ID -> index

    def entry(self, credential: dict[str, Any], options: object, base: str) -> None:
        """Adds a ``BitstringStatusListEntry`` to ``credential`` when ``options`` ask for one."""
        asked = options.get("credentialStatus") if isinstance(options, dict) else None
        if not isinstance(asked, dict) or asked.get("statusPurpose") != "revocation":
            return
        if "status-entry-missing" in self.defects or credential.get("@context", [None])[0] != V2:
            return
        index, self.next = self.next, self.next + 1
        given = options.get("credentialId") if isinstance(options, dict) else None
        self.indexes[str(given or credential.get("id"))] = index
        url = base.rstrip("/") + LIST_PATH
        credential["credentialStatus"] = {"id": f"{url}#{index}", "type": "BitstringStatusListEntry",
                                          "statusPurpose": "revocation", "statusListIndex": str(index),
                                          "statusListCredential": url}

    def revoked(self, credential: dict[str, Any]) -> bool:
        """3.3 for a credential of this list: its bit, unless the verifier ignores status."""
        status = credential.get("credentialStatus")
        if "vc-verify-ignores-status" in self.defects or not isinstance(status, dict):
            return False
        if not str(status.get("statusListCredential", "")).endswith(LIST_PATH):
            return False
        try:
            index = int(str(status.get("statusListIndex")))
        except ValueError:
            return False
        return 0 <= index < BITS and bool(self.bits[index // 8] & (0x80 >> index % 8))

    def routes(self) -> list[Route]:
        async def serve(request: Request) -> Response:
            shown = bytes([0xFF] * len(self.served)) if "status-list-all-set" in self.defects else bytes(self.served)
            encoded = "u" + base64.urlsafe_b64encode(gzip.compress(shown)).decode("ascii").rstrip("=")
            url = str(request.url).split("?")[0]
            unsigned = {"@context": [V2], "id": url, "type": ["VerifiableCredential", "BitstringStatusListCredential"],
                        "issuer": self.issuer, "validFrom": utc_now(),
                        "credentialSubject": {"id": f"{url}#list", "type": "BitstringStatusList",
                                              "statusPurpose": "revocation", "encodedList": encoded}}
            return JSONResponse(documents.sign_credential(unsigned, self.key, self.method, utc_now()))

        async def update(request: Request) -> Response:
            if self.bearer(request) is None:
                return unauthorised("a status update needs the caller's own active bearer token", self.defects)
            try:
                body = json.loads(await request.body())
            except (ValueError, UnicodeDecodeError):
                body = None
            status = body.get("credentialStatus") if isinstance(body, dict) else None
            index = self.indexes.get(str(body.get("credentialId"))) if isinstance(body, dict) else None
            if index is None or not isinstance(status, dict) or status.get("statusPurpose") != "revocation" \
                    or not isinstance(body.get("status"), bool) or "status-update-refused" in self.defects:
                return problem(400, "Invalid Request", "credentialId must name a credential issued here with a "
                               "revocation status, and status must be a boolean", defects=self.defects)
            mask = 0x80 >> index % 8
            self.bits[index // 8] = self.bits[index // 8] | mask if body["status"] else self.bits[index // 8] & ~mask
            if "status-list-stale" not in self.defects:
                self.served[:] = self.bits
            if "status-update-204" in self.defects:
                return Response(status_code=204)
            return JSONResponse({"credentialId": body["credentialId"], "status": body["status"]})

        return [Route(LIST_PATH, serve, methods=["GET"]), Route("/credentials/status", update, methods=["POST"])]
