"""The segmentation and keypoint checks' agreement on public COCO files stays at its recorded
level (bench/fidelity_labels.py). The corpus lives outside the repository, in the folder
CONFORMANCE_LABEL_CORPORA names; without it these tests are skipped."""

from __future__ import annotations

import os

import pytest

from tests.conftest import corpora_measured_once

#: corpus -> (items, agreeing) recorded in docs/data.md
RECORDED = {"rle": (739, 739), "raster": (62, 62), "coco-val": (1, 1), "reviewed": (39, 39), "altered": (10, 10)}

pytestmark = pytest.mark.skipif(not os.environ.get("CONFORMANCE_LABEL_CORPORA"),
                                reason="CONFORMANCE_LABEL_CORPORA names no corpus folder")


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every corpus measured once a test session, not once in each xdist worker that runs one
    of this module's tests: the tests only read the counts."""
    return corpora_measured_once(tmp_path_factory, "fidelity_labels", 1)


@pytest.mark.parametrize("corpus", sorted(RECORDED))
def test_agreement_holds_at_its_recorded_level(measured, corpus):
    total, agree = RECORDED[corpus]
    assert measured[corpus]["total"] == total
    assert measured[corpus]["agree"] >= agree, measured[corpus]["disagreements"]
