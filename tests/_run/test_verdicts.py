"""Verdict rules: classification, aggregation, profile outcomes, exit codes."""

from __future__ import annotations

import pytest

from conformance._catalog.model import Level, Outcome, Verdict
from conformance._run.verdicts import aggregate, classify, exit_code, profile_outcome
from conformance.errors import Inconclusive, NonConformance, NotApplicable, TargetUnreachable

P, F, E, NA = Verdict.PASS, Verdict.FAIL, Verdict.ERROR, Verdict.NOT_APPLICABLE
INC = Verdict.INCONCLUSIVE


@pytest.mark.parametrize(
    ("exc", "verdict"),
    [
        (None, P),
        (AssertionError("x"), F),
        (NonConformance("x"), F),
        (TargetUnreachable("x"), E),
        (KeyError("x"), E),
        (Inconclusive("x"), INC),
        (NotApplicable("x"), NA),
    ],
)
def test_classify(exc, verdict):
    assert classify(exc) is verdict


def test_pytest_skip_is_inconclusive_and_pytest_fail_is_fail():
    with pytest.raises(BaseException) as skipped:
        pytest.skip("nothing to check")
    with pytest.raises(BaseException) as failed:
        pytest.fail("bad")
    assert classify(skipped.value) is INC
    assert classify(failed.value) is F


@pytest.mark.parametrize(
    ("verdicts", "expected"),
    [
        ([P, P], P),
        ([P, F], F),
        ([E, F], F),
        ([F, INC, E], F),
        ([P, E], E),
        ([P, INC], INC),
        ([NA, P], P),
        ([NA], NA),
        ([], E),
    ],
)
def test_aggregate_fail_dominates(verdicts, expected):
    assert aggregate(verdicts) is expected


MUST, SHOULD = Level.MUST, Level.SHOULD


def test_profile_conformant_when_every_must_passes():
    outcome, blocking = profile_outcome({"A": (MUST, P), "B": (SHOULD, F), "C": (MUST, NA)}, [MUST])
    assert outcome is Outcome.CONFORMANT and blocking == []


def test_profile_not_conformant_names_the_failing_musts():
    outcome, blocking = profile_outcome({"A": (MUST, F), "B": (MUST, E), "C": (SHOULD, F)}, [MUST])
    assert outcome is Outcome.NOT_CONFORMANT and blocking == ["A"]


def test_profile_incomplete_when_a_must_is_undecided_or_not_run():
    assert profile_outcome({"A": (MUST, P), "B": (MUST, E)}, [MUST])[0] is Outcome.INCOMPLETE
    assert profile_outcome({"A": (MUST, P), "B": (MUST, INC)}, [MUST])[0] is Outcome.INCOMPLETE
    assert profile_outcome({"A": (MUST, P), "B": (MUST, None)}, [MUST])[0] is Outcome.INCOMPLETE
    assert profile_outcome({"A": (MUST, P)}, [MUST], complete=False)[0] is Outcome.INCOMPLETE


def test_stricter_pass_rule_makes_should_failures_fatal():
    outcome, blocking = profile_outcome({"A": (MUST, P), "B": (SHOULD, F)}, [MUST, SHOULD])
    assert outcome is Outcome.NOT_CONFORMANT and blocking == ["B"]


def test_a_declaration_check_decides_no_outcome_whatever_its_level():
    """Issue 70: a requirement that reads only what the product declares (measures: declared) is
    reported, never counted: its failure blocks nothing, its error leaves nothing incomplete, even
    at a level the pass rule requires or when a plan promotes it."""
    verdicts = {"A": (MUST, P), "D": (MUST, F), "E": (SHOULD, E)}
    assert profile_outcome(verdicts, [MUST, SHOULD], declared=["D", "E"]) == (Outcome.CONFORMANT, [])
    assert profile_outcome(verdicts, [MUST], promoted=["D"], declared=["D", "E"]) == (Outcome.CONFORMANT, [])
    # counted without it: the same verdicts make the profile not conformant
    assert profile_outcome(verdicts, [MUST, SHOULD]) == (Outcome.NOT_CONFORMANT, ["D"])


def test_exit_codes():
    assert exit_code([Outcome.CONFORMANT, Outcome.CONFORMANT]) == 0
    assert exit_code([Outcome.CONFORMANT, Outcome.NOT_CONFORMANT, Outcome.INCOMPLETE]) == 1
    assert exit_code([Outcome.CONFORMANT, Outcome.INCOMPLETE]) == 3
