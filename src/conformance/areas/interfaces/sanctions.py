"""Timed sanctions enforced (IF-CODE-004) and enforced on a user's linked identities
(IF-CODE-005), and the permanent ban (IF-CODE-006); docs/interfaces.md, "Sanctions enforced".

The code of conduct names its sanctions (``sanctions``, schemas/interfaces/conduct-rules.json).
The harness knows what two of them mean, whatever the platform calls its actions:

- ``mute``: the identity posts no messages or chat and publishes no content (a new item at the
  registry is refused); it still reads, and still acts on what it holds (locks an item);
- ``suspension``: the identity acts not at all (every authenticated write is refused, the lock
  as well as the new item); it still reads.

- ``ban`` (IF-CODE-006): permanent; the identity is refused everything, reads too, on every
  linked identity, and (when the ban declares ``bars_registration``) cannot register another
  identity linked to the banned one through the test-only provisioning operation, which annex D
  exempts from every sanction save that one.

It imposes each declared one on an identity it controls through the test moderation endpoint
(profile parameter ``moderation_path``), sees the refused actions refused (403, an RFC 9457
problem naming the sanction), the allowed ones still work, and a timed sanction lapse at its
end. Where the platform has a test moderation clock (``moderation_clock_path``: POST
``{"advance_s"}`` makes the user's sanctions that much older) the harness imposes a long period
and advances the clock past it instead of waiting: no sleep, and no refusal check can come too
late. Without one it imposes a short period and waits it out; a refusal check that comes after
the period has ended is then not judged.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from conformance import Message, msg

# linked_identity: the sanction suites' import of the shared helper (a refused link is a finding)
from .._shared.registry import Identity, Registry, linked_identity, metadata, run_nonce  # noqa: F401

if TYPE_CHECKING:
    from conformance import HttpTarget
    from conformance.area import JsonObject, JsonValue, Response

SANCTION_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/sanction.json"
#: What each timed sanction the harness knows refuses, and what it leaves allowed.
REFUSED = {"mute": ("publish",), "suspension": ("publish", "act")}
ALLOWED = {"mute": ("read", "act"), "suspension": ("read",)}
#: The requirement that judges how the registry answers each action (a server error to an
#: allowed action says nothing of the sanction: that requirement judges it).
SERVED_BY = {"publish": "AS-REG-001", "read": "AS-API-001", "act": "AS-REG-006"}
#: The permanent sanction the harness knows, and what it refuses (everything).
BAN = "ban"
BANNED = ("publish", "act", "read")
#: The period imposed when the platform has a test clock: far longer than any run of checks, so
#: no refusal check can come after it, and passed by advancing the clock, not by waiting.
CLOCK_PERIOD_S = 3600
#: Seconds past a sanction's end before the harness checks that it has lapsed (the platform's
#: clock and the harness's meet within it).
LAPSE_MARGIN_S = 1


def declared_sanctions(code: JsonObject) -> dict[str, JsonObject]:
    """The code of conduct's declared sanctions by ID (a schema-valid code)."""
    listed = code.get("sanctions", [])
    entries = listed if isinstance(listed, list) else []
    return {key: entry for entry in entries if isinstance(entry, dict) and isinstance(key := entry.get("id"), str)}


def period_for(spec: JsonObject, wanted_s: int, clock: bool = False) -> tuple[int, bool]:
    """The period to impose a sanction for: ``wanted_s`` (``CLOCK_PERIOD_S`` with a test clock)
    within the declared bounds; and whether its lapse is checked (always with a test clock, else
    when the declared shortest period is no longer than ``wanted_s``, which is then waited for)."""
    wanted = CLOCK_PERIOD_S if clock else wanted_s
    low, high = spec.get("min_period_s"), spec.get("max_period_s")
    if not isinstance(low, int) or not isinstance(high, int):  # the schema's integers, or none declared
        return wanted, True
    period = min(max(wanted, low, 1), high)
    return period, clock or period <= wanted_s


def longest_period(declared: dict[str, JsonObject]) -> int | None:
    """The longest period any declared timed sanction may have (None: none declares one)."""
    periods = [high for spec in declared.values() if isinstance(high := spec.get("max_period_s"), int)]
    return max(periods) if periods else None


def names_sanction(body: JsonValue, sanction: str) -> bool:
    """An RFC 9457 problem names ``sanction``: its extension member ``sanction`` is it, or its type
    or detail holds it."""
    if not isinstance(body, dict):
        return False
    if body.get("sanction") == sanction:
        return True
    return any(isinstance(text := body.get(m), str) and sanction in text.lower() for m in ("type", "detail"))


@dataclass
class Actor:
    """One identity under test and the item it issued before its sanction."""

    registry: Registry
    who: Identity
    item: str
    issued: int = field(default=0)

    def do(self, action: str) -> Response:
        """publish (a new item), act (lock the item it holds) or read (the item)."""
        if action == "publish":
            self.issued += 1
            asset_id = f"{self.item}-after-{self.issued}"
            return self.registry.issue(self.who, metadata(asset_id, self.who.did))
        if action == "act":
            return self.registry.act(self.who, self.item, "lock")
        return self.registry.call("GET", self.registry.path(self.item), self.who)


def actor(api: HttpTarget, who: Identity, label: str) -> Actor | Message:
    """``who`` with an item it issued (before any sanction), or why the registry gave none."""
    registry = Registry(api)
    item = f"conformance-{run_nonce()}-{label}-{who.name}"
    response = registry.issue(who, metadata(item, who.did))
    if response.status != 201:
        return msg("interfaces.sanction-no-item", status=response.status)
    return Actor(registry, who, item)


def impose(api: HttpTarget, path: str, who: Identity, sanction: str, period: int | None) -> tuple[Response, float]:
    """Imposes ``sanction`` on ``who`` (sent as ``who``) for ``period`` seconds (None: a sanction
    without a period): the response and the monotonic time the request was sent at (the sanction
    began no earlier)."""
    sent = time.monotonic()
    asked: JsonObject = {"sanction": sanction} | ({} if period is None else {"duration_s": period})
    response = Registry(api).call("POST", path, who, asked)
    return response, sent


def advance(api: HttpTarget, path: str, who: Identity, seconds: int) -> bool:
    """Advances the test moderation clock of ``who``'s user by ``seconds`` (sent as ``who``):
    whether the platform has such a clock (it answered 200)."""
    return bool(Registry(api).call("POST", path, who, {"advance_s": seconds}).status == 200)


#: How findings name each action the harness takes.
ACTION_KEYS = {"publish": "interfaces.sanction-action-publish", "act": "interfaces.sanction-action-act",
               "read": "interfaces.sanction-action-read"}


def action_name(action: str) -> Message:
    return msg(ACTION_KEYS[action])
