"""Why a proof or an envelope cannot be checked offline: the exceptions the verifiers raise
(:mod:`.proofs` and the modules it calls, which cannot import it back)."""

from __future__ import annotations


class Unavailable(Exception):
    """What is needed to verify is not available offline (key, context, suite)."""


class UnsupportedKey(Unavailable):
    """A key of a kind (multicodec) this harness does not decode: a proof of a suite that
    takes another kind does not verify; any other proof is not checked."""
