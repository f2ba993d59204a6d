"""Reference registrar, shaped after the DIF Universal Registrar (DID Registration):
``POST /1.0/create?method=web``, ``POST /1.0/update``, ``POST /1.0/deactivate``.

Secrets are client-managed: a create request carries a DID document with public keys only
(the registrar assigns the DID under its own host and refuses private key material) and
proves control of them by ``secret.signingResponse.create``, a signature by a key the draft
lists under ``capabilityInvocation`` (or ``authentication``), ``kid`` its fragment; an
update or deactivation is authorised by ``secret.signingResponse.<update|deactivate>``, a
signature over the RFC 8785 form of the request without ``secret``, by a key the current
document lists under ``capabilityInvocation`` (or, without one, ``authentication``).
Answers are ``{jobId, didState: {state, did, didDocument}, didRegistrationMetadata,
didDocumentMetadata}``; errors are RFC 9457 problems.

A create may carry a bearer token naming the user on whose behalf the DID is registered (on
a test deployment, a test identity from ``/test-identities``): a user who has not given real
identity information is refused it (Cybersecurity Law of the PRC, art. 24: a network operator
serves no user who does not give it). A create without a token names no user and is judged
by its draft alone.
"""

from __future__ import annotations

import copy
import secrets
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ...codecs import keys
from ..problems import Refused, json_object, problem
from . import documents
from .registry import DID_CONTEXT, Registry, utc_now

RELATIONSHIPS = ("authentication", "assertionMethod", "keyAgreement", "capabilityInvocation", "capabilityDelegation")

DEFECTS: dict[str, str] = {
    "create-200": "a finished create is answered 200, not the 201 annex D gives for a DID created",
    "register-drops-keys": "the registrar publishes only the first verification method of a new DID",
    "register-accepts-malformed": "the registrar accepts create requests without usable public keys",
    "register-accepts-duplicate": "the registrar lets a create request take over an existing DID",
    "register-duplicate-overwrites": "a create request for a registered DID is refused (409) but takes the DID "
                                     "over all the same",
    "register-returns-secret": "the registrar answers a create with a recovery key's private JWK in didState.secret",
    "update-unauthorized": "the registrar applies updates without checking who signed them",
    "register-authentication-dropped": "a new DID's document lists none of its keys under authentication",
    "register-unfinished": "create answers didState.state 'wait' although the DID is registered",
    "update-ignored": "a correctly signed update is answered as done but the document stays as it was",
    "update-refused-applied": "an update with a bad signature is refused (403) but applied all the same",
    "deactivate-unauthorized": "deactivation requests are carried out without checking who signed them",
    "deactivate-refused-applied": "a deactivation signed by a key that only claims the controller's kid is refused "
                                  "(403) but carried out all the same",
    "deactivate-ignored": "the registrar answers deactivation requests but the DID stays active",
    "update-201": "a finished update is answered 201, not the 200 annex D gives for an update",
    "update-returns-secret": "the registrar answers a signed update with a recovery key's private JWK in "
                             "didState.secret",
    "deactivate-201": "a finished deactivation is answered 201, not the 200 annex D gives for a deactivation",
    "register-unproven-accepted": "the registrar registers a draft's keys without a proof that the registrant "
                                  "controls them",
    "register-unverified-accepted": "the registrar registers a DID on behalf of a user who registered without "
                                    "real-name verification",
}

#: Whether the user a bearer token names is real-name verified (None: no such token).
RealName = Callable[[str], bool | None]


def _absolute(value: str, did: str) -> str:
    return did + value if value.startswith("#") else value


def build_document(did: str, draft: Any) -> dict[str, Any]:
    """The DID document to publish from a client's draft; Refused (400) when it is unusable."""
    if not isinstance(draft, dict):
        raise Refused(400, "Invalid DID Document", "didDocument must be a JSON object")
    secret_at = documents.private_key_at(draft)
    if secret_at is not None:
        raise Refused(400, "Private Key Material", f"the draft carries private key material at {secret_at}")
    methods = draft.get("verificationMethod")
    if not isinstance(methods, list) or not methods:
        raise Refused(400, "Invalid DID Document", "verificationMethod must list at least one public key")
    document: dict[str, Any] = {"@context": [DID_CONTEXT, "https://w3id.org/security/multikey/v1",
                                             "https://w3id.org/security/suites/jws-2020/v1"], "id": did}
    published = []
    for index, method in enumerate(methods):
        if not isinstance(method, dict) or not isinstance(method.get("id"), str) or not method["id"]:
            raise Refused(400, "Invalid DID Document", f"verificationMethod[{index}] needs an id")
        try:
            documents.public_key(method)
        except (ValueError, TypeError) as exc:
            raise Refused(400, "Invalid DID Document", f"verificationMethod[{index}]: {exc}") from None
        entry = {**method, "id": _absolute(method["id"], did), "controller": did}
        if not entry["id"].startswith(did + "#"):
            raise Refused(400, "Invalid DID Document", f"verificationMethod[{index}] id must be a fragment of the DID")
        published.append(entry)
    document["verificationMethod"] = published
    ids = {m["id"] for m in published}
    for name in RELATIONSHIPS:
        entries = draft.get(name)
        if entries is None:
            continue
        if not isinstance(entries, list) or not all(isinstance(e, str) and _absolute(e, did) in ids for e in entries):
            raise Refused(400, "Invalid DID Document", f"{name} must list ids of the verification methods")
        document[name] = [_absolute(e, did) for e in entries]
    document.setdefault("authentication", [published[0]["id"]])
    if isinstance(draft.get("service"), list):
        document["service"] = copy.deepcopy(draft["service"])
    return document


def _state(did: str, document: dict[str, Any], state: str = "finished") -> dict[str, Any]:
    return {"state": state, "did": did, "didDocument": document}


def _recovery_secret() -> dict[str, Any]:
    """A fresh recovery key's private JWK, as a registrar that manages secrets itself would hand
    it back (the planted defects leaking private key material in an answer)."""
    from cryptography.hazmat.primitives.asymmetric import ed25519

    recovery = ed25519.Ed25519PrivateKey.generate()
    jwk = keys.public_jwk(recovery.public_key())
    jwk["d"] = keys.b64url(recovery.private_bytes_raw())
    return {"recoveryKeyJwk": jwk}


def proven(document: dict[str, Any], did: str, body: dict[str, Any], name: str) -> None:
    """Refused (401, 403) unless ``secret.signingResponse.<name>`` is a signature over the
    request by a key ``document`` lists under capabilityInvocation (or authentication)."""
    secret = body.get("secret")
    responses = secret.get("signingResponse") if isinstance(secret, dict) else None
    response = responses.get(name) if isinstance(responses, dict) else None
    if not isinstance(response, dict) or not isinstance(response.get("kid"), str):
        raise Refused(401, "Unauthorized", f"secret.signingResponse.{name} with kid and signature is required")
    allowed = document.get("capabilityInvocation") or document.get("authentication") or []
    kid = _absolute(response["kid"], did)
    valid = kid in allowed and documents.signature_valid(
        document, kid, response.get("signature"), documents.operation_payload(body))
    if not valid:
        raise Refused(403, "Forbidden", f"the signature is not by a key that controls {did}")


def routes(registry: Registry, defects: frozenset[str], real_name: RealName = lambda token: None) -> list[Route]:
    def on_behalf_of(request: Request) -> None:
        """Refuses a create whose bearer token names an unknown user (401) or one who has not
        given real identity information (403); a create without a token names no user."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if not token and not scheme:
            return
        verified = real_name(token) if scheme.lower() == "bearer" else None
        if verified is None:
            raise Refused(401, "Unauthorized", "the bearer token names no user of this platform")
        if not verified and "register-unverified-accepted" not in defects:
            raise Refused(403, "Real Name Required", "the user has not given real identity information "
                                                     "(real-name verification), so no DID is registered for it")

    def authorise(body: dict[str, Any], name: str) -> str:
        """The DID of an update/deactivate request whose signature a controlling key made."""
        did = body.get("did")
        record = registry.records.get(did) if isinstance(did, str) else None
        if record is None or not isinstance(did, str):
            raise Refused(404, "Not Found", f"{did!r} is not registered here")
        if record.deactivated:
            raise Refused(410, "Deactivated", f"{did} has been deactivated")
        if "update-unauthorized" in defects or ("deactivate-unauthorized" in defects and name == "deactivate"):
            return did
        proven(record.document, did, body, name)
        return did

    async def guarded(request: Request, operation: Any) -> Response:
        try:
            return await operation(request)
        except Refused as exc:
            return problem(exc.status, exc.title, exc.detail, defects=defects)

    async def create(request: Request) -> Response:
        async def run(request: Request) -> Response:
            if request.query_params.get("method", "web") != "web":
                raise Refused(400, "Method Not Supported", "this registrar creates did:web DIDs only")
            body = await json_object(request)
            on_behalf_of(request)
            draft = body.get("didDocument")
            host = request.url.netloc.replace(":", "%3A")
            did = f"did:web:{host}:users:{secrets.token_hex(8)}"
            wanted = draft.get("id") if isinstance(draft, dict) else None
            if wanted is not None:
                if isinstance(wanted, str) and wanted in registry.records:
                    if "register-duplicate-overwrites" in defects:
                        with registry.lock:
                            registry.add(build_document(wanted, draft))
                    if "register-accepts-duplicate" not in defects:
                        raise Refused(409, "Conflict", f"{wanted} is already registered")
                    did = wanted
                else:
                    raise Refused(400, "Invalid DID Document", "the registrar assigns the DID: omit didDocument.id")
            usable = isinstance(draft, dict) and draft.get("verificationMethod")
            if "register-accepts-malformed" in defects and not usable:
                document: dict[str, Any] = {"id": did}
            else:
                document = build_document(did, draft)
                if "register-unproven-accepted" not in defects:
                    proven(document, did, body, "create")  # the registrant controls the keys it registers
            if "register-authentication-dropped" in defects:
                document.pop("authentication", None)
            if "register-drops-keys" in defects:
                document["verificationMethod"] = document["verificationMethod"][:1]
                for name in RELATIONSHIPS:
                    if name in document:
                        document[name] = [e for e in document[name] if e == document["verificationMethod"][0]["id"]]
            with registry.lock:
                if did in registry.records and "register-accepts-duplicate" not in defects:
                    raise Refused(409, "Conflict", f"{did} is already registered")
                record = registry.add(document)
            state = _state(did, document, "wait" if "register-unfinished" in defects else "finished")
            if "register-returns-secret" in defects:
                state["secret"] = _recovery_secret()
            return JSONResponse({"jobId": None, "didState": state, "didRegistrationMetadata": {},
                                 "didDocumentMetadata": record.metadata()},
                                status_code=200 if "create-200" in defects else 201)

        return await guarded(request, run)

    async def update(request: Request) -> Response:
        async def run(request: Request) -> Response:
            body = await json_object(request)
            if body.get("didDocumentOperation", ["setDidDocument"]) != ["setDidDocument"]:
                raise Refused(400, "Invalid Request", "only didDocumentOperation [\"setDidDocument\"] is supported")
            documents = body.get("didDocument")
            if not isinstance(documents, list) or len(documents) != 1:
                raise Refused(400, "Invalid Request", "didDocument must be a list of one DID document")
            try:
                did = authorise(body, "update")
            except Refused:
                if "update-refused-applied" in defects and body.get("did") in registry.records:
                    registry.records[body["did"]].document = build_document(body["did"], {**documents[0],
                                                                                         "id": body["did"]})
                raise
            document = build_document(did, {**documents[0], "id": did})
            with registry.lock:
                record = registry.records[did]
                if "update-ignored" not in defects:
                    record.document = document
                record.updated, record.version = utc_now(), record.version + 1
            state = _state(did, document)
            if "update-returns-secret" in defects:
                state["secret"] = _recovery_secret()
            return JSONResponse({"jobId": None, "didState": state, "didRegistrationMetadata": {},
                                 "didDocumentMetadata": record.metadata()},
                                status_code=201 if "update-201" in defects else 200)

        return await guarded(request, run)

    async def deactivate(request: Request) -> Response:
        async def run(request: Request) -> Response:
            body = await json_object(request)
            try:
                did = authorise(body, "deactivate")
            except Refused:
                if "deactivate-refused-applied" in defects and body.get("did") in registry.records:
                    with registry.lock:
                        record = registry.records[body["did"]]
                        record.deactivated, record.updated = True, utc_now()
                raise
            record = registry.records[did]
            if "deactivate-ignored" not in defects:
                with registry.lock:
                    record.deactivated, record.updated = True, utc_now()
            return JSONResponse({"jobId": None, "didState": _state(did, record.document),
                                 "didRegistrationMetadata": {}, "didDocumentMetadata": record.metadata()},
                                status_code=201 if "deactivate-201" in defects else 200)

        return await guarded(request, run)

    return [
        Route("/1.0/create", create, methods=["POST"]),
        Route("/1.0/update", update, methods=["POST"]),
        Route("/1.0/deactivate", deactivate, methods=["POST"]),
    ]
