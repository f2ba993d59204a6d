"""The registry and its market against their models, driven by random operation sequences:
AS-REG-005, the registry against a model of its ledger (the machine:
conformance.areas.assets.stateful), and AS-TRADE-007, the market against a model of its orders
(conformance.areas.assets.trading_stateful). Both run at the profile's budget and seed."""

from __future__ import annotations

import pytest

from conformance import Evidence, Parameters, Targets
from conformance.areas._shared.registry import Session
from conformance.areas._shared.trading import price_currency, terms
from conformance.areas.assets.sequences import Sequences
from conformance.areas.assets.stateful import machine_for, run_machine
from conformance.areas.assets.trading_stateful import trading_machine_for


@pytest.mark.requirement("AS-REG-005")
def test_registry_follows_its_ledger_model(targets: Targets, evidence: Evidence, params: Parameters,
                                           features: frozenset[str]):
    s = Session(targets, params.identity_path, count=max(2, params.stateful_identities))
    lock = "lifecycle-lock" in features
    log = Sequences()
    run_machine(machine_for(s, lock, log), log, evidence, random_seed=params.stateful_seed,
                examples=params.stateful_examples, steps=params.stateful_steps, lifecycle_lock=lock)


@pytest.mark.requirement("AS-TRADE-007")
def test_market_follows_its_model(targets: Targets, evidence: Evidence, params: Parameters, features: frozenset[str]):
    s = Session(targets, params.identity_path, count=max(2, params.stateful_identities))
    declared = terms(targets["api"])
    currency = price_currency(declared)
    lock = "lifecycle-lock" in features
    log = Sequences()
    run_machine(trading_machine_for(s, lock, currency, log, declared), log, evidence, random_seed=params.stateful_seed,
                examples=params.stateful_examples, steps=params.stateful_steps, lifecycle_lock=lock)
