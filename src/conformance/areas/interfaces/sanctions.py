"""Timed sanctions enforced (IF-CODE-004) and enforced on a user's linked identities
(IF-CODE-005); docs/interfaces.md, "Sanctions enforced".

The code of conduct names its sanctions (``sanctions``, schemas/interfaces/conduct-rules.json).
The harness knows what two of them mean, whatever the platform calls its actions:

- ``mute``: the identity posts no messages or chat and publishes no content (a new item at the
  registry is refused); it still reads, and still acts on what it holds (locks an item);
- ``suspension``: the identity acts not at all (every authenticated write is refused, the lock
  as well as the new item); it still reads.

It imposes each declared one on an identity it controls through the test moderation endpoint
(profile parameter ``moderation_path``) for a short period, sees the refused actions refused
(403, an RFC 9457 problem naming the sanction), the allowed ones still work, and the sanction
lapse at its end. A refusal check that comes after the period has ended is not judged.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from ...messages import Message, msg
from ..assets.registry import Identity, Registry, metadata, run_nonce

SANCTION_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/sanction.json"
#: What each timed sanction the harness knows refuses, and what it leaves allowed.
REFUSED = {"mute": ("publish",), "suspension": ("publish", "act")}
ALLOWED = {"mute": ("read", "act"), "suspension": ("read",)}
#: Seconds past a sanction's end before the harness checks that it has lapsed (the platform's
#: clock and the harness's meet within it).
LAPSE_MARGIN_S = 1.0


def declared_sanctions(code: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The code of conduct's declared sanctions by ID (a schema-valid code)."""
    return {entry["id"]: entry for entry in code.get("sanctions", [])}


def period_for(spec: dict[str, Any], wanted_s: int) -> tuple[int, bool]:
    """The period to impose a sanction for: ``wanted_s`` within the declared bounds; and whether
    its lapse is waited for (the declared shortest period is no longer than ``wanted_s``)."""
    low, high = spec.get("min_period_s"), spec.get("max_period_s")
    if low is None or high is None:
        return wanted_s, True
    period = min(max(wanted_s, low, 1), high)
    return period, period <= wanted_s


def names_sanction(body: Any, sanction: str) -> bool:
    """An RFC 9457 problem names ``sanction``: its extension member ``sanction`` is it, or its type
    or detail holds it."""
    if not isinstance(body, dict):
        return False
    if body.get("sanction") == sanction:
        return True
    return any(isinstance(body.get(m), str) and sanction in body[m].lower() for m in ("type", "detail"))


@dataclass
class Actor:
    """One identity under test and the item it issued before its sanction."""

    registry: Registry
    who: Identity
    item: str
    issued: int = field(default=0)

    def do(self, action: str) -> Any:
        """publish (a new item), act (lock the item it holds) or read (the item)."""
        if action == "publish":
            self.issued += 1
            asset_id = f"{self.item}-after-{self.issued}"
            return self.registry.issue(self.who, metadata(asset_id, self.who.did))
        if action == "act":
            return self.registry.act(self.who, self.item, "lock")
        return self.registry.call("GET", self.registry.path(self.item), self.who)


def actor(api: Any, who: Identity, label: str) -> Actor | Message:
    """``who`` with an item it issued (before any sanction), or why the registry gave none."""
    registry = Registry(api)
    item = f"conformance-{run_nonce()}-{label}-{who.name}"
    response = registry.issue(who, metadata(item, who.did))
    if response.status != 201:
        return msg("interfaces.sanction-no-item", status=response.status)
    return Actor(registry, who, item)


def impose(api: Any, path: str, who: Identity, sanction: str, period: int) -> tuple[Any, float]:
    """Imposes ``sanction`` on ``who`` (sent as ``who``) for ``period`` seconds: the response and
    the monotonic time the request was sent at (the sanction began no earlier)."""
    sent = time.monotonic()
    response = Registry(api).call("POST", path, who, {"sanction": sanction, "duration_s": period})
    return response, sent


#: How findings name each action the harness takes.
ACTION_KEYS = {"publish": "interfaces.sanction-action-publish", "act": "interfaces.sanction-action-act",
               "read": "interfaces.sanction-action-read"}


def action_name(action: str) -> Message:
    return msg(ACTION_KEYS[action])
