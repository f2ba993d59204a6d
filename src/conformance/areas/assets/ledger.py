"""The harness's model of an asset registry's ledger: what each request should do.

Used two ways: :func:`replayed_state` derives an asset's state (holder, burned, locked,
supply) from its history alone, as ERC-1155 asks balances to be derivable from events; and
:class:`LedgerModel` predicts the answer to every mutation the stateful test sends, so the
target's answers and state can be compared with it after each step.

The order in which a registry checks a mutation is the one docs/assets.md documents: the
asset exists (404), is not burned (409), the caller holds it (403), the transfer rules and
a lifecycle lock allow it (409). Where two refusals apply at once, either status is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject

OK = frozenset({200})


def replayed_state(events: JsonArray) -> JsonObject:
    """holder, burned, locked and supply after the events (well-formed ones; the chain
    checks report the others)."""
    state: JsonObject = {"owner": None, "burned": False, "locked": False, "supply": 0}
    for event in events:
        if not isinstance(event, dict):
            continue
        kind = event.get("type")
        if kind == "issue":
            state.update(owner=event.get("to"), supply=1)
        elif kind in ("transfer", "settlement", "refund"):
            state["owner"] = event.get("to")
        elif kind in ("lock", "unlock"):
            state["locked"] = kind == "lock"
        elif kind == "burn":
            state.update(owner=None, burned=True, supply=0)
    return state


@dataclass
class ModelAsset:
    owner: str | None
    locked_flag: bool = False  # transfer.locked in the metadata
    holding: bool = False  # a minimum holding period that outlasts the test
    locked: bool = False  # a lifecycle lock
    burned: bool = False

    def state(self) -> JsonObject:
        return {"owner": self.owner, "burned": self.burned, "locked": self.locked,
                "supply": 0 if self.burned else 1}


class LedgerModel:
    """Assets the test issued, and the statuses each mutation may answer."""

    def __init__(self) -> None:
        self.assets: dict[str, ModelAsset] = {}

    def _refusal(self, asset_id: str, caller: str) -> frozenset[int] | None:
        asset = self.assets.get(asset_id)
        if asset is None:
            return frozenset({404})
        if asset.burned:
            return frozenset({409})
        if asset.owner != caller:
            return frozenset({403, 409}) if asset.locked else frozenset({403})
        return None

    def transfer(self, asset_id: str, caller: str, to: str) -> frozenset[int]:
        refused = self._refusal(asset_id, caller)
        if refused:
            return refused
        asset = self.assets[asset_id]
        if asset.locked_flag or asset.holding or asset.locked:
            return frozenset({409})
        asset.owner = to
        return OK

    def burn(self, asset_id: str, caller: str) -> frozenset[int]:
        refused = self._refusal(asset_id, caller)
        if refused:
            return refused
        asset = self.assets[asset_id]
        if asset.locked:
            return frozenset({409})
        asset.owner, asset.burned = None, True
        return OK

    def lock(self, asset_id: str, caller: str, locked: bool) -> frozenset[int]:
        refused = self._refusal(asset_id, caller)
        if refused:
            return refused
        asset = self.assets[asset_id]
        if asset.locked == locked:
            return frozenset({409})
        asset.locked = locked
        return OK
