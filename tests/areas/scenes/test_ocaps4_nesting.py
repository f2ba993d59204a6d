"""The sixty-ninth reading, part h133-ocaps4: a composite nesting inner tiles past 5.1's reading bound 「复合瓦片的嵌套层数」
leaves its file unjudged (``Layout.deeper``); the inner tiles were skipped silently and the file judged on the rest."""

from __future__ import annotations

import struct

import pytest

from conformance.areas.scenes import legacy


def _nested(levels: int) -> bytes:
    """A composite holding a composite ... ``levels`` composites below the top one, the innermost empty."""
    tile = struct.pack("<4sIII", b"cmpt", 1, 16, 0)
    for _ in range(levels):
        tile = struct.pack("<4sIII", b"cmpt", 1, 16 + len(tile), 1) + tile
    return tile


def test_nesting_within_the_bound_is_judged_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    assert legacy.MAX_DEPTH == 8
    layout = legacy.inspect(_nested(8))
    assert layout.findings == [] and layout.deeper == []


def test_nesting_past_the_bound_is_unjudged_not_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    assert legacy.inspect(_nested(9)).deeper == ["/tiles/0" * 8]
    monkeypatch.setattr(legacy, "MAX_DEPTH", 2)
    layout = legacy.inspect(_nested(3))
    assert layout.deeper == ["/tiles/0/tiles/0"] and layout.findings == []
    assert legacy.inspect(_nested(2)).deeper == []
