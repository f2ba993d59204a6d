"""Why a proof or an envelope cannot be checked offline: the exceptions the verifiers raise
(:mod:`.proofs` and the modules it calls, which cannot import it back)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

_T = TypeVar("_T")


class Unavailable(Exception):
    """What is needed to verify is not available offline (key, context, suite)."""


class UnsupportedKey(Unavailable):
    """A key of a kind (multicodec) this harness does not decode: a proof of a suite that
    takes another kind does not verify; any other proof is not checked. ``codec`` and ``raw``
    carry the key as found, for the one suite that takes it outside Python (BLS12-381 G2 keys,
    ``bbs2020``)."""

    def __init__(self, message: object, codec: int | None = None, raw: bytes = b"") -> None:
        super().__init__(message)
        self.codec, self.raw = codec, raw


class RdfProcessed(Protocol):
    """Runs one pyld call and returns what it returns, its failures raised as
    :class:`Unavailable` (:func:`.proofs.rdf_processed`); handed to the modules :mod:`.proofs`
    calls, which cannot import it back."""

    def __call__(self, run: Callable[[], _T], /) -> _T: ...
