"""AS-REG-005: the registry against a model of its ledger, driven by random operation
sequences (the machine: conformance.areas.assets.stateful)."""

from __future__ import annotations

import pytest

from conformance import Evidence, Parameters, Targets
from conformance.areas._shared.registry import Session
from conformance.areas.assets.sequences import Sequences
from conformance.areas.assets.stateful import machine_for, run_machine


@pytest.mark.requirement("AS-REG-005")
def test_registry_follows_its_ledger_model(targets: Targets, evidence: Evidence, params: Parameters,
                                           features: frozenset[str]):
    s = Session(targets, params.identity_path, count=max(2, params.stateful_identities))
    lock = "lifecycle-lock" in features
    log = Sequences()
    run_machine(machine_for(s, lock, log), log, evidence, random_seed=params.stateful_seed,
                examples=params.stateful_examples, steps=params.stateful_steps, lifecycle_lock=lock)
