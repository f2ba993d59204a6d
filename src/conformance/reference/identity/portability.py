"""Reference identity portability: export an identity from one platform, import it at another.

- ``POST /1.0/export`` ``{did, secret}`` signed as a registrar operation (``export``) by a
  key that controls the DID → 200 ``{type: "DidExport", did, didDocument,
  didDocumentMetadata, exportedAt}`` (public data only);
- ``POST /1.0/import`` ``{export, secret}`` signed (``import``) by a key the exported
  document lists under ``capabilityInvocation`` (or ``authentication``) → 201 with a
  ``didState`` like the registrar's: the identity under a DID of this platform, with the
  same keys and ``alsoKnownAs`` naming the original DID.
"""

from __future__ import annotations

import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..problems import Refused, json_object, problem
from . import documents
from .registrar import build_document
from .registry import Registry, utc_now

DEFECTS: dict[str, str] = {
    "import-200": "a finished import is answered 200, not the 201 annex D gives for a DID created",
    "export-private-key": "exports carry a privateKeyMultibase beside the public keys",
    "import-drops-keys": "imports keep only the first verification method of the exported document",
    "import-unlinked": "imported identities do not name the original DID in alsoKnownAs",
    "import-unsigned-accepted": "imports are accepted without checking who signed them",
    "import-authentication-dropped": "imported identities keep their keys but none may authenticate",
}


def _verify(document: Any, body: dict[str, Any], name: str) -> None:
    """Refused (403) unless ``secret.signingResponse.<name>`` is by a controlling key of ``document``."""
    secret = body.get("secret")
    responses = secret.get("signingResponse") if isinstance(secret, dict) else None
    response = responses.get(name) if isinstance(responses, dict) else None
    if not isinstance(response, dict) or not isinstance(response.get("kid"), str) or not isinstance(document, dict):
        raise Refused(401, "Unauthorized", f"secret.signingResponse.{name} with kid and signature is required")
    did = document.get("id", "")
    kid = did + response["kid"] if response["kid"].startswith("#") else response["kid"]
    allowed = [did + e if isinstance(e, str) and e.startswith("#") else e
               for e in document.get("capabilityInvocation") or document.get("authentication") or []]
    valid = kid in allowed and documents.signature_valid(
        document, kid, response.get("signature"), documents.operation_payload(body))
    if not valid:
        raise Refused(403, "Forbidden", f"the signature is not by a key that controls {did}")


def _draft_from(document: dict[str, Any]) -> dict[str, Any]:
    """A registrar draft (relative ids) from an exported document, keys unchanged."""
    did = document["id"]

    def relative(value: str) -> str:
        return value[len(did):] if value.startswith(did + "#") else value

    methods = [{**m, "id": relative(m["id"])} for m in document.get("verificationMethod", [])
               if isinstance(m, dict) and isinstance(m.get("id"), str)]
    draft: dict[str, Any] = {"verificationMethod": methods}
    for name in ("authentication", "assertionMethod", "capabilityInvocation"):
        if isinstance(document.get(name), list):
            draft[name] = [relative(e) for e in document[name] if isinstance(e, str)]
    return draft


def routes(registry: Registry, defects: frozenset[str]) -> list[Route]:
    async def export(request: Request) -> Response:
        try:
            body = await json_object(request)
            did = body.get("did")
            record = registry.get(did) if isinstance(did, str) else None
            if record is None or record.deactivated:
                raise Refused(404, "Not Found", f"{did!r} is not an active identity here")
            _verify(record.document, body, "export")
        except Refused as exc:
            return problem(exc.status, exc.title, exc.detail, defects=defects)
        bundle: dict[str, Any] = {"type": "DidExport", "did": did, "didDocument": record.document,
                                  "didDocumentMetadata": record.metadata(), "exportedAt": utc_now()}
        if "export-private-key" in defects:
            bundle["privateKeyMultibase"] = "z3u2en7t5LR2WtQH5PfsRmvpnHphRznEHuwhcxTC9rPgBf"  # a stand-in
        return JSONResponse(bundle)

    async def import_(request: Request) -> Response:
        try:
            body = await json_object(request)
            bundle = body.get("export")
            document = bundle.get("didDocument") if isinstance(bundle, dict) else None
            if not isinstance(document, dict) or not isinstance(document.get("id"), str):
                raise Refused(400, "Invalid Request", "export.didDocument with an id is required")
            if "import-unsigned-accepted" not in defects:
                _verify(document, body, "import")
            host = request.url.netloc.replace(":", "%3A")
            did = f"did:web:{host}:users:{secrets.token_hex(8)}"
            draft = _draft_from(document)
            if "import-drops-keys" in defects:
                draft = {"verificationMethod": draft["verificationMethod"][:1]}
            new_document = build_document(did, draft)
            if "import-authentication-dropped" in defects:
                new_document.pop("authentication", None)
                new_document.pop("capabilityInvocation", None)
            if "import-unlinked" not in defects:
                new_document["alsoKnownAs"] = [document["id"]]
            with registry.lock:
                record = registry.add(new_document)
        except Refused as exc:
            return problem(exc.status, exc.title, exc.detail, defects=defects)
        return JSONResponse({"jobId": None, "didState": {"state": "finished", "did": did, "didDocument": new_document},
                             "didRegistrationMetadata": {}, "didDocumentMetadata": record.metadata()},
                            status_code=200 if "import-200" in defects else 201)

    return [
        Route("/1.0/export", export, methods=["POST"]),
        Route("/1.0/import", import_, methods=["POST"]),
    ]
