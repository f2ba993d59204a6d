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


def test_each_frame_of_a_fragmented_stream_is_found_and_a_whole_one_has_none():
    """SC-RENDER-002 R4: a frame has arrived when its movie fragment has; the reference's stream
    holds one fragment a frame, and a stream cut short or not fragmented yields no frame ends."""
    from conformance.areas.scenes.arrivals import frame_ends, late_frames
    from conformance.reference import cloudrender as served

    parts = list(served.fragments(160, 90, 6, 60, frozenset()))
    data = b"".join(parts)
    ends = frame_ends(data)
    assert len(ends) == 6 and ends == sorted(ends) and ends[-1] < len(data)
    assert frame_ends(data[:ends[2] - 1]) == ends[:2]  # the third frame's fragment not yet whole
    assert frame_ends(b"\x00\x00\x00\x10ftypisom\x00\x00\x00\x00") == []
    # due at 0.3 s + n / 60: the third frame 10 ms late, the others in time
    assert late_frames([0.05, 0.31, 0.3433 + 0.01, 0.35], 0.3, 60) == [(2, 0.3533, 0.3 + 2 / 60)]


def test_the_reference_draws_a_display_frame_as_the_harness_does_and_its_defect_does_not():
    """SC-RENDER-004: the reference's fast drawing of display frames (its background drawn once a size,
    the box painted on a copy) is the scene the harness compares with, and render-upscaled's background
    is not; at a quarter of 1920 x 1080 each way (the drawing is the same at every size) to stay cheap."""
    import numpy as np

    from conformance.reference import cloudrender as served

    width, height, frames = 480, 272, 24
    want = np.round(cloudrender.scene_frame(width, height, 12, frames) * 255).astype(np.uint8)
    assert (served._grey_frame(width, height, 12, frames, None) == want).all()
    good = served._studio_planes(width, height, False)[:height]
    upscaled = served._studio_planes(width, height, True)[:height]
    assert good.shape == upscaled.shape == (height, width)
    assert (good != upscaled).mean() > 0.1  # the floor's 8-pixel squares, drawn at a quarter size, are 32 pixels
