"""The reference ledger numbers each event by how many events its assets hold together
(``evt-<n + 1>``). The count is kept as the assets change (reference/assets/ledger.py ``Assets``)
instead of summed over every asset at each event, a cost that grew with the simulated week's
long-lived registry; the numbers must stay the sum's, in every way the reference changes its
assets: events recorded and taken back (planted defects), an asset replaced by a re-issue, an
asset deleted (a user's erasure) or put in with its history (an import)."""

from __future__ import annotations

import pytest

from conformance.reference.assets.ledger import Asset, Assets, Ledger, Refused

A, B = "did:web:a.example", "did:web:b.example"


def _meta(asset_id: str) -> dict:
    return {"asset_id": asset_id, "transfer": {"locked": False}}


def _summed(ledger: Ledger) -> int:
    return sum(len(asset.events) for asset in ledger.assets.values())


class _SummedAssets(Assets):
    """The count as the ledger once had it: summed over every asset whenever it is read."""

    @property  # type: ignore[override]
    def events(self) -> int:
        return sum(len(asset.events) for asset in self.values())

    @events.setter
    def events(self, value: int) -> None:
        pass


def _drive(ledger: Ledger) -> list[str]:
    """Every way the reference changes its ledger's assets, in turn; each event's ID as numbered."""
    numbered = []
    for name in ("x", "y", "z"):
        numbered.append(ledger.issue(_meta(name), A, A).events[-1]["event_id"])
    numbered.append(ledger.transfer("x", A, B)["event_id"])
    numbered.append(ledger.lock("y", A, True)["event_id"])  # recorded, then taken back (registry-lock-unrecorded)
    numbered.append(ledger.burn("z", A)["event_id"])  # the same (registry-burn-unrecorded)
    numbered.append(ledger.issue(_meta("x"), A, A).events[-1]["event_id"])  # x replaced (registry-reissue-replaces)
    del ledger.assets["y"]  # a user's erasure (interfaces/userdata.py)
    # an import keeps its history (assets/portability.py)
    ledger.assets["w"] = Asset(_meta("w"), events=[{"event_id": "evt-elsewhere-1"}, {"event_id": "evt-elsewhere-2"}],
                               owner=B)
    numbered.append(ledger.transfer("w", B, A)["event_id"])
    numbered.append(ledger.transfer("x", A, B)["event_id"])
    assert ledger.assets.events == _summed(ledger)
    return numbered


def test_every_event_is_numbered_as_the_sum_of_the_ledgers_events_was():
    defects = frozenset({"registry-reissue-replaces", "registry-burn-unrecorded", "registry-lock-unrecorded"})
    counted, summed = Ledger("did:web:issuer.example", defects), Ledger("did:web:issuer.example", defects)
    summed.assets = _SummedAssets()
    numbered = _drive(counted)
    assert numbered == _drive(summed)
    assert len(set(numbered)) < len(numbered)  # the sum repeats numbers after a removal, as before
    histories = [{k: [e["event_id"] for e in a.events] for k, a in ledger.assets.items()}
                 for ledger in (counted, summed)]
    assert histories[0] == histories[1]


def test_an_asset_replaced_keeps_no_count_of_events_added_to_it_afterwards():
    ledger = Ledger("did:web:issuer.example", frozenset({"registry-reissue-409-replaces"}))
    old = ledger.issue(_meta("x"), A, A)
    with pytest.raises(Refused):
        ledger.issue(_meta("x"), B, B)  # 409, yet replaced
    ledger._append(old, "transfer", A, B, A)  # a request that held the replaced asset: outside the sum
    assert ledger.assets.events == _summed(ledger) == 1


@pytest.mark.parametrize("change", [lambda assets: assets.pop("x"), lambda assets: assets.update({}),
                                    lambda assets: assets.clear(), lambda assets: assets.setdefault("x", None),
                                    lambda assets: assets.popitem()])
def test_the_assets_change_by_item_only(change):
    ledger = Ledger("did:web:issuer.example")
    ledger.issue(_meta("x"), A, A)
    with pytest.raises(TypeError):
        change(ledger.assets)
    assert ledger.assets.events == _summed(ledger) == 1
