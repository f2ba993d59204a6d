"""The reference registry's ledger: assets, their holders and their hash-chained histories.

Pure state, no HTTP: :mod:`.registry` maps requests onto it. Every mutation checks
its preconditions in one documented order (docs/assets.md, "Errors"): the asset exists
(404), it is not burned (409), the caller holds it (403), then the transfer rules: the
metadata's non-transferable flag, the minimum holding period and a lifecycle lock (409).
A refused mutation changes nothing. Planted defects (``DEFECTS``) bend single rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NoReturn

from ...codecs.jcs import sha256_hex
from .. import clock as reference_clock

DEFECTS: dict[str, str] = {
    "registry-list-ignores-owner": "GET /assets?owner= ignores the owner filter and lists every asset",
    "registry-transfer-by-anyone": "a transfer by someone who does not hold the asset is carried out",
    "registry-burned-transferable": "a burned asset can be transferred (it comes back to life)",
    "registry-holding-period-ignored": "transfers within the minimum holding period are carried out",
    "registry-lock-ignored": "a locked asset (lifecycle lock) can be transferred",
    "registry-state-ignores-transfer": "GET /assets/{id}/state reports the first holder after transfers",
    "registry-lock-ignored-after-transfer": "a lifecycle lock is not enforced on an asset that has "
    "changed hands before",
    "registry-burn-ignores-lock": "a locked asset can be burned (transfers of it are still refused)",
    "registry-relock-200": "locking a locked asset answers 200, not 409 (nothing changes)",
    "registry-lock-unreported": "GET /assets/{id}/state reports locked false while the asset is locked",
    "registry-lock-unrecorded": "lock and unlock change the state but add no event to the history",
    "registry-unlock-keeps-refusing": "after an unlock (200, state locked false) a transfer of the asset is still "
    "refused 409 as locked",
    "registry-unknown-transfer-409": "a transfer of an asset ID never issued gets 409, not 404",
    "registry-reissue-replaces": "issuing an asset ID again replaces the asset (201), not 409",
    "registry-reissue-409-replaces": "issuing an asset ID again answers 409 but replaces the asset, its caller "
    "the new holder",
    "registry-issue-held-by-registry": "an issued asset is held by the registry's issuer, not by its caller",
    "registry-burn-keeps-supply": "GET /assets/{id}/state reports supply 1 after a burn",
    "registry-burn-unrecorded": "a burn takes effect but adds no event to the history",
    "registry-issue-200": "issuing an asset answers 200, not 201 Created",
    "registry-history-misnamed": "GET /assets/{id}/history answers the events under `entries`, not `events` "
    "(off the asset-history schema)",
}


class Refused(Exception):
    """A mutation the rules refuse: HTTP status, problem kind and a human-readable detail."""

    def __init__(self, status: int, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.kind, self.detail = status, kind, detail


def now() -> str:
    return reference_clock.now().isoformat(timespec="microseconds").replace("+00:00", "Z")


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@dataclass
class Asset:
    metadata: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    owner: str | None = None
    first_owner: str | None = None
    locked: bool = False
    burned: bool = False
    held_since: str | None = None
    transfers: int = 0

    def state(self, defects: frozenset[str] = frozenset()) -> dict[str, Any]:
        owner = self.owner
        if "registry-state-ignores-transfer" in defects and not self.burned:
            owner = self.first_owner
        return {"asset_id": self.metadata["asset_id"], "owner": owner,
                "locked": self.locked and "registry-lock-unreported" not in defects,
                "burned": self.burned,
                "supply": 0 if self.burned and "registry-burn-keeps-supply" not in defects else 1}


class Assets(dict[str, Asset]):
    """The ledger's assets by ID, and ``events``: how many events they hold together, which numbers
    the next event (``evt-<events + 1>``). Kept as an asset is put, replaced or deleted (the
    reference's own ways: an import, a re-issue under a planted defect, a user's erasure) and as
    the ledger records or takes back an event, rather than summed over every asset at each event:
    that sum grew with a long-lived registry (the simulated week's some 3 000 assets, 16 % of its
    servers' CPU). The numbers are the sum's, repeats after a removal included. Other ways of
    changing the dict would bypass the count: refused."""

    def __init__(self) -> None:
        super().__init__()
        self.events = 0

    def __setitem__(self, asset_id: str, asset: Asset) -> None:
        replaced = self.get(asset_id)
        super().__setitem__(asset_id, asset)
        self.events += len(asset.events) - (len(replaced.events) if replaced is not None else 0)

    def __delitem__(self, asset_id: str) -> None:
        self.events -= len(self[asset_id].events)
        super().__delitem__(asset_id)

    def holds(self, asset: Asset) -> bool:
        """Whether ``asset`` itself (not an asset it replaced) is in the ledger: its events count."""
        return self.get(asset.metadata["asset_id"]) is asset

    def _uncounted(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("the ledger's assets change by item only (set or deleted): their events stay counted")

    pop = popitem = clear = update = setdefault = __ior__ = _uncounted


class Ledger:
    def __init__(self, issuer: str, defects: frozenset[str] = frozenset()) -> None:
        self.issuer = issuer
        self.defects = defects
        self.assets = Assets()

    # -- reading -----------------------------------------------------------------------

    def get(self, asset_id: str) -> Asset:
        if asset_id not in self.assets:
            raise Refused(404, "asset-not-found", f"no asset {asset_id}")
        return self.assets[asset_id]

    def owned_by(self, owner: str | None) -> list[Asset]:
        if owner is None or "registry-list-ignores-owner" in self.defects:
            return list(self.assets.values())
        return [a for a in self.assets.values() if a.owner == owner]

    # -- mutations ---------------------------------------------------------------------

    def _append(self, asset: Asset, kind: str, frm: str | None, to: str | None, actor: str,
                time: str | None = None, trade: dict[str, Any] | None = None) -> dict[str, Any]:
        event = {"type": kind, "asset_id": asset.metadata["asset_id"], "from": frm, "to": to,
                 "time": time or now(), "actor": actor,
                 "prev_hash": sha256_hex(asset.events[-1]) if asset.events else None,
                 "event_id": f"evt-{self.assets.events + 1:06d}"}
        if trade is not None:  # order, settlement, cancellation, refund (trading.py)
            event["trade"] = trade
        asset.events.append(event)
        if self.assets.holds(asset):
            self.assets.events += 1
        return event

    def _unrecord(self, asset: Asset) -> None:
        """The event just appended taken back (a planted defect's history without it)."""
        asset.events.pop()
        if self.assets.holds(asset):
            self.assets.events -= 1

    def issue(self, metadata: dict[str, Any], holder: str, actor: str, time: str | None = None) -> Asset:
        asset_id = metadata["asset_id"]
        exists = asset_id in self.assets
        if exists and not self.defects & {"registry-reissue-replaces", "registry-reissue-409-replaces"}:
            raise Refused(409, "asset-exists", f"asset {asset_id} was issued already; asset IDs are never reused")
        asset = Asset(metadata, owner=holder, first_owner=holder)
        self.assets[asset_id] = asset
        event = self._append(asset, "issue", None, holder, actor, time)
        asset.held_since = event["time"]
        if exists and "registry-reissue-409-replaces" in self.defects:
            raise Refused(409, "asset-exists", f"asset {asset_id} was issued already; asset IDs are never reused")
        return asset

    def _holder_acts(self, asset: Asset, caller: str, verb: str) -> None:
        if asset.burned and "registry-burned-transferable" in self.defects and verb == "transfer":
            return
        if asset.burned:
            raise Refused(409, "asset-burned", f"asset {asset.metadata['asset_id']} is burned")
        if asset.owner != caller and not ("registry-transfer-by-anyone" in self.defects and verb == "transfer"):
            raise Refused(403, "not-holder", f"only the holder of the asset may {verb} it")

    def _lock_enforced(self, asset: Asset) -> bool:
        if "registry-lock-ignored" in self.defects:
            return False
        return not ("registry-lock-ignored-after-transfer" in self.defects and asset.transfers > 0)

    def transfer(self, asset_id: str, caller: str, to: str) -> dict[str, Any]:
        if asset_id not in self.assets and "registry-unknown-transfer-409" in self.defects:
            raise Refused(409, "asset-not-found", f"no asset {asset_id}")
        asset = self.get(asset_id)
        self._holder_acts(asset, caller, "transfer")
        self.check_movable(asset)
        return self.move(asset, "transfer", to, caller)

    def check_movable(self, asset: Asset, ignore: frozenset[str] = frozenset()) -> None:
        """The transfer rules (metadata's non-transferable flag, minimum holding period) and a
        lifecycle lock; a transfer and a trade of the asset are refused (409) when one applies.
        ``ignore``: the refusals (by problem code) a planted defect of the market skips."""
        rule = asset.metadata.get("transfer") or {}
        if rule.get("locked") is True and "not-transferable" not in ignore:
            raise Refused(409, "not-transferable", "the asset's metadata marks it non-transferable")
        period = rule.get("min_holding_period_s") or 0
        if period and asset.held_since and "registry-holding-period-ignored" not in self.defects \
                and "holding-period" not in ignore:
            held = (reference_clock.now() - _time(asset.held_since)).total_seconds()
            if held < period:
                raise Refused(409, "holding-period", f"held {held:.0f} s of the {period} s minimum holding period")
        unlocked = "registry-unlock-keeps-refusing" in self.defects and any(e["type"] == "unlock" for e in asset.events)
        if (asset.locked and self._lock_enforced(asset) or unlocked) and "asset-locked" not in ignore:
            raise Refused(409, "asset-locked", "the asset is locked; unlock it first")

    def move(self, asset: Asset, kind: str, to: str, actor: str, trade: dict[str, Any] | None = None,
             ) -> dict[str, Any]:
        """Records a change of holder (a transfer, or a trade's settlement or refund)."""
        event = self._append(asset, kind, asset.owner, to, actor, trade=trade)
        asset.owner, asset.held_since, asset.burned = to, event["time"], False
        asset.transfers += 1
        return event

    def burn(self, asset_id: str, caller: str) -> dict[str, Any]:
        asset = self.get(asset_id)
        self._holder_acts(asset, caller, "burn")
        if asset.locked and self._lock_enforced(asset) and "registry-burn-ignores-lock" not in self.defects:
            raise Refused(409, "asset-locked", "the asset is locked; unlock it first")
        event = self._append(asset, "burn", asset.owner, None, caller)
        if "registry-burn-unrecorded" in self.defects:
            self._unrecord(asset)
        asset.owner, asset.burned = None, True
        return event

    def lock(self, asset_id: str, caller: str, locked: bool) -> dict[str, Any]:
        asset = self.get(asset_id)
        self._holder_acts(asset, caller, "lock" if locked else "unlock")
        if asset.locked and locked and "registry-relock-200" in self.defects:
            return asset.events[-1]
        if asset.locked == locked:
            raise Refused(409, "lock-state", "the asset is already " + ("locked" if locked else "unlocked"))
        event = self._append(asset, "lock" if locked else "unlock", asset.owner, None, caller)
        if "registry-lock-unrecorded" in self.defects:
            self._unrecord(asset)
        asset.locked = locked
        return event

    # -- seeding -----------------------------------------------------------------------

    def replay(self, metadata: dict[str, dict[str, Any]], events: list[dict[str, Any]]) -> None:
        """Load a recorded history (the sample ledger) for the assets that have metadata."""
        for event in events:
            asset_id = event["asset_id"]
            if asset_id not in metadata:
                continue
            if event["type"] == "issue":
                self.issue(metadata[asset_id], event["to"], event["actor"], event["time"])
                continue
            asset = self.assets[asset_id]
            stored = self._append(asset, event["type"], event["from"], event["to"], event["actor"], event["time"],
                                  event.get("trade"))
            if event["type"] in ("transfer", "settlement", "refund"):
                asset.owner, asset.held_since = event["to"], stored["time"]
                asset.transfers += 1
            elif event["type"] in ("lock", "unlock"):
                asset.locked = event["type"] == "lock"
            elif event["type"] == "burn":
                asset.owner, asset.burned = None, True
