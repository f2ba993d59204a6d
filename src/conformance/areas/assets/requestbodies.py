"""Every JSON body the assets area's tests send a platform, built here and listed in
:data:`REQUESTS` (see :mod:`conformance.areas._shared.outgoing`): the generation interface's
request (annex D's ``POST /generate``, AS-AIGC-012..016) and the test account's balance
(``POST /test/account``, AS-TRADE-011). ``tests/areas/assets/test_request_bodies.py``
judges each sample against the contract's request schema."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._shared.outgoing import CONTRACT_ONLY, RequestBody

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: the kinds of content the generation interface is asked for (the contract's GenerationRequest)
GENERATION_KINDS = ("text", "image", "video", "audio", "scene")


def account_request(amount: str, currency: str) -> JsonObject:
    """The balance the test deployment sets for the bearer token's identity (annex D's test-only
    ``POST /test/account``, AS-TRADE-011)."""
    return {"balance": {"amount": amount, "currency": currency}}


def generation_request(kind: str, prompt: str) -> JsonObject:
    """Content of ``kind`` generated from ``prompt`` (the contract's GenerationRequest)."""
    return {"kind": kind, "prompt": prompt}


REQUESTS: dict[str, RequestBody] = {
    "generation": RequestBody("POST", "/generate", CONTRACT_ONLY,
                              lambda: [generation_request(kind, "一座在黄昏时分的海边城市") for kind in GENERATION_KINDS],
                              ("generation_request",)),
    "test_account": RequestBody("POST", "/test/account", CONTRACT_ONLY, lambda: [account_request("100.00", "CNY")],
                                ("account_request",)),
}
