"""The fifty-seventh reading (issue 76), rows the lead fixed: d1, ID-MFA-003's `assertion-options` call fell out of
annex D (and out of 三（四）'s count) when version 1.4 dropped the path from its statement, because a step's call entered
annex D only for an operation some requirement's text already named (docs/drafting.md, "### Fifty-seventh reading")."""

from __future__ import annotations

from conformance.drafting.contracts import _matches, _steps_taken, named_operations, operations, step_named
from conformance.drafting.writer import load_data, normative


def test_d1_every_contract_operation_a_step_sends_is_in_annex_d(catalog):
    """The class: an operation of the contracts that a normative case's steps send by method and path is listed in
    annex D with that case, whether or not any requirement's text names it."""
    kept = [req for req in catalog.requirements.values() if normative(req)]
    procedures = load_data(catalog).procedures
    listed, _ = named_operations(catalog, kept, procedures)
    by_call = {(op.method, op.path): op.requirements for op in listed}
    unlisted = []
    for req in kept:
        for method, path in step_named(_steps_taken(procedures, req.id)):
            for op in operations(catalog):
                if op.method == method and _matches(op.path, path) \
                        and req.id not in by_call.get((op.method, op.path), ()):
                    unlisted.append((req.id, method, op.path))
    assert unlisted == []
    assert "ID-MFA-003" in by_call[("POST", "/1.0/auth/webauthn/assertion-options")]
