"""Sixty-ninth reading, h133-ocaps3: a ring longer than solids.MAX_RING is tested for a folded projection (val3dity
104) too, by a grid, with the verdict of the pairwise test."""

import numpy as np

from conformance.areas.scenes import solids_fast


def _ring(n, fold):
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    xy = np.stack([np.cos(t), np.sin(t)], axis=1) * 100
    if fold:
        xy[n // 2] = xy[3] + 1e-9  # a distinct vertex projected onto another's place
    return xy, np.arange(n)


def test_a_long_ring_is_tested_for_a_fold():
    xy, ids = _ring(5000, fold=True)
    assert solids_fast.folded_large(xy, ids, 1e-6)
    xy, ids = _ring(5000, fold=False)
    assert not solids_fast.folded_large(xy, ids, 1e-6)


def test_the_grid_and_the_pairwise_test_agree():
    rng = np.random.default_rng(7)
    for _ in range(50):
        xy = rng.integers(0, 6, size=(40, 2)).astype(float) * 0.5
        ids = rng.integers(0, 30, size=40)
        near = np.linalg.norm(xy[:, None, :] - xy[None, :, :], axis=2) < 0.6
        pairwise = bool(np.any(near & (ids[:, None] != ids[None, :])))
        assert solids_fast.folded_large(xy, ids, 0.6) == pairwise
