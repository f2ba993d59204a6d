"""The forty-third reading, part h95-basisT (docs/drafting.md, "Forty-third reading, part h95-basisT"): the rows of the
编制说明's 三（三） for the terminal area that part h95-basis flagged for the drafting group, 29 of its 48. Each listed
number now stands in a quoted sentence of the notes giving its basis: the count a cited specification defines (OpenXR's
joint, weight and confidence counts), GB/T 36008—2018's 140 N, or the document's own figure with its reason. Each test
fails on the draft as it was before."""

from __future__ import annotations

from conformance.drafting.writer import Block

from .test_reading_fortythird_h95basis import _FLAG, _limits

#: the rows the part took, each flagged before it
_ROWS = ("TD-ACC-005", "TD-AUD-006", "TD-BCI-006", "TD-BODY-004", "TD-BODY-005", "TD-CAP-001", "TD-DISP-001",
         "TD-DISP-005", "TD-DISP-009", "TD-DISP-011", "TD-FACE-001", "TD-FACE-002", "TD-FACE-005", "TD-FACE-007",
         "TD-FORCE-002", "TD-GAZE-006", "TD-HAND-001", "TD-HAND-004", "TD-HAPT-004", "TD-HOLO-002", "TD-PERF-003",
         "TD-PERF-005", "TD-RATE-002", "TD-RATE-003", "TD-RUN-003", "TD-RUN-006", "TD-TACT-001", "TD-TACT-003",
         "TD-TACT-005")


def test_no_terminal_row_is_left_for_the_drafting_group(note: list[Block], note_en: list[Block]):
    """Every row of the terminal area quotes the notes and names no number as their gap, in both languages."""
    for blocks, gap in ((note, _FLAG), (note_en, None)):
        rows = _limits(blocks)
        for req, (_, basis) in rows.items():
            if not req.startswith("TD-"):
                continue
            assert not (gap.search(basis) if gap else "for the drafting group to add" in basis), (req, basis)
        assert all(rows[req][1].startswith(("附注：", "Notes: ")) for req in _ROWS)


def test_a_count_a_specification_defines_is_quoted_with_its_constant(note: list[Block]):
    """The joint, weight and confidence counts are the OpenXR extensions' own constants, and 140 N GB/T 36008—2018
    annex A's (ISO/TS 15066 adopted): the quote names the constant or the annex, not only the document cited."""
    rows = _limits(note)
    for req, source in (("TD-HAND-001", "`XR_HAND_JOINT_COUNT_EXT` 为 26"),
                        ("TD-CAP-001", "`XR_HAND_JOINT_COUNT_EXT` 为 26"),
                        ("TD-RUN-003", "`XR_HAND_JOINT_COUNT_EXT` 为 26"),
                        ("TD-BODY-004", "`XR_BODY_JOINT_COUNT_FB` 为 70"),
                        ("TD-RUN-006", "`XR_FACE_CONFIDENCE2_COUNT_FB` 为 2"),
                        ("TD-FACE-001", "`XR_FACIAL_EXPRESSION_LIP_COUNT_HTC`（37）"),
                        ("TD-FORCE-002", "GB/T 36008—2018 附录 A")):
        assert source in rows[req][1], (req, rows[req][1])
