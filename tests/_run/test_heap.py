"""The heap while a run's suites execute (conformance._run.surroundings.frozen_heap): the
youngest generation is collected less often, and the collector is left as it was found."""

from __future__ import annotations

import gc

import pytest

from conformance._run.surroundings import RUN_GEN0_THRESHOLD, frozen_heap


@pytest.fixture
def thresholds():
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def test_the_youngest_generation_is_collected_less_often_during_a_run(thresholds):
    with frozen_heap():
        assert gc.get_threshold() == (RUN_GEN0_THRESHOLD, *thresholds[1:])
    assert gc.get_threshold() == thresholds


def test_the_thresholds_come_back_when_the_run_raises(thresholds):
    with pytest.raises(RuntimeError), frozen_heap():
        raise RuntimeError("a run that broke")
    assert gc.get_threshold() == thresholds


def test_a_caller_collecting_less_often_already_keeps_its_threshold(thresholds):
    gc.set_threshold(10 * RUN_GEN0_THRESHOLD, *thresholds[1:])
    with frozen_heap():
        assert gc.get_threshold()[0] == 10 * RUN_GEN0_THRESHOLD
    assert gc.get_threshold()[0] == 10 * RUN_GEN0_THRESHOLD
