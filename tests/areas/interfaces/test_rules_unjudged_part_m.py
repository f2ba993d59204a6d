"""Rules the interfaces checks could not judge, left inconclusive rather than passed (issue 76, the thirty-second
reading's rows a16 and a17, docs/drafting.md "Leftovers of the thirty-second reading, part m"): IF-CODE-006's R3
when no declared sanction gives a longest period, IF-CODE-009's R4 when the user who blocked is given no snapshot.
Each ran pass before the fix."""

from __future__ import annotations

import pytest

from conformance.areas.interfaces import sessions
from conformance.reference.interfaces import moderation


def _judged(catalog, run_manifest, base_url: str, profile: str, requirement: str):
    """The report's record of ``requirement`` run on the reference at ``base_url``."""
    from tests.conftest import manifest_for

    manifest = manifest_for(catalog, profile, base_urls={"api": base_url})
    result = run_manifest(manifest, requirements=[requirement])
    return next(r for r in result.report.requirements if r.requirement == requirement)


@pytest.mark.slow
def test_if_code_006_without_a_longest_period_is_inconclusive_naming_the_permanence_rule(
        catalog, serve_reference, run_manifest, monkeypatch):
    for spec in moderation.DECLARED.values():  # the reference's code of conduct, served from this dict
        for bound in ("min_period_s", "max_period_s"):  # the schema asks for both or neither
            if bound in spec:
                monkeypatch.delitem(spec, bound)
    record = _judged(catalog, run_manifest, serve_reference([]), "interfaces-reporting", "IF-CODE-006")
    assert record.verdict.value == "inconclusive", record.message
    assert "rule R3" in record.message and "max_period_s" in record.message


@pytest.mark.slow
def test_if_code_009_without_the_blockers_snapshot_is_inconclusive_naming_r4(catalog, serve_reference, run_manifest,
                                                                              monkeypatch):
    run = sessions.run

    def without_snapshots(*args, **kwargs):  # every session.snapshot answered with an error: none is given
        record = run(*args, **kwargs)
        record.snapshots = {i: None for i in record.snapshots}
        return record

    monkeypatch.setattr(sessions, "run", without_snapshots)
    record = _judged(catalog, run_manifest, serve_reference([]), "interfaces-sessions", "IF-CODE-009")
    assert record.verdict.value == "inconclusive", record.message
    assert "R4" in record.message and "snapshot" in record.message


@pytest.mark.slow
def test_if_code_009_without_a_snapshot_still_fails_a_block_that_relays_states(catalog, serve_reference,
                                                                                run_manifest, monkeypatch):
    run = sessions.run

    def without_snapshots(*args, **kwargs):
        record = run(*args, **kwargs)
        record.snapshots = {}
        return record

    monkeypatch.setattr(sessions, "run", without_snapshots)
    record = _judged(catalog, run_manifest, serve_reference(["block-updates-relayed"]), "interfaces-sessions",
                     "IF-CODE-009")
    assert record.verdict.value == "fail", record.message
