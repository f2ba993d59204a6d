"""The programme as a credential issuer: a did:key for its Ed25519 key, and W3C Data
Integrity proofs with the ``eddsa-jcs-2022`` cryptosuite (VC Data Integrity EdDSA
Cryptosuites v1.0, section 3.3).

``eddsa-jcs-2022`` rather than ``eddsa-rdfc-2022``: the JCS form needs no JSON-LD
processing to sign or verify (nothing to fetch, no context to bundle), and the identity
area's own verifier judges both, so an issued certificate is checked by a second,
independent implementation either way (tests/programme/test_certificates.py).

Hashing: the proof configuration (the proof without ``proofValue``, carrying the
document's ``@context``) and the document without ``proof`` are each canonicalised with
RFC 8785 and hashed with SHA-256; the Ed25519 signature covers the configuration's hash
followed by the document's; ``proofValue`` is the signature in base58btc multibase.

The issuer is ``did:key:<multikey>`` and its verification method ``did:key:<m>#<m>``: the
key is in the identifier, so a certificate verifies offline for ever, also after the
programme rotates its key (a retired key's did:key still names its public key).
"""

from __future__ import annotations

# The proof form lives in the codecs (below certification): a laboratory's record is signed the
# same way (conformance.certification.labrecords). Re-exported: the programme's modules name it here.
from ..codecs.dataintegrity import (
    CRYPTOSUITE,
    add_proof,
    check_proof,
    hash_data,
    issuer_did,
    key_of_method,
    verification_method,
)

__all__ = ["CRYPTOSUITE", "add_proof", "check_proof", "hash_data", "issuer_did", "key_of_method",
           "verification_method"]
