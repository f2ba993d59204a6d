"""The core records no rule of its own (issue 76, the thirty-sixth reading's a9): a schema, parse or
mandatory finding's ``rule`` is the R-number its caller passes, or None; the schema keyword, the
parse defect or "mandatory" is the finding's ``check``."""

from __future__ import annotations

from tests.areas.rule_tags import core_sources, offending_in


def test_the_core_records_no_rule_but_an_r_number():
    assert offending_in(core_sources()) == []
