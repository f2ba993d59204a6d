"""The sixty-first reading, row cx1 (part h122-lim): TD-BCI-007's test procedure asks for the shorted span, the
common-mode and the series set-ups, but a capture declaring none of them passed with R4 to R6 never judged (the
inconclusive line covered only set-ups declared and not recorded). A set-up not declared is now recorded unjudged,
naming it and its rule, so an otherwise passing run is inconclusive. Each test fails against the check before the
fix (the run passed, the measurement named nothing missing)."""

from __future__ import annotations

import pytest

from conformance.areas.terminal import analyse, calibration
from tests.areas.terminal.test_streams_unjudged import _edited
from tests.conftest import captures_verdict

_RULES = {"shorted": "R4", "common_mode": "R5", "series": "R6"}


def _without(tmp_path, setups: tuple[str, ...]):
    def drop(streams: dict) -> None:
        for setup in setups:
            del streams["eeg_bench"]["calibration_signal"][setup]
    return _edited("bci-calibration.ndjson.gz", tmp_path / "undeclared.ndjson", header=drop)


@pytest.mark.parametrize("setups", [("shorted",), ("common_mode",), ("series",), tuple(_RULES)])
def test_td_bci_007_a_set_up_not_declared_is_inconclusive_naming_it(tmp_path, catalog, run_manifest, setups):
    """The reference calibration recording with set-ups left out of its declaration: each one missing is named with
    its rule and the run is inconclusive, not a pass."""
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-bci", "TD-BCI-007", [_without(tmp_path, setups)])
    assert verdict == "inconclusive", (verdict, text)
    for setup in setups:
        assert f"the {setup} set-up the test procedure asks for is not declared" in text, text
        assert f"rule {_RULES[setup]} not judged" in text, text


def test_the_measurement_names_each_set_up_not_declared(tmp_path):
    """calibration.measure names the set-ups not declared, apart from those declared and not measured."""
    path = _without(tmp_path, ("common_mode", "series"))
    with open(path, "rb") as handle:
        got = calibration.measure(analyse(handle).streams["eeg_bench"])
    assert got.undeclared == (("common_mode", "R5"), ("series", "R6")) and got.unjudged == ()
