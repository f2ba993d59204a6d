"""Annex E's test scene and the frame-interval check of SC-RENDER-001/002 (areas/scenes/cloudrender.py)."""

from __future__ import annotations

from conformance.areas.scenes import cloudrender


def test_the_test_scene_moves_its_box_across_and_stays_in_range():
    first, last = (cloudrender.scene_frame(160, 96, n, 10) for n in (0, 9))
    assert first.shape == (96, 160) and 0 <= first.min() and first.max() <= 1
    box = 0.85
    assert (first[32, :32] == box).all() and (last[32, -32:] == box).all()


def test_intervals_off_by_more_than_ten_percent_are_named():
    assert cloudrender.interval_errors([0.0, 0.1, 0.2, 0.3], 10) == []
    assert cloudrender.interval_errors([0.0, 0.1, 0.25, 0.3], 10) == [(2, 0.15), (3, 0.05)]
    assert cloudrender.interval_errors([0.0, 0.109, 0.2], 10) == []  # within 10 %
