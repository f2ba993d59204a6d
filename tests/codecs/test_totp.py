"""TOTP as the harness computes it: the RFC 6238 Appendix B test vectors."""

from __future__ import annotations

import base64

import pytest

from conformance.codecs.totp import decode_seed, hotp, totp

SHA1_SEED = b"12345678901234567890"
SEEDS = {"SHA1": SHA1_SEED, "SHA256": SHA1_SEED + b"123456789012", "SHA512": SHA1_SEED * 3 + b"1234"}


@pytest.mark.parametrize(("unix_time", "sha1", "sha256", "sha512"), [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1234567890, "89005924", "91819424", "93441116"),
    (20000000000, "65353130", "77737706", "47863826"),
])
def test_rfc6238_vectors(unix_time, sha1, sha256, sha512):
    for algorithm, expected in (("SHA1", sha1), ("SHA256", sha256), ("SHA512", sha512)):
        assert totp(SEEDS[algorithm], unix_time, digits=8, algorithm=algorithm) == expected


def test_rfc4226_vectors():
    assert [hotp(SHA1_SEED, c) for c in range(3)] == ["755224", "287082", "359152"]


def test_seed_decoding():
    encoded = base64.b32encode(SHA1_SEED).decode().rstrip("=")
    assert decode_seed(encoded.lower()) == SHA1_SEED
    with pytest.raises(ValueError):
        decode_seed("not base32!")
