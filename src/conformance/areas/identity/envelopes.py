"""Enveloped credentials and presentations (VC 2.0 4.13, VC-JOSE-COSE 3), each judged by the
securing mechanism the media type of its ``data:`` URL names: a compact JWS and an SD-JWT
(jose), a COSE_Sign1 (vccose). Kept apart from both so that neither imports the other."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from conformance import Message, msg

from . import jose, proofs

if TYPE_CHECKING:
    from conformance.area import JsonValue

    from .didresults import Unresolved


def verify_enveloped(url: str, key_of: Callable[[str], proofs.PublicKey],
                     documents: Mapping[str, JsonValue | Unresolved] | None = None) -> tuple[str, Message | str]:
    """(VERIFIED | FAILED | NOT_VERIFIED, why) for an enveloped credential or presentation:
    a compact JWS (``+jwt``), an SD-JWT (``+sd-jwt``: the issuer's JWS and every
    disclosure's digest), or a COSE_Sign1 (``+cose``; ``documents``: the controller documents
    its kid is looked up in)."""
    head, _, token = url.partition(",")
    media = head.removeprefix("data:").split(";")[0].strip().lower()
    # ID-VC-007 R1 lists the JWS algorithms an envelope may use: another one fails (1.2)
    if media.endswith("+sd-jwt"):
        return jose.verify_sd_jwt(token, key_of, unlisted=proofs.FAILED)
    if media.endswith("+jwt"):
        return jose.verify_jose(token, key_of, unlisted=proofs.FAILED)
    if media.endswith("+cose"):
        from . import vccose  # cbor2 only where a COSE envelope is

        return vccose.verify_url(head, token, key_of, documents)
    return proofs.NOT_VERIFIED, msg("identity.enveloped-media-type", media=media[:80])
