"""A bench instrument's trace kept chunk by chunk (bench_trace.keep_blocks), up to its cap of samples."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import msgspec
import numpy as np
import pytest

from conformance.areas.terminal import bench_trace
from conformance.areas.terminal.bench_trace import Trace, keep_blocks, timed
from conformance.areas.terminal.chunk import Chunk

RATE_HZ = 1000.0  # a sample a millisecond


@dataclass
class Frames:
    """The two things keep_blocks reads of a chunk: its frames and their times."""

    frames: list[Any]
    t: np.ndarray

    def __len__(self) -> int:
        return len(self.frames)


def chunk(blocks: list[bytes], first_t: int) -> Chunk:
    """One frame a block, 10 ms apart from ``first_t``."""
    t = np.arange(len(blocks), dtype=np.int64) * 10_000_000 + first_t
    return cast(Chunk, Frames([msgspec.Raw(b) for b in blocks], t))


def raw_of(frame: object) -> msgspec.Raw:
    """The frames here are their blocks themselves."""
    assert isinstance(frame, msgspec.Raw)
    return frame


def kept_samples(trace: Trace) -> list[float]:
    return timed(trace)[1].tolist()


def test_blocks_that_fit_are_kept_in_order_with_their_times() -> None:
    trace = Trace(RATE_HZ, "target")
    keep_blocks(trace, chunk([b"[1,2]", b"[3,4]"], 0), raw_of)
    keep_blocks(trace, chunk([b"[5,6]"], 100_000_000), raw_of)
    times, samples = timed(trace)
    assert samples.tolist() == [1, 2, 3, 4, 5, 6]
    assert times.tolist() == [0, 1e6, 1e7, 1.1e7, 1e8, 1.01e8]
    assert (trace.kept, trace.dropped, trace.unread) == (6, 0, 0)


def test_past_the_cap_a_block_is_dropped_and_a_later_smaller_one_still_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_trace, "MAX_TRACE_SAMPLES", 6)
    trace = Trace(RATE_HZ, "target")
    blocks = [b"[1,2,3]", b"[]", b'["a"]', b"[4,5]", b"[6,7,8,9]", b"[10]"]
    keep_blocks(trace, chunk(blocks, 0), raw_of)
    assert kept_samples(trace) == [1, 2, 3, 4, 5, 10]
    assert (trace.kept, trace.dropped, trace.unread) == (6, 4, 1)
    assert np.concatenate(trace.starts).tolist() == [0, 30_000_000, 50_000_000]  # each kept block's own time
    keep_blocks(trace, chunk([b"[11]", b"[12,13]"], 60_000_000), raw_of)
    assert (trace.kept, trace.dropped) == (6, 7)  # full: nothing more kept, all counted
    assert kept_samples(trace) == [1, 2, 3, 4, 5, 10]


def test_a_chunk_of_equal_blocks_is_kept_whole_or_block_by_block_at_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_trace, "MAX_TRACE_SAMPLES", 5)
    trace = Trace(RATE_HZ, "target")
    keep_blocks(trace, chunk([b"[1,2]", b"[3,4]", b"[5,6]"], 0), raw_of)
    assert kept_samples(trace) == [1, 2, 3, 4]
    assert (trace.kept, trace.dropped) == (4, 2)
