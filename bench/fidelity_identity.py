"""Agreement of the identity checks with the expected outcome of real public artefacts.

Corpora (``tests/corpora/identity/``, each with a ``sources.yaml`` naming repository, path,
commit and expected outcome):

* ``did-documents``: the DID documents implementers submitted to the W3C DID test suite,
  per DID method; judged by the identity-document profile's DID Core requirements
  (ID-DOC-001 data model and verification material, ID-DOC-002 no private keys, ID-DOC-003
  references resolve).
* ``did-planted``: every valid document above with one DID Core violation planted at a
  time (each must be rejected).
* ``vc-2.0-inputs`` / ``vc-1.1-inputs``: the W3C VC Data Model test suites' inputs, judged
  by the identity-credentials profile's data-model requirements (ID-VC-001, ID-VC-002,
  ID-VP-001). The VC 2.0 inputs are what the suite posts to an issuer, which sets the issuer
  and replaces the "PAST DATE" / "FUTURE DATE" placeholders; the bench does the same.

* ``vc-2.0-spec-examples``: the VC Data Model 2.0 specification's own examples that are
  whole credentials or presentations ("inconclusive" where a context is not bundled).
* ``proof-vectors``: the W3C Data Integrity cryptosuites' signed test vectors (eddsa-rdfc-2022,
  eddsa-jcs-2022, ecdsa-rdfc-2019 and ecdsa-jcs-2019 on P-256 and P-384, ecdsa-sd-2023 base
  and derived proofs), and published
  vectors of Ed25519Signature2020, Ed25519Signature2018, JsonWebSignature2020 (EdDSA, ES256K,
  ES256, ES384, PS256) and EcdsaSecp256k1Signature2019, each expected to verify offline, and
  each with one claim altered and with one signature byte changed, expected not to
  (ID-VC-003); BbsBlsSignature2020 / BbsBlsSignatureProof2020 vectors (ACA-Py's and MATTR's,
  with the outcome MATTR's fixtures record); bbs-2023's vectors, expected "not verified" (no
  implementation of the IRTF BBS draft).
* ``jws-test-suite``: the DIF JsonWebSignature2020 test suite's implementation report, every
  credential and presentation six implementations signed on five key types, with the outcome
  the suite recorded; the verifying ones also altered.
* ``deployed-proofs``: the credentials the Digital Credentials Consortium tests its verifier
  with (Open Badges 3.0, Ed25519Signature2020 and eddsa-rdfc-2022, single and double
  signed; the did:web issuers' DID documents as DCC publishes them), with the outcomes DCC's
  tests expect; the verifying ones also altered.

* ``bip340-did-btc1``: did:btc1 update payloads with bip340-jcs-2025 proofs, as Danube Tech's
  Java Data Integrity library signs them, with the outcome its own tests assert (the method
  given as its controller document; the verifying ones also altered).

* ``jwt-forms``: VC 1.1 JWT credentials (the web5 test vectors: web5-spec's credentials and
  vc_jwt verification vectors) and an SD-JWT with key binding an SD-JWT implementation
  verifies (openwallet-foundation/sd-jwt-js), the latter also altered three ways; judged by
  ID-VC-001/ID-VP-001 and ID-VC-004 as the credentials role reads them (vcjwt.parse).

* ``vc-cose`` (``proof-vectors/vc-cose``): the W3C VC-JOSE-COSE test suite's COSE_Sign1
  credentials and presentations, with the outcome its test mapping expects of a verifier;
  the verifying ones also with a payload byte and a signature byte changed (ID-VC-003); a
  presentation is judged with the credentials it carries, as a run judges it (so the suite's
  presentation-cose-single, whose vc+jwt has no signature, does not verify: VC-JOSE-COSE
  3.3.2).

* ``external/<name>`` (only where ``$CONFORMANCE_IDENTITY_CORPORA`` names the folder that
  holds it): corpora kept outside the project, from sources the
  project never used, each labelled by its source, measured as ``deployed-proofs`` is (the
  verifying items also altered). ``1edtech-validator``: the Open Badges 3.0 / CLR 2.0 test
  credentials of 1EdTech's conformance validator, with the outcome its JUnit tests assert.
  ``credo``: Credo's (openwallet-foundation/credo-ts) Ed25519Signature2018 and JWT credential and
  presentation fixtures, with the outcome its verification tests assert.
  ``spruceid-ssi``: SpruceID ssi's JsonWebSignature2020 proof-consistency vectors (inline
  contexts that redefine the proof's terms), with the outcome its tests assert.
  ``walt-id``: walt.id's Open Badges 3.0 JWT credential and its broken-signature copy, with
  the outcome its CLI verify test asserts. Issue 50's ecosystem corpora (``acapy``,
  ``traceability-vocab``, ``presentation-exchange``, ``openbadges-spec-examples``,
  ``digitalbazaar-vc-dates``, ``digitalbazaar-ecdsa-rdfc-2019``) are built there by
  ``bench/ecosystem_corpora.py``; their items
  name how each is judged (``judge``: proof, data-model, did-document).

* ``resolvers/<name>`` (only where ``$CONFORMANCE_RESOLVER_CORPORA`` names the folder that
  holds it): DID documents and DID resolution results from resolver
  drivers' and DID-method libraries' own test fixtures (cheqd's did:cheqd resolver, Credo's
  did:key/did:peer/did:indy resolvers, the did:webvh test suite's resolvers, the did:btcr2
  Universal Resolver driver, web5's resolution vectors, the Sidetree (ION) resolution
  vectors, trustbloc did-go, walt.id's DID library), kept outside the project and
  labelled "valid" unless the source's test or a DID Core section (named per item) says
  otherwise; judged as identity-document judges a file of its ``did_documents`` role
  (``resolver_findings``).

A verdict is "valid" when the requirements give no finding; the harness's parser runs
first, as for a real run (duplicate member names are a finding there).
"""

from __future__ import annotations

import base64
import copy
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "tests" / "corpora" / "identity"
sys.path.insert(0, str(ROOT / "src"))

from conformance._catalog.schemas import SchemaRegistry  # noqa: E402
from conformance._io.parsing import parse_json  # noqa: E402
from conformance.areas.identity import didresults, envelopes, jose, proofs, vcjwt  # noqa: E402
from conformance.areas.identity.credentials import validity_problems  # noqa: E402
from conformance.areas.identity.didcore import data_model_findings  # noqa: E402
from conformance.areas.identity.didrefs import reference_problems  # noqa: E402
from conformance.areas.identity.privacy import private_key_material  # noqa: E402
from conformance.areas.identity.vcmodel import UNJUDGED, document_findings  # noqa: E402
from conformance.errors import NonConformance  # noqa: E402

_SCHEMAS: SchemaRegistry | None = None


def schemas() -> SchemaRegistry:
    global _SCHEMAS
    if _SCHEMAS is None:
        _SCHEMAS = SchemaRegistry.from_directory(ROOT / "schemas")
    return _SCHEMAS


def did_findings(body: bytes) -> list[str]:
    """What the DID Core requirements of identity-document find in one file."""
    try:
        document = parse_json(body, what="document")
    except NonConformance as exc:
        return [str(exc)]
    findings, _ = data_model_findings(document, schemas())
    out = [f"{f.pointer} {f.message}" for f in findings]
    out += [f"{f.pointer} {f.message}" for f in private_key_material(document)]
    if isinstance(document, dict):
        out += [f"{p} {m}" for p, m in reference_problems(document)[0]]
    return out


def credential_findings(body: bytes, *, issuer_input: bool = False) -> list[str]:
    """What ID-VC-001 / ID-VP-001 find. ``issuer_input``: the file is an input the VC 2.0
    suite posts to an issuer, which adds the issuer; a credential without one gets it here."""
    try:
        document = parse_json(body, what="document")
    except NonConformance as exc:
        return [str(exc)]
    if issuer_input and isinstance(document, dict) and "VerifiablePresentation" not in str(document.get("type")):
        # What the suite's issuer does: set the issuer (or its id), the PASTDATE/FUTUREDATE dates.
        if "issuer" not in document:
            document["issuer"] = "did:example:issuer"
        elif document["issuer"] == {} or isinstance(document["issuer"], dict) and set(document["issuer"]) <= {
                "name", "description"}:
            document["issuer"]["id"] = "did:example:issuer"
        stamps = {"PAST DATE": "2020-01-01T00:00:00Z", "FUTURE DATE": "2099-01-01T00:00:00Z"}
        for name in ("validFrom", "validUntil"):
            if document.get(name) in stamps:
                document[name] = stamps[document[name]]
    found = document_findings(document) + validity_problems(document)
    # As in the suite: a context that is not bundled leaves the document unjudged.
    return [("(unjudged) " if f.extra.get("check") in UNJUDGED else "") + f"{f.pointer} {f.message}" for f in found]


def _sources(corpus: str, root: Path = CORPORA) -> list[dict[str, Any]]:
    data = yaml.safe_load((root / corpus / "sources.yaml").read_text(encoding="utf-8"))
    return list(data["items"])


def _measure(corpus: str, judge: Callable[[bytes], list[str]]) -> dict[str, Any]:
    items = _sources(corpus)
    agree, misses = 0, []
    for item in items:
        found = judge((CORPORA / corpus / item["file"]).read_bytes())
        decided = [f for f in found if not f.startswith("(unjudged) ")]
        actual = "invalid" if decided else "inconclusive" if found else "valid"
        found = decided or found
        if actual == item["expected"]:
            agree += 1
        else:
            reason = found[0] if found else "no finding"
            misses.append({"item": item["file"], "expected": item["expected"], "actual": actual,
                           "reason": reason[:300]})
    return {"corpus": corpus, "total": len(items), "agree": agree, "disagreements": misses}


# --- planted single-field violations of DID Core ---------------------------------------

def _first_method(doc: dict[str, Any]) -> dict[str, Any] | None:
    methods = doc.get("verificationMethod")
    if isinstance(methods, list) and methods and isinstance(methods[0], dict):
        return methods[0]
    return None


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], bool]:
    def plant(doc: dict[str, Any]) -> bool:
        node: Any = doc
        for key in path[:-1]:
            in_dict = isinstance(node, dict) and key in node
            in_list = isinstance(node, list) and isinstance(key, int) and key < len(node)
            if in_dict or in_list:
                node = node[key]
            else:
                return False
        if not isinstance(node, dict):
            return False
        node[path[-1]] = value
        return True
    return plant


def _method_edit(edit: Callable[[dict[str, Any]], bool]) -> Callable[[dict[str, Any]], bool]:
    def plant(doc: dict[str, Any]) -> bool:
        method = _first_method(doc)
        return method is not None and edit(method)
    return plant


def _drop(name: str) -> Callable[[dict[str, Any]], bool]:
    return lambda m: m.pop(name, None) is not None


def _second_material(m: dict[str, Any]) -> bool:
    # An account id may stand beside a key (did:pkh, did:ethr): the planted second
    # material is of the same kind as the first one the method has.
    if not any(k.startswith("publicKey") for k in m):
        m["ethereumAddress" if "blockchainAccountId" in m else "blockchainAccountId"] = (
            "0xF932e07B8ef841828E219D4F40eead9FAD115b6E" if "blockchainAccountId" in m
            else "eip155:1:0xF932e07B8ef841828E219D4F40eead9FAD115b6E")
    elif "publicKeyJwk" in m:
        m["publicKeyBase58"] = "B12NYF8RrR3h41TDCTJojY59usg3mbtbjnFs7Eud1Y6u"
    else:
        m["publicKeyJwk"] = {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
    return True


def _no_material(m: dict[str, Any]) -> bool:
    keys = [k for k in m if k.startswith("publicKey") or k in ("blockchainAccountId", "ethereumAddress")]
    for k in keys:
        del m[k]
    return bool(keys)


def _jwk_edit(name: str, value: Any = None) -> Callable[[dict[str, Any]], bool]:
    def edit(m: dict[str, Any]) -> bool:
        jwk = m.get("publicKeyJwk")
        if not isinstance(jwk, dict):
            return False
        if value is None:
            return jwk.pop(name, None) is not None
        jwk[name] = value
        return True
    return edit


def _multibase_corrupt(m: dict[str, Any]) -> bool:
    if not isinstance(m.get("publicKeyMultibase"), str):
        return False
    m["publicKeyMultibase"] = "z0OIl" + m["publicKeyMultibase"][5:]
    return True


def _dangling(doc: dict[str, Any]) -> bool:
    if not isinstance(doc.get("id"), str):
        return False
    doc.setdefault("authentication", []).append(doc["id"] + "#no-such-key")
    return True


def _empty_relationship(doc: dict[str, Any]) -> bool:
    for name in ("authentication", "assertionMethod"):
        if name in doc:
            doc[name] = []
            return True
    return False


def _service_edit(doc: dict[str, Any]) -> bool:
    services = doc.get("service")
    if isinstance(services, list) and services and isinstance(services[0], dict):
        services[0].pop("serviceEndpoint", None)
        return True
    return False


def _service_twice(doc: dict[str, Any]) -> bool:
    services = doc.get("service")
    if isinstance(services, list) and services and isinstance(services[0], dict) and "id" in services[0]:
        services.append({**services[0], "serviceEndpoint": "https://other.example.com/"})
        return True
    return False


def _context_edit(doc: dict[str, Any]) -> bool:
    context = doc.get("@context")
    if isinstance(context, list) and context:
        context[0] = "https://example.com/not-did-v1"
        return True
    if isinstance(context, str):
        doc["@context"] = "https://example.com/not-did-v1"
        return True
    return False


PLANTS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "id-not-a-did": _set(("id",), "https://example.com/alice"),
    "id-missing": lambda d: d.pop("id", None) is not None,
    "controller-not-a-did": _set(("controller",), "alice"),
    "alsoKnownAs-not-uris": _set(("alsoKnownAs",), ["not a uri"]),
    "method-type-missing": _method_edit(_drop("type")),
    "method-controller-missing": _method_edit(_drop("controller")),
    "method-id-not-a-did-url": _method_edit(lambda m: bool(m.update(id="key 1")) or True),
    "method-two-materials": _method_edit(_second_material),
    "method-no-material": _method_edit(_no_material),
    "jwk-kty-missing": _method_edit(_jwk_edit("kty")),
    "jwk-x-missing": _method_edit(_jwk_edit("x")),
    "jwk-private-d": _method_edit(_jwk_edit("d", "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")),
    "multibase-not-decoding": _method_edit(_multibase_corrupt),
    "relationship-dangling": _dangling,
    "relationship-empty": _empty_relationship,
    "service-no-endpoint": _service_edit,
    "service-id-twice": _service_twice,
    "context-not-did-v1": _context_edit,
}


def planted_cases() -> Iterator[tuple[str, bytes]]:
    """(name, file bytes) of each single planted violation on each valid corpus document."""
    for item in _sources("did-documents"):
        if item["expected"] != "valid":
            continue
        original = json.loads((CORPORA / "did-documents" / item["file"]).read_bytes())
        for plant_name, plant in PLANTS.items():
            document = copy.deepcopy(original)
            if plant(document):
                yield f"{item['file']}+{plant_name}", json.dumps(document).encode()
        # A repeated member name: the first "id" differs from the one a last-wins parser keeps.
        text = json.dumps(original)
        yield f"{item['file']}+duplicate-id", b'{"id": "did:example:other", ' + text[1:].encode()


def measure_planted() -> dict[str, Any]:
    total = agree = 0
    misses = []
    for name, body in planted_cases():
        total += 1
        if did_findings(body):
            agree += 1
        else:
            misses.append({"item": name, "expected": "invalid", "actual": "valid", "reason": "no finding"})
    return {"corpus": "did-planted", "total": total, "agree": agree, "disagreements": misses}


def _tampered(document: dict[str, Any]) -> dict[str, Any]:
    """The document with one claim altered after signing: one of its (first) subject's, or,
    without a subject claim, its first other string member (a presentation's holder...), or,
    without one, its (first) proof's creation date."""
    altered = copy.deepcopy(document)
    subject = altered.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) else subject
    if isinstance(subject, dict) and any(k not in ("id", "type") for k in subject):
        key = next(k for k in subject if k not in ("id", "type"))
        subject[key] = "altered after signing"
        return altered
    key = next((k for k, v in altered.items() if isinstance(v, str) and k not in ("@type", "type", "id")), None)
    if key is None:  # nothing but types and proofs (a presentation of credentials): its proof's date
        proof = altered["proof"][0] if isinstance(altered["proof"], list) else altered["proof"]
        proof["created"] = "2000-01-01T00:00:00Z"
    else:
        altered[key] = "altered after signing"
    return altered


def _forged(document: dict[str, Any]) -> dict[str, Any]:
    """The document with one byte of its (first) proof's signature changed."""
    from conformance.codecs.keys import b64url, base58_encode, unb64url

    altered = copy.deepcopy(document)
    proof = altered["proof"][0] if isinstance(altered["proof"], list) else altered["proof"]
    if "jws" in proof:
        head, _, signature = proof["jws"].partition("..")
        raw = bytearray(unb64url(signature))
        raw[len(raw) // 2] ^= 0x01
        proof["jws"] = f"{head}..{b64url(bytes(raw))}"
    elif proof.get("type") in proofs.BBS_2020:  # base64; the middle byte is in e (a signature) or the proof's body
        raw = bytearray(base64.b64decode(proof["proofValue"]))
        raw[len(raw) // 2] ^= 0x01
        proof["proofValue"] = base64.b64encode(bytes(raw)).decode("ascii")
    elif proof["proofValue"].startswith("u"):  # ecdsa-sd-2023: a byte of the base signature
        value = proof["proofValue"][1:]
        raw = bytearray(unb64url(value))
        raw[6 + 32] ^= 0x01  # 3-byte header, CBOR array and byte-string heads, then 64 signature bytes
        proof["proofValue"] = "u" + b64url(bytes(raw))
    else:
        raw = bytearray(proofs.base58_decode(proof["proofValue"][1:]))
        raw[len(raw) // 2] ^= 0x01
        proof["proofValue"] = "z" + base58_encode(bytes(raw))
    return altered


def proof_cases(corpus: str, item: dict[str, Any], root: Path = CORPORA) -> list[tuple[str, Any, str]]:
    """(name, document, expected outcome) of one corpus item: the item as published, and,
    when it verifies, altered after signing (a claim; in proof-vectors also a signature byte).
    An item of ``form: jwt`` is a compact JWT (its document the token; altered: one claim of
    its payload, the signature kept)."""
    if item.get("form") == "jwt":
        token = (root / corpus / item["file"]).read_text(encoding="ascii").strip()
        expected = item.get("expected", proofs.VERIFIED)
        jwt_cases: list[tuple[str, Any, str]] = [(item["file"], token, expected)]
        if expected == proofs.VERIFIED:
            from conformance.codecs.keys import b64url, unb64url

            head, body, signature = token.split(".")
            altered = b64url(json.dumps(_tampered(json.loads(unb64url(body)))).encode())
            jwt_cases.append((item["file"] + "+altered-claim", f"{head}.{altered}.{signature}", proofs.FAILED))
        return jwt_cases
    document = json.loads((root / corpus / item["file"]).read_bytes())
    expected = item.get("expected", proofs.VERIFIED)
    cases = [(item["file"], document, expected)]
    if expected == proofs.VERIFIED:
        cases.append((item["file"] + "+altered-claim", _tampered(document), proofs.FAILED))
        if corpus == "proof-vectors":
            cases.append((item["file"] + "+altered-signature", _forged(document), proofs.FAILED))
    return cases


def verify_item(corpus: str, item: dict[str, Any], document: Any, root: Path = CORPORA) -> tuple[str, Any]:
    """The proofs' outcome with the keys and contexts the item names (``keys``: DID or
    controller documents, or recorded DID resolution results; ``contexts``)."""
    from conformance.areas._shared import jsonld

    keys = [json.loads((root / corpus / f).read_bytes()) for f in item.get("keys", [])]
    contexts = {url: json.loads((root / corpus / f).read_bytes()) for url, f in item.get("contexts", {}).items()}
    if isinstance(document, str):  # a compact JWT: its signature, and those of the JWTs it carries
        return jwt_outcome(document, vcjwt.key_resolver(didresults.by_did(keys)))
    with jsonld.serving(contexts):
        outcome, why = proofs.verify_presentation(document, proofs.offline_resolver(didresults.by_did(keys)))
    # the JWT credentials a presentation carries, as ID-VC-004 verifies them in a run (an RDF
    # proof does not cover a JWT string: it is no IRI, so it is no statement)
    return _carried_jwts(document, outcome, why, vcjwt.key_resolver(didresults.by_did(keys)))


def _carried_jwts(document: Any, outcome: str, why: Any, key_of: Callable[[str], Any]) -> tuple[str, Any]:
    """The outcome once the credentials a presentation carries as strings are verified too (a
    string that is no JWT is no credential: ID-VP-001 fails it in a run)."""
    entries = document.get("verifiableCredential") if isinstance(document, dict) else None
    strings = [e for e in (entries if isinstance(entries, list) else [entries]) if isinstance(e, str)]
    for pointer, inner in [("/verifiableCredential", s) for s in strings] if outcome == proofs.VERIFIED else []:
        try:
            carried, reason = vcjwt.verify(vcjwt.decode(inner, what=pointer), key_of)
        except NonConformance as exc:
            return proofs.FAILED, f"{pointer}: {exc}"
        if carried != proofs.VERIFIED:
            return carried, f"{pointer}: {reason}"
    return outcome, why


def jwt_outcome(token: str, key_of: Callable[[str], Any]) -> tuple[str, Any]:
    """A JWT credential's or presentation's outcome as ID-VC-004 gives it: its signature,
    then each credential a presentation carries as a JWT."""
    try:
        document = vcjwt.parse(token.encode("ascii"), what="token")
    except NonConformance as exc:
        return proofs.FAILED, str(exc)
    outcome, why = vcjwt.verify(document, key_of)
    return _carried_jwts(document, outcome, why, key_of)


def measure_proofs(corpus: str = "proof-vectors", root: Path = CORPORA) -> dict[str, Any]:
    """Each item's proofs give the outcome its source expects (an undecided item is a miss);
    each that verifies, altered after signing, does not."""
    total = agree = 0
    misses = []
    for item in _sources(corpus, root):
        for name, doc, wanted in proof_cases(corpus, item, root):
            total += 1
            outcome, why = verify_item(corpus, item, doc, root)
            if outcome == wanted:
                agree += 1
            else:
                misses.append({"item": name, "expected": wanted, "actual": outcome, "reason": why})
    return {"corpus": corpus, "total": total, "agree": agree, "disagreements": misses}


def measure_jws_suite(corpus: str = "jws-test-suite") -> dict[str, Any]:
    """The DIF JsonWebSignature2020 test suite's report: every credential and presentation
    vector gives the outcome the suite recorded, and each verifying one, with a claim
    altered after signing, does not verify."""
    listing = yaml.safe_load((CORPORA / corpus / "sources.yaml").read_text(encoding="utf-8"))
    report = json.loads((CORPORA / corpus / listing["file"]).read_bytes())
    item = {"keys": listing["keys"]}
    total = agree = 0
    misses = []
    for implementation, vectors in sorted(report.items()):
        for name, entry in sorted(vectors.items()):
            if entry.get("vector") not in ("vc", "vp"):
                continue
            expected = proofs.VERIFIED if entry["verification"].get("verified") else proofs.FAILED
            cases = [(name, entry["vectorContent"], expected)]
            if expected == proofs.VERIFIED:
                cases.append((name + "+altered-claim", _tampered(entry["vectorContent"]), proofs.FAILED))
            for case, document, wanted in cases:
                total += 1
                outcome, why = verify_item(corpus, item, document)
                if outcome == wanted:
                    agree += 1
                else:
                    misses.append({"item": f"{implementation}/{case}", "expected": wanted, "actual": outcome,
                                   "reason": why})
    return {"corpus": corpus, "total": total, "agree": agree, "disagreements": misses}
def _jwt_key_resolver() -> Callable[[str], Any]:
    """DIDs decoded (did:key, did:jwk) and, for an SD-JWT whose kid names no DID, the issuer
    key the corpus's source gives (sources.yaml ``keys``), as a manifest's did_documents would."""
    given = yaml.safe_load((CORPORA / "jwt-forms" / "sources.yaml").read_text(encoding="utf-8")).get("keys", {})
    resolve = vcjwt.key_resolver({})

    def key_of(kid: str) -> Any:
        return vcjwt.key_from_jwk(given[kid]) if kid in given else resolve(kid)
    return key_of


def jwt_findings(body: bytes) -> list[str]:
    """What ID-VC-001/ID-VP-001 and ID-VC-004 (and, for an enveloped SD-JWT, ID-VC-003) find
    in one file of the credentials role; a signature not checkable offline is unjudged."""
    key_of = _jwt_key_resolver()
    try:
        document = vcjwt.parse(body, what="document")
    except NonConformance as exc:
        return [str(exc)]
    out: list[str] = []
    outcomes = []
    if isinstance(document, vcjwt.JwtDocument):
        out += [f"{f.pointer} {f.message}" for f in vcjwt.claim_findings(document)]
        if document.form in ("vc", "vp"):
            out += [f"{f.pointer} {f.message}" for f in document_findings(document)]
            outcomes.append(vcjwt.verify(document, key_of))
        elif document.form == "sd-jwt":
            outcomes.append(vcjwt.verify_sd_jwt(document.token, key_of))
            out += [f"{f.pointer} {f.message}" for f in vcjwt.key_binding_findings(document.token, key_of,
                                                                                    presented=False)]
    else:
        out += [f"{f.pointer} {f.message}" for f in document_findings(document)]
        for pointer, url in jose.enveloped_tokens(document):
            outcomes.append(envelopes.verify_enveloped(url, key_of))
            out += [f"{pointer}{f.pointer} {f.message}" for f in vcjwt.key_binding_findings(
                url.partition(",")[2], key_of, presented=pointer.startswith("/verifiableCredential"))]
    for outcome, why in outcomes:
        if outcome == proofs.FAILED:
            out.append(f"signature: {why}")
        elif outcome == proofs.NOT_VERIFIED:
            out.append(f"(unjudged) signature: {why}")
    return out


COSE = "proof-vectors/vc-cose"


def cose_cases(item: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(name, data: URL, expected outcome) of one COSE vector: as published and, when it
    verifies, with one payload byte (in its first id string) and one signature byte changed."""
    import base64

    text = (CORPORA / COSE / item["file"]).read_text(encoding="ascii").strip()
    head = f"data:application/{item['form']}+cose;base64,"
    expected = item.get("expected", proofs.VERIFIED)
    cases = [(item["file"], head + text, expected)]
    if expected == proofs.VERIFIED:
        raw = base64.b64decode(text + "=" * (-len(text) % 4))
        for case, at in (("+altered-payload", raw.index(b'"id":"') + 7), ("+altered-signature", len(raw) - 10)):
            changed = bytearray(raw)
            changed[at] ^= 0x01
            cases.append((item["file"] + case, head + base64.b64encode(bytes(changed)).decode("ascii"), proofs.FAILED))
    return cases


def cose_documents() -> dict[str, Any]:
    """The controller documents the COSE vectors' keys are in (sources.yaml ``keys``), by id."""
    listing = yaml.safe_load((CORPORA / COSE / "sources.yaml").read_text(encoding="utf-8"))
    keys = [json.loads((CORPORA / COSE / f).read_bytes()) for f in listing.get("keys", [])]
    return {k["id"]: k for k in keys}


def cose_outcome(url: str, key_of: Callable[[str], Any], documents: dict[str, Any]) -> tuple[str, Any]:
    """The envelope's outcome as a run's ID-VC-003 gives it: its own signature, then each
    credential a vp+cose presentation carries, by its own form (VC-JOSE-COSE 3.3.2: the
    credentials in a presentation are secured themselves)."""
    from conformance.areas.identity import vccose

    outcome, why = envelopes.verify_enveloped(url, key_of, documents)
    for pointer, inner in vccose.carried(url) if outcome == proofs.VERIFIED else []:
        carried, reason = envelopes.verify_enveloped(inner, key_of, documents)
        if carried != proofs.VERIFIED:
            return carried, f"{pointer}: {reason}"
    return outcome, why


def measure_cose() -> dict[str, Any]:
    """The W3C VC-JOSE-COSE test suite's COSE inputs give the outcome its mapping expects of a
    verifier; each verifying one, altered after signing, does not verify."""
    documents = cose_documents()
    key_of = proofs.offline_resolver(documents)
    listing = yaml.safe_load((CORPORA / COSE / "sources.yaml").read_text(encoding="utf-8"))
    total = agree = 0
    misses = []
    for item in listing["items"]:
        for name, url, wanted in cose_cases(item):
            total += 1
            outcome, why = cose_outcome(url, key_of, documents)
            if outcome == wanted:
                agree += 1
            else:
                misses.append({"item": name, "expected": wanted, "actual": outcome, "reason": str(why)})
    return {"corpus": "vc-cose", "total": total, "agree": agree, "disagreements": misses}


def measure() -> list[dict[str, Any]]:
    results = [_measure("did-documents", did_findings), measure_planted()]
    results.append(_measure("vc-2.0-inputs", lambda body: credential_findings(body, issuer_input=True)))
    results.append(_measure("vc-1.1-inputs", credential_findings))
    results.append(_measure("vc-2.0-spec-examples", credential_findings))
    results.append(measure_proofs())
    results.append(measure_proofs("deployed-proofs"))
    results.append(measure_proofs("bip340-did-btc1"))
    results.append(measure_jws_suite())
    results.append(_measure("jwt-forms", jwt_findings))
    results.append(measure_cose())
    return results + measure_external() + measure_resolvers()


#: Corpora kept outside the project (issue 25: credentials from deployed issuers' public
#: repositories never used before), each a folder with a sources.yaml of proof items as in
#: deployed-proofs (file, expected, keys, contexts) and the labels its source gives.
EXTERNAL = Path(os.environ.get("CONFORMANCE_IDENTITY_CORPORA", "") or "/nonexistent")


def measure_external(root: Path = EXTERNAL) -> list[dict[str, Any]]:
    """Agreement on each external corpus found under ``root`` (none when it is absent): proof
    items as deployed-proofs is measured, and items whose ``judge`` says otherwise by it."""
    if not root.is_dir():
        return []
    return [{**measure_judged(folder.name, root), "corpus": f"external/{folder.name}"}
            for folder in sorted(root.iterdir()) if (folder / "sources.yaml").is_file()]


def measure_judged(corpus: str, root: Path) -> dict[str, Any]:
    """Each item judged as its ``judge`` says (issue 50's ecosystem corpora, built by
    bench/ecosystem_corpora.py): ``proof`` (default) by its proofs, each verifying one also
    altered (:func:`proof_cases`); ``data-model`` by ID-VC-001/ID-VP-001 and ID-VC-002 as a run
    reads a file of the credentials role, "inconclusive" when a context is not available;
    ``did-document`` by ID-DOC-001..003 as a file of the did_documents role. Undecided counts
    as a miss."""
    total = agree = 0
    misses = []
    for item in _sources(corpus, root):
        judge = item.get("judge", "proof")
        if judge == "proof":
            cases = [(name, wanted, *verify_item(corpus, item, doc, root))
                     for name, doc, wanted in proof_cases(corpus, item, root)]
        else:
            body = (root / corpus / item["file"]).read_bytes()
            found = (resolver_findings(body, item["file"]) if judge == "did-document"
                     else credential_findings(body))
            decided = [f for f in found if not f.startswith("(unjudged) ")]
            actual = "invalid" if decided else "inconclusive" if found else "valid"
            cases = [(item["file"], item["expected"], actual, (decided or found or ["no finding"])[0][:300])]
        for name, wanted, outcome, why in cases:
            total += 1
            if outcome == wanted:
                agree += 1
            else:
                misses.append({"item": name, "expected": wanted, "actual": outcome, "reason": str(why)})
    return {"corpus": corpus, "total": total, "agree": agree, "disagreements": misses}


#: DID documents and DID resolution results from resolver drivers' and DID-method libraries'
#: own test fixtures (issue 25's goal on documents "returned by real resolvers' drivers"),
#: kept outside the project: one folder per source with a sources.yaml of items (file, path,
#: expected "valid"/"invalid", the label and, for "invalid", the section relied on).
RESOLVERS = Path(os.environ.get("CONFORMANCE_RESOLVER_CORPORA", "") or "/nonexistent")


def resolver_findings(body: bytes, name: str = "document") -> list[str]:
    """What identity-document's ID-DOC-001..003 find in one file of the ``did_documents`` role,
    as a run reads it: a DID document as it is, a resolution result by the document it carries
    (an unsuccessful one is noted, a malformed one a finding)."""
    from conformance.adapters.file import Document

    try:
        data = parse_json(body, what=name)
    except NonConformance as exc:
        return [str(exc)]
    out = [f"{f.pointer} {f.message}" for f in private_key_material(data)]
    for doc, problem in didresults.published([Document(path=Path(name), name=name, data=data)]):
        if problem is not None:
            out.append(f"{problem.pointer} {problem.message}")
            continue
        findings, _ = data_model_findings(doc.data, schemas())
        out += [f"{f.pointer} {f.message}" for f in findings]
        if isinstance(doc.data, dict):
            out += [f"{p} {m}" for p, m in reference_problems(doc.data)[0]]
        else:
            out.append("the document is no JSON object")
    return out


def measure_resolvers(root: Path = RESOLVERS) -> list[dict[str, Any]]:
    """Agreement on each resolver corpus under ``root`` (none when it is absent)."""
    if not root.is_dir():
        return []
    results = []
    for folder in sorted(root.iterdir()):
        if not (folder / "sources.yaml").is_file():
            continue
        items = _sources(folder.name, root)
        agree, misses = 0, []
        for item in items:
            found = resolver_findings((folder / item["file"]).read_bytes(), item["file"])
            actual = "invalid" if found else "valid"
            if actual == item["expected"]:
                agree += 1
            else:
                misses.append({"item": item["file"], "expected": item["expected"], "actual": actual,
                               "reason": (found[0] if found else "no finding")[:300]})
        results.append({"corpus": f"resolvers/{folder.name}", "total": len(items), "agree": agree,
                        "disagreements": misses})
        results.append(_resolver_planted(folder, [i for i in items if i["expected"] == "valid"]))
    return results


def _resolver_planted(folder: Path, valid: list[dict[str, Any]]) -> dict[str, Any]:
    """Each valid item's DID document (a result's ``didDocument``) with one DID Core violation
    planted at a time (PLANTS), in the file as it came: each is expected invalid."""
    total = agree = 0
    misses = []
    for item in valid:
        original = json.loads((folder / item["file"]).read_bytes())
        for plant_name, plant in PLANTS.items():
            data = copy.deepcopy(original)
            document = data.get("didDocument") if didresults.is_result(data) else data
            if not isinstance(document, dict) or not plant(document):
                continue
            total += 1
            if resolver_findings(json.dumps(data).encode(), item["file"]):
                agree += 1
            else:
                misses.append({"item": f"{item['file']}+{plant_name}", "expected": "invalid", "actual": "valid",
                               "reason": "no finding"})
    return {"corpus": f"resolvers-planted/{folder.name}", "total": total, "agree": agree, "disagreements": misses}
