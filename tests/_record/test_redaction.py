"""Evidence is redacted and clipped in one walk (``Redactor.clipped``), exactly as redacting
then clipping did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conformance._record.redaction import MAX_MEMBERS, Redactor, clip

SECRET = "s3cr3t-token-value"
TEXT = st.text(alphabet="ab*\u00e9 " + SECRET[:7], max_size=30) | st.sampled_from([SECRET, f"x{SECRET}y", SECRET[:9]])
LEAVES = TEXT | st.integers() | st.none() | st.booleans() | st.floats(allow_nan=False)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=6) | st.tuples(inner, inner)
    | st.dictionaries(TEXT | st.integers(), inner, max_size=6),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(value=VALUES, limit=st.integers(1, 12), items=st.integers(0, 5))
def test_clipped_is_clip_of_the_redacted_value(value, limit, items):
    redactor = Redactor([SECRET, "ab*"])
    assert redactor.clipped(value, limit, items) == clip(redactor.value(value), limit, items)


def test_a_wide_object_keeps_the_first_members_of_the_redacted_one():
    redactor = Redactor([SECRET])
    wide = {f"{SECRET}{i % 3}" if i < 5 else f"k{i}": i for i in range(MAX_MEMBERS + 50)}
    assert redactor.clipped(wide) == clip(redactor.value(wide))
    assert len(redactor.clipped(wide)) == MAX_MEMBERS
