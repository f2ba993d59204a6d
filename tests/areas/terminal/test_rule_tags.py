"""Every rule the terminal checks record is an R-number of their requirement's rules or none
(issue 76, the thirty-sixth reading's a9; the scan: tests/areas/rule_tags.py)."""

from tests.areas.rule_tags import offending


def test_the_terminal_checks_record_r_numbers_or_no_rule():
    assert offending("terminal") == []
