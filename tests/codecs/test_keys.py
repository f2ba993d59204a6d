"""Key codecs against published vectors: multibase (base58btc), multicodec keys (did:key),
JWKs (RFC 8037) and Ed25519 signatures (RFC 8032).

Sources of the vectors:
- multibase: the multiformats/multibase test tables (basic.csv, leading_zero.csv);
- did:key P-256: the did:key method specification's test vectors (w3c-ccg/did-method-key);
- did:key Ed25519: a published did:key document and its key in publicKeyBase58;
- RFC 8037 Appendix A.1 (the OKP JWK) and RFC 8032 section 7.1 TEST 1 (same key).
"""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from conformance.codecs import keys

MULTIBASE_BASE58BTC = [
    (b"yes mani !", "z7paNL19xttacUY"),
    (b"\x00yes mani !", "z17paNL19xttacUY"),
    (b"\x00\x00yes mani !", "z117paNL19xttacUY"),
]

RFC8037_D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
RFC8037_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
RFC8032_TEST1_SIGNATURE = bytes.fromhex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
    "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)


@pytest.mark.parametrize(("raw", "encoded"), MULTIBASE_BASE58BTC)
def test_base58btc_multibase_tables(raw, encoded):
    assert "z" + keys.base58_encode(raw) == encoded
    assert keys.base58_decode(encoded[1:]) == raw


def test_base58_refuses_characters_outside_the_alphabet():
    with pytest.raises(ValueError, match="base58btc"):
        keys.base58_decode("0OIl")


def test_did_key_p256_vector_decodes_to_its_published_jwk():
    fingerprint = "zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv"
    key = keys.key_from_multibase(fingerprint)
    assert isinstance(key, ec.EllipticCurvePublicKey)
    assert keys.public_jwk(key) == {
        "kty": "EC", "crv": "P-256",
        "x": "igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns",
        "y": "efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM",
    }
    assert keys.multikey(key) == fingerprint
    assert keys.did_key(keys.key_from_jwk(keys.public_jwk(key))) == f"did:key:{fingerprint}"


def test_did_key_ed25519_vector_holds_its_published_base58_key():
    fingerprint = "z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th"
    key = keys.key_from_multibase(fingerprint)
    raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert raw == keys.base58_decode("8HH5gYEeNc3z7PYXmd54d4x6qAfCNrqQqEB3nS7Zfu7K")
    assert keys.multikey(key) == fingerprint


def test_rfc8037_okp_jwk_and_rfc8032_signature():
    private = ed25519.Ed25519PrivateKey.from_private_bytes(keys.unb64url(RFC8037_D))
    assert keys.public_jwk(private.public_key()) == {"kty": "OKP", "crv": "Ed25519", "x": RFC8037_X}
    assert keys.sign(private, b"") == RFC8032_TEST1_SIGNATURE
    public = keys.key_from_jwk({"kty": "OKP", "crv": "Ed25519", "x": RFC8037_X})
    assert keys.verify(public, RFC8032_TEST1_SIGNATURE, b"")
    assert not keys.verify(public, RFC8032_TEST1_SIGNATURE, b"x")


def test_es256_signatures_are_raw_r_s_and_verify():
    private = ec.generate_private_key(ec.SECP256R1())
    signature = keys.sign(private, b"payload")
    assert len(signature) == 64
    assert keys.verify(private.public_key(), signature, b"payload")
    assert not keys.verify(private.public_key(), signature[:63], b"payload")


@pytest.mark.parametrize("value", ["u1234", "z" + keys.base58_encode(b"\xed\x01" + b"\x00" * 31)])
def test_keys_that_are_not_ed25519_or_p256_multicodec_are_refused(value):
    with pytest.raises(ValueError):
        keys.key_from_multibase(value)


def test_base64url_refuses_padding_and_other_alphabets():
    assert keys.unb64url(keys.b64url(b"\xff\xfe")) == b"\xff\xfe"
    for bad in ("//8=", "ab=="):
        with pytest.raises(ValueError):
            keys.unb64url(bad)
