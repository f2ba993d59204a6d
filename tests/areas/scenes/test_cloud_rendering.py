"""Annex E's test scene, a user's input to it and the frame-interval check of SC-RENDER-001..003
(areas/scenes/cloudrender.py)."""

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


def test_an_input_places_the_box_and_the_harness_and_reference_draw_it_alike():
    """SC-RENDER-003's reference picture: the box where the input put it, in every frame, drawn by
    the harness as the reference draws it (their two drawings of annex D's scene must agree)."""
    from conformance.reference import cloudrender as served

    width, height, box_w = 160, 96, 32
    for box in cloudrender.INPUTS:
        moved = cloudrender.scene_frame(width, height, 0, 1, box)
        left = round(box * (width - box_w))
        assert (moved[32, left:left + box_w] == 0.85).all() and moved[32, left - 1] != 0.85
        assert abs(moved - served.scene_frame(width, height, 0, 1, box)).max() < 1e-12
    # without an input a one-frame stream has the box at the left end, where no input puts it
    assert cloudrender.scene_frame(width, height, 0, 1)[32, 0] == 0.85
    assert all(cloudrender.scene_frame(width, height, 0, 1, box)[32, 0] != 0.85 for box in cloudrender.INPUTS)
