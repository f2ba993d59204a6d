"""``discarding()``: within the block what is recorded is dropped without being built, and the
evidence around it is untouched (conformance._record.evidence)."""

from __future__ import annotations

from conformance import Evidence, current_evidence, discarding, recording


def _never_built():
    raise AssertionError("an exchange record was built inside discarding()")


def test_nothing_recorded_inside_the_block_is_built_or_kept():
    outer = Evidence()
    with recording(outer):
        with discarding():
            inner = current_evidence()
            assert inner is not outer
            for n in range(1000):
                inner.exchange_of("GET", f"http://127.0.0.1:1/assets/{n}", 200, _never_built)
            inner.finding("a departure the test reports itself", file="x")
            inner.note("a note")
            inner.series("chart", values=[1, 2, 3])
            assert inner.items == [] and inner.findings_count == 0
        assert current_evidence() is outer
        outer.note("after the block")
    assert [item["message"] for item in outer.items] == ["after the block"]


def test_a_state_machine_run_records_its_exchanges_nowhere(monkeypatch):
    """The registry's state machine drives thousands of exchanges inside the block: none
    reaches the test's evidence, whose record is the shrunk sequence or the note."""
    from conformance.areas.assets import stateful
    from conformance.areas.assets.sequences import Sequences

    seen = []

    def run_state_machine_as_test(machine, settings):
        seen.append(current_evidence())
        current_evidence().exchange_of("GET", "http://127.0.0.1:1/assets/a", 200, _never_built)
    monkeypatch.setattr(stateful, "run_state_machine_as_test", run_state_machine_as_test)
    evidence = Evidence()
    stateful.run_machine(stateful.RuleBasedStateMachine, Sequences(), evidence, random_seed=1, examples=1, steps=1)
    assert seen and seen[0] is not evidence
    assert [item["kind"] for item in evidence.items] == ["note"]
