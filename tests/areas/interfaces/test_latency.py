"""IF-LAT-001's percentiles are NumPy's default percentiles, computed without NumPy."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.areas.interfaces.latency import percentile


@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=60),
       st.sampled_from([0, 5, 50, 90, 95, 99, 100]))
def test_a_percentile_is_numpys_linear_percentile(values, q):
    assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)), rel=1e-12, abs=1e-9)


def test_the_95th_percentile_of_twenty_samples_lies_between_the_two_largest():
    samples = [float(n) for n in range(1, 21)]  # 1 .. 20 ms
    assert percentile(samples, 95) == pytest.approx(19.05)
    assert percentile(samples, 50) == pytest.approx(10.5)


def test_no_samples_is_an_error_not_a_number():
    with pytest.raises(ValueError):
        percentile([], 95)
