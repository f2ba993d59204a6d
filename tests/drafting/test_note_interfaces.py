"""Issue 74: the explanatory note says which interfaces the document defines where the seeds define
none, which requirements use each, and which only a test deployment offers."""

from __future__ import annotations

from conformance.drafting.contracts import named_operations
from conformance.drafting.writer import load_data, normative


def test_the_note_lists_every_operation_of_the_interface_annex(catalog, note, note_en):
    # with the cases' steps, as annex D reads them: a step reaching an operation through its discovery member
    # brings it in (fifty-fourth reading b1, IF-RISK-004's review records and agent listing)
    used, _ = named_operations(catalog, [r for r in catalog.requirements.values() if normative(r)],
                               load_data(catalog).procedures)
    for lang, blocks in (("zh", note), ("en", note_en)):  # the session's notes (tests/drafting/conftest.py)
        at = next(i for i, b in enumerate(blocks) if b.anchor == "note-3-3")
        table = next(b for b in blocks[at:] if b.kind == "table")
        listed = {row[0].replace("`", ""): row for row in table.rows[1:]}
        assert len(listed) == len(used) > 0
        for op in used:
            row = listed[f"{op.method} {op.path}"]
            assert all(req in row[1] for req in op.requirements)
            assert row[2] == ({"zh": "是", "en": "yes"} if op.test_only else {"zh": "否", "en": "no"})[lang]
    assert any(op.test_only for op in used), "the test clock and test identities are test-only operations"
