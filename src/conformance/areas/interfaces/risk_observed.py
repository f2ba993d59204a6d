"""The risk grade a platform reaches by what it is seen to do, and the measures required there
(IF-RISK-004; docs/interfaces.md, "Risk grade observed").

Nothing here reads the platform's own grade or assessment. The harness puts four features of
the grading table to work through the platform's interfaces and counts each one that holds:

- ``user_generated_content``: an identity the harness provisioned issues an item of its own;
- ``minors``: an identity of the age band 12-15 is provisioned and served an item rated 12+;
- ``trading``: an order by one of the harness's identities for another's item is accepted;
- ``generated_content``: the platform lists at least one AI agent (digital human, chat agent).

Each feature harms an object to a degree (the fixed parameter ``risk_inputs``); GB/T 22240-2020
Table 1 gives the level of each pair (:data:`risk_method.LEVELS`), the highest level reached is
the platform's (level 1 when no feature holds), ``risk_grade_levels`` names its grade and
``required_measures`` the measures that grade requires, each then exercised by IF-RISK-001's
checks (:data:`risk.MEASURES`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import Message, NonConformance, msg

from .._shared.minors import minor_identity
from .._shared.trading import Market, price_currency, probe_price
from .risk import Platform, judged_body, judged_elsewhere
from .risk_method import LEVELS, Method

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: The features the harness observes, in the order it tries them (the keys of ``risk_inputs`` it reads).
FEATURES = ("user_generated_content", "minors", "trading", "generated_content")
#: The currency an order is priced in when the platform declares none (an order refused for its
#: currency is no market seen).
DEFAULT_CURRENCY = "CNY"


def _user_content(p: Platform) -> Message | None:
    asset_id = p.issue("risk-ugc")  # not issued: JudgedElsewhere (AS-REG-001)
    return msg("interfaces.risk-seen-ugc", asset=asset_id)


def _minors(p: Platform) -> Message | None:
    try:
        minor = minor_identity(p.api, p.identity_path)[0]
    except NonConformance:
        return None  # no identity of a minor: the platform does not serve minors
    asset_id = p.issue("risk-minor-served", "12+", 12)
    s = p.session()
    response = s.registry.call("GET", s.registry.path(asset_id), minor)
    judged_elsewhere(response, "AS-REG-001")
    return msg("interfaces.risk-seen-minors", asset=asset_id) if response.status == 200 else None


def _trading(p: Platform) -> Message | None:
    declared = p.declared("trading")
    try:
        currency = price_currency(declared) if declared is not None else DEFAULT_CURRENCY
    except NonConformance:
        currency = DEFAULT_CURRENCY
    asset_id = p.issue("risk-market")
    buyer = p.session().ids[1]
    # the trade cases' price, in the currency's minor units: a fixed 1.00 is no amount in JPY
    response = Market(p.api).order(buyer, asset_id, probe_price(currency, declared))
    judged_elsewhere(response, "AS-TRADE-001")
    return msg("interfaces.risk-seen-trading", asset=asset_id) if response.status in (200, 201, 202) else None


def _generated(p: Platform) -> Message | None:
    declared = p.declared("ai_agents")
    path = declared.get("agents") if declared else None
    if not isinstance(path, str):
        return None  # no agents listed anywhere the harness can read
    response = p.api.get(path)
    body = judged_body(response, "IF-AGENT-001")
    agents = body.get("agents") if isinstance(body, dict) else None
    return msg("interfaces.risk-seen-agents", count=len(agents)) if isinstance(agents, list) and agents else None


PROBES = {"user_generated_content": _user_content, "minors": _minors, "trading": _trading,
          "generated_content": _generated}


def observed(p: Platform) -> dict[str, Message]:
    """feature -> what showed it, for each feature seen to hold (JudgedElsewhere propagates)."""
    seen: dict[str, Message] = {}
    for feature in FEATURES:
        shown = PROBES[feature](p)
        if shown is not None:
            seen[feature] = shown
    return seen


def grade_of(features: JsonObject, method: Method) -> tuple[str, int]:
    """The grade and the level the features that hold reach (level 1 with none)."""
    level = max([LEVELS[method.inputs[f]] for f in features if f in method.inputs], default=1)
    return method.grade_of(level), level
