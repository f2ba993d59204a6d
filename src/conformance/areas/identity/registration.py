"""The harness as a registrar client (DIF Universal Registrar shape, client-managed keys):
it generates real Ed25519 and P-256 keys with ``cryptography``, registers an identity with
their public halves only, proving control of them by a signature, and signs updates and
deactivations itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from conformance import NonConformance, alternatives, msg

from .._shared.ownread import own_json
from . import did as didlib
from .privacy import private_key_material
from .requestbodies import create_request, did_draft

if TYPE_CHECKING:
    from conformance import Evidence, HttpTarget
    from conformance.area import JsonObject, Response, SchemaRegistry

CREATE = "/1.0/create"
UPDATE = "/1.0/update"
DEACTIVATE = "/1.0/deactivate"
DID_SCHEMA = "https://metaverse-conformance.org/schemas/identity/did.json"


def new_key(curve: str) -> didlib.PrivateKey:
    return ed25519.Ed25519PrivateKey.generate() if curve == "Ed25519" else ec.generate_private_key(ec.SECP256R1())


@dataclass
class Identity:
    """Keys the harness holds, by fragment, and the DID the registrar gave them."""

    keys: dict[str, didlib.PrivateKey] = field(default_factory=dict)
    did: str = ""

    @classmethod
    def generate(cls) -> Identity:
        return cls({"key-1": new_key("Ed25519"), "key-2": new_key("P-256")})

    def kid(self, fragment: str) -> str:
        return f"{self.did}#{fragment}"

    def draft(self, fragments: list[str] | None = None) -> JsonObject:
        """A DID document draft of these keys (all, or ``fragments``): see :func:`did_draft`."""
        return did_draft({f: self.keys[f] for f in fragments or list(self.keys)}, self.did)


CREATED = (201,)


def registrar_state(response: Response, evidence: Evidence, schemas: SchemaRegistry, *,
                    ok: tuple[int, ...] = (200,), rule: str | None = None,
                    private_rule: str | None = None) -> JsonObject:
    """The ``didState`` of a registrar answer, with findings for what is wrong in it;
    raises NonConformance when there is no usable state. ``ok``: the statuses accepted; by
    default annex D's 200 for an update or a deactivation (CREATED for a create or an import:
    annex D's contract gives 201 alone for a DID created). ``rule``, ``private_rule``: the caller's
    R-numbers stating the answer and its want of private key material (None: no rule of the
    caller's states it, or the answer is a set-up)."""
    where = f"{response.method} {response.url}"
    if response.status not in ok:
        raise NonConformance(msg("identity.registrar-status", status=response.status), file=where,
                             expected=alternatives(ok), actual=response.status, rule=rule)
    body = own_json(response, rule)
    evidence.findings_from(private_key_material(body), file=where,
                           expected=msg("identity.expect-no-private-key-registrar"), rule=private_rule)
    state = body.get("didState") if isinstance(body, dict) else None
    if not isinstance(state, dict) or state.get("state") != "finished":
        raise NonConformance(msg("identity.registrar-not-finished"), file=where, pointer="/didState/state",
                             expected="finished", actual=state.get("state") if isinstance(state, dict) else state,
                             rule=rule)
    if not isinstance(state.get("did"), str) or schemas.findings(state["did"], DID_SCHEMA):
        raise NonConformance(msg("identity.registrar-not-a-did"), file=where, pointer="/didState/did",
                             actual=state.get("did"), rule=rule)
    return state


def proven_create(identity: Identity, key: didlib.PrivateKey | None = None) -> JsonObject:
    """A create request for the identity's draft, with ``secret.signingResponse.create`` signed
    by its first authentication key (``#key-1``: the registrar has given no DID yet), so the
    registrar sees the registrant control the keys it registers; ``key`` signs instead to test
    the refusal of a proof by another key."""
    return didlib.signed_operation(create_request(identity.draft()), key or identity.keys["key-1"], "#key-1",
                                   "create")


def register(api: HttpTarget, identity: Identity, evidence: Evidence, schemas: SchemaRegistry,
             method: str, rule: str | None = None, private_rule: str | None = None) -> JsonObject:
    """Create the identity at the registrar; sets ``identity.did``; returns the didState.
    ``rule``, ``private_rule``: as for :func:`registrar_state` (ID-REG-001's R1 and R2)."""
    response = api.post(f"{CREATE}?method={method}", json=proven_create(identity))
    state = registrar_state(response, evidence, schemas, ok=CREATED, rule=rule, private_rule=private_rule)
    identity.did = str(state["did"])  # registrar_state refused any other
    return state


def signed(identity: Identity, body: JsonObject, fragment: str, name: str,
           key: didlib.PrivateKey | None = None) -> JsonObject:
    """``body`` signed as ``identity.kid(fragment)``, with that key or (to test refusals) ``key``."""
    return didlib.signed_operation(body, key or identity.keys[fragment], identity.kid(fragment), name)


def holds_key(document: object, public: didlib.PublicKey) -> str | None:
    """The id of the document's verification method with this public key, if any."""
    wanted = didlib.public_jwk(public)
    if not isinstance(document, dict):
        return None
    methods = [m for m in document.get("verificationMethod") or [] if isinstance(m, dict)]
    for name in ("authentication", "capabilityInvocation"):
        methods.extend(m for m in document.get(name) or [] if isinstance(m, dict))
    for method in methods:
        try:
            if didlib.public_jwk(didlib.key_of_method(method)) == wanted:
                return str(method.get("id"))
        except (ValueError, TypeError):
            continue
    return None
